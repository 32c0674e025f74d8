package transport

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/knit-sdk/knit-go/apierror"
)

const fuzzKey = "fuzz-key-SECRET"

// fuzzRoundTripper answers every request in memory with a fixed status,
// body and Retry-After header.
type fuzzRoundTripper struct {
	status     int
	body       []byte
	retryAfter string
}

func (rt fuzzRoundTripper) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		_ = r.Body.Close()
	}
	h := http.Header{}
	h.Set(HeaderContentType, ContentTypeJSON)
	h.Set(HeaderExecutionID, "exec_fuzz")
	if rt.retryAfter != "" {
		h.Set(HeaderRetryAfter, rt.retryAfter)
	}
	return &http.Response{
		StatusCode:    rt.status,
		Header:        h,
		Body:          io.NopCloser(bytes.NewReader(rt.body)),
		ContentLength: -1,
		Request:       r,
	}, nil
}

// fuzzPage is a typical data target: a page of records plus raw values.
type fuzzPage struct {
	Jobs []struct {
		Info struct {
			ID    string `json:"id"`
			Title string `json:"title"`
		} `json:"info"`
		RawValues json.RawMessage `json:"rawValues"`
	} `json:"jobs"`
	NextPageToken string                     `json:"nextPageToken"`
	Extra         map[string]json.RawMessage `json:"extra"`
}

// FuzzEnvelope drives Client.Do with a fuzzed body, status and Retry-After
// header. Whatever the answer, Do must not panic, every error must be an
// *Error carrying the status, only a 2xx answer may succeed, and no error
// text may contain the API key or invalid UTF-8.
func FuzzEnvelope(f *testing.F) {
	f.Add([]byte(`{"success":true,"data":{"jobs":[{"info":{"id":"j1"}}],"nextPageToken":"t2"}}`), uint16(200), "")
	f.Add([]byte(`{"success":false,"error":{"msg":"Tool not supported for this app"}}`), uint16(404), "")
	f.Add([]byte(`{"success":false,"msg":"slow down"}`), uint16(429), "3")
	f.Fuzz(func(t *testing.T, body []byte, status uint16, retryAfter string) {
		code := 100 + int(status)%500 // 100..599
		rt := fuzzRoundTripper{status: code, body: body, retryAfter: retryAfter}
		cfg, err := NewConfig(fuzzKey,
			NewOption(func(c *Config) error { c.HTTPClient = &http.Client{Transport: rt}; return nil }),
			NewOption(func(c *Config) error { c.BaseURL = "http://127.0.0.1:1/v1.0"; return nil }),
			NewOption(func(c *Config) error { c.MaxRetries = 0; c.MaxResponseBytes = 16 << 10; return nil }),
		)
		if err != nil {
			t.Fatal(err)
		}
		c := New(cfg)
		for _, r := range []*Request{
			{HTTPMethod: http.MethodGet, Method: "ats.job.list", Out: &fuzzPage{}},
			{HTTPMethod: http.MethodPost, Method: "auth.createSession", Out: &map[string]any{}, OutFromMsg: true},
			{HTTPMethod: http.MethodGet, Method: "hr.employees.leave.balance"},
		} {
			r.IntegrationID, r.Scoped = "int_fuzz", true
			checkEnvelopeOutcome(t, code, body, c.Do(context.Background(), r, nil))
		}
	})
}

func checkEnvelopeOutcome(t *testing.T, code int, body []byte, err error) {
	t.Helper()
	ok := code >= 200 && code <= 299
	if err == nil {
		if !ok {
			t.Fatalf("status %d succeeded", code)
		}
		return
	}
	var e *apierror.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %T is not *apierror.Error: %v", err, err)
	}
	if e.StatusCode != code {
		t.Fatalf("Error.StatusCode = %d, want %d", e.StatusCode, code)
	}
	if !ok && !errors.Is(err, apierror.ErrServer) && code >= 500 {
		t.Fatalf("status %d does not match apierror.ErrServer: %v", code, err)
	}
	if code == http.StatusTooManyRequests && !errors.Is(err, apierror.ErrRateLimited) {
		t.Fatalf("429 does not match apierror.ErrRateLimited: %v", err)
	}
	if len(e.Body) > MaxErrorBodyBytes {
		t.Fatalf("Error.Body holds %d bytes, more than %d", len(e.Body), MaxErrorBodyBytes)
	}
	if e.RetryAfter < 0 {
		t.Fatalf("negative RetryAfter %s", e.RetryAfter)
	}
	text := err.Error()
	if !utf8.ValidString(text) {
		t.Fatalf("error text is not valid UTF-8: %q", text)
	}
	if !bytes.Contains(body, []byte(fuzzKey)) && strings.Contains(text, fuzzKey) {
		t.Fatalf("error text leaks the API key: %q", text)
	}
	if strings.ContainsAny(text, "\r\n") {
		t.Fatalf("error text is not one line: %q", text)
	}
}
