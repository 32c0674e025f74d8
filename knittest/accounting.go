package knittest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
)

// number decodes a JSON number or a JSON string holding one (SDKs send
// exact decimals either way).
type number float64

func (n *number) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	if s == "" || s == "null" {
		*n = 0
		return nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return fmt.Errorf("%s is not a number", b)
	}
	*n = number(f)
	return nil
}

// invoiceCreateBody is accounting.invoice.create (CONFIRMED endpoint; fields
// from the per-app remarks on Knit's page).
type invoiceCreateBody struct {
	Type          string          `json:"type"`
	ContactID     string          `json:"contactId"`
	InvoiceNumber string          `json:"invoiceNumber"`
	IssueDate     string          `json:"issueDate"`
	DueDate       string          `json:"dueDate"`
	Currency      string          `json:"currency"`
	ExchangeRate  *number         `json:"exchangeRate"`
	Status        string          `json:"status"`
	TotalTax      *number         `json:"totalTax"`
	TotalDiscount number          `json:"totalDiscount"`
	Description   string          `json:"description"`
	MetaData      json.RawMessage `json:"metaData"`
	LineItems     []struct {
		AccountID    string  `json:"accountId"`
		Amount       *number `json:"amount"`
		Description  string  `json:"description"`
		ItemID       string  `json:"itemId"`
		ItemName     string  `json:"itemName"`
		Quantity     number  `json:"quantity"`
		UnitRate     number  `json:"unitRate"`
		DiscountRate number  `json:"discountRate"`
	} `json:"lineItems"`
}

// handleInvoiceCreate answers data{invoiceId} (response shape UNKNOWN in
// Knit's docs; the playground's choice).
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
	inv := &Invoice{Info: InvoiceInfo{
		ID: id, InvoiceNumber: orDefault(b.InvoiceNumber, id), CreatedAt: timeStr(c.now), UpdatedAt: timeStr(c.now), Type: typ,
		IssueDate: orDefault(b.IssueDate, dateStr(c.now)), DueDate: b.DueDate, ContactID: b.ContactID, CompanyID: "co_us",
		LinkedCompanyIDs: []string{"co_us"}, Description: b.Description, Currency: orDefault(b.Currency, "USD"),
		ExchangeRate: "1.0", Status: orDefault(b.Status, "DRAFT"), TotalDiscount: float64(b.TotalDiscount),
	}, Addresses: []Address{}, Payments: []Payment{}}
	if b.ExchangeRate != nil {
		inv.Info.ExchangeRate = strconv.FormatFloat(float64(*b.ExchangeRate), 'f', -1, 64)
	}
	var subtotal float64
	for i, li := range b.LineItems {
		if li.AccountID == "" {
			return nil, badRequest("lineItems[%d].accountId is required", i)
		}
		if find(s.data.ledger, li.AccountID, func(l *LedgerAccount) string { return l.Info.ID }) < 0 {
			return nil, badRequest("lineItems[%d].accountId %q is not a ledger account", i, li.AccountID)
		}
		qty, rate, disc := float64(li.Quantity), float64(li.UnitRate), float64(li.DiscountRate)
		if qty == 0 {
			qty = 1
		}
		amt := round2(qty * rate * (1 - disc/100))
		if li.Amount != nil {
			amt = float64(*li.Amount)
		}
		if amt <= 0 {
			return nil, badRequest("lineItems[%d] needs a positive amount or quantity × unitRate", i)
		}
		subtotal += amt
		inv.LineItems = append(inv.LineItems, LineItem{LineItemID: fmt.Sprintf("%s-L%d", id, i+1), ItemID: li.ItemID, ItemName: li.ItemName, Description: li.Description,
			Quantity: qty, UnitRate: rate, DiscountRate: disc, Amount: amt, AccountID: li.AccountID})
	}
	if b.TotalTax != nil {
		inv.Info.TotalTax = float64(*b.TotalTax)
	}
	inv.Info.TotalAmount = round2(subtotal + inv.Info.TotalTax - inv.Info.TotalDiscount)
	inv.Info.RemainingAmount = inv.Info.TotalAmount
	s.data.invoices = append(s.data.invoices, inv)
	return map[string]any{"invoiceId": id}, nil
}

// passthroughBody is the passthrough request (OBSERVED).
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
