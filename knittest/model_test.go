package knittest_test

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/accounting"
	"github.com/knit-sdk/knit-go/ats"
	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/crm"
	"github.com/knit-sdk/knit-go/hris"
	"github.com/knit-sdk/knit-go/knittest"
)

// The playground's records and the SDK's models spell Knit's JSON keys
// independently. The tests below hold them together:
//
//   - TestModelIsWhatTheSDKDecodes: for every record of the default
//     dataset, the SDK fetching it from the server (over HTTP, or from a
//     sync's webhook) decodes exactly record.Model(). A key misspelt on
//     either side leaves the SDK's field empty while Model (which copies Go
//     fields) fills it, so the two differ.
//   - TestModelFillsEverySDKField: every leaf field of each SDK model is
//     non-zero in Model() of at least one record, except the fields listed
//     as having no playground data. This catches a Model that forgets a
//     field and a record that never sends one, which the first test cannot
//     see (both sides would be empty).
//   - TestEverySentKeyIsRead: every JSON key a record sends with a value
//     reaches the SDK model (is in the model's own encoding), except the
//     keys listed as not modelled by the SDK.

// modelSyncs runs a sync of dataType through the SDK client and returns
// every record event's eventData, keyed by record ID.
func modelSyncs(t *testing.T, srv *knittest.Server, in *knit.IntegrationClient, category knit.Category, dataType string) map[string][]byte {
	t.Helper()
	ctx := context.Background()
	rc := newReceiver(t, nil)
	require.NoError(t, srv.SetWebhookURL(category, rc.srv.URL))
	job, err := in.Sync.Start(ctx, &knit.SyncStartParams{DataType: dataType, IncludeInactiveRecords: true})
	require.NoError(t, err)
	require.NoError(t, srv.WaitForSync(ctx, job.SyncRunID))
	out := map[string][]byte{}
	for _, d := range rc.deliveries() {
		if d.str("eventType") == "record.new" {
			out[d.str("recordId")] = d.event["eventData"]
		}
	}
	return out
}

// decoded decodes each record's eventData with decode and checks it equals
// want(record) for every record, and that no record is missing.
func checkSynced[R, M any](t *testing.T, events map[string][]byte, records []R, id func(R) string, decode func([]byte) (*M, error), model func(R) M) {
	t.Helper()
	require.Len(t, events, len(records), "one event per record")
	for _, r := range records {
		b, ok := events[id(r)]
		require.True(t, ok, "record %s was synced", id(r))
		got, err := decode(b)
		require.NoError(t, err, "record %s", id(r))
		require.Equal(t, model(r), *got, "record %s: the SDK's decoding differs from Model()", id(r))
	}
}

func TestModelIsWhatTheSDKDecodes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv := newServer(t)
	client, err := srv.Client()
	require.NoError(t, err)
	hr := client.Integration(connect(t, srv, "org-m", knit.CategoryHRIS))
	atsIn := client.Integration(connect(t, srv, "org-m", knit.CategoryATS))
	acc := client.Integration(connect(t, srv, "org-m", knit.CategoryAccounting))

	t.Run("hris", func(t *testing.T) {
		emps := srv.EmployeeRecords()
		checkSynced(t, modelSyncs(t, srv, hr, knit.CategoryHRIS, hris.DataTypeEmployee), emps,
			func(e knittest.Employee) string { return e.Profile.ID }, hris.DecodeEmployee, knittest.Employee.Model)
		runs, days := 0, 0
		from := time.Date(2025, 6, 2, 0, 0, 0, 0, time.UTC)
		for _, e := range emps {
			id := e.Profile.ID
			reqs, err := hr.HRIS.Leave.Requests(ctx, id, nil)
			require.NoError(t, err)
			want := make([]hris.LeaveRequest, len(e.LeaveRequests))
			for i, r := range e.LeaveRequests {
				want[i] = r.Model()
			}
			require.Equal(t, want, reqs.Requests, "leave requests of %s", id)

			bal, err := hr.HRIS.Leave.Balances(ctx, id, nil)
			require.NoError(t, err)
			var wantBal []hris.LeaveBalance
			for _, b := range srv.LeaveBalanceRecords(id) {
				wantBal = append(wantBal, b.Model())
			}
			require.Equal(t, wantBal, bal.Balances, "leave balances of %s", id)

			for _, p := range srv.PayrollRecords(id) {
				got, err := hr.HRIS.Payroll.Get(ctx, id, p.PayPeriodStartDate[:7])
				require.NoError(t, err)
				require.Equal(t, p.Model(), *got, "payroll of %s for %s", id, p.PayPeriodStartDate)
				runs++
			}

			att, err := hr.HRIS.Attendance.List(ctx, &hris.DateRangeParams{
				StartDate: basemodel.NewDate(from), EndDate: basemodel.NewDate(from.AddDate(0, 0, 6)), EmployeeID: id,
			})
			require.NoError(t, err)
			var wantAtt []hris.AttendanceRecord
			for d := from; !d.After(from.AddDate(0, 0, 6)); d = d.AddDate(0, 0, 1) {
				if a, ok := knittest.AttendanceFor(&e, d); ok {
					wantAtt = append(wantAtt, a.Model())
				}
			}
			require.Equal(t, wantAtt, att.Records, "attendance of %s", id)
			days += len(att.Records)
		}
		assert.Greater(t, runs, 1000, "pay runs compared")
		assert.Greater(t, days, 500, "attendance days compared")
	})

	t.Run("ats", func(t *testing.T) {
		jobs := srv.JobRecords()
		i := 0
		for got, err := range atsIn.ATS.Jobs.All(ctx, nil) {
			require.NoError(t, err)
			require.Less(t, i, len(jobs))
			require.Equal(t, jobs[i].Model(), got, "job %s", jobs[i].Info.ID)
			i++
		}
		require.Equal(t, len(jobs), i)
		checkSynced(t, modelSyncs(t, srv, atsIn, knit.CategoryATS, ats.DataTypeJobs), jobs,
			func(j knittest.Job) string { return j.Info.ID }, ats.DecodeJob, knittest.Job.Model)

		apps := srv.ApplicationRecords()
		i = 0
		for got, err := range atsIn.ATS.Applications.All(ctx, nil) {
			require.NoError(t, err)
			require.Less(t, i, len(apps))
			require.Equal(t, apps[i].Model(), got, "application %s", apps[i].Info.ID)
			i++
		}
		require.Equal(t, len(apps), i)
		checkSynced(t, modelSyncs(t, srv, atsIn, knit.CategoryATS, ats.DataTypeApplications), apps,
			func(a knittest.Application) string { return a.Info.ID }, ats.DecodeApplication, knittest.Application.Model)

		cands := srv.CandidateRecords()
		checkSynced(t, modelSyncs(t, srv, atsIn, knit.CategoryATS, ats.DataTypeCandidates), cands,
			func(c knittest.CandidateRecord) string { return c.Info.ID }, ats.DecodeCandidate, knittest.CandidateRecord.Model)
		for _, c := range cands[:40] {
			res, err := atsIn.ATS.Candidates.Search(ctx, &ats.CandidateSearchParams{Emails: []string{c.Info.Emails[0].Email}})
			require.NoError(t, err)
			require.Equal(t, []ats.CandidateInfo{c.Info.Model()}, res.Candidates, "candidate %s", c.Info.ID)
		}
	})

	t.Run("accounting", func(t *testing.T) {
		checkSynced(t, modelSyncs(t, srv, acc, knit.CategoryAccounting, accounting.DataTypeInvoices), srv.InvoiceRecords(),
			func(i knittest.Invoice) string { return i.Info.ID }, accounting.DecodeInvoice, knittest.Invoice.Model)
		checkSynced(t, modelSyncs(t, srv, acc, knit.CategoryAccounting, knittest.PlaygroundDataTypeAccountingContacts), srv.AccountingContactRecords(),
			func(c knittest.AccountingContact) string { return c.Info.ID }, accounting.DecodeContact, knittest.AccountingContact.Model)
		checkSynced(t, modelSyncs(t, srv, acc, knit.CategoryAccounting, knittest.PlaygroundDataTypeJournalEntries), srv.JournalEntryRecords(),
			func(j knittest.JournalEntry) string { return j.Info.ID }, accounting.DecodeJournalEntry, knittest.JournalEntry.Model)
		// Ledger accounts are not served by any playground method: the
		// SDK decodes the record's own JSON, as a sync would send it.
		checkDecoded(t, srv.LedgerAccountRecords(), accounting.DecodeAccount, knittest.LedgerAccount.Model)
	})

	t.Run("crm", func(t *testing.T) {
		// Knit documents no CRM read method or sync data type, so the
		// playground serves CRM records only through its Go accessors: the
		// SDK decodes the record's own JSON.
		checkDecoded(t, srv.ContactRecords(), crm.DecodeContact, knittest.Contact.Model)
		checkDecoded(t, srv.AccountRecords(), crm.DecodeAccount, knittest.Account.Model)
		checkDecoded(t, srv.DealRecords(), crm.DecodeDeal, knittest.Deal.Model)
	})
}

func checkDecoded[R, M any](t *testing.T, records []R, decode func([]byte) (*M, error), model func(R) M) {
	t.Helper()
	require.NotEmpty(t, records)
	for i, r := range records {
		b, err := json.Marshal(r)
		require.NoError(t, err)
		got, err := decode(b)
		require.NoError(t, err, "record %d", i)
		require.Equal(t, model(r), *got, "record %d: the SDK's decoding differs from Model()", i)
	}
}

// noData lists, per SDK model, the fields (dotted paths; a prefix covers
// what is below it) that the playground has no data for.
var noData = map[string][]string{
	"hris.Employee": {
		"KYC", "ProfilePicture", "Deductions", "W4", "BankAccountDetails",
		"ContactInfo.Phones[].PhoneNumber", // HRIS phones use the "number" key (AltNumber)
		"Locations.WorkAddress.ID", "Locations.PermanentAddress.ID", "Locations.PresentAddress.ID",
		"Locations.WorkAddress.AddressLine2", // office addresses have one line
	},
	"hris.Payroll":          nil,
	"hris.LeaveBalance":     nil,
	"hris.AttendanceRecord": nil,
	"ats.Job": {
		"Info.JobCodes", "RawValues", "Posts", "Compensation", "Questions", "Requirements", "InfoEnhanced",
		"Offices[].Address.ID", "Offices[].Address.AddressLine2",
	},
	"ats.Application": {
		"Info.Candidate.Tags", "Info.Candidate.Title", "Info.Candidate.Company", "Info.Candidate.CreatedAt",
		"Info.Candidate.UpdatedAt", "Info.Candidate.Applications", "Info.Candidate.Phones[].AltNumber",
		"Info.CreditedTo", "Offers[].HireDate", "Offers[].ClosedAt",
		"QuestionResponses",
	},
	"ats.Candidate": {
		"Info.Tags", "Info.Title", "Info.Company", "Info.CreatedAt", "Info.UpdatedAt", "Info.Applications", "Info.Phones[].AltNumber",
	},
	"accounting.Account": {"Info.ParentAccountID"},
	"accounting.Invoice": {
		"LineItems[].Discount", "LineItems[].TaxRateID", "LineItems[].TaxRate",
		"Addresses[].ID", "Addresses[].AddressLine2",
	},
	"accounting.Contact": {
		"Addresses[].ID", "Addresses[].AddressLine2", "Phones[].AltNumber", "Users",
	},
	"accounting.JournalEntry": {"Info.Account"},
	"crm.Contact":             {"Addresses[].ID", "Addresses[].AddressLine2", "Phones[].AltNumber", "UserMappedFields", "Info.Owner.EmployeeID", "Info.CreatedBy.EmployeeID"},
	"crm.Account":             {"Addresses[].ID", "Addresses[].AddressLine2", "Phones[].AltNumber", "UserMappedFields", "Info.Owner.EmployeeID", "Info.CreatedBy.EmployeeID"},
	"crm.Deal":                {"Info.Owner.EmployeeID", "Info.CreatedBy.EmployeeID"},
}

// models returns Model() of every record of the default dataset, by SDK
// model name.
func models(srv *knittest.Server) map[string][]any {
	out := map[string][]any{}
	add := func(name string, v any) { out[name] = append(out[name], v) }
	day := time.Date(2025, 6, 2, 0, 0, 0, 0, time.UTC)
	for _, e := range srv.EmployeeRecords() {
		add("hris.Employee", e.Model())
		for _, p := range srv.PayrollRecords(e.Profile.ID) {
			add("hris.Payroll", p.Model())
		}
		for _, b := range srv.LeaveBalanceRecords(e.Profile.ID) {
			add("hris.LeaveBalance", b.Model())
		}
		for d := day; d.Before(day.AddDate(0, 0, 7)); d = d.AddDate(0, 0, 1) {
			if a, ok := knittest.AttendanceFor(&e, d); ok {
				add("hris.AttendanceRecord", a.Model())
			}
		}
	}
	for _, j := range srv.JobRecords() {
		add("ats.Job", j.Model())
	}
	for _, a := range srv.ApplicationRecords() {
		add("ats.Application", a.Model())
	}
	for _, c := range srv.CandidateRecords() {
		add("ats.Candidate", c.Model())
	}
	for _, a := range srv.LedgerAccountRecords() {
		add("accounting.Account", a.Model())
	}
	for _, i := range srv.InvoiceRecords() {
		add("accounting.Invoice", i.Model())
	}
	for _, c := range srv.AccountingContactRecords() {
		add("accounting.Contact", c.Model())
	}
	for _, j := range srv.JournalEntryRecords() {
		add("accounting.JournalEntry", j.Model())
	}
	for _, c := range srv.ContactRecords() {
		add("crm.Contact", c.Model())
	}
	for _, a := range srv.AccountRecords() {
		add("crm.Account", a.Model())
	}
	for _, d := range srv.DealRecords() {
		add("crm.Deal", d.Model())
	}
	return out
}

func TestModelFillsEverySDKField(t *testing.T) {
	t.Parallel()
	all := models(newServer(t))
	require.Len(t, all, len(noData), "every model has a noData entry")
	for name, skip := range noData {
		recs := all[name]
		require.NotEmpty(t, recs, name)
		filled := map[string]bool{}
		for _, r := range recs {
			markFilled(reflect.ValueOf(r), "", filled)
		}
		for _, path := range leafPaths(reflect.TypeOf(recs[0]), "") {
			if covered(path, skip) {
				continue
			}
			assert.True(t, filled[path], "%s.%s is empty in Model() of every record: Model does not fill it, or the record never sends it", name, path)
		}
		for _, s := range skip {
			if filled[s] {
				t.Errorf("%s.%s is listed in noData but Model() fills it: remove it from the list", name, s)
			}
		}
	}
}

func covered(path string, prefixes []string) bool {
	for _, p := range prefixes {
		if path == p || strings.HasPrefix(path, p+".") || strings.HasPrefix(path, p+"[]") {
			return true
		}
	}
	return false
}

func join(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}

// isLeaf reports whether t is compared as a whole: not a struct with
// exported fields, not a pointer or slice (except raw JSON and byte data).
func isLeaf(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer:
		return false
	case reflect.Slice:
		return t.Elem().Kind() == reflect.Uint8
	case reflect.Struct:
		for i := range t.NumField() {
			if t.Field(i).IsExported() {
				return false
			}
		}
	}
	return true
}

func leafPaths(t reflect.Type, prefix string) []string {
	switch {
	case isLeaf(t):
		return []string{prefix}
	case t.Kind() == reflect.Pointer:
		return leafPaths(t.Elem(), prefix)
	case t.Kind() == reflect.Slice:
		return leafPaths(t.Elem(), prefix+"[]")
	}
	var out []string
	for i := range t.NumField() {
		if f := t.Field(i); f.IsExported() {
			out = append(out, leafPaths(f.Type, join(prefix, f.Name))...)
		}
	}
	return out
}

func markFilled(v reflect.Value, prefix string, filled map[string]bool) {
	switch {
	case isLeaf(v.Type()):
		nullJSON := v.Kind() == reflect.Slice && string(v.Bytes()) == "null"
		emptyMap := v.Kind() == reflect.Map && v.Len() == 0
		if !v.IsZero() && !nullJSON && !emptyMap {
			filled[prefix] = true
		}
	case v.Kind() == reflect.Pointer:
		switch {
		case v.IsNil():
		case isLeaf(v.Type().Elem()):
			filled[prefix] = true // *bool and the like: set, even to false
		default:
			markFilled(v.Elem(), prefix, filled)
		}
	case v.Kind() == reflect.Slice:
		for i := range v.Len() {
			markFilled(v.Index(i), prefix+"[]", filled)
		}
	default:
		for i := range v.NumField() {
			if f := v.Type().Field(i); f.IsExported() {
				markFilled(v.Field(i), join(prefix, f.Name), filled)
			}
		}
	}
}

// notModelled lists, per SDK model, the JSON keys (paths) the playground
// sends that the SDK's model does not read.
var notModelled = map[string][]string{
	// The playground sends employeeId so that a list for all employees
	// says whose day each record is; hris.AttendanceRecord has no field
	// for it.
	"hris.AttendanceRecord": {"employeeId"},
	// A contact's customFields is a flat object of fields (Knit shows no
	// example); the SDK reads it into CustomFields.Fields, which encodes
	// under "fields", so the paths differ while the values arrive.
	"crm.Contact": {"customFields"},
}

func TestEverySentKeyIsRead(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	day := time.Date(2025, 6, 2, 0, 0, 0, 0, time.UTC)
	type pair struct{ record, model any }
	byModel := map[string][]pair{}
	add := func(name string, r, m any) { byModel[name] = append(byModel[name], pair{r, m}) }
	for _, e := range srv.EmployeeRecords() {
		add("hris.Employee", e, e.Model())
		for _, p := range srv.PayrollRecords(e.Profile.ID) {
			add("hris.Payroll", p, p.Model())
		}
		for _, b := range srv.LeaveBalanceRecords(e.Profile.ID) {
			add("hris.LeaveBalance", b, b.Model())
		}
		if a, ok := knittest.AttendanceFor(&e, day); ok {
			add("hris.AttendanceRecord", a, a.Model())
		}
	}
	for _, r := range srv.JobRecords() {
		add("ats.Job", r, r.Model())
	}
	for _, r := range srv.ApplicationRecords() {
		add("ats.Application", r, r.Model())
	}
	for _, r := range srv.CandidateRecords() {
		add("ats.Candidate", r, r.Model())
	}
	for _, r := range srv.LedgerAccountRecords() {
		add("accounting.Account", r, r.Model())
	}
	for _, r := range srv.InvoiceRecords() {
		add("accounting.Invoice", r, r.Model())
	}
	for _, r := range srv.AccountingContactRecords() {
		add("accounting.Contact", r, r.Model())
	}
	for _, r := range srv.JournalEntryRecords() {
		add("accounting.JournalEntry", r, r.Model())
	}
	for _, r := range srv.ContactRecords() {
		add("crm.Contact", r, r.Model())
	}
	for _, r := range srv.AccountRecords() {
		add("crm.Account", r, r.Model())
	}
	for _, r := range srv.DealRecords() {
		add("crm.Deal", r, r.Model())
	}
	for name, pairs := range byModel {
		sent, read := map[string]bool{}, map[string]bool{}
		for _, p := range pairs {
			jsonKeys(t, p.record, sent)
			jsonKeys(t, p.model, read)
		}
		for k := range sent {
			if !read[k] && !covered(k, notModelled[name]) {
				t.Errorf("%s: the playground sends %q with a value, but the SDK's model does not read it", name, k)
			}
		}
	}
}

// jsonKeys adds the key paths of v's JSON whose values are not null, "",
// [] or {} (arrays flattened as "[]").
func jsonKeys(t *testing.T, v any, into map[string]bool) {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	var x any
	require.NoError(t, json.Unmarshal(b, &x))
	var walk func(x any, path string)
	walk = func(x any, path string) {
		switch x := x.(type) {
		case map[string]any:
			for k, v := range x {
				walk(v, join(path, k))
			}
		case []any:
			for _, v := range x {
				walk(v, path+"[]")
			}
		case nil:
		case string:
			if x != "" {
				into[path] = true
			}
		default:
			into[path] = true
		}
	}
	walk(x, "")
}
