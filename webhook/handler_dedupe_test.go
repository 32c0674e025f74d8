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

	"github.com/stretchr/testify/assert"
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

func (f *fakeDeduper) Begin(context.Context, string) (ClaimStatus, error) {
	return f.status, f.beginErr
}

func (f *fakeDeduper) Finish(_ context.Context, _ string, success bool) error {
	f.mu.Lock()
	defer f.mu.Unlock()
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
		{name: "finish fails after success: still 200", d: &fakeDeduper{status: Claimed, finishErr: errors.New("redis down")}, want: http.StatusOK, wantCalls: 1, wantFinished: []bool{true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var calls atomic.Int32
			var logs bytes.Buffer
			h := NewHandler([]string{testKey}, func(context.Context, *Event) error {
				calls.Add(1)
				return tt.fnErr
			}, WithDeduper(tt.d), WithLogger(slog.New(slog.NewJSONHandler(&logs, nil))))
			w := httptest.NewRecorder()
			h.ServeHTTP(w, newSignedTestRequest(t, payload, testKey))
			assert.Equal(t, tt.want, w.Code)
			assert.Equal(t, tt.wantCalls, calls.Load())
			assert.Equal(t, tt.wantFinished, tt.d.finished)
			if tt.d.finishErr != nil {
				assert.Contains(t, logs.String(), "failed to record the outcome")
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
