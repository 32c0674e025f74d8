package webhook_test

import (
	"context"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/ats"
	"github.com/knit-sdk/knit-go/knittest"
	"github.com/knit-sdk/knit-go/webhook"
)

// TestPlaygroundSyncs receives an initial and a delta ats_jobs sync from the
// knittest fake Knit API through NewHandler: every delivery is verified,
// decoded with Event.Job and acknowledged once.
func TestPlaygroundSyncs(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv := knittest.NewServer(knittest.WithT(t))
	client, err := srv.Client()
	require.NoError(t, err)
	id, err := srv.Connect(knittest.ConnectParams{OriginOrgID: "org-hook", Category: knit.CategoryATS})
	require.NoError(t, err)

	var mu sync.Mutex
	seen := map[webhook.EventType][]string{}
	record := func(_ context.Context, ev *webhook.Event) error {
		mu.Lock()
		defer mu.Unlock()
		if ev.IntegrationID != id {
			t.Errorf("event %s for integration %q, want %q", ev.EventID, ev.IntegrationID, id)
		}
		if ev.EventType.IsRecord() && ev.EventType != webhook.EventRecordDeleted {
			job, err := ev.Job()
			if err != nil {
				return err
			}
			seen[ev.EventType] = append(seen[ev.EventType], job.Info.Title)
			return nil
		}
		seen[ev.EventType] = append(seen[ev.EventType], ev.RecordID)
		return nil
	}
	router := webhook.NewRouter()
	router.OnRecord(ats.DataTypeJobs, record)
	router.Default(record)
	hook := httptest.NewServer(webhook.NewHandler([]string{srv.APIKey()}, router.Handle))
	t.Cleanup(hook.Close)
	require.NoError(t, srv.SetWebhookURL(knit.CategoryATS, hook.URL))

	in := client.Integration(id)
	run := func(st knit.SyncType) {
		t.Helper()
		job, err := in.Sync.Start(ctx, &knit.SyncStartParams{DataType: ats.DataTypeJobs, SyncType: st})
		require.NoError(t, err)
		require.NoError(t, srv.WaitForSync(ctx, job.SyncRunID))
		res, ok := srv.SyncResult(job.SyncRunID)
		require.True(t, ok)
		require.NoError(t, res.Err)
		assert.Equal(t, res.Events, res.Delivered)
		assert.Empty(t, res.Failed)
	}

	run(knit.SyncTypeInitial)
	mu.Lock()
	assert.Len(t, seen[webhook.EventRecordNew], len(srv.Jobs()))
	assert.Len(t, seen[webhook.EventSyncEventsProcessed], 1)
	assert.Len(t, seen[webhook.EventSyncEventsAllConsumed], 1)
	mu.Unlock()

	jobs := srv.Jobs()
	require.NoError(t, srv.PatchRecord("jobs", jobs[0].Info.ID, []byte(`{"info":{"title":"Principal Engineer"}}`)))
	require.NoError(t, srv.DeleteRecord("jobs", jobs[1].Info.ID))
	run(knit.SyncTypeDelta)
	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, []string{"Principal Engineer"}, seen[webhook.EventRecordModified])
	assert.Equal(t, []string{jobs[1].Info.ID}, seen[webhook.EventRecordDeleted])
}
