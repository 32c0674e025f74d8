package hris_test

import (
	"context"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/hris"
	"github.com/knit-sdk/knit-go/knittest"
	"github.com/knit-sdk/knit-go/webhook"
)

// TestAgainstPlayground runs the HRIS calls and the employee sync end to end
// against the knittest fake Knit API.
func TestAgainstPlayground(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv := knittest.NewServer(knittest.WithT(t))
	client, err := srv.Client()
	require.NoError(t, err)
	id, err := srv.Connect(knittest.ConnectParams{OriginOrgID: "org-hris", Category: knit.CategoryHRIS})
	require.NoError(t, err)
	in := client.Integration(id)

	emp := srv.Employees()[0].Profile.ID
	bal, err := in.HRIS.Leave.Balances(ctx, emp, &hris.LeaveBalanceParams{OriginData: true})
	require.NoError(t, err)
	require.Len(t, bal.Balances, len(srv.LeaveBalances(emp)))
	assert.NotEmpty(t, bal.Balances[0].LeaveType.Name)
	assert.Equal(t, hris.LeaveUnitDays, bal.Balances[0].Unit)

	_, err = in.HRIS.Leave.Requests(ctx, emp, nil)
	require.NoError(t, err)
	pay, err := in.HRIS.Payroll.Get(ctx, emp, "2025-03")
	require.NoError(t, err)
	assert.Equal(t, emp, pay.EmployeeID)

	_, err = in.HRIS.Leave.Balances(ctx, "no-such-employee", nil)
	require.ErrorIs(t, err, knit.ErrNotFound)

	// Every synced employee decodes with DecodeEmployee, via the webhook package.
	var mu sync.Mutex
	decoded := map[string]*hris.Employee{}
	router := webhook.NewRouter()
	router.OnRecord(hris.DataTypeEmployee, func(_ context.Context, ev *webhook.Event) error {
		e, err := hris.DecodeEmployee(ev.EventData)
		if err != nil {
			return err
		}
		mu.Lock()
		defer mu.Unlock()
		decoded[e.Profile.ID] = e
		return nil
	})
	hook := httptest.NewServer(webhook.NewHandler([]string{srv.APIKey()}, router.Handle))
	t.Cleanup(hook.Close)
	require.NoError(t, srv.SetWebhookURL(knit.CategoryHRIS, hook.URL))
	job, err := in.Sync.Start(ctx, &knit.SyncStartParams{DataType: hris.DataTypeEmployee})
	require.NoError(t, err)
	require.NoError(t, srv.WaitForSync(ctx, job.SyncRunID))

	mu.Lock()
	defer mu.Unlock()
	require.NotEmpty(t, decoded)
	for _, want := range srv.Employees() {
		got, ok := decoded[want.Profile.ID]
		if !ok {
			continue // terminated employees are not in an initial sync by default
		}
		assert.Equal(t, want.Profile.FirstName, got.Profile.FirstName)
		require.NotNil(t, got.OrgStructure)
		assert.Equal(t, want.OrgStructure.Department, got.OrgStructure.Department)
		assert.Len(t, got.BankAccounts, len(want.BankAccounts))
	}
}
