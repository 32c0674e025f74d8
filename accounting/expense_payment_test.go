package accounting

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/internal/keycheck"
)

func TestDecodeExpenseDocsExample(t *testing.T) {
	t.Parallel()
	doc := fixture(t, "expense_docs_example.json")
	e, err := DecodeExpense(doc)
	require.NoError(t, err)
	i := e.Info
	assert.Equal(t, "104916", i.ID)
	assert.Equal(t, "9547", i.EmployeeID)
	assert.Equal(t, "123", i.ContactID)
	assert.Equal(t, []string{"123", "456"}, i.LinkedCompanyIDs)
	assert.Equal(t, "100", i.TotalAmount.String())
	assert.Equal(t, "1", i.ExchangeRate.String(), "a number where the table says String")
	assert.Equal(t, "USD", i.Currency)
	_, ok := i.TransactionDate.Time()
	assert.True(t, ok)
	require.Len(t, e.LineItems, 1)
	l := e.LineItems[0]
	assert.Equal(t, "99", l.AccountID)
	assert.Equal(t, "100", l.Amount.String())
	assert.Equal(t, "101", l.TaxRateID)
	assert.Equal(t, []TrackingCategory{{CategoryID: "20", CategoryName: "Accessories", ParentCategoryID: "21", ParentCategoryName: "Office"}}, l.TrackingCategories)

	missing, err := keycheck.Unread(doc, &Expense{})
	require.NoError(t, err)
	assert.Empty(t, missing, "keys of Knit's example that Expense drops")
}

func TestDecodePaymentRecordDocsTable(t *testing.T) {
	t.Parallel()
	doc := fixture(t, "payment_docs_table.json")
	p, err := DecodePaymentRecord(doc)
	require.NoError(t, err)
	i := p.Info
	assert.Equal(t, PaymentStatusSuccess, i.Status)
	assert.Equal(t, PaymentModeElectronicTransfer, i.PaymentMode)
	assert.Equal(t, "acc_ar_1", i.CreditedAccountID)
	assert.Equal(t, "acc_bank_1", i.DebitedAccountID)
	assert.Equal(t, "1250.75", i.Amount.String(), "exact, never a float")
	assert.Equal(t, "1.0", i.ExchangeRate.String())
	require.Len(t, p.LineItems, 1)
	l := p.LineItems[0]
	assert.Equal(t, "1250.75", l.Amount.String(), "the table's String amount")
	assert.Equal(t, PaymentLinkedToInvoice, l.PaymentLinkedTo)
	assert.Equal(t, "INV-1042", l.InvoiceNumber)
	assert.Equal(t, "0", l.Discount.String())

	missing, err := keycheck.Unread(doc, &PaymentRecord{})
	require.NoError(t, err)
	assert.Empty(t, missing, "keys of Knit's tables that PaymentRecord drops")
}

func TestDecodeExpenseAndPaymentBadInput(t *testing.T) {
	t.Parallel()
	for _, in := range []string{`[]`, `{"info":{"totalAmount":"N/A"}}`, `{"lineItems":{}}`} {
		_, err := DecodeExpense([]byte(in))
		require.Error(t, err, in)
	}
	for _, in := range []string{`"x"`, `{"info":{"amount":true}}`, `{"lineItems":[{"discount":"ten"}]}`} {
		_, err := DecodePaymentRecord([]byte(in))
		require.Error(t, err, in)
	}
	e, err := DecodeExpense([]byte(`{"info":null,"lineItems":null}`))
	require.NoError(t, err)
	assert.Nil(t, e.LineItems)
}
