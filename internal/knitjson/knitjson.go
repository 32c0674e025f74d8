// Package knitjson holds the one set of rules by which the SDK decodes
// Knit's JSON: API responses, webhook events and the records in them.
//
// It decodes with github.com/go-json-experiment/json, the upstream of Go's
// encoding/json/v2: built with GOEXPERIMENT=jsonv2 (the default from Go
// 1.27) that module aliases the standard library, so there is one engine,
// not two. The rules, each chosen on purpose:
//
//   - Object names match struct tags case-insensitively, as encoding/json
//     has always done ("EventID" fills the "eventId" field), but "_" and "-"
//     are not ignored ("event_id" matches nothing).
//   - A repeated name in one object is allowed, and the last one wins, as
//     in encoding/json. Rejecting repeats (v2's default) costs about one
//     allocation per JSON object decoded, 119 on an object of 100 objects,
//     for input Knit does not send.
//   - Invalid UTF-8 and lone surrogate escapes ("\ud800") are replaced by
//     U+FFFD, as encoding/json does: Knit relays text from other systems,
//     and one truncated emoji must not fail a page of 100 records.
//   - Malformed JSON, and a value of the wrong JSON type for its field, are
//     errors that name the offending field's JSON path.
//
// The models' own UnmarshalJSON methods decode their nested values with
// Unmarshal too, never with encoding/json, so a value inside a record
// follows the same rules as the record. The root package's
// TestKnitBytesDecodeWithOneEngine fails on a library file that calls
// encoding/json's decoder.
package knitjson

import (
	"bytes"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	jsonv1 "github.com/go-json-experiment/json/v1"
)

// options are the rules above. The value is never modified.
var options = json.JoinOptions(
	json.MatchCaseInsensitiveNames(true),
	jsonv1.MatchCaseSensitiveDelimiter(true),
	jsontext.AllowInvalidUTF8(true),
	jsontext.AllowDuplicateNames(true),
)

// Options returns the rules above, for a json.UnmarshalDecode or a
// jsontext.Decoder of the SDK's own.
func Options() json.Options { return options }

// Unmarshal decodes the JSON value in b into v under the SDK's rules.
func Unmarshal(b []byte, v any) error { return json.Unmarshal(b, v, options) }

// ScalarText returns the text of the JSON string in b, unescaped, or the
// literal of the JSON number in b, exactly as sent ("1.50" stays "1.50"),
// and false for any other value and for malformed JSON. It stands in for
// decoding into encoding/json's Number, which the library decodes numbers
// into only when it aliases the standard library (GOEXPERIMENT=jsonv2).
func ScalarText(b []byte) (string, bool) {
	v := jsontext.Value(bytes.TrimSpace(b))
	switch v.Kind() {
	case '"':
		var s string
		if Unmarshal(v, &s) != nil {
			return "", false
		}
		return s, true
	case '0':
		if !v.IsValid() {
			return "", false
		}
		return string(v), true
	}
	return "", false
}
