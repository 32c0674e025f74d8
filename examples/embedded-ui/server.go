package main

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"mime"
	"net/http"
	"strings"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/knittest"
)

//go:embed web
var webFS embed.FS

const (
	// knitScriptURL is Knit's UI component, a single ES module served from
	// Knit's CDN, as Knit's UI component docs give it.
	knitScriptURL = "https://af1.getknit.dev/knit-ui-comp.js"

	// contentSecurityPolicy allows this origin plus Knit's script host.
	// Knit documents the script URL but not which hosts the component
	// itself calls, loads images from or frames; the getknit.dev wildcard
	// covers Knit's own hosts. If the browser console reports a CSP
	// violation from the component, add that host here. Styles allow
	// 'unsafe-inline' because third-party web components commonly set
	// inline styles.
	contentSecurityPolicy = "default-src 'self'; " +
		"script-src 'self' https://af1.getknit.dev; " +
		"connect-src 'self' https://*.getknit.dev; " +
		"img-src 'self' data: https:; " +
		"style-src 'self' 'unsafe-inline'; " +
		"font-src 'self' data: https:; " +
		"frame-src https://*.getknit.dev; " +
		"frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'"

	// maxJSONBody bounds the JSON bodies the API endpoints read.
	maxJSONBody = 64 << 10
)

// user is the logged-in person of your application.
type user struct {
	OrgID, OrgName, Email, Name string
}

// currentUser returns the user of r's server-side session. This example has
// one fixed demo user; in your application it comes from your own
// authentication (cookie, token…), never from what the browser posts.
func currentUser(*http.Request) user {
	return user{OrgID: "acme-demo", OrgName: "Acme Inc (demo)", Email: "admin@acme.example", Name: "Ada Admin"}
}

// server is the example's backend.
type server struct {
	client *knit.Client
	// playground is the in-process fake Knit when no API key is set;
	// nil against Knit's API.
	playground *knittest.Server
	store      *store
	logger     *slog.Logger
	page       *template.Template
	static     fs.FS
}

// newServer returns the backend for client; playground is nil against
// Knit's API.
func newServer(client *knit.Client, playground *knittest.Server, logger *slog.Logger) (*server, error) {
	page, err := template.ParseFS(webFS, "web/index.html")
	if err != nil {
		return nil, fmt.Errorf("parse page template: %w", err)
	}
	static, err := fs.Sub(webFS, "web/static")
	if err != nil {
		return nil, fmt.Errorf("static files: %w", err)
	}
	return &server{
		client: client, playground: playground, store: newStore(), logger: logger,
		page: page, static: static,
	}, nil
}

// routes returns the example's HTTP handler, with security headers on
// every response.
func (s *server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.handlePage)
	mux.HandleFunc("POST /api/knit/session", s.handleSession)
	mux.HandleFunc("POST /api/knit/integrations", s.handleIntegration)
	mux.Handle("GET /static/{file}", http.StripPrefix("/static/", http.FileServerFS(s.static)))
	if s.playground != nil {
		mux.HandleFunc("POST /playground/connect", s.handlePlaygroundConnect)
	}
	return securityHeaders(mux)
}

func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}

// pageData fills web/index.html.
type pageData struct {
	ScriptURL    string
	Token        string
	OrgName      string
	Playground   bool
	Integrations []storedIntegration
}

// handlePage renders the page with a fresh auth session token for the
// logged-in user. html/template escapes the token into the attribute.
func (s *server) handlePage(w http.ResponseWriter, r *http.Request) {
	u := currentUser(r)
	token, err := s.createSession(r.Context(), u)
	if err != nil {
		s.logger.Error("create auth session", "org_id", u.OrgID, "err", err)
		http.Error(w, "could not create a Knit auth session; see the server log", http.StatusBadGateway)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store") // the page holds a session token
	data := pageData{
		ScriptURL: knitScriptURL, Token: token, OrgName: u.OrgName,
		Playground: s.playground != nil, Integrations: s.store.list(u.OrgID),
	}
	if err := s.page.Execute(w, data); err != nil {
		s.logger.Error("render page", "err", err)
	}
}

// handleSession answers the component's onNewSession with a new token.
func (s *server) handleSession(w http.ResponseWriter, r *http.Request) {
	if !requireJSON(w, r) {
		return
	}
	u := currentUser(r)
	token, err := s.createSession(r.Context(), u)
	if err != nil {
		s.logger.Error("create auth session", "org_id", u.OrgID, "err", err)
		writeError(w, http.StatusBadGateway, "could not create a Knit auth session")
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"token": token})
}

// createSession calls auth.createSession for u. It offers every category;
// set Filters to limit the apps shown.
func (s *server) createSession(ctx context.Context, u user) (string, error) {
	sess, err := s.client.AuthSessions.Create(ctx, &knit.AuthSessionParams{
		OriginOrgID:     u.OrgID,
		OriginOrgName:   u.OrgName,
		OriginUserEmail: u.Email,
		OriginUserName:  u.Name,
	})
	if err != nil {
		return "", err
	}
	return sess.Token, nil
}

// handleIntegration receives the onFinish event.detail from the page. The
// browser is not trusted: the organisation is the logged-in user's, and Knit
// must list the integration, active, under it before it is stored.
func (s *server) handleIntegration(w http.ResponseWriter, r *http.Request) {
	if !requireJSON(w, r) {
		return
	}
	u := currentUser(r)
	d, err := knit.ParseIntegrationDetails(http.MaxBytesReader(w, r.Body, maxJSONBody))
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	if d.OriginOrgID != "" && d.OriginOrgID != u.OrgID {
		s.logger.Warn("integration details name another organisation", "org_id", u.OrgID, "integration_id", d.IntegrationID)
		writeError(w, http.StatusForbidden, "the integration details name another organisation")
		return
	}
	d.OriginOrgID = u.OrgID
	app, err := s.client.Integrations.Confirm(r.Context(), d)
	switch {
	case errors.Is(err, knit.ErrIntegrationNotConfirmed):
		s.logger.Warn("integration not confirmed", "org_id", u.OrgID, "integration_id", d.IntegrationID, "err", err)
		writeError(w, http.StatusForbidden, err.Error())
		return
	case errors.Is(err, knit.ErrInvalidParams):
		writeError(w, http.StatusBadRequest, err.Error())
		return
	case err != nil:
		s.logger.Error("confirm integration", "org_id", u.OrgID, "integration_id", d.IntegrationID, "err", err)
		writeError(w, http.StatusBadGateway, "could not confirm the integration with Knit")
		return
	}
	in := storedIntegration{IntegrationID: app.IntegrationID, AppID: app.AppID, Category: app.Category}
	s.store.put(u.OrgID, in)
	s.logger.Info("integration stored", "org_id", u.OrgID, "integration_id", in.IntegrationID, "app_id", in.AppID, "category", in.Category)
	writeJSON(w, http.StatusOK, in)
}

// handlePlaygroundConnect stands in for the end user in Knit's UI, which
// cannot reach the playground: it completes the page's auth session with the
// chosen app and answers with what onFinish would carry as event.detail.
// Registered only in playground mode.
func (s *server) handlePlaygroundConnect(w http.ResponseWriter, r *http.Request) {
	if !requireJSON(w, r) {
		return
	}
	var req struct {
		Token string `json:"token"`
		AppID string `json:"appId"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxJSONBody)).Decode(&req); err != nil {
		writeError(w, http.StatusBadRequest, "body is not {\"token\":…,\"appId\":…}")
		return
	}
	if req.Token == "" || req.AppID == "" {
		writeError(w, http.StatusBadRequest, "token and appId are required")
		return
	}
	id, err := s.playground.CompleteSession(req.Token, req.AppID)
	if err != nil {
		writeError(w, http.StatusConflict, err.Error())
		return
	}
	var category string
	for _, in := range s.playground.Integrations() {
		if in.ID == id {
			category = in.Category
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"integrationDetails": knit.IntegrationDetails{
		IntegrationID: id, AppID: req.AppID, CategoryID: category,
		OriginOrgID: currentUser(r).OrgID, Success: true,
	}})
}

// requireJSON refuses bodies that are not application/json. Besides
// documenting the API, it keeps plain cross-site HTML forms out: a browser
// sends application/json cross-origin only after a CORS preflight, which this
// server never grants.
func requireJSON(w http.ResponseWriter, r *http.Request) bool {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		writeError(w, http.StatusUnsupportedMediaType, "send Content-Type: application/json")
		return false
	}
	return true
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	_ = enc.Encode(v) // the status is sent; a failed write means the client left
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": strings.TrimSpace(msg)})
}
