// Package apierror defines the error and response types every knit-go call
// returns: *[Error] for a failed Knit call, *[ParamError] for input refused
// before anything was sent, the sentinels to classify them with errors.Is,
// and [Response], filled by option.WithResponseInto.
//
// Most code never imports this package: the root package re-exports every
// name (knit.Error, knit.ParamError, knit.Response, knit.ErrNotFound, ...).
// It exists as a small leaf so that every package of the SDK, and go doc,
// can see the same types.
//
//	var kerr *knit.Error // the same type as *apierror.Error
//	if errors.As(err, &kerr) {
//		log.Printf("knit execution %s: %d %s", kerr.ExecutionID, kerr.StatusCode, kerr.Message)
//	}
package apierror

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Sentinel errors for errors.Is. An *Error matches the sentinel of its class;
// the root package knit re-exports each of them (knit.ErrNotFound is ErrNotFound).
var (
	ErrUnauthorized        = errors.New("knit: unauthorized")
	ErrForbidden           = errors.New("knit: forbidden")
	ErrNotFound            = errors.New("knit: not found")
	ErrNotSupported        = errors.New("knit: operation not supported for this app")
	ErrRateLimited         = errors.New("knit: rate limited")
	ErrServer              = errors.New("knit: server error")
	ErrIntegrationRequired = errors.New("knit: integration ID is required")
	ErrMalformedResponse   = errors.New("knit: malformed response")
	ErrInvalidParams       = errors.New("knit: invalid parameters")
)

// Error is the one error type of every failed Knit call: an HTTP error, a
// success:false envelope, a malformed response, or a transport failure (then
// StatusCode is 0 and Err holds the cause).
type Error struct {
	// StatusCode is the HTTP status of the last attempt (0 if none arrived).
	StatusCode int
	// Message is Knit's error.msg, when the body carried one.
	Message string
	// ExecutionID is the X-Knit-Execution-Id response header; quote it to Knit support.
	ExecutionID string
	// IntegrationID is the integration the call was made for ("" for account-level calls).
	IntegrationID string
	// Method is the Knit method name, e.g. "hr.employees.leave.balance".
	Method string
	// Attempts is how many HTTP attempts were made.
	Attempts int
	// Retryable reports whether the failure is transient (429, 408, 5xx except
	// 501, connection errors); a later identical call may succeed.
	Retryable bool
	// RetryAfter is the server's Retry-After, if it sent one.
	RetryAfter time.Duration
	// Body is at most the first 64 KiB of the response body.
	Body []byte
	// Err is the underlying cause for transport failures and malformed responses.
	Err error
}

// Error returns one readable line.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("knit: ")
	if e.Method != "" {
		b.WriteString(e.Method)
		b.WriteString(": ")
	}
	if e.StatusCode != 0 {
		b.WriteString(strconv.Itoa(e.StatusCode))
		if t := http.StatusText(e.StatusCode); t != "" {
			b.WriteByte(' ')
			b.WriteString(t)
		}
	}
	if e.Message != "" {
		if e.StatusCode != 0 {
			b.WriteString(": ")
		}
		b.WriteString(oneLine(e.Message, 300))
	}
	if e.Err != nil {
		if e.StatusCode != 0 || e.Message != "" {
			b.WriteString(": ")
		}
		b.WriteString(oneLine(strings.TrimPrefix(e.Err.Error(), "knit: "), 500))
	}
	var extra []string
	if e.Attempts > 1 {
		extra = append(extra, "gave up after "+strconv.Itoa(e.Attempts)+" attempts")
	}
	if e.IntegrationID != "" {
		extra = append(extra, "integration "+e.IntegrationID)
	}
	if e.ExecutionID != "" {
		extra = append(extra, "execution "+e.ExecutionID)
	}
	if len(extra) > 0 {
		b.WriteString(" (")
		b.WriteString(strings.Join(extra, ", "))
		b.WriteByte(')')
	}
	return b.String()
}

// Unwrap returns the underlying cause, so errors.Is(err, context.Canceled)
// and errors.As(err, **net.OpError) keep working.
func (e *Error) Unwrap() error { return e.Err }

// Is classifies the error against the package sentinels.
func (e *Error) Is(target error) bool {
	switch target {
	case ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized
	case ErrForbidden:
		return e.StatusCode == http.StatusForbidden
	case ErrNotSupported:
		return e.notSupported()
	case ErrNotFound:
		return e.StatusCode == http.StatusNotFound && !e.notSupported()
	case ErrRateLimited:
		return e.StatusCode == http.StatusTooManyRequests
	case ErrServer:
		return e.StatusCode >= 500 && e.StatusCode <= 599
	}
	return false
}

// notSupported recognises Knit's "Tool not supported for this app" answers,
// which arrive as a 404 (seen in third-party code calling Knit) or as
// success:false.
func (e *Error) notSupported() bool {
	if e.StatusCode != http.StatusNotFound && (e.StatusCode < 200 || e.StatusCode > 299) {
		return false
	}
	m := strings.ToLower(e.Message)
	return strings.Contains(m, "not supported") || strings.Contains(m, "unsupported")
}

// ParamError reports invalid input detected before anything is sent.
type ParamError struct {
	// Op is the SDK operation, e.g. "AuthSessions.Create".
	Op string
	// Field is the Go field (or argument) at fault, e.g. "OriginOrgID".
	Field string
	// Reason says what is wrong with it.
	Reason string
}

// Error returns e.g. `knit: AuthSessions.Create: OriginOrgID is required`.
func (e *ParamError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("knit: %s: %s", e.Op, e.Reason)
	}
	return fmt.Sprintf("knit: %s: %s %s", e.Op, e.Field, e.Reason)
}

// Is matches ErrInvalidParams.
func (e *ParamError) Is(target error) bool { return target == ErrInvalidParams }

// Response describes the HTTP response of a call; see option.WithResponseInto.
type Response struct {
	// StatusCode is the HTTP status of the final attempt.
	StatusCode int
	// Header holds the response headers of the final attempt.
	Header http.Header
	// ExecutionID is Knit's X-Knit-Execution-Id for the call; quote it to Knit support.
	ExecutionID string
}

// oneLine folds s onto one line (Knit's error.msg is free text and may hold
// line breaks) and caps it at max runes, so Error() stays one readable line.
func oneLine(s string, max int) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }) && len(s) <= max {
		return s
	}
	s = strings.Join(strings.FieldsFunc(strings.ToValidUTF8(s, "\uFFFD"), func(r rune) bool {
		return r == ' ' || r < 0x20 || r == 0x7f
	}), " ")
	if r := []rune(s); len(r) > max {
		s = string(r[:max]) + "…"
	}
	return s
}
