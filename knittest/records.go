package knittest

import (
	"encoding/json"
	"fmt"

	"github.com/knit-sdk/knit-go/accounting"
)

// dataset is the playground's data. It is generated once from the seed and
// then changed only by write methods and the mutation helpers.
type dataset struct {
	employees    []*employee
	balances     map[string][]leaveBalance
	payroll      map[string][]payroll
	documents    map[string][]document
	deductions   []deduction
	enrollments  map[string][]employeeDeduction
	jobs         []*job
	candidates   []*candidateRecord
	applications []*application
	contacts     []*contact
	accounts     []*account
	deals        []*deal
	ledger       []*ledgerAccount
	invoices     []*invoice
	// accountingContacts and journal are the accounting contacts and
	// journal entries (genAccountingExtra).
	accountingContacts []*accountingContact
	journal            []*journalEntry
	// expenses and payments are the accounting spend records
	// (genAccountingSpend).
	expenses []*accounting.Expense
	payments []*accounting.PaymentRecord
}

// generate builds the dataset for seed. Each category draws from its own
// PCG stream, so growing one category never reshuffles another.
func generate(seed int64) *dataset {
	d := &dataset{
		balances:    map[string][]leaveBalance{},
		payroll:     map[string][]payroll{},
		documents:   map[string][]document{},
		enrollments: map[string][]employeeDeduction{},
	}
	genEmployees(newGen(seed, 1), d)
	genHRISExtras(newGen(seed, 2), d)
	ats := newGen(seed, 3)
	genJobs(ats, d)
	genApplications(ats, d)
	genCRM(newGen(seed, 4), d)
	genAccounting(newGen(seed, 5), d)
	genAccountingExtra(newGen(seed, 6), d)
	genAccountingSpend(newGen(seed, 7), d)
	return d
}

// marshal returns the whole dataset as JSON; equal seeds give equal bytes.
func (d *dataset) marshal() ([]byte, error) {
	return json.Marshal(map[string]any{
		"employees": d.employees, "balances": d.balances, "payroll": d.payroll, "documents": d.documents,
		"deductions": d.deductions, "enrollments": d.enrollments, "jobs": d.jobs, "candidates": d.candidates,
		"applications": d.applications, "contacts": d.contacts, "accounts": d.accounts, "deals": d.deals,
		"ledger": d.ledger, "invoices": d.invoices, "accountingContacts": d.accountingContacts, "journal": d.journal,
		"expenses": d.expenses, "payments": d.payments,
	})
}

// syncRecord is one record as a sync sees it: its id and its sections keyed
// by Event Data Key.
type syncRecord struct {
	id       string
	sections map[string]json.RawMessage
}

// syncRecords returns the current records of a sync data type, in order.
func (d *dataset) syncRecords(dataType string) ([]syncRecord, error) {
	var out []syncRecord
	add := func(id string, v any) error {
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(b, &m); err != nil {
			return err
		}
		out = append(out, syncRecord{id: id, sections: m})
		return nil
	}
	var err error
	switch dataType {
	case DataTypeEmployee:
		for _, e := range d.employees {
			if err = add(e.Profile.ID, e); err != nil {
				break
			}
		}
	case DataTypeJobs:
		for _, j := range d.jobs {
			if err = add(j.Info.ID, j); err != nil {
				break
			}
		}
	case DataTypeApplications:
		for _, a := range d.applications {
			if err = add(a.Info.ID, a); err != nil {
				break
			}
		}
	case DataTypeCandidates:
		for _, c := range d.candidates {
			if err = add(c.Info.ID, c); err != nil {
				break
			}
		}
	case DataTypeInvoices:
		for _, inv := range d.invoices {
			if err = add(inv.Info.ID, inv); err != nil {
				break
			}
		}
	case PlaygroundDataTypeAccountingContacts:
		for _, c := range d.accountingContacts {
			if err = add(c.Info.ID, c); err != nil {
				break
			}
		}
	case PlaygroundDataTypeJournalEntries:
		for _, j := range d.journal {
			if err = add(j.Info.ID, j); err != nil {
				break
			}
		}
	case PlaygroundDataTypeExpenses:
		for _, e := range d.expenses {
			if err = add(e.Info.ID, e); err != nil {
				break
			}
		}
	case PlaygroundDataTypePayments:
		for _, p := range d.payments {
			if err = add(p.Info.ID, p); err != nil {
				break
			}
		}
	default:
		return nil, fmt.Errorf("unsupported data type %q", dataType)
	}
	return out, err
}

// clone deep-copies a record through JSON (all record types round-trip).
func clone[T any](v *T) T {
	var out T
	b, err := json.Marshal(v)
	if err == nil {
		_ = json.Unmarshal(b, &out)
	}
	return out
}

func cloneAll[T any](list []*T) []T {
	out := make([]T, len(list))
	for i, v := range list {
		out[i] = clone(v)
	}
	return out
}

// ptrs returns pointers to the elements of list, for cloneAll; nil stays nil.
func ptrs[T any](list []T) []*T {
	if list == nil {
		return nil
	}
	out := make([]*T, len(list))
	for i := range list {
		out[i] = &list[i]
	}
	return out
}

// find returns the index of the record with id, or -1.
func find[T any](list []*T, id string, idOf func(*T) string) int {
	for i, v := range list {
		if idOf(v) == id {
			return i
		}
	}
	return -1
}

func employeeID(e *employee) string         { return e.Profile.ID }
func jobID(j *job) string                   { return j.Info.ID }
func applicationID(a *application) string   { return a.Info.ID }
func candidateID(c *candidateRecord) string { return c.Info.ID }
func invoiceID(i *invoice) string           { return i.Info.ID }
func (d *dataset) employee(id string) *employee {
	if i := find(d.employees, id, employeeID); i >= 0 {
		return d.employees[i]
	}
	return nil
}

// update applies fn to a copy of the record with id and stores the copy, so
// a panicking fn leaves the data unchanged. keep rejects an id change.
func update[T any](list []*T, id string, idOf func(*T) string, fn func(*T)) error {
	i := find(list, id, idOf)
	if i < 0 {
		return fmt.Errorf("knittest: no record with id %q", id)
	}
	cp := clone(list[i])
	fn(&cp)
	if idOf(&cp) != id {
		return fmt.Errorf("knittest: the update changed the id of %q; ids are immutable", id)
	}
	list[i] = &cp
	return nil
}

func remove[T any](list []*T, id string, idOf func(*T) string) ([]*T, error) {
	i := find(list, id, idOf)
	if i < 0 {
		return list, fmt.Errorf("knittest: no record with id %q", id)
	}
	return append(list[:i:i], list[i+1:]...), nil
}
