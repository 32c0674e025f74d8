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
//
// A value of the caller's own type (the out of Client.Do, say) is decoded
// with UnmarshalCaller instead: on the same engine, exactly as
// encoding/json would decode it.
package knitjson

import (
	"bytes"
	stdjson "encoding/json"
	"errors"
	"reflect"
	"strconv"

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

// callerOptions are the rules for the caller's own types; see
// UnmarshalCaller. The value is never modified.
var callerOptions = json.JoinOptions(
	jsonv1.DefaultOptionsV1(),
	json.WithUnmarshalers(json.UnmarshalFromFunc(unmarshalStdNumber)),
)

// UnmarshalCaller decodes the JSON value in b into v, a value of the
// caller's own type (the out of Client.Do, the target of hris' Decode
// methods), exactly as encoding/json.Unmarshal does. Such a type was written
// for encoding/json and may rely on any of its behaviours: a json.Number
// field, the `,string` tag option on strings and bools, a JSON null that
// leaves a non-pointer value alone, arrays filled from arrays of any
// length, a time.Duration as nanoseconds, an ambiguous case-insensitive
// name that goes to the first field, a struct with no exported fields.
//
// It decodes with the options that define encoding/json's semantics
// (jsonv1.DefaultOptionsV1, which Go's own encoding/json passes to the v2
// engine under GOEXPERIMENT=jsonv2). They include every rule of Unmarshal
// (names match case-insensitively but not across "_" and "-", the last of
// repeated names wins, invalid UTF-8 becomes U+FFFD). Errors are reported
// as encoding/json reports them: a value of the wrong type is
// encoding/json's own *UnmarshalTypeError (naming the field as Go 1.27's
// encoding/json does) and the rest of the value is still decoded;
// malformed JSON leaves v untouched. The one addition is encoding/json's
// Number, which the library fills only when it aliases the standard
// library: unmarshalStdNumber fills it in every build.
//
// The SDK's own models never pass through here: they keep Unmarshal's
// options, which do less work.
func UnmarshalCaller(b []byte, v any) error {
	err := json.Unmarshal(b, v, callerOptions)
	if te, ok := err.(*jsonv1.UnmarshalTypeError); ok { //nolint:errorlint // Unmarshal returns it unwrapped
		return stdTypeError(te)
	}
	return err
}

// stdTypeError returns te as encoding/json's own *UnmarshalTypeError, so
// that errors.As with that type works in every build: under
// GOEXPERIMENT=jsonv2 it already is one (the library aliases the standard
// library); in the default build it is the library's copy of the type.
func stdTypeError(te *jsonv1.UnmarshalTypeError) error {
	if std, ok := any(te).(*stdjson.UnmarshalTypeError); ok {
		return std
	}
	return &stdjson.UnmarshalTypeError{Value: te.Value, Type: te.Type, Offset: te.Offset, Struct: te.Struct, Field: te.Field}
}

// stdNumber is encoding/json's Number type.
var stdNumber = reflect.TypeFor[stdjson.Number]()

// unmarshalStdNumber decodes into encoding/json's Number as encoding/json
// does: a JSON number gives its literal text ("12.50" stays "12.50"); a
// JSON string holding a valid JSON number gives that number, and is the
// only form taken under a `,string` tag option; a map key is taken as it
// is; null leaves n alone. Any other value is an error that names its
// place (under encoding/json's error semantics an error from here is not
// wrapped, so it carries its own JSON pointer).
func unmarshalStdNumber(dec *jsontext.Decoder, n *stdjson.Number) error {
	stringify, _ := json.GetOption(dec.Options(), json.StringifyNumbers)
	k, i := dec.StackIndex(dec.StackDepth())
	isKey := k == '{' && i%2 == 0
	val, err := dec.ReadValue()
	if err != nil {
		return err
	}
	fail := func(cause error) error {
		return &json.SemanticError{
			ByteOffset: dec.InputOffset() - int64(len(val)), JSONPointer: dec.StackPointer(),
			JSONKind: val.Kind(), JSONValue: val.Clone(), GoType: stdNumber, Err: cause,
		}
	}
	switch val.Kind() {
	case 'n':
		return nil
	case '"':
		var s string
		if err := json.Unmarshal(val, &s, options); err != nil {
			return fail(err)
		}
		if !isKey && !isNumber(s) {
			return fail(strconv.ErrSyntax)
		}
		*n = stdjson.Number(s)
		return nil
	case '0':
		if stringify {
			return fail(errors.New("unquoted number under the `string` tag option"))
		}
		*n = stdjson.Number(val)
		return nil
	default:
		return fail(nil)
	}
}

// isNumber reports whether s is exactly one JSON number, with no space
// around it.
func isNumber(s string) bool {
	if s == "" || s[len(s)-1] < '0' || s[len(s)-1] > '9' || (s[0] != '-' && (s[0] < '0' || s[0] > '9')) {
		return false
	}
	v := jsontext.Value(s)
	return v.Kind() == '0' && v.IsValid()
}

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
