package accounting

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/basemodel"
)

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

func TestDecodeAccountDocsExample(t *testing.T) {
	t.Parallel()
	a, err := DecodeAccount(fixture(t, "account_docs_example.json"))
	require.NoError(t, err)
	i := a.Info
	assert.Equal(t, "bca61aa6-3ac1-4ae9-bd34-46c7f9a26d87", i.ID)
	assert.Equal(t, "Accounts Receivable", i.Name)
	assert.Equal(t, AccountCategoryLedgerAccount, i.Category)
	assert.Equal(t, AccountTypeAsset, i.Type)
	assert.Equal(t, "2920023748", i.AccountNumber)
	assert.Equal(t, AccountStatusActive, i.Status)
	assert.Equal(t, "3000", i.CurrentBalance.String())
	assert.Equal(t, "ac19c8f9-a901-4db3-bef1-5aaca2a7c15a", i.CompanyID)
	assert.Equal(t, "USD", i.Currency)
	assert.Equal(t, "5aaca2a7c15a-46c7f9a26d87", i.ParentAccountID)
	assert.Nil(t, i.LinkedCompanyIDs)
	_, ok := i.UpdatedAt.Time()
	assert.True(t, ok)
}

func TestDecodeAccountLiabilitySpellings(t *testing.T) {
	t.Parallel()
	a, err := DecodeAccount(fixture(t, "account_libality.json"))
	require.NoError(t, err)
	assert.Equal(t, AccountTypeLiability, a.Info.Type, "Knit's documented LIBALITY")
	assert.Equal(t, AccountStatusPending, a.Info.Status)
	assert.Equal(t, []string{"1", "3"}, a.Info.LinkedCompanyIDs)
	assert.Equal(t, "-1234567890123.45", a.Info.CurrentBalance.String())
	assert.Equal(t, -1, a.Info.CurrentBalance.Sign())

	b, err := DecodeAccount(fixture(t, "account_nulls_unknown.json"))
	require.NoError(t, err)
	assert.Equal(t, AccountTypeLiability, b.Info.Type, "the correct spelling")
	assert.Equal(t, AccountCategory("CASH_DRAWER"), b.Info.Category, "unknown enum kept")
	assert.Empty(t, b.Info.Status)
	assert.True(t, b.Info.CurrentBalance.IsZero())
	assert.Nil(t, b.Info.LinkedCompanyIDs)

	for _, in := range []string{`"LIBALITY"`, `"LIABILITY"`} {
		var typ AccountType
		require.NoError(t, json.Unmarshal([]byte(in), &typ))
		assert.Equal(t, AccountTypeLiability, typ)
	}
	var typ AccountType
	require.Error(t, json.Unmarshal([]byte(`7`), &typ))
}

func TestDecodeInvoiceCurrent(t *testing.T) {
	t.Parallel()
	inv, err := DecodeInvoice(fixture(t, "invoice_current.json"))
	require.NoError(t, err)
	i := inv.Info
	assert.Equal(t, "inv_8c2f", i.ID)
	assert.Equal(t, "INV-0042", i.InvoiceNumber)
	assert.Equal(t, InvoiceTypeInvoice, i.Type)
	assert.Equal(t, basemodel.DateTime("2024-05-23"), i.IssueDate)
	assert.True(t, i.PaidOnDate.IsZero())
	assert.Equal(t, "1234567890123.45", i.TotalAmount.String())
	assert.Equal(t, "0.1", i.RemainingAmount.String())
	assert.False(t, i.TotalDiscount.IsZero(), "0 is a value")
	assert.Equal(t, 0, i.TotalDiscount.Sign())
	assert.Equal(t, "205761315020.575", i.TotalTax.String())
	assert.Equal(t, "02d528f1-89f2-4086-bbf2-6becd6ec407a", i.ContactID)
	assert.Equal(t, "May consulting", i.Description)
	assert.Equal(t, "1.0", i.ExchangeRate.String())
	assert.True(t, i.ExchangeRate.IsQuoted())
	assert.Equal(t, InvoiceStatusPartiallyPaid, i.Status)
	assert.Len(t, i.LinkedCompanyIDs, 1)

	require.Len(t, inv.LineItems, 1)
	li := inv.LineItems[0]
	assert.Equal(t, "li_1", li.LineItemID)
	assert.Equal(t, "item_77", li.ItemID)
	assert.Equal(t, "CONS-HR", li.ItemCode)
	assert.Equal(t, "Consulting hour", li.ItemName)
	assert.Equal(t, "160", li.Quantity.String())
	assert.Equal(t, "150.25", li.UnitRate.String())
	assert.Equal(t, "24040.0", li.Amount.String())
	assert.Equal(t, "4000", li.AccountID)
	assert.Equal(t, "TAX_STD", li.TaxRateID)
	var rest map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(li.Raw, &rest))
	assert.Contains(t, rest, "trackingCategories", "Raw keeps fields LineItem does not name")

	require.Len(t, inv.Addresses, 1)
	assert.Equal(t, "Bengaluru", inv.Addresses[0].City)
	require.Len(t, inv.Payments, 1)
	p := inv.Payments[0]
	assert.Equal(t, "pay_1", p.ID)
	assert.Equal(t, "-0.005", p.Amount.String())
	assert.Equal(t, PaymentModeElectronicTransfer, p.Mode)
	assert.Equal(t, "UTR-998877", p.ReferenceNumber)
	assert.Equal(t, "inv_8c2f", p.InvoiceID)
	assert.Equal(t, PaymentLinkedToInvoice, p.PaymentLinkedTo)

	// Amounts go back out byte-identical.
	out, err := json.Marshal(inv.Info)
	require.NoError(t, err)
	assert.Contains(t, string(out), `"totalAmount":1234567890123.45`)
	assert.Contains(t, string(out), `"totalTax":205761315020.575`)
	assert.Contains(t, string(out), `"exchangeRate":"1.0"`)
}

func TestDecodeInvoiceOlderVersion(t *testing.T) {
	t.Parallel()
	inv, err := DecodeInvoice(fixture(t, "invoice_older.json"))
	require.NoError(t, err)
	assert.Equal(t, InvoiceTypeBill, inv.Info.Type)
	assert.Equal(t, "vendor_9", inv.Info.ContactID, "older 'contact'")
	assert.Equal(t, "Office chairs", inv.Info.Description, "older 'notes'")
	assert.Equal(t, InvoiceStatusDue, inv.Info.Status)

	require.Len(t, inv.LineItems, 2)
	li := inv.LineItems[1]
	assert.Equal(t, "2", li.LineItemID, "older 'id'")
	assert.Equal(t, "Delivery", li.ItemName, "older 'name'")
	assert.Equal(t, "1", li.Quantity.String())
	assert.Equal(t, "30", li.UnitRate.String(), "older 'rate'")
	assert.Equal(t, "0.5", li.Discount.String())
	assert.Equal(t, "100.1", inv.LineItems[0].UnitRate.String())
	assert.Empty(t, inv.Addresses)
	assert.Empty(t, inv.Payments)

	// Re-encoding uses the current names.
	out, err := json.Marshal(inv.Info)
	require.NoError(t, err)
	assert.Contains(t, string(out), `"contactId":"vendor_9"`)
	assert.Contains(t, string(out), `"description":"Office chairs"`)
}

func TestDecodeInvoiceNullsAndUnknowns(t *testing.T) {
	t.Parallel()
	inv, err := DecodeInvoice(fixture(t, "invoice_nulls_unknown.json"))
	require.NoError(t, err)
	assert.Equal(t, InvoiceType("CREDIT_NOTE"), inv.Info.Type)
	assert.Equal(t, InvoiceStatus("AUTHORISED"), inv.Info.Status)
	assert.True(t, inv.Info.TotalAmount.IsZero())
	assert.True(t, inv.Info.ExchangeRate.IsZero(), `"" is no value`)
	assert.Equal(t, "legacy_contact", inv.Info.ContactID)
	assert.Nil(t, inv.Info.LinkedCompanyIDs)
	assert.Nil(t, inv.LineItems)
	assert.Nil(t, inv.Addresses)
	require.Len(t, inv.Payments, 1)
	assert.Equal(t, "99.99", inv.Payments[0].Amount.String())
	assert.Equal(t, PaymentMode("CARD"), inv.Payments[0].Mode)
	assert.Equal(t, PaymentLinkedTo("CREDIT_NOTE"), inv.Payments[0].PaymentLinkedTo)
}

func TestDecodeInvoiceCurrentNamesWin(t *testing.T) {
	t.Parallel()
	inv, err := DecodeInvoice([]byte(`{"info":{"contactId":"new","contact":"old","description":"d","notes":"n"},
		"lineItems":[{"lineItemId":"a","id":"b","itemName":"x","name":"y","unitRate":1,"rate":2}, null]}`))
	require.NoError(t, err)
	assert.Equal(t, "new", inv.Info.ContactID)
	assert.Equal(t, "d", inv.Info.Description)
	require.Len(t, inv.LineItems, 2)
	assert.Equal(t, "a", inv.LineItems[0].LineItemID)
	assert.Equal(t, "x", inv.LineItems[0].ItemName)
	assert.Equal(t, "1", inv.LineItems[0].UnitRate.String())
	assert.Nil(t, inv.LineItems[1].Raw)
}

func TestDecodeEmployee(t *testing.T) {
	t.Parallel()
	e, err := DecodeEmployee(fixture(t, "employee_docs_example.json"))
	require.NoError(t, err)
	assert.Equal(t, "9547", e.Info.ID)
	assert.Equal(t, "Alice", e.Info.FirstName)
	assert.Equal(t, "Dev", e.Info.LastName)
	assert.Equal(t, "3", e.Info.CompanyID)
	assert.Nil(t, e.Info.LinkedCompanyIDs)
	require.Len(t, e.Info.Emails, 1)
	require.Len(t, e.Info.Phones, 4)
	assert.Equal(t, basemodel.PhoneTypeHome, e.Info.Phones[0].Type)
	assert.Equal(t, "8675452342", e.Info.Phones[3].Number())
	assert.Equal(t, EmployeeStatusActive, e.Info.Status)
	assert.Equal(t, GenderMale, e.Info.Gender)
	assert.Equal(t, EmploymentTypeFullTime, e.Info.EmploymentType)

	e, err = DecodeEmployee(fixture(t, "employee_nulls_unknown.json"))
	require.NoError(t, err)
	assert.Equal(t, "Bob", e.Info.FirstName)
	assert.Empty(t, e.Info.LastName)
	assert.Equal(t, []string{"1", "2"}, e.Info.LinkedCompanyIDs)
	assert.Nil(t, e.Info.Emails)
	assert.Equal(t, EmployeeStatus("ON_LEAVE"), e.Info.Status)
	assert.Equal(t, GenderNotSpecified, e.Info.Gender)
	assert.Equal(t, EmploymentType("PART_TIME"), e.Info.EmploymentType)
}

func TestDecodersRejectNonObjects(t *testing.T) {
	t.Parallel()
	decoders := map[string]func([]byte) error{
		"Account":  func(b []byte) error { _, err := DecodeAccount(b); return err },
		"Invoice":  func(b []byte) error { _, err := DecodeInvoice(b); return err },
		"Employee": func(b []byte) error { _, err := DecodeEmployee(b); return err },
	}
	for name, decode := range decoders {
		for _, in := range []string{``, `null`, `[{}]`, `"info"`, `3`, `{"info":`, `{"info":[]}`} {
			err := decode([]byte(in))
			require.Error(t, err, "%s %q", name, in)
			assert.Contains(t, err.Error(), "decoding accounting."+name, "%s %q", name, in)
		}
		require.NoError(t, decode([]byte(`{}`)), name)
		require.NoError(t, decode([]byte(`{"info":null,"x":1}`)), name)
	}
}

func TestDecodeInvoiceBadAmountIsAnError(t *testing.T) {
	t.Parallel()
	_, err := DecodeInvoice([]byte(`{"info":{"id":"1","exchangeRate":"N/A"}}`))
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"N/A"`)
	_, err = DecodeInvoice([]byte(`{"lineItems":[{"quantity":"NaN"}]}`))
	require.Error(t, err)
}
