package accounting

import (
	"bytes"
	"encoding/json"

	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/internal/knitjson"
)

// LineItem is one line of an invoice (model accounting_invoice_lineItems).
//
// Knit has documented two versions of it. The current one starts
// {lineItemId, itemId, itemCode, itemName, ...}; the rest of its field list
// was not available when this SDK was written, so the other typed fields
// carry the names of accounting.invoice.create's line items (description,
// quantity, unitRate, amount, accountId, discountRate, taxRateId, taxRate).
// The older version is {id, name, quantity, rate, discount}. LineItem
// decodes both: id fills LineItemID, name fills ItemName and rate fills
// UnitRate when the current key is absent. Raw keeps the whole object, so a
// field this type does not name is never lost.
type LineItem struct {
	// LineItemID identifies the line ("lineItemId", older "id").
	LineItemID string `json:"lineItemId,omitempty"`
	// ItemID is the catalogue item on the line.
	ItemID   string `json:"itemId,omitempty"`
	ItemCode string `json:"itemCode,omitempty"`
	// ItemName is the item's name ("itemName", older "name").
	ItemName    string            `json:"itemName,omitempty"`
	Description string            `json:"description,omitempty"`
	Quantity    basemodel.Decimal `json:"quantity,omitzero"`
	// UnitRate is the price per unit ("unitRate", older "rate").
	UnitRate basemodel.Decimal `json:"unitRate,omitzero"`
	// Amount is the line total.
	Amount basemodel.Decimal `json:"amount,omitzero"`
	// AccountID is the ledger account the line posts to.
	AccountID    string            `json:"accountId,omitempty"`
	DiscountRate basemodel.Decimal `json:"discountRate,omitzero"`
	// Discount is the older version's discount; Knit does not say whether
	// it is an amount or a rate.
	Discount  basemodel.Decimal `json:"discount,omitzero"`
	TaxRateID string            `json:"taxRateId,omitempty"`
	TaxRate   basemodel.Decimal `json:"taxRate,omitzero"`

	// Raw is the line item object exactly as received.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes either version of the line item and keeps Raw.
func (l *LineItem) UnmarshalJSON(b []byte) error {
	if string(bytes.TrimSpace(b)) == "null" {
		return nil
	}
	type plain LineItem
	var wire struct {
		plain
		ID   string            `json:"id"`
		Name string            `json:"name"`
		Rate basemodel.Decimal `json:"rate"`
	}
	if err := knitjson.Unmarshal(b, &wire); err != nil {
		return err
	}
	*l = LineItem(wire.plain)
	if l.LineItemID == "" {
		l.LineItemID = wire.ID
	}
	if l.ItemName == "" {
		l.ItemName = wire.Name
	}
	if l.UnitRate.IsZero() {
		l.UnitRate = wire.Rate
	}
	l.Raw = append(json.RawMessage(nil), b...)
	return nil
}
