package keycheck

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestUnread(t *testing.T) {
	t.Parallel()
	type line struct {
		ID string `json:"id"`
	}
	type doc struct {
		Name  string  `json:"name,omitempty"`
		Lines []line  `json:"lines"`
		Gone  *string `json:"gone,omitempty"`
	}
	missing, err := Unread([]byte(`{"name":"a","extra":1,"gone":null,"lines":[{"id":"1","note":"x"},{"id":"2"}],"nothing":null}`), &doc{})
	require.NoError(t, err)
	assert.Equal(t, []string{"extra", "lines[0].note"}, missing, "null keys may be absent; unread keys are listed")

	missing, err = Unread([]byte(`{"name":"a","lines":[]}`), &doc{})
	require.NoError(t, err)
	assert.Empty(t, missing)

	_, err = Unread([]byte(`{"name":3}`), &doc{})
	require.Error(t, err)
}
