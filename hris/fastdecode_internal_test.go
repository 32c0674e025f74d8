package hris

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/internal/fastjson"
)

// slowEmployee decodes in with encoding/json, through the wire form.
func slowEmployee(in []byte) (*Employee, error) {
	var e Employee
	if err := json.Unmarshal(in, &e); err != nil {
		return nil, err
	}
	return &e, nil
}

// assertFastEmployeeMatches fails unless the fast decoder gives up on in
// or gives exactly what encoding/json gives; it reports whether it decoded.
func assertFastEmployeeMatches(t *testing.T, in []byte) bool {
	t.Helper()
	d := fastjson.NewDecoder(in)
	got, ok := decodeEmployeeFast(d)
	if !ok || !d.End() {
		return false
	}
	want, err := slowEmployee(in)
	require.NoError(t, err, "the fast decoder accepted what encoding/json refuses: %q", in)
	require.Equal(t, want, got, "%q", in)
	return true
}

func TestFastEmployeeMatchesEncodingJSON(t *testing.T) {
	t.Parallel()
	fixtures, err := filepath.Glob(filepath.Join("testdata", "employee_*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, fixtures)
	decodes := []string{
		`{}`,
		`{"profile":{},"orgStructure":{},"locations":{},"dependents":{},"contactInfo":{},"bankAccountDetails":{}}`,
		`{"bankAccountDetails":[{"accountNumber":"1","bankName":"B"}],"dependents":{"id":"d1","relation":"SPOUSE"}}`,
		`{"bankAccounts":null,"bankAccountDetails":{"accountNumber":"2"},"dependents":{"unmodelled":true}}`,
		`{"customFields":{"a":{"value":1},"b":null},"rawValues":null,"profile":null,"company":{"id":"c"},"unknown":[1]}`,
	}
	for _, f := range fixtures {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		decodes = append(decodes, string(b))
	}
	for _, in := range decodes {
		assert.True(t, assertFastEmployeeMatches(t, []byte(in)), "decoded without encoding/json: %.80s", in)
	}
	for _, in := range []string{
		`null`, `[]`, `{"Profile":{}}`, `{"profile":{},"profile":{}}`, `{"profile":7}`, `{"dependents":7}`,
		`{"customFields":[1]}`, `{"profile":{}} x`, `{"profile":{}`,
	} {
		d := fastjson.NewDecoder([]byte(in))
		_, ok := decodeEmployeeFast(d)
		assert.False(t, ok && d.End(), "should give up on %s", in)
	}
}

// Every JSON key of Employee, and the wire form's bankAccountDetails, has a
// line in the fast decoder.
func TestFastEmployeeFieldsCoverJSONTags(t *testing.T) {
	t.Parallel()
	typ := reflect.TypeFor[Employee]()
	keys := []string{keyBankAccountDetails}
	for i := range typ.NumField() {
		name, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
		keys = append(keys, name)
	}
	var names []string
	for _, f := range employeeFields {
		names = append(names, f.Name)
	}
	assert.ElementsMatch(t, keys, names)
}

func FuzzFastEmployee(f *testing.F) {
	for _, name := range []string{"employee_event_data.json", "employee_sparse.json"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add(`{"dependents":{"id":"d"},"bankAccountDetails":[{"accountNumber":"1"}],"customFields":{"x":[1,{"y":null}]}}`)
	f.Fuzz(func(t *testing.T, in string) {
		assertFastEmployeeMatches(t, []byte(in))
	})
}
