package knitjson

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	jsonv1 "github.com/go-json-experiment/json/v1"
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

// callerType is a caller's own type, written for encoding/json, using the
// behaviours in which encoding/json and the v2 engine differ.
type callerType struct {
	Amount    json.Number            `json:"amount"`
	Quoted    json.Number            `json:"quoted,string"`
	Str       string                 `json:"str,string"`
	Bool      bool                   `json:"bool,string"`
	Int       int                    `json:"int,string"`
	IntPtr    *int                   `json:"intPtr,string"`
	Float     float64                `json:"float,string"`
	Any       any                    `json:"any"`
	Map       map[string]any         `json:"map"`
	Method    counted                `json:"method"`
	MethodPtr *counted               `json:"methodPtr"`
	Kept      int                    `json:"kept"`
	Array     [2]int                 `json:"array"`
	Bytes     []byte                 `json:"bytes"`
	ByteArray [2]byte                `json:"byteArray"`
	Duration  time.Duration          `json:"duration"`
	Time      time.Time              `json:"time"`
	Raw       json.RawMessage        `json:"raw"`
	Slice     []int                  `json:"slice"`
	Keyed     map[json.Number]string `json:"keyed"`
	Embedded
}

// Embedded is promoted into callerType, as encoding/json promotes it.
type Embedded struct {
	Note string `json:"note"`
}

// counted records its UnmarshalJSON calls (encoding/json calls it for a
// JSON null too, when the field is not a pointer).
type counted struct{ Calls []string }

func (c *counted) UnmarshalJSON(b []byte) error {
	c.Calls = append(c.Calls, string(b))
	return nil
}

// prefilled is what the caller's value holds before decoding, to show
// which values a JSON null or a shorter array leaves alone.
func prefilled() callerType {
	return callerType{Kept: 9, Slice: []int{1, 2, 3}, Array: [2]int{7, 7}, Amount: "1", Str: "before"}
}

// TestUnmarshalCaller decodes each input into the caller's type with
// UnmarshalCaller and with encoding/json.Unmarshal, and wants the same
// value and the same success or failure, in the default build and under
// GOEXPERIMENT=jsonv2. Each input names the behaviour it pins.
func TestUnmarshalCaller(t *testing.T) {
	t.Parallel()
	for name, in := range map[string]string{
		"json.Number from a number keeps its digits":  `{"amount":185000.10}`,
		"json.Number beyond float64":                  `{"amount":123456789012345678901234567890}`,
		"json.Number from a string holding a number":  `{"amount":"-1.5e3"}`,
		"json.Number from a string that is no number": `{"amount":"12abc"}`,
		"json.Number from a padded string":            `{"amount":" 12"}`,
		"json.Number from an empty string":            `{"amount":""}`,
		"json.Number from null is left alone":         `{"amount":null}`,
		"json.Number from a bool":                     `{"amount":true}`,
		"json.Number ,string from a string":           `{"quoted":"7"}`,
		"json.Number ,string from a number":           `{"quoted":7}`,
		"json.Number map keys":                        `{"keyed":{"1.50":"a","-2":"b"}}`,
		"json.Number map key that is no number":       `{"keyed":{"x":"a"}}`,
		",string on a string":                         `{"str":"\"hi\""}`,
		",string on a bool":                           `{"bool":"true"}`,
		",string on an int":                           `{"int":"42"}`,
		",string with a quoted null":                  `{"int":"null","intPtr":"null"}`,
		",string on a float":                          `{"float":"1e3"}`,
		",string with an unquoted number":             `{"int":42}`,
		"numbers in interface{} are float64":          `{"any":12345678901234567890,"map":{"a":[1,2.5,{"b":3}]}}`,
		"UnmarshalJSON is called for null on a value": `{"method":null,"methodPtr":null}`,
		"UnmarshalJSON with a value":                  `{"method":{"x":1},"methodPtr":[1]}`,
		"null leaves a non-pointer alone":             `{"kept":null,"slice":null,"array":null}`,
		"a longer array is cut":                       `{"array":[1,2,3]}`,
		"a shorter array is zero-filled":              `{"array":[1]}`,
		"a slice is replaced, not merged":             `{"slice":[9]}`,
		"base64 with a newline":                       `{"bytes":"aGVs\nbG8="}`,
		"a byte array is a JSON array":                `{"byteArray":[1,2]}`,
		"a duration is nanoseconds":                   `{"duration":1000}`,
		"RFC 3339 time":                               `{"time":"2026-12-07T10:00:00.5+01:00"}`,
		"raw message":                                 `{"raw":{"a":[1, 2]}}`,
		"embedded struct fields are promoted":         `{"note":"n","Embedded":{"note":"m"}}`,
		"a wrong type":                                `{"kept":"x"}`,
		"a wrong type does not stop the rest":         `{"kept":"x","str":"\"after\""}`,
		"key case ignored, delimiters not":            `{"AMOUNT":1,"ke_pt":3}`,
		"repeated names: the last wins":               `{"kept":1,"kept":2}`,
		"invalid UTF-8 becomes U+FFFD":                "{\"note\":\"Jos\xe9\"}",
		"malformed JSON leaves the value alone":       `{"kept":1,"note":}`,
		"trailing data":                               `{"kept":1} {}`,
	} {
		want, got := prefilled(), prefilled()
		wantErr := json.Unmarshal([]byte(in), &want)
		gotErr := UnmarshalCaller([]byte(in), &got)
		assert.Equal(t, wantErr == nil, gotErr == nil, "%s: %s\nencoding/json: %v\nUnmarshalCaller: %v", name, in, wantErr, gotErr)
		assert.Equal(t, want, got, "%s: %s", name, in)
	}
}

// TestUnmarshalCallerStructs covers caller types whose shape, not the
// input, is where the engines differ.
func TestUnmarshalCallerStructs(t *testing.T) {
	t.Parallel()
	type inner struct{ X int }
	type A struct{ ID string }
	type B struct{ ID string }
	for name, tc := range map[string]struct {
		in  string
		new func() any
	}{
		// encoding/json fills the first declared field; v2 alone calls the
		// name ambiguous.
		"an ambiguous case-insensitive name": {`{"Name":"a"}`, func() any {
			return &struct {
				Name  string `json:"name"`
				Other string `json:"NAME"`
			}{}
		}},
		// encoding/json decodes nothing into it without an error.
		"a struct with no exported fields": {`{"a":1}`, func() any { return &struct{ a int }{} }},
		// The same name at the same depth: encoding/json drops both.
		"conflicting embedded names": {`{"ID":"x","Z":1}`, func() any {
			return &struct {
				A
				B
				Z int
			}{}
		}},
		// encoding/json cannot allocate it: an error, after the other fields.
		"a nil embedded pointer to an unexported struct": {`{"X":1,"Y":2}`, func() any {
			return &struct {
				*inner
				Y int
			}{}
		}},
		"a top-level json.Number":    {`42.0`, func() any { return new(json.Number) }},
		"numbers in a top-level any": {`[1, 2.5]`, func() any { return new(any) }},
		"a malformed struct tag is ignored": {`{"a":1}`, func() any {
			return &struct {
				A int `json:"a,string,bogus"` //nolint:staticcheck // on purpose: encoding/json ignores an unknown option
			}{}
		}},
	} {
		want, got := tc.new(), tc.new()
		wantErr := json.Unmarshal([]byte(tc.in), want)
		gotErr := UnmarshalCaller([]byte(tc.in), got)
		assert.Equal(t, wantErr == nil, gotErr == nil, "%s: %s\nencoding/json: %v\nUnmarshalCaller: %v", name, tc.in, wantErr, gotErr)
		assert.Equal(t, want, got, "%s: %s", name, tc.in)
	}
}

// TestUnmarshalCallerErrors: a value that does not fit is an error naming
// the field, as encoding/json's does.
func TestUnmarshalCallerErrors(t *testing.T) {
	t.Parallel()
	var v struct {
		Data struct {
			Amount json.Number `json:"amount"`
			Count  int         `json:"count"`
		} `json:"data"`
	}
	for in, want := range map[string]string{
		`{"data":{"amount":"12abc"}}`: "data.amount",
		`{"data":{"amount":true}}`:    "data.amount",
		`{"data":{"count":"x"}}`:      "data.count",
		`{"data":{"count":}}`:         "invalid character",
	} {
		err := UnmarshalCaller([]byte(in), &v)
		require.Error(t, err, in)
		assert.Contains(t, err.Error(), want, in)
	}
}

// TestUnmarshalCallerTypeError: a value of the wrong type is encoding/json's
// own *UnmarshalTypeError, as encoding/json.Unmarshal returns, in every
// build, for the same Go type, and decoding goes on after it. Its text is
// that of Go 1.27's encoding/json (the v2 engine, GOEXPERIMENT=jsonv2: the
// same error in full); the older engine of the default build words a few
// differently: it names an array element's field without the index
// ("slice", not "slice.1") and a promoted field through its embedded struct
// ("Embedded.note", not "note").
func TestUnmarshalCallerTypeError(t *testing.T) {
	t.Parallel()
	sameEngine := reflect.TypeFor[jsonv1.UnmarshalTypeError]() == reflect.TypeFor[json.UnmarshalTypeError]()
	for in, field := range map[string]string{
		`{"kept":"x"}`:      "kept",
		`{"slice":[1,"x"]}`: "slice.1",
		`{"int":"\"x\""}`:   "int",
		`{"map":{"a":1},"kept":true,"str":"\"s\""}`: "kept",
		`{"note":1}`: "note",
	} {
		var want, got callerType
		wantErr := json.Unmarshal([]byte(in), &want)
		require.Error(t, wantErr, in)
		var typeErr *json.UnmarshalTypeError
		gotErr := UnmarshalCaller([]byte(in), &got)
		require.ErrorAs(t, gotErr, &typeErr, in)
		assert.Equal(t, field, typeErr.Field, in)
		assert.Equal(t, "callerType", typeErr.Struct, in)
		assert.Equal(t, want, got, "decoding went on after the error: %s", in)
		if sameEngine {
			assert.Equal(t, wantErr, gotErr, in)
		}
	}
}
