//go:build go1.25

package webhook

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// downDeduper claims every event with a lease of lease and fails every
// Finish with a store error, recording when each one came (since start).
// It is not a Renewer, so only Finish's retries call it.
type downDeduper struct {
	lease    time.Duration
	start    time.Time
	mu       sync.Mutex
	finishes []time.Duration
}

func (d *downDeduper) Begin(context.Context, string) (Claim, error) {
	return Claim{Status: Claimed, Token: "tok", Lease: d.lease}, nil
}

func (d *downDeduper) Finish(context.Context, string, string, bool) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.finishes = append(d.finishes, time.Since(d.start))
	if len(d.finishes) > 100 {
		return nil // ends a runaway retry loop, which the test then reports
	}
	return errStoreDown
}

// TestFinishRetryScheduleAndBound: when the store stays down, Finish is
// retried with a backoff doubling from 20ms up to 1s, for the longer of
// WithFinishRetry and the claim's lease (DefaultLease when both are 0),
// with its last attempt exactly at that bound, and then given up: 200 with
// OutcomeProcessedNotRecorded. Under testing/synctest the times are exact.
func TestFinishRetryScheduleAndBound(t *testing.T) {
	t.Parallel()
	ms := time.Millisecond
	backoff := []time.Duration{0, 20 * ms, 60 * ms, 140 * ms, 300 * ms, 620 * ms}
	for _, tc := range []struct {
		name        string
		lease       time.Duration
		finishRetry time.Duration
		want        []time.Duration
	}{
		{"the lease bounds", time.Second, 0, append(backoff[:6:6], time.Second)},
		{"WithFinishRetry bounds", time.Second, 1500 * ms, append(backoff[:6:6], 1260*ms, 1500*ms)},
		{"a lease that never expires", 0, 0, nil}, // DefaultLease: checked below
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				d := &downDeduper{lease: tc.lease, start: time.Now()}
				var end DeliveryEnd
				h := NewHandler([]string{testKey}, func(context.Context, *Event) error { return nil },
					WithDeduper(d), WithFinishRetry(tc.finishRetry),
					WithDeliveryHook(func(ctx context.Context, _ *http.Request) (context.Context, func(DeliveryEnd)) {
						return ctx, func(e DeliveryEnd) { end = e }
					}))
				w := httptest.NewRecorder()
				h.ServeHTTP(w, newSignedTestRequest(t, readFixture(t, "record_new_employee.json"), testKey))
				assert.Equal(t, http.StatusOK, w.Code)
				assert.Equal(t, OutcomeProcessedNotRecorded, end.Outcome)
				require.NotEmpty(t, d.finishes)
				assert.Equal(t, len(d.finishes)-1, end.FinishRetries)
				if tc.want != nil {
					assert.Equal(t, tc.want, d.finishes)
					return
				}
				require.Greater(t, len(d.finishes), len(backoff), "retried for DefaultLease: %v", d.finishes)
				assert.Equal(t, backoff, d.finishes[:len(backoff)])
				assert.Equal(t, DefaultLease, d.finishes[len(d.finishes)-1], "the last attempt is at DefaultLease")
				for i := len(backoff); i < len(d.finishes); i++ {
					assert.LessOrEqual(t, d.finishes[i]-d.finishes[i-1], time.Second, "the backoff is capped at 1s")
				}
				assert.Len(t, d.finishes, 36) // 6 backoff steps, 29 at 1s from 1.26s to 29.26s, the last at 30s
			})
		})
	}
}
