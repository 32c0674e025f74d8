package knit

import (
	"errors"

	"github.com/knit-sdk/knit-go/internal/transport"
)

// Error is the error of every failed Knit call: an HTTP error status, a
// success:false answer (even with HTTP 200), a malformed response, or a
// transport failure (StatusCode 0; Unwrap gives the cause, so
// errors.Is(err, context.Canceled) works). It carries Knit's error.msg, the
// X-Knit-Execution-Id to quote to Knit support, the integration ID and the
// Knit method name. Inspect it with errors.As:
//
//	var kerr *knit.Error
//	if errors.As(err, &kerr) {
//		log.Printf("knit execution %s: %s", kerr.ExecutionID, kerr.Message)
//	}
type Error = transport.Error

// ParamError reports input rejected before anything was sent; it names the
// field at fault and matches ErrInvalidParams.
type ParamError = transport.ParamError

// Response holds the HTTP status, headers and X-Knit-Execution-Id of a call;
// see option.WithResponseInto.
type Response = transport.Response

// Sentinel errors for errors.Is. An *Error matches the sentinel of its class.
var (
	// ErrUnauthorized: HTTP 401, a missing or wrong API key, or an unknown
	// integration.
	ErrUnauthorized = transport.ErrUnauthorized
	// ErrForbidden: HTTP 403.
	ErrForbidden = transport.ErrForbidden
	// ErrNotFound: HTTP 404 for a missing record ("No such employee exists").
	// A 404 that says the operation is not supported matches ErrNotSupported
	// instead.
	ErrNotFound = transport.ErrNotFound
	// ErrNotSupported: the connected app does not support the operation
	// (Knit answers 404 "... not supported for this app"); check the
	// operation's Supported Apps table in Knit's docs.
	ErrNotSupported = transport.ErrNotSupported
	// ErrRateLimited: HTTP 429, after the SDK's own retries. RetryAfter on
	// the *Error says how long the server asked to wait.
	ErrRateLimited = transport.ErrRateLimited
	// ErrServer: HTTP 5xx, after the SDK's own retries where allowed.
	ErrServer = transport.ErrServer
	// ErrIntegrationRequired: an integration-scoped call with an empty
	// integration ID; nothing was sent.
	ErrIntegrationRequired = transport.ErrIntegrationRequired
	// ErrMalformedResponse: a 2xx answer that is not a Knit envelope (empty,
	// truncated, HTML, too large, or without "success").
	ErrMalformedResponse = transport.ErrMalformedResponse
	// ErrInvalidParams: input rejected before sending; see ParamError.
	ErrInvalidParams = transport.ErrInvalidParams
)

// Errors of the account-level services.
var (
	// ErrMagicLinkUnavailable: Knit answered auth.createSession without a
	// magic link. The request flag is INFERRED (Knit documents magic links
	// as a dashboard feature); create the link in the Knit dashboard.
	ErrMagicLinkUnavailable = errors.New("knit: the answer carries no magic link (the API flag for magic links is not documented by Knit; create the link in the Knit dashboard)")
	// ErrIntegrationNotConfirmed: Integrations.Confirm could not find the
	// integration active under the claimed organisation, or the details
	// from the browser disagree with Knit's record.
	ErrIntegrationNotConfirmed = errors.New("knit: integration not confirmed")

	errNoToken = errors.New("knit: the answer carries neither a token nor a magic link")
)
