package transport

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"unicode"

	"github.com/knit-sdk/knit-go/apierror"
)

// RedactedKey replaces the API key wherever a server echoed it into a
// message or body the SDK returns or logs.
const RedactedKey = "[REDACTED API KEY]"

// minScrubKeyLen is the shortest key scrubbed from text: replacing a very
// short test key ("k") everywhere would garble every message, and real Knit
// keys are far longer.
const minScrubKeyLen = 8

// CleanAPIKey trims surrounding whitespace (a key read from a file or an
// environment variable often ends in a newline) and refuses a key that is
// empty or holds whitespace or control characters inside, which no Knit key
// does. The error never contains the key.
func CleanAPIKey(key string) (string, error) {
	k := strings.TrimSpace(key)
	if k == "" {
		return "", errors.New("the API key is empty (get one from the Knit dashboard)")
	}
	if i := strings.IndexFunc(k, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }); i >= 0 {
		return "", fmt.Errorf("the API key contains whitespace or a control character at byte %d; copy the key again from the Knit dashboard", i)
	}
	return k, nil
}

// ScrubString replaces key in s with RedactedKey (keys shorter than 8 bytes
// are left alone: replacing them would garble ordinary text).
func ScrubString(s, key string) string { return scrubString(s, key) }

// scrubString replaces key in s.
func scrubString(s, key string) string {
	if len(key) < minScrubKeyLen || !strings.Contains(s, key) {
		return s
	}
	return strings.ReplaceAll(s, key, RedactedKey)
}

// cutScrubbed returns b, or a copy of b, with key replaced and cut to at
// most limit bytes. The key is replaced before the cut, and a cut that
// splits what remains of a key is moved back to before it: a key echoed
// across the limit would otherwise keep all but a few of its characters.
func cutScrubbed(b []byte, limit int, key string) []byte {
	cut := len(b) > limit
	if cut {
		// A key can only straddle the limit within len(key) bytes of it.
		b = b[:min(len(b), limit+len(key))]
	}
	clean := scrubBytes(b, key)
	clean = clean[:min(len(clean), limit)]
	if cut {
		clean = trimKeyPrefix(clean, key)
	}
	return append([]byte(nil), clean...)
}

// scrubBytes returns b, or a copy with key replaced when b holds it.
func scrubBytes(b []byte, key string) []byte {
	if len(key) < minScrubKeyLen || !bytes.Contains(b, []byte(key)) {
		return b
	}
	return bytes.ReplaceAll(b, []byte(key), []byte(RedactedKey))
}

// trimKeyPrefix removes from the end of s the longest beginning of key that
// s ends with: the part of a key a cut left behind. It may remove a few
// characters that only look like the key's first ones; an excerpt loses
// nothing that matters by that.
func trimKeyPrefix[T string | []byte](s T, key string) T {
	if len(key) < minScrubKeyLen {
		return s
	}
	for n := min(len(key)-1, len(s)); n > 0; n-- {
		if string(s[len(s)-n:]) == key[:n] {
			return s[:len(s)-n]
		}
	}
	return s
}

// transportErrorText is what the SDK's own log lines say of a transport
// error: its text only when this machine made it (a dial or read failure,
// a timeout, a connection closed early, a canceled context), without the
// request URL that *url.Error prefixes. Other text may quote the server's
// bytes (net/http's `malformed HTTP status code "..."` and `malformed MIME
// header` errors), which can echo a query value the request carried, so it
// reads "transport failure". The error the call returns keeps the full
// text: it is the caller's value, as net/http's is. knitotel's
// attemptStatus applies the same rule to attempt spans (a separate module
// that imports no core internal package keeps its own copy).
func transportErrorText(err error) string {
	op := ""
	var ue *url.Error
	if errors.As(err, &ue) && ue.Err != nil {
		op, err = ue.Op+": ", ue.Err
	}
	var oe *net.OpError
	var ne net.Error
	switch {
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded),
		errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return op + err.Error()
	case errors.As(err, &oe):
		return op + oe.Error()
	case errors.As(err, &ne) && ne.Timeout():
		return op + "timeout"
	}
	return op + "transport failure"
}

// redactQuery returns err unchanged unless its text names u and u has a
// query (a *url.Error and retryablehttp's "giving up" message both name the
// request URL); then an error whose text has every query value replaced by
// REDACTED and that matches what err matched. Query values are record IDs,
// page tokens and e-mail filters: they stay out of error texts (log lines
// leave the URL out, see transportErrorText).
func redactQuery(err error, u *url.URL) error {
	if err == nil || u == nil || u.RawQuery == "" {
		return err
	}
	full, msg := u.String(), err.Error()
	if !strings.Contains(msg, full) {
		return err
	}
	cp := *u
	q := cp.Query()
	for k := range q {
		q[k] = []string{"REDACTED"}
	}
	cp.RawQuery = q.Encode()
	return &scrubbedError{msg: strings.ReplaceAll(msg, full, cp.String()), err: err}
}

// executionID returns h's X-Knit-Execution-Id with key scrubbed: a server
// echoing the key there would put it into errors, log lines and hooks.
func executionID(h http.Header, key string) string {
	return scrubString(h.Get(HeaderExecutionID), key)
}

// scrubHeader returns h, or a copy with key replaced in every value when a
// (misbehaving) server or proxy echoed the key in a response header.
func scrubHeader(h http.Header, key string) http.Header {
	if len(key) < minScrubKeyLen {
		return h
	}
	var out http.Header
	for k, vs := range h {
		for i, v := range vs {
			if !strings.Contains(v, key) {
				continue
			}
			if out == nil {
				out = h.Clone()
			}
			out[k][i] = scrubString(v, key)
		}
	}
	if out == nil {
		return h
	}
	return out
}

// ScrubError returns err, or an error with key replaced in its text that
// still matches what err matched under errors.Is and errors.As.
func ScrubError(err error, key string) error { return scrubError(err, key) }

// scrubError returns err unchanged unless its text contains key; then it
// returns an error with the key replaced that still matches what err
// matched under errors.Is and errors.As.
func scrubError(err error, key string) error {
	if err == nil || len(key) < minScrubKeyLen {
		return err
	}
	msg := err.Error()
	if !strings.Contains(msg, key) {
		return err
	}
	return &scrubbedError{msg: strings.ReplaceAll(msg, key, RedactedKey), err: err}
}

// scrubbedError hides its cause's text (it holds the key) but not its
// identity: Is and As delegate, there is deliberately no Unwrap, so no
// errors.Unwrap chain leads back to the unscrubbed text.
type scrubbedError struct {
	msg string
	err error
}

func (e *scrubbedError) Error() string        { return e.msg }
func (e *scrubbedError) Is(target error) bool { return errors.Is(e.err, target) }
func (e *scrubbedError) As(target any) bool   { return errors.As(e.err, target) }

// scrub removes the configured key from every text field of e.
func scrub(e *apierror.Error, key string) {
	if len(key) < minScrubKeyLen {
		return
	}
	e.Message = scrubString(e.Message, key)
	if bytes.Contains(e.Body, []byte(key)) {
		e.Body = bytes.ReplaceAll(e.Body, []byte(key), []byte(RedactedKey))
	}
	e.Err = scrubError(e.Err, key)
}

// scrubResult applies scrub to err when it is an *Error.
func scrubResult(err error, key string) error {
	var e *apierror.Error
	if errors.As(err, &e) {
		scrub(e, key)
	}
	return err
}

// safeClient returns the client every request goes through: a shallow copy
// of hc (hc itself is never modified) that
//
//   - never follows a redirect: the Authorization header (the API key) would
//     go to whatever the Location names, perhaps over plain http, and a
//     redirected POST would be resent. The 3xx is returned as is and
//     becomes an *Error naming the status and the Location;
//   - isolates its transport's CloseIdleConnections: go-retryablehttp calls
//     it after every failed call, which would close every idle keep-alive
//     connection of hc's pool, the whole application's when hc is
//     http.DefaultClient.
func safeClient(hc *http.Client) *http.Client {
	cp := *hc
	cp.CheckRedirect = refuseRedirect
	rt := hc.Transport
	if rt == nil {
		rt = http.DefaultTransport // what hc would use; only read, never modified
	}
	cp.Transport = keepIdle{rt}
	return &cp
}

func refuseRedirect(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// keepIdle forwards RoundTrip and hides every other method of the wrapped
// transport, CloseIdleConnections in particular.
type keepIdle struct{ rt http.RoundTripper }

func (k keepIdle) RoundTrip(r *http.Request) (*http.Response, error) { return k.rt.RoundTrip(r) }

// redirectError describes a refused redirect.
func redirectError(resp *http.Response) error {
	loc := resp.Header.Get("Location")
	if loc == "" {
		loc = "(no Location header)"
	} else if u, err := url.Parse(loc); err == nil && u.RawQuery != "" {
		// The query may carry tokens: name the place, not the values.
		u.RawQuery = "(query removed)"
		loc = u.String()
	}
	return fmt.Errorf("redirect to %s refused: the SDK never follows redirects, so that the API key goes nowhere but the base URL (check option.WithBaseURL)", loc)
}

// isRedirect reports a 3xx status with a redirect meaning (304 Not Modified
// and 300 Multiple Choices included: none is a valid Knit answer).
func isRedirect(code int) bool { return code >= 300 && code <= 399 }
