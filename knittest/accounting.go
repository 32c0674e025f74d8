package knittest

import (
	"encoding/json"
	"fmt"
	"math/big"
	"net/http"
	"sort"
	"strings"

	"github.com/knit-sdk/knit-go/basemodel"
)

// orZero returns d, or the number 0 when d has no value, so that amounts a
// request leaves out are sent back as 0 rather than null.
func orZero(d basemodel.Decimal) basemodel.Decimal {
	if d.IsZero() {
		return basemodel.DecimalFromInt(0)
	}
	return unquoted(d)
}

// unquoted returns d written as a JSON number, however the request sent it.
func unquoted(d basemodel.Decimal) basemodel.Decimal {
	if n, err := basemodel.NewDecimal(d.String()); err == nil {
		return n
	}
	return d
}

// invoiceCreateBody is accounting.invoice.create, a method Knit documents;
// the fields come from the per-app remarks on Knit's page.
type invoiceCreateBody struct {
	Type          string            `json:"type"`
	ContactID     string            `json:"contactId"`
	InvoiceNumber string            `json:"invoiceNumber"`
	IssueDate     string            `json:"issueDate"`
	DueDate       string            `json:"dueDate"`
	Currency      string            `json:"currency"`
	ExchangeRate  basemodel.Decimal `json:"exchangeRate"`
	Status        string            `json:"status"`
	TotalTax      basemodel.Decimal `json:"totalTax"`
	TotalDiscount basemodel.Decimal `json:"totalDiscount"`
	Description   string            `json:"description"`
	MetaData      json.RawMessage   `json:"metaData"`
	LineItems     []struct {
		AccountID    string            `json:"accountId"`
		Amount       basemodel.Decimal `json:"amount"`
		Description  string            `json:"description"`
		ItemID       string            `json:"itemId"`
		ItemName     string            `json:"itemName"`
		Quantity     basemodel.Decimal `json:"quantity"`
		UnitRate     basemodel.Decimal `json:"unitRate"`
		DiscountRate basemodel.Decimal `json:"discountRate"`
	} `json:"lineItems"`
}

// handleInvoiceCreate answers data{invoiceId}. Knit does not document the
// response shape; this one is the playground's choice.
func (s *Server) handleInvoiceCreate(c *call) (any, *apiError) {
	var b invoiceCreateBody
	if ae := c.decode(&b); ae != nil {
		return nil, ae
	}
	if b.ContactID == "" {
		return nil, badRequest("contactId is required")
	}
	typ := orDefault(b.Type, "INVOICE")
	if typ != "INVOICE" && typ != "BILL" {
		return nil, badRequest("type must be INVOICE or BILL, got %q", typ)
	}
	if len(b.LineItems) == 0 {
		return nil, badRequest("lineItems is required")
	}
	id := s.nextID("INVN")
	inv := &invoice{Info: invoiceInfo{
		ID: id, InvoiceNumber: orDefault(b.InvoiceNumber, id), CreatedAt: timeStr(c.now), UpdatedAt: timeStr(c.now), Type: typ,
		IssueDate: orDefault(b.IssueDate, dateStr(c.now)), DueDate: b.DueDate, ContactID: b.ContactID, CompanyID: "co_us",
		LinkedCompanyIDs: []string{"co_us"}, Description: b.Description, Currency: orDefault(b.Currency, "USD"),
		ExchangeRate: rateOne(), Status: orDefault(b.Status, "DRAFT"), TotalDiscount: orZero(b.TotalDiscount), TotalTax: orZero(b.TotalTax),
	}, Addresses: []address{}, Payments: []payment{}}
	if !b.ExchangeRate.IsZero() {
		inv.Info.ExchangeRate = b.ExchangeRate.Quoted()
	}
	subtotal := new(big.Rat)
	for i, li := range b.LineItems {
		if li.AccountID == "" {
			return nil, badRequest("lineItems[%d].accountId is required", i)
		}
		if find(s.data.ledger, li.AccountID, func(l *ledgerAccount) string { return l.Info.ID }) < 0 {
			return nil, badRequest("lineItems[%d].accountId %q is not a ledger account", i, li.AccountID)
		}
		qty := unquoted(li.Quantity)
		if qty.IsZero() || qty.Sign() == 0 {
			qty = basemodel.DecimalFromInt(1)
		}
		rate, disc := orZero(li.UnitRate), orZero(li.DiscountRate)
		// amount = quantity × unitRate × (1 − discountRate/100), in cents
		share := new(big.Rat).Sub(big.NewRat(1, 1), new(big.Rat).Quo(disc.Rat(), big.NewRat(100, 1)))
		amt := centsRat(new(big.Rat).Mul(new(big.Rat).Mul(qty.Rat(), rate.Rat()), share))
		if !li.Amount.IsZero() {
			amt = unquoted(li.Amount)
		}
		if amt.Sign() <= 0 {
			return nil, badRequest("lineItems[%d] needs a positive amount or quantity × unitRate", i)
		}
		subtotal.Add(subtotal, amt.Rat())
		inv.LineItems = append(inv.LineItems, lineItem{LineItemID: fmt.Sprintf("%s-L%d", id, i+1), ItemID: li.ItemID, ItemName: li.ItemName, Description: li.Description,
			Quantity: qty, UnitRate: rate, DiscountRate: disc, Amount: amt, AccountID: li.AccountID})
	}
	total := subtotal.Add(subtotal, inv.Info.TotalTax.Rat())
	inv.Info.TotalAmount = centsRat(total.Sub(total, inv.Info.TotalDiscount.Rat()))
	inv.Info.RemainingAmount = inv.Info.TotalAmount
	s.data.invoices = append(s.data.invoices, inv)
	return map[string]any{"invoiceId": id}, nil
}

// passthroughBody is the passthrough request, as third-party code calling
// Knit sends it.
type passthroughBody struct {
	Method      string            `json:"method"`
	Path        string            `json:"path"`
	Params      map[string]string `json:"params"`
	Body        json.RawMessage   `json:"body"`
	Headers     map[string]string `json:"headers"`
	ContentType string            `json:"contentType"`
}

// handlePassthrough answers like Knit: data.response.body is the upstream
// body as a string. The playground's "upstream app" echoes the request
// deterministically, so tests can assert what the SDK sent.
func (s *Server) handlePassthrough(c *call) (any, *apiError) {
	var b passthroughBody
	if ae := c.decode(&b); ae != nil {
		return nil, ae
	}
	m := strings.ToUpper(b.Method)
	switch m {
	case http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
	case "":
		return nil, badRequest("method is required")
	default:
		return nil, badRequest("method %q is not one of GET, POST, PUT, PATCH, DELETE", b.Method)
	}
	if !strings.HasPrefix(b.Path, "/") {
		return nil, badRequest("path is required and must start with /")
	}
	var sentBody any
	if len(b.Body) > 0 && string(b.Body) != "null" {
		var str string
		if json.Unmarshal(b.Body, &str) == nil {
			sentBody = str // most callers send the upstream body as a JSON string
		} else {
			sentBody = b.Body
		}
	}
	keys := make([]string, 0, len(b.Params))
	for k := range b.Params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	upstream, err := json.Marshal(map[string]any{
		"app": c.integ.AppID, "method": m, "path": b.Path, "params": b.Params, "paramNames": keys, "body": sentBody,
	})
	if err != nil {
		return nil, errf(http.StatusInternalServerError, "encoding the upstream response: %v", err)
	}
	return map[string]any{"response": map[string]any{
		"body":    string(upstream),
		"headers": map[string]string{"content-type": contentTypeJSON, "x-upstream-app": c.integ.AppID},
	}}, nil
}
