package knitjson

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type rec struct {
	EventID string          `json:"eventId"`
	Name    string          `json:"name"`
	Data    json.RawMessage `json:"data"`
	Inner   struct {
		N int `json:"n"`
	} `json:"inner"`
}

// TestRules pins each decision the package comment documents, next to what
// encoding/json (v1) does with the same bytes.
func TestRules(t *testing.T) {
	t.Parallel()

	t.Run("key case is ignored, delimiters are not", func(t *testing.T) {
		t.Parallel()
		var r rec
		require.NoError(t, Unmarshal([]byte(`{"EVENTID":"a","Name":"b","event_id":"c"}`), &r))
		assert.Equal(t, "a", r.EventID)
		assert.Equal(t, "b", r.Name)
	})

	t.Run("a repeated name: the last one wins, as in encoding/json", func(t *testing.T) {
		t.Parallel()
		for _, in := range []string{
			`{"eventId":"a","eventId":"b","inner":{"n":1,"n":2}}`,
			`{"eventId":"a","EventId":"b","inner":{"n":1},"inner":{"n":2}}`,
		} {
			var r, v1 rec
			require.NoError(t, Unmarshal([]byte(in), &r), in)
			assert.Equal(t, "b", r.EventID, in)
			assert.Equal(t, 2, r.Inner.N, in)
			require.NoError(t, json.Unmarshal([]byte(in), &v1), in)
			assert.Equal(t, v1, r, in)
		}
	})

	t.Run("invalid UTF-8 and lone surrogates become U+FFFD", func(t *testing.T) {
		t.Parallel()
		for in, want := range map[string]string{
			"{\"name\":\"Jos\xe9\"}":              "Jos\uFFFD",
			`{"name":"Ren\u00e9e \ud83d"}`:        "Renée \uFFFD",
			`{"name":"Zoë\nLine \"two\""}`:        "Zoë\nLine \"two\"",
			`{"name":"\u0041\u00df\u6771\u4eac"}`: "Aß東京",
		} {
			var r, v1 rec
			require.NoError(t, Unmarshal([]byte(in), &r), in)
			assert.Equal(t, want, r.Name, in)
			require.NoError(t, json.Unmarshal([]byte(in), &v1), in)
			assert.Equal(t, v1.Name, r.Name, "same as encoding/json: %s", in)
		}
	})

	t.Run("malformed input and wrong types are errors naming the place", func(t *testing.T) {
		t.Parallel()
		for in, want := range map[string]string{
			`{"name":`:            "unexpected EOF",
			`{"name":"a",}`:       "invalid character",
			`{"inner":{"n":"x"}}`: "/inner/n",
			`{"name":5}`:          "/name",
			`{"name":"a"} {}`:     "invalid character '{' after top-level value",
			`{"data":[1,2,}`:      "within \"/data/2\"",
		} {
			var r rec
			err := Unmarshal([]byte(in), &r)
			require.Error(t, err, in)
			assert.Contains(t, err.Error(), want, in)
		}
	})
}

// TestScalarText compares ScalarText with what encoding/json gives when a
// value is decoded into a string and, failing that, into a json.Number.
func TestScalarText(t *testing.T) {
	t.Parallel()
	v1 := func(b []byte) (string, bool) {
		var s string
		if json.Unmarshal(b, &s) == nil {
			return s, true
		}
		var n json.Number
		if json.Unmarshal(b, &n) == nil {
			return n.String(), true
		}
		return "", false
	}
	for in, want := range map[string]string{
		`"inv_42"`:                       "inv_42",
		` "Zoë\n\u00e9" `:                "Zoë\né",
		"\"Jos\xe9\"":                    "Jos\uFFFD",
		`42`:                             "42",
		` 1.50 `:                         "1.50",
		`-0.5e+07`:                       "-0.5e+07",
		`123456789012345678901234567890`: "123456789012345678901234567890",
	} {
		got, ok := ScalarText([]byte(in))
		assert.True(t, ok, in)
		assert.Equal(t, want, got, in)
		wantV1, okV1 := v1([]byte(in))
		assert.True(t, okV1, in)
		assert.Equal(t, wantV1, got, "same as encoding/json: %s", in)
	}
	for _, in := range []string{``, `null`, `true`, `{}`, `[1]`, `01`, `1.`, `12abc`, `"open`, `- 1`} {
		got, ok := ScalarText([]byte(in))
		assert.False(t, ok, in)
		assert.Empty(t, got, in)
		if in != "null" { // encoding/json decodes null into "" without an error
			_, okV1 := v1([]byte(in))
			assert.False(t, okV1, "encoding/json rejects it too: %s", in)
		}
	}
}
