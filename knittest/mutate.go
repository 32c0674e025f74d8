package knittest

import "fmt"

// The accessors below return deep copies: changing them does not change the
// server. The mutation helpers change the data as the upstream app would, so
// the next delta_sync reports record.modified / record.deleted / record.new.

// Employees returns every employee, in list order.
func (s *Server) Employees() []Employee {
	s.mu.Lock()
	defer s.mu.Unlock()
	return cloneAll(s.data.employees)
}

// Jobs returns every ATS job.
func (s *Server) Jobs() []Job {
	s.mu.Lock()
	defer s.mu.Unlock()
	return cloneAll(s.data.jobs)
}

// Applications returns every ATS application.
func (s *Server) Applications() []Application {
	s.mu.Lock()
	defer s.mu.Unlock()
	return cloneAll(s.data.applications)
}

// Candidates returns every ATS candidate.
func (s *Server) Candidates() []CandidateRecord {
	s.mu.Lock()
	defer s.mu.Unlock()
	return cloneAll(s.data.candidates)
}

// Invoices returns every accounting invoice.
func (s *Server) Invoices() []Invoice {
	s.mu.Lock()
	defer s.mu.Unlock()
	return cloneAll(s.data.invoices)
}

// LedgerAccounts returns every accounting ledger account.
func (s *Server) LedgerAccounts() []LedgerAccount {
	s.mu.Lock()
	defer s.mu.Unlock()
	return cloneAll(s.data.ledger)
}

// AccountingContacts returns every accounting contact (customers and
// vendors; invoices refer to them by ID).
func (s *Server) AccountingContacts() []AccountingContact {
	s.mu.Lock()
	defer s.mu.Unlock()
	return cloneAll(s.data.accountingContacts)
}

// JournalEntries returns every journal entry (one per paid invoice or bill).
func (s *Server) JournalEntries() []JournalEntry {
	s.mu.Lock()
	defer s.mu.Unlock()
	return cloneAll(s.data.journal)
}

// Contacts returns every CRM contact.
func (s *Server) Contacts() []Contact {
	s.mu.Lock()
	defer s.mu.Unlock()
	return cloneAll(s.data.contacts)
}

// Accounts returns every CRM account.
func (s *Server) Accounts() []Account {
	s.mu.Lock()
	defer s.mu.Unlock()
	return cloneAll(s.data.accounts)
}

// Deals returns every CRM deal.
func (s *Server) Deals() []Deal {
	s.mu.Lock()
	defer s.mu.Unlock()
	return cloneAll(s.data.deals)
}

// LeaveBalances returns the leave balances of an employee (nil if unknown).
func (s *Server) LeaveBalances(employeeID string) []LeaveBalance {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]LeaveBalance(nil), s.data.balances[employeeID]...)
}

// Payroll returns the pay runs of an employee, oldest first (none for an
// unknown employee); hr.employees.payroll.get answers one of them per month.
func (s *Server) Payroll(employeeID string) []Payroll {
	s.mu.Lock()
	defer s.mu.Unlock()
	return cloneAll(ptrs(s.data.payroll[employeeID]))
}

// UpdateEmployee changes the employee with id through fn (on a copy; the id
// must not change).
func (s *Server) UpdateEmployee(id string, fn func(*Employee)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return update(s.data.employees, id, employeeID, fn)
}

// DeleteEmployee removes an employee, as if deleted in the upstream app.
func (s *Server) DeleteEmployee(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var err error
	s.data.employees, err = remove(s.data.employees, id, employeeID)
	return err
}

// AddEmployee adds an employee; its Profile.ID must be new.
func (s *Server) AddEmployee(e Employee) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e.Profile.ID == "" || s.data.employee(e.Profile.ID) != nil {
		return fmt.Errorf("knittest: AddEmployee: Profile.ID %q is empty or already used", e.Profile.ID)
	}
	cp := clone(&e)
	s.data.employees = append(s.data.employees, &cp)
	return nil
}

// UpdateJob changes the job with id through fn.
func (s *Server) UpdateJob(id string, fn func(*Job)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return update(s.data.jobs, id, jobID, fn)
}

// DeleteJob removes a job.
func (s *Server) DeleteJob(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var err error
	s.data.jobs, err = remove(s.data.jobs, id, jobID)
	return err
}

// UpdateApplication changes the application with id through fn.
func (s *Server) UpdateApplication(id string, fn func(*Application)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return update(s.data.applications, id, applicationID, fn)
}

// DeleteApplication removes an application.
func (s *Server) DeleteApplication(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var err error
	s.data.applications, err = remove(s.data.applications, id, applicationID)
	return err
}

// UpdateCandidate changes the candidate with id through fn.
func (s *Server) UpdateCandidate(id string, fn func(*CandidateRecord)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return update(s.data.candidates, id, candidateID, fn)
}

// UpdateInvoice changes the invoice with id through fn.
func (s *Server) UpdateInvoice(id string, fn func(*Invoice)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return update(s.data.invoices, id, invoiceID, fn)
}

// DeleteInvoice removes an invoice.
func (s *Server) DeleteInvoice(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var err error
	s.data.invoices, err = remove(s.data.invoices, id, invoiceID)
	return err
}
