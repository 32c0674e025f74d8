package hris

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMaskNumberBoundary: a number of 8 characters or more shows its last
// four; a shorter one is hidden entirely (issue 26).
func TestMaskNumberBoundary(t *testing.T) {
	t.Parallel()
	for number, want := range map[string]string{"12345678": "****5678", "1234567": "****", "123456789": "****6789"} {
		out := fmt.Sprintf("%v", BankAccount{AccountNumber: number})
		assert.Contains(t, out, want, number)
		assert.NotContains(t, out, number, number)
	}
}

// TestPayrollUnmarshalEmpty: an empty input is an error or an empty
// Payroll, never a panic.
func TestPayrollUnmarshalEmpty(t *testing.T) {
	t.Parallel()
	var p Payroll
	require.NotPanics(t, func() { _ = p.UnmarshalJSON(nil) })
}
