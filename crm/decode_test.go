package crm

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

func TestDecodeContactDocsExample(t *testing.T) {
	t.Parallel()
	c, err := DecodeContact(fixture(t, "contact_docs_example.json"))
	require.NoError(t, err)

	assert.Equal(t, "101", c.Info.ID)
	assert.Equal(t, "Kendall", c.Info.FirstName)
	assert.Equal(t, "Roy", c.Info.LastName)
	assert.Equal(t, "Senior Executive", c.Info.Description)
	assert.Equal(t, "Entertainment", c.Info.Industry)
	assert.Equal(t, "CEO", c.Info.JobTitle)
	assert.Equal(t, "407425865", c.Info.Owner.ID)
	assert.Equal(t, "51501658", c.Info.CreatedBy.ID)
	assert.Equal(t, "15913301322", c.Info.AccountID)
	ts, ok := c.Info.LastActivityAt.Time()
	require.True(t, ok)
	assert.Equal(t, 28, ts.Second())

	require.Len(t, c.Addresses, 1)
	assert.Equal(t, "New York City", c.Addresses[0].City)
	assert.Equal(t, basemodel.AddressTypeWork, c.Addresses[0].AddressType)
	require.Len(t, c.Phones, 1)
	assert.Equal(t, "+1 212 555 0101", c.Phones[0].Number())
	require.Len(t, c.Emails, 1)
	assert.Equal(t, basemodel.EmailTypeWork, c.Emails[0].Type)

	require.Len(t, c.CustomFields.Fields, 2)
	assert.JSONEq(t, `"OPEN_DEAL"`, string(c.CustomFields.Fields["hs_lead_status"]))
	assert.JSONEq(t, `4`, string(c.CustomFields.Fields["num_notes"]))
	assert.JSONEq(t, `"https://www.linkedin.com/in/kendall-roy"`, string(c.UserMappedFields["linkedinProfile"]))
}

func TestDecodeContactNulls(t *testing.T) {
	t.Parallel()
	c, err := DecodeContact(fixture(t, "contact_nulls.json"))
	require.NoError(t, err)
	assert.Equal(t, "102", c.Info.ID)
	assert.Empty(t, c.Info.LastName)
	assert.Empty(t, c.Info.Owner.ID)
	assert.True(t, c.Info.UpdatedAt.IsZero())
	assert.Nil(t, c.Addresses)
	assert.Nil(t, c.Phones)
	assert.Nil(t, c.Emails)
	assert.Nil(t, c.CustomFields.Fields)
	assert.Nil(t, c.UserMappedFields)
}

func TestDecodeContactExtraFields(t *testing.T) {
	t.Parallel()
	c, err := DecodeContact(fixture(t, "contact_extra_fields.json"))
	require.NoError(t, err)
	assert.Equal(t, "Siobhan", c.Info.FirstName)
	assert.Equal(t, "407425865", c.Info.Owner.ID)
	require.Len(t, c.Phones, 2)
	assert.Equal(t, basemodel.PhoneType("MOBILE"), c.Phones[0].Type, "unknown enum kept")
	assert.Equal(t, "+1 212 555 0100", c.Phones[1].Number(), "observed 'number' spelling")
	assert.Equal(t, basemodel.EmailType("OTHER"), c.Emails[0].Type)
	// A flat customFields object is taken as the field map itself.
	require.Len(t, c.CustomFields.Fields, 2)
	assert.JSONEq(t, `9.5`, string(c.CustomFields.Fields["score"]))
	d, ok := c.Info.CreatedAt.Time()
	require.True(t, ok)
	assert.Equal(t, 2023, d.Year())
}

func TestDecodeAccountDocsExample(t *testing.T) {
	t.Parallel()
	a, err := DecodeAccount(fixture(t, "account_docs_example.json"))
	require.NoError(t, err)
	assert.Equal(t, "15913301322", a.Info.ID)
	assert.Equal(t, "Waystar Royco", a.Info.Name)
	assert.Equal(t, "waystarroyco.com", a.Info.Website)
	assert.Equal(t, "10000", a.Info.NumberOfEmployees)
	assert.Equal(t, "407425865", a.Info.Owner.ID)
	assert.Equal(t, []string{"https://www.linkedin.com/company/waystar-royco"}, a.Info.SocialMediaLinks)
	assert.Equal(t, PersonAccountFalse, a.Info.IsPersonAccount)
	v, known := a.Info.IsPersonAccount.Bool()
	assert.False(t, v)
	assert.True(t, known)
	require.Len(t, a.Addresses, 1)
	require.Len(t, a.Phones, 1)
	assert.Equal(t, []string{"101", "51"}, a.Contacts)
	assert.JSONEq(t, `true`, string(a.CustomFields.Fields["is_public"]))
	assert.JSONEq(t, `"WYST"`, string(a.UserMappedFields["tickerSymbol"]))
}

func TestDecodeAccountUnknownEnumAndNulls(t *testing.T) {
	t.Parallel()
	a, err := DecodeAccount(fixture(t, "account_unknown_enum.json"))
	require.NoError(t, err)
	assert.Equal(t, PersonAccount("PROBABLY"), a.Info.IsPersonAccount)
	_, known := a.Info.IsPersonAccount.Bool()
	assert.False(t, known)
	assert.Empty(t, a.Info.NumberOfEmployees)
	assert.Nil(t, a.Info.SocialMediaLinks)
	assert.Nil(t, a.Contacts)
	assert.Nil(t, a.CustomFields.Fields)
}

func TestDecodeAccountPersonBoolean(t *testing.T) {
	t.Parallel()
	a, err := DecodeAccount(fixture(t, "account_person_bool.json"))
	require.NoError(t, err)
	assert.Equal(t, PersonAccountTrue, a.Info.IsPersonAccount)
	v, known := a.Info.IsPersonAccount.Bool()
	assert.True(t, v)
	assert.True(t, known)
	assert.Equal(t, []string{"003XX000004TMM2"}, a.Contacts)
}

func TestDecodeDealDocsExample(t *testing.T) {
	t.Parallel()
	d, err := DecodeDeal(fixture(t, "deal_docs_example.json"))
	require.NoError(t, err)
	assert.Equal(t, "13415674244", d.Info.ID)
	assert.Equal(t, "100000.0", d.Info.Amount.String())
	cents, err := d.Info.Amount.Scaled(2)
	require.NoError(t, err)
	assert.Equal(t, "10000000", cents.String())
	assert.Equal(t, "USD", d.Info.Currency)
	assert.Equal(t, DealStatusWon, d.Info.Status)
	assert.Equal(t, DealStage{StageID: "closedwon", StageName: "Closed Won", PipelineID: "default", PipelineName: "Sales Pipeline"}, d.Stage)
	assert.Equal(t, []string{"15741522528"}, d.Accounts)
	assert.Equal(t, []string{"51"}, d.Contacts)

	// The amount goes back out exactly as it came in.
	out, err := json.Marshal(d.Info)
	require.NoError(t, err)
	assert.Contains(t, string(out), `"amount":100000.0`)
}

func TestDecodeDealUnknownStatusAndStringAmount(t *testing.T) {
	t.Parallel()
	d, err := DecodeDeal(fixture(t, "deal_unknown_status.json"))
	require.NoError(t, err)
	assert.Equal(t, DealStatus("ON_HOLD"), d.Info.Status)
	assert.Equal(t, "123456789012345678901234567.891", d.Info.Amount.String())
	assert.True(t, d.Info.Amount.IsQuoted())
	assert.Equal(t, DealStage{}, d.Stage)
	assert.Nil(t, d.Accounts)
	assert.Nil(t, d.Contacts)
}

func TestDecodeCustomObjectRecord(t *testing.T) {
	t.Parallel()
	r, err := DecodeCustomObjectRecord(fixture(t, "record_docs_example.json"))
	require.NoError(t, err)
	assert.Empty(t, r.Info.ID)
	assert.True(t, r.Info.CreatedAt.IsZero())
	assert.JSONEq(t, `"value1"`, string(r.Fields["field1"]))
	assert.JSONEq(t, `"value2"`, string(r.Fields["field2"]))

	r, err = DecodeCustomObjectRecord(fixture(t, "record_filled.json"))
	require.NoError(t, err)
	assert.Equal(t, "rec_9", r.Info.ID)
	assert.Equal(t, "2-1234567", r.Info.SchemaID)
	assert.Equal(t, "EXT-9", r.Info.ExternalID)
	assert.Equal(t, "407425865", r.Info.CreatedBy)
	assert.Equal(t, "51501658", r.Info.UpdatedBy)
	require.Len(t, r.Fields, 4)
	var signed bool
	require.NoError(t, json.Unmarshal(r.Fields["signed"], &signed))
	assert.True(t, signed)
	assert.JSONEq(t, `null`, string(r.Fields["notes"]))
}

func TestDecodersRejectNonObjects(t *testing.T) {
	t.Parallel()
	decoders := map[string]func([]byte) error{
		"Contact":            func(b []byte) error { _, err := DecodeContact(b); return err },
		"Account":            func(b []byte) error { _, err := DecodeAccount(b); return err },
		"Deal":               func(b []byte) error { _, err := DecodeDeal(b); return err },
		"CustomObjectRecord": func(b []byte) error { _, err := DecodeCustomObjectRecord(b); return err },
	}
	inputs := []string{``, `null`, `[]`, `"x"`, `42`, `{"info":`, `{"info": "not an object"}`, `{"info":{"id":1}}`}
	for name, decode := range decoders {
		for _, in := range inputs {
			err := decode([]byte(in))
			require.Error(t, err, "%s %q", name, in)
			assert.Contains(t, err.Error(), "decoding crm."+name, "%s %q", name, in)
		}
		require.NoError(t, decode([]byte(`{}`)), name)
		require.NoError(t, decode([]byte(` {"unknown": [1, 2]} `)), name)
	}
}

func TestDealBadAmountNamesTheValue(t *testing.T) {
	t.Parallel()
	_, err := DecodeDeal([]byte(`{"info":{"id":"1","amount":"lots"}}`))
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"lots"`)
}

func TestPersonAccountRejectsObjects(t *testing.T) {
	t.Parallel()
	_, err := DecodeAccount([]byte(`{"info":{"isPersonAccount":{"x":1}}}`))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "isPersonAccount")
}
