package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/knittest"
	"github.com/knit-sdk/knit-go/option"
)

// apiFlags are the flags of every command that calls the Knit API.
type apiFlags struct {
	baseURL string
	keys    keyFlags
	timeout time.Duration
}

func (f *apiFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.baseURL, "base-url", "", "API base URL, e.g. knit mock's http://127.0.0.1:12111/v1.0 (default: Knit's production API)")
	withEnv(fs, "base-url", envBaseURL)
	fs.DurationVar(&f.timeout, "timeout", 30*time.Second, "timeout of the whole command")
	f.keys.register(fs, "Knit API key", envAPIKey)
}

// client builds the SDK client. Against a --base-url with no key given,
// the playground's test key is used (that is what knit mock accepts).
func (a *app) client(f *apiFlags) (*knit.Client, error) {
	fallback := ""
	if f.baseURL != "" {
		fallback = knittest.DefaultAPIKey
	}
	key, source, err := a.resolveKey(&f.keys, envAPIKey, fallback)
	if err != nil {
		return nil, err
	}
	a.playgroundKeyNote(source)
	opts := []option.RequestOption{option.WithUserAgent("knit-cli")}
	if f.baseURL != "" {
		opts = append(opts, option.WithBaseURL(f.baseURL))
	}
	c, err := knit.NewClient(key, opts...)
	if err != nil {
		return nil, usageError{err}
	}
	return c, nil
}

func withTimeout(cmd *cobra.Command, d time.Duration) (context.Context, context.CancelFunc) {
	if d <= 0 {
		return context.WithCancel(cmd.Context())
	}
	return context.WithTimeout(cmd.Context(), d)
}

func (a *app) sessionCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "session",
		Short: "Auth sessions: let an end user connect an app",
		Args:  exactArgs(0, "a subcommand: create"),
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	var (
		f                                apiFlags
		orgID, orgName, email, name, cat string
		apps                             []string
		production, magic                bool
	)
	create := &cobra.Command{
		Use:   "create --org-id ID [--category HRIS] [--magic-link]",
		Short: "Create an auth session (auth.createSession) and print its token, or a magic link",
		Long: `Create an auth session for an end user and print its token (for Knit's
<knit-auth> UI component), or with --magic-link a hosted authorization link.
Against knit mock, complete the session with
POST /_knittest/sessions/{token}/complete, or by opening the magic link.`,
		Example: `  knit session create --org-id acme --category HRIS
  knit session create --org-id acme --category ATS --magic-link --base-url http://127.0.0.1:12111/v1.0`,
		Args: exactArgs(0, "none"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if orgID == "" {
				return usagef("--org-id is required")
			}
			if magic && cat == "" {
				return usagef("--magic-link needs --category")
			}
			c, err := a.client(&f)
			if err != nil {
				return err
			}
			ctx, cancel := withTimeout(cmd, f.timeout)
			defer cancel()
			orgName, email, name = orDefault(orgName, orgID), orDefault(email, "admin@"+orgID+".example"), orDefault(name, "Admin")
			var test *bool
			if production {
				test = new(bool)
			}
			if magic {
				ml, err := c.MagicLinks.Create(ctx, &knit.MagicLinkParams{OriginOrgID: orgID, OriginOrgName: orgName,
					OriginUserEmail: email, OriginUserName: name, Category: knit.Category(cat), Apps: apps, TestAccount: test})
				if err != nil {
					return err
				}
				a.result(map[string]any{"magicLink": ml.URL, "token": ml.Token}, ml.URL)
				return nil
			}
			p := &knit.AuthSessionParams{OriginOrgID: orgID, OriginOrgName: orgName, OriginUserEmail: email, OriginUserName: name, TestAccount: test}
			if cat != "" {
				p.Filters = []knit.CategoryFilter{{Category: knit.Category(cat), Apps: apps}}
			}
			s, err := c.AuthSessions.Create(ctx, p)
			if err != nil {
				return err
			}
			a.result(map[string]any{"token": s.Token}, s.Token)
			return nil
		},
	}
	fs := create.Flags()
	fs.StringVar(&orgID, "org-id", "", "your customer's organisation ID (originOrgId; required)")
	fs.StringVar(&orgName, "org-name", "", "organisation name (default: the ID)")
	fs.StringVar(&email, "user-email", "", "email of the user connecting (default admin@<org-id>.example)")
	fs.StringVar(&name, "user-name", "", "name of the user connecting (default Admin)")
	fs.StringVar(&cat, "category", "", "only offer apps of this category (HRIS, ATS, CRM, Accounting)")
	fs.StringSliceVar(&apps, "app", nil, "only offer these apps of --category (Knit app IDs)")
	fs.BoolVar(&production, "production", false, "connect a Production account (default: the account's default, usually Test)")
	fs.BoolVar(&magic, "magic-link", false, "ask for a hosted authorization link instead of a token")
	f.register(fs)
	cmd.AddCommand(create)
	return cmd
}

func orDefault(v, d string) string {
	if v == "" {
		return d
	}
	return v
}

func (a *app) integrationsCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "integrations",
		Short: "Integrated accounts",
		Args:  exactArgs(0, "a subcommand: list"),
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	var (
		f     apiFlags
		orgID string
	)
	list := &cobra.Command{
		Use:   "list --org-id ID",
		Short: "List an organisation's integrations (integration.details)",
		Args:  exactArgs(0, "none"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if orgID == "" {
				return usagef("--org-id is required")
			}
			c, err := a.client(&f)
			if err != nil {
				return err
			}
			ctx, cancel := withTimeout(cmd, f.timeout)
			defer cancel()
			apps, err := c.Integrations.List(ctx, orgID)
			if err != nil {
				return err
			}
			for _, in := range apps {
				state := "active"
				if !in.IsActive {
					state = "inactive"
				}
				a.result(map[string]any{"integrationId": in.IntegrationID, "appId": in.AppID, "category": in.Category, "active": in.IsActive},
					fmt.Sprintf("%s\t%s\t%s\t%s", in.IntegrationID, in.Category, in.AppID, state))
			}
			if len(apps) == 0 {
				a.warnf("no integrations for %s", orgID)
			}
			return nil
		},
	}
	list.Flags().StringVar(&orgID, "org-id", "", "organisation ID (originOrgId; required)")
	f.register(list.Flags())
	cmd.AddCommand(list)
	return cmd
}

func (a *app) syncCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "sync",
		Short: "Syncs",
		Args:  exactArgs(0, "a subcommand: start"),
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	var (
		f                                apiFlags
		integrationID, dataType, syncTyp string
		models                           []string
		wait                             bool
	)
	start := &cobra.Command{
		Use:   "start --integration-id ID --data-type TYPE [--wait]",
		Short: "Start a sync (sync.start) and print its syncJobId and syncRunId",
		Long: `Start a sync of one data type for an integration. Knit delivers its records
to the webhook registered for the category.

--wait waits until every event of the run was delivered, through the
playground's control API: it works against knit mock (--base-url) only,
as Knit documents no call that reports a run's delivery. It fails unless
every event was answered 200.`,
		Example: `  knit sync start --integration-id mg_000001 --data-type employee --wait --base-url http://127.0.0.1:12111/v1.0`,
		Args:    exactArgs(0, "none"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if integrationID == "" || dataType == "" {
				return usagef("--integration-id and --data-type are required")
			}
			if wait && f.baseURL == "" {
				return usagef("--wait works against knit mock only (give --base-url): Knit documents no call reporting a sync run's delivery")
			}
			c, err := a.client(&f)
			if err != nil {
				return err
			}
			ctx, cancel := withTimeout(cmd, f.timeout)
			defer cancel()
			job, err := c.Integration(integrationID).Sync.Start(ctx, &knit.SyncStartParams{DataType: dataType, SyncType: knit.SyncType(syncTyp), Models: models})
			if err != nil {
				return err
			}
			a.result(map[string]any{"event": "started", "syncJobId": job.SyncJobID, "syncRunId": job.SyncRunID},
				fmt.Sprintf("syncJobId %s syncRunId %s", job.SyncJobID, job.SyncRunID))
			if !wait {
				return nil
			}
			a.warnf("waiting for the deliveries of %s ...", job.SyncRunID)
			return a.waitRun(ctx, &f, job.SyncRunID)
		},
	}
	fs := start.Flags()
	fs.StringVar(&integrationID, "integration-id", "", "integration ID (required)")
	withEnv(fs, "integration-id", envIntegrationID)
	fs.StringVar(&dataType, "data-type", "", "data type, e.g. employee, ats_jobs, ats_applications, ats_candidates, accounting_invoices (required)")
	fs.StringVar(&syncTyp, "sync-type", "", "initial_sync or delta_sync (default: Knit's default)")
	fs.StringSliceVar(&models, "model", nil, "models to include (default: all)")
	fs.BoolVar(&wait, "wait", false, "wait until every event was delivered (knit mock only)")
	f.register(fs)
	cmd.AddCommand(start)
	return cmd
}

// waitRun polls GET /_knittest/sync-runs/{id}?wait= until the run is done.
func (a *app) waitRun(ctx context.Context, f *apiFlags, runID string) error {
	key, _, err := a.resolveKey(&keyFlags{file: f.keys.file, key: ""}, envAPIKey, knittest.DefaultAPIKey)
	if f.keys.key != "" && f.keys.file == "" {
		key, err = strings.TrimSpace(f.keys.key), nil
	}
	if err != nil {
		return err
	}
	root := strings.TrimSuffix(strings.TrimSuffix(f.baseURL, "/"), "/v1.0")
	u := root + knittest.ControlPath + "sync-runs/" + url.PathEscape(runID) + "?wait=5s"
	// Its own client, bounded per poll (the control API waits up to 5s),
	// never http.DefaultClient.
	hc := &http.Client{Timeout: 30 * time.Second}
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		if err != nil {
			return err
		}
		req.Header.Set("Authorization", "Bearer "+key)
		resp, err := hc.Do(req)
		if err != nil {
			return fmt.Errorf("waiting for %s: %w", runID, err)
		}
		b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
		_ = resp.Body.Close()
		if err != nil {
			return err
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("waiting for %s: the control API answered %d: %s (is --base-url a knit mock?)", runID, resp.StatusCode, strings.TrimSpace(string(b)))
		}
		var st struct {
			Done      bool     `json:"done"`
			Events    int      `json:"events"`
			Delivered int      `json:"delivered"`
			Attempts  int      `json:"attempts"`
			Failed    []string `json:"failed"`
			Error     string   `json:"error"`
		}
		if err := json.Unmarshal(b, &st); err != nil {
			return fmt.Errorf("waiting for %s: %w", runID, err)
		}
		if !st.Done {
			a.warnf("%s: %d of %d events delivered", runID, st.Delivered, st.Events)
			continue
		}
		a.result(map[string]any{"event": "done", "syncRunId": runID, "events": st.Events, "delivered": st.Delivered, "attempts": st.Attempts, "failed": st.Failed},
			fmt.Sprintf("%s: %d of %d events delivered (%d attempts)", runID, st.Delivered, st.Events, st.Attempts))
		if st.Error != "" {
			return fmt.Errorf("%s", st.Error)
		}
		return nil
	}
}

// parsePairs turns k=v flags into a map.
func parsePairs(flag string, pairs []string) (map[string]string, error) {
	out := make(map[string]string, len(pairs))
	for _, p := range pairs {
		k, v, ok := strings.Cut(p, "=")
		if !ok || k == "" {
			return nil, usagef("--%s %q: want key=value", flag, p)
		}
		out[k] = v
	}
	return out, nil
}

// readData reads --body: inline JSON, @file, or @- for stdin.
func (a *app) readData(s string) ([]byte, error) {
	switch {
	case s == "":
		return nil, nil
	case s == "@-":
		return io.ReadAll(a.stdin)
	case strings.HasPrefix(s, "@"):
		b, err := os.ReadFile(s[1:])
		if err != nil {
			return nil, usageError{err}
		}
		return b, nil
	}
	return []byte(s), nil
}

func (a *app) callCmd() *cobra.Command {
	var (
		f                   apiFlags
		integrationID, verb string
		query               []string
		body                string
	)
	cmd := &cobra.Command{
		Use:   "call METHOD [--query k=v]... [--body JSON|@FILE]",
		Short: "Call any Knit method (e.g. hr.employees.leave.balance) and print its data as JSON",
		Long: `Call any Knit method through the SDK's generic call: GET with --query
parameters, or POST with a JSON --body (inline, @FILE, or @- for stdin).
The verb is POST when --body is given, else GET, unless --verb says. With
--integration-id the call is scoped to an integrated account
(X-Knit-Integration-Id). The envelope's data is printed on stdout.`,
		Example: `  knit call hr.employees.leave.balance --integration-id mg_000001 --query employeeId=emp_0001 --base-url http://127.0.0.1:12111/v1.0
  knit call ats.job.create --integration-id mg_000002 --body @job.json`,
		Args: exactArgs(1, "the Knit METHOD"),
		RunE: func(cmd *cobra.Command, args []string) error {
			b, err := a.readData(body)
			if err != nil {
				return err
			}
			if verb == "" {
				verb = http.MethodGet
				if b != nil {
					verb = http.MethodPost
				}
			}
			verb = strings.ToUpper(verb)
			q, err := parsePairs("query", query)
			if err != nil {
				return err
			}
			var in any
			switch verb {
			case http.MethodGet:
				if b != nil {
					return usagef("--body needs POST")
				}
				in = q
			case http.MethodPost:
				if len(q) > 0 {
					return usagef("--query needs GET; put POST inputs in --body")
				}
				if b == nil {
					b = []byte("{}")
				}
				if !json.Valid(b) {
					return usagef("--body is not valid JSON")
				}
				in = json.RawMessage(b)
			default:
				return usagef("--verb must be GET or POST, got %q", verb)
			}
			c, err := a.client(&f)
			if err != nil {
				return err
			}
			ctx, cancel := withTimeout(cmd, f.timeout)
			defer cancel()
			var out json.RawMessage
			if integrationID != "" {
				err = c.Integration(integrationID).Do(ctx, verb, args[0], in, &out)
			} else {
				err = c.Do(ctx, verb, args[0], in, &out)
			}
			if err != nil {
				return err
			}
			if len(out) == 0 {
				out = json.RawMessage("null")
			}
			a.printJSON(out)
			return nil
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&integrationID, "integration-id", "", "integration ID (omit for account-level methods)")
	withEnv(fs, "integration-id", envIntegrationID)
	fs.StringVar(&verb, "verb", "", "GET or POST (default: POST with --body, else GET)")
	fs.StringArrayVar(&query, "query", nil, "query parameter key=value (repeatable; GET)")
	fs.StringVar(&body, "body", "", "JSON body: inline, @FILE, or @- for stdin (POST)")
	f.register(fs)
	return cmd
}

// printJSON writes a JSON document to stdout: one line with --json,
// indented otherwise.
func (a *app) printJSON(raw json.RawMessage) {
	a.outMu.Lock()
	defer a.outMu.Unlock()
	if a.json {
		var buf bytes.Buffer
		if err := json.Compact(&buf, raw); err == nil {
			fmt.Fprintln(a.stdout, buf.String())
			return
		}
	}
	var v any
	if json.Unmarshal(raw, &v) == nil {
		if b, err := json.MarshalIndent(v, "", "  "); err == nil {
			fmt.Fprintln(a.stdout, string(b))
			return
		}
	}
	fmt.Fprintln(a.stdout, string(raw))
}

func (a *app) passthroughCmd() *cobra.Command {
	var (
		f                               apiFlags
		integrationID, method, path, bd string
		params, headers                 []string
		contentType                     string
	)
	cmd := &cobra.Command{
		Use:   "passthrough --integration-id ID --method GET --path /upstream/path",
		Short: "Call the connected app's own API through Knit (passthrough)",
		Long: `Send a request to the connected app's API through Knit's passthrough and
print the upstream status (when Knit reports it) on stderr and the body on
stdout (with --json: one object with statusCode, headers and body).`,
		Example: `  knit passthrough --integration-id mg_000001 --method GET --path /v1/employees --base-url http://127.0.0.1:12111/v1.0`,
		Args:    exactArgs(0, "none"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if integrationID == "" || path == "" {
				return usagef("--integration-id and --path are required")
			}
			b, err := a.readData(bd)
			if err != nil {
				return err
			}
			p, err := parsePairs("param", params)
			if err != nil {
				return err
			}
			h, err := parsePairs("header", headers)
			if err != nil {
				return err
			}
			c, err := a.client(&f)
			if err != nil {
				return err
			}
			ctx, cancel := withTimeout(cmd, f.timeout)
			defer cancel()
			resp, err := c.Integration(integrationID).Passthrough(ctx, &knit.PassthroughRequest{
				Method: strings.ToUpper(method), Path: path, Params: p, Headers: h, Body: b, ContentType: contentType,
			})
			if err != nil {
				return err
			}
			if a.json {
				a.emit(map[string]any{"statusCode": resp.StatusCode, "headers": resp.Headers, "body": string(resp.Body)})
				return nil
			}
			if resp.StatusCode != 0 {
				a.warnf("upstream status %d", resp.StatusCode)
			}
			a.outMu.Lock()
			defer a.outMu.Unlock()
			_, _ = a.stdout.Write(resp.Body)
			if len(resp.Body) > 0 && resp.Body[len(resp.Body)-1] != '\n' {
				fmt.Fprintln(a.stdout)
			}
			return nil
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&integrationID, "integration-id", "", "integration ID (required)")
	withEnv(fs, "integration-id", envIntegrationID)
	fs.StringVar(&method, "method", http.MethodGet, "upstream HTTP method")
	fs.StringVar(&path, "path", "", "upstream path, relative to the app's base URL (required)")
	fs.StringArrayVar(&params, "param", nil, "upstream query parameter key=value (repeatable)")
	fs.StringArrayVar(&headers, "header", nil, "upstream header key=value (repeatable)")
	fs.StringVar(&bd, "body", "", "upstream body: inline, @FILE, or @- for stdin")
	fs.StringVar(&contentType, "content-type", "", "Content-Type of --body")
	f.register(fs)
	return cmd
}

func (a *app) versionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the CLI's version and commit, the SDK version and the Go version",
		Args:  exactArgs(0, "none"),
		RunE: func(_ *cobra.Command, _ []string) error {
			bi, ok := debug.ReadBuildInfo()
			b := describeBuild(bi, ok, version, commit)
			a.result(struct {
				build
				SDKVersion string `json:"sdkVersion"`
			}{b, knit.Version},
				fmt.Sprintf("knit %s, commit %s, knit-go SDK %s, %s %s", b.Version, b.Commit, knit.Version, b.GoVersion, b.Platform))
			return nil
		},
	}
}
