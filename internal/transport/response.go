package transport

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"reflect"

	"github.com/knit-sdk/knit-go/apierror"
	"github.com/knit-sdk/knit-go/internal/knitjson"
)

// responseDecoder maps the HTTP response of one call to the caller's Out or
// to an *Error.
//
// Why it runs inside retryablehttp's loop (as the request's
// ResponseHandler) rather than after Do returns: a 200 whose body breaks off
// mid-read is a transport failure, and only inside the loop can the retry
// policy see it and retry an idempotent call. The protocol with Do and
// checkRetry:
//   - onResponse decodes the attempt and keeps the outcome in result
//     (handled = true); it returns an error only for a broken body read
//     (bodyErr), which retryablehttp hands to checkRetry like a dial error.
//   - decoded records that some attempt wrote into Out, so a retry starts
//     from a zeroed Out instead of merging two half-decoded bodies.
//   - A response retried for its status (429, 5xx) never reaches
//     onResponse; when retries run out on one, Do calls handle itself.
type responseDecoder struct {
	retry *retryState
	req   *Request

	msg     msgHolder
	handled bool  // the last attempt's response went through handle
	decoded bool  // some attempt started decoding into req.Out
	result  error // handle's outcome for the last attempt
	bodyErr error // the last attempt's body broke off mid-read
}

// onResponse decodes the response of an attempt that will not be retried
// for its status. It reports only a broken body read as an error, so that
// checkRetry can retry it like any transport failure; every other outcome
// is kept in d.result.
func (d *responseDecoder) onResponse(resp *http.Response) error {
	d.handled = true
	d.result = d.handle(resp)
	return d.bodyErr
}

// handle maps one HTTP response to r.Out or to an *Error.
func (d *responseDecoder) handle(resp *http.Response) error {
	r := d.req
	d.bodyErr = nil
	execID := executionID(resp.Header, d.retry.cfg.APIKey)
	if d.retry.cfg.ResponseInto != nil {
		*d.retry.cfg.ResponseInto = apierror.Response{StatusCode: resp.StatusCode, Header: scrubHeader(resp.Header, d.retry.cfg.APIKey), ExecutionID: execID}
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return d.statusError(resp, execID)
	}

	body, tooLarge, readErr := readBody(resp.Body, resp.ContentLength, d.retry.cfg.MaxResponseBytes)
	defer body.release()
	d.msg = msgHolder{}
	env := envelope{Msg: target{v: &d.msg}}
	if r.Out != nil {
		if d.decoded {
			// An earlier attempt's body broke off mid-decode; start clean.
			resetOut(r.Out)
		}
		env.Data = target{v: r.Out}
		if r.OutFromMsg {
			env.Msg = target{v: r.Out}
		}
	}
	var callerErr error
	if r.OutIsCallers {
		env.Data.callerErr = &callerErr
		if r.OutFromMsg {
			env.Msg.callerErr = &callerErr
		}
	}
	newErr := func() *apierror.Error {
		e := d.retry.newError()
		e.StatusCode = resp.StatusCode
		e.ExecutionID = execID
		return e
	}
	if readErr != nil {
		d.bodyErr = readErr
		e := newErr()
		e.Err = fmt.Errorf("reading the response body: %w", readErr)
		e.Retryable = true
		return e
	}
	if tooLarge {
		e := newErr()
		e.Body = body.head(d.retry.cfg.APIKey)
		e.Err = fmt.Errorf("%w: body exceeds the %d-byte limit (option.WithMaxResponseBytes)", apierror.ErrMalformedResponse, d.retry.cfg.MaxResponseBytes)
		return e
	}
	if len(bytes.TrimSpace(body.b)) == 0 {
		e := newErr()
		e.Err = fmt.Errorf("%w: empty body", apierror.ErrMalformedResponse)
		return e
	}
	// The whole body is in memory: decoding it is faster than a decoder on
	// the stream. Decoded values never alias body.b (strings are copied,
	// json.RawMessage copies), so the buffer can be reused.
	if r.Out != nil {
		d.decoded = true
	}
	decErr := knitjson.Unmarshal(body.b, &env)
	if decErr == nil && callerErr != nil && (env.Success == nil || *env.Success) {
		// Well-formed, but the data does not fit the caller's type.
		e := newErr()
		e.Err = fmt.Errorf("%w: data: %w", apierror.ErrMalformedResponse, callerErr)
		return e
	}
	if decErr == nil && env.Success != nil && *env.Success {
		return nil
	}
	e := newErr()
	if decErr != nil {
		if !isTypeError(decErr) {
			e.Body = body.head(d.retry.cfg.APIKey)
			if truncated(decErr) {
				e.Err = fmt.Errorf("%w: truncated JSON: %q", apierror.ErrMalformedResponse, excerpt(e.Body, d.retry.cfg.APIKey))
			} else {
				e.Err = fmt.Errorf("%w: %w: %q", apierror.ErrMalformedResponse, decErr, excerpt(e.Body, d.retry.cfg.APIKey))
			}
			return e
		}
		// The body is well-formed JSON but some value has the wrong type,
		// which stops the decoder where it is: read the envelope alone,
		// so that a refusal ("success": false) still gives its message.
		env = envelope{Msg: target{v: &d.msg}}
		_ = knitjson.Unmarshal(body.b, &env)
	}
	if env.Success != nil && !*env.Success {
		e.Message = env.errorMessage(d.retry.cfg.APIKey)
		if e.Message == "" {
			e.Message = "success is false and no error message was given"
		}
		return e
	}
	if decErr != nil {
		e.Err = fmt.Errorf("%w: %w", apierror.ErrMalformedResponse, decErr)
		return e
	}
	e.Body = body.head(d.retry.cfg.APIKey)
	e.Err = fmt.Errorf("%w: no \"success\" field: %q", apierror.ErrMalformedResponse, excerpt(e.Body, d.retry.cfg.APIKey))
	return e
}

// resetOut zeroes the value out points to.
func resetOut(out any) {
	v := reflect.ValueOf(out)
	if v.Kind() == reflect.Pointer && !v.IsNil() && v.Elem().CanSet() {
		v.Elem().SetZero()
	}
}

func (d *responseDecoder) statusError(resp *http.Response, execID string) error {
	key := d.retry.cfg.APIKey
	// One byte more than kept, to know whether the limit cut the body.
	body, _ := io.ReadAll(io.LimitReader(resp.Body, MaxErrorBodyBytes+1))
	body = cutScrubbed(body, MaxErrorBodyBytes, key)
	e := d.retry.newError()
	e.StatusCode = resp.StatusCode
	e.ExecutionID = execID
	e.Body = body
	e.Retryable = retryableStatus(resp.StatusCode)
	if d, ok := parseRetryAfter(resp.Header.Get(HeaderRetryAfter), now()); ok {
		e.RetryAfter = d
	}
	var env envelope
	env.Msg = target{v: &msgHolder{}}
	if isRedirect(resp.StatusCode) {
		// Never followed (see safeClient): say where it pointed.
		e.Err = redirectError(resp)
		if err := knitjson.Unmarshal(body, &env); err == nil {
			e.Message = env.errorMessage(key)
		}
		return e
	}
	if err := knitjson.Unmarshal(body, &env); err == nil {
		e.Message = env.errorMessage(key)
	} else if len(bytes.TrimSpace(body)) > 0 {
		e.Err = fmt.Errorf("response body is not JSON: %q", excerpt(body, key))
	}
	return e
}
