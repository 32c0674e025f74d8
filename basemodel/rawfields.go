package basemodel

import (
	"encoding/json"
	"sync"

	"github.com/knit-sdk/knit-go/internal/fastjson"
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
// It decodes exactly as map[string]json.RawMessage does (null gives nil,
// an existing map is added to, a later duplicate key wins) and encodes the
// same way. Decoding is faster and allocates far less: the values share one
// copy of the object's bytes (each is capped, so appending to one cannot
// overwrite another) and the keys share one string.
type RawFields map[string]json.RawMessage

// rawField is where one key and its value lie in the object's bytes.
type rawField struct{ k0, k1, v0, v1 int }

// fieldsPool recycles the offset lists of decoded objects.
var fieldsPool = sync.Pool{New: func() any { s := make([]rawField, 0, 64); return &s }}

// UnmarshalJSON decodes a JSON object, or null. An object this fast path
// is not sure about (a key with escapes or non-ASCII bytes, anything not
// well-formed, nesting deeper than 512) is decoded by encoding/json
// instead, so the result and the errors are always encoding/json's.
func (f *RawFields) UnmarshalJSON(b []byte) error {
	if f == nil {
		return &json.InvalidUnmarshalError{}
	}
	ps := fieldsPool.Get().(*[]rawField)
	defer func() { *ps = (*ps)[:0]; fieldsPool.Put(ps) }()
	fields, start, end, ok := scanRawFields(b, (*ps)[:0])
	*ps = fields
	switch {
	case !ok:
		m := map[string]json.RawMessage(*f)
		err := json.Unmarshal(b, &m)
		*f = m
		return err
	case start < 0: // null
		*f = nil
		return nil
	}
	if *f == nil {
		*f = make(RawFields, len(fields))
	}
	if len(fields) == 0 {
		return nil
	}
	obj := b[start:end]
	vals := append([]byte(nil), obj...)
	keys := string(obj)
	for _, fl := range fields {
		k0, k1, v0, v1 := fl.k0-start, fl.k1-start, fl.v0-start, fl.v1-start
		(*f)[keys[k0:k1]] = json.RawMessage(vals[v0:v1:v1])
	}
	return nil
}

// scanRawFields checks that b is one JSON object (or null) between
// whitespace and appends where each of its keys and values lie to fields.
// start and end bound the object; start is -1 for null. ok is false when b
// is not well-formed JSON or has a key with escapes or non-ASCII bytes.
func scanRawFields(b []byte, fields []rawField) (_ []rawField, start, end int, ok bool) {
	i := fastjson.SkipSpace(b, 0)
	if i < len(b) && b[i] == 'n' {
		j, ok := fastjson.ScanNull(b, i)
		return fields, -1, -1, ok && fastjson.SkipSpace(b, j) == len(b)
	}
	if i >= len(b) || b[i] != '{' {
		return fields, 0, 0, false
	}
	start = i
	i = fastjson.SkipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return fields, start, i + 1, fastjson.SkipSpace(b, i+1) == len(b)
	}
	for {
		if i >= len(b) || b[i] != '"' {
			return fields, 0, 0, false
		}
		k0 := i + 1
		k1 := k0
		for k1 < len(b) && b[k1] != '"' {
			if c := b[k1]; c == '\\' || c < 0x20 || c >= 0x80 {
				return fields, 0, 0, false
			}
			k1++
		}
		if k1 >= len(b) {
			return fields, 0, 0, false
		}
		i = fastjson.SkipSpace(b, k1+1)
		if i >= len(b) || b[i] != ':' {
			return fields, 0, 0, false
		}
		v0 := fastjson.SkipSpace(b, i+1)
		v1, ok := fastjson.ScanValue(b, v0, 1)
		if !ok {
			return fields, 0, 0, false
		}
		fields = append(fields, rawField{k0, k1, v0, v1})
		i = fastjson.SkipSpace(b, v1)
		if i >= len(b) {
			return fields, 0, 0, false
		}
		switch b[i] {
		case ',':
			i = fastjson.SkipSpace(b, i+1)
		case '}':
			return fields, start, i + 1, fastjson.SkipSpace(b, i+1) == len(b)
		default:
			return fields, 0, 0, false
		}
	}
}
