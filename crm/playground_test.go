package crm_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/crm"
	"github.com/knit-sdk/knit-go/knittest"
)

// TestPlaygroundRecordsDecode decodes every CRM record of the knittest
// playground, which has the shape of Knit's sync eventData. (Knit documents
// no CRM method or CRM sync data type, so the playground serves CRM data
// through Go accessors only.)
func TestPlaygroundRecordsDecode(t *testing.T) {
	t.Parallel()
	srv := knittest.NewServer(knittest.WithT(t))

	for _, want := range srv.Contacts() {
		raw, err := json.Marshal(want)
		require.NoError(t, err)
		got, err := crm.DecodeContact(raw)
		require.NoError(t, err)
		assert.Equal(t, want.Info.ID, got.Info.ID)
		assert.Equal(t, want.Info.LastName, got.Info.LastName)
		assert.Len(t, got.Emails, len(want.Emails))
	}
	for _, want := range srv.Accounts() {
		raw, err := json.Marshal(want)
		require.NoError(t, err)
		got, err := crm.DecodeAccount(raw)
		require.NoError(t, err)
		assert.Equal(t, want.Info.ID, got.Info.ID)
		assert.Equal(t, want.Info.Name, got.Info.Name)
	}
	for _, want := range srv.Deals() {
		raw, err := json.Marshal(want)
		require.NoError(t, err)
		got, err := crm.DecodeDeal(raw)
		require.NoError(t, err)
		assert.Equal(t, want.Info.ID, got.Info.ID)
		assert.NotEmpty(t, got.Info.Status)
		assert.Positive(t, got.Info.Amount.Sign(), "deal %s amount %s", got.Info.ID, got.Info.Amount)
	}
}
