package knittest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sort"
	"strings"
	"time"

	knit "github.com/knit-sdk/knit-go"
)

// ControlPath is where the control API is served when the playground is
// started WithControlAPI, and the prefix ControlHandler expects when you
// mount it yourself. See CONTROL.md in this package's directory for every
// route.
const ControlPath = "/_knittest/"

// maxWait bounds ?wait= on GET sync-runs/{id}.
const maxWait = 5 * time.Minute

// WithControlAPI makes the server answer the control API (ControlHandler)
// under ControlPath on its own address, next to the Knit API under /v1.0.
// This is what `knit mock` does: it lets code in any language connect
// accounts, inject faults and read the request log over HTTP.
func WithControlAPI() Option {
	return func(c *config) { c.control = true }
}

// ControlHandler returns an http.Handler for the control API: the HTTP
// form of Connect, CompleteSession, SetWebhookURL, InjectRateLimit,
// FailNext, SetLatency, Requests, ResetRequests, the record accessors and
// mutation helpers, SyncResult/WaitForSync and Reset. Mount it under
// ControlPath (the handler strips everything up to and including
// "/_knittest/"):
//
//	mux.Handle(knittest.ControlPath, srv.ControlHandler())
//
// Every route needs the playground's API key as Authorization: Bearer, like
// the Knit API. When the server listens on a loopback address (NewServer,
// Listen on 127.0.0.1), the control API also needs a loopback Host header
// (127.0.0.1, ::1 or localhost), so that a web page cannot reach it through
// DNS rebinding; anything else is answered 403. It answers JSON: the result on success, {"error": "..."}
// with a 4xx status on bad input. The routes are listed in CONTROL.md.
func (s *Server) ControlHandler() http.Handler {
	return http.HandlerFunc(s.serveControl)
}

// loopbackHost reports whether host, a Host header with or without a port,
// names the loopback interface: localhost or a loopback IP address.
func loopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.Trim(host, "[]"), ".")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// controlError is a failed control call.
type controlError struct {
	status int
	msg    string
}

func ctlErr(status int, format string, args ...any) *controlError {
	return &controlError{status: status, msg: fmt.Sprintf(format, args...)}
}

func (s *Server) serveControl(w http.ResponseWriter, r *http.Request) {
	_, rest, ok := strings.Cut(r.URL.Path, strings.TrimSuffix(ControlPath, "/"))
	if !ok {
		rest = r.URL.Path
	}
	rest = strings.Trim(rest, "/")
	var parts []string
	if rest != "" {
		parts = strings.Split(rest, "/")
	}
	if s.loopbackOnly && !loopbackHost(r.Host) {
		writeControl(w, nil, ctlErr(http.StatusForbidden, "the control API of a playground listening on loopback answers only Host 127.0.0.1, ::1 or localhost, not %q "+
			"(a web page could otherwise reach it by DNS rebinding); knit mock --all-interfaces serves every host", r.Host))
		return
	}
	if !s.authorized(r) {
		writeControl(w, nil, ctlErr(http.StatusUnauthorized, "send the playground's API key as Authorization: Bearer <key>"))
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	if err != nil {
		writeControl(w, nil, ctlErr(http.StatusBadRequest, "reading the request body: %v", err))
		return
	}
	if len(body) > maxBodyBytes {
		writeControl(w, nil, ctlErr(http.StatusRequestEntityTooLarge, "request body is larger than %d bytes", maxBodyBytes))
		return
	}
	v, ce := s.control(r, parts, body)
	writeControl(w, v, ce)
}

func writeControl(w http.ResponseWriter, v any, ce *controlError) {
	if ce != nil {
		writeJSON(w, ce.status, map[string]string{"error": ce.msg})
		return
	}
	if v == nil {
		v = map[string]bool{"ok": true}
	}
	writeJSON(w, http.StatusOK, v)
}

// control dispatches one control call; parts is the path after ControlPath.
func (s *Server) control(r *http.Request, parts []string, body []byte) (any, *controlError) {
	m := r.Method
	if len(parts) == 0 {
		return nil, ctlErr(http.StatusNotFound, "no such control route %s %s (routes: connect, sessions/{token}/complete, integrations, webhooks, faults, requests, records, sync-runs, reset)", m, r.URL.Path)
	}
	head, n := parts[0], len(parts)
	switch {
	case head == "connect" && n == 1 && m == http.MethodPost:
		return s.ctlConnect(body)
	case head == "sessions" && n == 3 && parts[2] == "complete" && m == http.MethodPost:
		return s.ctlComplete(parts[1], body)
	case head == "integrations" && n == 1 && m == http.MethodGet:
		return map[string]any{"integrations": s.ctlIntegrations()}, nil
	case head == "integrations" && n == 3 && parts[2] == "deactivate" && m == http.MethodPost:
		if err := s.Deactivate(parts[1]); err != nil {
			return nil, ctlErr(http.StatusNotFound, "%v", err)
		}
		return nil, nil
	case head == "webhooks" && n == 1 && m == http.MethodGet:
		return s.webhookURLs(), nil
	case head == "webhooks" && n == 2 && (m == http.MethodPut || m == http.MethodDelete):
		return s.ctlWebhook(parts[1], m, body)
	case head == "faults":
		return s.ctlFaults(parts[1:], m, body)
	case head == "requests" && n == 1 && m == http.MethodGet:
		return s.ctlRequests(r.URL.Query().Get("method")), nil
	case head == "requests" && n == 1 && m == http.MethodDelete:
		s.ResetRequests()
		return nil, nil
	case head == "records" && n >= 2:
		return s.ctlRecords(parts[1], parts[2:], m, body)
	case head == "sync-runs" && n == 2 && m == http.MethodGet:
		return s.ctlSyncRun(r.Context(), parts[1], r.URL.Query().Get("wait"))
	case head == "reset" && n == 1 && m == http.MethodPost:
		return s.ctlReset(body)
	}
	return nil, ctlErr(http.StatusNotFound, "no such control route %s %s (see knittest/CONTROL.md)", m, r.URL.Path)
}

// decodeStrict decodes a JSON object body into v, rejecting unknown fields
// so that a misspelt field is an error, not silently ignored. An empty body
// decodes as {}.
func decodeStrict(body []byte, v any) *controlError {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return ctlErr(http.StatusBadRequest, "invalid JSON body: %v", err)
	}
	if dec.More() {
		return ctlErr(http.StatusBadRequest, "invalid JSON body: more than one JSON value")
	}
	return nil
}

type connectBody struct {
	OriginOrgID   string `json:"originOrgId"`
	OriginOrgName string `json:"originOrgName"`
	UserEmail     string `json:"userEmail"`
	UserName      string `json:"userName"`
	Category      string `json:"category"`
	AppID         string `json:"appId"`
	Production    bool   `json:"production"`
	// ValidationErrors: see ConnectParams.ValidationErrors.
	ValidationErrors []string `json:"validationErrors"`
}

func (s *Server) ctlConnect(body []byte) (any, *controlError) {
	var b connectBody
	if ce := decodeStrict(body, &b); ce != nil {
		return nil, ce
	}
	id, err := s.Connect(ConnectParams{
		OriginOrgID: b.OriginOrgID, OriginOrgName: b.OriginOrgName, UserEmail: b.UserEmail,
		UserName: b.UserName, Category: knit.Category(b.Category), AppID: b.AppID, Production: b.Production,
		ValidationErrors: b.ValidationErrors,
	})
	if err != nil {
		return nil, connectError(err)
	}
	return map[string]string{"integrationId": id}, nil
}

// connectError maps the Test-account limit to 409 and the rest to 400.
func connectError(err error) *controlError {
	if errors.Is(err, ErrTestLimit) {
		return ctlErr(http.StatusConflict, "%v", err)
	}
	return ctlErr(http.StatusBadRequest, "%v", err)
}

func (s *Server) ctlComplete(token string, body []byte) (any, *controlError) {
	var b struct {
		AppID string `json:"appId"`
	}
	if ce := decodeStrict(body, &b); ce != nil {
		return nil, ce
	}
	if b.AppID == "" {
		b.AppID = s.sessionDefaultApp(token)
	}
	id, err := s.CompleteSession(token, b.AppID)
	if err != nil {
		return nil, connectError(err)
	}
	return map[string]string{"integrationId": id}, nil
}

// controlIntegration is an Integration as the control API reports it.
type controlIntegration struct {
	ID            string     `json:"integrationId"`
	OriginOrgID   string     `json:"originOrgId"`
	OriginOrgName string     `json:"originOrgName"`
	Category      string     `json:"category"`
	AppID         string     `json:"appId"`
	Test          bool       `json:"testAccount"`
	Active        bool       `json:"active"`
	CreatedAt     time.Time  `json:"createdAt"`
	DeactivatedAt *time.Time `json:"deactivatedAt"`
}

func (s *Server) ctlIntegrations() []controlIntegration {
	list := s.Integrations()
	out := make([]controlIntegration, 0, len(list))
	for _, in := range list {
		out = append(out, controlIntegration{
			ID: in.ID, OriginOrgID: in.OriginOrgID, OriginOrgName: in.OriginOrgName, Category: string(in.Category),
			AppID: in.AppID, Test: in.Test, Active: in.DeactivatedAt == nil, CreatedAt: in.CreatedAt,
			DeactivatedAt: in.DeactivatedAt,
		})
	}
	return out
}

func (s *Server) webhookURLs() map[string]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]string, len(s.webhooks))
	for k, v := range s.webhooks {
		out[k] = v
	}
	return out
}

func (s *Server) ctlWebhook(category, method string, body []byte) (any, *controlError) {
	var b struct {
		URL string `json:"url"`
	}
	if method == http.MethodPut {
		if ce := decodeStrict(body, &b); ce != nil {
			return nil, ce
		}
		if b.URL == "" {
			return nil, ctlErr(http.StatusBadRequest, "url is required (DELETE removes the webhook)")
		}
	}
	if err := s.SetWebhookURL(knit.Category(category), b.URL); err != nil {
		return nil, ctlErr(http.StatusBadRequest, "%v", err)
	}
	return s.webhookURLs(), nil
}

// faultsState is GET /faults: what is still pending.
type faultsState struct {
	RateLimited  int   `json:"rateLimited"`
	RetryAfterMS int64 `json:"retryAfterMs"`
	Failing      int   `json:"failing"`
	FailStatus   int   `json:"failStatus,omitempty"`
	LatencyMS    int64 `json:"latencyMs"`
}

func (s *Server) faultsState() faultsState {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.faults
	st := faultsState{RateLimited: f.rateLimited, RetryAfterMS: f.retryAfter.Milliseconds(), Failing: f.failN, LatencyMS: f.latency.Milliseconds()}
	if f.failN > 0 {
		st.FailStatus = f.failStatus
	}
	return st
}

func (s *Server) ctlFaults(rest []string, method string, body []byte) (any, *controlError) {
	route := strings.Join(rest, "/")
	switch {
	case route == "" && method == http.MethodGet:
		return s.faultsState(), nil
	case route == "" && method == http.MethodDelete:
		s.InjectRateLimit(0, 0)
		s.FailNext(0, http.StatusInternalServerError)
		s.SetLatency(0)
		return s.faultsState(), nil
	case route == "rate-limit" && method == http.MethodPost:
		var b struct {
			Count        int   `json:"count"`
			RetryAfterMS int64 `json:"retryAfterMs"`
		}
		if ce := decodeStrict(body, &b); ce != nil {
			return nil, ce
		}
		if b.Count < 1 || b.RetryAfterMS < 0 {
			return nil, ctlErr(http.StatusBadRequest, "count must be at least 1 and retryAfterMs not negative")
		}
		s.InjectRateLimit(b.Count, time.Duration(b.RetryAfterMS)*time.Millisecond)
		return s.faultsState(), nil
	case route == "fail" && method == http.MethodPost:
		var b struct {
			Count  int `json:"count"`
			Status int `json:"status"`
		}
		if ce := decodeStrict(body, &b); ce != nil {
			return nil, ce
		}
		if b.Status == 0 {
			b.Status = http.StatusInternalServerError
		}
		if b.Count < 1 || b.Status < 400 || b.Status > 599 {
			return nil, ctlErr(http.StatusBadRequest, "count must be at least 1 and status 400-599 (default 500)")
		}
		s.FailNext(b.Count, b.Status)
		return s.faultsState(), nil
	case route == "latency" && method == http.MethodPut:
		var b struct {
			MS *int64 `json:"ms"`
		}
		if ce := decodeStrict(body, &b); ce != nil {
			return nil, ce
		}
		if b.MS == nil || *b.MS < 0 {
			return nil, ctlErr(http.StatusBadRequest, "ms is required and must not be negative (0 turns latency off)")
		}
		s.SetLatency(time.Duration(*b.MS) * time.Millisecond)
		return s.faultsState(), nil
	}
	return nil, ctlErr(http.StatusNotFound, "no such control route %s faults/%s (GET|DELETE faults, POST faults/rate-limit, POST faults/fail, PUT faults/latency)", method, route)
}

// controlRequest is a RecordedRequest as JSON. Body is the raw body as a
// string (JSON bodies stay readable).
type controlRequest struct {
	Method        string              `json:"method"`
	HTTPMethod    string              `json:"httpMethod"`
	IntegrationID string              `json:"integrationId,omitempty"`
	Header        map[string][]string `json:"header"`
	Query         map[string][]string `json:"query"`
	Body          string              `json:"body"`
}

func (s *Server) ctlRequests(method string) any {
	list := s.Requests()
	out := make([]controlRequest, 0, len(list))
	for _, r := range list {
		if method != "" && r.Method != method {
			continue
		}
		out = append(out, controlRequest{
			Method: r.Method, HTTPMethod: r.HTTPMethod, IntegrationID: r.IntegrationID(),
			Header: r.Header, Query: r.Query, Body: string(r.Body),
		})
	}
	return map[string]any{"requests": out}
}

// syncRunState is GET /sync-runs/{id}.
type syncRunState struct {
	SyncRunID string   `json:"syncRunId"`
	Done      bool     `json:"done"`
	Events    int      `json:"events"`
	Delivered int      `json:"delivered"`
	Attempts  int      `json:"attempts"`
	Failed    []string `json:"failed"`
	Error     string   `json:"error,omitempty"`
}

func (s *Server) ctlSyncRun(ctx context.Context, id, wait string) (any, *controlError) {
	s.mu.Lock()
	run, ok := s.runs[id]
	s.mu.Unlock()
	if !ok {
		return nil, ctlErr(http.StatusNotFound, "unknown sync run %q", id)
	}
	if wait != "" {
		d, err := time.ParseDuration(wait)
		if err != nil || d < 0 || d > maxWait {
			return nil, ctlErr(http.StatusBadRequest, "wait must be a Go duration between 0 and %s, e.g. 10s; got %q", maxWait, wait)
		}
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-run.done:
		case <-t.C:
		case <-ctx.Done():
		case <-s.ctx.Done():
		}
	}
	done := false
	select {
	case <-run.done:
		done = true
	default:
	}
	res, _ := s.SyncResult(id)
	st := syncRunState{SyncRunID: id, Done: done, Events: res.Events, Delivered: res.Delivered, Attempts: res.Attempts, Failed: res.Failed}
	if st.Failed == nil {
		st.Failed = []string{}
	}
	if res.Err != nil {
		st.Error = res.Err.Error()
	}
	return st, nil
}

func (s *Server) ctlReset(body []byte) (any, *controlError) {
	var b struct {
		Seed *int64 `json:"seed"`
	}
	if ce := decodeStrict(body, &b); ce != nil {
		return nil, ce
	}
	if b.Seed != nil {
		s.Reset(WithSeed(*b.Seed))
	} else {
		s.Reset()
	}
	s.mu.Lock()
	seed := s.cfg.seed
	s.mu.Unlock()
	return map[string]any{"ok": true, "seed": seed}, nil
}

// Reset puts the server back to how it started: the dataset is generated
// again from the seed (opts may give another, with WithSeed; other options
// are ignored), and integrations, auth sessions, sync runs and their
// snapshots, the request log and injected faults are cleared. The API key
// and the webhook URLs stay. Deliveries already in flight finish against the
// old data.
func (s *Server) Reset(opts ...Option) {
	s.mu.Lock()
	cfg := s.cfg
	s.mu.Unlock()
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	data := generate(cfg.seed)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cfg.seed = cfg.seed
	s.data = data
	s.sessions = make(map[string]*session)
	s.integrations = make(map[string]*integration)
	s.intOrder = nil
	s.runs = make(map[string]*syncRun)
	s.activations = make(map[string]*syncRun)
	s.syncJobs = make(map[string]string)
	s.customJobs = make(map[string]string)
	s.snapshots = make(map[string]map[string]json.RawMessage)
	s.requests, s.requestBytes = nil, 0
	s.faults = faults{}
	// Counters keep running so that ids from before the reset are never
	// handed out again (an app may still hold them).
}

// recordKind is the control API's view of one kind of record.
type recordKind struct {
	list   func(d *dataset) []any
	get    func(d *dataset, id string) (any, bool)
	add    func(d *dataset, body []byte) (string, error)
	patch  func(d *dataset, id string, patch []byte) (any, error)
	delete func(d *dataset, id string) error
}

// recordKinds are the record kinds the control API serves, by URL segment.
var recordKinds = map[string]recordKind{
	"employees":           kindOf(func(d *dataset) *[]*employee { return &d.employees }, employeeID),
	"jobs":                kindOf(func(d *dataset) *[]*job { return &d.jobs }, jobID),
	"applications":        kindOf(func(d *dataset) *[]*application { return &d.applications }, applicationID),
	"candidates":          kindOf(func(d *dataset) *[]*candidateRecord { return &d.candidates }, candidateID),
	"invoices":            kindOf(func(d *dataset) *[]*invoice { return &d.invoices }, invoiceID),
	"accounting-contacts": kindOf(func(d *dataset) *[]*accountingContact { return &d.accountingContacts }, func(c *accountingContact) string { return c.Info.ID }),
	"ledger-accounts":     kindOf(func(d *dataset) *[]*ledgerAccount { return &d.ledger }, func(a *ledgerAccount) string { return a.Info.ID }),
	"contacts":            kindOf(func(d *dataset) *[]*contact { return &d.contacts }, func(c *contact) string { return c.Info.ID }),
	"accounts":            kindOf(func(d *dataset) *[]*account { return &d.accounts }, func(a *account) string { return a.Info.ID }),
	"deals":               kindOf(func(d *dataset) *[]*deal { return &d.deals }, func(x *deal) string { return x.Info.ID }),
}

func recordKindNames() string {
	names := make([]string, 0, len(recordKinds))
	for k := range recordKinds {
		names = append(names, k)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

func kindOf[T any](field func(*dataset) *[]*T, idOf func(*T) string) recordKind {
	return recordKind{
		list: func(d *dataset) []any {
			src := *field(d)
			out := make([]any, len(src))
			for i, v := range src {
				out[i] = clone(v)
			}
			return out
		},
		get: func(d *dataset, id string) (any, bool) {
			list := *field(d)
			if i := find(list, id, idOf); i >= 0 {
				return clone(list[i]), true
			}
			return nil, false
		},
		add: func(d *dataset, body []byte) (string, error) {
			var v T
			if err := strictRecord(body, &v); err != nil {
				return "", err
			}
			id := idOf(&v)
			if strings.TrimSpace(id) == "" {
				return "", errors.New("the record has no id")
			}
			if find(*field(d), id, idOf) >= 0 {
				return "", fmt.Errorf("a record with id %q already exists", id)
			}
			*field(d) = append(*field(d), &v)
			return id, nil
		},
		patch: func(d *dataset, id string, patch []byte) (any, error) {
			list := *field(d)
			i := find(list, id, idOf)
			if i < 0 {
				return nil, errNoRecord
			}
			cur, err := json.Marshal(list[i])
			if err != nil {
				return nil, err
			}
			merged, err := mergePatch(cur, patch)
			if err != nil {
				return nil, err
			}
			var v T
			if err := strictRecord(merged, &v); err != nil {
				return nil, err
			}
			if idOf(&v) != id {
				return nil, fmt.Errorf("the patch changes the id of %q; ids are immutable", id)
			}
			list[i] = &v
			return clone(&v), nil
		},
		delete: func(d *dataset, id string) error {
			list, err := remove(*field(d), id, idOf)
			if err != nil {
				return errNoRecord
			}
			*field(d) = list
			return nil
		},
	}
}

var errNoRecord = errors.New("no such record")

func strictRecord(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("invalid record: %w", err)
	}
	return nil
}

// mergePatch applies an RFC 7396 JSON merge patch to doc.
func mergePatch(doc, patch []byte) ([]byte, error) {
	var d, p any
	if err := json.Unmarshal(doc, &d); err != nil {
		return nil, err
	}
	if err := json.Unmarshal(patch, &p); err != nil {
		return nil, fmt.Errorf("invalid JSON merge patch: %w", err)
	}
	if _, ok := p.(map[string]any); !ok {
		return nil, errors.New("a JSON merge patch for a record must be a JSON object")
	}
	return json.Marshal(applyMerge(d, p))
}

func applyMerge(target, patch any) any {
	pm, ok := patch.(map[string]any)
	if !ok {
		return patch
	}
	tm, ok := target.(map[string]any)
	if !ok {
		tm = map[string]any{}
	}
	for k, v := range pm {
		if v == nil {
			delete(tm, k)
			continue
		}
		tm[k] = applyMerge(tm[k], v)
	}
	return tm
}

func (s *Server) ctlRecords(kind string, rest []string, method string, body []byte) (any, *controlError) {
	k, err := kindNamed(kind)
	if err != nil {
		return nil, ctlErr(http.StatusNotFound, "%v", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case len(rest) == 0 && method == http.MethodGet:
		list := k.list(s.data)
		return map[string]any{"records": list, "count": len(list)}, nil
	case len(rest) == 0 && method == http.MethodPost:
		id, err := k.add(s.data, body)
		if err != nil {
			return nil, ctlErr(http.StatusBadRequest, "%s: %v", kind, err)
		}
		return map[string]string{"id": id}, nil
	case len(rest) == 1 && method == http.MethodGet:
		v, ok := k.get(s.data, rest[0])
		if !ok {
			return nil, ctlErr(http.StatusNotFound, "%s: no record with id %q", kind, rest[0])
		}
		return v, nil
	case len(rest) == 1 && method == http.MethodPatch:
		v, err := k.patch(s.data, rest[0], body)
		if errors.Is(err, errNoRecord) {
			return nil, ctlErr(http.StatusNotFound, "%s: no record with id %q", kind, rest[0])
		}
		if err != nil {
			return nil, ctlErr(http.StatusBadRequest, "%s %s: %v", kind, rest[0], err)
		}
		return v, nil
	case len(rest) == 1 && method == http.MethodDelete:
		if err := k.delete(s.data, rest[0]); err != nil {
			return nil, ctlErr(http.StatusNotFound, "%s: no record with id %q", kind, rest[0])
		}
		return nil, nil
	}
	return nil, ctlErr(http.StatusNotFound, "no such control route %s records/%s/%s (GET|POST records/{kind}, GET|PATCH|DELETE records/{kind}/{id})", method, kind, strings.Join(rest, "/"))
}
