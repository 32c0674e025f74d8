package webhook

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeClock is an injectable clock for MemoryDeduper.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// tokens remembers the token of each event's last claim, so that the
// tests below read like the old token-less contract.
type tokens struct {
	mu sync.Mutex
	m  map[string]string
}

var lastToken = tokens{m: map[string]string{}}

func begin(t *testing.T, d Deduper, id string) ClaimStatus {
	t.Helper()
	cl, err := d.Begin(context.Background(), id)
	require.NoError(t, err)
	if cl.Status == Claimed {
		lastToken.mu.Lock()
		lastToken.m[fmt.Sprintf("%p/%s", d, id)] = cl.Token
		lastToken.mu.Unlock()
	}
	return cl.Status
}

func finish(t *testing.T, d Deduper, id string, ok bool) {
	t.Helper()
	lastToken.mu.Lock()
	tok := lastToken.m[fmt.Sprintf("%p/%s", d, id)]
	lastToken.mu.Unlock()
	require.NoError(t, d.Finish(context.Background(), id, tok, ok))
}

func newMem(t *testing.T, cfg MemoryDeduperConfig) *MemoryDeduper {
	t.Helper()
	d, err := NewMemoryDeduper(cfg)
	require.NoError(t, err)
	return d
}

func TestMemoryDeduperLifecycle(t *testing.T) {
	t.Parallel()
	d := newMem(t, MemoryDeduperConfig{})
	assert.Equal(t, Claimed, begin(t, d, "e1"))
	assert.Equal(t, InProgress, begin(t, d, "e1"), "second delivery while the first runs")
	finish(t, d, "e1", false)
	assert.Equal(t, Claimed, begin(t, d, "e1"), "a failure releases the claim")
	finish(t, d, "e1", true)
	assert.Equal(t, Processed, begin(t, d, "e1"))
	assert.Equal(t, Processed, begin(t, d, "e1"))
	assert.Equal(t, Claimed, begin(t, d, "e2"))
	assert.Equal(t, 2, d.Len())

	// Finishing what was never claimed, or twice, changes nothing.
	require.ErrorIs(t, d.Finish(context.Background(), "never", "tok", true), ErrClaimLost)
	require.ErrorIs(t, d.Finish(context.Background(), "e1", "tok", false), ErrClaimLost)
	assert.Equal(t, Processed, begin(t, d, "e1"))
	assert.Equal(t, 2, d.Len())
}

func TestMemoryDeduperTTL(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	d := newMem(t, MemoryDeduperConfig{Now: clock.Now})
	assert.GreaterOrEqual(t, d.ttl, 4*24*time.Hour, "covers Knit's 4-day retry window")
	assert.Equal(t, DefaultDedupeTTL, d.ttl)

	require.Equal(t, Claimed, begin(t, d, "e1"))
	finish(t, d, "e1", true)
	clock.Advance(time.Hour)
	require.Equal(t, Claimed, begin(t, d, "e2"))
	finish(t, d, "e2", true)

	clock.Advance(4*24*time.Hour - time.Hour)
	assert.Equal(t, Processed, begin(t, d, "e1"), "still remembered at the end of Knit's retry window")
	clock.Advance(24*time.Hour - time.Nanosecond)
	assert.Equal(t, Processed, begin(t, d, "e1"), "remembered until the TTL")
	clock.Advance(time.Nanosecond)
	assert.Equal(t, 1, d.Len(), "e1 expired, e2 not yet")
	assert.Equal(t, Processed, begin(t, d, "e2"))
	assert.Equal(t, Claimed, begin(t, d, "e1"), "forgotten after the TTL")
}

func TestMemoryDeduperCustomTTLAndClock(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{now: time.Unix(0, 0)}
	d := newMem(t, MemoryDeduperConfig{TTL: MinDedupeTTL, Lease: time.Minute, Now: clock.Now})
	require.Equal(t, Claimed, begin(t, d, "e"))
	finish(t, d, "e", true)
	clock.Advance(MinDedupeTTL - time.Second)
	assert.Equal(t, Processed, begin(t, d, "e"))
	clock.Advance(time.Second)
	assert.Equal(t, Claimed, begin(t, d, "e"))

	// The lease is measured by the same clock.
	clock.Advance(time.Minute - time.Nanosecond)
	assert.Equal(t, InProgress, begin(t, d, "e"))
	clock.Advance(time.Nanosecond)
	assert.Equal(t, Claimed, begin(t, d, "e"), "the lease passed: taken over")
}

func TestMemoryDeduperRefusesBadConfig(t *testing.T) {
	t.Parallel()
	for _, cfg := range []MemoryDeduperConfig{
		{TTL: time.Minute},
		{TTL: MinDedupeTTL - time.Nanosecond},
		{TTL: -1},
		{Lease: -time.Second},
		{Lease: time.Microsecond},
	} {
		d, err := NewMemoryDeduper(cfg)
		require.Error(t, err, "%+v", cfg)
		assert.Nil(t, d)
	}
	_, err := NewMemoryDeduper(MemoryDeduperConfig{TTL: time.Minute})
	assert.ErrorContains(t, err, "4-day")
}

func TestMemoryDeduperBounded(t *testing.T) {
	t.Parallel()
	d := newMem(t, MemoryDeduperConfig{MaxEntries: 3})
	assert.Equal(t, DefaultDedupeMaxEntries, newMem(t, MemoryDeduperConfig{}).max)

	require.Equal(t, Claimed, begin(t, d, "in-flight"))
	for i := range 5 {
		id := fmt.Sprintf("e%d", i)
		require.Equal(t, Claimed, begin(t, d, id))
		finish(t, d, id, true)
	}
	// Three processed IDs kept (the newest), plus the one still in flight.
	assert.Equal(t, 4, d.Len())
	assert.Equal(t, InProgress, begin(t, d, "in-flight"), "in-flight claims are never evicted")
	for _, id := range []string{"e2", "e3", "e4"} {
		assert.Equal(t, Processed, begin(t, d, id), id)
	}
	assert.Equal(t, Claimed, begin(t, d, "e0"), "oldest evicted first")
}

func TestMemoryDeduperConcurrentBegin(t *testing.T) {
	t.Parallel()
	d := newMem(t, MemoryDeduperConfig{MaxEntries: 8})
	const goroutines = 50
	for round := range 20 {
		id := fmt.Sprintf("e%d", round)
		var claimed atomic.Int32
		var wg sync.WaitGroup
		for range goroutines {
			wg.Add(1)
			go func() {
				defer wg.Done()
				cl, err := d.Begin(context.Background(), id)
				assert.NoError(t, err)
				if cl.Status == Claimed {
					claimed.Add(1)
					assert.NoError(t, d.Finish(context.Background(), id, cl.Token, true))
				}
			}()
		}
		wg.Wait()
		assert.EqualValues(t, 1, claimed.Load(), id)
	}
	assert.Equal(t, 8, d.Len())
}

func TestClaimStatusString(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "claimed", Claimed.String())
	assert.Equal(t, "processed", Processed.String())
	assert.Equal(t, "in progress", InProgress.String())
	assert.Equal(t, "unknown", ClaimStatus(0).String())
}
