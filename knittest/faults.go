package knittest

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// faults are failures injected by the user's test.
type faults struct {
	rateLimited int
	retryAfter  time.Duration
	failN       int
	failStatus  int
	latency     time.Duration
}

// RecordedRequest is one request the server received.
type RecordedRequest struct {
	// Method is the Knit method name, e.g. "ats.job.list" ("connect" for the
	// hosted-UI stand-in that magic links open).
	Method string
	// HTTPMethod is the HTTP verb.
	HTTPMethod string
	// Header is a copy of the request headers with Authorization redacted.
	Header http.Header
	// Query is the URL query string, decoded.
	Query map[string][]string
	// Body is the raw request body.
	Body []byte
}

// IntegrationID returns the request's X-Knit-Integration-Id header.
func (r RecordedRequest) IntegrationID() string { return r.Header.Get(headerIntegrationID) }

func (s *Server) record(method string, r *http.Request, body []byte) {
	h := r.Header.Clone()
	if h.Get(headerAuthorization) != "" {
		h.Set(headerAuthorization, "REDACTED")
	}
	rr := RecordedRequest{
		Method: method, HTTPMethod: r.Method, Header: h,
		Query: r.URL.Query(), Body: append([]byte(nil), body...),
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, rr)
	s.requestBytes += len(rr.Body)
	for len(s.requests) > maxRecordedRequests || s.requestBytes > maxRecordedBodyBytes {
		s.requestBytes -= len(s.requests[0].Body)
		s.requests[0] = RecordedRequest{} // let the dropped body go
		s.requests = s.requests[1:]
	}
}

// The request log (Requests) keeps the newest 10,000 requests and at most
// 32 MiB of their bodies; older ones are dropped, so that a long-running
// `knit mock` does not grow without bound.
const (
	maxRecordedRequests  = 10_000
	maxRecordedBodyBytes = 32 << 20
)

// Requests returns a copy of the request log, oldest first: every
// authorized request received so far, up to the newest 10,000 and 32 MiB
// of bodies (older ones are dropped). Requests with a wrong or missing API
// key are answered 401 and not recorded.
func (s *Server) Requests() []RecordedRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]RecordedRequest(nil), s.requests...)
}

// RequestsFor returns the recorded requests for one Knit method.
func (s *Server) RequestsFor(method string) []RecordedRequest {
	var out []RecordedRequest
	for _, r := range s.Requests() {
		if r.Method == method {
			out = append(out, r)
		}
	}
	return out
}

// ResetRequests clears the request log.
func (s *Server) ResetRequests() {
	s.mu.Lock()
	s.requests, s.requestBytes = nil, 0
	s.mu.Unlock()
}

// InjectRateLimit makes the next n requests fail with 429 and a Retry-After
// header of retryAfter (rounded up to whole seconds; 0 sends "0").
func (s *Server) InjectRateLimit(n int, retryAfter time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults.rateLimited = max(n, 0)
	s.faults.retryAfter = retryAfter
}

// FailNext makes the next n requests fail with status (e.g. 500 or 503) and
// a Knit error envelope. A status outside 400–599 means 500.
func (s *Server) FailNext(n, status int) {
	if status < 400 || status > 599 {
		status = http.StatusInternalServerError
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults.failN = max(n, 0)
	s.faults.failStatus = status
}

// SetLatency delays every response by d (0 turns it off). The delay ends
// early when the client gives up on the request.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults.latency = max(d, 0)
}

// applyFaults waits the configured latency and consumes one injected
// failure, rate limits first.
func (s *Server) applyFaults(ctx context.Context, w http.ResponseWriter) *apiError {
	s.mu.Lock()
	lat := s.faults.latency
	var ae *apiError
	switch {
	case s.faults.rateLimited > 0:
		s.faults.rateLimited--
		secs := int((s.faults.retryAfter + time.Second - 1) / time.Second)
		w.Header().Set(headerRetryAfter, strconv.Itoa(secs))
		ae = errf(http.StatusTooManyRequests, "Rate limit exceeded, retry after %d seconds", secs)
	case s.faults.failN > 0:
		s.faults.failN--
		ae = errf(s.faults.failStatus, "Injected failure: %s", strings.ToLower(http.StatusText(s.faults.failStatus)))
	}
	s.mu.Unlock()
	if lat > 0 {
		t := time.NewTimer(lat)
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
		case <-s.ctx.Done():
		}
	}
	return ae
}
