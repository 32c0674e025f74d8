package knittest

import (
	"encoding/json"
	"fmt"

	"github.com/knit-sdk/knit-go/accounting"
	"github.com/knit-sdk/knit-go/ats"
	"github.com/knit-sdk/knit-go/crm"
	"github.com/knit-sdk/knit-go/hris"
)

// The accessors below return the SDK's models, as the SDK decodes them from
// the server's answers; they are copies, so changing them does not change
// the server. [Server.PatchRecord], [Server.AddRecord] and
// [Server.DeleteRecord] change the data as the upstream app would, so the
// next delta_sync reports record.modified / record.new / record.deleted.

// models converts copies of the records in list to the SDK's models.
func models[T, M any](list []*T, model func(T) M) []M {
	out := make([]M, len(list))
	for i, v := range list {
		out[i] = model(clone(v))
	}
	return out
}

// Employees returns every employee, in list order.
func (s *Server) Employees() []hris.Employee {
	s.mu.Lock()
	defer s.mu.Unlock()
	return models(s.data.employees, employee.Model)
}

// Jobs returns every ATS job.
func (s *Server) Jobs() []ats.Job {
	s.mu.Lock()
	defer s.mu.Unlock()
	return models(s.data.jobs, job.Model)
}

// Applications returns every ATS application.
func (s *Server) Applications() []ats.Application {
	s.mu.Lock()
	defer s.mu.Unlock()
	return models(s.data.applications, application.Model)
}

// Candidates returns every ATS candidate.
func (s *Server) Candidates() []ats.Candidate {
	s.mu.Lock()
	defer s.mu.Unlock()
	return models(s.data.candidates, candidateRecord.Model)
}

// Invoices returns every accounting invoice.
func (s *Server) Invoices() []accounting.Invoice {
	s.mu.Lock()
	defer s.mu.Unlock()
	return models(s.data.invoices, invoice.Model)
}

// LedgerAccounts returns every accounting ledger account.
func (s *Server) LedgerAccounts() []accounting.Account {
	s.mu.Lock()
	defer s.mu.Unlock()
	return models(s.data.ledger, ledgerAccount.Model)
}

// AccountingContacts returns every accounting contact (customers and
// vendors; invoices refer to them by ID).
func (s *Server) AccountingContacts() []accounting.Contact {
	s.mu.Lock()
	defer s.mu.Unlock()
	return models(s.data.accountingContacts, accountingContact.Model)
}

// JournalEntries returns every journal entry (one per paid invoice or bill).
func (s *Server) JournalEntries() []accounting.JournalEntry {
	s.mu.Lock()
	defer s.mu.Unlock()
	return models(s.data.journal, journalEntry.Model)
}

// Contacts returns every CRM contact.
func (s *Server) Contacts() []crm.Contact {
	s.mu.Lock()
	defer s.mu.Unlock()
	return models(s.data.contacts, contact.Model)
}

// Accounts returns every CRM account.
func (s *Server) Accounts() []crm.Account {
	s.mu.Lock()
	defer s.mu.Unlock()
	return models(s.data.accounts, account.Model)
}

// Deals returns every CRM deal.
func (s *Server) Deals() []crm.Deal {
	s.mu.Lock()
	defer s.mu.Unlock()
	return models(s.data.deals, deal.Model)
}

// LeaveBalances returns the leave balances of an employee (nil if unknown).
func (s *Server) LeaveBalances(employeeID string) []hris.LeaveBalance {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.data.balances[employeeID] == nil {
		return nil
	}
	return models(ptrs(s.data.balances[employeeID]), leaveBalance.Model)
}

// Payroll returns the pay runs of an employee, oldest first (none for an
// unknown employee); hr.employees.payroll.get answers one of them per month.
func (s *Server) Payroll(employeeID string) []hris.Payroll {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.data.payroll[employeeID] == nil {
		return nil
	}
	return models(ptrs(s.data.payroll[employeeID]), payroll.Model)
}

// Records returns every record of kind as the JSON the playground sends for
// it, in Knit's keys (a sync's eventData), in list order, as GET
// /_knittest/records/{kind} does. The kinds are those of
// [Server.PatchRecord].
func (s *Server) Records(kind string) ([]json.RawMessage, error) {
	k, err := kindNamed(kind)
	if err != nil {
		return nil, fmt.Errorf("knittest: Records: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	list := k.list(s.data)
	out := make([]json.RawMessage, len(list))
	for i, r := range list {
		if out[i], err = json.Marshal(r); err != nil {
			return nil, fmt.Errorf("knittest: Records %s: %w", kind, err)
		}
	}
	return out, nil
}

// PatchRecord changes the record of kind with id by an RFC 7396 JSON merge
// patch written in Knit's keys, as PATCH /_knittest/records/{kind}/{id} of
// the control API does (CONTROL.md lists the kinds: "employees", "jobs",
// "applications", "candidates", "invoices", "ledger-accounts",
// "accounting-contacts", "contacts", "accounts", "deals"). For example
//
//	srv.PatchRecord("employees", "EMP1005", []byte(`{"orgStructure":{"designation":"Principal Engineer"}}`))
//
// It returns an error, and changes nothing, for an unknown kind or id, a
// patch that is not a JSON object, names a key the record does not have, or
// changes the id.
func (s *Server) PatchRecord(kind, id string, patch []byte) error {
	k, err := kindNamed(kind)
	if err != nil {
		return fmt.Errorf("knittest: PatchRecord: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := k.patch(s.data, id, patch); err != nil {
		return fmt.Errorf("knittest: PatchRecord %s %q: %w", kind, id, err)
	}
	return nil
}

// AddRecord adds a record of kind, given as JSON in Knit's keys (the shape a
// sync delivers as eventData), and returns its id, as POST
// /_knittest/records/{kind} does. The id must be new; a key the record
// does not have is an error.
func (s *Server) AddRecord(kind string, record []byte) (string, error) {
	k, err := kindNamed(kind)
	if err != nil {
		return "", fmt.Errorf("knittest: AddRecord: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	id, err := k.add(s.data, record)
	if err != nil {
		return "", fmt.Errorf("knittest: AddRecord %s: %w", kind, err)
	}
	return id, nil
}

// DeleteRecord removes the record of kind with id, as if deleted in the
// upstream app, as DELETE /_knittest/records/{kind}/{id} does.
func (s *Server) DeleteRecord(kind, id string) error {
	k, err := kindNamed(kind)
	if err != nil {
		return fmt.Errorf("knittest: DeleteRecord: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := k.delete(s.data, id); err != nil {
		return fmt.Errorf("knittest: DeleteRecord %s %q: %w", kind, id, err)
	}
	return nil
}

func kindNamed(kind string) (recordKind, error) {
	k, ok := recordKinds[kind]
	if !ok {
		return recordKind{}, fmt.Errorf("unknown record kind %q (want one of %s)", kind, recordKindNames())
	}
	return k, nil
}
