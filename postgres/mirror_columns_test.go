package knitpostgres

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTypedColumnsAreTheSDKModels(t *testing.T) {
	t.Parallel()
	emp := tableColumns[TableEmployees]
	got, err := emp.extract([]byte(`{"profile":{"firstName":"Ada","lastName":"","employeeNumber":"1002","startDate":"1676292064383",
		"terminationDate":"2021-02-30","employmentStatus":null,"employmentType":"FULL_TIME"},
		"orgStructure":{"department":"Sales","manager":{"id":"E9"}}}`))
	require.NoError(t, err)
	assert.Equal(t, []any{"Ada", nil, nil, "1002", nil, "FULL_TIME", "Sales", nil, "E9", time.UnixMilli(1676292064383).UTC(), nil}, got,
		"empty text, null and an impossible date are NULL; epoch milliseconds are a date")

	_, err = emp.extract([]byte(`{"profile":{"firstName":"Ada","employeeNumber":1002}}`))
	require.ErrorContains(t, err, "employeeNumber", "a value of the wrong JSON type is the decoder's error, naming the field")

	app := tableColumns[TableApplications]
	got, err = app.extract([]byte(`{"info":{"id":"A1","status":"ACTIVE","jobId":"J1","candidate":{"id":"C1","emails":[{"email":""},{"type":"PERSONAL","email":"c@example.com"}]}},
		"currentStage":{"id":"S2","text":"Phone screen"}}`))
	require.NoError(t, err)
	assert.Equal(t, []any{"ACTIVE", "J1", "C1", "c@example.com", "Phone screen", nil, nil}, got, "the stage's name is Knit's key text")

	inv := tableColumns[TableInvoices]
	got, err = inv.extract([]byte(`{"info":{"id":"I1","totalAmount":12.50,"remainingAmount":1e3,"issueDate":"2024-05-01",
		"dueDate":"2024-05-31T10:00:00+02:00","paidOnDate":"2024-06-01T09:00:00"}}`))
	require.NoError(t, err)
	assert.Equal(t, "12.50", got[5], "amounts keep the text Knit sent")
	assert.Equal(t, "1e3", got[6])
	assert.Equal(t, time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC), got[7])
	assert.True(t, time.Date(2024, 5, 31, 8, 0, 0, 0, time.UTC).Equal(got[8].(time.Time)))
	assert.Equal(t, time.Date(2024, 6, 1, 9, 0, 0, 0, time.UTC), got[9], "no offset: UTC")

	// Epoch milliseconds past Postgres' timestamptz range would fail the
	// event on every redelivery.
	got, err = tableColumns[TableJournalEntries].extract([]byte(`{"info":{"id":"J1","date":"9223372036854775807"}}`))
	require.NoError(t, err)
	assert.Nil(t, got[4])
	got, err = tableColumns[TableJournalEntries].extract([]byte(`{"info":{"id":"J1","date":"-62135596800001"}}`))
	require.NoError(t, err)
	assert.Nil(t, got[4], "before year 1")

	for table, cols := range tableColumns {
		got, err := cols.extract([]byte(`{}`))
		require.NoError(t, err, table)
		assert.Equal(t, make([]any, len(cols.names)), got, "%s: an empty record is all NULL", table)
		assert.NotEmpty(t, cols.model, table)
	}
}

func TestWithoutNUL(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		`{"a":"x"}`:                    `{"a":"x"}`,
		`{"a":"A\u0000B"}`:             `{"a":"A\ufffdB"}`,
		`{"a\u0000":["\u0000\u0000"]}`: `{"a\ufffd":["\ufffd\ufffd"]}`,
		`{"a":"\\u0000"}`:              `{"a":"\\u0000"}`, // an escaped backslash, then text
		`{"a":"\\\u0000"}`:             `{"a":"\\\ufffd"}`,
		`{"a":"\u00001"}`:              `{"a":"\ufffd1"}`,
		`{"a":"\u0001"}`:               `{"a":"\u0001"}`,
	} {
		assert.Equal(t, want, string(withoutNUL([]byte(in))), in)
	}
	data := []byte(`{"a":"b"}`)
	assert.Same(t, &data[0], &withoutNUL(data)[0], "no copy without a NUL")
}
