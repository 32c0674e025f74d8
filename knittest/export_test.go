package knittest

import (
	"net/http"
	"time"
)

// AttendanceFor exposes the attendance generator to the external tests.
func AttendanceFor(e *Employee, day time.Time) (Attendance, bool) { return attendanceFor(e, day) }

// Record exposes the request log's append to the external tests, which
// fill it past its bounds without 10,000 HTTP round trips.
func (s *Server) Record(method string, r *http.Request, body []byte) { s.record(method, r, body) }

// The record types are unexported: the package exports its server and the
// SDK's models, not a second spelling of every model. The tests keep
// comparing that independent spelling with the SDK under these names.
type (
	Account               = account
	AccountFields         = accountFields
	AccountInfo           = accountInfo
	AccountingContact     = accountingContact
	AccountingContactInfo = accountingContactInfo
	Address               = address
	Application           = application
	ApplicationInfo       = applicationInfo
	Attachment            = attachment
	Attendance            = attendance
	BankAccount           = bankAccount
	CRMContactInfo        = crmContactInfo
	CRMUser               = crmUser
	Candidate             = candidate
	CandidateRecord       = candidateRecord
	Company               = company
	Compensation          = compensation
	CompensationItem      = compensationItem
	Contact               = contact
	Deal                  = deal
	DealInfo              = dealInfo
	DealStage             = dealStage
	Deduction             = deduction
	Dependent             = dependent
	Document              = document
	Education             = education
	Email                 = email
	Employee              = employee
	EmployeeContactInfo   = employeeContactInfo
	EmployeeDeduction     = employeeDeduction
	EmployeePhone         = employeePhone
	EmployeeProfile       = employeeProfile
	Experience            = experience
	IDName                = idName
	Identification        = identification
	Interview             = interview
	Invoice               = invoice
	InvoiceInfo           = invoiceInfo
	Job                   = job
	JobInfo               = jobInfo
	JournalEntry          = journalEntry
	JournalEntryInfo      = journalEntryInfo
	JournalLine           = journalLine
	LeaveBalance          = leaveBalance
	LeaveRequest          = leaveRequest
	LeaveType             = leaveType
	LedgerAccount         = ledgerAccount
	LedgerAccountInfo     = ledgerAccountInfo
	LineItem              = lineItem
	Locations             = locations
	ManagerRef            = managerRef
	Offer                 = offer
	Office                = office
	OrgStructure          = orgStructure
	PayItem               = payItem
	Payment               = payment
	Payroll               = payroll
	Phone                 = phone
	Rejection             = rejection
	RoutingInfo           = routingInfo
	Stage                 = stage
	Timesheet             = timesheet
	User                  = user
)

// The record accessors below return the records themselves (copies), for
// the tests that compare the playground's spelling with the SDK's models.

func (s *Server) EmployeeRecords() []Employee {
	return recordsOf(s, func(d *dataset) []*employee { return d.employees })
}
func (s *Server) JobRecords() []Job { return recordsOf(s, func(d *dataset) []*job { return d.jobs }) }
func (s *Server) ApplicationRecords() []Application {
	return recordsOf(s, func(d *dataset) []*application { return d.applications })
}
func (s *Server) CandidateRecords() []CandidateRecord {
	return recordsOf(s, func(d *dataset) []*candidateRecord { return d.candidates })
}
func (s *Server) InvoiceRecords() []Invoice {
	return recordsOf(s, func(d *dataset) []*invoice { return d.invoices })
}
func (s *Server) LedgerAccountRecords() []LedgerAccount {
	return recordsOf(s, func(d *dataset) []*ledgerAccount { return d.ledger })
}
func (s *Server) AccountingContactRecords() []AccountingContact {
	return recordsOf(s, func(d *dataset) []*accountingContact { return d.accountingContacts })
}
func (s *Server) JournalEntryRecords() []JournalEntry {
	return recordsOf(s, func(d *dataset) []*journalEntry { return d.journal })
}
func (s *Server) ContactRecords() []Contact {
	return recordsOf(s, func(d *dataset) []*contact { return d.contacts })
}
func (s *Server) AccountRecords() []Account {
	return recordsOf(s, func(d *dataset) []*account { return d.accounts })
}
func (s *Server) DealRecords() []Deal {
	return recordsOf(s, func(d *dataset) []*deal { return d.deals })
}
func (s *Server) LeaveBalanceRecords(employeeID string) []LeaveBalance {
	return recordsOf(s, func(d *dataset) []*leaveBalance { return ptrs(d.balances[employeeID]) })
}
func (s *Server) PayrollRecords(employeeID string) []Payroll {
	return recordsOf(s, func(d *dataset) []*payroll { return ptrs(d.payroll[employeeID]) })
}

func recordsOf[T any](s *Server, list func(*dataset) []*T) []T {
	s.mu.Lock()
	defer s.mu.Unlock()
	return cloneAll(list(s.data))
}
