// Command embedded-ui is a Go backend for Knit's embedded UI component:
// it serves a page with Knit's <knit-auth> web component, creates the auth
// session tokens the component needs, and receives the component's onFinish
// details, which it confirms with Knit server-side before storing the
// Integration ID.
//
//   - GET  /                      the page, with a fresh auth session token
//   - POST /api/knit/session      a new token for the component's onNewSession
//     (client.AuthSessions.Create for the logged-in organisation and user)
//   - POST /api/knit/integrations the onFinish event.detail: decoded with
//     knit.ParseIntegrationDetails, checked against the logged-in organisation,
//     confirmed with client.Integrations.Confirm, then stored
//
// Without KNIT_API_KEY it runs against the in-process Knit playground
// (package knittest): no key, no account. Knit's real component cannot talk
// to the playground, so the page then also offers a clearly labelled
// "simulate" button that completes the session as an end user would and
// hands the result to the same onFinish code path:
//
//	go run ./examples/embedded-ui                      # then open http://127.0.0.1:8080
//	KNIT_API_KEY=... go run ./examples/embedded-ui -addr 127.0.0.1:3000
//
// With KNIT_API_KEY set it uses Knit's API (KNIT_BASE_URL overrides the base
// URL) and the page opens Knit's real component. The "logged-in" user is a
// fixed demo user (see currentUser): wire in your own authentication.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/knittest"
	"github.com/knit-sdk/knit-go/option"
)

const (
	// envAPIKey holds your Knit API key; unset means the playground.
	envAPIKey = "KNIT_API_KEY"
	// envBaseURL optionally overrides Knit's API base URL.
	envBaseURL = "KNIT_BASE_URL"
	// shutdownTimeout bounds how long in-flight requests may finish.
	shutdownTimeout = 10 * time.Second
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, nil)
	stop()
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "embedded-ui:", err)
		os.Exit(1)
	}
}

// run is the whole program: it parses args, builds a client for Knit's API
// (KNIT_API_KEY from getenv) or the playground, and serves until ctx ends.
// Logs go to stdout. ready, if not nil, is called with the listening address
// once the server accepts connections.
func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer, ready func(addr string)) error {
	fs := flag.NewFlagSet("embedded-ui", flag.ContinueOnError)
	fs.SetOutput(stdout)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q (flags go before arguments; see -h)", fs.Args())
	}
	logger := slog.New(slog.NewTextHandler(stdout, nil))

	client, playground, err := newClient(getenv)
	if err != nil {
		return err
	}
	if playground != nil {
		defer playground.Close()
		logger.Info("KNIT_API_KEY is not set: using the in-process Knit playground")
	}
	app, err := newServer(client, playground, logger)
	if err != nil {
		return err
	}

	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	srv := &http.Server{
		Handler:           app.routes(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       60 * time.Second,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelError),
	}
	logger.Info("open the page", "url", "http://"+ln.Addr().String()+"/")
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	if ready != nil {
		ready(ln.Addr().String())
	}
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
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
