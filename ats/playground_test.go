package ats_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/ats"
	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/knittest"
)

// TestAgainstPlayground walks every ATS operation end to end against the
// knittest fake Knit API.
func TestAgainstPlayground(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv := knittest.NewServer(knittest.WithT(t), knittest.WithPageSize(10))
	client, err := srv.Client()
	require.NoError(t, err)
	id, err := srv.Connect(knittest.ConnectParams{OriginOrgID: "org-ats", Category: knit.CategoryATS})
	require.NoError(t, err)
	in := client.Integration(id)

	var jobIDs []string
	for job, err := range in.ATS.Jobs.All(ctx, nil) {
		require.NoError(t, err)
		jobIDs = append(jobIDs, job.Info.ID)
		assert.NotEmpty(t, job.Info.Title)
		// customFields, as in Knit's job sync example, reach Job.CustomFields.
		assert.JSONEq(t, `"REQ-`+job.Info.ID[3:]+`"`, string(job.CustomFields["requisitionId"]), job.Info.ID)
	}
	require.Len(t, jobIDs, len(srv.Jobs()))
	assert.Equal(t, srv.Jobs()[0].Info.ID, jobIDs[0])

	page, err := in.ATS.Jobs.List(ctx, nil)
	require.NoError(t, err)
	assert.NotEmpty(t, page.NextPageToken, "25 jobs span more than one page")

	apps := 0
	var first ats.Application
	for app, err := range in.ATS.Applications.All(ctx, nil) {
		require.NoError(t, err)
		if apps == 0 {
			first = app
		}
		apps++
	}
	assert.Equal(t, len(srv.Applications()), apps)

	got, err := in.ATS.Applications.Get(ctx, first.Info.ID, first.Info.Candidate.ID)
	require.NoError(t, err)
	assert.Equal(t, first.Info.ID, got.Info.ID)
	assert.Equal(t, first.Info.JobID, got.Info.JobID)

	created, err := in.ATS.Applications.Create(ctx, &ats.ApplicationCreateParams{
		JobID: jobIDs[0],
		Candidate: &ats.CandidateInput{
			FirstName: "Grace",
			LastName:  "Hopper",
			Emails:    []basemodel.Email{{Type: basemodel.EmailTypePersonal, Email: "grace@example.com"}},
		},
	})
	require.NoError(t, err)
	assert.NotEmpty(t, created.ApplicationID)
	assert.NotEmpty(t, created.CandidateID)

	found, err := in.ATS.Candidates.Search(ctx, &ats.CandidateSearchParams{Emails: []string{"grace@example.com"}})
	require.NoError(t, err)
	require.Len(t, found.Candidates, 1)
	assert.Equal(t, "Hopper", found.Candidates[0].LastName)

	job, err := in.ATS.Jobs.Create(ctx, &ats.JobCreateParams{Title: "Staff Engineer"})
	if err != nil {
		require.ErrorIs(t, err, knit.ErrNotSupported, "Workable does not support creating jobs")
	} else {
		assert.NotEmpty(t, job.JobID)
	}

	_, err = in.ATS.Applications.Get(ctx, "no-such-application", "no-such-candidate")
	require.ErrorIs(t, err, knit.ErrNotFound)
}
