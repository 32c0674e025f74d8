package webhook

import "github.com/knit-sdk/knit-go/crm"

// Knit documents no syncDataType strings for CRM records, so the CRM
// accessors accept any data type except the documented ones of other
// categories (hris.DataTypeEmployee, ats.DataType*, accounting.DataTypeInvoices).

// Contact decodes the event's CRM contact record with crm.DecodeContact.
// Errors: ErrDataTypeMismatch when syncDataType is a documented non-CRM data
// type, ErrNotRecordEvent for sync.*, app.* and bot.* events, and the
// decoder's error when eventData is not a contact object.
func (e *Event) Contact() (*crm.Contact, error) {
	return decodeRecord(e, "crm.Contact", "", crm.DecodeContact)
}

// Account decodes the event's CRM account (company) record with
// crm.DecodeAccount; for an accounting ledger account use LedgerAccount.
// Errors as for Contact.
func (e *Event) Account() (*crm.Account, error) {
	return decodeRecord(e, "crm.Account", "", crm.DecodeAccount)
}

// Deal decodes the event's CRM deal record with crm.DecodeDeal. Errors as
// for Contact.
func (e *Event) Deal() (*crm.Deal, error) {
	return decodeRecord(e, "crm.Deal", "", crm.DecodeDeal)
}

// CustomObjectRecord decodes the event's CRM custom-object record with
// crm.DecodeCustomObjectRecord. Errors as for Contact.
func (e *Event) CustomObjectRecord() (*crm.CustomObjectRecord, error) {
	return decodeRecord(e, "crm.CustomObjectRecord", "", crm.DecodeCustomObjectRecord)
}
