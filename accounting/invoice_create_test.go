package accounting

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/apierror"
	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/internal/transport"
	"github.com/knit-sdk/knit-go/option"
)

// recorded is one request the test server saw.
type recorded struct {
	method, path, integration, contentType string
	body                                   []byte
}

// newServer answers every request with status and body and records it.
func newServer(t *testing.T, status int, body string) (*Client, *atomic.Int32, chan recorded) {
	t.Helper()
	var hits atomic.Int32
	seen := make(chan recorded, 8)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		b, _ := io.ReadAll(r.Body)
		seen <- recorded{r.Method, r.URL.Path, r.Header.Get("X-Knit-Integration-Id"), r.Header.Get("Content-Type"), b}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	cfg, err := transport.NewConfig("test-key", []option.RequestOption{option.WithBaseURL(srv.URL), option.WithMaxRetries(0)}...)
	require.NoError(t, err)
	return newClient(transport.New(cfg).Integration("int_test")), &hits, seen
}

func dec(t *testing.T, s string) basemodel.Decimal {
	t.Helper()
	d, err := basemodel.NewDecimal(s)
	require.NoError(t, err)
	return d
}

func fullParams(t *testing.T) *InvoiceCreateParams {
	t.Helper()
	taxable := true
	return &InvoiceCreateParams{
		Type:          InvoiceTypeInvoice,
		ContactID:     "02d528f1-89f2-4086-bbf2-6becd6ec407a",
		InvoiceNumber: "INV-0042",
		IssueDate:     "2024-05-23",
		DueDate:       "2024-06-22",
		Description:   "May consulting",
		Currency:      "USD",
		ExchangeRate:  dec(t, "1.0").Quoted(),
		TotalAmount:   dec(t, "1234567890123.45"),
		TotalTax:      dec(t, "0.1"),
		TotalDiscount: dec(t, "-0.005"),
		Status:        "AUTHORISED",
		LineItems: []InvoiceLineItemParams{
			{
				AccountID:    "4000",
				Description:  "Senior consultant",
				ItemID:       "item_77",
				Quantity:     dec(t, "160"),
				UnitRate:     dec(t, "150.25"),
				DiscountRate: dec(t, "0"),
				IsTaxable:    &taxable,
			},
			{Amount: dec(t, "123456789012345678901234567.891"), Description: "Retainer", MetaData: json.RawMessage(`{"taxName":"GEN"}`)},
			{ItemID: "item_9", Quantity: dec(t, "2")},
		},
		MetaData: json.RawMessage(`{"categoryAndTaxes":[{"taxName":"GEN","categoryId":"12775579"}]}`),
		Extra:    map[string]any{"reference": "PO-77"},
	}
}

func TestInvoicesCreate(t *testing.T) {
	t.Parallel()
	c, hits, seen := newServer(t, http.StatusOK, `{"success":true,"data":{"invoiceId":"inv_123","status":"AUTHORISED"}}`)
	params := fullParams(t)
	before, err := json.Marshal(params)
	require.NoError(t, err)

	res, err := c.Invoices.Create(context.Background(), params)
	require.NoError(t, err)
	assert.Equal(t, "inv_123", res.ID)
	assert.JSONEq(t, `{"invoiceId":"inv_123","status":"AUTHORISED"}`, string(res.Raw))

	require.Equal(t, int32(1), hits.Load())
	got := <-seen
	assert.Equal(t, http.MethodPost, got.method)
	assert.Equal(t, "/accounting.invoice.create", got.path)
	assert.Equal(t, "int_test", got.integration)
	assert.Equal(t, "application/json", got.contentType)
	assert.JSONEq(t, string(fixture(t, "invoice_create_request.json")), string(got.body))
	// Amounts go out with exactly the caller's digits.
	assert.Contains(t, string(got.body), `"amount":123456789012345678901234567.891`)
	assert.Contains(t, string(got.body), `"totalDiscount":-0.005`)
	assert.Contains(t, string(got.body), `"exchangeRate":"1.0"`)

	after, err := json.Marshal(params)
	require.NoError(t, err)
	assert.JSONEq(t, string(before), string(after), "params must not be modified")
}

func TestInvoicesCreateMinimalSendsEmptyLineItems(t *testing.T) {
	t.Parallel()
	c, _, seen := newServer(t, http.StatusOK, `{"success":true,"data":{"invoiceId":42}}`)
	params := &InvoiceCreateParams{Type: InvoiceTypeBill, ContactID: "vendor_9"}
	res, err := c.Invoices.Create(context.Background(), params)
	require.NoError(t, err)
	assert.Equal(t, "42", res.ID, "numeric invoiceId")
	assert.JSONEq(t, `{"type":"BILL","contactId":"vendor_9","lineItems":[]}`, string((<-seen).body))
	assert.Nil(t, params.LineItems, "params must not be modified")
}

func TestInvoicesCreateUnknownResponseShape(t *testing.T) {
	t.Parallel()
	for _, data := range []string{`{"id":"x"}`, `null`, `"created"`, `{"invoiceId":{"nested":1}}`} {
		c, _, _ := newServer(t, http.StatusOK, `{"success":true,"data":`+data+`}`)
		res, err := c.Invoices.Create(context.Background(), &InvoiceCreateParams{Type: InvoiceTypeInvoice, ContactID: "c"})
		require.NoError(t, err, data)
		assert.Empty(t, res.ID, data)
		if data == `null` {
			assert.Empty(t, res.Raw, "null data leaves Raw empty")
			continue
		}
		assert.JSONEq(t, data, string(res.Raw), data)
	}
}

func TestInvoicesCreateValidation(t *testing.T) {
	t.Parallel()
	valid := func() *InvoiceCreateParams {
		return &InvoiceCreateParams{Type: InvoiceTypeInvoice, ContactID: "c1",
			LineItems: []InvoiceLineItemParams{{Amount: dec(t, "10")}}}
	}
	tests := []struct {
		name   string
		params *InvoiceCreateParams
		field  string
	}{
		{"nil params", nil, "params"},
		{"no type", func() *InvoiceCreateParams { p := valid(); p.Type = ""; return p }(), "Type"},
		{"no contact", func() *InvoiceCreateParams { p := valid(); p.ContactID = "  "; return p }(), "ContactID"},
		{"bad metadata", func() *InvoiceCreateParams { p := valid(); p.MetaData = json.RawMessage(`{`); return p }(), "MetaData"},
		{"unpriced line", func() *InvoiceCreateParams {
			p := valid()
			p.LineItems = append(p.LineItems, InvoiceLineItemParams{Description: "free?"})
			return p
		}(), "LineItems[1]"},
		{"quantity without rate or item", func() *InvoiceCreateParams {
			p := valid()
			p.LineItems = []InvoiceLineItemParams{{Quantity: dec(t, "3")}}
			return p
		}(), "LineItems[0]"},
		{"rate without quantity", func() *InvoiceCreateParams {
			p := valid()
			p.LineItems = []InvoiceLineItemParams{{UnitRate: dec(t, "3")}}
			return p
		}(), "LineItems[0]"},
		{"bad line metadata", func() *InvoiceCreateParams {
			p := valid()
			p.LineItems[0].MetaData = json.RawMessage(`nope`)
			return p
		}(), "LineItems[0].MetaData"},
		{"extra clashes with a typed field", func() *InvoiceCreateParams {
			p := valid()
			p.Extra = map[string]any{"contactId": "other"}
			return p
		}(), "Extra"},
		{"extra not encodable", func() *InvoiceCreateParams {
			p := valid()
			p.Extra = map[string]any{"ch": make(chan int)}
			return p
		}(), "Extra"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, hits, _ := newServer(t, http.StatusOK, `{"success":true,"data":{}}`)
			res, err := c.Invoices.Create(context.Background(), tt.params)
			require.Error(t, err)
			assert.Nil(t, res)
			require.ErrorIs(t, err, apierror.ErrInvalidParams)
			var pe *apierror.ParamError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, "Accounting.Invoices.Create", pe.Op)
			assert.Equal(t, tt.field, pe.Field)
			assert.Equal(t, int32(0), hits.Load(), "nothing may be sent")
		})
	}
	// The valid base really is valid.
	c, hits, _ := newServer(t, http.StatusOK, `{"success":true,"data":{}}`)
	_, err := c.Invoices.Create(context.Background(), valid())
	require.NoError(t, err)
	assert.Equal(t, int32(1), hits.Load())
}

func TestInvoicesCreateNotSupported(t *testing.T) {
	t.Parallel()
	c, hits, _ := newServer(t, http.StatusNotFound, `{"success":false,"error":{"msg":"Tool not supported for this app"}}`)
	_, err := c.Invoices.Create(context.Background(), &InvoiceCreateParams{Type: InvoiceTypeInvoice, ContactID: "c"})
	require.ErrorIs(t, err, apierror.ErrNotSupported)
	require.NotErrorIs(t, err, apierror.ErrNotFound)
	var ke *apierror.Error
	require.ErrorAs(t, err, &ke)
	assert.Equal(t, "accounting.invoice.create", ke.Method)
	assert.Equal(t, "int_test", ke.IntegrationID)
	assert.Equal(t, int32(1), hits.Load(), "a 404 write is not retried")
}

func TestInvoicesCreateSuccessFalse(t *testing.T) {
	t.Parallel()
	c, _, _ := newServer(t, http.StatusOK, `{"success":false,"error":{"msg":"Contact does not exist"}}`)
	_, err := c.Invoices.Create(context.Background(), &InvoiceCreateParams{Type: InvoiceTypeInvoice, ContactID: "nope"})
	var ke *apierror.Error
	require.ErrorAs(t, err, &ke)
	assert.Equal(t, "Contact does not exist", ke.Message)
	require.NotErrorIs(t, err, apierror.ErrNotSupported)
}

// newClient is the category client on s, as knit.Client.Integration builds it.
func newClient(s transport.Scope) *Client {
	c := new(Client)
	c.bind(s)
	return c
}
