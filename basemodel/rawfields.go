package basemodel

import (
	"encoding/json"
	"strings"
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
// buffer (each is capped, so appending to one cannot overwrite another) and
// the keys share one string.
type RawFields map[string]json.RawMessage

// rawField is one key and its value, in the decoded object's bytes.
type rawField struct{ key, value []byte }

// fieldsPool recycles the field lists of decoded objects.
var fieldsPool = sync.Pool{New: func() any { s := make([]rawField, 0, 64); return &s }}

// UnmarshalJSON decodes a JSON object, or null. An object this fast path
// is not sure about (a key with escapes or non-ASCII bytes, anything not
// well-formed, nesting deeper than fastjson.MaxDepth) is decoded by
// encoding/json instead, so the result and the errors are always
// encoding/json's.
func (f *RawFields) UnmarshalJSON(b []byte) error {
	if f == nil {
		return &json.InvalidUnmarshalError{}
	}
	ps := fieldsPool.Get().(*[]rawField)
	defer func() { clear(*ps); *ps = (*ps)[:0]; fieldsPool.Put(ps) }()
	fields := (*ps)[:0]
	d := fastjson.NewDecoder(b)
	isNull := d.Null()
	ok := isNull || d.Object(func(key []byte) bool {
		v, ok := d.Raw()
		fields = append(fields, rawField{key, v})
		return ok
	})
	*ps = fields
	switch {
	case !ok || !d.End():
		m := map[string]json.RawMessage(*f)
		err := json.Unmarshal(b, &m)
		*f = m
		return err
	case isNull:
		*f = nil
		return nil
	}
	if *f == nil {
		*f = make(RawFields, len(fields))
	}
	if len(fields) == 0 {
		return nil
	}
	// One copy of every value and one string of every key.
	nv, nk := 0, 0
	for _, fl := range fields {
		nv, nk = nv+len(fl.value), nk+len(fl.key)
	}
	vals := make([]byte, 0, nv)
	var kb strings.Builder
	kb.Grow(nk)
	for _, fl := range fields {
		vals = append(vals, fl.value...)
		kb.Write(fl.key)
	}
	keys := kb.String()
	for _, fl := range fields {
		k, v := keys[:len(fl.key)], vals[:len(fl.value):len(fl.value)]
		keys, vals = keys[len(fl.key):], vals[len(fl.value):]
		(*f)[k] = json.RawMessage(v)
	}
	return nil
}
