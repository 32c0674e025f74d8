package knittest_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/accounting"
	"github.com/knit-sdk/knit-go/ats"
	"github.com/knit-sdk/knit-go/crm"
	"github.com/knit-sdk/knit-go/hris"
	"github.com/knit-sdk/knit-go/knittest"
)

// modelsOf converts records with their Model method.
func modelsOf[R interface{ Model() M }, M any](records []R) []M {
	out := make([]M, len(records))
	for i, r := range records {
		out[i] = r.Model()
	}
	return out
}

// The accessors return Model() of every record (TestModelIsWhatTheSDKDecodes
// holds Model to what the SDK decodes), in list order.
func TestAccessorsReturnTheSDKModels(t *testing.T) {
	t.Parallel()
	srv := knittest.NewServer(knittest.WithT(t))
	emp := srv.EmployeeRecords()[0].Profile.ID

	assert.Equal(t, modelsOf[knittest.Employee, hris.Employee](srv.EmployeeRecords()), srv.Employees())
	assert.Equal(t, modelsOf[knittest.LeaveBalance, hris.LeaveBalance](srv.LeaveBalanceRecords(emp)), srv.LeaveBalances(emp))
	assert.Equal(t, modelsOf[knittest.Payroll, hris.Payroll](srv.PayrollRecords(emp)), srv.Payroll(emp))
	assert.Equal(t, modelsOf[knittest.Job, ats.Job](srv.JobRecords()), srv.Jobs())
	assert.Equal(t, modelsOf[knittest.Application, ats.Application](srv.ApplicationRecords()), srv.Applications())
	assert.Equal(t, modelsOf[knittest.CandidateRecord, ats.Candidate](srv.CandidateRecords()), srv.Candidates())
	assert.Equal(t, modelsOf[knittest.Invoice, accounting.Invoice](srv.InvoiceRecords()), srv.Invoices())
	assert.Equal(t, modelsOf[knittest.LedgerAccount, accounting.Account](srv.LedgerAccountRecords()), srv.LedgerAccounts())
	assert.Equal(t, modelsOf[knittest.AccountingContact, accounting.Contact](srv.AccountingContactRecords()), srv.AccountingContacts())
	assert.Equal(t, modelsOf[knittest.JournalEntry, accounting.JournalEntry](srv.JournalEntryRecords()), srv.JournalEntries())
	assert.Equal(t, modelsOf[knittest.Contact, crm.Contact](srv.ContactRecords()), srv.Contacts())
	assert.Equal(t, modelsOf[knittest.Account, crm.Account](srv.AccountRecords()), srv.Accounts())
	assert.Equal(t, modelsOf[knittest.Deal, crm.Deal](srv.DealRecords()), srv.Deals())

	assert.Nil(t, srv.LeaveBalances("nobody"))
	assert.Nil(t, srv.Payroll("nobody"))
}

// What an accessor returns is a copy: changing it, down to a nested slice,
// does not change the server.
func TestAccessorsReturnCopies(t *testing.T) {
	t.Parallel()
	srv := knittest.NewServer(knittest.WithT(t))
	emps := srv.Employees()
	require.NotEmpty(t, emps[0].Identifications)
	emps[0].Profile.LastName = "Changed"
	emps[0].Identifications[0].IdentificationNumber = "changed"
	again := srv.Employees()
	assert.NotEqual(t, "Changed", again[0].Profile.LastName)
	assert.NotEqual(t, "changed", again[0].Identifications[0].IdentificationNumber)
}

// PatchRecord, AddRecord and DeleteRecord change the data as the control
// API's records routes do, and refuse what those refuse.
func TestRecordMutations(t *testing.T) {
	t.Parallel()
	srv := knittest.NewServer(knittest.WithT(t))

	require.NoError(t, srv.PatchRecord("jobs", "JOB101", []byte(`{"info":{"title":"Principal Engineer"}}`)))
	assert.Equal(t, "Principal Engineer", srv.Jobs()[0].Info.Title)

	rec := srv.EmployeeRecords()[0]
	rec.Profile.ID = "EMP9999"
	b, err := json.Marshal(rec)
	require.NoError(t, err)
	id, err := srv.AddRecord("employees", b)
	require.NoError(t, err)
	assert.Equal(t, "EMP9999", id)
	all := srv.Employees()
	assert.Equal(t, "EMP9999", all[len(all)-1].Profile.ID)

	require.NoError(t, srv.DeleteRecord("employees", "EMP9999"))
	assert.Len(t, srv.Employees(), len(all)-1)

	for _, tc := range []struct {
		name, want string
		err        error
	}{
		{"unknown kind", `unknown record kind "employee" (want one of accounting-contacts, accounts, applications,`, srv.PatchRecord("employee", "EMP1001", []byte(`{}`))},
		{"unknown id", `PatchRecord jobs "JOB999": no such record`, srv.PatchRecord("jobs", "JOB999", []byte(`{}`))},
		{"unknown key", `unknown field "titel"`, srv.PatchRecord("jobs", "JOB101", []byte(`{"info":{"titel":"x"}}`))},
		{"not an object", "must be a JSON object", srv.PatchRecord("jobs", "JOB101", []byte(`[]`))},
		{"id change", "ids are immutable", srv.PatchRecord("jobs", "JOB101", []byte(`{"info":{"id":"JOB1"}}`))},
		{"id taken", `a record with id "EMP1001" already exists`, func() error { _, err := srv.AddRecord("employees", []byte(`{"profile":{"id":"EMP1001"}}`)); return err }()},
		{"delete unknown", `DeleteRecord deals "nope": no such record`, srv.DeleteRecord("deals", "nope")},
	} {
		require.Error(t, tc.err, tc.name)
		assert.Contains(t, tc.err.Error(), tc.want, tc.name)
	}
	assert.Equal(t, "Principal Engineer", srv.Jobs()[0].Info.Title, "a refused patch changes nothing")
}

// Records returns the JSON the playground sends, which the SDK's models
// decode to what the accessors return.
func TestRecordsAreTheWireJSON(t *testing.T) {
	t.Parallel()
	srv := knittest.NewServer(knittest.WithT(t))
	raw, err := srv.Records("accounting-contacts")
	require.NoError(t, err)
	want := srv.AccountingContacts()
	require.Len(t, raw, len(want))
	for i, b := range raw {
		var got accounting.Contact
		require.NoError(t, json.Unmarshal(b, &got))
		assert.Equal(t, want[i].Info.ID, got.Info.ID)
		assert.Equal(t, want[i].Info.Name, got.Info.Name)
	}
	_, err = srv.Records("employee")
	require.ErrorContains(t, err, `knittest: Records: unknown record kind "employee"`)
}
