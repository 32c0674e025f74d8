package webhooktest

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/knit-sdk/knit-go/webhook"
)

// ReplicaConfig shapes RunReplicas; zero values mean the defaults.
type ReplicaConfig struct {
	// Events is how many distinct events are delivered (default 5,000),
	// each Copies times at once to different replicas.
	Events int
	// Copies of each event (default 3).
	Copies int
	// Lease asked of the Factory (default 2s): the stalled replica stalls
	// for one and a half leases.
	Lease time.Duration
	// FailEvery: the first callback of every FailEvery-th event fails
	// (default 10).
	FailEvery int
	// StallEvery: the third replica stalls past its lease, without renewing
	// it, on every StallEvery-th event whose claim it wins (default 250).
	StallEvery int
	// Fault, when set, runs once 40% into the delivery (in its own
	// goroutine, while delivery goes on), to fault the store: restart it,
	// kill a Cluster master, fail it over. Copies are then redelivered with
	// backoff (20ms doubling to 500ms) until they get 200, so the store
	// must be back within about a minute. The checks stay the same: an
	// outage shorter than the lease must not make any callback run twice.
	Fault func(ctx context.Context)
}

// ReplicaStats are the counts RunReplicas checked; it also prints them.
type ReplicaStats struct {
	Fleet FleetStats
	// Claims is how many Begin calls were Claimed; Completed of them ended
	// with a successful Finish(…, true), Released with Finish(…, false),
	// and LostAfterSuccess are callbacks that succeeded after their claim
	// had been taken over (their Finish returned ErrClaimLost).
	// LostAfterFailure are failed callbacks whose claim had expired.
	// StoreErrors are Finish calls that failed for another reason (the
	// store was unreachable); NewHandler retries them after a success, so
	// they count neither as completed nor as lost.
	Claims, Completed, Released, LostAfterSuccess, LostAfterFailure, StoreErrors int64
	// Successes and Failures are callback results; Stalls is how many
	// callbacks the stalled replica held past the lease.
	Successes, Failures, Stalls int64
}

// RunReplicas runs three webhook.NewHandler replicas on three local
// servers, each with a Deduper from newDeduper (called once per replica:
// they must share one store), and delivers cfg.Events events to them with a
// Fleet: every event three times at once to different replicas, the first
// callback of some events failing, and the third replica stalling past its
// lease on some events, with renewal off (as a paused process would).
//
// It checks at-least-once with fencing and logs the counts: no copy is
// lost, every event is processed, exactly one claim per event completed,
// and the callback of each event succeeded once plus once per claim of
// that event lost (to expiry, then a takeover) after its callback
// succeeded; every stall lost its claim. The test takes a few seconds per
// thousand events on an idle two-core machine.
func RunReplicas(t *testing.T, newDeduper Factory, cfg ReplicaConfig) ReplicaStats {
	t.Helper()
	if cfg.Events <= 0 {
		cfg.Events = 5000
	}
	if cfg.Copies <= 0 {
		cfg.Copies = 3
	}
	if cfg.Lease <= 0 {
		cfg.Lease = 2 * time.Second
	}
	if cfg.FailEvery <= 0 {
		cfg.FailEvery = 10
	}
	if cfg.StallEvery <= 0 {
		cfg.StallEvery = 250
	}
	const key = "replica-test-key"
	prefix := ID("rep") + "-"

	var (
		stats     ReplicaStats
		attempts  = make([]atomic.Int32, cfg.Events)
		successes = make([]atomic.Int32, cfg.Events)
		lostAfter = make([]atomic.Int32, cfg.Events)
	)
	index := func(ev *webhook.Event) (int, error) {
		i, err := strconv.Atoi(strings.TrimPrefix(ev.EventID, prefix))
		if err != nil || i < 0 || i >= cfg.Events {
			return 0, fmt.Errorf("unexpected event ID %q", ev.EventID)
		}
		return i, nil
	}
	urls := make([]string, 3)
	var first webhook.Deduper
	for r := range urls {
		d, err := newDeduper(t, Config{Lease: cfg.Lease})
		if err != nil {
			t.Fatalf("Factory: %v", err)
		}
		if first == nil {
			first = d
		}
		stalled := r == 2
		counted := &countingDeduper{d: d, stats: &stats, lostAfter: lostAfter, prefix: prefix}
		var dd webhook.Deduper = counted
		if !stalled {
			dd = renewingCounted{counted}
		}
		fn := func(ctx context.Context, ev *webhook.Event) error {
			i, err := index(ev)
			if err != nil {
				t.Error(err)
				return err
			}
			if attempts[i].Add(1) == 1 && i%cfg.FailEvery == 1 {
				atomic.AddInt64(&stats.Failures, 1)
				return errors.New("fails once")
			}
			if stalled && i%cfg.StallEvery == 0 {
				atomic.AddInt64(&stats.Stalls, 1)
				time.Sleep(cfg.Lease + cfg.Lease/2)
			}
			successes[i].Add(1)
			atomic.AddInt64(&stats.Successes, 1)
			return nil
		}
		srv := httptest.NewServer(webhook.NewHandler([]string{key}, fn, webhook.WithDeduper(dd)))
		t.Cleanup(srv.Close)
		urls[r] = srv.URL
	}

	payloads := make([][]byte, cfg.Events)
	for i := range payloads {
		payloads[i] = Event(prefix + strconv.Itoa(i))
	}
	fleet := Fleet{URLs: urls, Key: key, Copies: cfg.Copies}
	if cfg.Fault != nil {
		fleet.Fault, fleet.MaxRetryDelay = cfg.Fault, 500*time.Millisecond
	}
	fs, err := fleet.Deliver(context.Background(), payloads)
	stats.Fleet = fs
	if err != nil {
		t.Fatalf("delivering: %v", err)
	}
	t.Logf("%s: %s; claims %d (completed %d, released %d, lost after success %d, lost after failure %d, store errors %d); callbacks ok %d, failed %d, stalled %d",
		t.Name(), fs, stats.Claims, stats.Completed, stats.Released, stats.LostAfterSuccess, stats.LostAfterFailure,
		stats.StoreErrors, stats.Successes, stats.Failures, stats.Stalls)

	if fs.Lost != 0 {
		t.Errorf("%d copies never got 200", fs.Lost)
	}
	for i := range successes {
		s, l := successes[i].Load(), lostAfter[i].Load()
		switch {
		case s == 0:
			t.Errorf("event %d: callback never succeeded", i)
		case s != 1+l:
			t.Errorf("event %d: callback succeeded %d times with %d claims lost after success", i, s, l)
		}
		if cl, err := first.Begin(context.Background(), prefix+strconv.Itoa(i)); err != nil || cl.Status != webhook.Processed {
			t.Errorf("event %d: Begin after the run = %v, %v; want processed", i, cl.Status, err)
		}
	}
	if stats.Successes != stats.Completed+stats.LostAfterSuccess {
		t.Errorf("%d successful callbacks, want one per completed claim (%d) plus one per claim lost after success (%d)",
			stats.Successes, stats.Completed, stats.LostAfterSuccess)
	}
	if stats.Completed != int64(cfg.Events) {
		t.Errorf("%d completed claims, want one per event (%d)", stats.Completed, cfg.Events)
	}
	if stats.Failures == 0 || stats.Released+stats.LostAfterFailure != stats.Failures {
		t.Errorf("%d failed callbacks, %d released claims, %d lost; want some failures, each released or lost",
			stats.Failures, stats.Released, stats.LostAfterFailure)
	}
	// A stalled claim always expires (no renewal), so its late Finish is
	// refused; on a loaded machine an unstalled claim may expire too.
	if stats.Stalls == 0 || stats.LostAfterSuccess < stats.Stalls {
		t.Errorf("%d stalls, %d claims lost after success; want some stalls, each one's claim lost",
			stats.Stalls, stats.LostAfterSuccess)
	}
	return stats
}

// countingDeduper counts claims and their endings; it hides Renew, so the
// stalled replica cannot keep its claim alive.
type countingDeduper struct {
	d         webhook.Deduper
	stats     *ReplicaStats
	lostAfter []atomic.Int32
	prefix    string
}

func (c *countingDeduper) Begin(ctx context.Context, id string) (webhook.Claim, error) {
	cl, err := c.d.Begin(ctx, id)
	if err == nil && cl.Status == webhook.Claimed {
		atomic.AddInt64(&c.stats.Claims, 1)
	}
	return cl, err
}

func (c *countingDeduper) Finish(ctx context.Context, id, token string, success bool) error {
	err := c.d.Finish(ctx, id, token, success)
	switch {
	case err == nil && success:
		atomic.AddInt64(&c.stats.Completed, 1)
	case err == nil:
		atomic.AddInt64(&c.stats.Released, 1)
	case !errors.Is(err, webhook.ErrClaimLost):
		atomic.AddInt64(&c.stats.StoreErrors, 1)
		if !success {
			// Not retried: the claim expires after its lease.
			atomic.AddInt64(&c.stats.LostAfterFailure, 1)
		}
	case !success:
		atomic.AddInt64(&c.stats.LostAfterFailure, 1)
	default:
		atomic.AddInt64(&c.stats.LostAfterSuccess, 1)
		if i, perr := strconv.Atoi(strings.TrimPrefix(id, c.prefix)); perr == nil && i >= 0 && i < len(c.lostAfter) {
			c.lostAfter[i].Add(1)
		}
	}
	return err
}

// renewingCounted is a countingDeduper that passes Renew through.
type renewingCounted struct{ *countingDeduper }

func (r renewingCounted) Renew(ctx context.Context, id, token string) error {
	rn, ok := r.d.(webhook.Renewer)
	if !ok {
		return fmt.Errorf("webhooktest: %T cannot renew", r.d)
	}
	return rn.Renew(ctx, id, token)
}
