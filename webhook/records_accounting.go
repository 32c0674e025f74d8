package webhook

import "github.com/knit-sdk/knit-go/accounting"

// Invoice decodes the event's invoice or bill record (sync data type
// accounting.DataTypeInvoices, "accounting_invoices") with
// accounting.DecodeInvoice. Errors as for Employee.
func (e *Event) Invoice() (*accounting.Invoice, error) {
	return decodeRecord(e, "accounting.Invoice", accounting.DataTypeInvoices, accounting.DecodeInvoice)
}

// LedgerAccount decodes the event's accounting account (chart of accounts)
// record with accounting.DecodeAccount; for a CRM account use Account. Knit
// documents no syncDataType string for accounting accounts, so any data
// type except the documented ones of other records is accepted. Errors as
// for Contact.
func (e *Event) LedgerAccount() (*accounting.Account, error) {
	return decodeRecord(e, "accounting.Account", "", accounting.DecodeAccount)
}

// AccountingEmployee decodes the event's accounting employee record with
// accounting.DecodeEmployee; for an HRIS employee use Employee. Knit
// documents no syncDataType string for accounting employees, so any data
// type except the documented ones of other records (including HRIS's
// "employee") is accepted. Errors as for Contact.
func (e *Event) AccountingEmployee() (*accounting.Employee, error) {
	return decodeRecord(e, "accounting.Employee", "", accounting.DecodeEmployee)
}

// AccountingContact decodes the event's accounting contact (customer or
// vendor) record with accounting.DecodeContact; for a CRM contact use
// Contact. Knit documents no syncDataType string for accounting contacts,
// so any data type except the documented ones of other records is
// accepted. Errors as for Contact.
func (e *Event) AccountingContact() (*accounting.Contact, error) {
	return decodeRecord(e, "accounting.Contact", "", accounting.DecodeContact)
}

// JournalEntry decodes the event's journal entry record with
// accounting.DecodeJournalEntry. Knit documents no syncDataType string for
// journal entries, so any data type except the documented ones of other
// records is accepted. Errors as for Contact.
func (e *Event) JournalEntry() (*accounting.JournalEntry, error) {
	return decodeRecord(e, "accounting.JournalEntry", "", accounting.DecodeJournalEntry)
}

// Expense decodes the event's expense record with
// accounting.DecodeExpense. Knit documents no syncDataType string for
// expenses, so any data type except the documented ones of other records
// is accepted. Errors as for Contact.
func (e *Event) Expense() (*accounting.Expense, error) {
	return decodeRecord(e, "accounting.Expense", "", accounting.DecodeExpense)
}

// PaymentRecord decodes the event's payment record (Knit's payment data
// model, not an invoice's payment lines) with
// accounting.DecodePaymentRecord. Knit documents no syncDataType string for
// payments, so any data type except the documented ones of other records
// is accepted. Errors as for Contact.
func (e *Event) PaymentRecord() (*accounting.PaymentRecord, error) {
	return decodeRecord(e, "accounting.PaymentRecord", "", accounting.DecodePaymentRecord)
}
