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

func begin(t *testing.T, d Deduper, id string) ClaimStatus {
	t.Helper()
	st, err := d.Begin(context.Background(), id)
	require.NoError(t, err)
	return st
}

func finish(t *testing.T, d Deduper, id string, ok bool) {
	t.Helper()
	require.NoError(t, d.Finish(context.Background(), id, ok))
}

func TestMemoryDeduperLifecycle(t *testing.T) {
	t.Parallel()
	d := NewMemoryDeduper(MemoryDeduperConfig{})
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
	finish(t, d, "never", true)
	finish(t, d, "e1", false)
	assert.Equal(t, Processed, begin(t, d, "e1"))
	assert.Equal(t, 2, d.Len())
}

func TestMemoryDeduperTTL(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	d := NewMemoryDeduper(MemoryDeduperConfig{Now: clock.Now})
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
	d := NewMemoryDeduper(MemoryDeduperConfig{TTL: time.Minute, Now: clock.Now})
	require.Equal(t, Claimed, begin(t, d, "e"))
	finish(t, d, "e", true)
	clock.Advance(59 * time.Second)
	assert.Equal(t, Processed, begin(t, d, "e"))
	clock.Advance(time.Second)
	assert.Equal(t, Claimed, begin(t, d, "e"))
}

func TestMemoryDeduperBounded(t *testing.T) {
	t.Parallel()
	d := NewMemoryDeduper(MemoryDeduperConfig{MaxEntries: 3})
	assert.Equal(t, DefaultDedupeMaxEntries, NewMemoryDeduper(MemoryDeduperConfig{}).max)

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
	d := NewMemoryDeduper(MemoryDeduperConfig{MaxEntries: 8})
	const goroutines = 50
	for round := range 20 {
		id := fmt.Sprintf("e%d", round)
		var claimed atomic.Int32
		var wg sync.WaitGroup
		for range goroutines {
			wg.Add(1)
			go func() {
				defer wg.Done()
				st, err := d.Begin(context.Background(), id)
				assert.NoError(t, err)
				if st == Claimed {
					claimed.Add(1)
					assert.NoError(t, d.Finish(context.Background(), id, true))
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
