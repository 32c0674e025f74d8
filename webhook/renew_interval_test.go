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

// recordingRenewer records when each renewal happened.
type recordingRenewer struct {
	*MemoryDeduper
	mu    sync.Mutex
	times []time.Duration // since start
	start time.Time
}

func (r *recordingRenewer) Renew(ctx context.Context, id, token string) error {
	r.mu.Lock()
	r.times = append(r.times, time.Since(r.start))
	r.mu.Unlock()
	return r.MemoryDeduper.Renew(ctx, id, token)
}

// TestRenewalEveryThirdOfLease: while a callback runs, the claim is renewed
// every third of its lease, the interval Renewer documents, so a renewal
// held up by a slow store still lands before the lease ends. Under
// testing/synctest the clock is the bubble's: the times are exact (the
// file needs Go 1.25 for synctest.Test; the module still builds with 1.24).
func TestRenewalEveryThirdOfLease(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		const lease = 3 * time.Second
		mem, err := NewMemoryDeduper(MemoryDeduperConfig{Lease: lease})
		require.NoError(t, err)
		d := &recordingRenewer{MemoryDeduper: mem, start: time.Now()}
		payload := readFixture(t, "record_new_employee.json")
		h := NewHandler([]string{testKey}, func(context.Context, *Event) error {
			time.Sleep(3*lease + lease/2) // a long callback: 10.5 s
			return nil
		}, WithDeduper(d))
		w := httptest.NewRecorder()
		h.ServeHTTP(w, newSignedTestRequest(t, payload, testKey))
		assert.Equal(t, http.StatusOK, w.Code)
		want := []time.Duration{1 * time.Second, 2 * time.Second, 3 * time.Second, 4 * time.Second, 5 * time.Second,
			6 * time.Second, 7 * time.Second, 8 * time.Second, 9 * time.Second, 10 * time.Second}
		assert.Equal(t, want, d.times, "renewals every lease/3 from the callback's start, none after it ended")
	})
}

// TestNoRenewalOfALeaseThatNeverExpires: a Claim's Lease of zero means the
// claim never expires (Claim.Lease), so the handler does not renew it, however
// long the callback runs.
func TestNoRenewalOfALeaseThatNeverExpires(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		d := &tinyLeaseDeduper{fakeDeduper: fakeDeduper{status: Claimed}, lease: 0}
		h := NewHandler([]string{testKey}, func(context.Context, *Event) error {
			time.Sleep(time.Minute)
			return nil
		}, WithDeduper(d))
		w := httptest.NewRecorder()
		h.ServeHTTP(w, newSignedTestRequest(t, readFixture(t, "record_new_employee.json"), testKey))
		assert.Equal(t, http.StatusOK, w.Code)
		assert.Equal(t, []bool{true}, d.finished)
		assert.Zero(t, d.renewed.Load())
	})
}
