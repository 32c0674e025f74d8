package transport

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"runtime"
	"strings"

	"github.com/google/go-querystring/query"
	"github.com/hashicorp/go-retryablehttp"
)

// Response describes the HTTP response of a call; see option.WithResponseInto.
type Response struct {
	// StatusCode is the HTTP status of the final attempt.
	StatusCode int
	// Header holds the response headers of the final attempt.
	Header http.Header
	// ExecutionID is Knit's X-Knit-Execution-Id for the call.
	ExecutionID string
}

// Client is the shared, immutable transport. It is safe for concurrent use.
type Client struct {
	cfg *Config
}

// New returns a transport for cfg. cfg must come from NewConfig and is not
// modified afterwards.
func New(cfg *Config) *Client { return &Client{cfg: cfg} }

// Config returns the client's configuration; callers must not modify it.
func (c *Client) Config() *Config { return c.cfg }

// Request is one Knit call.
type Request struct {
	// HTTPMethod is GET or POST.
	HTTPMethod string
	// Method is the Knit method name appended to the base URL.
	Method string
	// IntegrationID is sent as X-Knit-Integration-Id when Scoped.
	IntegrationID string
	// Scoped marks integration-scoped calls; they fail with
	// ErrIntegrationRequired before sending when IntegrationID is empty.
	Scoped bool
	// Query is url.Values or a struct with `url` tags (go-querystring).
	Query any
	// Body is marshalled to JSON ([]byte and json.RawMessage are sent as is).
	// A POST without a body sends {}.
	Body any
	// Out receives the envelope's data (a pointer), or nil to discard it.
	Out any
	// OutFromMsg also decodes the envelope's msg into Out
	// (auth.createSession answers under msg).
	OutFromMsg bool
	// Idempotent overrides the retry class; nil means GET is idempotent and
	// POST is not.
	Idempotent *bool
}

var userAgent = "knit-go/" + Version + " go/" + runtime.Version()

// Do sends r through retries and decodes the envelope into r.Out.
func (c *Client) Do(ctx context.Context, r *Request, opts []Option) error {
	cfg := c.cfg
	if len(opts) > 0 {
		var err error
		if cfg, err = cfg.With(opts); err != nil {
			return fmt.Errorf("knit: %s: %w", r.Method, err)
		}
	}
	if r.Scoped && strings.TrimSpace(r.IntegrationID) == "" {
		return &Error{Method: r.Method, Err: ErrIntegrationRequired}
	}
	if !validMethodName(r.Method) {
		return InvalidParam("Do", "knitMethod", fmt.Sprintf("%q is not a Knit method name (want e.g. \"hr.employees.leave.balance\")", r.Method))
	}
	if ctx == nil {
		return InvalidParam(r.Method, "ctx", "is nil")
	}

	target := cfg.BaseURL + "/" + r.Method
	if r.Query != nil {
		q, err := EncodeQuery(r.Query)
		if err != nil {
			return InvalidParam(r.Method, "query", err.Error())
		}
		if q != "" {
			target += "?" + q
		}
	}

	var body []byte
	switch r.HTTPMethod {
	case http.MethodGet:
	case http.MethodPost:
		b, err := encodeBody(r.Body)
		if err != nil {
			return InvalidParam(r.Method, "body", err.Error())
		}
		body = b
	default:
		return InvalidParam(r.Method, "httpMethod", fmt.Sprintf("%q is not supported; Knit uses GET and POST", r.HTTPMethod))
	}

	var raw any
	if body != nil {
		raw = body
	}
	req, err := retryablehttp.NewRequestWithContext(ctx, r.HTTPMethod, target, raw)
	if err != nil {
		return &Error{Method: r.Method, IntegrationID: r.IntegrationID, Err: err}
	}
	h := req.Header
	for k, v := range cfg.Headers {
		h[k] = v
	}
	h.Set(HeaderAuthorization, "Bearer "+cfg.APIKey)
	h.Set(HeaderAccept, ContentTypeJSON)
	if body != nil {
		h.Set(HeaderContentType, ContentTypeJSON)
	}
	ua := userAgent
	if cfg.UserAgent != "" {
		ua = cfg.UserAgent + " " + userAgent
	}
	h.Set(HeaderUserAgent, ua)
	if r.Scoped {
		h.Set(HeaderIntegrationID, r.IntegrationID)
	} else {
		h.Del(HeaderIntegrationID)
	}

	idempotent := r.HTTPMethod == http.MethodGet
	if r.Idempotent != nil {
		idempotent = *r.Idempotent
	}
	st := &attempts{
		cfg:        cfg,
		method:     r.Method,
		integ:      r.IntegrationID,
		idempotent: idempotent,
		req:        r,
	}
	// The response is decoded inside retryablehttp's loop, so a body that
	// breaks off mid-read is a transport failure the retry policy sees.
	req.SetResponseHandler(st.onResponse)
	rc := st.retryClient()
	resp, err := rc.Do(req) //nolint:bodyclose // closed below, on every path, by drainAndClose
	if resp != nil {
		defer drainAndClose(resp.Body)
	}
	if err != nil {
		e := st.newError()
		e.Retryable = ctx.Err() == nil
		if resp != nil {
			e.StatusCode = resp.StatusCode
			e.ExecutionID = resp.Header.Get(HeaderExecutionID)
		}
		e.Err = err
		if st.bodyErr != nil && errors.Is(err, st.bodyErr) {
			e.Err = fmt.Errorf("reading the response body: %w", err)
		}
		return e
	}
	if st.handled {
		return st.result
	}
	// Retries ran out on a retryable status: the handler did not see it.
	return st.handle(resp)
}

// onResponse decodes the response of an attempt that will not be retried
// for its status. It reports only a broken body read as an error, so that
// checkRetry can retry it like any transport failure; every other outcome
// is kept in st.result.
func (st *attempts) onResponse(resp *http.Response) error {
	st.handled = true
	st.result = st.handle(resp)
	return st.bodyErr
}

// handle maps one HTTP response to r.Out or to an *Error.
func (st *attempts) handle(resp *http.Response) error {
	r := st.req
	st.bodyErr = nil
	execID := resp.Header.Get(HeaderExecutionID)
	if st.cfg.ResponseInto != nil {
		*st.cfg.ResponseInto = Response{StatusCode: resp.StatusCode, Header: resp.Header, ExecutionID: execID}
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return st.statusError(resp, execID)
	}

	st.cr = capReader{r: resp.Body, remaining: st.cfg.MaxResponseBytes}
	st.msg = msgHolder{}
	env := envelope{Data: discard{}, Msg: &st.msg}
	if r.Out != nil {
		if st.decoded {
			// An earlier attempt's body broke off mid-decode; start clean.
			resetOut(r.Out)
		}
		st.decoded = true
		env.Data = r.Out
		if r.OutFromMsg {
			env.Msg = r.Out
		}
	}
	decErr := json.NewDecoder(&st.cr).Decode(&env)
	if decErr == nil && env.Success != nil && *env.Success {
		return nil
	}
	e := st.newError()
	e.StatusCode = resp.StatusCode
	e.ExecutionID = execID
	if st.cr.readErr != nil {
		st.bodyErr = st.cr.readErr
		e.Err = fmt.Errorf("reading the response body: %w", st.cr.readErr)
		e.Retryable = true
		return e
	}
	if decErr != nil {
		if typeErr := (*json.UnmarshalTypeError)(nil); !errors.As(decErr, &typeErr) {
			e.Body = st.cr.head()
			switch {
			case errors.Is(decErr, errBodyTooLarge):
				e.Err = fmt.Errorf("%w: body exceeds the %d-byte limit (option.WithMaxResponseBytes)", ErrMalformedResponse, st.cfg.MaxResponseBytes)
			case errors.Is(decErr, io.EOF):
				e.Err = fmt.Errorf("%w: empty body", ErrMalformedResponse)
			case errors.Is(decErr, io.ErrUnexpectedEOF):
				e.Err = fmt.Errorf("%w: truncated JSON: %q", ErrMalformedResponse, excerpt(e.Body))
			default:
				e.Err = fmt.Errorf("%w: %w: %q", ErrMalformedResponse, decErr, excerpt(e.Body))
			}
			return e
		}
	}
	if env.Success != nil && !*env.Success {
		e.Message = env.errorMessage()
		if e.Message == "" {
			e.Message = "success is false and no error message was given"
		}
		return e
	}
	if decErr != nil {
		e.Err = fmt.Errorf("%w: %w", ErrMalformedResponse, decErr)
		return e
	}
	e.Body = st.cr.head()
	e.Err = fmt.Errorf("%w: no \"success\" field: %q", ErrMalformedResponse, excerpt(e.Body))
	return e
}

// resetOut zeroes the value out points to.
func resetOut(out any) {
	v := reflect.ValueOf(out)
	if v.Kind() == reflect.Pointer && !v.IsNil() && v.Elem().CanSet() {
		v.Elem().SetZero()
	}
}

func (st *attempts) statusError(resp *http.Response, execID string) error {
	body, _ := io.ReadAll(io.LimitReader(resp.Body, MaxErrorBodyBytes))
	e := st.newError()
	e.StatusCode = resp.StatusCode
	e.ExecutionID = execID
	e.Body = body
	e.Retryable = retryableStatus(resp.StatusCode)
	if d, ok := parseRetryAfter(resp.Header.Get(HeaderRetryAfter), now()); ok {
		e.RetryAfter = d
	}
	var env envelope
	env.Data, env.Msg = discard{}, &msgHolder{}
	if err := json.Unmarshal(body, &env); err == nil {
		e.Message = env.errorMessage()
	} else if len(bytes.TrimSpace(body)) > 0 {
		e.Err = fmt.Errorf("response body is not JSON: %q", excerpt(body))
	}
	return e
}

func retryableStatus(code int) bool {
	switch code {
	case http.StatusRequestTimeout, http.StatusTooManyRequests, http.StatusInternalServerError,
		http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// EncodeQuery encodes url.Values, map[string]string or a struct with `url`
// tags.
func EncodeQuery(q any) (string, error) {
	switch v := q.(type) {
	case nil:
		return "", nil
	case url.Values:
		return v.Encode(), nil
	case map[string]string:
		vals := make(url.Values, len(v))
		for k, s := range v {
			vals.Set(k, s)
		}
		return vals.Encode(), nil
	}
	vals, err := query.Values(q)
	if err != nil {
		return "", err
	}
	return vals.Encode(), nil
}

func encodeBody(b any) ([]byte, error) {
	switch v := b.(type) {
	case nil:
		return []byte("{}"), nil
	case json.RawMessage:
		if len(v) == 0 {
			return []byte("{}"), nil
		}
		if !json.Valid(v) {
			return nil, errors.New("is not valid JSON")
		}
		return v, nil
	case []byte:
		if len(v) == 0 {
			return []byte("{}"), nil
		}
		if !json.Valid(v) {
			return nil, errors.New("is not valid JSON")
		}
		return v, nil
	}
	return json.Marshal(b)
}

// validMethodName accepts Knit's dotted method names ("sync.custom.start").
func validMethodName(m string) bool {
	if m == "" || m[0] == '.' || m[len(m)-1] == '.' {
		return false
	}
	for i := 0; i < len(m); i++ {
		c := m[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '.', c == '_', c == '-':
		default:
			return false
		}
	}
	return true
}

func drainAndClose(b io.ReadCloser) {
	_, _ = io.CopyN(io.Discard, b, 4096)
	_ = b.Close()
}
