package basemodel_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/basemodel"
)

// decodeBoth decodes in into a RawFields and into a
// map[string]json.RawMessage (encoding/json), each starting from a copy of
// start, and fails unless both agree: the same fields, or both an error.
func decodeBoth(t *testing.T, in string, start map[string]json.RawMessage) basemodel.RawFields {
	t.Helper()
	var want, got map[string]json.RawMessage
	if start != nil {
		want, got = map[string]json.RawMessage{}, map[string]json.RawMessage{}
		for k, v := range start {
			want[k], got[k] = v, v
		}
	}
	wantErr := json.Unmarshal([]byte(in), &want)
	gotRF := basemodel.RawFields(got)
	gotErr := json.Unmarshal([]byte(in), &gotRF)
	if wantErr != nil {
		require.Error(t, gotErr, "encoding/json refuses %q", in)
		return gotRF
	}
	require.NoError(t, gotErr, in)
	if want == nil {
		assert.Nil(t, gotRF, in)
	} else {
		assert.Equal(t, basemodel.RawFields(want), gotRF, in)
	}
	return gotRF
}

func TestRawFieldsDecodesLikeEncodingJSON(t *testing.T) {
	t.Parallel()
	for _, in := range []string{
		`{"a":1,"b":"x","c":{"d":[1,2,{"e":null}]},"f":true,"g":false,"h":null,"i":-0.5e+10}`,
		` { "a" : [ ] , "b" : { } } `,
		`{}`, `null`, ` null `,
		`{"a":1,"a":2}`,                      // a later duplicate wins
		`{"k\u00e9":1,"caf\u00e9":"\u00e9"}`, // escaped keys: encoding/json's path
		`{"é":1}`, `{"a":"\ud800"}`, "{\"a\":\"\xff\"}",
		`{"a":"x\"y\\z\/\b\f\n\r\t"}`,
		// Malformed or not an object: encoding/json's errors.
		`{"a":1,}`, `{"a":01}`, `{"a":1.}`, `{"a":tru}`, `{"a":"x}`, `{"a" 1}`, `{a:1}`,
		`[1]`, `"s"`, `12`, `true`, ``, `{"a":1}x`, "{\"a\":\"\x01\"}", `{"a":"\x"}`, `{"a":"\u12"}`,
		`{"a":[1,2}`, `{"a":{"b":1]}`, `{"a":-}`, `{"a":1e}`,
	} {
		decodeBoth(t, in, nil)
		decodeBoth(t, in, map[string]json.RawMessage{"kept": json.RawMessage(`1`), "a": json.RawMessage(`0`)})
	}
}

func TestRawFieldsValuesDoNotShareCapacity(t *testing.T) {
	t.Parallel()
	var f basemodel.RawFields
	require.NoError(t, json.Unmarshal([]byte(`{"a":1,"b":2}`), &f))
	_ = append(f["a"], '9')
	assert.Equal(t, `2`, string(f["b"]), "appending to one value leaves the next alone")

	out, err := json.Marshal(f)
	require.NoError(t, err)
	assert.JSONEq(t, `{"a":1,"b":2}`, string(out))
}

func TestRawFieldsDeepNesting(t *testing.T) {
	t.Parallel()
	deep := ""
	for range 2000 {
		deep += "["
	}
	for range 2000 {
		deep += "]"
	}
	f := decodeBoth(t, `{"deep":`+deep+`}`, nil)
	assert.Len(t, f["deep"], 4000)
}

func FuzzRawFields(f *testing.F) {
	for _, s := range []string{`{"a":1,"b":"x","c":{"d":[1,2,{"e":null}]}}`, `null`, `{}`, `{"a":1,"a":2}`, `{"a":"\u00e9\n"}`, `[1]`, `{"a":-1.5E-3}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		decodeBoth(t, in, nil)
	})
}

// A well-formed object of 100 fields costs a handful of allocations (the
// map, the buffers of values and keys as they grow, one string of the keys),
// where encoding/json makes three per field.
func TestRawFieldsFastPathAllocations(t *testing.T) {
	in := []byte(`{`)
	for i := range 100 {
		if i > 0 {
			in = append(in, ',')
		}
		in = append(in, `"field_`...)
		in = append(in, byte('0'+i/10), byte('0'+i%10))
		in = append(in, `":{"value":"text","type":"STRING"}`...)
	}
	in = append(in, '}')
	allocs := testing.AllocsPerRun(50, func() {
		var f basemodel.RawFields
		if err := f.UnmarshalJSON(in); err != nil || len(f) != 100 {
			t.Fatalf("decoded %d fields: %v", len(f), err)
		}
	})
	assert.LessOrEqual(t, allocs, 20.0)
}

func TestRawFieldsRefusesWhatIsNotAnObject(t *testing.T) {
	t.Parallel()
	for in, kind := range map[string]string{`[1]`: "array", `"s"`: "string", `12`: "number", `true`: "boolean"} {
		var f basemodel.RawFields
		err := json.Unmarshal([]byte(in), &f)
		require.ErrorContains(t, err, "cannot decode a JSON "+kind+" into RawFields", in)
	}
}
