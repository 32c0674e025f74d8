package webhook

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type hookKey string

// hookRecorder is a DeliveryHook that records each end.
type hookRecorder struct {
	name   string
	events *[]string
	ends   []DeliveryEnd
}

func (h *hookRecorder) hook(ctx context.Context, r *http.Request) (context.Context, func(DeliveryEnd)) {
	if h.events != nil {
		*h.events = append(*h.events, "start "+h.name)
	}
	return context.WithValue(ctx, hookKey(h.name), r.Method), func(e DeliveryEnd) {
		if h.events != nil {
			*h.events = append(*h.events, "end "+h.name)
		}
		h.ends = append(h.ends, e)
	}
}

// ctxDeduper is a Deduper that checks the hook's context reaches it.
type ctxDeduper struct {
	Deduper
	sawHook bool
}

func (d *ctxDeduper) Begin(ctx context.Context, id string) (Claim, error) {
	d.sawHook = ctx.Value(hookKey("h")) != nil
	return d.Deduper.Begin(ctx, id)
}

func TestDeliveryHookOutcomes(t *testing.T) {
	t.Parallel()
	payload := readFixture(t, "record_new_employee.json")
	slowOK := func(context.Context, *Event) error { time.Sleep(2 * time.Millisecond); return nil }
	signed := func(body []byte, key string) *http.Request {
		req, err := NewSignedRequest(context.Background(), "http://receiver.example/knit", body, key)
		require.NoError(t, err)
		return req
	}
	tests := []struct {
		name        string
		keys        []string
		fn          HandlerFunc
		opts        []HandlerOption
		requests    []*http.Request // the last one is checked
		want        Outcome
		status      int
		hasEvent    bool
		hasErr      bool
		ranCallback bool
	}{
		{name: "processed", keys: []string{testKey}, fn: slowOK, requests: []*http.Request{signed(payload, testKey)},
			want: OutcomeProcessed, status: 200, hasEvent: true, ranCallback: true},
		{name: "duplicate", keys: []string{testKey}, fn: slowOK, requests: []*http.Request{signed(payload, testKey), signed(payload, testKey)},
			want: OutcomeDuplicate, status: 200, hasEvent: true},
		{name: "in progress", keys: []string{testKey}, fn: slowOK, opts: []HandlerOption{WithDeduper(&fakeDeduper{status: InProgress})},
			requests: []*http.Request{signed(payload, testKey)}, want: OutcomeInProgress, status: 409, hasEvent: true},
		{name: "signature rejected", keys: []string{testKey}, fn: slowOK, requests: []*http.Request{signed(payload, "attacker")},
			want: OutcomeSignatureRejected, status: 401, hasErr: true},
		{name: "malformed", keys: []string{testKey}, fn: slowOK, requests: []*http.Request{signed([]byte(`{"eventId":`), testKey)},
			want: OutcomeMalformed, status: 400, hasErr: true},
		{name: "too large", keys: []string{testKey}, fn: slowOK, opts: []HandlerOption{WithMaxBodyBytes(16)},
			requests: []*http.Request{signed(payload, testKey)}, want: OutcomePayloadTooLarge, status: 413, hasErr: true},
		{name: "method not allowed", keys: []string{testKey}, fn: slowOK,
			requests: []*http.Request{httptest.NewRequest(http.MethodGet, "http://receiver.example/knit", http.NoBody)},
			want:     OutcomeMethodNotAllowed, status: 405},
		{name: "callback failed", keys: []string{testKey},
			fn:       func(context.Context, *Event) error { time.Sleep(2 * time.Millisecond); return errors.New("db down") },
			requests: []*http.Request{signed(payload, testKey)}, want: OutcomeCallbackFailed, status: 500, hasEvent: true, hasErr: true, ranCallback: true},
		{name: "callback panicked", keys: []string{testKey},
			fn:       func(context.Context, *Event) error { time.Sleep(2 * time.Millisecond); panic("nil map") },
			requests: []*http.Request{signed(payload, testKey)}, want: OutcomeCallbackPanicked, status: 500, hasEvent: true, hasErr: true, ranCallback: true},
		{name: "deduper failed", keys: []string{testKey}, fn: slowOK, opts: []HandlerOption{WithDeduper(&fakeDeduper{beginErr: errors.New("redis down")})},
			requests: []*http.Request{signed(payload, testKey)}, want: OutcomeDeduperFailed, status: 500, hasEvent: true, hasErr: true},
		{name: "misconfigured", keys: nil, fn: slowOK, requests: []*http.Request{signed(payload, testKey)},
			want: OutcomeMisconfigured, status: 500, hasErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rec := &hookRecorder{name: "h"}
			h := NewHandler(tt.keys, tt.fn, append(tt.opts, WithDeliveryHook(rec.hook))...)
			for _, req := range tt.requests {
				h.ServeHTTP(httptest.NewRecorder(), req)
			}
			require.Len(t, rec.ends, len(tt.requests))
			e := rec.ends[len(rec.ends)-1]
			assert.Equal(t, tt.want, e.Outcome)
			assert.Equal(t, tt.status, e.StatusCode)
			assert.Equal(t, tt.hasEvent, e.Event != nil, "event")
			if tt.hasEvent {
				assert.NotEmpty(t, e.Event.EventID)
			}
			assert.Equal(t, tt.hasErr, e.Err != nil, "error: %v", e.Err)
			if tt.ranCallback {
				assert.GreaterOrEqual(t, e.CallbackDuration, 2*time.Millisecond)
			} else {
				assert.Zero(t, e.CallbackDuration)
			}
			assert.GreaterOrEqual(t, e.Duration, e.CallbackDuration)
		})
	}
}

func TestDeliveryHookContextParentsCallbackAndDeduper(t *testing.T) {
	t.Parallel()
	payload := readFixture(t, "record_new_employee.json")
	var events []string
	a, b := &hookRecorder{name: "h", events: &events}, &hookRecorder{name: "b", events: &events}
	var seen []any
	fn := func(ctx context.Context, _ *Event) error {
		events = append(events, "callback")
		seen = append(seen, ctx.Value(hookKey("h")), ctx.Value(hookKey("b")))
		return nil
	}
	mem, err := NewMemoryDeduper(MemoryDeduperConfig{})
	require.NoError(t, err)
	d := &ctxDeduper{Deduper: mem}
	h := NewHandler([]string{testKey}, fn, WithDeduper(d), WithDeliveryHook(a.hook), WithDeliveryHook(nil), WithDeliveryHook(b.hook))
	req, err := NewSignedRequest(context.Background(), "http://receiver.example/knit", payload, testKey)
	require.NoError(t, err)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	assert.Equal(t, http.StatusOK, w.Code)
	assert.Equal(t, []string{"start h", "start b", "callback", "end b", "end h"}, events)
	assert.Equal(t, []any{http.MethodPost, http.MethodPost}, seen)
	assert.True(t, d.sawHook, "the deduper runs under the hook's context")
}

func TestOutcomeOfUnknownText(t *testing.T) {
	t.Parallel()
	assert.Equal(t, Outcome("lease_lost"), outcomeOf("lease lost"))
	assert.Equal(t, OutcomeProcessedClaimLost, outcomeOf("processed (claim lost)"))
}
