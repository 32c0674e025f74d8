package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/knit-sdk/knit-go/knittest"
	"github.com/knit-sdk/knit-go/webhook"
)

func (a *app) webhookCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "webhook",
		Short: "Sign or verify a webhook body as Knit does",
		Args:  exactArgs(0, "a subcommand: sign or verify"),
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(a.webhookSignCmd(), a.webhookVerifyCmd())
	return cmd
}

// readBody reads FILE, or stdin for "-".
func (a *app) readBody(path string) ([]byte, error) {
	if path == "-" {
		return io.ReadAll(a.stdin)
	}
	b, err := os.ReadFile(path) //nolint:gosec // the user names the file on the command line
	if err != nil {
		return nil, usageError{err}
	}
	return b, nil
}

func (a *app) webhookSignCmd() *cobra.Command {
	var keys keyFlags
	cmd := &cobra.Command{
		Use:   "sign FILE|-",
		Short: "Print the X-Knit-Signature of a body (the raw bytes of FILE, or stdin)",
		Long: `Print the X-Knit-Signature Knit would send with the body: base64url
(no padding) of HMAC-SHA256 over the raw bytes, keyed with the API key
(KNIT_API_KEY or --api-key-file, else the playground's test key).`,
		Example: `  knit webhook sign event.json
  printf '%s' '{"eventId":"e_1"}' | knit webhook sign -`,
		Args: exactArgs(1, "FILE or - for stdin"),
		RunE: func(_ *cobra.Command, args []string) error {
			key, source, err := a.resolveKey(&keys, envAPIKey, knittest.DefaultAPIKey)
			if err != nil {
				return err
			}
			a.playgroundKeyNote(source)
			body, err := a.readBody(args[0])
			if err != nil {
				return err
			}
			sig := webhook.Sign(body, key)
			a.result(map[string]any{"signature": sig, "bytes": len(body)}, sig)
			return nil
		},
	}
	keys.register(cmd.Flags(), "signing key (your Knit API key)", envAPIKey)
	return cmd
}

func (a *app) webhookVerifyCmd() *cobra.Command {
	var (
		keys      keyFlags
		signature string
	)
	cmd := &cobra.Command{
		Use:     "verify FILE|- --signature SIG",
		Short:   "Check an X-Knit-Signature against a body; exit 1 if it does not match",
		Example: `  knit webhook verify event.json --signature "$SIG"`,
		Args:    exactArgs(1, "FILE or - for stdin"),
		RunE: func(_ *cobra.Command, args []string) error {
			if signature == "" {
				return usagef("--signature is required")
			}
			key, source, err := a.resolveKey(&keys, envAPIKey, knittest.DefaultAPIKey)
			if err != nil {
				return err
			}
			a.playgroundKeyNote(source)
			body, err := a.readBody(args[0])
			if err != nil {
				return err
			}
			l := &listener{keys: []string{key}, verifier: webhook.NewVerifier([]string{key})}
			if p := l.diagnose(body, signature); p != "" {
				a.result(map[string]any{"valid": false, "problem": p}, "invalid: "+p)
				return errReported
			}
			a.result(map[string]any{"valid": true}, "valid")
			return nil
		},
	}
	cmd.Flags().StringVar(&signature, "signature", "", "the X-Knit-Signature header value")
	keys.register(cmd.Flags(), "signing key (your Knit API key)", envAPIKey)
	return cmd
}

func (a *app) replayCmd() *cobra.Command {
	var (
		keys          keyFlags
		to            string
		resign        bool
		integrationID string
		timeout       time.Duration
	)
	cmd := &cobra.Command{
		Use:   "replay FILE|DIR --to URL",
		Short: "Send saved deliveries again, byte for byte",
		Long: `Send deliveries saved by knit listen --save (or any event JSON files) to
--to, byte for byte, with their saved X-Knit-* headers. A file without a
saved signature, or any file with --resign, is signed with the API key
(KNIT_API_KEY or --api-key-file, else the playground's test key). Files of
a directory are sent in name order. Exit 1 unless every delivery was
answered exactly 200.`,
		Example: `  knit replay ./deliveries --to http://127.0.0.1:3000/knit/webhook
  knit replay ./deliveries/000003_ev_1.json --resign --to http://127.0.0.1:3000/knit/webhook`,
		Args: exactArgs(1, "a FILE or DIR"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkURL(to); err != nil {
				return usagef("--to: %v", err)
			}
			files, err := replayFiles(args[0])
			if err != nil {
				return err
			}
			var key string
			needKey := resign
			for _, f := range files {
				if f.header.Get(webhook.HeaderSignature) == "" {
					needKey = true
				}
			}
			if needKey {
				var source string
				if key, source, err = a.resolveKey(&keys, envAPIKey, knittest.DefaultAPIKey); err != nil {
					return err
				}
				a.playgroundKeyNote(source)
			}
			client := &http.Client{Timeout: timeout, Transport: http.DefaultTransport.(*http.Transport).Clone()} // its own: closed below
			defer client.CloseIdleConnections()
			failed := 0
			for i, f := range files {
				h := f.header.Clone()
				if resign || h.Get(webhook.HeaderSignature) == "" {
					h.Set(webhook.HeaderSignature, webhook.Sign(f.body, key))
				}
				if h.Get(webhook.HeaderContentType) == "" {
					h.Set(webhook.HeaderContentType, webhook.ContentTypeJSON)
				}
				if integrationID != "" {
					h.Set(webhook.HeaderIntegrationID, integrationID)
				}
				status, ms, err := postRaw(cmd, client, to, f.body, h)
				ok := err == nil && status == http.StatusOK
				if !ok {
					failed++
				}
				errText := ""
				if err != nil {
					errText = err.Error()
				}
				if a.json {
					a.emit(map[string]any{"event": "delivery", "file": f.path, "status": status, "latencyMs": ms, "error": errText, "ok": ok})
				} else {
					line := fmt.Sprintf("[%d/%d] %d %7.1fms %s", i+1, len(files), status, ms, f.path)
					if errText != "" {
						line += ": " + errText
					}
					a.warnf("%s", line)
				}
			}
			if failed > 0 {
				return fmt.Errorf("%d of %d replayed deliveries were not answered exactly 200", failed, len(files))
			}
			a.warnf("replayed %d deliveries, all answered 200", len(files))
			return nil
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&to, "to", "", "URL to POST to (required)")
	fs.BoolVar(&resign, "resign", false, "sign every body again with the API key instead of sending the saved signature")
	fs.StringVar(&integrationID, "integration-id", "", "override X-Knit-Integration-Id")
	fs.DurationVar(&timeout, "timeout", 10*time.Second, "timeout of one delivery")
	keys.register(fs, "signing key (your Knit API key)", envAPIKey)
	return cmd
}

type savedDelivery struct {
	path   string
	body   []byte
	header http.Header
}

// replayFiles reads FILE, or every *.json of DIR that is not a headers file.
func replayFiles(path string) ([]savedDelivery, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, usageError{err}
	}
	var paths []string
	if st.IsDir() {
		entries, err := os.ReadDir(path)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			n := e.Name()
			if !e.IsDir() && strings.HasSuffix(n, ".json") && !strings.HasSuffix(n, headersSuffix) {
				paths = append(paths, filepath.Join(path, n))
			}
		}
		sort.Strings(paths)
		if len(paths) == 0 {
			return nil, usagef("%s holds no .json deliveries", path)
		}
	} else {
		paths = []string{path}
	}
	out := make([]savedDelivery, 0, len(paths))
	for _, p := range paths {
		body, err := os.ReadFile(p) //nolint:gosec // a file of the directory the user named
		if err != nil {
			return nil, err
		}
		d := savedDelivery{path: p, body: body, header: http.Header{}}
		hb, err := os.ReadFile(strings.TrimSuffix(p, ".json") + headersSuffix)
		switch {
		case err == nil:
			if err := json.Unmarshal(hb, &d.header); err != nil {
				return nil, fmt.Errorf("%s: %w", strings.TrimSuffix(p, ".json")+headersSuffix, err)
			}
		case !errors.Is(err, os.ErrNotExist):
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

func postRaw(cmd *cobra.Command, client *http.Client, to string, body []byte, h http.Header) (int, float64, error) {
	req, err := http.NewRequestWithContext(cmd.Context(), http.MethodPost, to, strings.NewReader(string(body)))
	if err != nil {
		return 0, 0, err
	}
	req.Header = h
	t := time.Now()
	resp, err := client.Do(req)
	ms := float64(time.Since(t).Microseconds()) / 1000
	if err != nil {
		return 0, ms, err
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	_ = resp.Body.Close()
	return resp.StatusCode, ms, nil
}
