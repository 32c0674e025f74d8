package accounting

import (
	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/internal/eventdata"
	"github.com/knit-sdk/knit-go/internal/knitjson"
)

// Invoice is an invoice or a bill (Knit uses one model for both), as
// delivered in a sync event's eventData for data type DataTypeInvoices, as
// Knit documents it (https://developers.getknit.dev/reference/invoice-data-models).
// Each field is filled only when its model was subscribed to.
type Invoice struct {
	// Info is model accounting_invoice_info.
	Info InvoiceInfo `json:"info"`
	// LineItems is model accounting_invoice_lineItems.
	LineItems []LineItem `json:"lineItems"`
	// Addresses is model accounting_invoice_addresses.
	Addresses []basemodel.Address `json:"addresses"`
	// Payments is model accounting_invoice_payments.
	Payments []Payment `json:"payments"`
}

// InvoiceInfo is model accounting_invoice_info. Amounts are exact
// basemodel.Decimal values (Knit sends them as numbers and exchangeRate as a
// string; both are kept exactly as sent).
type InvoiceInfo struct {
	// ID is the invoice's ID in the accounting app.
	ID            string             `json:"id"`
	InvoiceNumber string             `json:"invoiceNumber,omitempty"`
	CreatedAt     basemodel.DateTime `json:"createdAt,omitempty"`
	UpdatedAt     basemodel.DateTime `json:"updatedAt,omitempty"`
	// Type tells invoices (receivable) from bills (payable).
	Type            InvoiceType        `json:"type,omitempty"`
	IssueDate       basemodel.DateTime `json:"issueDate,omitempty"`
	DueDate         basemodel.DateTime `json:"dueDate,omitempty"`
	PaidOnDate      basemodel.DateTime `json:"paidOnDate,omitempty"`
	TotalAmount     basemodel.Decimal  `json:"totalAmount,omitzero"`
	RemainingAmount basemodel.Decimal  `json:"remainingAmount,omitzero"`
	TotalDiscount   basemodel.Decimal  `json:"totalDiscount,omitzero"`
	TotalTax        basemodel.Decimal  `json:"totalTax,omitzero"`
	// ContactID is the customer (invoice) or vendor (bill). The older
	// version of Knit's model called it "contact"; both decode here.
	ContactID string `json:"contactId,omitempty"`
	// CompanyID is the company (subsidiary) the invoice belongs to.
	CompanyID string `json:"companyId,omitempty"`
	// LinkedCompanyIDs lists the companies of multi-subsidiary apps such as
	// NetSuite.
	LinkedCompanyIDs []string `json:"linkedCompanyIds"`
	// Description is the invoice's memo. The older version of Knit's model
	// called it "notes"; both decode here.
	Description string `json:"description,omitempty"`
	// Currency is an ISO 4217 code, e.g. "USD".
	Currency string `json:"currency,omitempty"`
	// ExchangeRate is a JSON string in Knit's model; it is kept (and
	// re-encoded) as one.
	ExchangeRate basemodel.Decimal `json:"exchangeRate,omitzero"`
	Status       InvoiceStatus     `json:"status,omitempty"`
}

// UnmarshalJSON decodes both versions of Knit's model: contactId or contact,
// description or notes (the current names win when both are present).
func (in *InvoiceInfo) UnmarshalJSON(b []byte) error {
	type plain InvoiceInfo
	var wire struct {
		plain
		Contact string `json:"contact"`
		Notes   string `json:"notes"`
	}
	if err := knitjson.Unmarshal(b, &wire); err != nil {
		return err
	}
	*in = InvoiceInfo(wire.plain)
	if in.ContactID == "" {
		in.ContactID = wire.Contact
	}
	if in.Description == "" {
		in.Description = wire.Notes
	}
	return nil
}

// InvoiceType tells invoices from bills.
type InvoiceType string

// InvoiceType values, as Knit documents them.
const (
	InvoiceTypeBill         InvoiceType = "BILL"
	InvoiceTypeInvoice      InvoiceType = "INVOICE"
	InvoiceTypeNotSpecified InvoiceType = basemodel.NotSpecified
)

// InvoiceStatus is the state of an invoice. Some apps take their own values
// on create (Xero: DRAFT, SUBMITTED, AUTHORISED); any string is accepted.
type InvoiceStatus string

// InvoiceStatus values, as Knit documents them.
const (
	InvoiceStatusPaid          InvoiceStatus = "PAID"
	InvoiceStatusDue           InvoiceStatus = "DUE"
	InvoiceStatusVoid          InvoiceStatus = "VOID"
	InvoiceStatusOverdue       InvoiceStatus = "OVERDUE"
	InvoiceStatusDraft         InvoiceStatus = "DRAFT"
	InvoiceStatusSent          InvoiceStatus = "SENT"
	InvoiceStatusOpen          InvoiceStatus = "OPEN"
	InvoiceStatusCancelled     InvoiceStatus = "CANCELLED"
	InvoiceStatusPartiallyPaid InvoiceStatus = "PARTIALLY_PAID"
	InvoiceStatusSubmitted     InvoiceStatus = "SUBMITTED"
	InvoiceStatusValidated     InvoiceStatus = "VALIDATED"
	InvoiceStatusApproved      InvoiceStatus = "APPROVED"
	InvoiceStatusAccounted     InvoiceStatus = "ACCOUNTED"
	InvoiceStatusNotSpecified  InvoiceStatus = basemodel.NotSpecified
)

// Payment is one payment against an invoice or bill (model
// accounting_invoice_payments).
type Payment struct {
	ID              string             `json:"id"`
	Date            basemodel.DateTime `json:"date,omitempty"`
	Amount          basemodel.Decimal  `json:"amount,omitzero"`
	Mode            PaymentMode        `json:"mode,omitempty"`
	ReferenceNumber string             `json:"referenceNumber,omitempty"`
	InvoiceID       string             `json:"invoiceId,omitempty"`
	// PaymentLinkedTo says whether InvoiceID is an invoice or a bill.
	PaymentLinkedTo PaymentLinkedTo `json:"paymentLinkedTo,omitempty"`
}

// PaymentMode is how a payment was made.
type PaymentMode string

// PaymentMode values, as Knit documents them (NOT_SPECIFIED is Knit's
// catch-all).
const (
	PaymentModeCash               PaymentMode = "CASH"
	PaymentModeCheque             PaymentMode = "CHEQUE"
	PaymentModeElectronicTransfer PaymentMode = "ELECTRONIC_TRANSFER"
	PaymentModeNotSpecified       PaymentMode = basemodel.NotSpecified
)

// PaymentLinkedTo is the kind of document a payment settles.
type PaymentLinkedTo string

// PaymentLinkedTo values, as Knit documents them (NOT_SPECIFIED is Knit's
// catch-all).
const (
	PaymentLinkedToInvoice      PaymentLinkedTo = "INVOICE"
	PaymentLinkedToBill         PaymentLinkedTo = "BILL"
	PaymentLinkedToNotSpecified PaymentLinkedTo = basemodel.NotSpecified
)

// DecodeInvoice decodes a sync event's eventData (keys info, lineItems,
// addresses, payments) into an Invoice. Unknown keys are ignored, missing or
// null models stay empty; input that is not a JSON object is an error.
func DecodeInvoice(eventData []byte) (*Invoice, error) {
	return eventdata.Decode[Invoice]("accounting.Invoice", eventData)
}
