// Package fuzzcheck holds the fuzz property shared by every category's
// sync-record decoder; only tests import it.
package fuzzcheck

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// Record is one sync-record decoder under test: Check runs the property
// below on one input.
type Record struct {
	Name  string // the record type, e.g. "hris.Employee"
	Check func(t *testing.T, data []byte)
}

// Decoder returns the Record of decode, named name. The property: decode
// must not panic; it returns a value or an error naming what it decodes,
// never both or neither; a decoded value prints, marshals, decodes again
// from its own JSON, and marshals to the same bytes the second time.
func Decoder[T any](name string, decode func([]byte) (*T, error)) Record {
	return Record{Name: name, Check: func(t *testing.T, data []byte) {
		t.Helper()
		v, err := decode(data)
		if (v == nil) == (err == nil) {
			t.Fatalf("got value %v and error %v; want exactly one", v, err)
		}
		if err != nil {
			if !strings.Contains(err.Error(), name) {
				t.Fatalf("error %q does not name %s", err, name)
			}
			return
		}
		_ = fmt.Sprintf("%v %+v", v, *v)
		out, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("a decoded %s does not marshal: %v", name, err)
		}
		v2, err := decode(out)
		if err != nil {
			t.Fatalf("a decoded %s does not decode from its own JSON: %v\n%s", name, err, out)
		}
		out2, err := json.Marshal(v2)
		if err != nil {
			t.Fatalf("second marshal of %s: %v", name, err)
		}
		if !bytes.Equal(out, out2) {
			t.Fatalf("%s is not stable through decode and marshal:\n%s\n%s", name, out, out2)
		}
	}}
}
