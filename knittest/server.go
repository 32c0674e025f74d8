package knittest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"time"
)

// maxBodyBytes bounds request bodies the playground reads.
const maxBodyBytes = 8 << 20

// Server is an in-process fake of the Knit API ("playground") on a loopback
// httptest server. It is safe for concurrent use. Create it with NewServer
// and stop it with Close.
type Server struct {
	cfg     config
	ts      *httptest.Server
	routes  map[string]route
	hooks   *http.Client
	ctx     context.Context
	cancel  context.CancelFunc
	wg      sync.WaitGroup
	closeMu sync.Once

	mu           sync.Mutex
	closing      bool // Close has begun: start no delivery
	data         *dataset
	seq          map[string]int
	eventTag     string // makes event IDs unique across servers and processes
	loopbackOnly bool   // listening on loopback: the control API checks Host
	sessions     map[string]*session
	integrations map[string]*integration
	intOrder     []string
	webhooks     map[string]string
	runs         map[string]*syncRun
	activations  map[string]*syncRun // by integration ID
	syncJobs     map[string]string
	customJobs   map[string]string
	snapshots    map[string]map[string]json.RawMessage
	requests     []RecordedRequest
	requestBytes int // body bytes in requests
	faults       faults
}

// route is one Knit method.
type route struct {
	verb     string
	scoped   bool   // needs X-Knit-Integration-Id
	category string // integrations of another category get 404 "not supported"
	handler  func(*call) (any, *apiError)
}

// call is one request as a handler sees it. Handlers run with s.mu held.
type call struct {
	s      *Server
	r      *http.Request
	query  url.Values
	body   []byte
	integ  *integration // nil on account-level calls
	now    time.Time
	method string
}

// apiError is a failed call: an HTTP status and Knit's error.msg.
type apiError struct {
	status int
	msg    string
}

func errf(status int, format string, args ...any) *apiError {
	return &apiError{status: status, msg: fmt.Sprintf(format, args...)}
}

func badRequest(format string, args ...any) *apiError {
	return errf(http.StatusBadRequest, format, args...)
}

func notFound(format string, args ...any) *apiError {
	return errf(http.StatusNotFound, format, args...)
}

// msgNoSuchEmployee is Knit's error.msg for an unknown employee, word for
// word from https://developers.getknit.dev/reference/api-response-structures
// (the ID is not appended: Knit's example does not).
const msgNoSuchEmployee = "No such employee exists"

func errNoSuchEmployee() *apiError {
	return &apiError{status: http.StatusNotFound, msg: msgNoSuchEmployee}
}

// NewServer starts a playground server with a dataset generated from the
// seed (DefaultSeed unless WithSeed). Call Close when done, or pass WithT so
// the test's Cleanup does it.
func NewServer(opts ...Option) *Server {
	cfg := defaultConfig()
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &Server{
		cfg:    cfg,
		ctx:    ctx,
		cancel: cancel,
		// Its own transport, not http.DefaultTransport: every httptest.Server's
		// Close calls CloseIdleConnections on the default one, which would
		// break deliveries in flight in a test binary running tests in parallel
		// (a delivery then counts two attempts).
		hooks:        &http.Client{Timeout: 10 * time.Second, Transport: http.DefaultTransport.(*http.Transport).Clone()},
		data:         generate(cfg.seed),
		seq:          make(map[string]int),
		eventTag:     newEventTag(),
		sessions:     make(map[string]*session),
		integrations: make(map[string]*integration),
		webhooks:     make(map[string]string),
		runs:         make(map[string]*syncRun),
		activations:  make(map[string]*syncRun),
		syncJobs:     make(map[string]string),
		customJobs:   make(map[string]string),
		snapshots:    make(map[string]map[string]json.RawMessage),
	}
	s.routes = s.buildRoutes()
	s.ts = httptest.NewUnstartedServer(s)
	if cfg.listener != nil { // Listen
		_ = s.ts.Listener.Close()
		s.ts.Listener = cfg.listener
	}
	if tcp, ok := s.ts.Listener.Addr().(*net.TCPAddr); ok {
		s.loopbackOnly = tcp.IP.IsLoopback()
	}
	s.ts.Start()
	if cfg.t != nil {
		cfg.t.Helper()
		cfg.t.Cleanup(s.Close)
	}
	return s
}

// URL returns the API base URL, including the /v1.0 version segment, e.g.
// "http://127.0.0.1:41234/v1.0". Pass it to option.WithBaseURL.
func (s *Server) URL() string { return s.ts.URL + basePath }

// APIKey returns the API key the server accepts and signs webhooks with.
func (s *Server) APIKey() string { return s.cfg.apiKey }

// Close stops the server and every webhook delivery in flight, and waits for
// them to end. It is safe to call more than once.
func (s *Server) Close() {
	s.closeMu.Do(func() {
		// Under s.mu, so that no startDelivery can Add to wg once Wait runs.
		s.mu.Lock()
		s.closing = true
		s.mu.Unlock()
		s.cancel()
		s.wg.Wait()
		s.hooks.CloseIdleConnections()
		s.ts.Close()
	})
}

// nextID returns prefix followed by a per-prefix counter, e.g. "sr_000012".
// Event IDs ("ev_") also carry the server's random eventTag,
// "ev_5c0f2a1e_000012": Knit's event IDs are unique, and a persistent
// deduper (Redis, Postgres) would otherwise answer a second run's events 200
// as duplicates of the first's. Callers hold s.mu.
func (s *Server) nextID(prefix string) string {
	s.seq[prefix]++
	if prefix == eventIDPrefix {
		return fmt.Sprintf("%s%s_%06d", prefix, s.eventTag, s.seq[prefix])
	}
	return fmt.Sprintf("%s%06d", prefix, s.seq[prefix])
}

// eventIDPrefix starts every event ID the server makes.
const eventIDPrefix = "ev_"

// newEventTag returns 8 random hex digits, unique per server in practice.
func newEventTag() string {
	var b [4]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24)
	return hex.EncodeToString(b[:])
}

func (s *Server) executionID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.nextID("exec_")
}

// ServeHTTP implements http.Handler: the whole Knit API surface.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.cfg.control && strings.HasPrefix(r.URL.Path, ControlPath) {
		s.serveControl(w, r)
		return
	}
	w.Header().Set(headerExecutionID, s.executionID())
	if strings.HasPrefix(r.URL.Path, connectPath) {
		s.serveConnect(w, r)
		return
	}
	// Authorized before the body is read: an unauthenticated caller must
	// not fill the request log (or consume injected faults).
	if !s.authorized(r) {
		writeError(w, errf(http.StatusUnauthorized, "Invalid API key: send Authorization: Bearer <API key>"))
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	if err != nil {
		writeError(w, badRequest("reading the request body: %v", err))
		return
	}
	if len(body) > maxBodyBytes {
		writeError(w, errf(http.StatusRequestEntityTooLarge, "request body is larger than %d bytes", maxBodyBytes))
		return
	}
	method := strings.TrimPrefix(r.URL.Path, basePath+"/")
	s.record(method, r, body)

	if ae := s.applyFaults(r.Context(), w); ae != nil {
		writeError(w, ae)
		return
	}
	rt, ok := s.routes[method]
	if !strings.HasPrefix(r.URL.Path, basePath+"/") || !ok {
		writeError(w, notFound("Unknown method %q", method))
		return
	}
	if r.Method != rt.verb {
		w.Header().Set("Allow", rt.verb)
		writeError(w, errf(http.StatusMethodNotAllowed, "%s must be called with %s, not %s", method, rt.verb, r.Method))
		return
	}

	s.mu.Lock()
	c := &call{s: s, r: r, query: r.URL.Query(), body: body, now: s.cfg.clock(), method: method}
	var ae *apiError
	if rt.scoped {
		c.integ, ae = s.scope(r.Header.Get(headerIntegrationID), c.now)
		if ae == nil && rt.category != "" && !strings.EqualFold(rt.category, c.integ.Category) {
			ae = notFound("Tool not supported for this app: %s is a method of category %s, and %s is an app of category %s", method, rt.category, c.integ.AppID, c.integ.Category)
		}
	}
	var data any
	if ae == nil {
		data, ae = rt.handler(c)
	}
	s.mu.Unlock()

	if ae != nil {
		writeError(w, ae)
		return
	}
	if msg, ok := data.(msgResponse); ok {
		writeJSON(w, http.StatusOK, map[string]any{"success": true, "msg": map[string]any(msg)})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"success": true, "data": data})
}

func (s *Server) authorized(r *http.Request) bool {
	got, ok := strings.CutPrefix(r.Header.Get(headerAuthorization), "Bearer ")
	return ok && got == s.cfg.apiKey
}

// decode unmarshals the JSON body into v; an empty body counts as {}.
func (c *call) decode(v any) *apiError {
	if len(strings.TrimSpace(string(c.body))) == 0 {
		return nil
	}
	if err := json.Unmarshal(c.body, v); err != nil {
		return badRequest("Invalid JSON body for %s: %v", c.method, err)
	}
	return nil
}

// required returns the query parameter name, or a 400 naming it.
func (c *call) required(name string) (string, *apiError) {
	v := strings.TrimSpace(c.query.Get(name))
	if v == "" {
		return "", badRequest("%s is required", name)
	}
	return v, nil
}

func writeError(w http.ResponseWriter, ae *apiError) {
	writeJSON(w, ae.status, map[string]any{"success": false, "error": map[string]string{"msg": ae.msg}})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"success":false,"error":{"msg":"playground: encoding the response failed"}}`)
	}
	w.Header().Set(headerContentType, contentTypeJSON)
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

func (s *Server) buildRoutes() map[string]route {
	get, post := http.MethodGet, http.MethodPost
	rt := map[string]route{
		methodCreateSession:         {post, false, "", s.handleCreateSession},
		methodIntegrationDetails:    {get, false, "", s.handleIntegrationDetails},
		methodIntegrationDeactivate: {post, true, "", s.handleIntegrationDeactivate},
		methodSyncStart:             {post, true, "", s.handleSyncStart},
		methodSyncCustomStart:       {post, true, "", s.handleSyncCustomStart},
		methodPassthrough:           {post, true, "", s.handlePassthrough},
		methodATSJobList:            {get, true, catATS, s.handleJobList},
		methodATSJobCreate:          {post, true, catATS, s.handleJobCreate},
		methodATSApplicationList:    {get, true, catATS, s.handleApplicationList},
		methodATSApplicationGet:     {get, true, catATS, s.handleApplicationGet},
		methodATSApplicationCreate:  {post, true, catATS, s.handleApplicationCreate},
		methodATSAttachmentAdd:      {post, true, catATS, s.handleAttachmentAdd},
		methodATSCandidatesSearch:   {post, true, catATS, s.handleCandidatesSearch},
		methodInvoiceCreate:         {post, true, catAccounting, s.handleInvoiceCreate},
	}
	for name, r := range s.hrisRoutes() {
		rt[name] = r
	}
	return rt
}
