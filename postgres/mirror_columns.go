package knitpostgres

import (
	"encoding/json"
	"math/big"
	"strconv"
	"strings"
	"time"
)

// The typed columns of the record tables are filled by the mirror from the
// record's JSON (the same values the schema documents), not by generated
// columns: Postgres evaluating a dozen JSON paths per row under concurrent
// writes cost more than the rest of the mirror. A value that is absent,
// null, of another JSON type or does not parse is NULL; it never fails the
// event.

// jtext is a JSON string, number or boolean as text.
type jtext struct{ v *string }

func (t *jtext) UnmarshalJSON(b []byte) error {
	switch {
	case len(b) == 0, string(b) == "null", b[0] == '{', b[0] == '[':
	case b[0] == '"':
		var s string
		if json.Unmarshal(b, &s) == nil {
			t.v = &s
		}
	default:
		s := string(b)
		t.v = &s
	}
	return nil
}

func (t jtext) value() any {
	if t.v == nil {
		return nil
	}
	return *t.v
}

// jtime is a date: epoch milliseconds (a number or a string of at least 11
// digits), RFC 3339, or an ISO 8601 date or date-time without an offset
// (read as UTC).
type jtime struct{ v *time.Time }

var timeLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05", "2006-01-02"}

func (t *jtime) UnmarshalJSON(b []byte) error {
	var s jtext
	_ = s.UnmarshalJSON(b)
	if s.v == nil {
		return nil
	}
	str := strings.TrimSpace(*s.v)
	if len(str) >= 11 && strings.Trim(str, "0123456789") == "" {
		if ms, err := strconv.ParseInt(str, 10, 64); err == nil {
			v := time.UnixMilli(ms).UTC()
			t.v = &v
		}
		return nil
	}
	for _, layout := range timeLayouts {
		if v, err := time.Parse(layout, str); err == nil {
			t.v = &v
			return nil
		}
	}
	return nil
}

func (t jtime) value() any {
	if t.v == nil {
		return nil
	}
	return *t.v
}

// jnum is an exact amount, a JSON number or a numeric string, kept as its
// decimal text for a numeric column.
type jnum struct{ v *string }

func (n *jnum) UnmarshalJSON(b []byte) error {
	var s jtext
	_ = s.UnmarshalJSON(b)
	if s.v == nil {
		return nil
	}
	str := strings.TrimSpace(*s.v)
	if _, ok := new(big.Rat).SetString(str); ok && !strings.Contains(str, "/") && len(str) <= 100 {
		n.v = &str
	}
	return nil
}

func (n jnum) value() any {
	if n.v == nil {
		return nil
	}
	return *n.v
}

type jname struct {
	Name jtext `json:"name"`
}

type jemail struct {
	Email jtext `json:"email"`
}

func firstName(l []jname) any {
	if len(l) == 0 {
		return nil
	}
	return l[0].Name.value()
}

func firstEmail(l []jemail) any {
	if len(l) == 0 {
		return nil
	}
	return l[0].Email.value()
}

// typedColumns describes one table's typed columns: their names (and SQL
// casts) and how to read them from a record's JSON.
type typedColumns struct {
	names []string
	// numeric and times name the columns of those types; the rest are text.
	numeric, times map[string]bool
	extract        func(data []byte) []any
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

// decodeLoose decodes data into v, keeping what decoded: a field of an
// unexpected type leaves that field zero rather than failing the event.
func decodeLoose(data []byte, v any) { _ = json.Unmarshal(data, v) }

var tableColumns = map[Table]typedColumns{
	TableEmployees: {
		names: []string{"first_name", "last_name", "work_email", "employee_number", "employment_status", "employment_type",
			"department", "designation", "manager_id", "start_date", "termination_date"},
		times: map[string]bool{"start_date": true, "termination_date": true},
		extract: func(data []byte) []any {
			var r struct {
				Profile struct {
					FirstName, LastName, WorkEmail, EmployeeNumber, EmploymentStatus, EmploymentType jtext
					StartDate, TerminationDate                                                       jtime
				} `json:"profile"`
				OrgStructure struct {
					Department, Designation jtext
					Manager                 struct {
						ID jtext `json:"id"`
					} `json:"manager"`
				} `json:"orgStructure"`
			}
			decodeLoose(data, &r)
			p, o := r.Profile, r.OrgStructure
			return []any{p.FirstName.value(), p.LastName.value(), p.WorkEmail.value(), p.EmployeeNumber.value(),
				p.EmploymentStatus.value(), p.EmploymentType.value(), o.Department.value(), o.Designation.value(),
				o.Manager.ID.value(), p.StartDate.value(), p.TerminationDate.value()}
		},
	},
	TableJobs: {
		names: []string{"title", "status", "department", "created_at", "updated_at", "closed_at"},
		times: map[string]bool{"created_at": true, "updated_at": true, "closed_at": true},
		extract: func(data []byte) []any {
			var r struct {
				Info struct {
					Title, Status                  jtext
					CreatedAt, UpdatedAt, ClosedAt jtime
				} `json:"info"`
				Departments []jname `json:"departments"`
			}
			decodeLoose(data, &r)
			i := r.Info
			return []any{i.Title.value(), i.Status.value(), firstName(r.Departments), i.CreatedAt.value(), i.UpdatedAt.value(), i.ClosedAt.value()}
		},
	},
	TableApplications: {
		names: []string{"status", "job_id", "candidate_id", "candidate_email", "current_stage", "applied_at", "updated_at"},
		times: map[string]bool{"applied_at": true, "updated_at": true},
		extract: func(data []byte) []any {
			var r struct {
				Info struct {
					Status    jtext
					JobID     jtext `json:"jobId"`
					Candidate struct {
						ID     jtext    `json:"id"`
						Emails []jemail `json:"emails"`
					} `json:"candidate"`
					AppliedAt, UpdatedAt jtime
				} `json:"info"`
				CurrentStage jname `json:"currentStage"`
			}
			decodeLoose(data, &r)
			i := r.Info
			return []any{i.Status.value(), i.JobID.value(), i.Candidate.ID.value(), firstEmail(i.Candidate.Emails),
				r.CurrentStage.Name.value(), i.AppliedAt.value(), i.UpdatedAt.value()}
		},
	},
	TableCandidates: {
		names: []string{"first_name", "last_name", "email", "location"},
		extract: func(data []byte) []any {
			var r struct {
				Info struct {
					FirstName, LastName, Location jtext
					Emails                        []jemail `json:"emails"`
				} `json:"info"`
			}
			decodeLoose(data, &r)
			i := r.Info
			return []any{i.FirstName.value(), i.LastName.value(), firstEmail(i.Emails), i.Location.value()}
		},
	},
	TableInvoices: {
		names: []string{"invoice_number", "type", "status", "contact_id", "currency", "total_amount", "remaining_amount",
			"issue_date", "due_date", "paid_on_date"},
		numeric: map[string]bool{"total_amount": true, "remaining_amount": true},
		times:   map[string]bool{"issue_date": true, "due_date": true, "paid_on_date": true},
		extract: func(data []byte) []any {
			var r struct {
				Info struct {
					InvoiceNumber, Type, Status    jtext
					ContactID                      jtext `json:"contactId"`
					Currency                       jtext
					TotalAmount, RemainingAmount   jnum
					IssueDate, DueDate, PaidOnDate jtime
				} `json:"info"`
			}
			decodeLoose(data, &r)
			i := r.Info
			return []any{i.InvoiceNumber.value(), i.Type.value(), i.Status.value(), i.ContactID.value(), i.Currency.value(),
				i.TotalAmount.value(), i.RemainingAmount.value(), i.IssueDate.value(), i.DueDate.value(), i.PaidOnDate.value()}
		},
	},
	TableLedgerAccounts: {
		names:   []string{"name", "category", "type", "status", "account_number", "currency", "current_balance"},
		numeric: map[string]bool{"current_balance": true},
		extract: func(data []byte) []any {
			var r struct {
				Info struct {
					Name, Category, Type, Status, AccountNumber, Currency jtext
					CurrentBalance                                        jnum
				} `json:"info"`
			}
			decodeLoose(data, &r)
			i := r.Info
			return []any{i.Name.value(), i.Category.value(), i.Type.value(), i.Status.value(), i.AccountNumber.value(),
				i.Currency.value(), i.CurrentBalance.value()}
		},
	},
	TableAccountingContacts: {
		names: []string{"name", "contact_type", "status", "email", "currency"},
		extract: func(data []byte) []any {
			var r struct {
				Info struct {
					Name, ContactType, Status, Currency jtext
				} `json:"info"`
				Emails []jemail `json:"emails"`
			}
			decodeLoose(data, &r)
			i := r.Info
			return []any{i.Name.value(), i.ContactType.value(), i.Status.value(), firstEmail(r.Emails), i.Currency.value()}
		},
	},
	TableJournalEntries: {
		names: []string{"name", "status", "currency", "reference_number", "date"},
		times: map[string]bool{"date": true},
		extract: func(data []byte) []any {
			var r struct {
				Info struct {
					Name, Status, Currency, ReferenceNumber jtext
					Date                                    jtime
				} `json:"info"`
			}
			decodeLoose(data, &r)
			i := r.Info
			return []any{i.Name.value(), i.Status.value(), i.Currency.value(), i.ReferenceNumber.value(), i.Date.value()}
		},
	},
}
