package webhook

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// knitDoc parses a fixture copied from Knit's docs pages; testdata/knitdocs/
// README.md names the page of each.
func knitDoc(t *testing.T, name string) *Event {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "knitdocs", name))
	require.NoError(t, err)
	ev, err := Parse(b)
	require.NoError(t, err)
	return ev
}

func TestKnitDocsEmployeeSkeleton(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"employee_record_new.json", "employee_record_modified.json"} {
		ev := knitDoc(t, name)
		assert.Equal(t, "e_123sadasdasda", ev.EventID)
		assert.Equal(t, "employee", ev.SyncDataType)
		assert.Equal(t, "123", ev.RecordID)
		emp, err := ev.Employee()
		require.NoError(t, err, "Knit's own example: dependents {} and bankAccountDetails {}")
		require.NotNil(t, emp.Profile)
		require.NotNil(t, emp.OrgStructure)
		require.NotNil(t, emp.Locations)
		require.NotNil(t, emp.ContactInfo)
		assert.Empty(t, emp.Dependents)
		assert.Empty(t, emp.BankAccounts)
	}
}

func TestKnitDocsDeleted(t *testing.T) {
	t.Parallel()
	ev := knitDoc(t, "employee_record_deleted.json")
	assert.True(t, ev.IsDeleted())
	assert.Equal(t, "omLAR353IjXZ4Mt", ev.RecordID)
	del, err := ev.DeletedEmployee()
	require.NoError(t, err)
	assert.Equal(t, "omLAR353IjXZ4Mt", del.EmployeeID)
	assert.Equal(t, "[email protected]", del.WorkEmail)
	_, err = ev.Employee()
	require.ErrorIs(t, err, ErrDeletedRecord, "a deletion is not an empty employee")
	assert.Contains(t, err.Error(), "Event.DeletedEmployee")
	_, err = ev.DeletedJob()
	require.ErrorIs(t, err, ErrDataTypeMismatch)

	job := knitDoc(t, "jobs_record_deleted.json")
	dj, err := job.DeletedJob()
	require.NoError(t, err)
	assert.Empty(t, dj.JobID, "Knit's example leaves jobId empty")
	assert.Equal(t, "123", job.RecordID)
	_, err = job.Job()
	require.ErrorIs(t, err, ErrDeletedRecord)

	app := knitDoc(t, "applications_record_deleted.json")
	da, err := app.DeletedApplication()
	require.NoError(t, err)
	assert.Empty(t, *da)
	_, err = app.Application()
	require.ErrorIs(t, err, ErrDeletedRecord)

	_, err = knitDoc(t, "jobs_record_new.json").DeletedJob()
	require.ErrorIs(t, err, ErrNotDeletedEvent)
}

func TestKnitDocsRecordSkeletons(t *testing.T) {
	t.Parallel()
	job, err := knitDoc(t, "jobs_record_new.json").Job()
	require.NoError(t, err)
	assert.Empty(t, job.Info.ID)
	assert.Empty(t, job.Departments)
	app, err := knitDoc(t, "applications_record_new.json").Application()
	require.NoError(t, err)
	assert.Empty(t, app.Info.ID)
}

func TestKnitDocsSyncRun(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"jobs_sync_events_processed.json", "applications_sync_events_processed.json"} {
		ev := knitDoc(t, name)
		assert.Equal(t, EventSyncEventsProcessed, ev.EventType)
		assert.Equal(t, "sn_agQO87vjVs6tMe9CEsPkBk", ev.SyncRunID)
		assert.Empty(t, ev.RecordID, "Knit's example has no recordId")
		run, err := ev.SyncRun()
		require.NoError(t, err)
		assert.Equal(t, SyncRun{
			Status: "processed", Processed: 200, Emitted: 0,
			StartedAt:   time.UnixMilli(1676292064383).UTC(),
			ProcessedAt: time.UnixMilli(1676292068616).UTC(),
			Complete:    false,
		}, *run)
		_, err = ev.Employee()
		require.ErrorIs(t, err, ErrNotRecordEvent)
	}

	ev := knitDoc(t, "jobs_sync_events_allConsumed.json")
	assert.Equal(t, EventSyncEventsAllConsumed, ev.EventType)
	run, err := ev.SyncRun()
	require.NoError(t, err)
	assert.Equal(t, "completed", run.Status)
	assert.EqualValues(t, 200, run.Processed)
	assert.EqualValues(t, 200, run.Emitted)
	assert.EqualValues(t, 200, run.Consumed)

	_, err = knitDoc(t, "jobs_record_new.json").SyncRun()
	require.ErrorIs(t, err, ErrNotSyncRunEvent)
}

func TestSyncRunMalformed(t *testing.T) {
	t.Parallel()
	for _, data := range []string{`[]`, `"x"`, `{"processed":"many"}`, `{"complete":"yes"}`} {
		ev := &Event{EventID: "e1", EventType: EventSyncEventsProcessed, EventData: []byte(data)}
		_, err := ev.SyncRun()
		require.ErrorIs(t, err, ErrMalformedPayload, data)
	}
	ev := &Event{EventID: "e1", EventType: EventSyncEventsProcessed, EventData: []byte(`{"startedAt":"soon","processedAt":1676292068616}`)}
	run, err := ev.SyncRun()
	require.NoError(t, err)
	assert.True(t, run.StartedAt.IsZero(), "unparsable time stays zero")
	assert.Equal(t, time.UnixMilli(1676292068616).UTC(), run.ProcessedAt, "a number is accepted too")
}
