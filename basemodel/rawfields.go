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
	// Every key goes into keys and every value into the current block of
	// vals as they are read (the decoder's slices are valid only until its
	// next call). A full block is left as it is and a new one started, so
	// that values are copied once, however many there are.
	keys, vals := make([]byte, 0, 256), make([]byte, 0, 1024)
	members := make([]member, 0, 16)
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
		if len(vals)+len(v) > cap(vals) {
			vals = make([]byte, 0, max(valueBlock, len(v)))
		}
		vals = append(vals, v...)
		members = append(members, member{keyEnd: len(keys), value: vals[len(vals)-len(v) : len(vals) : len(vals)]})
	}
	if _, err := d.ReadToken(); err != nil {
		return err
	}
	if *f == nil {
		*f = make(RawFields, len(members))
	}
	ks, k0 := string(keys), 0
	for _, m := range members {
		(*f)[ks[k0:m.keyEnd]] = json.RawMessage(m.value)
		k0 = m.keyEnd
	}
	return nil
}

// valueBlock is the size of the blocks RawFields copies values into.
const valueBlock = 16 << 10

// member is one member of an object RawFields decoded: where its key ends
// in the keys read so far, and its value.
type member struct {
	keyEnd int
	value  []byte
}

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
