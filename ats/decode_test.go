package ats

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/basemodel"
)

func TestDecodeJob(t *testing.T) {
	t.Parallel()
	j, err := DecodeJob(fixture(t, "job_event_data.json"))
	require.NoError(t, err)

	assert.Equal(t, "job-42", j.Info.ID)
	assert.Equal(t, JobStatus("ON_HOLD"), j.Info.Status, "unknown status kept as sent")
	require.NotNil(t, j.Info.Confidential)
	assert.True(t, *j.Info.Confidential)
	created, ok := j.Info.CreatedAt.Time()
	require.True(t, ok, "date-only decodes")
	assert.Equal(t, "2024-01-02", created.Format("2006-01-02"))
	updated, ok := j.Info.UpdatedAt.Time()
	require.True(t, ok, "epoch millis decode")
	assert.Equal(t, 2023, updated.Year())
	assert.Equal(t, []Department{{ID: "d7", Name: "Data"}}, j.Departments)
	assert.Empty(t, j.Offices)
	assert.NotNil(t, j.Offices, "[] stays an empty list")
	assert.Nil(t, j.Recruiters)
	assert.Equal(t, []basemodel.User{{ID: "hm7"}}, j.HiringManagers)

	// Models without a documented shape are kept verbatim.
	assert.JSONEq(t, `{"status":"on_hold","description":"raw html"}`, string(j.RawValues))
	assert.JSONEq(t, `[{"id":"p1","url":"https://board.example/p1"}]`, string(j.Posts))
	assert.JSONEq(t, `{"salary":{"min":100000,"max":150000,"currency":"USD"}}`, string(j.Compensation))
	assert.Contains(t, string(j.Questions), `"YES_NO"`)
	assert.JSONEq(t, `{"skills":["SQL","Go"]}`, string(j.Requirements))
	assert.JSONEq(t, `{"employmentType":"FULL_TIME","workArrangement":"REMOTE"}`, string(j.InfoEnhanced))

	// Re-encoding keeps the raw models.
	b, err := json.Marshal(j)
	require.NoError(t, err)
	again, err := DecodeJob(b)
	require.NoError(t, err)
	assert.Equal(t, j.Info, again.Info)
	assert.JSONEq(t, string(j.Compensation), string(again.Compensation))
}

func TestDecodeApplication(t *testing.T) {
	t.Parallel()
	a, err := DecodeApplication(fixture(t, "application_event_data.json"))
	require.NoError(t, err)

	assert.Equal(t, "app-77", a.Info.ID)
	assert.Equal(t, ApplicationStatusRejected, a.Info.Status)
	assert.Equal(t, OriginExternal, a.Info.Origin)
	assert.Equal(t, "job-42", a.Info.JobID)
	assert.Nil(t, a.Info.Candidate.Phones)
	assert.Equal(t, "Technical interview", a.CurrentStage.Text)
	require.Len(t, a.Interviews, 1)
	iv := a.Interviews[0]
	assert.Equal(t, InterviewStatus("COMPLETED"), iv.Status)
	start, ok := iv.ScheduledStart.Time()
	require.True(t, ok)
	assert.Equal(t, 14, start.Hour())
	require.Len(t, iv.Interviewers, 3)
	assert.Equal(t, "int@example.com", iv.Interviewers[0].Email, "object interviewer")
	assert.Equal(t, "u4", iv.Interviewers[1].ID, "bare ID interviewer")
	assert.Equal(t, Interviewer{}, iv.Interviewers[2], "null interviewer")
	assert.Equal(t, "Not a fit", a.Rejection.Text)
	assert.Empty(t, a.Offers)
	require.Len(t, a.Attachments, 1)
	assert.JSONEq(t, `{"url":"https://files.example/cv.pdf"}`, string(a.Attachments[0]))
}

func TestDecodeApplicationDocsSkeleton(t *testing.T) {
	t.Parallel()
	// The record.new example of Knit's syncing-applications page.
	a, err := DecodeApplication([]byte(`{"info":{},"currentStage":{},"interviews":[],"rejection":{},"offers":[],"attachments":[]}`))
	require.NoError(t, err)
	assert.Empty(t, a.Info.ID)
	assert.True(t, a.CurrentStage.IsZero())
	assert.True(t, a.Rejection.IsZero())
}

func TestDecodeCandidate(t *testing.T) {
	t.Parallel()
	c, err := DecodeCandidate(fixture(t, "candidate_event_data.json"))
	require.NoError(t, err)

	assert.Equal(t, "cand-5", c.Info.ID)
	assert.Equal(t, "Senior Engineer", c.Info.Title)
	assert.Equal(t, "Acme", c.Info.Company)
	assert.Equal(t, []string{"Go", "Remote"}, c.Info.Tags)
	assert.Equal(t, []string{"app-1", "app-2"}, c.Info.Applications)
	assert.Equal(t, basemodel.PhoneTypeSkype, c.Info.Phones[0].Type)
	require.Len(t, c.Education, 1)
	assert.Equal(t, "Computer Science", c.Education[0].Major)
	require.NotNil(t, c.Education[0].CurrentlyPursuing)
	assert.False(t, *c.Education[0].CurrentlyPursuing)
	assert.JSONEq(t, `[{"city":"Bengaluru","country":"IN"}]`, string(c.Locations))
	assert.JSONEq(t, `[{"name":"Go","proficiency":"EXPERT"}]`, string(c.Skills))
	assert.Contains(t, string(c.Experiences), `"Acme"`)
	require.Len(t, c.Attachments, 1)
}

func TestDecodeCandidateNullLists(t *testing.T) {
	t.Parallel()
	c, err := DecodeCandidate(fixture(t, "candidate_null_lists.json"))
	require.NoError(t, err)
	assert.Equal(t, "cand-6", c.Info.ID)
	assert.Nil(t, c.Info.Phones)
	assert.Nil(t, c.Info.Tags)
	assert.Nil(t, c.Education, `{"education": null} decodes`)
	assert.Nil(t, c.Attachments)

	wrapped, err := DecodeCandidate([]byte(`{"education":{"education":[{"degree":"MSc"}]}}`))
	require.NoError(t, err)
	assert.Equal(t, EducationList{{Degree: "MSc"}}, wrapped.Education)
}

func TestDecodeMissingModels(t *testing.T) {
	t.Parallel()
	j, err := DecodeJob([]byte(`{}`))
	require.NoError(t, err)
	assert.Equal(t, Job{}, *j)
	a, err := DecodeApplication([]byte(` {"unknown": [1, 2]} `))
	require.NoError(t, err)
	assert.Empty(t, a.Info.ID)
	_, err = DecodeCandidate([]byte(`{"info":{"id":"c"}}`))
	require.NoError(t, err)
}

func TestDecodeRejectsNonObjects(t *testing.T) {
	t.Parallel()
	decoders := map[string]func([]byte) error{
		"ats.Job":         func(b []byte) error { _, err := DecodeJob(b); return err },
		"ats.Application": func(b []byte) error { _, err := DecodeApplication(b); return err },
		"ats.Candidate":   func(b []byte) error { _, err := DecodeCandidate(b); return err },
	}
	inputs := []string{``, `null`, `[]`, `"info"`, `42`, `{"info":`, `{"info":{"id":7}}`, "\xff\xfe"}
	for name, decode := range decoders {
		for _, in := range inputs {
			err := decode([]byte(in))
			require.Error(t, err, "%s(%q)", name, in)
			assert.Contains(t, err.Error(), name, "%s(%q)", name, in)
		}
	}
}

func TestModelIDs(t *testing.T) {
	t.Parallel()
	assert.Len(t, JobModels(), 12)
	assert.Contains(t, JobModels(), "job_info_enhanced")
	assert.Len(t, ApplicationModels(), 6)
	assert.Contains(t, ApplicationModels(), "application_stage")
	assert.Len(t, CandidateModels(), 6)
	assert.Equal(t, "job_info", ModelJobInfo)
	assert.Equal(t, "ats_jobs", DataTypeJobs)
	assert.Equal(t, "ats_applications", DataTypeApplications)
	assert.Equal(t, "ats_candidates", DataTypeCandidates)
}

// Knit's job_info table (developers.getknit.dev/reference/job-data-models)
// names isConfidential and jobCodes and the statuses OPEN, CLOSED, DRAFT,
// NOT_SPECIFIED.
func TestDecodeJobInfoKnitKeys(t *testing.T) {
	t.Parallel()
	j, err := DecodeJob([]byte(`{"info":{"id":"j1","status":"DRAFT","isConfidential":true,"jobCodes":["ENG-7"]}}`))
	require.NoError(t, err)
	require.NotNil(t, j.Info.Confidential)
	assert.True(t, *j.Info.Confidential)
	assert.JSONEq(t, `["ENG-7"]`, string(j.Info.JobCodes))
	assert.Equal(t, JobStatusDraft, j.Info.Status)

	j, err = DecodeJob([]byte(`{"info":{"id":"j2","status":"CLOSED","isConfidential":null}}`))
	require.NoError(t, err)
	assert.Nil(t, j.Info.Confidential, "null: the app does not say")
	assert.Equal(t, JobStatusClosed, j.Info.Status)

	j, err = DecodeJob([]byte(`{"info":{"id":"j3"}}`))
	require.NoError(t, err)
	assert.Nil(t, j.Info.Confidential)
	assert.Nil(t, j.Info.JobCodes)

	out, err := json.Marshal(JobInfo{ID: "j4", Confidential: new(bool)})
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":"j4","isConfidential":false}`, string(out))

	_, err = DecodeJob([]byte(`{"info":{"id":"j5","isConfidential":"yes"}}`))
	require.Error(t, err)
}
