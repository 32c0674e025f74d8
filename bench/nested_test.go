package bench_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/accounting"
)

// invoiceLines is the number of line items of invoiceEventData.
const invoiceLines = 100

// invoiceEventData returns the eventData of an accounting invoice sync
// event with n line items (about 38 KiB for 100): a model whose nested
// values (the info object, each line item, each amount) are decoded by the
// models' own UnmarshalJSON methods. Amounts are numbers, the exchange rate
// a string, as Knit documents them; descriptions hold non-ASCII text,
// quotes and newlines.
func invoiceEventData(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"info":{"id":"inv_1042","invoiceNumber":"INV-2024-1042","createdAt":"2024-11-16T17:20:38Z",` +
		`"updatedAt":"2024-11-18T09:02:11Z","type":"INVOICE","issueDate":"2024-11-16","dueDate":"2024-12-16",` +
		`"totalAmount":12345.67,"remainingAmount":2345.67,"totalDiscount":0,"totalTax":1975.31,` +
		`"contactId":"ct_77","companyId":"co_1","linkedCompanyIds":["co_1","co_2"],` +
		`"description":` + quote("Prestations de conseil — Zürich & São Paulo\n« Phase 2 »") + `,` +
		`"currency":"EUR","exchangeRate":"1.0834","status":"SUBMITTED"},"lineItems":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		p := people[i%len(people)]
		fmt.Fprintf(&b, `{"lineItemId":"li_%[1]d","itemId":"item_%[2]d","itemCode":"SKU-%[2]d","itemName":%[3]s,`+
			`"description":%[4]s,"quantity":%[5]d,"unitRate":%[6]d.50,"amount":%[7]d.00,"accountId":"acc_4000",`+
			`"discountRate":0,"taxRateId":"tr_vat19","taxRate":19.0}`,
			i, i%17, quote(fmt.Sprintf("Beratung · Stunde %d", i)),
			quote(fmt.Sprintf("Sprint %d: “API review” with %s %s\nincl. travel", i, p[0], p[1])),
			1+i%8, 120+i, (1+i%8)*(120+i))
	}
	b.WriteString(`],"addresses":[{"addressLine1":"Bahnhofstraße 1","city":"Zürich","state":"ZH","country":"CH",` +
		`"zipCode":"8001","addressType":"BILLING"}],"payments":[` +
		`{"id":"pay_1","date":"2024-11-30","amount":10000.00,"mode":"BANK_TRANSFER","referenceNumber":"SEPA-88",` +
		`"invoiceId":"inv_1042","paymentLinkedTo":"INVOICE"}]}`)
	return b.Bytes()
}

// The baseline's own invoice types: what a user would declare from Knit's
// invoice data-model page, amounts as json.Number, dates as strings.
type (
	blInvoice struct {
		Info struct {
			ID               string      `json:"id"`
			InvoiceNumber    string      `json:"invoiceNumber"`
			CreatedAt        string      `json:"createdAt"`
			UpdatedAt        string      `json:"updatedAt"`
			Type             string      `json:"type"`
			IssueDate        string      `json:"issueDate"`
			DueDate          string      `json:"dueDate"`
			TotalAmount      json.Number `json:"totalAmount"`
			RemainingAmount  json.Number `json:"remainingAmount"`
			TotalDiscount    json.Number `json:"totalDiscount"`
			TotalTax         json.Number `json:"totalTax"`
			ContactID        string      `json:"contactId"`
			CompanyID        string      `json:"companyId"`
			LinkedCompanyIDs []string    `json:"linkedCompanyIds"`
			Description      string      `json:"description"`
			Currency         string      `json:"currency"`
			ExchangeRate     string      `json:"exchangeRate"`
			Status           string      `json:"status"`
		} `json:"info"`
		LineItems []struct {
			LineItemID   string      `json:"lineItemId"`
			ItemID       string      `json:"itemId"`
			ItemCode     string      `json:"itemCode"`
			ItemName     string      `json:"itemName"`
			Description  string      `json:"description"`
			Quantity     json.Number `json:"quantity"`
			UnitRate     json.Number `json:"unitRate"`
			Amount       json.Number `json:"amount"`
			AccountID    string      `json:"accountId"`
			DiscountRate json.Number `json:"discountRate"`
			TaxRateID    string      `json:"taxRateId"`
			TaxRate      json.Number `json:"taxRate"`
		} `json:"lineItems"`
		Addresses []blAddress `json:"addresses"`
		Payments  []struct {
			ID              string      `json:"id"`
			Date            string      `json:"date"`
			Amount          json.Number `json:"amount"`
			Mode            string      `json:"mode"`
			ReferenceNumber string      `json:"referenceNumber"`
			InvoiceID       string      `json:"invoiceId"`
			PaymentLinkedTo string      `json:"paymentLinkedTo"`
		} `json:"payments"`
	}
)

// TestInvoiceEventDataDecodes checks the benchmark's payload: both variants
// read every line item, the SDK's amounts exactly as sent.
func TestInvoiceEventDataDecodes(t *testing.T) {
	t.Parallel()
	data := invoiceEventData(invoiceLines)
	inv, err := accounting.DecodeInvoice(data)
	require.NoError(t, err)
	require.Len(t, inv.LineItems, invoiceLines)
	last := inv.LineItems[invoiceLines-1]
	assert.Equal(t, "li_99", last.LineItemID)
	assert.Equal(t, "219.50", last.UnitRate.String())
	assert.Contains(t, last.Description, "“API review”")
	assert.Equal(t, "1.0834", inv.Info.ExchangeRate.String())
	assert.Equal(t, "ct_77", inv.Info.ContactID)
	require.Len(t, inv.Payments, 1)

	var bl blInvoice
	require.NoError(t, json.Unmarshal(data, &bl))
	require.Len(t, bl.LineItems, invoiceLines)
	assert.Equal(t, last.Description, bl.LineItems[invoiceLines-1].Description)
	assert.Equal(t, "219.50", bl.LineItems[invoiceLines-1].UnitRate.String())
}

// BenchmarkNestedDecode decodes the eventData of an invoice with 100 line
// items: accounting.DecodeInvoice (variant=sdk) against one json.Unmarshal
// into the baseline's own types (variant=baseline). The SDK's invoice,
// line item and amount types have UnmarshalJSON methods of their own, so
// this measures the decoding inside those methods, not only the outer
// decoder.
func BenchmarkNestedDecode(b *testing.B) {
	data := invoiceEventData(invoiceLines)
	b.Run("payload=invoice100/variant=sdk", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		cpu := startCPU()
		for b.Loop() {
			inv, err := accounting.DecodeInvoice(data)
			if err != nil {
				b.Fatal(err)
			}
			if len(inv.LineItems) != invoiceLines {
				b.Fatalf("got %d line items", len(inv.LineItems))
			}
		}
		cpu.report(b)
	})
	b.Run("payload=invoice100/variant=baseline", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		cpu := startCPU()
		for b.Loop() {
			var inv blInvoice
			if err := json.Unmarshal(data, &inv); err != nil {
				b.Fatal(err)
			}
			if len(inv.LineItems) != invoiceLines {
				b.Fatalf("got %d line items", len(inv.LineItems))
			}
		}
		cpu.report(b)
	})
}
