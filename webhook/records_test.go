package webhook

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func parseFixture(t *testing.T, name string) *Event {
	t.Helper()
	ev, err := Parse(readFixture(t, name))
	require.NoError(t, err)
	return ev
}

// callAccessors calls every typed accessor; FuzzParse uses it to check that
// none panics, whatever the event.
func callAccessors(ev *Event) {
	_, _ = ev.Employee()
	_, _ = ev.Job()
	_, _ = ev.Application()
	_, _ = ev.Candidate()
}

func TestEmployeeAccessor(t *testing.T) {
	t.Parallel()
	emp, err := parseFixture(t, "record_new_employee.json").Employee()
	require.NoError(t, err)
	require.NotNil(t, emp.Profile)
	assert.Equal(t, "emp_1", emp.Profile.ID)
	assert.Equal(t, "Ada", emp.Profile.FirstName)
	require.NotNil(t, emp.OrgStructure)
	assert.Equal(t, "R&D", emp.OrgStructure.Department)
}

func TestATSAccessors(t *testing.T) {
	t.Parallel()
	job, err := parseFixture(t, "record_modified_job.json").Job()
	require.NoError(t, err)
	assert.Equal(t, "job_9", job.Info.ID)
	assert.Equal(t, "Backend Engineer", job.Info.Title)
	require.Len(t, job.Departments, 1)
	assert.Equal(t, "Engineering", job.Departments[0].Name)
	assert.Empty(t, job.HiringManagers, "null list")

	app, err := parseFixture(t, "record_deleted_application.json").Application()
	require.NoError(t, err)
	assert.Equal(t, "app_1", app.Info.ID)
	assert.Equal(t, "cand_1", app.Info.Candidate.ID)
	assert.Equal(t, "job_9", app.Info.JobID)

	cand, err := parseFixture(t, "record_new_candidate.json").Candidate()
	require.NoError(t, err)
	assert.Equal(t, "cand_7", cand.Info.ID)
	assert.Equal(t, "Katherine", cand.Info.FirstName)
	require.Len(t, cand.Info.Emails, 1)
	assert.Equal(t, "kj@example.com", cand.Info.Emails[0].Email)
}

func TestAccessorChecks(t *testing.T) {
	t.Parallel()
	employee := parseFixture(t, "record_new_employee.json")
	job := parseFixture(t, "record_modified_job.json")
	processed := parseFixture(t, "sync_events_processed.json")

	_, err := employee.Job()
	require.ErrorIs(t, err, ErrDataTypeMismatch)
	assert.Contains(t, err.Error(), `"employee"`)
	assert.Contains(t, err.Error(), "ats.Job")
	_, err = job.Employee()
	require.ErrorIs(t, err, ErrDataTypeMismatch)
	_, err = job.Application()
	require.ErrorIs(t, err, ErrDataTypeMismatch)
	_, err = employee.Candidate()
	require.ErrorIs(t, err, ErrDataTypeMismatch)

	// A sync.* event of the right data type still carries no record.
	_, err = processed.Employee()
	require.ErrorIs(t, err, ErrNotRecordEvent)
	assert.Contains(t, err.Error(), "sync.events.processed")

	// Unknown event types and a missing syncDataType are given the benefit
	// of the doubt.
	ev, err := Parse([]byte(`{"eventId":"e","eventType":"record.restored","syncDataType":"employee","eventData":{"profile":{"id":"emp_5"}}}`))
	require.NoError(t, err)
	emp, err := ev.Employee()
	require.NoError(t, err)
	assert.Equal(t, "emp_5", emp.Profile.ID)
	ev, err = Parse([]byte(`{"eventId":"e","eventType":"record.new","eventData":{"info":{"id":"job_1"}}}`))
	require.NoError(t, err)
	j, err := ev.Job()
	require.NoError(t, err)
	assert.Equal(t, "job_1", j.Info.ID)
}

func TestAccessorBadEventData(t *testing.T) {
	t.Parallel()
	for _, data := range []string{`"text"`, `[1]`, `null`, `42`} {
		ev, err := Parse([]byte(`{"eventId":"e_bad","eventType":"record.new","syncDataType":"employee","eventData":` + data + `}`))
		require.NoError(t, err)
		_, err = ev.Employee()
		require.Error(t, err, data)
		assert.Contains(t, err.Error(), "e_bad", "the error names the event")
		assert.Contains(t, err.Error(), "hris.Employee")
	}
	ev, err := Parse([]byte(`{"eventId":"e_none","eventType":"record.new","syncDataType":"ats_jobs"}`))
	require.NoError(t, err)
	_, err = ev.Job()
	require.Error(t, err, "missing eventData")
	callAccessors(ev)
}
