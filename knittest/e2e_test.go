package knittest_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/ats"
	"github.com/knit-sdk/knit-go/hris"
	"github.com/knit-sdk/knit-go/option"
)

// TestSDKEndToEnd drives the playground with the SDK itself: any decoding
// mismatch between the SDK and the playground's independent reading of the
// contract fails here.
func TestSDKEndToEnd(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv := newServer(t)
	client, err := srv.Client()
	require.NoError(t, err)

	// An auth session, completed as the end user would.
	sess, err := client.AuthSessions.Create(ctx, &knit.AuthSessionParams{
		OriginOrgID: "acme", OriginOrgName: "Acme", OriginUserEmail: "ops@acme.example", OriginUserName: "Ops",
	})
	require.NoError(t, err)
	atsID, err := srv.CompleteSession(sess.Token, "workable")
	require.NoError(t, err)

	link, err := client.MagicLinks.Create(ctx, &knit.MagicLinkParams{
		OriginOrgID: "acme-2", OriginOrgName: "Acme 2", OriginUserEmail: "ops@acme.example", OriginUserName: "Ops",
		Category: knit.Category(knit.CategoryAccounting),
	})
	require.NoError(t, err)
	assert.Contains(t, link.URL, "/connect/")
	viaLink, err := srv.CompleteSession(link.Token, "quickbooks")
	require.NoError(t, err)
	assert.NotEmpty(t, viaLink)

	apps, err := client.Integrations.List(ctx, "acme")
	require.NoError(t, err)
	require.Len(t, apps, 1)
	assert.Equal(t, atsID, apps[0].IntegrationID)
	assert.True(t, apps[0].IsActive)

	in := client.Integration(atsID)
	n := 0
	for job, err := range in.ATS.Jobs.All(ctx, nil) {
		require.NoError(t, err)
		assert.NotEmpty(t, job.Info.ID)
		n++
	}
	assert.Equal(t, 25, n)

	apps2 := 0
	var first ats.Application
	for a, err := range in.ATS.Applications.All(ctx, nil) {
		require.NoError(t, err)
		if apps2 == 0 {
			first = a
		}
		apps2++
	}
	assert.Equal(t, 400, apps2)
	got, err := in.ATS.Applications.Get(ctx, first.Info.ID, first.Info.Candidate.ID)
	require.NoError(t, err)
	assert.Equal(t, first.Info.ID, got.Info.ID)

	// HRIS calls on an ATS integration are "not supported for this app".
	_, err = in.HRIS.Leave.Balances(ctx, "EMP1001", nil)
	require.ErrorIs(t, err, knit.ErrNotSupported)

	hrisID := connect(t, srv, "acme", knit.CategoryHRIS)
	hr := client.Integration(hrisID)
	bal, err := hr.HRIS.Leave.Balances(ctx, "EMP1001", nil)
	require.NoError(t, err)
	assert.Len(t, bal.Balances, 4)
	pay, err := hr.HRIS.Payroll.Get(ctx, "EMP1001", "2025-03")
	require.NoError(t, err)
	assert.Positive(t, pay.GrossPay.Sign())
	_, err = hr.HRIS.Leave.Balances(ctx, "EMP9999", nil)
	require.ErrorIs(t, err, knit.ErrNotFound)

	// A sync through the SDK, delivered to a receiver.
	rc := newReceiver(t, nil)
	require.NoError(t, srv.SetWebhookURL("HRIS", rc.srv.URL))
	job, err := hr.Sync.Start(ctx, &knit.SyncStartParams{DataType: hris.DataTypeEmployee, Models: []string{hris.ModelEmployeeProfile}})
	require.NoError(t, err)
	require.NoError(t, srv.WaitForSync(ctx, job.SyncRunID))
	var ev struct {
		EventData json.RawMessage `json:"eventData"`
	}
	require.NoError(t, json.Unmarshal(rc.deliveries()[0].body, &ev))
	emp, err := hris.DecodeEmployee(ev.EventData)
	require.NoError(t, err)
	assert.NotEmpty(t, emp.Profile.FirstName)

	// Injected faults surface as the SDK's typed errors, after retries.
	srv.FailNext(10, 503)
	_, err = in.ATS.Jobs.List(ctx, nil, option.WithMaxRetries(1))
	require.ErrorIs(t, err, knit.ErrServer)
	srv.FailNext(0, 503)
	srv.InjectRateLimit(1, 0)
	_, err = in.ATS.Jobs.List(ctx, nil)
	require.NoError(t, err, "one 429 is retried")

	require.NoError(t, hr.Deactivate(ctx))
	_, err = hr.HRIS.Leave.Balances(ctx, "EMP1001", nil)
	require.ErrorIs(t, err, knit.ErrUnauthorized)
	var kerr *knit.Error
	require.ErrorAs(t, err, &kerr)
	assert.NotEmpty(t, kerr.ExecutionID)
}
