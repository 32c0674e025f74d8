package knitpostgres

import (
	"strings"
	"time"

	"github.com/knit-sdk/knit-go/accounting"
	"github.com/knit-sdk/knit-go/ats"
	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/hris"
)

// The typed columns of the record tables are filled from the record as the
// SDK decodes it (hris.DecodeEmployee, ats.DecodeJob, ...: the decoders
// behind webhook.Event's accessors), so a column holds exactly what the
// typed accessor returns, and no JSON key is spelled here. Empty text, a
// date that does not parse and an absent amount are NULL. A record the
// decoder refuses (a value of the wrong JSON type) still has its row and
// its data; its typed columns are all NULL and the mirror logs why.

// typedColumns describes one table's typed columns: their names, which of
// them are numeric or timestamptz (the rest are text), and how to read
// them from a record.
type typedColumns struct {
	names          []string
	numeric, times map[string]bool
	// model names the decoder, for log lines.
	model string
	// extract returns one value per name, in order, or the decoder's error.
	extract func(data []byte) ([]any, error)
}

// sqlType is the type of column name.
func (c typedColumns) sqlType(name string) string {
	switch {
	case c.numeric[name]:
		return "numeric"
	case c.times[name]:
		return "timestamptz"
	}
	return "text"
}

// columnsOf adapts a record decoder and the columns of its record.
func columnsOf[T any](decode func([]byte) (*T, error), values func(*T) []any) func([]byte) ([]any, error) {
	return func(data []byte) ([]any, error) {
		rec, err := decode(data)
		if err != nil {
			return nil, err
		}
		return values(rec), nil
	}
}

// text is a text column: NULL when s is empty. U+0000, which Postgres'
// text refuses, becomes U+FFFD (as in data, see withoutNUL).
func text[S ~string](s S) any {
	if s == "" {
		return nil
	}
	return strings.ReplaceAll(string(s), "\x00", "\uFFFD")
}

// Postgres' timestamptz reaches 294276 AD; epoch milliseconds reach
// further. A date outside years 1 to 9999 is NULL rather than an error
// that would fail the event on every redelivery.
var (
	minDate = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	maxDate = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
)

// date is a timestamptz column: NULL when d is empty, does not parse or is
// out of range.
func date(d basemodel.DateTime) any {
	t, ok := d.Time()
	if !ok || t.Before(minDate) || !t.Before(maxDate) {
		return nil
	}
	return t
}

// amount is a numeric column: the exact text Knit sent, NULL when absent.
// Decimal bounds its text and exponent well inside numeric's range.
func amount(d basemodel.Decimal) any {
	if d.IsZero() {
		return nil
	}
	return d.String()
}

// firstEmail is the first e-mail address of l, or NULL.
func firstEmail(l []basemodel.Email) any {
	for _, e := range l {
		if e.Email != "" {
			return e.Email
		}
	}
	return nil
}

var tableColumns = map[Table]typedColumns{
	TableEmployees: {
		names: []string{"first_name", "last_name", "work_email", "employee_number", "employment_status", "employment_type",
			"department", "designation", "manager_id", "start_date", "termination_date"},
		times: map[string]bool{"start_date": true, "termination_date": true},
		model: "hris.Employee",
		extract: columnsOf(hris.DecodeEmployee, func(e *hris.Employee) []any {
			var (
				p hris.Profile
				o hris.OrgStructure
				m hris.Manager
			)
			if e.Profile != nil {
				p = *e.Profile
			}
			if e.OrgStructure != nil {
				o = *e.OrgStructure
			}
			if o.Manager != nil {
				m = *o.Manager
			}
			return []any{text(p.FirstName), text(p.LastName), text(p.WorkEmail), text(p.EmployeeNumber),
				text(p.EmploymentStatus), text(p.EmploymentType), text(o.Department), text(o.Designation),
				text(m.ID), date(p.StartDate), date(p.TerminationDate)}
		}),
	},
	TableJobs: {
		names: []string{"title", "status", "department", "created_at", "updated_at", "closed_at"},
		times: map[string]bool{"created_at": true, "updated_at": true, "closed_at": true},
		model: "ats.Job",
		extract: columnsOf(ats.DecodeJob, func(j *ats.Job) []any {
			var dept any
			if len(j.Departments) > 0 {
				dept = text(j.Departments[0].Name)
			}
			i := j.Info
			return []any{text(i.Title), text(i.Status), dept, date(i.CreatedAt), date(i.UpdatedAt), date(i.ClosedAt)}
		}),
	},
	TableApplications: {
		names: []string{"status", "job_id", "candidate_id", "candidate_email", "current_stage", "applied_at", "updated_at"},
		times: map[string]bool{"applied_at": true, "updated_at": true},
		model: "ats.Application",
		extract: columnsOf(ats.DecodeApplication, func(a *ats.Application) []any {
			i := a.Info
			return []any{text(i.Status), text(i.JobID), text(i.Candidate.ID), firstEmail(i.Candidate.Emails),
				text(a.CurrentStage.Text), date(i.AppliedAt), date(i.UpdatedAt)}
		}),
	},
	TableCandidates: {
		names: []string{"first_name", "last_name", "email", "location"},
		model: "ats.Candidate",
		extract: columnsOf(ats.DecodeCandidate, func(c *ats.Candidate) []any {
			i := c.Info
			return []any{text(i.FirstName), text(i.LastName), firstEmail(i.Emails), text(i.Location)}
		}),
	},
	TableInvoices: {
		names: []string{"invoice_number", "type", "status", "contact_id", "currency", "total_amount", "remaining_amount",
			"issue_date", "due_date", "paid_on_date"},
		numeric: map[string]bool{"total_amount": true, "remaining_amount": true},
		times:   map[string]bool{"issue_date": true, "due_date": true, "paid_on_date": true},
		model:   "accounting.Invoice",
		extract: columnsOf(accounting.DecodeInvoice, func(inv *accounting.Invoice) []any {
			i := inv.Info
			return []any{text(i.InvoiceNumber), text(i.Type), text(i.Status), text(i.ContactID), text(i.Currency),
				amount(i.TotalAmount), amount(i.RemainingAmount), date(i.IssueDate), date(i.DueDate), date(i.PaidOnDate)}
		}),
	},
	TableLedgerAccounts: {
		names:   []string{"name", "category", "type", "status", "account_number", "currency", "current_balance"},
		numeric: map[string]bool{"current_balance": true},
		model:   "accounting.Account",
		extract: columnsOf(accounting.DecodeAccount, func(a *accounting.Account) []any {
			i := a.Info
			return []any{text(i.Name), text(i.Category), text(i.Type), text(i.Status), text(i.AccountNumber),
				text(i.Currency), amount(i.CurrentBalance)}
		}),
	},
	TableAccountingContacts: {
		names: []string{"name", "contact_type", "status", "email", "currency"},
		model: "accounting.Contact",
		extract: columnsOf(accounting.DecodeContact, func(c *accounting.Contact) []any {
			i := c.Info
			return []any{text(i.Name), text(i.ContactType), text(i.Status), firstEmail(c.Emails), text(i.Currency)}
		}),
	},
	TableJournalEntries: {
		names: []string{"name", "status", "currency", "reference_number", "date"},
		times: map[string]bool{"date": true},
		model: "accounting.JournalEntry",
		extract: columnsOf(accounting.DecodeJournalEntry, func(j *accounting.JournalEntry) []any {
			i := j.Info
			return []any{text(i.Name), text(i.Status), text(i.Currency), text(i.ReferenceNumber), date(i.Date)}
		}),
	},
}
