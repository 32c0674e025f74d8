package knitpostgres

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/knit-sdk/knit-go/webhook"
)

// Group commit: Mirror.Handler applies the events of concurrent deliveries
// in one transaction, so that BEGIN, COMMIT and the round trips are paid
// once per group instead of once per event. A delivery that finds no other
// waiting forms a group of one. When a group fails for any reason (a lock
// wait, a deadlock, a value the database refuses), it is rolled back and
// each of its events is then applied alone, as NewInboxHandler applies an
// event, with the inbox's per-event answers (409 for a concurrent delivery
// of the same event, 500 for a failure). Each delivery is answered 200
// only after the transaction holding its event committed.
const (
	// maxGroupEvents bounds the events of one group.
	maxGroupEvents = 32
	// maxGroups bounds the groups in flight at once. While they run,
	// arriving deliveries queue up and form the next groups.
	maxGroups = 4
	// groupLockWait bounds every lock wait of a group (or the inbox's
	// LockWait, when shorter). A group that waits longer is rolled back and
	// its events are applied one by one, with the inbox's own lock wait;
	// so a wait costs a group little, and a deadlock between two groups
	// (two deliveries of one event each waiting for the other's group)
	// ends quickly.
	groupLockWait = 100 * time.Millisecond
)

// grouper forms groups of the deliveries waiting to be applied.
type grouper struct {
	m           *Mirror
	lockTimeout string        // lock_timeout of a group's transaction
	slots       chan struct{} // one token per group in flight
	mu          sync.Mutex
	queue       []*pending // not yet in a group
}

func newGrouper(m *Mirror) *grouper {
	wait := groupLockWait
	if w := m.inbox.LockWait; w > 0 {
		wait = max(min(wait, w), time.Millisecond)
	}
	return &grouper{m: m, lockTimeout: fmt.Sprintf("%dms", wait.Milliseconds()), slots: make(chan struct{}, maxGroups)}
}

// pending is one delivery's event waiting for, or in, a group.
type pending struct {
	ctx   context.Context
	ev    *webhook.Event
	w     *mirrorWrite
	taken bool          // in a group (under grouper.mu)
	done  chan struct{} // closed when the group ended
	alone bool          // the group did not commit it: apply it alone
}

// apply applies ev (written by w) in a group, with the events of the
// deliveries waiting beside it. It reports false when the caller must apply
// the event alone instead: the group was rolled back.
func (g *grouper) apply(ctx context.Context, ev *webhook.Event, w *mirrorWrite) (bool, error) {
	p := &pending{ctx: ctx, ev: ev, w: w, done: make(chan struct{})}
	g.mu.Lock()
	g.queue = append(g.queue, p)
	g.mu.Unlock()
	for {
		select {
		case <-p.done:
			return !p.alone, nil
		case <-ctx.Done():
			if g.withdraw(p) {
				return true, fmt.Errorf("knitpostgres: mirror: event %s: %w", ev.EventID, ctx.Err())
			}
			<-p.done // its group runs on a context of its own
			if p.alone {
				return true, fmt.Errorf("knitpostgres: mirror: event %s: %w", ev.EventID, ctx.Err())
			}
			return true, nil
		case g.slots <- struct{}{}:
			if mine := g.lead(p); mine {
				<-p.done
				return !p.alone, nil
			}
		}
	}
}

// lead runs one group, holding a slot, and reports whether p is in a
// group (this one or an earlier one).
func (g *grouper) lead(p *pending) bool {
	defer func() { <-g.slots }()
	group, mine := g.take(p)
	if len(group) > 0 {
		g.run(group)
	}
	return mine
}

// withdraw removes p from the queue, reporting false when p is already in
// a group.
func (g *grouper) withdraw(p *pending) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if p.taken {
		return false
	}
	g.queue = slices.DeleteFunc(g.queue, func(q *pending) bool { return q == p })
	return true
}

// take forms a group of up to maxGroupEvents events from the head of the
// queue. (Two deliveries of one event may share a group: the second one's
// claim finds the first one's inbox row, so it writes nothing.) mine
// reports whether p is in a group, this one or an earlier one.
func (g *grouper) take(p *pending) (group []*pending, mine bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	n := min(len(g.queue), maxGroupEvents)
	group = slices.Clone(g.queue[:n])
	for _, q := range group {
		q.taken = true
	}
	g.queue = slices.Delete(g.queue, 0, n)
	return group, p.taken
}

// run applies group in one transaction, or hands each event back to be
// applied alone.
func (g *grouper) run(group []*pending) {
	// Until the group commits, each event is to be applied alone: also
	// when commit panics.
	for _, p := range group {
		p.alone = true
	}
	defer func() {
		for _, p := range group {
			close(p.done)
		}
	}()
	ctx, cancel := groupContext(group)
	defer cancel()
	if err := g.commit(ctx, group); err != nil {
		g.m.log.DebugContext(ctx, "knit mirror: group of events rolled back; applying each alone",
			"events", len(group), "error", err)
		return
	}
	for _, p := range group {
		p.alone = false
	}
}

// groupContext is the context of a group's transaction: not cancelled with
// any one delivery, and ending at the last of their deadlines.
func groupContext(group []*pending) (context.Context, context.CancelFunc) {
	ctx := context.WithoutCancel(group[0].ctx)
	var last time.Time
	for _, p := range group {
		d, ok := p.ctx.Deadline()
		if !ok {
			return context.WithCancel(ctx)
		}
		if d.After(last) {
			last = d
		}
	}
	return context.WithDeadline(ctx, last)
}

// commit applies group in one transaction, in one round trip: the lock of
// each account (before any write, whose snapshot then sees a Deactivate
// that committed meanwhile), then each event's claim-and-write statement,
// in record order so that two groups writing the same records take their
// row locks in the same order.
func (g *grouper) commit(ctx context.Context, group []*pending) error {
	slices.SortFunc(group, func(a, b *pending) int {
		return cmp.Or(cmp.Compare(a.w.table, b.w.table), cmp.Compare(a.ev.IntegrationID, b.ev.IntegrationID),
			cmp.Compare(a.w.key, b.w.key), cmp.Compare(a.ev.EventID, b.ev.EventID))
	})
	var accounts []string
	for _, p := range group {
		accounts = append(accounts, p.ev.IntegrationID)
	}
	slices.Sort(accounts)
	accounts = slices.Compact(accounts)

	tx, err := g.m.db.Begin(ctx)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback(context.WithoutCancel(ctx)) }()
	// On its own, as in inbox.claim: preparing the batch's statements takes
	// table locks, and those waits must be bounded too.
	if _, err := tx.Exec(ctx, `SELECT set_config('lock_timeout', $1, true)`, g.lockTimeout); err != nil {
		return err
	}
	b := &pgx.Batch{}
	for _, a := range accounts {
		b.Queue(lockAccountSQL, int32(mirrorLockClass), a)
	}
	for _, p := range group {
		b.Queue(p.w.claimSQL, p.w.args...)
	}
	br := tx.SendBatch(ctx, b)
	claimed := make([]bool, len(group))
	err = func() error {
		for range accounts {
			if _, err := br.Exec(); err != nil {
				return err
			}
		}
		for i, p := range group {
			if err := br.QueryRow().Scan(&claimed[i], &p.w.rows); err != nil {
				return fmt.Errorf("event %s: %w", p.ev.EventID, err)
			}
		}
		return nil
	}()
	if cerr := br.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	for i, p := range group {
		if claimed[i] {
			if err := p.w.after(ctx, tx); err != nil {
				return err
			}
		}
	}
	return tx.Commit(ctx)
}

// lockAccountSQL takes an account's lock, shared: Deactivate takes it
// exclusively.
const lockAccountSQL = `SELECT pg_advisory_xact_lock_shared($1, hashtext($2))`

// withClaim turns write, the upsert of a record or sync run whose event ID
// is parameter eventIDParam, into one statement that also inserts the
// event's inbox row and writes only when it did: a duplicate in a group
// cannot be rolled back alone, so its write must change nothing. The
// statement returns whether the row was inserted and how many rows the
// write changed.
func withClaim(write, eventIDParam string) string {
	cond := "WHERE " + notDeactivated
	if strings.Count(write, cond) != 1 {
		panic("knitpostgres: withClaim: the write has no single deactivation condition")
	}
	return `WITH claim AS (INSERT INTO knit_webhook_inbox (event_id) VALUES (` + eventIDParam + `) ON CONFLICT (event_id) DO NOTHING RETURNING 1),
w AS (` + strings.Replace(write, cond, "WHERE EXISTS (SELECT 1 FROM claim) AND "+notDeactivated, 1) + `
RETURNING 1)
SELECT EXISTS (SELECT 1 FROM claim), (SELECT count(*) FROM w)`
}

// runClaimSQL is runSQL with its claim (runArgs' event ID is $13).
var runClaimSQL = withClaim(runSQL, "$13")
