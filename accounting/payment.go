package accounting

import (
	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/internal/eventdata"
)

// PaymentRecord is a payment towards any transaction, invoice or bill, as
// delivered in a sync event's eventData, as Knit documents it
// (https://developers.getknit.dev/reference/payment-apis). It is not
// Payment, the payment line of an invoice (model accounting_invoice_payments).
// Its sync does not start by itself: call sync.start for it (its dataType
// string is not documented; pass the one Knit's dashboard shows).
type PaymentRecord struct {
	// Info is model accounting_payment_info.
	Info PaymentInfo `json:"info"`
	// LineItems is model accounting_payment_lineItems: what the payment
	// settles.
	LineItems []PaymentLine `json:"lineItems"`
}

// PaymentInfo is model accounting_payment_info. Amounts are exact
// basemodel.Decimal values; exchangeRate decodes from a string (Knit's
// table) or a number.
type PaymentInfo struct {
	// ID is the payment's ID in the accounting app.
	ID string `json:"id"`
	// DateTime is when the payment was made.
	DateTime basemodel.DateTime `json:"dateTime,omitempty"`
	Status   PaymentStatus      `json:"status,omitempty"`
	// PaymentMode is how the payment was made.
	PaymentMode     PaymentMode `json:"paymentMode,omitempty"`
	ReferenceNumber string      `json:"referenceNumber,omitempty"`
	// CreditedAccountID and DebitedAccountID are the accounts the money
	// went to and came from.
	CreditedAccountID string `json:"creditedAccountId,omitempty"`
	DebitedAccountID  string `json:"debitedAccountId,omitempty"`
	// ContactID is the customer or vendor.
	ContactID string `json:"contactId,omitempty"`
	CompanyID string `json:"companyId,omitempty"`
	// LinkedCompanyIDs lists the companies of multi-subsidiary apps such as
	// NetSuite.
	LinkedCompanyIDs []string          `json:"linkedCompanyIds"`
	Amount           basemodel.Decimal `json:"amount,omitzero"`
	ExchangeRate     basemodel.Decimal `json:"exchangeRate,omitzero"`
	// Currency is an ISO 4217 code, e.g. "USD".
	Currency    string `json:"currency,omitempty"`
	Description string `json:"description,omitempty"`
}

// PaymentStatus is the outcome of a PaymentRecord.
type PaymentStatus string

// PaymentStatus values, as Knit documents them.
const (
	PaymentStatusSuccess      PaymentStatus = "SUCCESS"
	PaymentStatusFailure      PaymentStatus = "FAILURE"
	PaymentStatusPending      PaymentStatus = "PENDING"
	PaymentStatusNotSpecified PaymentStatus = basemodel.NotSpecified
)

// PaymentLine is one line of a PaymentRecord (Knit's PaymentLineItem): the
// part of the payment applied to one invoice or bill.
type PaymentLine struct {
	ID string `json:"id"`
	// Amount is exact; Knit's table says string, a number decodes too.
	Amount          basemodel.Decimal `json:"amount,omitzero"`
	ReferenceNumber string            `json:"referenceNumber,omitempty"`
	Discount        basemodel.Decimal `json:"discount,omitzero"`
	Mode            PaymentMode       `json:"mode,omitempty"`
	// PaymentLinkedTo says whether InvoiceID is an invoice or a bill.
	PaymentLinkedTo PaymentLinkedTo `json:"paymentLinkedTo,omitempty"`
	InvoiceID       string          `json:"invoiceId,omitempty"`
	InvoiceNumber   string          `json:"invoiceNumber,omitempty"`
}

// DecodePaymentRecord decodes a sync event's eventData (keys info,
// lineItems) into a PaymentRecord. Unknown keys are ignored, missing or null
// models stay empty; input that is not a JSON object is an error.
func DecodePaymentRecord(eventData []byte) (*PaymentRecord, error) {
	return eventdata.Decode[PaymentRecord]("accounting.PaymentRecord", eventData)
}
