package accounting

// DataTypeInvoices is the sync.start data type for invoices and bills, as
// Knit's accounting guide documents it
// (https://developers.getknit.dev/docs/accounting-guides). Knit starts the accounts and contacts syncs by itself after an
// integration; their data type strings are not documented, so this package
// names none (knit.SyncStartParams.DataType accepts any string).
const DataTypeInvoices = "accounting_invoices"

// Model IDs to pass in knit.SyncStartParams.Models, as Knit's accounts,
// invoice, employee, contacts, journal-entry, expense and payment data-model
// pages document them. The event data key each one fills in a record's eventData is noted
// next to it.
const (
	ModelAccountInfo = "accounting_accounts_info" // info

	ModelInvoiceInfo      = "accounting_invoice_info"      // info
	ModelInvoiceLineItems = "accounting_invoice_lineItems" // lineItems
	ModelInvoiceAddresses = "accounting_invoice_addresses" // addresses
	ModelInvoicePayments  = "accounting_invoice_payments"  // payments

	ModelEmployeeInfo = "accounting_employee_info" // info

	ModelContactInfo      = "accounting_contact_info"      // info
	ModelContactAddresses = "accounting_contact_addresses" // addresses
	ModelContactPhones    = "accounting_contact_phones"    // phones
	ModelContactEmails    = "accounting_contact_emails"    // emails
	ModelContactUsers     = "accounting_contact_users"     // users

	ModelJournalEntryInfo      = "accounting_journalEntry_info"      // info
	ModelJournalEntryLineItems = "accounting_journalEntry_lineItems" // lineItems

	// Expenses: https://developers.getknit.dev/reference/expense-accounting-data-model
	// (Knit writes "expenses" in the first ID and "expense" in the second).
	ModelExpenseInfo      = "accounting_expenses_info"     // info
	ModelExpenseLineItems = "accounting_expense_lineItems" // lineItems

	// Payments: https://developers.getknit.dev/reference/payment-apis
	ModelPaymentInfo      = "accounting_payment_info"      // info
	ModelPaymentLineItems = "accounting_payment_lineItems" // lineItems
)
