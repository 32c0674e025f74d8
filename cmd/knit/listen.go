package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"

	"github.com/knit-sdk/knit-go/knittest"
	"github.com/knit-sdk/knit-go/webhook"
)

// defaultListenPort is where knit listen listens unless --port.
const defaultListenPort = 12112

type listenFlags struct {
	port          int
	allInterfaces bool
	readTimeout   time.Duration
	forwardTo     string
	respond       string
	save          string
	extraKeyFiles []string
	timeout       time.Duration
	keys          keyFlags
}

// responder is what --respond simulates.
type responder struct {
	status    int     // fixed status, or
	flakyRate float64 // the share of deliveries answered 500 (the rest 200)
}

func parseRespond(s string) (responder, error) {
	if rate, ok := strings.CutPrefix(s, "flaky:"); ok {
		p, err := strconv.ParseFloat(rate, 64)
		if err != nil || p < 0 || p > 1 {
			return responder{}, fmt.Errorf("flaky:P wants a probability between 0 and 1, got %q", rate)
		}
		return responder{flakyRate: p}, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 200 || n > 599 {
		return responder{}, fmt.Errorf("want an HTTP status (200-599) or flaky:P, got %q", s)
	}
	return responder{status: n}, nil
}

func (r responder) pick() int {
	if r.status != 0 {
		return r.status
	}
	var b [8]byte
	_, _ = rand.Read(b[:])
	if float64(binary.BigEndian.Uint64(b[:])>>11)/(1<<53) < r.flakyRate {
		return http.StatusInternalServerError
	}
	return http.StatusOK
}

func (a *app) listenCmd() *cobra.Command {
	var f listenFlags
	cmd := &cobra.Command{
		Use:   "listen",
		Short: "Receive webhook deliveries locally, verify X-Knit-Signature and forward them to your app",
		Long: `Receive webhook deliveries (any path, POST) on 127.0.0.1:` + strconv.Itoa(defaultListenPort) + `, verify
X-Knit-Signature under one or more keys and say why a delivery fails: no
signature, a wrong key, a body that was re-serialised before signing, an
app that did not answer exactly 200.

Verified deliveries are forwarded to --forward-to with the raw bytes and
the X-Knit-* and Content-Type headers unchanged, and answered with the app's
status and body; without --forward-to, knit listen simulates an app with
--respond (200, any status, or flaky:P to answer 500 with probability P).
Deliveries that fail verification are answered 401 and not forwarded.
--save DIR records each verified delivery (body byte for byte and its
headers) for knit replay.

The keys are KNIT_API_KEY (or --api-key-file), else the playground's test
key, plus every --extra-key-file (during a key rotation). One line per
delivery goes to stderr, or a JSON object to stdout with --json.`,
		Example: `  knit listen --forward-to http://127.0.0.1:3000/knit/webhook
  knit listen --respond flaky:0.3 --save ./deliveries`,
		Args: exactArgs(0, "none"),
		RunE: func(cmd *cobra.Command, _ []string) error { return a.listen(cmd.Context(), &f) },
	}
	fs := cmd.Flags()
	fs.IntVar(&f.port, "port", defaultListenPort, "port to listen on (0 picks a free one)")
	fs.BoolVar(&f.allInterfaces, "all-interfaces", false, "listen on every network interface instead of loopback only")
	fs.StringVar(&f.forwardTo, "forward-to", "", "forward verified deliveries to this URL and answer with its status")
	withEnv(fs, "forward-to", envForwardTo)
	fs.StringVar(&f.respond, "respond", "200", "without --forward-to: answer with this status, or flaky:P (500 with probability P, else 200)")
	fs.StringVar(&f.save, "save", "", "save each verified delivery in this directory (for knit replay)")
	fs.StringArrayVar(&f.extraKeyFiles, "extra-key-file", nil, "also accept signatures under the key in this file (repeatable; for key rotation)")
	fs.DurationVar(&f.timeout, "timeout", 30*time.Second, "timeout of one forwarded request")
	fs.DurationVar(&f.readTimeout, "read-timeout", 30*time.Second, "longest time to read one delivery, body included")
	f.keys.register(fs, "signing key (your Knit API key)", envAPIKey)
	return cmd
}

type listener struct {
	a        *app
	f        *listenFlags
	keys     []string
	respond  responder
	client   *http.Client
	seq      atomic.Int64
	verifier *webhook.Verifier
}

func (a *app) listen(ctx context.Context, f *listenFlags) error {
	key, source, err := a.resolveKey(&f.keys, envAPIKey, knittest.DefaultAPIKey)
	if err != nil {
		return err
	}
	a.playgroundKeyNote(source)
	keys, err := withExtraKeys(key, f.extraKeyFiles)
	if err != nil {
		return err
	}
	l := &listener{a: a, f: f, keys: keys, client: &http.Client{Timeout: f.timeout, Transport: http.DefaultTransport.(*http.Transport).Clone()}, verifier: webhook.NewVerifier(keys)}
	defer l.client.CloseIdleConnections()
	if f.forwardTo != "" {
		if err := checkURL(f.forwardTo); err != nil {
			return usagef("--forward-to: %v", err)
		}
	} else if l.respond, err = parseRespond(f.respond); err != nil {
		return usagef("--respond: %v", err)
	}
	if f.save != "" {
		if err := os.MkdirAll(f.save, 0o750); err != nil {
			return fmt.Errorf("--save: %w", err)
		}
	}
	ln, err := listenTCP(ctx, f.port, f.allInterfaces)
	if err != nil {
		return err
	}
	// ReadTimeout covers the body too: a sender that stalls mid-body must
	// not hold its connection and goroutine for ever.
	srv := &http.Server{Handler: l, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: f.readTimeout, IdleTimeout: time.Minute}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	url := "http://" + ln.Addr().String()
	info := map[string]any{"event": "ready", "url": url, "forwardTo": f.forwardTo, "keys": len(keys)}
	if a.json {
		a.emit(info)
	} else {
		target := "answering " + f.respond
		if f.forwardTo != "" {
			target = "forwarding to " + f.forwardTo
		}
		a.warnf("knit listen ready: %s (%d key(s)), %s", url, len(keys), target)
	}
	if a.ready != nil {
		a.ready(info)
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	_ = srv.Shutdown(sctx)
	a.warnf("knit listen: shutting down after %d deliveries", l.seq.Load())
	return nil
}

// report is one delivery as knit listen saw it.
type report struct {
	Event         string  `json:"event"`
	N             int64   `json:"n"`
	EventID       string  `json:"eventId,omitempty"`
	EventType     string  `json:"eventType,omitempty"`
	IntegrationID string  `json:"integrationId,omitempty"`
	Verified      bool    `json:"verified"`
	Problem       string  `json:"problem,omitempty"`
	Status        int     `json:"status"`
	AppStatus     int     `json:"appStatus,omitempty"`
	LatencyMS     float64 `json:"latencyMs"`
	Saved         string  `json:"saved,omitempty"`
}

func (l *listener) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rep := report{Event: "delivery", N: l.seq.Add(1), IntegrationID: r.Header.Get(webhook.HeaderIntegrationID)}
	status, body := l.handle(r, &rep)
	rep.Status = status
	rep.LatencyMS = float64(time.Since(start).Microseconds()) / 1000
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(body)
	if l.a.json {
		l.a.emit(rep)
		return
	}
	l.a.warnf("%s", rep.line())
}

func (rep report) line() string {
	var b strings.Builder
	fmt.Fprintf(&b, "[%d] %d", rep.N, rep.Status)
	if rep.EventType != "" {
		fmt.Fprintf(&b, " %s %s", rep.EventType, rep.EventID)
	}
	if rep.IntegrationID != "" {
		fmt.Fprintf(&b, " integration %s", rep.IntegrationID)
	}
	if rep.Verified {
		b.WriteString(" signature ok")
	}
	if rep.AppStatus != 0 {
		fmt.Fprintf(&b, ", app answered %d", rep.AppStatus)
	}
	if rep.Problem != "" {
		b.WriteString(": " + rep.Problem)
	}
	return b.String()
}

func (l *listener) handle(r *http.Request, rep *report) (int, []byte) {
	if r.Method != http.MethodPost {
		rep.Problem = "not a POST (Knit only POSTs)"
		return http.StatusMethodNotAllowed, []byte("only POST is accepted\n")
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, webhook.DefaultMaxBodyBytes+1))
	if err != nil {
		rep.Problem = "reading the body: " + err.Error()
		return http.StatusBadRequest, []byte("unreadable body\n")
	}
	if int64(len(body)) > webhook.DefaultMaxBodyBytes {
		rep.Problem = "the body is larger than the SDK's default limit"
		return http.StatusRequestEntityTooLarge, []byte("payload too large\n")
	}
	var head struct {
		EventID   string `json:"eventId"`
		EventType string `json:"eventType"`
	}
	_ = json.Unmarshal(body, &head)
	rep.EventID, rep.EventType = head.EventID, head.EventType
	if p := l.diagnose(body, r.Header.Get(webhook.HeaderSignature)); p != "" {
		rep.Problem = p
		return http.StatusUnauthorized, []byte("invalid or missing X-Knit-Signature\n")
	}
	rep.Verified = true
	if _, err := webhook.Parse(body); err != nil {
		rep.Problem = "the signature is valid but the body is not a Knit event: " + err.Error()
		return http.StatusBadRequest, []byte("malformed payload\n")
	}
	if l.f.save != "" {
		path, err := saveDelivery(l.f.save, rep.N, head.EventID, body, r.Header)
		if err != nil {
			// A 500 makes the sender deliver again: a 200 here would lose
			// the delivery for replay.
			rep.Problem = "saving: " + err.Error()
			return http.StatusInternalServerError, []byte("knit listen: could not save the delivery\n")
		}
		rep.Saved = path
	}
	if l.f.forwardTo == "" {
		status := l.respond.pick()
		if status != http.StatusOK {
			rep.Problem = "simulated app answered " + strconv.Itoa(status)
		}
		return status, []byte(http.StatusText(status) + "\n")
	}
	return l.forward(r, body, rep)
}

// diagnose verifies the signature and, when it fails, says why.
func (l *listener) diagnose(body []byte, sig string) string {
	err := l.verifier.Verify(body, sig)
	switch {
	case err == nil:
		return ""
	case errors.Is(err, webhook.ErrMissingSignature):
		return "no X-Knit-Signature header"
	case !errors.Is(err, webhook.ErrInvalidSignature):
		return err.Error()
	}
	if strings.Contains(err.Error(), "base64url") || strings.Contains(err.Error(), "characters") {
		msg := "X-Knit-Signature is malformed (" + err.Error() + ")"
		if !strings.Contains(err.Error(), "want 43") { // say the hint once
			msg += "; want 43 base64url characters"
		}
		return msg
	}
	var compact bytes.Buffer
	if json.Compact(&compact, body) == nil && !bytes.Equal(compact.Bytes(), body) && webhook.Verify(compact.Bytes(), sig, l.keys...) == nil {
		return "the signature matches the body re-serialised without whitespace, not the raw bytes: the sender signed a re-encoded body (verify the raw body; webhook.WithCompactJSONFallback accepts this)"
	}
	if webhook.Verify(body, sig, knittest.DefaultAPIKey) == nil {
		return "the delivery is signed with the playground's test key " + knittest.DefaultAPIKey + ", not your key: give knit mock the same key (KNIT_MOCK_API_KEY) or knit listen the test key"
	}
	return fmt.Sprintf("the signature matches none of the %d key(s): a wrong key, or the body was changed after signing", len(l.keys))
}

// forwardHeaders are the request headers passed to the app unchanged.
func forwardHeaders(from http.Header, to http.Header) {
	for k, vs := range from {
		if strings.HasPrefix(http.CanonicalHeaderKey(k), "X-Knit-") || http.CanonicalHeaderKey(k) == "Content-Type" {
			to[http.CanonicalHeaderKey(k)] = append([]string(nil), vs...)
		}
	}
}

func (l *listener) forward(r *http.Request, body []byte, rep *report) (int, []byte) {
	req, err := http.NewRequestWithContext(r.Context(), http.MethodPost, l.f.forwardTo, bytes.NewReader(body))
	if err != nil {
		rep.Problem = err.Error()
		return http.StatusBadGateway, []byte("knit listen: cannot forward\n")
	}
	forwardHeaders(r.Header, req.Header)
	resp, err := l.client.Do(req)
	if err != nil {
		rep.Problem = "forwarding failed: " + err.Error()
		return http.StatusBadGateway, []byte("knit listen: the app did not answer\n")
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	rep.AppStatus = resp.StatusCode
	switch {
	case resp.StatusCode == http.StatusCreated || resp.StatusCode == http.StatusNoContent:
		rep.Problem = "Knit treats anything but exactly 200 as a failure and redelivers: answer 200"
	case resp.StatusCode != http.StatusOK:
		rep.Problem = "not 200: Knit will redeliver"
	}
	return resp.StatusCode, out
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// saveDelivery writes <n>_<eventId>.json (the body, byte for byte) and
// <n>_<eventId>.headers.json (the X-Knit-* and Content-Type headers).
func saveDelivery(dir string, n int64, eventID string, body []byte, h http.Header) (string, error) {
	name := fmt.Sprintf("%06d_%s", n, fileSafeID(eventID))
	path := filepath.Join(dir, name+".json")
	if err := os.WriteFile(path, body, 0o600); err != nil {
		return "", err
	}
	hs := http.Header{}
	forwardHeaders(h, hs)
	hb, err := json.MarshalIndent(hs, "", "  ")
	if err != nil {
		return "", err
	}
	return path, os.WriteFile(filepath.Join(dir, name+headersSuffix), append(hb, '\n'), 0o600)
}

// maxIDInName bounds the part of a saved file's name taken from the event
// ID: file names end at 255 bytes on most file systems.
const maxIDInName = 64

// fileSafeID returns eventID with characters unsafe in file names replaced;
// an ID longer than maxIDInName is cut and followed by a hash of the whole
// ID, so that two long IDs never share a name.
func fileSafeID(eventID string) string {
	safe := unsafeName.ReplaceAllString(eventID, "_")
	if len(safe) <= maxIDInName {
		return safe
	}
	sum := sha256.Sum256([]byte(eventID))
	return safe[:maxIDInName] + "_" + hex.EncodeToString(sum[:6])
}

// headersSuffix ends the file of a saved delivery's headers.
const headersSuffix = ".headers.json"
