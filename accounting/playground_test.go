package accounting_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/accounting"
	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/knittest"
)

// TestAgainstPlayground creates an invoice through the knittest fake Knit
// API and decodes the playground's invoices and ledger accounts, which have
// the shape of Knit's sync records, with the package's decoders.
func TestAgainstPlayground(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv := knittest.NewServer(knittest.WithT(t))
	client, err := srv.Client()
	require.NoError(t, err)
	id, err := srv.Connect(knittest.ConnectParams{OriginOrgID: "org-acct", Category: knit.CategoryAccounting})
	require.NoError(t, err)
	in := client.Integration(id)

	price, err := basemodel.NewDecimal("1234567890123.45")
	require.NoError(t, err)
	res, err := in.Accounting.Invoices.Create(ctx, &accounting.InvoiceCreateParams{
		Type:          accounting.InvoiceTypeInvoice,
		ContactID:     srv.Invoices()[0].Info.ContactID,
		InvoiceNumber: "INV-9001",
		Currency:      "USD",
		LineItems: []accounting.InvoiceLineItemParams{
			{AccountID: srv.LedgerAccounts()[0].Info.ID, Description: "Consulting", Quantity: basemodel.DecimalFromInt(2), UnitRate: price},
		},
	})
	require.NoError(t, err)
	assert.NotEmpty(t, res.ID)

	reqs := srv.RequestsFor("accounting.invoice.create")
	require.Len(t, reqs, 1)
	assert.Contains(t, string(reqs[0].Body), `"unitRate":1234567890123.45`, "money is sent with its exact digits")

	_, err = in.Accounting.Invoices.Create(ctx, &accounting.InvoiceCreateParams{Type: accounting.InvoiceTypeInvoice})
	require.ErrorIs(t, err, knit.ErrInvalidParams)
	assert.Len(t, srv.RequestsFor("accounting.invoice.create"), 1, "nothing sent for invalid params")

	for _, want := range srv.Invoices()[:20] {
		raw, err := json.Marshal(want)
		require.NoError(t, err)
		got, err := accounting.DecodeInvoice(raw)
		require.NoError(t, err)
		require.NotNil(t, got.Info)
		assert.Equal(t, want.Info.ID, got.Info.ID)
		assert.Equal(t, want.Info.ContactID, got.Info.ContactID)
		assert.Len(t, got.LineItems, len(want.LineItems))
	}
	for _, want := range srv.LedgerAccounts()[:20] {
		raw, err := json.Marshal(want)
		require.NoError(t, err)
		got, err := accounting.DecodeAccount(raw)
		require.NoError(t, err)
		require.NotNil(t, got.Info)
		assert.Equal(t, want.Info.ID, got.Info.ID)
		assert.NotEmpty(t, got.Info.Type)
	}
}
