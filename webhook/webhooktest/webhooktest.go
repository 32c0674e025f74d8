// Package webhooktest is the conformance suite of the [webhook.Deduper]
// contract: any implementation (in memory, Redis, Postgres, your own) runs
// it from a test to show that it claims atomically, fences late Finish and
// Renew calls, expires and renews leases, and refuses a TTL shorter than
// Knit's 4-day retry window.
//
//	func TestConformance(t *testing.T) {
//		webhooktest.RunDeduper(t, func(t *testing.T, cfg webhooktest.Config) (webhook.Deduper, error) {
//			return mystore.NewDeduper(client, mystore.Config{Lease: cfg.Lease, TTL: cfg.TTL})
//		})
//	}
//
// Leases are real time measured by the store, so the suite sleeps: it takes
// about three seconds. A check that a claim still holds counts only when
// the call ended within the lease of the call that set it; when a loaded
// machine stalls a call longer than that, the scenario runs again with new
// IDs (up to five times) instead of failing. [Event] IDs are random, so the
// suite can run against a shared store, in parallel with other tests.
package webhooktest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/knit-sdk/knit-go/webhook"
)

// Config is what the suite asks a Factory for. Zero values mean the
// implementation's defaults.
type Config struct {
	// Lease of an in-progress claim.
	Lease time.Duration
	// TTL of a processed event ID.
	TTL time.Duration
}

// Factory builds the Deduper under test with cfg. It returns the
// constructor's error unchanged: the suite checks that too short a TTL is
// refused.
type Factory func(t *testing.T, cfg Config) (webhook.Deduper, error)

// Racers is how many goroutines race Begin on one event ID.
const Racers = 64

// shortLease is the lease of the expiry and renewal tests: long enough for
// a round trip to end well within it, short enough to keep the suite quick.
// When a loaded machine stalls a call past it anyway, runTimed runs the
// scenario again rather than report a fault the store did not make.
const shortLease = time.Second

// RunDeduper runs the whole suite as subtests of t.
func RunDeduper(t *testing.T, newDeduper Factory) {
	t.Helper()
	mk := func(t *testing.T, cfg Config) webhook.Deduper {
		t.Helper()
		d, err := newDeduper(t, cfg)
		if err != nil {
			t.Fatalf("Factory(%+v): %v", cfg, err)
		}
		if d == nil {
			t.Fatalf("Factory(%+v) returned a nil Deduper", cfg)
		}
		return d
	}
	t.Run("Lifecycle", func(t *testing.T) { t.Parallel(); testLifecycle(t, mk(t, Config{})) })
	t.Run("FinishIsFenced", func(t *testing.T) { t.Parallel(); testFenced(t, mk(t, Config{})) })
	t.Run("IndependentIDs", func(t *testing.T) { t.Parallel(); testIndependent(t, mk(t, Config{})) })
	t.Run("RaceBegin", func(t *testing.T) { t.Parallel(); testRace(t, mk(t, Config{})) })
	t.Run("LeaseExpiresAndLateFinishChangesNothing", func(t *testing.T) {
		t.Parallel()
		runTimed(t, mk(t, Config{Lease: shortLease}), shortLease, testExpiry)
	})
	t.Run("ProcessedOutlivesLease", func(t *testing.T) {
		t.Parallel()
		runTimed(t, mk(t, Config{Lease: shortLease}), shortLease, testProcessedOutlivesLease)
	})
	t.Run("Renew", func(t *testing.T) {
		t.Parallel()
		d := mk(t, Config{Lease: shortLease})
		r, ok := d.(webhook.Renewer)
		if !ok {
			t.Skipf("%T does not implement webhook.Renewer", d)
		}
		runTimed(t, d, shortLease, func(c checker) { testRenew(c, r) })
	})
	t.Run("TTLFloor", func(t *testing.T) { t.Parallel(); testTTLFloor(t, newDeduper) })
}

// ID returns a new random event ID with prefix, so that tests can share a
// store.
func ID(prefix string) string {
	return prefix + "-" + strings.ToLower(webhook.NewClaimToken())
}

// checker runs one scenario's calls and fails the test when a result
// breaks the contract.
//
// With a lease set, it also tells a broken contract from a stalled machine.
// The store starts a claim's lease at some moment inside the call that sets
// it (Begin or Renew), so a later call that ends within the lease of that
// call's start must still find the claim held. A call that ends after that
// proves nothing: the machine stalled (a loaded CI runner, a GC pause, a
// busy connection pool), and the checker panics with a stall, which
// runTimed turns into a new attempt.
type checker struct {
	t     *testing.T
	d     webhook.Deduper
	lease time.Duration        // 0: the default lease, which no scenario outlives
	set   map[string]time.Time // when the call that set each ID's lease started
}

func newChecker(t *testing.T, d webhook.Deduper, lease time.Duration) checker {
	return checker{t: t, d: d, lease: lease, set: map[string]time.Time{}}
}

// stall is what checker panics with when a lease-bound call ended after the
// lease could have run out.
type stall struct {
	call  string
	after time.Duration
	lease time.Duration
}

func (s stall) String() string {
	return fmt.Sprintf("%s ended %v after the call that set its %v lease started",
		s.call, s.after.Round(time.Millisecond), s.lease)
}

// stallIfLate is called when call found the claim on id no longer held. It
// panics with a stall if the call ended too late for that to be a fault,
// and returns otherwise, leaving the caller to fail the test.
func (c checker) stallIfLate(id, call string) {
	from, ok := c.set[id]
	if c.lease <= 0 || !ok {
		return
	}
	if after := time.Since(from); after >= c.lease {
		panic(stall{call: call, after: after, lease: c.lease})
	}
}

// stallAttempts is how many times runTimed runs a scenario that stalls.
const stallAttempts = 5

// runTimed runs a scenario whose checks depend on a lease of lease,
// running it again with new IDs when the machine stalled.
func runTimed(t *testing.T, d webhook.Deduper, lease time.Duration, scenario func(c checker)) {
	t.Helper()
	for attempt := 1; ; attempt++ {
		s, stalled := func() (s stall, stalled bool) {
			defer func() {
				if r := recover(); r != nil {
					if s, stalled = r.(stall); !stalled {
						panic(r)
					}
				}
			}()
			scenario(newChecker(t, d, lease))
			return stall{}, false
		}()
		if !stalled {
			return
		}
		if attempt == stallAttempts {
			t.Fatalf("attempt %d: %v; every attempt stalled, so the lease was never tested", attempt, s)
		}
		t.Logf("attempt %d: %v, so the machine stalled and the result proves nothing; running again with new IDs", attempt, s)
	}
}

func (c checker) begin(id string) webhook.Claim {
	c.t.Helper()
	cl, err := c.d.Begin(context.Background(), id)
	if err != nil {
		c.t.Fatalf("Begin(%s): %v", id, err)
	}
	return cl
}

func (c checker) claim(id string) webhook.Claim {
	c.t.Helper()
	start := time.Now()
	cl := c.begin(id)
	if cl.Status != webhook.Claimed {
		c.t.Fatalf("Begin(%s) = %v, want claimed", id, cl.Status)
	}
	if cl.Token == "" {
		c.t.Fatalf("Begin(%s) claimed with an empty token", id)
	}
	if cl.Lease < 0 {
		c.t.Fatalf("Begin(%s) claimed with a negative lease %v", id, cl.Lease)
	}
	c.set[id] = start
	return cl
}

func (c checker) status(id string, want webhook.ClaimStatus, why string) {
	c.t.Helper()
	cl := c.begin(id)
	if cl.Status != want {
		if want == webhook.InProgress {
			c.stallIfLate(id, "Begin("+id+")")
		}
		c.t.Fatalf("%s: Begin(%s) = %v, want %v", why, id, cl.Status, want)
	}
	if want != webhook.Claimed && cl.Token != "" {
		c.t.Fatalf("%s: Begin(%s) = %v with token %q, want no token", why, id, cl.Status, cl.Token)
	}
}

func (c checker) finish(id, token string, success bool, want error) {
	c.t.Helper()
	err := c.d.Finish(context.Background(), id, token, success)
	if !errors.Is(err, want) || (want == nil && err != nil) {
		if want == nil && errors.Is(err, webhook.ErrClaimLost) {
			c.stallIfLate(id, fmt.Sprintf("Finish(%s, success=%v)", id, success))
		}
		c.t.Fatalf("Finish(%s, success=%v) = %v, want %v", id, success, err, want)
	}
}

func (c checker) renew(r webhook.Renewer, id, token string, want error, why string) {
	c.t.Helper()
	start := time.Now()
	err := r.Renew(context.Background(), id, token)
	if !errors.Is(err, want) || (want == nil && err != nil) {
		if want == nil && errors.Is(err, webhook.ErrClaimLost) {
			c.stallIfLate(id, "Renew("+id+")")
		}
		c.t.Fatalf("%s: Renew(%s) = %v, want %v", why, id, err, want)
	}
	if err == nil {
		c.set[id] = start
	}
}

func testLifecycle(t *testing.T, d webhook.Deduper) {
	c := newChecker(t, d, 0)
	id := ID("life")
	first := c.claim(id)
	c.status(id, webhook.InProgress, "second delivery while the first runs")
	c.finish(id, first.Token, false, nil)
	second := c.claim(id)
	if second.Token == first.Token {
		t.Fatalf("a new claim reused the token %q", first.Token)
	}
	c.status(id, webhook.InProgress, "after a failure, the new claim holds")
	c.finish(id, second.Token, true, nil)
	c.status(id, webhook.Processed, "after success")
	c.status(id, webhook.Processed, "still processed")
	c.finish(id, second.Token, true, webhook.ErrClaimLost)
	c.finish(id, second.Token, false, webhook.ErrClaimLost)
	c.status(id, webhook.Processed, "a second Finish changes nothing")
}

func testFenced(t *testing.T, d webhook.Deduper) {
	c := newChecker(t, d, 0)
	id := ID("fenced")
	cl := c.claim(id)
	c.finish(id, "not-"+cl.Token, true, webhook.ErrClaimLost)
	c.finish(id, "", false, webhook.ErrClaimLost)
	c.status(id, webhook.InProgress, "a foreign token neither completes nor releases")
	c.finish(ID("never-claimed"), cl.Token, true, webhook.ErrClaimLost)
	c.finish(id, cl.Token, true, nil)
	c.status(id, webhook.Processed, "the holder completes")
}

func testIndependent(t *testing.T, d webhook.Deduper) {
	c := newChecker(t, d, 0)
	a, b := ID("a"), ID("b")
	ca := c.claim(a)
	cb := c.claim(b)
	c.finish(b, ca.Token, true, webhook.ErrClaimLost)
	c.finish(a, ca.Token, true, nil)
	c.status(b, webhook.InProgress, "finishing a leaves b claimed")
	c.finish(b, cb.Token, false, nil)
	c.status(a, webhook.Processed, "releasing b leaves a processed")
	c.claim(b)
}

func testRace(t *testing.T, d webhook.Deduper) {
	for round := range 5 {
		id := ID(fmt.Sprintf("race%d", round))
		var (
			mu      sync.Mutex
			counts  = map[webhook.ClaimStatus]int{}
			winners []webhook.Claim
			start   = make(chan struct{})
			wg      sync.WaitGroup
		)
		for range Racers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				cl, err := d.Begin(context.Background(), id)
				mu.Lock()
				defer mu.Unlock()
				if err != nil {
					t.Errorf("Begin(%s): %v", id, err)
					return
				}
				counts[cl.Status]++
				if cl.Status == webhook.Claimed {
					winners = append(winners, cl)
				}
			}()
		}
		close(start)
		wg.Wait()
		if counts[webhook.Claimed] != 1 || counts[webhook.InProgress] != Racers-1 {
			t.Fatalf("%d goroutines racing Begin(%s): %v, want exactly 1 claimed and %d in progress",
				Racers, id, counts, Racers-1)
		}
		// The losers now race Finish with the winner: only the winner's token counts.
		var lost sync.WaitGroup
		errs := make(chan error, Racers)
		for i := range Racers {
			lost.Add(1)
			go func() {
				defer lost.Done()
				tok := fmt.Sprintf("forged-%d", i)
				if i == 0 {
					tok = winners[0].Token
				}
				errs <- d.Finish(context.Background(), id, tok, true)
			}()
		}
		lost.Wait()
		close(errs)
		var nils, losts int
		for err := range errs {
			switch {
			case err == nil:
				nils++
			case errors.Is(err, webhook.ErrClaimLost):
				losts++
			default:
				t.Fatalf("Finish(%s): %v", id, err)
			}
		}
		if nils != 1 || losts != Racers-1 {
			t.Fatalf("racing Finish(%s): %d succeeded and %d lost, want 1 and %d", id, nils, losts, Racers-1)
		}
		newChecker(t, d, 0).status(id, webhook.Processed, "after the race")
	}
}

func testExpiry(c checker) {
	// Taken over: the late holder can neither complete nor release.
	id := ID("expire")
	old := c.claim(id)
	if old.Lease <= 0 || old.Lease > c.lease {
		c.t.Fatalf("Begin reports a lease of %v, want (0, %v] as configured", old.Lease, c.lease)
	}
	c.status(id, webhook.InProgress, "before the lease ends")
	time.Sleep(c.lease + c.lease/2)
	took := c.claim(id)
	if took.Token == old.Token {
		c.t.Fatal("the takeover reused the expired token")
	}
	c.finish(id, old.Token, true, webhook.ErrClaimLost)
	c.finish(id, old.Token, false, webhook.ErrClaimLost)
	c.status(id, webhook.InProgress, "a late Finish leaves the new claim alone")
	c.finish(id, took.Token, true, nil)
	c.status(id, webhook.Processed, "the new holder completes")

	// Expired, nobody took over: a late success does not count either, a
	// late failure is told the claim was lost too, and the next delivery
	// is claimed.
	id2 := ID("expire-alone")
	stale := c.claim(id2)
	time.Sleep(c.lease + c.lease/2)
	c.finish(id2, stale.Token, true, webhook.ErrClaimLost)
	c.finish(id2, stale.Token, false, webhook.ErrClaimLost)
	c.claim(id2)
}

func testProcessedOutlivesLease(c checker) {
	id := ID("outlive")
	cl := c.claim(id)
	c.finish(id, cl.Token, true, nil)
	time.Sleep(c.lease + c.lease/2)
	c.status(id, webhook.Processed, "a processed ID outlives the claim's lease")
}

func testRenew(c checker, r webhook.Renewer) {
	id := ID("renew")
	cl := c.claim(id)
	c.renew(r, id, "not-"+cl.Token, webhook.ErrClaimLost, "with a foreign token")
	// Renewing every third of the lease keeps the claim past its lease.
	for range 4 {
		time.Sleep(c.lease / 3)
		c.renew(r, id, cl.Token, nil, "within the lease")
	}
	c.status(id, webhook.InProgress, "renewed past its lease")
	c.finish(id, cl.Token, true, nil)
	c.renew(r, id, cl.Token, webhook.ErrClaimLost, "after Finish")
	c.status(id, webhook.Processed, "Renew after Finish changes nothing")

	id2 := ID("renew-late")
	late := c.claim(id2)
	time.Sleep(c.lease + c.lease/2)
	c.renew(r, id2, late.Token, webhook.ErrClaimLost, "after the lease")
	c.claim(id2)
}

func testTTLFloor(t *testing.T, newDeduper Factory) {
	for _, ttl := range []time.Duration{time.Minute, webhook.MinDedupeTTL - time.Second, -time.Hour} {
		d, err := newDeduper(t, Config{TTL: ttl})
		if err == nil {
			t.Fatalf("TTL %v: constructor accepted it (%T); want an error: Knit retries for 4 days", ttl, d)
		}
	}
	for _, ttl := range []time.Duration{0, webhook.MinDedupeTTL, webhook.DefaultDedupeTTL} {
		if _, err := newDeduper(t, Config{TTL: ttl}); err != nil {
			t.Fatalf("TTL %v: %v", ttl, err)
		}
	}
}
