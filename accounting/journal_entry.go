package accounting

import (
	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/internal/eventdata"
	"github.com/knit-sdk/knit-go/internal/knitjson"
)

// JournalEntry is an accounting transaction recorded in a company's general
// ledger, as delivered in a sync event's eventData, as Knit documents it
// (https://developers.getknit.dev/reference/journal-data-models). Its sync does
// not start by itself: call sync.start for it (its dataType string is not
// documented; pass the one Knit's dashboard shows).
type JournalEntry struct {
	// Info is model accounting_journalEntry_info.
	Info JournalEntryInfo `json:"info"`
	// LineItems is model accounting_journalEntry_lineItems: the debit and
	// credit lines.
	LineItems []JournalLine `json:"lineItems"`
}

// JournalEntryInfo is model accounting_journalEntry_info. Knit's page has
// a current table (description, companyId, linkedCompanyIds, exchangeRate)
// and an older one (notes, company, account); JournalEntryInfo decodes
// both and re-encodes with the current names.
type JournalEntryInfo struct {
	// ID is the entry's ID in the accounting app.
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
	// Date is the transaction date.
	Date      basemodel.DateTime `json:"date,omitempty"`
	Status    JournalEntryStatus `json:"status,omitempty"`
	CreatedAt basemodel.DateTime `json:"createdAt,omitempty"`
	UpdatedAt basemodel.DateTime `json:"updatedAt,omitempty"`
	// Description is the entry's memo (older key "notes").
	Description string `json:"description,omitempty"`
	// CompanyID is the company (subsidiary) of the entry (older key
	// "company").
	CompanyID string `json:"companyId,omitempty"`
	// LinkedCompanyIDs lists the companies of multi-subsidiary apps such as
	// NetSuite.
	LinkedCompanyIDs []string `json:"linkedCompanyIds"`
	// Currency is an ISO 4217 code, e.g. "USD".
	Currency string `json:"currency,omitempty"`
	// ExchangeRate is a JSON string in Knit's model ("1.0"); it is kept (and
	// re-encoded) as one.
	ExchangeRate basemodel.Decimal `json:"exchangeRate,omitzero"`
	// ReferenceNumber is the entry's reference in the app.
	ReferenceNumber string `json:"referenceNumber,omitempty"`
	// Account is the older table's "account" field (an account ID); the
	// current table has none, its lines carry AccountID instead.
	Account string `json:"account,omitempty"`
}

// UnmarshalJSON decodes both versions of Knit's model: description or notes,
// companyId or company (the current names win when both are present).
func (j *JournalEntryInfo) UnmarshalJSON(b []byte) error {
	type plain JournalEntryInfo
	var wire struct {
		plain
		Notes   string `json:"notes"`
		Company string `json:"company"`
	}
	if err := knitjson.Unmarshal(b, &wire); err != nil {
		return err
	}
	*j = JournalEntryInfo(wire.plain)
	if j.Description == "" {
		j.Description = wire.Notes
	}
	if j.CompanyID == "" {
		j.CompanyID = wire.Company
	}
	return nil
}

// JournalEntryStatus is the posting state of a journal entry.
type JournalEntryStatus string

// JournalEntryStatus values, as Knit documents them.
const (
	JournalEntryStatusDraft        JournalEntryStatus = "DRAFT"
	JournalEntryStatusPublished    JournalEntryStatus = "PUBLISHED"
	JournalEntryStatusNotSpecified JournalEntryStatus = basemodel.NotSpecified
)

// JournalLine is one line of a journal entry (model
// accounting_journalEntry_lineItems). The older table names the account
// and contact "account" and "contact"; both decode here.
type JournalLine struct {
	ID string `json:"id"`
	// AccountID is the ledger account the line posts to.
	AccountID string `json:"accountId,omitempty"`
	// ContactID is the customer or vendor of the line, if any.
	ContactID string `json:"contactId,omitempty"`
	// Amount is the line's amount exactly as sent (never a float64).
	Amount basemodel.Decimal `json:"amount,omitzero"`
	// Type says whether the line is a debit or a credit.
	Type        JournalLineType `json:"type,omitempty"`
	Description string          `json:"description,omitempty"`
}

// UnmarshalJSON decodes both versions of Knit's line model: accountId or
// account, contactId or contact (the current names win).
func (l *JournalLine) UnmarshalJSON(b []byte) error {
	type plain JournalLine
	var wire struct {
		plain
		Account string `json:"account"`
		Contact string `json:"contact"`
	}
	if err := knitjson.Unmarshal(b, &wire); err != nil {
		return err
	}
	*l = JournalLine(wire.plain)
	if l.AccountID == "" {
		l.AccountID = wire.Account
	}
	if l.ContactID == "" {
		l.ContactID = wire.Contact
	}
	return nil
}

// JournalLineType tells debits from credits.
type JournalLineType string

// JournalLineType values, as Knit documents them (Knit lists no
// NOT_SPECIFIED here).
const (
	JournalLineTypeDebit  JournalLineType = "DEBIT"
	JournalLineTypeCredit JournalLineType = "CREDIT"
)

// DecodeJournalEntry decodes a sync event's eventData (keys info,
// lineItems) into a JournalEntry. Unknown keys are ignored, missing or null
// models stay empty; input that is not a JSON object is an error.
func DecodeJournalEntry(eventData []byte) (*JournalEntry, error) {
	return eventdata.Decode[JournalEntry]("accounting.JournalEntry", eventData)
}
