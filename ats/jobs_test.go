package ats

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/apierror"
	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/internal/transport"
)

func TestJobsList(t *testing.T) {
	t.Parallel()
	c, f := serveJSON(t, http.StatusOK, fixture(t, "job_list_page.json"))

	page, err := c.Jobs.List(context.Background(), nil)
	require.NoError(t, err)

	r := f.last(t)
	assertCall(t, r, http.MethodGet, "ats.job.list")
	assert.Empty(t, r.Query, "the first page sends no pageToken")

	require.Len(t, page.Jobs, 2)
	assert.Equal(t, "tok-2", page.NextPageToken)
	j := page.Jobs[0]
	assert.Equal(t, "job-1", j.Info.ID)
	assert.Equal(t, "Frontend Engineer", j.Info.Title)
	assert.Equal(t, JobStatusOpen, j.Info.Status)
	require.NotNil(t, j.Info.Confidential)
	assert.False(t, *j.Info.Confidential)
	assert.Equal(t, "https://ats.example/jobs/1/apply", j.Info.ApplyURL)
	assert.True(t, j.Info.ClosedAt.IsZero())
	created, ok := j.Info.CreatedAt.Time()
	require.True(t, ok)
	assert.Equal(t, 2024, created.Year())
	assert.Equal(t, []Department{{ID: "d1", Name: "Engineering"}}, j.Departments)
	require.Len(t, j.Offices, 1)
	assert.Equal(t, "San Francisco", j.Offices[0].Location)
	assert.Equal(t, "US", j.Offices[0].Address.Country)
	assert.Equal(t, []basemodel.User{{ID: "hm1", Email: "hm@example.com", EmployeeID: "e1"}}, j.HiringManagers)
	assert.Equal(t, "rec@example.com", j.Recruiters[0].Email)
	assert.Equal(t, []Stage{{ID: "s1", Text: "Screen"}, {ID: "s2", Text: "Onsite"}}, j.Stages)

	// Null lists decode as nil.
	n := page.Jobs[1]
	assert.Equal(t, "job-9", n.Info.ID)
	assert.Nil(t, n.Info.Confidential)
	assert.Nil(t, n.Departments)
	assert.Nil(t, n.Offices)
	assert.Nil(t, n.HiringManagers)
	assert.Nil(t, n.Recruiters)
	assert.Nil(t, n.Stages)
}

func TestJobsListPageTokenAndExtra(t *testing.T) {
	t.Parallel()
	c, f := serveJSON(t, http.StatusOK, []byte(`{"success":true,"data":{"jobs":[],"nextPageToken":null}}`))
	extra := url.Values{"pageSize": {"50"}}
	params := &JobListParams{PageToken: "tok-1", Extra: extra}

	page, err := c.Jobs.List(context.Background(), params)
	require.NoError(t, err)
	assert.Empty(t, page.Jobs)
	assert.Empty(t, page.NextPageToken)

	r := f.last(t)
	assert.Equal(t, url.Values{"pageToken": {"tok-1"}, "pageSize": {"50"}}, r.Query)
	assert.Equal(t, url.Values{"pageSize": {"50"}}, extra, "caller's Extra is not modified")
}

func TestJobsListRejectsPageTokenInExtra(t *testing.T) {
	t.Parallel()
	c, f := serveJSON(t, http.StatusOK, fixture(t, "job_list_page.json"))
	_, err := c.Jobs.List(context.Background(), &JobListParams{Extra: url.Values{"pageToken": {"x"}}})
	require.ErrorIs(t, err, apierror.ErrInvalidParams)
	assert.Contains(t, err.Error(), "PageToken")
	assert.Equal(t, 0, f.count())
}

func TestJobsListError(t *testing.T) {
	t.Parallel()
	c, _ := serveJSON(t, http.StatusUnauthorized, []byte(`{"success":false,"error":{"msg":"Invalid API key"}}`))
	_, err := c.Jobs.List(context.Background(), nil)
	require.ErrorIs(t, err, apierror.ErrUnauthorized)
	var kerr *apierror.Error
	require.ErrorAs(t, err, &kerr)
	assert.Equal(t, "ats.job.list", kerr.Method)
	assert.Equal(t, testIntegrationID, kerr.IntegrationID)
}

func TestJobsCreate(t *testing.T) {
	t.Parallel()
	c, f := serveJSON(t, http.StatusOK, []byte(`{"success":true,"data":{"jobId":"new-1","status":"DRAFT"}}`))
	params := &JobCreateParams{
		Title:       "SWE",
		Description: "Write Go",
		Status:      JobStatusDraft,
		Extra:       map[string]any{"departmentId": "d1"},
	}

	res, err := c.Jobs.Create(context.Background(), params)
	require.NoError(t, err)
	assert.Equal(t, "new-1", res.JobID)
	assert.JSONEq(t, `{"jobId":"new-1","status":"DRAFT"}`, string(res.Raw))

	r := f.last(t)
	assertCall(t, r, http.MethodPost, "ats.job.create")
	assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	assert.JSONEq(t, string(fixture(t, "job_create_request.golden.json")), string(r.Body))
	assert.Equal(t, map[string]any{"departmentId": "d1"}, params.Extra, "caller's params are not modified")
}

func TestJobsCreateNotSupported(t *testing.T) {
	t.Parallel()
	c, f := serveJSON(t, http.StatusNotFound, fixture(t, "not_supported.json"))
	_, err := c.Jobs.Create(context.Background(), &JobCreateParams{Title: "SWE"})
	require.Error(t, err)
	require.ErrorIs(t, err, apierror.ErrNotSupported)
	require.NotErrorIs(t, err, apierror.ErrNotFound)
	assert.Contains(t, err.Error(), "Tool not supported for this app")
	assert.Equal(t, 1, f.count(), "sent once")
}

func TestJobsCreateValidation(t *testing.T) {
	t.Parallel()
	c, f := serveJSON(t, http.StatusOK, []byte(`{"success":true,"data":{"jobId":"x"}}`))
	tests := []struct {
		name   string
		params *JobCreateParams
		field  string
	}{
		{"nil params", nil, "Title"},
		{"blank title", &JobCreateParams{Title: "  "}, "Title"},
		{"extra overrides typed field", &JobCreateParams{Title: "a", Extra: map[string]any{"title": "b"}}, "Extra"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := c.Jobs.Create(context.Background(), tt.params)
			require.ErrorIs(t, err, apierror.ErrInvalidParams)
			var pe *apierror.ParamError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, tt.field, pe.Field)
			assert.Equal(t, "ATS.Jobs.Create", pe.Op)
		})
	}
	t.Cleanup(func() { assert.Equal(t, 0, f.count(), "nothing is sent for invalid params") })
}

func TestJobsCreateMalformedData(t *testing.T) {
	t.Parallel()
	c, _ := serveJSON(t, http.StatusOK, []byte(`{"success":true,"data":{"jobId":42}}`))
	_, err := c.Jobs.Create(context.Background(), &JobCreateParams{Title: "SWE"})
	require.Error(t, err)
	require.ErrorIs(t, err, apierror.ErrMalformedResponse)
}

func TestJobsIntegrationRequired(t *testing.T) {
	t.Parallel()
	cfg, err := transport.NewConfig("test-key")
	require.NoError(t, err)
	c := newClient(transport.New(cfg).Integration(""))
	_, err = c.Jobs.List(context.Background(), nil)
	require.ErrorIs(t, err, apierror.ErrIntegrationRequired)
}
