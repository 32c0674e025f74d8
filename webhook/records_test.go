package webhook

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/accounting"
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
	_, _ = ev.Contact()
	_, _ = ev.Account()
	_, _ = ev.Deal()
	_, _ = ev.CustomObjectRecord()
	_, _ = ev.Invoice()
	_, _ = ev.LedgerAccount()
	_, _ = ev.AccountingEmployee()
	_, _ = ev.AccountingContact()
	_, _ = ev.JournalEntry()
	_, _ = ev.Expense()
	_, _ = ev.PaymentRecord()
	_, _ = ev.DeletedEmployee()
	_, _ = ev.DeletedJob()
	_, _ = ev.DeletedApplication()
	_, _ = ev.SyncRun()
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

	app, err := parseFixture(t, "record_deleted_application.json").DeletedApplication()
	require.NoError(t, err)
	assert.Equal(t, "app_1", app.ApplicationID)
	assert.Equal(t, "cand_1", app.CandidateID)
	assert.Equal(t, "job_9", app.JobID)

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

func TestCRMAccessors(t *testing.T) {
	t.Parallel()
	contact, err := parseFixture(t, "record_new_crm_contact.json").Contact()
	require.NoError(t, err)
	assert.Equal(t, "ct_1", contact.Info.ID)
	assert.Equal(t, "Turing", contact.Info.LastName)
	require.Len(t, contact.Emails, 1)
	assert.Equal(t, "alan@example.com", contact.Emails[0].Email)
	assert.Empty(t, contact.Phones)

	account, err := parseFixture(t, "record_new_crm_account.json").Account()
	require.NoError(t, err)
	assert.Equal(t, "Acme Corp", account.Info.Name)
	assert.Equal(t, "250", account.Info.NumberOfEmployees)
	assert.Equal(t, []string{"ct_1", "ct_2"}, account.Contacts)

	deal, err := parseFixture(t, "record_modified_crm_deal.json").Deal()
	require.NoError(t, err, "an undocumented CRM syncDataType is accepted")
	assert.Equal(t, "deal_1", deal.Info.ID)
	assert.Equal(t, "12500.5", deal.Info.Amount.String())
	assert.Equal(t, "Closed Won", deal.Stage.StageName)
	assert.Equal(t, []string{"acc_1"}, deal.Accounts)

	rec, err := parseFixture(t, "record_new_crm_custom_object.json").CustomObjectRecord()
	require.NoError(t, err)
	assert.Equal(t, "sch_project", rec.Info.SchemaID)
	assert.JSONEq(t, `["a","b"]`, string(rec.Fields["tags"]))
}

func TestAccountingAccessors(t *testing.T) {
	t.Parallel()
	inv, err := parseFixture(t, "record_new_invoice.json").Invoice()
	require.NoError(t, err)
	assert.Equal(t, "INV-001", inv.Info.InvoiceNumber)
	assert.Equal(t, "120.5", inv.Info.TotalAmount.String())
	require.Len(t, inv.LineItems, 1)
	assert.Empty(t, inv.Payments)

	acc, err := parseFixture(t, "record_new_ledger_account.json").LedgerAccount()
	require.NoError(t, err)
	assert.Equal(t, "Operating Bank", acc.Info.Name)
	assert.Equal(t, "15230.75", acc.Info.CurrentBalance.String())

	emp, err := parseFixture(t, "record_new_accounting_employee.json").AccountingEmployee()
	require.NoError(t, err)
	assert.Equal(t, "ae_1", emp.Info.ID)
	assert.Equal(t, "Jackson", emp.Info.LastName)

	ct, err := parseFixture(t, "record_new_accounting_contact.json").AccountingContact()
	require.NoError(t, err)
	assert.Equal(t, "ct_9", ct.Info.ID)
	assert.Equal(t, accounting.ContactTypeVendor, ct.Info.ContactType)

	je, err := parseFixture(t, "record_new_journal_entry.json").JournalEntry()
	require.NoError(t, err)
	assert.Equal(t, "je_1", je.Info.ID)
	require.Len(t, je.LineItems, 2)
	assert.Equal(t, accounting.JournalLineTypeDebit, je.LineItems[0].Type)
}

// Accessors whose data type string Knit does not document refuse exactly the
// documented data types of other records, and nothing else.
func TestUndocumentedDataTypeAccessors(t *testing.T) {
	t.Parallel()
	accessors := map[string]func(*Event) error{
		"Contact":            func(e *Event) error { _, err := e.Contact(); return err },
		"Account":            func(e *Event) error { _, err := e.Account(); return err },
		"Deal":               func(e *Event) error { _, err := e.Deal(); return err },
		"CustomObjectRecord": func(e *Event) error { _, err := e.CustomObjectRecord(); return err },
		"LedgerAccount":      func(e *Event) error { _, err := e.LedgerAccount(); return err },
		"AccountingEmployee": func(e *Event) error { _, err := e.AccountingEmployee(); return err },
		"AccountingContact":  func(e *Event) error { _, err := e.AccountingContact(); return err },
		"JournalEntry":       func(e *Event) error { _, err := e.JournalEntry(); return err },
		"Expense":            func(e *Event) error { _, err := e.Expense(); return err },
		"PaymentRecord":      func(e *Event) error { _, err := e.PaymentRecord(); return err },
	}
	documented := []string{"employee", "ats_jobs", "ats_applications", "ats_candidates", "accounting_invoices"}
	for name, call := range accessors {
		for _, dt := range documented {
			ev := &Event{EventID: "e", EventType: EventRecordNew, SyncDataType: dt, EventData: []byte(`{"info":{"id":"x"}}`)}
			require.ErrorIs(t, call(ev), ErrDataTypeMismatch, "%s on %s", name, dt)
		}
		for _, dt := range []string{"", "crm_contacts", "accounting_accounts", "something_new"} {
			ev := &Event{EventID: "e", EventType: EventRecordModified, SyncDataType: dt, EventData: []byte(`{"info":{"id":"x"}}`)}
			require.NoError(t, call(ev), "%s on %q", name, dt)
		}
		ev := &Event{EventID: "e", EventType: EventSyncEventsAllConsumed, EventData: []byte(`{}`)}
		require.ErrorIs(t, call(ev), ErrNotRecordEvent, name)
		ev = &Event{EventID: "e", EventType: EventRecordDeleted, EventData: []byte(`{"id":"x"}`)}
		require.ErrorIs(t, call(ev), ErrDeletedRecord, name)
	}
	// The invoice accessor knows its own data type.
	_, err := parseFixture(t, "record_modified_crm_deal.json").Invoice()
	require.ErrorIs(t, err, ErrDataTypeMismatch)
	_, err = parseFixture(t, "record_new_invoice.json").Invoice()
	assert.NoError(t, err)
}
