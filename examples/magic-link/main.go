// Command magic-link creates a Knit magic link: a URL you send to one of
// your customers, who opens it to connect an app (their HRIS, ATS, CRM or
// accounting system) on a page hosted by Knit, with no UI of yours involved.
// It calls client.MagicLinks.Create for an organisation, a user and a
// category, and prints the link.
//
// Without KNIT_API_KEY it runs against the in-process Knit playground
// (package knittest), so it needs no key and no network. Its link only works
// while the program runs, so -follow opens it right away, as the end user
// would, and prints the Integration ID the connection produced:
//
//	go run ./examples/magic-link -org-id acme -org-name "Acme Inc" -email admin@acme.example -name "Ada Admin" -category HRIS -follow
//
// With KNIT_API_KEY set it asks Knit's API (KNIT_BASE_URL overrides the base
// URL), and -test marks the connection as a Test account:
//
//	KNIT_API_KEY=... go run ./examples/magic-link -org-id acme -org-name "Acme Inc" -email admin@acme.example -name "Ada Admin" -category ATS -test
//
// Knit documents magic links as created in its dashboard; the API flag the
// SDK sends for them is the SDK's guess. If Knit answers without a link, the
// program says so and points to the dashboard.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/knittest"
	"github.com/knit-sdk/knit-go/option"
)

const (
	// envAPIKey holds your Knit API key; unset means the playground.
	envAPIKey = "KNIT_API_KEY"
	// envBaseURL optionally overrides Knit's API base URL.
	envBaseURL = "KNIT_BASE_URL"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout)
	stop()
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "magic-link:", err)
		os.Exit(1)
	}
}

// config is the parsed command line.
type config struct {
	orgID, orgName, email, name string
	category                    knit.Category
	// test is nil unless -test was given: the account default applies.
	test   *bool
	follow bool
}

// run is the whole program, with the environment and output injected so
// that tests can drive it.
func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	cfg, err := parseFlags(args, stdout)
	if err != nil {
		return err
	}
	client, srv, err := newClient(getenv)
	if err != nil {
		return err
	}
	playground := srv != nil
	if playground {
		defer srv.Close()
		if _, err := fmt.Fprintf(stdout, "%s is not set: using the in-process Knit playground (its link works only while this program runs).\n", envAPIKey); err != nil {
			return err
		}
	} else if cfg.follow {
		return errors.New("-follow works only against the playground (unset " + envAPIKey + "); send a real link to your user instead")
	}

	link, err := client.MagicLinks.Create(ctx, &knit.MagicLinkParams{
		OriginOrgID:     cfg.orgID,
		OriginOrgName:   cfg.orgName,
		OriginUserEmail: cfg.email,
		OriginUserName:  cfg.name,
		Category:        cfg.category,
		TestAccount:     cfg.test,
	})
	switch {
	case errors.Is(err, knit.ErrMagicLinkUnavailable):
		return fmt.Errorf("no magic link in Knit's answer. Knit documents magic links as a "+
			"dashboard feature: create this one in the Knit dashboard (Magic Link: organisation %q, user %s, category %s), "+
			"or embed Knit's UI component with an auth session token instead (see examples/embedded-ui): %w",
			cfg.orgID, cfg.email, cfg.category, err)
	case err != nil:
		return fmt.Errorf("create magic link: %w", err)
	}
	if _, err := fmt.Fprintf(stdout, "Magic link for %s (%s), %s, category %s:\n%s\n",
		cfg.orgName, cfg.orgID, cfg.email, cfg.category, link.URL); err != nil {
		return err
	}
	if !cfg.follow {
		return nil
	}
	return followLink(ctx, client, link.URL, cfg.orgID, stdout)
}

// parseFlags parses and checks the command line; every missing required
// flag is named in one error.
func parseFlags(args []string, out io.Writer) (*config, error) {
	fs := flag.NewFlagSet("magic-link", flag.ContinueOnError)
	fs.SetOutput(out)
	cfg := new(config)
	fs.StringVar(&cfg.orgID, "org-id", "", "your customer's organisation ID, unique per customer (required)")
	fs.StringVar(&cfg.orgName, "org-name", "", "your customer's organisation name (required)")
	fs.StringVar(&cfg.email, "email", "", "email of the user who will connect the app (required)")
	fs.StringVar(&cfg.name, "name", "", "name of that user (required)")
	category := fs.String("category", "", "category of app to connect: HRIS, ATS, CRM or Accounting (required)")
	test := fs.Bool("test", false, "mark the connection as a Test account (-test=false: Production; unset: your account's default)")
	fs.BoolVar(&cfg.follow, "follow", false, "playground only: open the link as the end user would and print the new Integration ID")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected arguments %q (flags go before arguments; see -h)", fs.Args())
	}
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "test" {
			cfg.test = test
		}
	})
	var missing []string
	for _, f := range []struct{ flag, v string }{
		{"-org-id", cfg.orgID}, {"-org-name", cfg.orgName}, {"-email", cfg.email},
		{"-name", cfg.name}, {"-category", *category},
	} {
		if strings.TrimSpace(f.v) == "" {
			missing = append(missing, f.flag)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("missing required flags: %s (see -h)", strings.Join(missing, ", "))
	}
	cat, err := parseCategory(*category)
	if err != nil {
		return nil, err
	}
	cfg.category = cat
	return cfg, nil
}

// parseCategory accepts a category in any case and returns Knit's spelling.
func parseCategory(s string) (knit.Category, error) {
	for _, c := range []knit.Category{knit.CategoryHRIS, knit.CategoryATS, knit.CategoryCRM, knit.CategoryAccounting} {
		if strings.EqualFold(strings.TrimSpace(s), string(c)) {
			return c, nil
		}
	}
	return "", fmt.Errorf("-category %q: want HRIS, ATS, CRM or Accounting", s)
}

// newClient returns a client for Knit's API when KNIT_API_KEY is set, else
// a client of a new playground server, which the caller must close.
func newClient(getenv func(string) string) (*knit.Client, *knittest.Server, error) {
	key := strings.TrimSpace(getenv(envAPIKey))
	if key == "" {
		srv := knittest.NewServer()
		c, err := srv.Client()
		if err != nil {
			srv.Close()
			return nil, nil, fmt.Errorf("playground client: %w", err)
		}
		return c, srv, nil
	}
	var opts []option.RequestOption
	if base := strings.TrimSpace(getenv(envBaseURL)); base != "" {
		opts = append(opts, option.WithBaseURL(base))
	}
	c, err := knit.NewClient(key, opts...)
	if err != nil {
		return nil, nil, fmt.Errorf("knit client: %w", err)
	}
	return c, nil, nil
}
