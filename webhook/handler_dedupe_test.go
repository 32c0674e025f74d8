package webhook

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHandlerConcurrentDuplicatesRunCallbackOnce(t *testing.T) {
	t.Parallel()
	const deliveries = 32
	payload := readFixture(t, "record_new_employee.json")
	var calls atomic.Int32
	release := make(chan struct{})
	srv := httptest.NewServer(NewHandler([]string{testKey}, func(context.Context, *Event) error {
		calls.Add(1)
		<-release // hold the claim until every other delivery was answered
		return nil
	}))
	defer srv.Close()

	statuses := make(chan int, deliveries)
	var wg sync.WaitGroup
	for range deliveries {
		wg.Add(1)
		go func() {
			defer wg.Done()
			code, err := deliverStatus(srv.URL, payload, testKey)
			assert.NoError(t, err)
			statuses <- code
		}()
	}
	counts := map[int]int{}
	for range deliveries - 1 {
		counts[<-statuses]++
	}
	close(release)
	wg.Wait()
	counts[<-statuses]++

	assert.EqualValues(t, 1, calls.Load(), "callback runs once")
	assert.Equal(t, map[int]int{http.StatusOK: 1, http.StatusConflict: deliveries - 1}, counts)
	assert.Equal(t, http.StatusOK, deliver(t, srv.URL, payload, testKey), "later redelivery is a duplicate")
	assert.EqualValues(t, 1, calls.Load())
}

func TestHandlerConcurrentDuplicatesUnblocked(t *testing.T) {
	t.Parallel()
	const deliveries = 64
	payload := readFixture(t, "record_deleted_application.json")
	var calls atomic.Int32
	srv := httptest.NewServer(NewHandler([]string{testKey}, func(context.Context, *Event) error {
		calls.Add(1)
		return nil
	}))
	defer srv.Close()
	var wg sync.WaitGroup
	var other atomic.Int32
	for range deliveries {
		wg.Add(1)
		go func() {
			defer wg.Done()
			code, err := deliverStatus(srv.URL, payload, testKey)
			assert.NoError(t, err)
			switch code {
			case http.StatusOK, http.StatusConflict:
			default:
				other.Add(1)
			}
		}()
	}
	wg.Wait()
	assert.EqualValues(t, 1, calls.Load())
	assert.Zero(t, other.Load())
}

// fakeDeduper answers Begin with a fixed status or error and records Finish.
type fakeDeduper struct {
	status    ClaimStatus
	beginErr  error
	finishErr error
	mu        sync.Mutex
	finished  []bool
}

func (f *fakeDeduper) Begin(context.Context, string) (Claim, error) {
	return Claim{Status: f.status, Token: "tok"}, f.beginErr
}

func (f *fakeDeduper) Finish(_ context.Context, _, token string, success bool) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if token != "tok" {
		return errors.New("wrong token")
	}
	f.finished = append(f.finished, success)
	return f.finishErr
}

func TestHandlerWithCustomDeduper(t *testing.T) {
	t.Parallel()
	payload := readFixture(t, "record_new_employee.json")
	tests := []struct {
		name         string
		d            *fakeDeduper
		fnErr        error
		want         int
		wantCalls    int32
		wantFinished []bool
	}{
		{name: "begin fails: 500, no callback", d: &fakeDeduper{beginErr: errors.New("redis down")}, want: http.StatusInternalServerError},
		{name: "in progress: 409", d: &fakeDeduper{status: InProgress}, want: http.StatusConflict},
		{name: "processed: 200", d: &fakeDeduper{status: Processed}, want: http.StatusOK},
		{name: "unknown status: 500", d: &fakeDeduper{status: ClaimStatus(99)}, want: http.StatusInternalServerError},
		{name: "claimed, success", d: &fakeDeduper{status: Claimed}, want: http.StatusOK, wantCalls: 1, wantFinished: []bool{true}},
		{name: "claimed, failure", d: &fakeDeduper{status: Claimed}, fnErr: errors.New("x"), want: http.StatusInternalServerError, wantCalls: 1, wantFinished: []bool{false}},
		{name: "finish fails after success: retried, still 200", d: &fakeDeduper{status: Claimed, finishErr: errors.New("redis down")}, want: http.StatusOK, wantCalls: 1, wantFinished: []bool{true, true, true}},
		{name: "finish fails after failure: not retried, 500", d: &fakeDeduper{status: Claimed, finishErr: errors.New("redis down")}, fnErr: errors.New("x"), want: http.StatusInternalServerError, wantCalls: 1, wantFinished: []bool{false}},
		{name: "claim lost after success: still 200", d: &fakeDeduper{status: Claimed, finishErr: fmt.Errorf("store: %w", ErrClaimLost)}, want: http.StatusOK, wantCalls: 1, wantFinished: []bool{true}},
		{name: "claim lost after failure: 500", d: &fakeDeduper{status: Claimed, finishErr: ErrClaimLost}, fnErr: errors.New("x"), want: http.StatusInternalServerError, wantCalls: 1, wantFinished: []bool{false}},
		{name: "callback says in progress: 409", d: &fakeDeduper{status: Claimed}, fnErr: fmt.Errorf("row locked: %w", ErrInProgress), want: http.StatusConflict, wantCalls: 1, wantFinished: []bool{false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var calls atomic.Int32
			var logs bytes.Buffer
			h := NewHandler([]string{testKey}, func(context.Context, *Event) error {
				calls.Add(1)
				return tt.fnErr
			}, WithDeduper(tt.d), WithLogger(slog.New(slog.NewJSONHandler(&logs, nil))), WithFinishRetry(50*time.Millisecond))
			w := httptest.NewRecorder()
			h.ServeHTTP(w, newSignedTestRequest(t, payload, testKey))
			assert.Equal(t, tt.want, w.Code)
			assert.Equal(t, tt.wantCalls, calls.Load())
			assert.Equal(t, tt.wantFinished, tt.d.finished)
			switch {
			case errors.Is(tt.d.finishErr, ErrClaimLost):
				assert.Contains(t, logs.String(), "claim was lost")
			case tt.d.finishErr != nil && tt.fnErr == nil:
				assert.Contains(t, logs.String(), "failed to record the outcome; giving up")
			case tt.d.finishErr != nil:
				assert.Contains(t, logs.String(), "failed to release the claim")
			}
		})
	}
}

func TestHandlerWithoutDeduper(t *testing.T) {
	t.Parallel()
	payload := readFixture(t, "record_new_employee.json")
	var calls atomic.Int32
	h := NewHandler([]string{testKey}, func(context.Context, *Event) error {
		calls.Add(1)
		return nil
	}, WithDeduper(nil))
	for range 2 {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, newSignedTestRequest(t, payload, testKey))
		assert.Equal(t, http.StatusOK, w.Code)
	}
	assert.EqualValues(t, 2, calls.Load())
}

// gatedRenewer lets the test decide when each renewal happens: Renew waits
// for a permit, renews, and reports back.
type gatedRenewer struct {
	*MemoryDeduper
	permit  chan struct{}
	renewed chan error
	stop    chan struct{} // closed when the test stops gating
}

func (r gatedRenewer) Renew(ctx context.Context, id, token string) error {
	select {
	case <-r.permit:
	case <-r.stop:
		return r.MemoryDeduper.Renew(ctx, id, token)
	}
	err := r.MemoryDeduper.Renew(ctx, id, token)
	select {
	case r.renewed <- err:
	case <-r.stop:
	}
	return err
}

// TestHandlerRenewsLeaseDuringLongCallback keeps a callback running for
// three leases of the deduper's clock: the handler's renewals keep the
// claim, so a concurrent delivery is answered 409 until the callback ends.
// The test moves the deduper's clock half a lease, then lets one renewal
// happen, so it does not depend on the machine's speed.
func TestHandlerRenewsLeaseDuringLongCallback(t *testing.T) {
	t.Parallel()
	const lease = 60 * time.Millisecond
	clock := &fakeClock{now: time.Unix(0, 0)}
	mem, err := NewMemoryDeduper(MemoryDeduperConfig{Lease: lease, Now: clock.Now})
	require.NoError(t, err)
	d := gatedRenewer{mem, make(chan struct{}), make(chan error), make(chan struct{})}
	payload := readFixture(t, "record_new_employee.json")
	var calls atomic.Int32
	started, release := make(chan struct{}), make(chan struct{})
	var cause error
	h := NewHandler([]string{testKey}, func(ctx context.Context, _ *Event) error {
		if calls.Add(1) == 1 {
			close(started)
			<-release
			cause = context.Cause(ctx)
		}
		return nil
	}, WithDeduper(d))
	first := make(chan int)
	req := newSignedTestRequest(t, payload, testKey)
	go func() {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		first <- w.Code
	}()
	<-started
	for range 6 {
		clock.Advance(lease / 2)
		d.permit <- struct{}{}
		require.NoError(t, <-d.renewed)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, newSignedTestRequest(t, payload, testKey))
		assert.Equal(t, http.StatusConflict, w.Code, "the renewed claim still holds")
	}
	close(d.stop)
	close(release)
	assert.Equal(t, http.StatusOK, <-first)
	require.NoError(t, cause, "the callback's context was not canceled")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, newSignedTestRequest(t, payload, testKey))
	assert.Equal(t, http.StatusOK, w.Code)
	assert.EqualValues(t, 1, calls.Load())
}

// stealingDeduper is a MemoryDeduper whose renewals report the claim lost,
// as when another replica took it over.
type stealingDeduper struct{ *MemoryDeduper }

func (stealingDeduper) Renew(context.Context, string, string) error { return ErrClaimLost }

func TestHandlerCancelsCallbackWhenRenewalLosesClaim(t *testing.T) {
	t.Parallel()
	d, err := NewMemoryDeduper(MemoryDeduperConfig{Lease: 30 * time.Millisecond})
	require.NoError(t, err)
	var cause error
	h := NewHandler([]string{testKey}, func(ctx context.Context, _ *Event) error {
		<-ctx.Done()
		cause = context.Cause(ctx)
		return nil // the work was done anyway
	}, WithDeduper(stealingDeduper{d}))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, newSignedTestRequest(t, readFixture(t, "record_new_employee.json"), testKey))
	require.ErrorIs(t, cause, ErrClaimLost)
	assert.Equal(t, http.StatusOK, w.Code, "success with a lost claim is still 200")
}

// tinyLeaseDeduper grants leases of lease (a few nanoseconds) and counts
// renewals.
type tinyLeaseDeduper struct {
	fakeDeduper
	lease   time.Duration
	renewed atomic.Int32
}

func (d *tinyLeaseDeduper) Begin(ctx context.Context, id string) (Claim, error) {
	c, err := d.fakeDeduper.Begin(ctx, id)
	c.Lease = d.lease
	return c, err
}

func (d *tinyLeaseDeduper) Renew(context.Context, string, string) error {
	d.renewed.Add(1)
	return nil
}

// TestHandlerTinyLeaseDoesNotPanic: a Deduper granting a lease under 3 ns
// made the renewal goroutine call time.NewTicker(0), a panic no recover
// reaches, which killed the process. The period is clamped instead.
func TestHandlerTinyLeaseDoesNotPanic(t *testing.T) {
	t.Parallel()
	for _, lease := range []time.Duration{1, 2} {
		d := &tinyLeaseDeduper{fakeDeduper: fakeDeduper{status: Claimed}, lease: lease}
		h := NewHandler([]string{testKey}, func(context.Context, *Event) error {
			// Run until the claim was renewed once (the ticker fired).
			for deadline := time.Now().Add(5 * time.Second); d.renewed.Load() == 0 && time.Now().Before(deadline); {
				time.Sleep(time.Millisecond)
			}
			return nil
		}, WithDeduper(d))
		w := httptest.NewRecorder()
		h.ServeHTTP(w, newSignedTestRequest(t, readFixture(t, "record_new_employee.json"), testKey))
		assert.Equal(t, http.StatusOK, w.Code)
		assert.Equal(t, []bool{true}, d.finished)
		assert.Positive(t, d.renewed.Load(), "the claim is still renewed, at the clamped period")
	}
}

func TestHandlerCallbackTimeout(t *testing.T) {
	t.Parallel()
	var deadline time.Time
	h := NewHandler([]string{testKey}, func(ctx context.Context, _ *Event) error {
		deadline, _ = ctx.Deadline()
		<-ctx.Done()
		return ctx.Err()
	}, WithCallbackTimeout(50*time.Millisecond), WithCallbackTimeout(-1), WithCallbackTimeout(40*time.Millisecond))
	req := newSignedTestRequest(t, readFixture(t, "record_new_employee.json"), testKey)
	start := time.Now()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	end := time.Now()
	assert.Equal(t, http.StatusInternalServerError, w.Code)
	// The last option wins: the deadline is 40ms after the callback started.
	assert.False(t, deadline.Before(start.Add(40*time.Millisecond)), "deadline %v before start+40ms", deadline.Sub(start))
	assert.False(t, deadline.After(end), "deadline after the handler returned")

	// Without the option the callback has no deadline of its own.
	var has bool
	h = NewHandler([]string{testKey}, func(ctx context.Context, _ *Event) error {
		_, has = ctx.Deadline()
		return nil
	})
	w = httptest.NewRecorder()
	h.ServeHTTP(w, newSignedTestRequest(t, readFixture(t, "record_new_employee.json"), testKey))
	assert.Equal(t, http.StatusOK, w.Code)
	assert.False(t, has)
}
