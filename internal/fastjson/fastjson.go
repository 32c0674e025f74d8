// Package fastjson decodes a few hot JSON shapes (a page of ATS jobs, an
// object of raw fields) faster than encoding/json, and never differently.
//
// A Decoder walks the input once, checking it is well-formed as it goes.
// Every function returns false as soon as it meets anything whose result it
// is not certain encoding/json would give the same way: a key with escapes
// or non-ASCII bytes, a key that matches a field only case-insensitively, a
// field that appears twice, a value of the wrong JSON type, malformed input,
// nesting deeper than MaxDepth. The caller then decodes the same input with
// encoding/json, from scratch, so results and errors are always
// encoding/json's; the tests of each user compare the two on many inputs.
package fastjson

import "encoding/json"

// MaxDepth bounds the nesting a Decoder follows.
const MaxDepth = 512

// A Decoder reads one JSON text from memory.
type Decoder struct {
	b     []byte
	i     int
	depth int
}

// NewDecoder returns a Decoder over b. Values it returns as raw bytes
// (Raw) alias b.
func NewDecoder(b []byte) *Decoder { return &Decoder{b: b} }

// End reports whether only whitespace is left.
func (d *Decoder) End() bool { return skipSpace(d.b, d.i) == len(d.b) }

// peek returns the next non-space byte without consuming it (0 at the end).
func (d *Decoder) peek() byte {
	d.i = skipSpace(d.b, d.i)
	if d.i >= len(d.b) {
		return 0
	}
	return d.b[d.i]
}

// Null consumes a null and reports true, or consumes nothing and reports
// false.
func (d *Decoder) Null() bool {
	if d.peek() != 'n' {
		return false
	}
	j, ok := scanLiteral(d.b, d.i, "null")
	if !ok {
		return false
	}
	d.i = j
	return true
}

// Raw returns the next value's bytes, checked to be well-formed.
func (d *Decoder) Raw() ([]byte, bool) {
	start := skipSpace(d.b, d.i)
	end, ok := scanValue(d.b, start, d.depth)
	if !ok {
		return nil, false
	}
	d.i = end
	return d.b[start:end], true
}

// Capture runs decode, which must consume one value, and returns that
// value's bytes (capped, so appending to them cannot overwrite what
// follows).
func (d *Decoder) Capture(decode func() bool) ([]byte, bool) {
	start := skipSpace(d.b, d.i)
	if !decode() {
		return nil, false
	}
	return d.b[start:d.i:d.i], true
}

// Skip consumes the next value, checked to be well-formed.
func (d *Decoder) Skip() bool {
	_, ok := d.Raw()
	return ok
}

// Object consumes an object, calling member for each key; member must
// consume the key's value. Keys with escapes or non-ASCII bytes fail.
func (d *Decoder) Object(member func(key []byte) bool) bool {
	return d.composite('{', '}', func() bool {
		if d.peek() != '"' {
			return false
		}
		k0 := d.i + 1
		k1 := k0
		for k1 < len(d.b) && d.b[k1] != '"' {
			if c := d.b[k1]; c == '\\' || c < 0x20 || c >= 0x80 {
				return false
			}
			k1++
		}
		if k1 >= len(d.b) {
			return false
		}
		d.i = k1 + 1
		if d.peek() != ':' {
			return false
		}
		d.i++
		return member(d.b[k0:k1])
	})
}

// Array consumes an array, calling elem for each element; elem must
// consume it.
func (d *Decoder) Array(elem func() bool) bool { return d.composite('[', ']', elem) }

// composite consumes an object or array (open and closer are its
// brackets), calling each for every member or element.
func (d *Decoder) composite(open, closer byte, each func() bool) bool {
	if d.peek() != open || d.depth >= MaxDepth {
		return false
	}
	d.depth++
	defer func() { d.depth-- }()
	d.i++
	if d.peek() == closer {
		d.i++
		return true
	}
	for {
		if !each() {
			return false
		}
		switch d.peek() {
		case ',':
			d.i++
		case closer:
			d.i++
			return true
		default:
			return false
		}
	}
}

// Bool consumes true or false.
func (d *Decoder) Bool() (v, ok bool) {
	lit := ""
	switch d.peek() {
	case 't':
		lit = "true"
	case 'f':
		lit = "false"
	default:
		return false, false
	}
	j, ok := scanLiteral(d.b, d.i, lit)
	if !ok {
		return false, false
	}
	d.i = j
	return lit == "true", true
}

// String decodes a string into dst; null leaves dst as it is, as
// encoding/json does.
func String(d *Decoder, dst *string) bool {
	switch d.peek() {
	case 'n':
		return d.Null()
	case '"':
	default:
		return false
	}
	end, ok := scanString(d.b, d.i)
	if !ok {
		return false
	}
	lit := d.b[d.i:end]
	d.i = end
	if s, ok := PlainString(lit); ok {
		*dst = s
		return true
	}
	// Escapes or non-ASCII bytes: encoding/json's own rules (U+FFFD for
	// invalid UTF-8, surrogates, ...).
	return json.Unmarshal(lit, dst) == nil
}

// PlainString returns the contents of the JSON string literal lit (quotes
// included) when they are printable ASCII without escapes, and so are
// exactly the string encoding/json would decode. ok is false for anything
// else, which the caller leaves to encoding/json.
func PlainString(lit []byte) (s string, ok bool) {
	if len(lit) < 2 || lit[0] != '"' || lit[len(lit)-1] != '"' {
		return "", false
	}
	in := lit[1 : len(lit)-1]
	for _, c := range in {
		if c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			return "", false
		}
	}
	return string(in), true
}

// Std decodes the next value into v (a pointer) with encoding/json, for
// parts of a hot shape that are small or rare enough not to need a
// hand-written decoder. It is exactly what encoding/json does to that field
// in place; an error fails.
func Std(d *Decoder, v any) bool {
	raw, ok := d.Raw()
	return ok && json.Unmarshal(raw, v) == nil
}

// BoolPtr decodes true or false into a new bool; null sets dst to nil.
func BoolPtr(d *Decoder, dst **bool) bool {
	if d.Null() {
		*dst = nil
		return true
	}
	v, ok := d.Bool()
	if ok {
		*dst = &v
	}
	return ok
}

// RawMessage copies the next value into dst, as json.RawMessage does (null
// too is kept, as the bytes null).
func RawMessage(d *Decoder, dst *json.RawMessage) bool {
	raw, ok := d.Raw()
	if ok {
		*dst = append((*dst)[:0], raw...)
	}
	return ok
}

// Unmarshaler hands the next value to u, as encoding/json does for a field
// whose pointer implements json.Unmarshaler (null included).
func Unmarshaler(d *Decoder, u json.Unmarshaler) bool {
	raw, ok := d.Raw()
	return ok && u.UnmarshalJSON(raw) == nil
}

// Slice decodes an array into dst, one elem call per element on a new zero
// element; null sets dst to nil and [] to an empty, non-nil slice, as
// encoding/json does. The elements are appended to dst[:0], so a dst with
// capacity is filled in place: the caller must not reuse that array if
// decoding fails.
func Slice[E any](d *Decoder, dst *[]E, elem func(*Decoder, *E) bool) bool {
	if d.Null() {
		*dst = nil
		return true
	}
	s := (*dst)[:0]
	if s == nil {
		s = []E{}
	}
	ok := d.Array(func() bool {
		var zero E
		s = append(s, zero)
		return elem(d, &s[len(s)-1])
	})
	if ok {
		*dst = s
	}
	return ok
}

// A Field decodes one key of a struct.
type Field[T any] struct {
	Name   string
	Decode func(d *Decoder, v *T) bool
}

// F returns the Field for the JSON key name.
func F[T any](name string, decode func(d *Decoder, v *T) bool) Field[T] {
	return Field[T]{Name: name, Decode: decode}
}

// Struct decodes an object into v field by field; keys not in fields are
// skipped and null leaves v as it is, as encoding/json does. It fails on a
// key that matches a field only case-insensitively and on a field that
// appears twice. fields must have at most 64 entries.
func Struct[T any](d *Decoder, v *T, fields []Field[T]) bool {
	if d.Null() {
		return true
	}
	var seen uint64
	return d.Object(func(key []byte) bool {
		for i := range fields {
			if string(key) == fields[i].Name {
				if seen&(1<<i) != 0 {
					return false
				}
				seen |= 1 << i
				return fields[i].Decode(d, v)
			}
		}
		for i := range fields {
			if EqualFold(key, fields[i].Name) {
				return false
			}
		}
		return d.Skip()
	})
}

// EqualFold reports whether key and name, both ASCII, are equal ignoring
// case, as encoding/json matches a key to a field name it does not match
// exactly.
func EqualFold(key []byte, name string) bool {
	if len(key) != len(name) {
		return false
	}
	for i := range len(name) {
		a, b := key[i], name[i]
		if 'A' <= a && a <= 'Z' {
			a += 'a' - 'A'
		}
		if 'A' <= b && b <= 'Z' {
			b += 'a' - 'A'
		}
		if a != b {
			return false
		}
	}
	return true
}

// skipSpace returns the index of the first byte at or after i that is not
// JSON whitespace.
func skipSpace(b []byte, i int) int {
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

// scanValue returns the index after the well-formed JSON value at b[i],
// nested at most MaxDepth-depth deep.
func scanValue(b []byte, i, depth int) (int, bool) {
	if i >= len(b) {
		return 0, false
	}
	switch b[i] {
	case '"':
		return scanString(b, i)
	case '{', '[':
		if depth >= MaxDepth {
			return 0, false
		}
		return scanComposite(b, i, depth+1)
	case 't':
		return scanLiteral(b, i, "true")
	case 'f':
		return scanLiteral(b, i, "false")
	case 'n':
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
	i = skipSpace(b, i+1)
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
			i = skipSpace(b, i)
			if i >= len(b) || b[i] != ':' {
				return 0, false
			}
			i = skipSpace(b, i+1)
		}
		if i, ok = scanValue(b, i, depth); !ok {
			return 0, false
		}
		i = skipSpace(b, i)
		if i >= len(b) {
			return 0, false
		}
		switch b[i] {
		case ',':
			i = skipSpace(b, i+1)
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
