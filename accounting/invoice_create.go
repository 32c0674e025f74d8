package accounting

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/internal/knitjson"
	"github.com/knit-sdk/knit-go/internal/transport"
	"github.com/knit-sdk/knit-go/option"
)

// InvoiceService creates invoices and bills. Get it from Client.Invoices.
type InvoiceService struct {
	s transport.Scope
}

// InvoiceCreateParams is the body of accounting.invoice.create. The field
// names are those Knit's create-an-invoice page lists in its per-app remarks;
// which of them an app honours differs per app (see that page). Zero values
// are left out of the request, except LineItems, which is always sent ([]
// when empty: Sage 200 accepts an empty list).
type InvoiceCreateParams struct {
	// Type is InvoiceTypeInvoice or InvoiceTypeBill. Required.
	Type InvoiceType `json:"type"`
	// ContactID is the customer (invoice) or vendor (bill), e.g. an
	// accounting contact ID from the contacts sync. Required.
	ContactID     string `json:"contactId"`
	InvoiceNumber string `json:"invoiceNumber,omitempty"`
	// IssueDate, DueDate and PaidOnDate are dates; basemodel.NewDate
	// formats a time.Time as "2006-01-02".
	IssueDate  basemodel.DateTime `json:"issueDate,omitempty"`
	DueDate    basemodel.DateTime `json:"dueDate,omitempty"`
	PaidOnDate basemodel.DateTime `json:"paidOnDate,omitempty"`
	// Description is the invoice memo (QuickBooks).
	Description string `json:"description,omitempty"`
	// Currency is an ISO 4217 code; Zoho Books wants the currencyId of its
	// "List Currencies" call instead.
	Currency string `json:"currency,omitempty"`
	// ExchangeRate is sent as a JSON number; use ExchangeRate.Quoted() if
	// your app needs the string form of Knit's read model.
	ExchangeRate  basemodel.Decimal `json:"exchangeRate,omitzero"`
	TotalAmount   basemodel.Decimal `json:"totalAmount,omitzero"`
	TotalTax      basemodel.Decimal `json:"totalTax,omitzero"`
	TotalDiscount basemodel.Decimal `json:"totalDiscount,omitzero"`
	// Status is optional; Xero accepts DRAFT, SUBMITTED and AUTHORISED.
	Status InvoiceStatus `json:"status,omitempty"`
	// TaxRateID applies one tax rate to the invoice (QuickBooks, US
	// locations).
	TaxRateID string `json:"taxRateId,omitempty"`
	// LineItems are the invoice lines. Xero requires at least one; Sage 200
	// accepts none.
	LineItems []InvoiceLineItemParams `json:"lineItems"`
	// MetaData carries app-specific fields, e.g. Freshbooks'
	// {"categoryAndTaxes":[{"taxName":"GEN","categoryId":"12775579"}]} or
	// QuickBooks' {"shipFrom":{...}}. Must be valid JSON when set.
	MetaData json.RawMessage `json:"metaData,omitempty"`
	// Extra adds top-level body keys this type does not name; a key that a
	// typed field already sets is an error.
	Extra map[string]any `json:"-"`
}

// InvoiceLineItemParams is one line of InvoiceCreateParams. A line needs an
// Amount, or a Quantity together with a UnitRate or an ItemID (the app then
// prices the item: Wave requires itemId and quantity, Odoo computes totals
// from itemId, quantity and unitRate).
type InvoiceLineItemParams struct {
	// AccountID is the ledger account; Sage 200 expects the account's
	// AccountInfo.AccountNumber (a LEDGER_ACCOUNT).
	AccountID    string            `json:"accountId,omitempty"`
	Amount       basemodel.Decimal `json:"amount,omitzero"`
	Description  string            `json:"description,omitempty"`
	ItemID       string            `json:"itemId,omitempty"`
	ItemName     string            `json:"itemName,omitempty"`
	Quantity     basemodel.Decimal `json:"quantity,omitzero"`
	UnitRate     basemodel.Decimal `json:"unitRate,omitzero"`
	DiscountRate basemodel.Decimal `json:"discountRate,omitzero"`
	// TaxRateID is required on non-US QuickBooks locations.
	TaxRateID string            `json:"taxRateId,omitempty"`
	TaxRate   basemodel.Decimal `json:"taxRate,omitzero"`
	// IsTaxable marks the line taxable (QuickBooks, US locations); nil
	// leaves it out.
	IsTaxable *bool `json:"isTaxable,omitempty"`
	// Type is NetSuite's line type; Knit does not list its values.
	Type string `json:"type,omitempty"`
	// MetaData carries app-specific line fields. Must be valid JSON when set.
	MetaData json.RawMessage `json:"metaData,omitempty"`
}

// InvoiceCreateResult is what accounting.invoice.create answered.
type InvoiceCreateResult struct {
	// ID is the new invoice's ID, read from data.invoiceId (the response
	// field Knit documents for QuickBooks; the response shape is otherwise
	// undocumented). Empty when the answer carries no invoiceId: look in
	// Raw.
	ID string
	// Raw is the response's whole data value (empty when data is null).
	Raw json.RawMessage
}

// keyInvoiceID is the response key of the created invoice's ID.
const keyInvoiceID = "invoiceId"

// Create creates an invoice or bill in the connected accounting app;
// Knit lists Xero, Zoho Books, Microsoft Dynamics 365, Sage Intacct,
// QuickBooks, NetSuite, Freshbooks, Sage 200, Wave and Odoo.
//
// params is checked before anything is sent: nil params, an empty Type or
// ContactID (both marked required in the field lists Knit publishes for
// QuickBooks and NetSuite, and honoured by Sage 200), a line without
// an Amount or a Quantity with a UnitRate or ItemID, and invalid MetaData
// are *ParamError values (errors.Is(err, knit.ErrInvalidParams)). An app
// that cannot create invoices answers knit.ErrNotSupported. Create is a POST
// and is not retried after Knit may have processed it (see
// option.WithRetryWrites).
//
// Knit method POST accounting.invoice.create, documented by Knit: https://developers.getknit.dev/reference/create-an-invoice
//
//knit:operation POST accounting.invoice.create documented
func (s *InvoiceService) Create(ctx context.Context, params *InvoiceCreateParams, opts ...option.RequestOption) (*InvoiceCreateResult, error) {
	const op = "Accounting.Invoices.Create"
	body, err := invoiceCreateBody(op, params)
	if err != nil {
		return nil, err
	}
	var data json.RawMessage
	if err := s.s.Post(ctx, "accounting.invoice.create", body, &data, opts); err != nil {
		return nil, err
	}
	return &InvoiceCreateResult{ID: invoiceIDFrom(data), Raw: data}, nil
}

// invoiceCreateBody validates params and encodes the request body without
// modifying params.
func invoiceCreateBody(op string, params *InvoiceCreateParams) ([]byte, error) {
	switch {
	case params == nil:
		return nil, transport.Required(op, "params")
	case strings.TrimSpace(string(params.Type)) == "":
		return nil, transport.Required(op, "Type")
	case strings.TrimSpace(params.ContactID) == "":
		return nil, transport.Required(op, "ContactID")
	case len(params.MetaData) > 0 && !json.Valid(params.MetaData):
		return nil, transport.InvalidParam(op, "MetaData", "is not valid JSON")
	}
	for i, li := range params.LineItems {
		field := fmt.Sprintf("LineItems[%d]", i)
		priced := !li.Amount.IsZero() ||
			(!li.Quantity.IsZero() && (!li.UnitRate.IsZero() || strings.TrimSpace(li.ItemID) != ""))
		if !priced {
			return nil, transport.InvalidParam(op, field, "needs an Amount, or a Quantity with a UnitRate or an ItemID")
		}
		if len(li.MetaData) > 0 && !json.Valid(li.MetaData) {
			return nil, transport.InvalidParam(op, field+".MetaData", "is not valid JSON")
		}
	}
	wire := *params // a shallow copy: params itself is never modified
	if wire.LineItems == nil {
		wire.LineItems = []InvoiceLineItemParams{}
	}
	body, err := transport.MarshalWithExtra(&wire, params.Extra)
	if err != nil {
		return nil, transport.InvalidParam(op, "Extra", err.Error())
	}
	return body, nil
}

// invoiceIDFrom reads data.invoiceId as a string or a number.
func invoiceIDFrom(data json.RawMessage) string {
	var obj map[string]json.RawMessage
	if knitjson.Unmarshal(data, &obj) != nil {
		return ""
	}
	s, _ := knitjson.ScalarText(obj[keyInvoiceID])
	return s
}
