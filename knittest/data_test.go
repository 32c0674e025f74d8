package knittest

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDatasetIsDeterministic(t *testing.T) {
	t.Parallel()
	a, err := generate(7).marshal()
	require.NoError(t, err)
	b, err := generate(7).marshal()
	require.NoError(t, err)
	c, err := generate(8).marshal()
	require.NoError(t, err)
	assert.Equal(t, a, b, "same seed, same bytes")
	assert.NotEqual(t, a, c, "different seed, different data")
}

func TestDatasetShape(t *testing.T) {
	t.Parallel()
	d := generate(DefaultSeed)
	assert.Len(t, d.employees, 250)
	assert.Len(t, d.jobs, 25)
	assert.Len(t, d.applications, 400)
	assert.Len(t, d.candidates, 400)
	assert.Len(t, d.contacts, 500)
	assert.Len(t, d.accounts, 120)
	assert.Len(t, d.deals, 60)
	assert.Len(t, d.ledger, 80)
	assert.Len(t, d.invoices, 300)

	ids := map[string]bool{}
	depts, locations := map[string]bool{}, map[string]bool{}
	roots := 0
	for _, e := range d.employees {
		require.False(t, ids[e.Profile.ID], "duplicate id %s", e.Profile.ID)
		ids[e.Profile.ID] = true
		depts[e.OrgStructure.Department] = true
		locations[e.Locations.WorkAddress.City] = true
		assert.Len(t, d.balances[e.Profile.ID], len(leaveTypes))
		if e.OrgStructure.Manager == nil {
			roots++
			continue
		}
		m := d.employee(e.OrgStructure.Manager.ID)
		require.NotNil(t, m, "manager of %s exists", e.Profile.ID)
		assert.Equal(t, m.Profile.WorkEmail, e.OrgStructure.Manager.WorkEmail)
	}
	assert.Equal(t, 1, roots, "one CEO without a manager")
	assert.GreaterOrEqual(t, len(depts), 10)
	assert.GreaterOrEqual(t, len(locations), 6)
	assert.NotEmpty(t, d.payroll["EMP1001"])

	jobs := map[string]*Job{}
	for _, j := range d.jobs {
		jobs[j.Info.ID] = j
		assert.GreaterOrEqual(t, len(j.Stages), 5)
	}
	for _, a := range d.applications {
		j := jobs[a.Info.JobID]
		require.NotNil(t, j, "application %s points at a job", a.Info.ID)
		require.NotNil(t, a.CurrentStage)
		assert.Contains(t, j.Stages, *a.CurrentStage)
		assert.Equal(t, a.Info.Status == "REJECTED", a.Rejection != nil)
	}
	for _, inv := range d.invoices {
		sum := centsOf(inv.Info.TotalTax)
		for _, li := range inv.LineItems {
			sum += centsOf(li.Amount)
		}
		assert.Equal(t, centsOf(inv.Info.TotalAmount), sum, inv.Info.ID)
		var paid int64
		for _, p := range inv.Payments {
			paid += centsOf(p.Amount)
		}
		assert.Equal(t, centsOf(inv.Info.TotalAmount)-centsOf(inv.Info.RemainingAmount), paid, inv.Info.ID)
	}
}

func TestPageTokens(t *testing.T) {
	t.Parallel()
	for _, off := range []int{0, 1, 50, 12345} {
		got, ok := decodeToken(encodeToken(off))
		assert.True(t, ok)
		assert.Equal(t, off, got)
	}
	for _, bad := range []string{"", "!!", "a2V5", encodeToken(-1)} {
		_, ok := decodeToken(bad)
		assert.False(t, ok, bad)
	}
}
