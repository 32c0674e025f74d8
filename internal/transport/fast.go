package transport

import (
	"reflect"

	"github.com/knit-sdk/knit-go/internal/fastjson"
)

// A page of 100 ATS jobs spends about 80% of a call in encoding/json, which
// checks the whole body once and then decodes it with reflection. For the
// hottest answer types the category packages register a hand-written
// decoder (package fastjson): it checks and decodes in one pass, and gives
// up, leaving the body to encoding/json, on anything it is not sure about.

// fastDecoder decodes the envelope's data into a copy of out and returns
// the function that stores the copy in out.
type fastDecoder func(d *fastjson.Decoder, out any) (commit func(), ok bool)

// fastDecoders is written only by RegisterFastDecoder from package init
// functions, so reads need no lock.
var fastDecoders = map[reflect.Type]fastDecoder{}

// RegisterFastDecoder registers decode for a Request.Out of type *T. It is
// called from the init function of T's package.
func RegisterFastDecoder[T any](decode func(d *fastjson.Decoder, v *T) bool) {
	fastDecoders[reflect.TypeFor[*T]()] = func(d *fastjson.Decoder, out any) (func(), bool) {
		p := out.(*T)
		tmp := *p
		if !decode(d, &tmp) {
			return nil, false
		}
		return func() { *p = tmp }, true
	}
}

// decodeFast decodes body, a whole response, into out when out's type has
// a fast decoder and the envelope is a plain success: {"success": true,
// "data": ...} with any other keys well-formed and ignored. It reports
// whether it did; when it did not, out may have been written to and must be
// reset before encoding/json decodes body.
func decodeFast(body []byte, out any) (done, touched bool) {
	fast := fastDecoders[reflect.TypeOf(out)]
	if fast == nil {
		return false, false
	}
	d := fastjson.NewDecoder(body)
	var (
		success, sawSuccess bool
		commit              func()
	)
	ok := d.Object(func(key []byte) bool {
		switch string(key) {
		case "success":
			if sawSuccess {
				return false
			}
			sawSuccess = true
			var ok bool
			success, ok = d.Bool()
			return ok
		case "data":
			if touched {
				return false
			}
			touched = true
			var ok bool
			commit, ok = fast(d, out)
			return ok
		}
		// "msg" and "error" matter only when success is not true, which
		// encoding/json's path handles; a case variant of any envelope key
		// is encoding/json's to match.
		for _, k := range [...]string{"success", "data", "msg", "error"} {
			if len(key) == len(k) && string(key) != k && equalFoldASCII(key, k) {
				return false
			}
		}
		return d.Skip()
	}) && d.End()
	if !ok || !success || commit == nil {
		return false, touched
	}
	commit()
	return true, true
}

// equalFoldASCII reports whether key and name, both ASCII, are equal ignoring
// case.
func equalFoldASCII(key []byte, name string) bool {
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
