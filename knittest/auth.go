package knittest

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	knit "github.com/knit-sdk/knit-go"
)

// connectPath serves the playground's stand-in for Knit's hosted auth UI:
// GET <root>/connect/<token>?appId=<app> completes the session as the end
// user would and answers {"integrationId": "..."}. Magic links point here.
const connectPath = "/connect/"

// apps is the playground's app catalogue: app id → category. Ids are Knit's
// (the app ids Knit's docs list, plus workable, seen in third-party
// code, and a few well-known ATS/CRM apps).
var apps = map[string]string{
	"bamboohr": catHRIS, "darwinbox": catHRIS, "workday": catHRIS, "personio": catHRIS,
	"hibob": catHRIS, "rippling": catHRIS, "zoho-people": catHRIS, "deel": catHRIS,
	"workable": catATS, "greenhouse": catATS, "lever": catATS, "ashby": catATS,
	"hubspot": catCRM, "salesforce": catCRM, "pipedrive": catCRM,
	"xero": catAccounting, "quickbooks": catAccounting, "netsuite": catAccounting,
	"zohobook": catAccounting, "freshbooks": catAccounting,
}

// defaultApps is the app Connect uses when ConnectParams.AppID is empty.
var defaultApps = map[string]string{
	catHRIS: "bamboohr", catATS: "workable", catCRM: "hubspot", catAccounting: "xero",
}

// session is an auth session created by auth.createSession.
type session struct {
	token       string
	orgID       string
	orgName     string
	userEmail   string
	userName    string
	filters     []sessionFilter
	testAccount bool
	used        bool
	// validationErrors go into the activation event (ConnectParams).
	validationErrors []string
}

type sessionFilter struct {
	Category string   `json:"category"`
	Apps     []string `json:"apps"`
}

// createSessionBody is the auth.createSession request; Knit documents these
// field names.
type createSessionBody struct {
	OriginOrgID     string          `json:"originOrgId"`
	OriginOrgName   string          `json:"originOrgName"`
	OriginUserEmail string          `json:"originUserEmail"`
	OriginUserName  string          `json:"originUserName"`
	Filters         []sessionFilter `json:"filters"`
	TestAccount     *bool           `json:"testAccount"`
}

// handleCreateSession answers under msg, not data (as Knit documents), so it writes
// its own response through a sentinel: see ServeHTTP's msgResponse.
func (s *Server) handleCreateSession(c *call) (any, *apiError) {
	var b createSessionBody
	if ae := c.decode(&b); ae != nil {
		return nil, ae
	}
	for _, f := range []struct{ name, v string }{
		{"originOrgId", b.OriginOrgID}, {"originOrgName", b.OriginOrgName},
		{"originUserEmail", b.OriginUserEmail}, {"originUserName", b.OriginUserName},
	} {
		if strings.TrimSpace(f.v) == "" {
			return nil, badRequest("%s is required", f.name)
		}
	}
	for _, f := range b.Filters {
		if categoryName(f.Category) == "" {
			return nil, badRequest("filters: unknown category %q", f.Category)
		}
	}
	var flags map[string]json.RawMessage
	_ = json.Unmarshal(c.body, &flags) // the body already decoded above
	magic := false
	if raw, ok := flags[MagicLinkRequestField]; ok {
		if err := json.Unmarshal(raw, &magic); err != nil {
			return nil, badRequest("%s must be a boolean", MagicLinkRequestField)
		}
	}
	sess := &session{
		token: s.nextID("ks_"), orgID: b.OriginOrgID, orgName: b.OriginOrgName,
		userEmail: b.OriginUserEmail, userName: b.OriginUserName, filters: b.Filters,
		testAccount: b.TestAccount == nil || *b.TestAccount, // Test is the account default
	}
	s.sessions[sess.token] = sess
	msg := map[string]any{"token": sess.token}
	if magic {
		msg[MagicLinkResponseKey] = s.ts.URL + connectPath + sess.token
	}
	return msgResponse(msg), nil
}

// msgResponse marks a handler result that goes under "msg" instead of "data".
type msgResponse map[string]any

// ConnectParams describes an end user connecting an app, as they would in
// Knit's auth UI.
type ConnectParams struct {
	OriginOrgID   string        // required
	OriginOrgName string        // defaults to OriginOrgID
	UserEmail     string        // defaults to admin@<org>.example
	UserName      string        // defaults to "Playground Admin"
	Category      knit.Category // knit.CategoryHRIS, CategoryATS, CategoryCRM or CategoryAccounting; may be empty when AppID is known
	AppID         string        // defaults to a typical app of Category (bamboohr, workable, hubspot, xero)
	// Production connects a Production integrated account instead of a Test
	// one (testAccount:false). Test accounts are limited to 3 active at a
	// time and deactivate 30 days after creation.
	Production bool
	// ValidationErrors, if any, are sent as the validationErrors of the
	// app.integration.activate event, so a receiver's "do not start syncs
	// on errors" path can be tested.
	ValidationErrors []string
}

// Connect creates an auth session and completes it as the end user would,
// returning the new integration ID. It fails when the parameters are
// incomplete or inconsistent, or when a fourth active Test account is asked for.
func (s *Server) Connect(p ConnectParams) (string, error) {
	if strings.TrimSpace(p.OriginOrgID) == "" {
		return "", errors.New("knittest: Connect: OriginOrgID is required")
	}
	app, err := resolveApp(string(p.Category), p.AppID)
	if err != nil {
		return "", opErr("Connect", err)
	}
	if p.OriginOrgName == "" {
		p.OriginOrgName = p.OriginOrgID
	}
	if p.UserEmail == "" {
		p.UserEmail = "admin@" + strings.ToLower(strings.ReplaceAll(p.OriginOrgID, " ", "-")) + ".example"
	}
	if p.UserName == "" {
		p.UserName = "Playground Admin"
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	sess := &session{
		token: s.nextID("ks_"), orgID: p.OriginOrgID, orgName: p.OriginOrgName,
		userEmail: p.UserEmail, userName: p.UserName, testAccount: !p.Production,
		validationErrors: p.ValidationErrors,
	}
	s.sessions[sess.token] = sess
	id, err := s.completeLocked(sess.token, app)
	if err != nil {
		return "", opErr("Connect", err)
	}
	return id, nil
}

// CompleteSession completes an auth session created through
// auth.createSession, as the end user would by picking appID in Knit's UI,
// and returns the new integration ID. A token completes once.
func (s *Server) CompleteSession(token, appID string) (string, error) {
	app, err := resolveApp("", appID)
	if err != nil {
		return "", opErr("CompleteSession", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	id, err := s.completeLocked(token, app)
	if err != nil {
		return "", opErr("CompleteSession", err)
	}
	return id, nil
}

func (s *Server) completeLocked(token, appID string) (string, error) {
	sess, ok := s.sessions[token]
	if !ok {
		return "", fmt.Errorf("unknown auth session token %q", token)
	}
	if sess.used {
		return "", fmt.Errorf("auth session %q was already completed", token)
	}
	category := apps[appID]
	if len(sess.filters) > 0 && !filtersAllow(sess.filters, category, appID) {
		return "", fmt.Errorf("app %q (%s) is not allowed by the session's filters", appID, category)
	}
	in, err := s.addIntegration(sess, appID, category)
	if err != nil {
		return "", err
	}
	sess.used = true
	return in.ID, nil
}

func filtersAllow(fs []sessionFilter, category, appID string) bool {
	for _, f := range fs {
		if categoryName(f.Category) != category {
			continue
		}
		if len(f.Apps) == 0 {
			return true
		}
		for _, a := range f.Apps {
			if a == appID {
				return true
			}
		}
	}
	return false
}

// resolveApp checks category and app against the catalogue and returns the app id.
func resolveApp(category, appID string) (string, error) {
	cat := ""
	if category != "" {
		if cat = categoryName(category); cat == "" {
			return "", fmt.Errorf("unknown category %q (want HRIS, ATS, CRM or Accounting)", category)
		}
	}
	if appID == "" {
		if cat == "" {
			return "", errors.New("AppID or Category is required")
		}
		return defaultApps[cat], nil
	}
	appCat, ok := apps[appID]
	if !ok {
		return "", fmt.Errorf("unknown app %q", appID)
	}
	if cat != "" && cat != appCat {
		return "", fmt.Errorf("app %q is a %s app, not %s", appID, appCat, cat)
	}
	return appID, nil
}

// categoryName returns Knit's spelling of a category, matched case-insensitively.
func categoryName(c string) string {
	for _, k := range []string{catHRIS, catATS, catCRM, catAccounting} {
		if strings.EqualFold(c, k) {
			return k
		}
	}
	return ""
}

// serveConnect is the hosted-UI stand-in behind magic links.
func (s *Server) serveConnect(w http.ResponseWriter, r *http.Request) {
	token := strings.TrimPrefix(r.URL.Path, connectPath)
	s.record("connect", r, nil)
	if r.Method != http.MethodGet {
		writeError(w, errf(http.StatusMethodNotAllowed, "use GET"))
		return
	}
	appID := r.URL.Query().Get("appId")
	if appID == "" {
		appID = s.sessionDefaultApp(token)
	}
	id, err := s.CompleteSession(token, appID)
	if err != nil {
		writeError(w, badRequest("%v", err))
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"success": true, "integrationId": id})
}

// sessionDefaultApp picks the app an end user would see first for a session:
// the first app of its first filter, else that category's typical app, else bamboohr.
func (s *Server) sessionDefaultApp(token string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	sess, ok := s.sessions[token]
	if !ok || len(sess.filters) == 0 {
		return defaultApps[catHRIS]
	}
	if f := sess.filters[0]; len(f.Apps) > 0 {
		return f.Apps[0]
	}
	return defaultApps[categoryName(sess.filters[0].Category)]
}

// opErr prefixes err with "knittest: op: ", dropping the "knittest: " that
// err itself may start with (ErrTestLimit does), so that a message, which
// the playground's connect page shows to people, never says it twice.
func opErr(op string, err error) error { return &opError{op: op, err: err} }

type opError struct {
	op  string
	err error
}

func (e *opError) Error() string {
	return "knittest: " + e.op + ": " + strings.TrimPrefix(e.err.Error(), "knittest: ")
}

func (e *opError) Unwrap() error { return e.err }
