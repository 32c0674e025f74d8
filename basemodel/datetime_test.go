package basemodel

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// referenceDateTime is what encoding/json makes of a JSON string, which
// DateTime.UnmarshalJSON must match.
func referenceDateTime(b []byte) (DateTime, error) {
	var s string
	err := json.Unmarshal(b, &s)
	return DateTime(s), err
}

func TestDateTimeUnmarshalStrings(t *testing.T) {
	t.Parallel()
	cases := []string{
		`"2023-05-23T12:04:54Z"`,
		`"2023-05-23"`,
		`""`,
		`"2023-05-23T12:04:54.123+05:30"`,
		`"2023-05-23T12:04:54\u002B05:30"`, // an escape
		`"2023\/05\/23"`,
		`"line\nbreak"`,
		"\"tab\there\"",         // raw control character: invalid JSON
		"\"bad \xff utf-8\"",    // invalid UTF-8: U+FFFD
		"\"caf\xc3\xa9 12:00\"", // valid non-ASCII
		"\"del \x7f\"",
		`"unterminated`,
		`"a"b"`,
		`"\"quoted\""`,
	}
	for _, c := range cases {
		t.Run(c, func(t *testing.T) {
			t.Parallel()
			want, wantErr := referenceDateTime([]byte(c))
			var got DateTime
			err := got.UnmarshalJSON([]byte(c))
			if wantErr != nil {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, want, got)
		})
	}
}

func TestDateTimeUnmarshalInStruct(t *testing.T) {
	t.Parallel()
	var v struct {
		A, B, C, D DateTime
	}
	require.NoError(t, json.Unmarshal([]byte(`{"A":"2024-11-16T17:20:38Z","B":1700000000000,"C":null,"D":"x\u00e9"}`), &v))
	assert.Equal(t, DateTime("2024-11-16T17:20:38Z"), v.A)
	assert.Equal(t, DateTime("1700000000000"), v.B)
	assert.Equal(t, DateTime(""), v.C)
	assert.Equal(t, DateTime("xé"), v.D)
}

// TestDateTimeAllocs checks that a plain date costs one allocation (its
// string).
func TestDateTimeAllocs(t *testing.T) {
	b := []byte(`"2024-11-16T17:20:38Z"`)
	var d DateTime
	allocs := testing.AllocsPerRun(100, func() {
		if err := d.UnmarshalJSON(b); err != nil {
			t.Fatal(err)
		}
	})
	assert.LessOrEqual(t, allocs, 1.0)
	assert.Equal(t, DateTime("2024-11-16T17:20:38Z"), d)
}

// FuzzDateTimeString checks that DateTime agrees with encoding/json on
// every JSON string.
func FuzzDateTimeString(f *testing.F) {
	for _, s := range []string{`"2023-05-23T12:04:54Z"`, `"\u00e9"`, "\"\xff\"", `"a\"b"`, `""`, `"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		// encoding/json hands UnmarshalJSON one complete value.
		if len(b) == 0 || b[0] != '"' || !json.Valid(b) {
			return
		}
		want, wantErr := referenceDateTime(b)
		var got DateTime
		err := got.UnmarshalJSON(b)
		if (err != nil) != (wantErr != nil) {
			t.Fatalf("%q: error %v, encoding/json says %v", b, err, wantErr)
		}
		if err == nil && got != want {
			t.Fatalf("%q: got %q, encoding/json says %q", b, got, want)
		}
	})
}
