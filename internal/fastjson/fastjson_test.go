package fastjson

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// valid reports whether the scanner accepts b as one JSON value.
func valid(b []byte) bool {
	i := skipSpace(b, 0)
	end, ok := scanValue(b, i, 0)
	return ok && skipSpace(b, end) == len(b)
}

func TestScanValueAgreesWithEncodingJSON(t *testing.T) {
	t.Parallel()
	for _, in := range []string{
		`{}`, `[]`, `null`, `true`, `false`, `0`, `-0`, `-1.5e+10`, `1E5`, `"x"`, `"\u00e9\n\"\\\/\b\f\r\t"`, "\"\xff\"",
		` {"a" : [1, {"b": null}] } `, `[1,2,3]`,
		`01`, `1.`, `.5`, `-`, `1e`, `+1`, `tru`, `nul`, `"\x"`, `"\u12"`, "\"\x01\"", `{"a" 1}`, `{"a":1,}`, `[1,]`,
		`{a:1}`, `[1 2]`, `"x`, ``, ` `, `1 2`, `{"a":1}}`,
	} {
		assert.Equal(t, json.Valid([]byte(in)), valid([]byte(in)), "%q", in)
	}
	deep := strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1)
	assert.False(t, valid([]byte(deep)), "deeper than MaxDepth is left to encoding/json")
}

func FuzzScanValue(f *testing.F) {
	for _, s := range []string{`{"a":[1,{"b":null}],"c":"\u00e9"}`, `-1.5e+10`, `"x\"y"`, `[true,false]`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if strings.Count(in, "[")+strings.Count(in, "{") >= MaxDepth {
			return
		}
		if got, want := valid([]byte(in)), json.Valid([]byte(in)); got != want {
			t.Fatalf("scanner says %v, encoding/json says %v for %q", got, want, in)
		}
	})
}
