package basemodel

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/knit-sdk/knit-go/internal/knitjson"
)

// RawFields is a JSON object whose values are kept exactly as sent, by key:
// an employee's custom fields and raw values, for example. It is a map, so
// it is read, ranged over and built like one:
//
//	var title string
//	if raw, ok := emp.CustomFields["jobTitle"]; ok {
//		err = json.Unmarshal(raw, &title)
//	}
//
// It decodes as map[string]json.RawMessage does (null gives nil, an existing
// map is added to, a later repeat of a key wins, invalid UTF-8 in a key
// becomes U+FFFD). Values are kept as sent. It
// encodes as map[string]json.RawMessage does. Decoding allocates far less
// than a plain map: the values share one buffer (each is capped, so
// appending to one cannot overwrite another) and the keys share one string.
type RawFields map[string]json.RawMessage

// UnmarshalJSON decodes a JSON object, or null.
func (f *RawFields) UnmarshalJSON(b []byte) error { return knitjson.Unmarshal(b, f) }

// UnmarshalJSONFrom is UnmarshalJSON for encoding/json/v2 and
// github.com/go-json-experiment/json, reading the object's members from d
// one by one.
func (f *RawFields) UnmarshalJSONFrom(d *jsontext.Decoder) error {
	if f == nil {
		return errors.New("basemodel: UnmarshalJSONFrom on a nil *RawFields")
	}
	switch d.PeekKind() {
	case 'n':
		if _, err := d.ReadToken(); err != nil {
			return err
		}
		*f = nil
		return nil
	case '{':
	default:
		v, err := d.ReadValue()
		if err != nil {
			return err
		}
		return fmt.Errorf("basemodel: cannot decode a JSON %s into RawFields: want an object or null", kindName(v.Kind()))
	}
	if _, err := d.ReadToken(); err != nil {
		return err
	}
	// Every key goes into keys and every value into vals as they are read
	// (the decoder's slices are valid only until its next call); ends[i]
	// marks where member i ends in each.
	keys, vals := make([]byte, 0, 256), make([]byte, 0, 1024)
	ends := make([]memberEnd, 0, 16)
	for d.PeekKind() != '}' {
		k, err := d.ReadValue()
		if err != nil {
			return err
		}
		if keys, err = jsontext.AppendUnquote(keys, k); err != nil {
			return err
		}
		v, err := d.ReadValue()
		if err != nil {
			return err
		}
		vals = append(vals, v...)
		ends = append(ends, memberEnd{len(keys), len(vals)})
	}
	if _, err := d.ReadToken(); err != nil {
		return err
	}
	if *f == nil {
		*f = make(RawFields, len(ends))
	}
	ks := string(keys)
	k0, v0 := 0, 0
	for _, e := range ends {
		(*f)[ks[k0:e.key]] = json.RawMessage(vals[v0:e.value:e.value])
		k0, v0 = e.key, e.value
	}
	return nil
}

// memberEnd is where one member of a decoded object ends in the keys and
// the values read so far.
type memberEnd struct{ key, value int }

// kindName names a JSON value's kind for an error message.
func kindName(k jsontext.Kind) string {
	switch k {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case '0':
		return "number"
	case 't', 'f':
		return "boolean"
	}
	return "null"
}
