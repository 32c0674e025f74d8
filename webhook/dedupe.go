package webhook

import (
	"container/list"
	"context"
	"sync"
	"time"
)

// ClaimStatus is the answer of Deduper.Begin.
type ClaimStatus int

// Claim statuses.
const (
	// Claimed: the event is new (or its earlier attempts failed); the caller
	// now owns it and must call Finish.
	Claimed ClaimStatus = iota + 1
	// Processed: the event was already processed successfully; acknowledge
	// it without processing it again.
	Processed
	// InProgress: another delivery of the same event is being processed
	// right now; NewHandler answers 409 so Knit redelivers it later.
	InProgress
)

// String returns the status name.
func (s ClaimStatus) String() string {
	switch s {
	case Claimed:
		return "claimed"
	case Processed:
		return "processed"
	case InProgress:
		return "in progress"
	}
	return "unknown"
}

// Deduper remembers which events were processed, so that Knit's
// redeliveries (it retries anything but a 200 for 4 days, and may deliver an
// event more than once) reach the callback at most once after a success.
//
// An event counts as processed only after Finish(…, true): a failed or
// panicking callback calls Finish(…, false), and the next delivery is
// Claimed again. Begin must be atomic, so that of two concurrent deliveries
// of one event exactly one is Claimed. A shared implementation (Redis, SQL)
// should give in-progress claims an expiry of a few minutes, so that a
// crashed process does not block an event forever, and keep processed IDs at
// least 4 days (DefaultDedupeTTL is 5).
type Deduper interface {
	// Begin claims eventID; see ClaimStatus. An error makes NewHandler answer
	// 500 without calling the callback.
	Begin(ctx context.Context, eventID string) (ClaimStatus, error)
	// Finish ends a claim made by Begin: success marks the event processed,
	// otherwise the claim is released so a redelivery is processed again.
	Finish(ctx context.Context, eventID string, success bool) error
}

// Defaults of NewMemoryDeduper.
const (
	// DefaultDedupeTTL is how long a processed event ID is remembered: longer
	// than Knit's 4-day retry window.
	DefaultDedupeTTL = 5 * 24 * time.Hour
	// DefaultDedupeMaxEntries bounds how many processed event IDs are kept.
	DefaultDedupeMaxEntries = 100_000
)

// MemoryDeduperConfig configures NewMemoryDeduper; the zero value means the
// defaults.
type MemoryDeduperConfig struct {
	// MaxEntries bounds how many processed event IDs are kept (default
	// DefaultDedupeMaxEntries); beyond it the oldest are forgotten first,
	// so a very late redelivery of a forgotten event is processed again.
	MaxEntries int
	// TTL is how long a processed event ID is kept (default
	// DefaultDedupeTTL). Shorter than Knit's 4-day retry window lets late
	// redeliveries through.
	TTL time.Duration
	// Now is the clock (default time.Now); tests inject their own.
	Now func() time.Time
}

// MemoryDeduper is the default Deduper of NewHandler: an in-process,
// bounded, expiring set of event IDs, safe for concurrent use. It only
// dedupes deliveries that reach the same process; with several replicas use
// a shared store through WithDeduper.
type MemoryDeduper struct {
	mu      sync.Mutex
	entries map[string]*memEntry
	// done lists processed IDs in completion order. With one TTL this is also
	// expiry order, so expiry and eviction both pop from the front.
	done *list.List
	max  int
	ttl  time.Duration
	now  func() time.Time
}

type memEntry struct {
	processed bool
	expires   time.Time
	elem      *list.Element
}

// NewMemoryDeduper returns an empty MemoryDeduper.
func NewMemoryDeduper(cfg MemoryDeduperConfig) *MemoryDeduper {
	d := &MemoryDeduper{
		entries: make(map[string]*memEntry),
		done:    list.New(),
		max:     cfg.MaxEntries,
		ttl:     cfg.TTL,
		now:     cfg.Now,
	}
	if d.max <= 0 {
		d.max = DefaultDedupeMaxEntries
	}
	if d.ttl <= 0 {
		d.ttl = DefaultDedupeTTL
	}
	if d.now == nil {
		d.now = time.Now
	}
	return d
}

// Begin implements Deduper. It never fails.
func (d *MemoryDeduper) Begin(_ context.Context, eventID string) (ClaimStatus, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.expire(d.now())
	if e, ok := d.entries[eventID]; ok {
		if e.processed {
			return Processed, nil
		}
		return InProgress, nil
	}
	// In-progress claims are not in d.done, so they are never evicted: that
	// would let a concurrent duplicate run the callback a second time.
	d.entries[eventID] = &memEntry{}
	return Claimed, nil
}

// Finish implements Deduper. Finishing an ID that is not claimed does
// nothing. It never fails.
func (d *MemoryDeduper) Finish(_ context.Context, eventID string, success bool) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	e, ok := d.entries[eventID]
	if !ok || e.processed {
		return nil
	}
	if !success {
		delete(d.entries, eventID)
		return nil
	}
	e.processed = true
	e.expires = d.now().Add(d.ttl)
	e.elem = d.done.PushBack(eventID)
	for d.done.Len() > d.max {
		d.drop(d.done.Front())
	}
	return nil
}

// Len returns how many event IDs are remembered (processed or in progress).
func (d *MemoryDeduper) Len() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.expire(d.now())
	return len(d.entries)
}

// expire forgets processed IDs whose TTL has passed.
func (d *MemoryDeduper) expire(now time.Time) {
	for f := d.done.Front(); f != nil; f = d.done.Front() {
		id, _ := f.Value.(string)
		e := d.entries[id]
		if e != nil && now.Before(e.expires) {
			return
		}
		d.drop(f)
	}
}

func (d *MemoryDeduper) drop(el *list.Element) {
	id, _ := el.Value.(string)
	d.done.Remove(el)
	if e, ok := d.entries[id]; ok && e.elem == el {
		delete(d.entries, id)
	}
}
