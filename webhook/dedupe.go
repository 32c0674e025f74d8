package webhook

import (
	"container/list"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"sync"
	"time"
)

// ClaimStatus is the status part of Deduper.Begin's answer.
type ClaimStatus int

// Claim statuses.
const (
	// Claimed: the event is new (or its earlier attempts failed or their
	// lease expired); the caller now holds the claim and must Finish it.
	Claimed ClaimStatus = iota + 1
	// Processed: the event was already processed successfully; acknowledge
	// it without processing it again.
	Processed
	// InProgress: another delivery of the same event holds a live claim;
	// NewHandler answers 409 so Knit redelivers it later.
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

// Claim is Deduper.Begin's answer.
type Claim struct {
	Status ClaimStatus
	// Token identifies this claim when Status is Claimed: Finish and Renew
	// take it, so that only the holder of a claim can end or extend it.
	// Every Claimed answer carries a new, unguessable token.
	Token string
	// Lease is how long the claim is held from Begin (or from the last
	// Renew) when Status is Claimed. Once it has passed, the claim is lost:
	// a redelivery can take the event over, and Finish or Renew with the
	// old token return ErrClaimLost. Zero means the claim never expires.
	Lease time.Duration
}

// ErrClaimLost is returned by Deduper.Finish and Renewer.Renew when the
// token no longer holds the event's claim: its lease expired (and another
// delivery may have taken the event over), or it was already finished, or
// it never existed. The store is left unchanged. NewHandler still answers
// 200 when the callback succeeded but Finish says the claim was lost: the
// work is done, and the event may be processed once more by the delivery
// that took it over (at-least-once).
var ErrClaimLost = errors.New("webhook: dedupe claim lost (lease expired or finished)")

// Deduper remembers which events were processed, so that Knit's
// redeliveries (it retries anything but a 200 for 4 days, and may deliver an
// event more than once) reach the callback at most once after a success,
// even when several replicas share the Deduper.
//
// The contract, checked by the conformance suite in package
// webhook/webhooktest:
//
//   - Begin is atomic: of any number of concurrent Begin calls for one ID
//     exactly one is Claimed, with a fresh token; the others are InProgress
//     while the claim is live, or Processed after it succeeded.
//   - Finish(id, token, true) marks the event processed; Finish(id, token,
//     false) releases the claim so the next delivery is Claimed again.
//   - Finish is fenced: unless token holds a live claim on id, it changes
//     nothing and returns ErrClaimLost. A slow replica whose lease expired
//     can therefore never end the claim of the replica that took over.
//   - Claims expire after their Lease unless renewed (see Renewer), so a
//     crashed replica does not block an event forever. Lease and processed
//     times are measured by the store's clock (Redis PX, Postgres now()),
//     never by a replica's.
//   - Processed IDs are kept at least 4 days, Knit's retry window
//     (DefaultDedupeTTL is 5); constructors refuse less.
type Deduper interface {
	// Begin claims eventID; see Claim. An error makes NewHandler answer 500
	// without calling the callback.
	Begin(ctx context.Context, eventID string) (Claim, error)
	// Finish ends the claim that Begin returned with token: success marks
	// the event processed, otherwise the claim is released so a redelivery
	// is processed again. It returns ErrClaimLost when token no longer holds
	// the claim.
	Finish(ctx context.Context, eventID, token string, success bool) error
}

// Renewer is implemented by a Deduper whose claims can be extended. While a
// callback runs, NewHandler renews its claim every third of the claim's
// Lease, so that a long callback keeps its claim; when Renew returns
// ErrClaimLost, the callback's context is canceled with that cause.
type Renewer interface {
	// Renew extends the live claim held by token by its lease, from now by
	// the store's clock. It returns ErrClaimLost when token no longer holds
	// the claim.
	Renew(ctx context.Context, eventID, token string) error
}

// Defaults and limits of the dedupers.
const (
	// DefaultDedupeTTL is how long a processed event ID is remembered: longer
	// than Knit's 4-day retry window.
	DefaultDedupeTTL = 5 * 24 * time.Hour
	// MinDedupeTTL is the shortest TTL a deduper accepts: Knit retries a
	// delivery for 4 days, and a shorter memory would let its late
	// redeliveries through.
	MinDedupeTTL = 4 * 24 * time.Hour
	// DefaultLease is how long a claim is held before it expires, unless
	// renewed. NewHandler renews it every third of the lease while the
	// callback runs.
	DefaultLease = 30 * time.Second
	// DefaultDedupeMaxEntries bounds how many processed event IDs a
	// MemoryDeduper keeps.
	DefaultDedupeMaxEntries = 100_000
)

// CheckTTL returns ttl, or DefaultDedupeTTL when ttl is zero, and an error
// when ttl is negative or shorter than MinDedupeTTL. Deduper constructors
// use it so that all of them refuse the same values.
func CheckTTL(ttl time.Duration) (time.Duration, error) {
	switch {
	case ttl == 0:
		return DefaultDedupeTTL, nil
	case ttl < MinDedupeTTL:
		return 0, fmt.Errorf("webhook: dedupe TTL %v is shorter than Knit's 4-day retry window (minimum %v)", ttl, MinDedupeTTL)
	}
	return ttl, nil
}

// CheckLease returns lease, or DefaultLease when lease is zero, and an
// error when it is negative or shorter than a millisecond (the resolution
// of Redis PX and of the handler's renewal timer).
func CheckLease(lease time.Duration) (time.Duration, error) {
	switch {
	case lease == 0:
		return DefaultLease, nil
	case lease < time.Millisecond:
		return 0, fmt.Errorf("webhook: dedupe lease %v is shorter than 1ms", lease)
	}
	return lease, nil
}

// NewClaimToken returns a new random claim token (26 characters of base32,
// 128 bits), for Deduper implementations.
func NewClaimToken() string { return rand.Text() }

// MemoryDeduperConfig configures NewMemoryDeduper; the zero value means the
// defaults.
type MemoryDeduperConfig struct {
	// MaxEntries bounds how many processed event IDs are kept (default
	// DefaultDedupeMaxEntries); beyond it the oldest are forgotten first,
	// so a very late redelivery of a forgotten event is processed again.
	MaxEntries int
	// TTL is how long a processed event ID is kept (default
	// DefaultDedupeTTL, at least MinDedupeTTL).
	TTL time.Duration
	// Lease is how long a claim is held unless renewed (default
	// DefaultLease).
	Lease time.Duration
	// Now is the clock (default time.Now); tests inject their own.
	Now func() time.Time
}

// MemoryDeduper is the default Deduper of NewHandler: an in-process,
// bounded, expiring set of event IDs, safe for concurrent use. It also
// implements Renewer. It only dedupes deliveries that reach the same
// process; with several replicas use a shared store through WithDeduper
// (the Redis and Postgres modules of this repository).
type MemoryDeduper struct {
	mu      sync.Mutex
	entries map[string]*memEntry
	// done lists processed IDs in completion order. With one TTL this is also
	// expiry order, so expiry and eviction both pop from the front.
	done  *list.List
	max   int
	ttl   time.Duration
	lease time.Duration
	now   func() time.Time
}

type memEntry struct {
	processed bool
	token     string
	expires   time.Time // of the lease while claimed, of the memory once processed
	elem      *list.Element
}

// NewMemoryDeduper returns an empty MemoryDeduper. It refuses a TTL shorter
// than MinDedupeTTL and a negative lease.
func NewMemoryDeduper(cfg MemoryDeduperConfig) (*MemoryDeduper, error) {
	ttl, err := CheckTTL(cfg.TTL)
	if err != nil {
		return nil, err
	}
	lease, err := CheckLease(cfg.Lease)
	if err != nil {
		return nil, err
	}
	return newMemoryDeduper(cfg.MaxEntries, ttl, lease, cfg.Now), nil
}

// newMemoryDeduper builds a MemoryDeduper from checked values; NewHandler's
// default is newMemoryDeduper(0, DefaultDedupeTTL, DefaultLease, nil).
func newMemoryDeduper(maxEntries int, ttl, lease time.Duration, now func() time.Time) *MemoryDeduper {
	if maxEntries <= 0 {
		maxEntries = DefaultDedupeMaxEntries
	}
	if now == nil {
		now = time.Now
	}
	return &MemoryDeduper{
		entries: make(map[string]*memEntry),
		done:    list.New(),
		max:     maxEntries,
		ttl:     ttl,
		lease:   lease,
		now:     now,
	}
}

// Begin implements Deduper. It never fails.
func (d *MemoryDeduper) Begin(_ context.Context, eventID string) (Claim, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	now := d.now()
	d.expire(now)
	if e, ok := d.entries[eventID]; ok {
		if e.processed {
			return Claim{Status: Processed}, nil
		}
		if now.Before(e.expires) {
			return Claim{Status: InProgress}, nil
		}
		// The lease passed: the claim is lost, this delivery takes over.
	}
	// In-progress claims are not in d.done, so they are never evicted: that
	// would let a concurrent duplicate run the callback a second time.
	tok := NewClaimToken()
	d.entries[eventID] = &memEntry{token: tok, expires: now.Add(d.lease)}
	return Claim{Status: Claimed, Token: tok, Lease: d.lease}, nil
}

// Finish implements Deduper. It fails only with ErrClaimLost.
func (d *MemoryDeduper) Finish(_ context.Context, eventID, token string, success bool) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	now := d.now()
	e, ok := d.entries[eventID]
	if !ok || e.processed || e.token != token {
		return ErrClaimLost
	}
	if !now.Before(e.expires) {
		// Nobody took the expired claim over yet: drop it, so that it does
		// not stay in memory until a redelivery, but report it lost.
		delete(d.entries, eventID)
		return ErrClaimLost
	}
	if !success {
		delete(d.entries, eventID)
		return nil
	}
	e.processed = true
	e.token = ""
	e.expires = now.Add(d.ttl)
	e.elem = d.done.PushBack(eventID)
	for d.done.Len() > d.max {
		d.drop(d.done.Front())
	}
	return nil
}

// Renew implements Renewer. It fails only with ErrClaimLost.
func (d *MemoryDeduper) Renew(_ context.Context, eventID, token string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	now := d.now()
	e, ok := d.entries[eventID]
	if !ok || e.processed || e.token != token || !now.Before(e.expires) {
		return ErrClaimLost
	}
	e.expires = now.Add(d.lease)
	return nil
}

// Len returns how many event IDs are remembered (processed or claimed).
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
