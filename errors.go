package knit

import (
	"errors"

	"github.com/knit-sdk/knit-go/apierror"
)

// Error is the error of every failed Knit call: an HTTP error status, a
// success:false answer (even with HTTP 200), a malformed response, or a
// transport failure. Inspect it with errors.As:
//
//	var kerr *knit.Error
//	if errors.As(err, &kerr) {
//		log.Printf("knit execution %s: %s", kerr.ExecutionID, kerr.Message)
//	}
//
// Its fields (documented on apierror.Error):
//   - StatusCode int: HTTP status of the last attempt; 0 for a transport
//     failure (Unwrap then gives the cause, so errors.Is(err,
//     context.Canceled) works).
//   - Message string: Knit's error.msg.
//   - ExecutionID string: X-Knit-Execution-Id; quote it to Knit support.
//   - IntegrationID string: the integration the call was made for.
//   - Method string: the Knit method name, e.g. "hr.employees.leave.balance".
//   - Attempts int: how many HTTP attempts were made.
//   - Retryable bool: the failure is transient; a later identical call may succeed.
//   - RetryAfter time.Duration: the server's Retry-After, if it sent one.
//   - Body []byte: at most the first 64 KiB of the response body.
//   - Err error: the underlying cause of transport failures and malformed responses.
type Error = apierror.Error

// ParamError reports input refused before anything was sent; it matches
// ErrInvalidParams. Its fields (documented on apierror.ParamError):
//   - Op string: the SDK operation, e.g. "AuthSessions.Create".
//   - Field string: the Go field or argument at fault, e.g. "OriginOrgID".
//   - Reason string: what is wrong with it.
type ParamError = apierror.ParamError

// Response holds the HTTP response of a call, filled by
// option.WithResponseInto. Its fields (documented on apierror.Response):
//   - StatusCode int: HTTP status of the final attempt.
//   - Header http.Header: response headers of the final attempt.
//   - ExecutionID string: X-Knit-Execution-Id of the call.
type Response = apierror.Response

// Sentinel errors for errors.Is. An *Error matches the sentinel of its class.
var (
	// ErrUnauthorized: HTTP 401, a missing or wrong API key, or an unknown
	// integration.
	ErrUnauthorized = apierror.ErrUnauthorized
	// ErrForbidden: HTTP 403.
	ErrForbidden = apierror.ErrForbidden
	// ErrNotFound: HTTP 404 for a missing record ("No such employee exists").
	// A 404 that says the operation is not supported matches ErrNotSupported
	// instead.
	ErrNotFound = apierror.ErrNotFound
	// ErrNotSupported: the connected app does not support the operation
	// (Knit answers 404 "... not supported for this app"); check the
	// operation's Supported Apps table in Knit's docs.
	ErrNotSupported = apierror.ErrNotSupported
	// ErrRateLimited: HTTP 429, after the SDK's own retries. RetryAfter on
	// the *Error says how long the server asked to wait.
	ErrRateLimited = apierror.ErrRateLimited
	// ErrServer: HTTP 5xx, after the SDK's own retries where allowed.
	ErrServer = apierror.ErrServer
	// ErrIntegrationRequired: an integration-scoped call with an empty
	// integration ID; nothing was sent.
	ErrIntegrationRequired = apierror.ErrIntegrationRequired
	// ErrMalformedResponse: a 2xx answer that is not a Knit envelope (empty,
	// truncated, HTML, too large, or without "success").
	ErrMalformedResponse = apierror.ErrMalformedResponse
	// ErrInvalidParams: input refused before sending; see ParamError.
	ErrInvalidParams = apierror.ErrInvalidParams
)

// Errors of the account-level services.
var (
	// ErrMagicLinkUnavailable: Knit answered auth.createSession without a
	// magic link. The request flag is the SDK's guess (Knit documents magic
	// links as a dashboard feature); create the link in the Knit dashboard.
	ErrMagicLinkUnavailable = errors.New("knit: the answer carries no magic link (the API flag for magic links is not documented by Knit; create the link in the Knit dashboard)")
	// ErrIntegrationNotConfirmed: Integrations.Confirm could not find the
	// integration active under the claimed organisation, or the details
	// from the browser disagree with Knit's record.
	ErrIntegrationNotConfirmed = errors.New("knit: integration not confirmed")

	errNoToken = errors.New("knit: the answer carries neither a token nor a magic link")
)
