package basemodel

import (
	"encoding/json"
	"sync"
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
// well-formed, nesting deeper than maxRawDepth) is decoded by encoding/json
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

// maxRawDepth bounds the nesting scanRawFields follows; deeper input goes
// to encoding/json.
const maxRawDepth = 512

// scanRawFields checks that b is one JSON object (or null) between
// whitespace and appends where each of its keys and values lie to fields.
// start and end bound the object; start is -1 for null. ok is false when b
// is not well-formed JSON or has a key with escapes or non-ASCII bytes.
func scanRawFields(b []byte, fields []rawField) (_ []rawField, start, end int, ok bool) {
	i := skipWS(b, 0)
	if i < len(b) && b[i] == 'n' {
		j, ok := scanLiteral(b, i, "null")
		return fields, -1, -1, ok && skipWS(b, j) == len(b)
	}
	if i >= len(b) || b[i] != '{' {
		return fields, 0, 0, false
	}
	start = i
	i = skipWS(b, i+1)
	if i < len(b) && b[i] == '}' {
		return fields, start, i + 1, skipWS(b, i+1) == len(b)
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
		i = skipWS(b, k1+1)
		if i >= len(b) || b[i] != ':' {
			return fields, 0, 0, false
		}
		v0 := skipWS(b, i+1)
		v1, ok := scanValue(b, v0, 0)
		if !ok {
			return fields, 0, 0, false
		}
		fields = append(fields, rawField{k0, k1, v0, v1})
		i = skipWS(b, v1)
		if i >= len(b) {
			return fields, 0, 0, false
		}
		switch b[i] {
		case ',':
			i = skipWS(b, i+1)
		case '}':
			return fields, start, i + 1, skipWS(b, i+1) == len(b)
		default:
			return fields, 0, 0, false
		}
	}
}

func skipWS(b []byte, i int) int {
	for i < len(b) {
		switch b[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// scanValue returns the index after the well-formed JSON value at b[i].
func scanValue(b []byte, i, depth int) (int, bool) {
	if i >= len(b) {
		return 0, false
	}
	switch c := b[i]; {
	case c == '"':
		return scanString(b, i)
	case c == '{' || c == '[':
		if depth >= maxRawDepth {
			return 0, false
		}
		return scanComposite(b, i, depth+1)
	case c == 't':
		return scanLiteral(b, i, "true")
	case c == 'f':
		return scanLiteral(b, i, "false")
	case c == 'n':
		return scanLiteral(b, i, "null")
	default:
		return scanNumber(b, i)
	}
}

// scanComposite scans the object or array at b[i].
func scanComposite(b []byte, i, depth int) (int, bool) {
	isObject := b[i] == '{'
	closer := byte(']')
	if isObject {
		closer = '}'
	}
	i = skipWS(b, i+1)
	if i < len(b) && b[i] == closer {
		return i + 1, true
	}
	for {
		var ok bool
		if isObject {
			if i >= len(b) || b[i] != '"' {
				return 0, false
			}
			if i, ok = scanString(b, i); !ok {
				return 0, false
			}
			i = skipWS(b, i)
			if i >= len(b) || b[i] != ':' {
				return 0, false
			}
			i = skipWS(b, i+1)
		}
		if i, ok = scanValue(b, i, depth); !ok {
			return 0, false
		}
		i = skipWS(b, i)
		if i >= len(b) {
			return 0, false
		}
		switch b[i] {
		case ',':
			i = skipWS(b, i+1)
		case closer:
			return i + 1, true
		default:
			return 0, false
		}
	}
}

// scanString scans the string at b[i] (b[i] is '"'). Bytes of 0x80 and over
// are accepted whether or not they are valid UTF-8, as encoding/json does.
func scanString(b []byte, i int) (int, bool) {
	for j := i + 1; j < len(b); {
		switch c := b[j]; {
		case c == '"':
			return j + 1, true
		case c == '\\':
			if j+1 >= len(b) {
				return 0, false
			}
			switch b[j+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				j += 2
			case 'u':
				if j+6 > len(b) || !isHex(b[j+2]) || !isHex(b[j+3]) || !isHex(b[j+4]) || !isHex(b[j+5]) {
					return 0, false
				}
				j += 6
			default:
				return 0, false
			}
		case c < 0x20:
			return 0, false
		default:
			j++
		}
	}
	return 0, false
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func scanLiteral(b []byte, i int, lit string) (int, bool) {
	if len(b)-i < len(lit) || string(b[i:i+len(lit)]) != lit {
		return 0, false
	}
	return i + len(lit), true
}

// scanNumber scans -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?.
func scanNumber(b []byte, i int) (int, bool) {
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && '1' <= b[i] && b[i] <= '9':
		i = digits(b, i)
	default:
		return 0, false
	}
	if i < len(b) && b[i] == '.' {
		j := digits(b, i+1)
		if j == i+1 {
			return 0, false
		}
		i = j
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		j := digits(b, i)
		if j == i {
			return 0, false
		}
		i = j
	}
	return i, true
}

func digits(b []byte, i int) int {
	for i < len(b) && '0' <= b[i] && b[i] <= '9' {
		i++
	}
	return i
}
