// Command webhook-receiver receives Knit's sync events: an http.Server whose
// webhook endpoint is webhook.NewHandler with a webhook.Router. It verifies
// X-Knit-Signature, drops redeliveries, decodes employee, job, application,
// candidate and invoice records with the typed accessors, and logs what
// arrives with log/slog (IDs, types and a name or title; never keys or whole
// records). It shuts down gracefully on SIGINT or SIGTERM.
//
// Knit signs every delivery with your Knit API key, so the receiver needs it
// in KNIT_API_KEY. To try it without a key, pass -demo in both terminals: both
// then use a clearly labelled demo key that Knit never signs with.
//
// Terminal 1, the receiver (POST http://127.0.0.1:8080/knit/webhook):
//
//	KNIT_API_KEY=... go run ./examples/webhook-receiver
//	go run ./examples/webhook-receiver -demo
//
// Terminal 2, a signed sample record.new employee event, as Knit sends it:
//
//	KNIT_API_KEY=... go run ./examples/webhook-receiver -send-test http://127.0.0.1:8080/knit/webhook
//	go run ./examples/webhook-receiver -demo -send-test http://127.0.0.1:8080/knit/webhook
//
// In production, register the public HTTPS URL of the endpoint as the
// webhook of each category in Knit's dashboard.
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

	"github.com/knit-sdk/knit-go/webhook"
)

const (
	// webhookPath is where the receiver listens for Knit's deliveries.
	webhookPath = "/knit/webhook"
	// envAPIKey names the environment variable holding the Knit API key,
	// which is also the webhook signing key.
	envAPIKey = "KNIT_API_KEY"
	// demoKey is used only with -demo and no KNIT_API_KEY. Knit never signs
	// with it: it only lets the two halves of this example talk to each other.
	demoKey = "DEMO-ONLY-not-a-knit-key"
	// shutdownTimeout bounds how long in-flight deliveries may finish.
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
		fmt.Fprintln(os.Stderr, "webhook-receiver:", err)
		os.Exit(1)
	}
}

// config is the parsed command line.
type config struct {
	addr          string
	sendTest      string
	integrationID string
	demo          bool
	key           string
}

// run is the whole program: it parses args, picks the signing key from
// getenv, then either serves until ctx ends or sends one test event. It
// writes logs and output to stdout. ready, if not nil, is called with the
// listening address once the receiver accepts connections.
func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer, ready func(addr string)) error {
	cfg, err := parseFlags(args, stdout)
	if err != nil {
		return err
	}
	logger := slog.New(slog.NewTextHandler(stdout, nil))
	cfg.key, err = signingKey(getenv, cfg.demo)
	if err != nil {
		return err
	}
	if cfg.demo && cfg.key == demoKey {
		logger.Warn("DEMO MODE: using the built-in demo key, not a Knit API key; real Knit deliveries will be rejected with 401")
	}
	if cfg.sendTest != "" {
		return sendTest(ctx, cfg, stdout)
	}
	return serve(ctx, cfg, logger, ready)
}

func parseFlags(args []string, out io.Writer) (*config, error) {
	fs := flag.NewFlagSet("webhook-receiver", flag.ContinueOnError)
	fs.SetOutput(out)
	cfg := new(config)
	fs.StringVar(&cfg.addr, "addr", "127.0.0.1:8080", "address to listen on")
	fs.StringVar(&cfg.sendTest, "send-test", "", "instead of serving, POST a signed sample record.new employee event to this URL and print the status")
	fs.StringVar(&cfg.integrationID, "integration-id", "int_demo_1", "X-Knit-Integration-Id of the -send-test event")
	fs.BoolVar(&cfg.demo, "demo", false, "use a built-in demo signing key when "+envAPIKey+" is not set (for trying the example only)")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected arguments %q (flags go before arguments; see -h)", fs.Args())
	}
	return cfg, nil
}

// signingKey returns the Knit API key, which signs webhooks. The demo key is
// only ever used when asked for with -demo.
func signingKey(getenv func(string) string, demo bool) (string, error) {
	if key := strings.TrimSpace(getenv(envAPIKey)); key != "" {
		return key, nil
	}
	if demo {
		return demoKey, nil
	}
	return "", fmt.Errorf("%s is not set: Knit signs webhooks with your API key, so export it, or pass -demo to try this example with a demo key", envAPIKey)
}

// newMux routes webhookPath to the verifying handler; everything else is 404.
func newMux(key string, logger *slog.Logger) *http.ServeMux {
	mux := http.NewServeMux()
	mux.Handle(webhookPath, webhook.NewHandler([]string{key}, newRouter(logger).Handle, webhook.WithLogger(logger)))
	return mux
}

// serve runs the receiver until ctx ends, then shuts it down gracefully.
func serve(ctx context.Context, cfg *config, logger *slog.Logger, ready func(string)) error {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", cfg.addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.addr, err)
	}
	srv := &http.Server{
		Handler:           newMux(cfg.key, logger),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       60 * time.Second,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelError),
	}
	addr := ln.Addr().String()
	logger.Info("receiving Knit webhooks", "url", "http://"+addr+webhookPath)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	if ready != nil {
		ready(addr)
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
