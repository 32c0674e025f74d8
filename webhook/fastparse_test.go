package webhook

import (
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/ats"
	"github.com/knit-sdk/knit-go/hris"
)

// Every JSON key the envelope decodes is a key of parseFast.
func TestFastParseKeysCoverEvent(t *testing.T) {
	t.Parallel()
	keys := []string{"triggeredAt"}
	typ := reflect.TypeFor[Event]()
	for i := range typ.NumField() {
		f := typ.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if f.IsExported() && name != "-" {
			keys = append(keys, name)
		}
	}
	assert.ElementsMatch(t, keys, eventKeys[:])
}

// parseFast reads what parseTyped reads, or gives up.
func TestFastParseMatchesTyped(t *testing.T) {
	t.Parallel()
	check := func(t *testing.T, payload []byte, fast func([]byte, *Event) bool, typed func([]byte, *Event) bool, record func(*Event) (any, error)) bool {
		t.Helper()
		var f, ty Event
		if !fast(payload, &f) {
			assert.Equal(t, Event{}, f, "a fast pass that gives up leaves the event alone")
			return false
		}
		require.True(t, typed(payload, &ty), "parseFast accepted what parseTyped refuses: %.120s", payload)
		sameEnvelope(t, &ty, &f)
		require.Equal(t, ty.parsed.rec == nil, f.parsed.rec == nil)
		if f.parsed.rec != nil {
			want, err := record(&ty)
			require.NoError(t, err)
			got, err := record(&f)
			require.NoError(t, err)
			assert.Equal(t, want, got)
		}
		return true
	}
	emp := func(p []byte, ev *Event) bool { return parseFast[hris.Employee](p, ev, hris.DataTypeEmployee) }
	empTyped := func(p []byte, ev *Event) bool { return parseTyped[hris.Employee](p, ev, hris.DataTypeEmployee) }
	empRec := func(ev *Event) (any, error) { return ev.Employee() }
	job := func(p []byte, ev *Event) bool { return parseFast[ats.Job](p, ev, ats.DataTypeJobs) }
	jobTyped := func(p []byte, ev *Event) bool { return parseTyped[ats.Job](p, ev, ats.DataTypeJobs) }
	jobRec := func(ev *Event) (any, error) { return ev.Job() }

	assert.True(t, check(t, readFixture(t, "record_new_employee.json"), emp, empTyped, empRec))
	assert.True(t, check(t, readFixture(t, "record_modified_job.json"), job, jobTyped, jobRec))
	for _, in := range []string{
		`{"eventId":"e","eventType":"record.new","eventData":null,"syncDataType":"employee","triggeredAt":"1765500000000"}`,
		`{"eventId":"e","eventData":{"profile":{"id":"1"}},"syncDataType":"ats_jobs","extra":{"x":[1]}}`,
		`{"eventId":"e","eventType":"record.deleted","eventData":{"profile":{"id":"1"}},"syncDataType":"employee"}`,
		` {"eventData":{"customFields":{"a":1}},"eventId":"e","recordId":null,"syncDataType":"employee"} `,
	} {
		assert.True(t, check(t, []byte(in), emp, empTyped, empRec), "decoded without encoding/json: %s", in)
	}
	for _, in := range []string{
		`{"EventId":"e","eventData":{}}`,
		`{"eventId":"e","eventId":"f","eventData":{}}`,
		`{"eventId":7,"eventData":{}}`,
		`{"eventId":"e","eventData":{"profile":5}}`,
		`{"eventId":"e","eventData":{"Profile":{}}}`,
		`{"eventId":"e","eventData":{}} x`,
		`{"eventId":"e","eventData":{}`,
	} {
		assert.False(t, check(t, []byte(in), emp, empTyped, empRec), "should give up on %s", in)
	}
}
