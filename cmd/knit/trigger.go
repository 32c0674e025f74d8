package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"

	"github.com/knit-sdk/knit-go/knittest"
	"github.com/knit-sdk/knit-go/webhook"
)

type triggerFlags struct {
	to            string
	dataType      string
	count         int
	repeat        int
	concurrency   int
	shuffle       bool
	badSignature  bool
	sets          []string
	file          string
	integrationID string
	seed          int64
	timeout       time.Duration
	keys          keyFlags
}

// eventTypes are what knit trigger builds from the playground's data.
var eventTypes = []string{"record.new", "record.modified", "record.deleted", "sync.events.processed", "sync.events.allConsumed"}

func (a *app) triggerCmd() *cobra.Command {
	var f triggerFlags
	cmd := &cobra.Command{
		Use:   "trigger [EVENT] --to URL",
		Short: "Send Knit-signed webhook deliveries to your endpoint",
		Long: `Send webhook deliveries exactly as Knit does: a POST with the event JSON,
Content-Type: application/json, X-Knit-Signature (base64url HMAC-SHA256 of
the body keyed with the API key), X-Knit-Integration-Id and a unique
X-Knit-Execution-Id per POST.

EVENT is one of ` + strings.Join(eventTypes, ", ") + `;
record events are built from the playground's data of --data-type
(employee, ats_jobs, ats_applications, ats_candidates, accounting_invoices).
Or send your own payloads with --file (one JSON object, a JSON array of
them, or NDJSON), sent byte for byte unless --set changes them.

One line per delivery (status, latency, eventId) goes to stderr, or one JSON
object per delivery to stdout with --json, then a summary. On a terminal,
runs of more than 50 deliveries show a live progress line instead, plus a
line for each delivery that was not answered 200. The exit code is
0 only if every delivery was answered exactly 200: Knit treats anything
else, 201 and 204 included, as a failure and redelivers. With
--bad-signature the check is reversed: exit 0 only if every delivery was
refused.

The signing key is KNIT_API_KEY (or --api-key-file), else the playground's
test key.`,
		Example: `  knit trigger record.new --to http://127.0.0.1:8080/knit/webhook
  knit trigger record.new --data-type ats_jobs --count 500 --repeat 3 --concurrency 16 --to http://127.0.0.1:8080/knit/webhook
  knit trigger record.modified --set eventData.profile.firstName=Ada --to http://127.0.0.1:8080/knit/webhook
  knit trigger --file event.json --to http://127.0.0.1:8080/knit/webhook`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usagef("want at most one EVENT, got %q", args)
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			event := ""
			if len(args) == 1 {
				event = args[0]
			}
			return a.trigger(cmd.Context(), event, &f)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&f.to, "to", "", "URL to POST the deliveries to (required)")
	fs.StringVar(&f.dataType, "data-type", knittest.DataTypeEmployee, "sync data type of record events")
	fs.IntVar(&f.count, "count", 1, "how many distinct events to send")
	fs.IntVar(&f.repeat, "repeat", 1, "send each event this many times, one after another, with the same eventId (tests your dedupe)")
	fs.IntVar(&f.concurrency, "concurrency", 1, "deliveries in flight at once (the repeats of one event are always sequential)")
	fs.BoolVar(&f.shuffle, "shuffle", false, "send the events in random order")
	fs.BoolVar(&f.badSignature, "bad-signature", false, "sign with a wrong key; success means every delivery was refused")
	fs.StringArrayVar(&f.sets, "set", nil, "set a JSON field of every event, as path=value (dot path, e.g. eventData.profile.firstName=Ada; value parsed as JSON if it is JSON, else a string)")
	fs.StringVar(&f.file, "file", "", "send the events in this file instead of building EVENT (JSON object, array or NDJSON)")
	fs.StringVar(&f.integrationID, "integration-id", "mg_trigger", "X-Knit-Integration-Id of the deliveries")
	withEnv(fs, "integration-id", envIntegrationID)
	fs.Int64Var(&f.seed, "seed", knittest.DefaultSeed, "seed of the playground data the events are built from")
	fs.DurationVar(&f.timeout, "timeout", 10*time.Second, "timeout of one delivery")
	f.keys.register(fs, "signing key (your Knit API key)", envAPIKey)
	return cmd
}

// liveThreshold is the number of deliveries above which a terminal shows
// a live progress line instead of one line per delivery.
const liveThreshold = 50

// delivery is one event to send, possibly several times.
type delivery struct {
	body    []byte
	eventID string
}

// outcome is one POST.
type outcome struct {
	EventID   string  `json:"eventId"`
	Attempt   int     `json:"attempt"`
	Status    int     `json:"status"`
	LatencyMS float64 `json:"latencyMs"`
	Error     string  `json:"error,omitempty"`
}

func (a *app) trigger(ctx context.Context, event string, f *triggerFlags) error {
	switch {
	case f.to == "":
		return usagef("--to URL is required")
	case event == "" && f.file == "":
		return usagef("give an EVENT (%s) or --file", strings.Join(eventTypes, ", "))
	case event != "" && f.file != "":
		return usagef("give an EVENT or --file, not both")
	case f.count < 1 || f.repeat < 1 || f.concurrency < 1:
		return usagef("--count, --repeat and --concurrency must be at least 1")
	case f.file != "" && f.count != 1:
		return usagef("--count builds events; with --file, put the events in the file")
	case f.timeout <= 0:
		return usagef("--timeout must be positive")
	}
	if err := checkURL(f.to); err != nil {
		return usagef("--to: %v", err)
	}
	key, source, err := a.resolveKey(&f.keys, envAPIKey, knittest.DefaultAPIKey)
	if err != nil {
		return err
	}
	a.playgroundKeyNote(source)
	var bodies [][]byte
	if f.file != "" {
		bodies, err = readEvents(f.file)
	} else {
		bodies, err = buildEvents(event, f)
	}
	if err != nil {
		return err
	}
	for _, s := range f.sets {
		for i := range bodies {
			if bodies[i], err = setPath(bodies[i], s); err != nil {
				return usagef("--set %s: %v", s, err)
			}
		}
	}
	list := make([]delivery, len(bodies))
	for i, b := range bodies {
		var ev struct {
			EventID string `json:"eventId"`
		}
		_ = json.Unmarshal(b, &ev)
		list[i] = delivery{body: b, eventID: ev.EventID}
	}
	if f.shuffle {
		shuffle(list)
	}
	signKey := key
	if f.badSignature {
		signKey = key + "-wrong"
	}
	return a.send(ctx, list, signKey, f)
}

func buildEvents(event string, f *triggerFlags) ([][]byte, error) {
	srv := knittest.NewServer(knittest.WithSeed(f.seed))
	defer srv.Close()
	prefix := "ev_" + randomHex(4) + "_"
	evs, err := srv.BuildEvents(knittest.EventParams{EventType: event, DataType: f.dataType, Count: f.count, EventIDPrefix: prefix})
	if err != nil {
		return nil, usageError{err}
	}
	return evs, nil
}

// readEvents reads one JSON object, a JSON array of objects, or NDJSON. A
// single object is kept byte for byte.
func readEvents(path string) ([][]byte, error) {
	b, err := os.ReadFile(path) //nolint:gosec // the user names the file on the command line
	if err != nil {
		return nil, usagef("--file: %v", err)
	}
	trimmed := bytes.TrimSpace(b)
	if len(trimmed) == 0 {
		return nil, usagef("--file %s is empty", path)
	}
	if trimmed[0] == '[' {
		var list []json.RawMessage
		if err := json.Unmarshal(trimmed, &list); err != nil {
			return nil, usagef("--file %s: %v", path, err)
		}
		out := make([][]byte, len(list))
		for i, m := range list {
			out[i] = []byte(m)
		}
		return out, nil
	}
	if json.Valid(trimmed) {
		return [][]byte{b}, nil
	}
	var out [][]byte
	for i, line := range bytes.Split(trimmed, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		if !json.Valid(line) {
			return nil, usagef("--file %s: line %d is not JSON", path, i+1)
		}
		out = append(out, line)
	}
	return out, nil
}

// setPath sets a dot path of a JSON object to value (JSON if it parses,
// else a string) and returns the re-encoded object.
func setPath(body []byte, assign string) ([]byte, error) {
	path, raw, ok := strings.Cut(assign, "=")
	if !ok || path == "" {
		return nil, fmt.Errorf("want path=value")
	}
	var doc map[string]any
	if err := decodeExact([]byte(body), &doc); err != nil {
		return nil, fmt.Errorf("the event is not a JSON object: %w", err)
	}
	var val any = raw
	var parsed any
	if decodeExact([]byte(raw), &parsed) == nil {
		val = parsed
	}
	keys := strings.Split(path, ".")
	cur := doc
	for _, k := range keys[:len(keys)-1] {
		next, ok := cur[k].(map[string]any)
		if !ok {
			if cur[k] != nil {
				return nil, fmt.Errorf("%s is not an object", k)
			}
			next = map[string]any{}
			cur[k] = next
		}
		cur = next
	}
	cur[keys[len(keys)-1]] = val
	return json.Marshal(doc)
}

// decodeExact unmarshals one JSON value with numbers kept as json.Number,
// so that re-encoding writes them digit for digit (a float64 would turn
// 12345678901234567891 into 12345678901234567000).
func decodeExact(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("data after the JSON value")
	}
	return nil
}

func (a *app) send(ctx context.Context, list []delivery, key string, f *triggerFlags) error {
	client := &http.Client{Timeout: f.timeout, Transport: &http.Transport{MaxIdleConnsPerHost: f.concurrency, MaxConnsPerHost: f.concurrency}}
	defer client.CloseIdleConnections()
	total := len(list) * f.repeat
	var (
		mu       sync.Mutex
		statuses = map[int]int{}
		failed   int
		errs     int
		done     atomic.Int64
	)
	// On a terminal, long runs show one live progress line (and a line
	// per failed delivery); otherwise every delivery gets its own line.
	live := a.tty && !a.json && total > liveThreshold
	var (
		progressMu sync.Mutex
		last       time.Time
	)
	redraw := func(final bool) bool { // at most every 100ms, and at the end
		progressMu.Lock()
		defer progressMu.Unlock()
		if final || time.Since(last) > 100*time.Millisecond {
			last = time.Now()
			return true
		}
		return false
	}
	work := make(chan delivery)
	var wg sync.WaitGroup
	start := time.Now()
	for range min(f.concurrency, len(list)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range work {
				for attempt := 1; attempt <= f.repeat; attempt++ {
					o := postOnce(ctx, client, f.to, d, attempt, key, f.integrationID)
					ok := o.Error == "" && o.Status == http.StatusOK
					if f.badSignature {
						ok = o.Error == "" && (o.Status < 200 || o.Status > 299)
					}
					mu.Lock()
					if o.Error != "" {
						errs++
					} else {
						statuses[o.Status]++
					}
					if !ok {
						failed++
					}
					mu.Unlock()
					n := done.Add(1)
					switch {
					case a.json:
						a.emit(map[string]any{"event": "delivery", "eventId": o.EventID, "attempt": o.Attempt, "status": o.Status, "latencyMs": o.LatencyMS, "error": o.Error, "ok": ok})
					case live && ok:
						if redraw(n == int64(total)) {
							a.progressf("%s", deliveryLine(o, n, total))
						}
					case live:
						a.progressf("%s\n", deliveryLine(o, n, total))
					default:
						a.warnf("%s", deliveryLine(o, n, total))
					}
				}
			}
		}()
	}
feed:
	for _, d := range list {
		select {
		case work <- d:
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()
	if live {
		a.progressf("")
	}
	elapsed := time.Since(start)
	sent := int(done.Load())
	summary := map[string]any{
		"event": "summary", "deliveries": sent, "events": len(list), "repeat": f.repeat,
		"statuses": statuses, "errors": errs, "failed": failed, "seconds": elapsed.Seconds(),
	}
	if a.json {
		a.emit(summary)
	}
	a.warnf("%s", summaryLine(statuses, errs, sent, total, elapsed))
	if ctx.Err() != nil {
		return fmt.Errorf("interrupted after %d of %d deliveries", sent, total)
	}
	if f.badSignature {
		if failed > 0 {
			return fmt.Errorf("%d of %d deliveries with a bad signature were accepted (2xx) or not answered; the endpoint must refuse them (401)", failed, total)
		}
		return nil
	}
	if n := statuses[http.StatusCreated] + statuses[http.StatusNoContent]; n > 0 {
		a.warnf("note: %d deliveries were answered 201 or 204. Knit treats anything but exactly 200 as a failure and redelivers: answer 200.", n)
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d deliveries were not answered exactly 200", failed, total)
	}
	return nil
}

func postOnce(ctx context.Context, client *http.Client, to string, d delivery, attempt int, key, integrationID string) outcome {
	o := outcome{EventID: d.eventID, Attempt: attempt}
	req, err := webhook.NewSignedRequest(ctx, to, d.body, key)
	if err != nil {
		o.Error = err.Error()
		return o
	}
	req.Header.Set(webhook.HeaderIntegrationID, integrationID)
	req.Header.Set(webhook.HeaderExecutionID, "exec_"+randomHex(8))
	t := time.Now()
	resp, err := client.Do(req)
	o.LatencyMS = float64(time.Since(t).Microseconds()) / 1000
	if err != nil {
		o.Error = err.Error()
		return o
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	_ = resp.Body.Close()
	o.Status = resp.StatusCode
	return o
}

func deliveryLine(o outcome, n int64, total int) string {
	status := fmt.Sprint(o.Status)
	if o.Error != "" {
		status = "ERR " + o.Error
	}
	rep := ""
	if o.Attempt > 1 {
		rep = fmt.Sprintf(" (repeat %d)", o.Attempt)
	}
	return fmt.Sprintf("[%d/%d] %s %7.1fms %s%s", n, total, status, o.LatencyMS, o.EventID, rep)
}

func summaryLine(statuses map[int]int, errs, sent, total int, d time.Duration) string {
	codes := make([]int, 0, len(statuses))
	for c := range statuses {
		codes = append(codes, c)
	}
	sort.Ints(codes)
	parts := make([]string, 0, len(codes)+1)
	for _, c := range codes {
		parts = append(parts, fmt.Sprintf("%d×%d", statuses[c], c))
	}
	if errs > 0 {
		parts = append(parts, fmt.Sprintf("%d×error", errs))
	}
	return fmt.Sprintf("sent %d of %d deliveries in %s: %s", sent, total, d.Round(time.Millisecond), strings.Join(parts, ", "))
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// shuffle is a Fisher-Yates shuffle on crypto/rand.
func shuffle(list []delivery) {
	for i := len(list) - 1; i > 0; i-- {
		j, err := rand.Int(rand.Reader, big.NewInt(int64(i+1)))
		if err != nil {
			return
		}
		list[i], list[int(j.Int64())] = list[int(j.Int64())], list[i]
	}
}
