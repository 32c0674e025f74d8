package webhook

import (
	"bytes"
	"context"
	"errors"
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

// blinkingDeduper is a MemoryDeduper whose Finish fails with a store error
// while the store is "down"; Renew keeps working unless renewDown is set.
type blinkingDeduper struct {
	*MemoryDeduper
	mu        sync.Mutex
	down      bool
	renewDown bool
	finishes  int
	renewals  atomic.Int32
}

var errStoreDown = errors.New("store: connection refused")

func (b *blinkingDeduper) setDown(v bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.down = v
}

func (b *blinkingDeduper) Finish(ctx context.Context, id, token string, success bool) error {
	b.mu.Lock()
	b.finishes++
	down := b.down
	b.mu.Unlock()
	if down {
		return errStoreDown
	}
	return b.MemoryDeduper.Finish(ctx, id, token, success)
}

func (b *blinkingDeduper) Renew(ctx context.Context, id, token string) error {
	b.mu.Lock()
	down := b.down && b.renewDown
	b.mu.Unlock()
	if down {
		return errStoreDown
	}
	b.renewals.Add(1)
	return b.MemoryDeduper.Renew(ctx, id, token)
}

// TestHandlerFinishSurvivesBlink: the store fails Finish for three leases
// after the callback succeeded. The handler retries Finish and renews the
// claim meanwhile, so a concurrent copy is answered 409 throughout, the
// event is recorded once the store is back, and the callback ran once. The
// delivery hook and the log report the retries.
func TestHandlerFinishSurvivesBlink(t *testing.T) {
	t.Parallel()
	const lease = 400 * time.Millisecond // renewed every 133ms, even on a loaded machine
	mem, err := NewMemoryDeduper(MemoryDeduperConfig{Lease: lease})
	require.NoError(t, err)
	d := &blinkingDeduper{MemoryDeduper: mem}
	var calls atomic.Int32
	var logs bytes.Buffer
	var ends []DeliveryEnd
	var endsMu sync.Mutex
	h := NewHandler([]string{testKey}, func(context.Context, *Event) error {
		calls.Add(1)
		d.setDown(true) // the store blinks right after the effect
		return nil
	}, WithDeduper(d), WithFinishRetry(5*time.Second), WithLogger(slog.New(slog.NewJSONHandler(&logs, nil))),
		WithDeliveryHook(func(ctx context.Context, _ *http.Request) (context.Context, func(DeliveryEnd)) {
			return ctx, func(e DeliveryEnd) {
				endsMu.Lock()
				ends = append(ends, e)
				endsMu.Unlock()
			}
		}))
	payload := readFixture(t, "record_new_employee.json")
	first := make(chan int)
	req := newSignedTestRequest(t, payload, testKey)
	go func() {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		first <- w.Code
	}()
	deadline := time.Now().Add(3 * lease)
	copies := 0
	for time.Now().Before(deadline) {
		if calls.Load() == 0 {
			time.Sleep(time.Millisecond)
			continue
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, newSignedTestRequest(t, payload, testKey))
		assert.Equal(t, http.StatusConflict, w.Code, "the renewed claim holds during the outage")
		copies++
		time.Sleep(lease / 4)
	}
	d.setDown(false)
	assert.Equal(t, http.StatusOK, <-first)
	assert.Positive(t, copies)
	assert.Positive(t, d.renewals.Load(), "the claim was renewed while Finish was retried")

	w := httptest.NewRecorder()
	h.ServeHTTP(w, newSignedTestRequest(t, payload, testKey))
	assert.Equal(t, http.StatusOK, w.Code)
	assert.Equal(t, bodyDuplicate, w.Body.String(), "recorded once the store was back")
	assert.EqualValues(t, 1, calls.Load())

	endsMu.Lock()
	defer endsMu.Unlock()
	var processed *DeliveryEnd
	for i := range ends {
		if ends[i].Outcome == OutcomeProcessed {
			processed = &ends[i]
		}
	}
	require.NotNil(t, processed)
	assert.Positive(t, processed.FinishRetries)
	require.NoError(t, processed.Err)
	assert.Contains(t, logs.String(), "failed to record the outcome; retrying")
	assert.Contains(t, logs.String(), "recorded the outcome after retrying")
	assert.Contains(t, logs.String(), `"finish_retries":`)
}

// TestHandlerFinishGivesUpAfterBound: a store that stays down past the
// bound (the lease, here longer than WithFinishRetry) makes the handler
// answer 200 (the work is done), report OutcomeProcessedNotRecorded with
// the store's error and log it at Error level; it took about the bound.
func TestHandlerFinishGivesUpAfterBound(t *testing.T) {
	t.Parallel()
	const lease = 150 * time.Millisecond
	mem, err := NewMemoryDeduper(MemoryDeduperConfig{Lease: lease})
	require.NoError(t, err)
	d := &blinkingDeduper{MemoryDeduper: mem, down: true, renewDown: true}
	var logs bytes.Buffer
	var end DeliveryEnd
	h := NewHandler([]string{testKey}, func(context.Context, *Event) error { return nil },
		WithDeduper(d), WithFinishRetry(time.Millisecond), WithLogger(slog.New(slog.NewJSONHandler(&logs, nil))),
		WithDeliveryHook(func(ctx context.Context, _ *http.Request) (context.Context, func(DeliveryEnd)) {
			return ctx, func(e DeliveryEnd) { end = e }
		}))
	start := time.Now()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, newSignedTestRequest(t, readFixture(t, "record_new_employee.json"), testKey))
	took := time.Since(start)
	assert.Equal(t, http.StatusOK, w.Code)
	assert.Equal(t, OutcomeProcessedNotRecorded, end.Outcome)
	require.ErrorIs(t, end.Err, errStoreDown)
	assert.Positive(t, end.FinishRetries)
	assert.GreaterOrEqual(t, took, lease, "retried for the lease, not WithFinishRetry's shorter bound")
	assert.Less(t, took, lease+2*time.Second)
	assert.Contains(t, logs.String(), "giving up")
	assert.Contains(t, logs.String(), `"level":"ERROR"`)
}

// TestHandlerFinishRetryFindsClaimGone: when the lease passed during the
// outage, the retried Finish says the claim is gone: logged and reported as
// OutcomeProcessedClaimLost, still 200.
func TestHandlerFinishRetryFindsClaimGone(t *testing.T) {
	t.Parallel()
	const lease = 40 * time.Millisecond
	mem, err := NewMemoryDeduper(MemoryDeduperConfig{Lease: lease})
	require.NoError(t, err)
	d := &blinkingDeduper{MemoryDeduper: mem, renewDown: true}
	var logs bytes.Buffer
	var end DeliveryEnd
	h := NewHandler([]string{testKey}, func(context.Context, *Event) error {
		d.setDown(true)
		go func() {
			time.Sleep(3 * lease) // longer than the lease: the claim expires
			d.setDown(false)
		}()
		return nil
	}, WithDeduper(d), WithFinishRetry(10*lease), WithLogger(slog.New(slog.NewJSONHandler(&logs, nil))),
		WithDeliveryHook(func(ctx context.Context, _ *http.Request) (context.Context, func(DeliveryEnd)) {
			return ctx, func(e DeliveryEnd) { end = e }
		}))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, newSignedTestRequest(t, readFixture(t, "record_new_employee.json"), testKey))
	assert.Equal(t, http.StatusOK, w.Code)
	assert.Equal(t, OutcomeProcessedClaimLost, end.Outcome)
	assert.Positive(t, end.FinishRetries)
	assert.Contains(t, logs.String(), "claim was gone when Finish was retried")
}
