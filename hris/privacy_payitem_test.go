package hris_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/hris"
)

// TestPayItemsMasked: %v of Payroll.Earnings printed the amounts.
func TestPayItemsMasked(t *testing.T) {
	t.Parallel()
	items := []hris.PayItem{{Type: hris.PayItemBasic, Amount: dec(t, "10000.25")}, {Type: "BONUS", Amount: dec(t, "777.5")}}
	for _, verb := range []string{"%v", "%+v", "%s", "%#v"} {
		out := fmt.Sprintf(verb, items)
		assert.NotContains(t, out, "10000", verb)
		assert.NotContains(t, out, "777", verb)
		assert.Contains(t, out, "BASIC", verb)
	}
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("pay", "item", items[0])
	assert.NotContains(t, buf.String(), "10000")
	assert.Contains(t, buf.String(), "BASIC")

	b, err := json.Marshal(items)
	require.NoError(t, err)
	assert.Contains(t, string(b), "10000.25", "encoding/json keeps the amounts")
}
