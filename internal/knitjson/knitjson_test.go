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
