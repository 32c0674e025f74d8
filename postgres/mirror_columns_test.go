package knitpostgres

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestTypedColumnsNeverFail(t *testing.T) {
	t.Parallel()
	emp := tableColumns[TableEmployees]
	got := emp.extract([]byte(`{"profile":{"firstName":"Ada","employeeNumber":1002,"startDate":"1676292064383",
		"terminationDate":"2021-02-30","employmentStatus":null},"orgStructure":{"department":["x"],"manager":{"id":"E9"}}}`))
	assert.Equal(t, []any{"Ada", nil, nil, "1002", nil, nil, nil, nil, "E9", time.UnixMilli(1676292064383).UTC(), nil}, got,
		"a number as text, epoch milliseconds, an impossible date and a list where text is expected")
	got = emp.extract([]byte(`{"profile":"not an object","orgStructure":{"department":"Sales"}}`))
	assert.Equal(t, "Sales", got[6], "a field of the wrong type leaves only itself empty")
	assert.Equal(t, make([]any, len(emp.names)), emp.extract([]byte(`{}`)))

	inv := tableColumns[TableInvoices]
	got = inv.extract([]byte(`{"info":{"totalAmount":"12.50","remainingAmount":1e3,"issueDate":"2024-05-01",
		"dueDate":"2024-05-31T10:00:00+02:00","paidOnDate":"2024-06-01T09:00:00"}}`))
	assert.Equal(t, "12.50", got[5])
	assert.Equal(t, "1e3", got[6])
	assert.Equal(t, time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC), got[7])
	assert.True(t, time.Date(2024, 5, 31, 8, 0, 0, 0, time.UTC).Equal(got[8].(time.Time)))
	assert.Equal(t, time.Date(2024, 6, 1, 9, 0, 0, 0, time.UTC), got[9], "no offset: UTC")
	got = inv.extract([]byte(`{"info":{"totalAmount":"NaN","remainingAmount":"1/2"}}`))
	assert.Nil(t, got[5])
	assert.Nil(t, got[6])
	for table, cols := range tableColumns {
		assert.Len(t, cols.extract([]byte(`{}`)), len(cols.names), table)
	}
}
