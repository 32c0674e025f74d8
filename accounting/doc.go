// Package accounting holds Knit's unified accounting models (chart of
// accounts, invoices and bills, employees, contacts, journal entries,
// expenses, payments), decoders for the sync events that carry them, and
// invoice creation.
//
// # Knit methods
//
// Each method calls one Knit method:
//
//	in.Accounting.Invoices.Create  POST accounting.invoice.create
//
// # Creating an invoice
//
// Invoices.Create calls accounting.invoice.create on the connected app
// (Xero, QuickBooks, NetSuite, Zoho Books, Sage Intacct, Sage 200,
// Microsoft Dynamics 365, Freshbooks, Wave or Odoo):
//
//	total, err := basemodel.NewDecimal("1250.00")
//	// handle err
//	res, err := in.Accounting.Invoices.Create(ctx, &accounting.InvoiceCreateParams{
//		Type:      accounting.InvoiceTypeInvoice,
//		ContactID: customerID,
//		DueDate:   basemodel.NewDate(time.Now().AddDate(0, 0, 30)),
//		Currency:  "USD",
//		LineItems: []accounting.InvoiceLineItemParams{
//			{Description: "Consulting", Amount: total, AccountID: "4000"},
//		},
//	})
//	// res.ID is the new invoice's ID (data.invoiceId); res.Raw is all of data.
//
// The params are checked before anything is sent (Type and ContactID are
// required; each line needs an Amount, or a Quantity with a UnitRate or an
// ItemID); a mistake is a *knit.ParamError naming the field. Which fields an
// app honours differs per app (Knit's create-an-invoice page lists them):
// app-specific fields go in MetaData, and body keys this SDK does not name in
// Extra. An app that cannot create invoices answers knit.ErrNotSupported.
//
// # Reading: syncs
//
// Knit pushes accounting records to your webhook. Accounts and contacts sync
// automatically once a customer connects an app; invoices need an explicit
// sync:
//
//	job, err := in.Sync.Start(ctx, &knit.SyncStartParams{
//		DataType: accounting.DataTypeInvoices,
//		Models:   []string{accounting.ModelInvoiceInfo, accounting.ModelInvoiceLineItems},
//	})
//
// Decode each record.* event's eventData with [DecodeInvoice], [DecodeAccount],
// [DecodeEmployee], [DecodeContact] (customers and vendors) or
// [DecodeJournalEntry]. Journal entries, like invoices, sync only after an
// explicit sync.start; Knit documents the sync data type string of
// invoices only ([DataTypeInvoices]), so pass the string Knit's dashboard
// shows for the others. Expenses ([DecodeExpense]) and payments
// ([DecodePaymentRecord], Knit's payment model; [Payment] is an invoice's
// payment line) also sync only after an explicit sync.start, and Knit does
// not document their data type strings either.
//
// # Reading on demand
//
// Knit's data-model pages point to on-demand read APIs: List Accounts
// (https://developers.getknit.dev/reference/list-accounts), List Invoices
// (/reference/list-invoices), List Journal Entries
// (/reference/list-journal-entries), List Expenses (/reference/list-expenses),
// List Payments (/reference/list-payments) and List Employees
// (/reference/list-employees). Those reference pages could not be read for
// this SDK: their method names, parameters and answers are unknown, so
// this package has no List methods rather than guessed ones. Call them
// with IntegrationClient.Do once you have the method name from the page:
//
//	var out json.RawMessage // the answer's shape is on the page too
//	err := in.Do(ctx, http.MethodGet, methodFromKnitsPage, url.Values{}, &out)
//
// If its records have the sync models' shape ({"info": ..., "lineItems":
// ...}), DecodeExpense and its siblings decode each one.
//
// Knit's create-an-invoice page refers Zoho Books users to a "List
// Currencies" API for the currency ID, without its method name; reach it
// with IntegrationClient.Do once you have the name.
//
// # Money
//
// Every amount, balance, tax, discount, quantity and exchange rate is a
// [basemodel.Decimal] holding the exact digits Knit sent — numbers and the
// string exchangeRate alike — never a float64. Re-encoding writes the same
// bytes back. Use Rat or Scaled (e.g. cents) to compute exactly, Float64 for
// display only.
//
// # Knit's spellings
//
// The models and enum values of this package are those Knit documents on
// its accounting data-model pages and create-an-invoice page (each type cites
// its page), not guesses or names seen only in third-party code. Where Knit's
// pages disagree with themselves, both spellings decode:
//
// Knit's accounts page spells the liability type "LIBALITY"; [AccountType]
// decodes it and "LIABILITY" alike to [AccountTypeLiability]. The contacts
// and journal-entry pages also show an older and a current table (contact
// type/contactType and company/companyId; journal entry notes/description,
// company/companyId, line account/accountId and contact/contactId);
// [ContactInfo], [JournalEntryInfo] and [JournalLine] decode both. The invoice
// model has two documented versions (contactId/description and
// contact/notes; line items {lineItemId, itemId, itemCode, itemName, ...}
// and {id, name, quantity, rate, discount}); [InvoiceInfo] and [LineItem] decode
// both and re-encode with the current names.
package accounting
