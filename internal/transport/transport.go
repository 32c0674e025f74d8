package transport

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"runtime"
	"strings"

	"github.com/google/go-querystring/query"
	"github.com/hashicorp/go-retryablehttp"

	"github.com/knit-sdk/knit-go/apierror"
)

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
	// OutIsCallers marks Out as a value of the caller's own type (the out
	// of Client.Do): it is decoded like encoding/json does
	// (knitjson.UnmarshalCaller), not with the rules for the SDK's models.
	OutIsCallers bool
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
		return &apierror.Error{Method: r.Method, Err: apierror.ErrIntegrationRequired}
	}
	if !validMethodName(r.Method) {
		return InvalidParam("Do", "knitMethod", fmt.Sprintf("%q is not a Knit method name (want e.g. \"hr.employees.leave.balance\")", r.Method))
	}
	if ctx == nil {
		return InvalidParam(r.Method, "ctx", "is nil")
	}
	if cfg.CallTimeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, cfg.CallTimeout)
		defer cancel()
	}
	return scrubResult(c.send(ctx, cfg, r), cfg.APIKey)
}

// send builds r's HTTP request and runs it through retries.
func (c *Client) send(ctx context.Context, cfg *Config, r *Request) (err error) {
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

	var st *call
	if cfg.observed() {
		st = newObservedCall(cfg)
		ctx = st.observe(ctx, r)
		// Hooks see the error the caller gets: scrubbed of the API key.
		defer func() { st.finish(scrubResult(err, cfg.APIKey)) }()
	} else {
		st = &call{}
	}

	var raw any
	if body != nil {
		raw = body
	}
	req, err := retryablehttp.NewRequestWithContext(ctx, r.HTTPMethod, target, raw)
	if err != nil {
		return &apierror.Error{Method: r.Method, IntegrationID: r.IntegrationID, Err: err}
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
	st.retry = retryState{
		cfg:        cfg,
		ctx:        ctx,
		method:     r.Method,
		integ:      r.IntegrationID,
		idempotent: idempotent,
	}
	st.dec = responseDecoder{retry: &st.retry, req: r}
	// The response is decoded inside retryablehttp's loop (see
	// responseDecoder), so a body that breaks off mid-read is a transport
	// failure the retry policy sees.
	req.SetResponseHandler(st.dec.onResponse)
	if cerr := ctx.Err(); cerr != nil {
		// Ended before anything was sent: zero attempts, not one.
		e := st.retry.newError()
		e.Err = cerr
		return e
	}
	rc := st.retryClient()
	resp, err := rc.Do(req) //nolint:bodyclose // closed below, on every path, by drainAndClose
	if resp != nil {
		defer drainAndClose(resp.Body)
	}
	if err != nil {
		e := st.retry.newError()
		e.Retryable = ctx.Err() == nil
		if resp != nil {
			e.StatusCode = resp.StatusCode
			e.ExecutionID = executionID(resp.Header, cfg.APIKey)
		}
		e.Err = redactQuery(err, req.URL)
		if st.dec.bodyErr != nil && errors.Is(err, st.dec.bodyErr) {
			e.Err = fmt.Errorf("reading the response body: %w", e.Err)
		}
		return e
	}
	if st.dec.handled {
		return st.dec.result
	}
	// Retries ran out on a retryable status: the handler did not see it.
	return st.dec.handle(resp)
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
