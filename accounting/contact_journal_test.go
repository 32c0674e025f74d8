package accounting

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/basemodel"
)

func TestDecodeContactDocsExample(t *testing.T) {
	t.Parallel()
	c, err := DecodeContact(fixture(t, "contact_docs_example.json"))
	require.NoError(t, err)
	i := c.Info
	assert.Equal(t, "02d528f1-89f2-4086-bbf2-6becd6ec407a", i.ID)
	assert.Equal(t, "Updesh Test Accounting", i.Name)
	assert.Equal(t, ContactTypeCustomer, i.ContactType)
	assert.Equal(t, ContactStatusActive, i.Status)
	assert.Equal(t, "1-030303032", i.AccountNumber)
	assert.Equal(t, "ac19c8f9-a901-4db3-bef1-5aaca2a7c15a", i.CompanyID)
	assert.Equal(t, "USD", i.Currency)
	assert.Equal(t, "GST-12339", i.TaxNumber)
	assert.Equal(t, []string{"https://getknit.dev", "https://xero.accounting.com"}, i.URLs)
	created, ok := i.CreatedAt.Time()
	require.True(t, ok)
	assert.Equal(t, 2024, created.Year())
	require.Len(t, c.Emails, 1)
	assert.Equal(t, basemodel.EmailTypeWork, c.Emails[0].Type)
	require.Len(t, c.Phones, 2)
	assert.Equal(t, "91819119292", c.Phones[0].Number())
	assert.Equal(t, "9838783908", c.Phones[1].Number())
	require.Len(t, c.Addresses, 1)
	assert.Equal(t, "72/1A Church Street", c.Addresses[0].AddressLine1)
	assert.Equal(t, "Texas", c.Addresses[0].City)
	assert.Nil(t, c.Users)
}

func TestDecodeContactOlderVersion(t *testing.T) {
	t.Parallel()
	c, err := DecodeContact(fixture(t, "contact_older.json"))
	require.NoError(t, err)
	assert.Equal(t, ContactTypeVendor, c.Info.ContactType, "older key type")
	assert.Equal(t, "co-1", c.Info.CompanyID, "older key company")
	assert.Equal(t, ContactStatus("SUSPENDED"), c.Info.Status, "unknown status kept")
	assert.Equal(t, []string{"co-1", "co-2"}, c.Info.LinkedCompanyIDs)
	assert.Nil(t, c.Info.URLs)
	assert.Nil(t, c.Addresses)
	require.Len(t, c.Users, 1)
	assert.Equal(t, "u1", c.Users[0].ID)

	out, err := json.Marshal(c.Info)
	require.NoError(t, err)
	assert.Contains(t, string(out), `"contactType":"VENDOR"`)
	assert.Contains(t, string(out), `"companyId":"co-1"`)

	_, err = DecodeContact([]byte(`{"info":{"id":7}}`))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "accounting.Contact")
}

func TestDecodeJournalEntryDocsExample(t *testing.T) {
	t.Parallel()
	j, err := DecodeJournalEntry(fixture(t, "journal_entry_docs_example.json"))
	require.NoError(t, err)
	i := j.Info
	assert.Equal(t, "81436930-df53-468b-8eac-38ea7d49bde8", i.ID)
	assert.Equal(t, "Merchandise Transaction", i.Name)
	assert.Equal(t, basemodel.DateTime("2024-05-23T00:00:00Z"), i.Date)
	assert.Equal(t, JournalEntryStatusPublished, i.Status)
	assert.Equal(t, "This is Tshirt payment.", i.Description)
	assert.Equal(t, "ac19c8f9-a901-4db3-bef1-5aaca2a7c15a", i.CompanyID)
	assert.Equal(t, "USD", i.Currency)
	assert.Equal(t, "1.0", i.ExchangeRate.String())
	assert.Equal(t, "7", i.ReferenceNumber)
	require.Len(t, j.LineItems, 2)
	assert.Equal(t, JournalLine{
		ID: "184bcff6-80b9-4d9d-a5eb-80c0df11cf36", AccountID: "72411c77-e640-4336-9e2d-ed3c7617a7af",
		ContactID: "72411c77-72411c77", Amount: j.LineItems[0].Amount, Type: JournalLineTypeCredit,
		Description: "Recived for Tshirt Payment", //nolint:misspell // Knit's example, verbatim
	}, j.LineItems[0])
	assert.Equal(t, "100", j.LineItems[0].Amount.String())
	assert.Equal(t, JournalLineTypeDebit, j.LineItems[1].Type)
	assert.Equal(t, "cab8b832-d89e-4274-9a1d-d0e0de62657c", j.LineItems[1].AccountID)

	// Re-encoding keeps exchangeRate a string and the amounts exact.
	out, err := json.Marshal(j)
	require.NoError(t, err)
	assert.Contains(t, string(out), `"exchangeRate":"1.0"`)
	assert.Contains(t, string(out), `"amount":100`)
}

func TestDecodeJournalEntryOlderVersion(t *testing.T) {
	t.Parallel()
	j, err := DecodeJournalEntry(fixture(t, "journal_entry_older.json"))
	require.NoError(t, err)
	assert.Equal(t, "Month-end accrual", j.Info.Description, "older key notes")
	assert.Equal(t, "co-1", j.Info.CompanyID, "older key company")
	assert.Equal(t, "acc-9", j.Info.Account)
	assert.Equal(t, JournalEntryStatusDraft, j.Info.Status)
	require.Len(t, j.LineItems, 2)
	assert.Equal(t, "acc-1", j.LineItems[0].AccountID, "older key account")
	assert.Equal(t, "c-1", j.LineItems[0].ContactID, "older key contact")
	assert.Equal(t, "1234567890123.45", j.LineItems[0].Amount.String())
	assert.Equal(t, "acc-2", j.LineItems[1].AccountID, "current key wins")
	assert.Equal(t, JournalLineType("REVERSAL"), j.LineItems[1].Type, "unknown type kept")
	assert.Equal(t, -1, j.LineItems[1].Amount.Sign())

	for _, in := range []string{``, `[]`, `{"lineItems":{}}`, `{"info":{"exchangeRate":true}}`} {
		_, err := DecodeJournalEntry([]byte(in))
		require.Error(t, err, in)
		assert.Contains(t, err.Error(), "accounting.JournalEntry", in)
	}
}
