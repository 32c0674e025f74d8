package main

import (
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/knittest"
)

// defaultMockPort is where knit mock listens unless --port or KNIT_MOCK_PORT.
const defaultMockPort = 12111

// categories maps what --connect and --webhook accept to Knit's spelling.
var categories = map[string]string{
	"hris": string(knit.CategoryHRIS), "ats": string(knit.CategoryATS),
	"crm": string(knit.CategoryCRM), "accounting": string(knit.CategoryAccounting),
}

// categoryOrder is the order categories are connected and printed in.
var categoryOrder = []string{"hris", "ats", "crm", "accounting"}

func parseCategory(s string) (string, error) {
	c, ok := categories[strings.ToLower(strings.TrimSpace(s))]
	if !ok {
		return "", fmt.Errorf("unknown category %q (want hris, ats, crm or accounting)", s)
	}
	return c, nil
}

type mockFlags struct {
	port          int
	allInterfaces bool
	seed          int64
	connect       []string
	org           string
	production    bool
	forwardTo     string
	webhooks      []string
	keys          keyFlags
}

func (a *app) mockCmd() *cobra.Command {
	var f mockFlags
	cmd := &cobra.Command{
		Use:   "mock",
		Short: "Serve the playground (a fake Knit API with generated data) for code in any language",
		Long: `Serve the playground: a fake of Knit's API (/v1.0, with generated HRIS, ATS,
CRM and accounting data) plus its control API (/_knittest/, documented in
knittest/CONTROL.md), on 127.0.0.1:` + strconv.Itoa(defaultMockPort) + ` by default.

Point your app at the printed base URL with the test key knit_playground_key
(unless you set another with KNIT_MOCK_API_KEY or --api-key-file). Syncs
deliver signed webhooks to --forward-to (every category) or --webhook
CATEGORY=URL. With --connect, Test integrations are created at start and
their IDs printed; each one is announced with app.integration.activate to
its category's webhook, as Knit does once it has validated an integration.

When it accepts connections it prints one ready line (with --json, one JSON
object on stdout: baseUrl, controlUrl, apiKey when it is the test key,
integrations, webhooks, seed), then serves until interrupted.`,
		Example: `  knit mock --connect hris --forward-to http://127.0.0.1:3000/knit/webhook
  knit mock --port 0 --seed 7 --connect hris,ats --json`,
		Args: exactArgs(0, "none"),
		RunE: func(cmd *cobra.Command, _ []string) error { return a.mock(cmd, &f) },
	}
	fs := cmd.Flags()
	fs.IntVar(&f.port, "port", defaultMockPort, "port to listen on (0 picks a free one)")
	withEnv(fs, "port", envMockPort)
	fs.BoolVar(&f.allInterfaces, "all-interfaces", false, "listen on every network interface instead of loopback only")
	fs.Int64Var(&f.seed, "seed", knittest.DefaultSeed, "seed of the generated data (same seed, same data)")
	fs.StringSliceVar(&f.connect, "connect", nil, "connect Test integrations of these categories at start (hris,ats,crm,accounting; at most 3 unless --production)")
	fs.StringVar(&f.org, "org", "acme", "originOrgId of the --connect integrations")
	fs.BoolVar(&f.production, "production", false, "make the --connect integrations Production accounts (no limit of 3)")
	fs.StringVar(&f.forwardTo, "forward-to", "", "webhook URL syncs of every category deliver to")
	withEnv(fs, "forward-to", envForwardTo)
	fs.StringArrayVar(&f.webhooks, "webhook", nil, "webhook URL of one category, as CATEGORY=URL (repeatable; beats --forward-to)")
	f.keys.register(fs, "API key the playground accepts and signs webhooks with (default: the test key "+knittest.DefaultAPIKey+")", envMockAPIKey)
	return cmd
}

func (a *app) mock(cmd *cobra.Command, f *mockFlags) error {
	key, source, err := a.resolveKey(&f.keys, envMockAPIKey, knittest.DefaultAPIKey)
	if err != nil {
		return err
	}
	if f.port < 0 || f.port > 65535 {
		return usagef("--port %d is not a port number", f.port)
	}
	hooks := map[string]string{}
	if f.forwardTo != "" {
		if err := checkURL(f.forwardTo); err != nil {
			return usagef("--forward-to: %v", err)
		}
		for _, c := range categoryOrder {
			hooks[categories[c]] = f.forwardTo
		}
	}
	for _, w := range f.webhooks {
		name, u, ok := strings.Cut(w, "=")
		if !ok {
			return usagef("--webhook %q: want CATEGORY=URL", w)
		}
		c, err := parseCategory(name)
		if err != nil {
			return usagef("--webhook: %v", err)
		}
		if err := checkURL(u); err != nil {
			return usagef("--webhook %s: %v", name, err)
		}
		hooks[c] = u
	}
	var connect []string
	for _, name := range f.connect {
		c, err := parseCategory(name)
		if err != nil {
			return usagef("--connect: %v", err)
		}
		connect = append(connect, c)
	}
	host := "127.0.0.1"
	if f.allInterfaces {
		host = "0.0.0.0"
	}
	srv, err := knittest.Listen(net.JoinHostPort(host, strconv.Itoa(f.port)),
		knittest.WithSeed(f.seed), knittest.WithAPIKey(key), knittest.WithControlAPI())
	if err != nil {
		return err
	}
	defer srv.Close()
	for c, u := range hooks {
		if err := srv.SetWebhookURL(knit.Category(c), u); err != nil {
			return err
		}
	}
	integrations := map[string]string{}
	var ids []string
	for _, c := range connect {
		id, err := srv.Connect(knittest.ConnectParams{OriginOrgID: f.org, Category: knit.Category(c), Production: f.production})
		if err != nil {
			return fmt.Errorf("--connect %s: %w", c, err)
		}
		integrations[c] = id
		ids = append(ids, c+"="+id)
	}
	base := srv.URL()
	root := strings.TrimSuffix(base, "/v1.0")
	info := map[string]any{
		"event": "ready", "baseUrl": base, "controlUrl": root + knittest.ControlPath,
		"integrations": integrations, "webhooks": hooks, "seed": f.seed, "apiKeySource": source,
	}
	keyText := "key from " + source
	if key == knittest.DefaultAPIKey {
		info["apiKey"] = key // the documented test key, not a secret
		keyText = "key " + key
	}
	line := fmt.Sprintf("knit mock ready: %s %s, control %s", base, keyText, root+knittest.ControlPath)
	if len(ids) > 0 {
		line += ", integrations " + strings.Join(ids, " ")
	}
	if len(hooks) > 0 {
		var hs []string
		for _, c := range categoryOrder {
			if u := hooks[categories[c]]; u != "" {
				hs = append(hs, categories[c]+"->"+u)
			}
		}
		line += ", webhooks " + strings.Join(hs, " ")
	}
	if a.json {
		a.emit(info)
	} else {
		a.warnf("%s", line)
	}
	if a.ready != nil {
		a.ready(info)
	}
	<-cmd.Context().Done()
	a.warnf("knit mock: shutting down")
	return nil
}

// checkURL accepts absolute http(s) URLs.
func checkURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%q is not an absolute http(s) URL", raw)
	}
	return nil
}
