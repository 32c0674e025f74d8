package webhooktest

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/knit-sdk/knit-go/webhook"
)

// Fleet delivers signed events to several replicas of a webhook endpoint
// the way Knit does at its worst: every event several times at once, to
// different replicas, each copy redelivered until it gets exactly 200.
type Fleet struct {
	// URLs of the replicas.
	URLs []string
	// Key signs the deliveries (X-Knit-Signature).
	Key string
	// Client sends them (default: a client that keeps enough idle
	// connections per replica for the concurrency).
	Client *http.Client
	// Copies is how many copies of each event are delivered at once, to
	// consecutive replicas (default 3).
	Copies int
	// Parallel is how many events are in flight at once (default 64).
	Parallel int
	// RetryDelay is the wait before redelivering a copy that was not
	// answered 200 (default 20ms; Knit waits much longer).
	RetryDelay time.Duration
	// MaxRetryDelay, when longer than RetryDelay, makes the wait double
	// after each failed attempt up to it, as Knit's backoff does.
	MaxRetryDelay time.Duration
	// MaxAttempts bounds the deliveries of one copy (default 200); a copy
	// that never got 200 counts as lost.
	MaxAttempts int
	// Fault, when set, runs once in its own goroutine as soon as
	// FaultAfter events have been handed out, while delivery goes on: it
	// kills a replica, restarts the store, fails it over. Deliver returns
	// after it returned.
	Fault func(ctx context.Context)
	// FaultAfter: see Fault (default: 40% of the events).
	FaultAfter int
}

// FleetStats is what Fleet.Deliver observed.
type FleetStats struct {
	Events     int
	Deliveries int64       // HTTP requests sent
	Status     map[int]int // responses by status code
	Lost       int         // copies that never got 200 within MaxAttempts
	Elapsed    time.Duration
}

// String is one line for a test log.
func (s FleetStats) String() string {
	return fmt.Sprintf("%d events, %d deliveries in %v (%.0f/s), statuses %v, %d copies lost",
		s.Events, s.Deliveries, s.Elapsed.Round(time.Millisecond),
		float64(s.Deliveries)/s.Elapsed.Seconds(), s.Status, s.Lost)
}

// Event returns a record.new employee event with id, as Knit would send it.
func Event(id string) []byte {
	return fmt.Appendf(nil, `{"eventId":%q,"eventType":"record.new","syncType":"delta_sync",`+
		`"syncDataType":"employee","syncJobId":"sj_fleet","syncRunId":"sr_fleet","recordId":"r_%s",`+
		`"triggeredAt":"1765500000000","eventData":{"profile":{"id":"r_%s","firstName":"Ada"}}}`, id, id, id)
}

// Deliver sends every payload Copies times and returns when every copy got
// 200 or ran out of attempts, or ctx ended.
func (f Fleet) Deliver(ctx context.Context, payloads [][]byte) (FleetStats, error) {
	if len(f.URLs) == 0 {
		return FleetStats{}, fmt.Errorf("webhooktest: Fleet has no URLs")
	}
	copies, parallel, delay, maxAttempts := f.Copies, f.Parallel, f.RetryDelay, f.MaxAttempts
	if copies <= 0 {
		copies = 3
	}
	if parallel <= 0 {
		parallel = 64
	}
	if delay <= 0 {
		delay = 20 * time.Millisecond
	}
	if maxAttempts <= 0 {
		maxAttempts = 200
	}
	client := f.Client
	if client == nil {
		tr := http.DefaultTransport.(*http.Transport).Clone()
		tr.MaxIdleConnsPerHost = parallel * copies
		client = &http.Client{Transport: tr, Timeout: time.Minute}
		defer tr.CloseIdleConnections()
	}
	var (
		mu         sync.Mutex
		status     = map[int]int{}
		lost       int
		deliveries atomic.Int64
		firstErr   error
	)
	one := func(url string, payload []byte) bool {
		wait := delay
		for range maxAttempts {
			if ctx.Err() != nil {
				return false
			}
			deliveries.Add(1)
			req, err := webhook.NewSignedRequest(ctx, url, payload, f.Key)
			if err != nil {
				mu.Lock()
				if firstErr == nil {
					firstErr = err
				}
				mu.Unlock()
				return false
			}
			code := 0
			if resp, err := client.Do(req); err == nil {
				_, _ = io.Copy(io.Discard, resp.Body)
				_ = resp.Body.Close()
				code = resp.StatusCode
			}
			mu.Lock()
			status[code]++
			mu.Unlock()
			if code == http.StatusOK {
				return true
			}
			select {
			case <-ctx.Done():
				return false
			case <-time.After(wait):
			}
			if f.MaxRetryDelay > wait {
				wait = min(2*wait, f.MaxRetryDelay)
			}
		}
		return false
	}
	start := time.Now()
	work := make(chan int)
	var wg sync.WaitGroup
	for range parallel {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				var cw sync.WaitGroup
				for c := range copies {
					cw.Add(1)
					go func() {
						defer cw.Done()
						if !one(f.URLs[(i+c)%len(f.URLs)], payloads[i]) {
							mu.Lock()
							lost++
							mu.Unlock()
						}
					}()
				}
				cw.Wait()
			}
		}()
	}
	faultAfter := f.FaultAfter
	if faultAfter <= 0 {
		faultAfter = len(payloads) * 2 / 5
	}
	var faultDone chan struct{}
	for i := range payloads {
		if f.Fault != nil && i == faultAfter {
			faultDone = make(chan struct{})
			go func() {
				defer close(faultDone)
				f.Fault(ctx)
			}()
		}
		work <- i
	}
	close(work)
	wg.Wait()
	if faultDone != nil {
		<-faultDone
	}
	st := FleetStats{Events: len(payloads), Deliveries: deliveries.Load(), Status: status, Lost: lost, Elapsed: time.Since(start)}
	if firstErr != nil {
		return st, firstErr
	}
	return st, ctx.Err()
}
