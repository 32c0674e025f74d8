package webhooktest

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/knit-sdk/knit-go/webhook"
)

// outageStore is a MemoryDeduper shared by the replicas that answers every
// call with an error while down, as an unreachable store would.
type outageStore struct {
	*webhook.MemoryDeduper
	down  atomic.Bool
	armed atomic.Bool // the next Finish starts the outage
}

var errOutage = errors.New("store unreachable")

func (o *outageStore) Begin(ctx context.Context, id string) (webhook.Claim, error) {
	if o.down.Load() {
		return webhook.Claim{}, errOutage
	}
	return o.MemoryDeduper.Begin(ctx, id)
}

func (o *outageStore) Finish(ctx context.Context, id, token string, success bool) error {
	if o.armed.CompareAndSwap(true, false) {
		o.down.Store(true) // right after a callback's effect
	}
	if o.down.Load() {
		return errOutage
	}
	return o.MemoryDeduper.Finish(ctx, id, token, success)
}

func (o *outageStore) Renew(ctx context.Context, id, token string) error {
	if o.down.Load() {
		return errOutage
	}
	return o.MemoryDeduper.Renew(ctx, id, token)
}

// TestReplicasStoreOutage: the store becomes unreachable for a third of
// the lease 40% into the run, at a Finish. Begin fails (500, redelivered), Finish is retried
// by the handler until the store is back, and RunReplicas' checks hold:
// no copy lost, every callback run once plus once per stalled claim.
func TestReplicasStoreOutage(t *testing.T) {
	t.Parallel()
	const lease = 2 * time.Second
	mem, err := webhook.NewMemoryDeduper(webhook.MemoryDeduperConfig{Lease: lease})
	if err != nil {
		t.Fatal(err)
	}
	store := &outageStore{MemoryDeduper: mem}
	var faulted atomic.Bool
	st := RunReplicas(t, func(*testing.T, Config) (webhook.Deduper, error) { return store, nil }, ReplicaConfig{
		Events: 400, Lease: lease, StallEvery: 50,
		Fault: func(context.Context) {
			store.armed.Store(true)
			for !store.down.Load() {
				time.Sleep(time.Millisecond)
			}
			time.Sleep(lease / 3)
			store.down.Store(false)
			faulted.Store(true)
		},
	})
	if !faulted.Load() {
		t.Fatal("the fault did not run")
	}
	if st.Fleet.Status[500] == 0 || st.StoreErrors == 0 {
		t.Errorf("statuses %v, %d Finish store errors: want the outage seen by Begin and Finish", st.Fleet.Status, st.StoreErrors)
	}
}
