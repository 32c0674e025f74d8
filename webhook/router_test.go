package webhook

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRouter(t *testing.T) {
	t.Parallel()
	var got []string
	mark := func(name string) HandlerFunc {
		return func(context.Context, *Event) error {
			got = append(got, name)
			return nil
		}
	}
	r := NewRouter()
	r.OnRecord("employee", mark("employee"))
	r.OnRecord("ats_jobs", mark("jobs"))
	r.OnEvent(EventSyncEventsProcessed, mark("processed"))
	r.OnEvent(EventRecordDeleted, mark("deleted"))
	r.Default(mark("default"))

	tests := []struct {
		ev   Event
		want string
	}{
		{ev: Event{EventType: EventRecordNew, SyncDataType: "employee"}, want: "employee"},
		{ev: Event{EventType: EventRecordModified, SyncDataType: "ats_jobs"}, want: "jobs"},
		{ev: Event{EventType: "record.archived", SyncDataType: "employee"}, want: "employee"},
		{ev: Event{EventType: EventRecordDeleted, SyncDataType: "employee"}, want: "deleted"},
		{ev: Event{EventType: EventSyncEventsProcessed, SyncDataType: "employee"}, want: "processed"},
		{ev: Event{EventType: EventSyncEventsAllConsumed, SyncDataType: "employee"}, want: "default"},
		{ev: Event{EventType: EventRecordNew, SyncDataType: "ats_candidates"}, want: "default"},
		{ev: Event{EventType: "brand.new"}, want: "default"},
	}
	for _, tt := range tests {
		got = nil
		require.NoError(t, r.Handle(context.Background(), &tt.ev))
		assert.Equal(t, []string{tt.want}, got, "%s/%s", tt.ev.EventType, tt.ev.SyncDataType)
	}
}

func TestRouterOnDeleted(t *testing.T) {
	t.Parallel()
	var got []string
	mark := func(name string) HandlerFunc {
		return func(context.Context, *Event) error {
			got = append(got, name)
			return nil
		}
	}
	r := NewRouter()
	r.OnRecord("employee", mark("employee"))
	r.OnDeleted("employee", mark("employee-deleted"))
	r.OnRecord("ats_jobs", mark("jobs"))
	tests := []struct {
		ev   Event
		want string
	}{
		{ev: Event{EventType: EventRecordNew, SyncDataType: "employee"}, want: "employee"},
		{ev: Event{EventType: EventRecordDeleted, SyncDataType: "employee"}, want: "employee-deleted"},
		{ev: Event{EventType: EventRecordDeleted, SyncDataType: "ats_jobs"}, want: "jobs"},
	}
	for _, tt := range tests {
		got = nil
		require.NoError(t, r.Handle(context.Background(), &tt.ev))
		assert.Equal(t, []string{tt.want}, got, "%s/%s", tt.ev.EventType, tt.ev.SyncDataType)
	}
	r.OnEvent(EventRecordDeleted, mark("all-deleted"))
	got = nil
	require.NoError(t, r.Handle(context.Background(), &Event{EventType: EventRecordDeleted, SyncDataType: "employee"}))
	assert.Equal(t, []string{"all-deleted"}, got, "OnEvent comes first")
	r.OnEvent(EventRecordDeleted, nil)
	r.OnDeleted("employee", nil)
	got = nil
	require.NoError(t, r.Handle(context.Background(), &Event{EventType: EventRecordDeleted, SyncDataType: "employee"}))
	assert.Equal(t, []string{"employee"}, got, "removed OnDeleted falls back to OnRecord")
}

func TestRouterUnmatchedSucceedsAndRemovals(t *testing.T) {
	t.Parallel()
	calls := 0
	fn := func(context.Context, *Event) error { calls++; return nil }
	r := NewRouter()
	ev := &Event{EventID: "e", EventType: EventRecordNew, SyncDataType: "employee"}
	require.NoError(t, r.Handle(context.Background(), ev), "nothing registered: acknowledged")

	r.OnRecord("employee", fn)
	require.NoError(t, r.Handle(context.Background(), ev))
	assert.Equal(t, 1, calls)
	r.OnRecord("employee", nil)
	r.OnEvent(EventRecordNew, fn)
	r.OnEvent(EventRecordNew, nil)
	r.Default(fn)
	r.Default(nil)
	require.NoError(t, r.Handle(context.Background(), ev))
	assert.Equal(t, 1, calls, "removed routes no longer match")

	assert.Error(t, r.Handle(context.Background(), nil))
}

func TestRouterPropagatesErrorsAndContext(t *testing.T) {
	t.Parallel()
	type key struct{}
	boom := errors.New("boom")
	r := NewRouter()
	r.OnRecord("ats_jobs", func(ctx context.Context, _ *Event) error {
		if ctx.Value(key{}) != "v" {
			return errors.New("context not passed")
		}
		return boom
	})
	ctx := context.WithValue(context.Background(), key{}, "v")
	err := r.Handle(ctx, &Event{EventType: EventRecordModified, SyncDataType: "ats_jobs"})
	assert.ErrorIs(t, err, boom)
}
