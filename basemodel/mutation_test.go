package basemodel

// Tests for behaviours that a mutation (a plausible one-line bug) broke
// without any other test noticing (issue 26).

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDateTimeTime: every form Knit sends parses to the instant it names:
// epoch milliseconds (with the digit 9, negative before 1970), each layout
// of dateLayouts, surrounding spaces; text that is none of them is an error.
func TestDateTimeTime(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]time.Time{
		"1700000000000":                  time.Date(2023, 11, 14, 22, 13, 20, 0, time.UTC),
		"999999999999":                   time.Date(2001, 9, 9, 1, 46, 39, 999e6, time.UTC),
		"9":                              time.Date(1970, 1, 1, 0, 0, 0, 9e6, time.UTC),
		"0":                              time.Unix(0, 0).UTC(),
		"-86400000":                      time.Date(1969, 12, 31, 0, 0, 0, 0, time.UTC),
		"-1":                             time.Date(1969, 12, 31, 23, 59, 59, 999e6, time.UTC),
		" 1700000000000 ":                time.Date(2023, 11, 14, 22, 13, 20, 0, time.UTC),
		"2023-05-23T12:04:54Z":           time.Date(2023, 5, 23, 12, 4, 54, 0, time.UTC),
		"2023-05-23T12:04:54.123+05:30":  time.Date(2023, 5, 23, 6, 34, 54, 123e6, time.UTC),
		"2023-05-23T12:04:54.5":          time.Date(2023, 5, 23, 12, 4, 54, 5e8, time.UTC),
		"2023-05-23T12:04:54+0530":       time.Date(2023, 5, 23, 6, 34, 54, 0, time.UTC),
		"2023-05-23 12:04:54+05:30":      time.Date(2023, 5, 23, 6, 34, 54, 0, time.UTC),
		"2023-05-23 12:04:54":            time.Date(2023, 5, 23, 12, 4, 54, 0, time.UTC),
		"2023-05-23 19:59:59":            time.Date(2023, 5, 23, 19, 59, 59, 0, time.UTC),
		"2023-05-23":                     time.Date(2023, 5, 23, 0, 0, 0, 0, time.UTC),
		"1999-09-09T09:09:09.999999999Z": time.Date(1999, 9, 9, 9, 9, 9, 999999999, time.UTC),
	} {
		got, ok := DateTime(in).Time()
		require.True(t, ok, "%q does not parse", in)
		assert.True(t, want.Equal(got), "%q: got %v, want %v", in, got, want)
		got, err := DateTime(in).Parse()
		require.NoError(t, err, in)
		assert.True(t, want.Equal(got), "%q: Parse got %v, want %v", in, got, want)
	}
	for _, in := range []string{"23/05/2023", "2023-05-23T", "-", "1e3", "12:04", "99999999999999999999", "--1"} {
		_, ok := DateTime(in).Time()
		assert.False(t, ok, "%q parses", in)
		_, err := DateTime(in).Parse()
		require.Error(t, err, in)
		assert.Contains(t, fmt.Sprint(err), strings.TrimSpace(in), "the error quotes the text")
	}
	for _, in := range []DateTime{"", "  "} {
		got, ok := in.Time()
		assert.False(t, ok)
		assert.True(t, got.IsZero())
		_, err := in.Parse()
		assert.NoError(t, err, "empty means absent, not malformed")
	}
}

// TestDateTimeEpochJSON: an epoch number in JSON, negative included, keeps
// its text and parses as milliseconds.
func TestDateTimeEpochJSON(t *testing.T) {
	t.Parallel()
	var v struct{ Born, Hired DateTime }
	require.NoError(t, json.Unmarshal([]byte(`{"Born":-86400000,"Hired":1700000000000}`), &v))
	assert.Equal(t, DateTime("-86400000"), v.Born)
	born, ok := v.Born.Time()
	require.True(t, ok)
	assert.Equal(t, time.Date(1969, 12, 31, 0, 0, 0, 0, time.UTC), born)
	hired, ok := v.Hired.Time()
	require.True(t, ok)
	assert.Equal(t, 2023, hired.Year(), "milliseconds, not seconds")
	var d DateTime
	require.Error(t, d.UnmarshalJSON([]byte(`true`)))
}

// TestDecimalScaledPlaces: Scaled with 0 places (currencies without minor
// units, such as JPY), the largest allowed and out-of-range places, and
// negative amounts.
func TestDecimalScaledPlaces(t *testing.T) {
	t.Parallel()
	scaled := func(s string, places int) (string, error) {
		d, err := NewDecimal(s)
		require.NoError(t, err)
		n, err := d.Scaled(places)
		if err != nil {
			return "", err
		}
		return n.String(), nil
	}
	for _, c := range []struct {
		in     string
		places int
		want   string
	}{
		{"1500", 0, "1500"},
		{"1500.0", 0, "1500"},
		{"-1500", 0, "-1500"},
		{"0", 0, "0"},
		{"15e2", 0, "1500"},
		{"-12.34", 2, "-1234"},
		{"-0.01", 2, "-1"},
		{"1", MaxDecimalExponent, "1" + strings.Repeat("0", MaxDecimalExponent)},
		{fmt.Sprintf("1e-%d", MaxDecimalExponent), MaxDecimalExponent, "1"},
		{fmt.Sprintf("-1e-%d", MaxDecimalExponent), MaxDecimalExponent, "-1"},
	} {
		got, err := scaled(c.in, c.places)
		require.NoError(t, err, "%s with %d places", c.in, c.places)
		assert.Equal(t, c.want, got, "%s with %d places", c.in, c.places)
	}
	for _, c := range []struct {
		in     string
		places int
		why    string
	}{
		{"1500.5", 0, "more than 0 decimal places"},
		{"-0.5", 0, "more than 0 decimal places"},
		{"1", -1, "outside 0.."},
		{"1", MaxDecimalExponent + 1, "outside 0.."},
		{"1", -MaxDecimalExponent - 1, "outside 0.."},
	} {
		_, err := scaled(c.in, c.places)
		require.Error(t, err, "%s with %d places", c.in, c.places)
		assert.Contains(t, err.Error(), c.why)
	}
	_, err := Decimal{}.Scaled(0)
	require.Error(t, err, "no value")
}

// TestDecimalZeroExponent: an exponent of zero in any spelling is valid.
func TestDecimalZeroExponent(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"1e0", "1E0", "1e+0", "1e-0", "1e00", "2.5e000", "0e0"} {
		d, err := NewDecimal(s)
		require.NoError(t, err, s)
		r := d.Rat()
		f, _ := r.Float64()
		want := 1.0
		switch s {
		case "2.5e000":
			want = 2.5
		case "0e0":
			want = 0
		}
		assert.InDelta(t, want, f, 0, s)
		var j Decimal
		require.NoError(t, json.Unmarshal([]byte(s), &j), s)
	}
	for _, s := range []string{"1e", "1e+", "1e-", fmt.Sprintf("1e%d", MaxDecimalExponent+1), fmt.Sprintf("1e-0%d", MaxDecimalExponent+1)} {
		_, err := NewDecimal(s)
		require.Error(t, err, s)
	}
	_, err := NewDecimal(fmt.Sprintf("1e-00%d", MaxDecimalExponent))
	assert.NoError(t, err, "leading zeros of the exponent do not count")
}

// TestDecimalLengthLimit: MaxDecimalLen bytes are accepted, one more is not.
func TestDecimalLengthLimit(t *testing.T) {
	t.Parallel()
	_, err := NewDecimal(strings.Repeat("1", MaxDecimalLen))
	require.NoError(t, err)
	_, err = NewDecimal("-" + strings.Repeat("1", MaxDecimalLen-1))
	require.NoError(t, err)
	_, err = NewDecimal(strings.Repeat("1", MaxDecimalLen+1))
	require.Error(t, err)
	assert.Contains(t, err.Error(), fmt.Sprintf("longer than %d bytes", MaxDecimalLen))
}

// TestDecimalErrorExcerpt: an error quotes at most 64 bytes of the input,
// with "…" only when it cut something.
func TestDecimalErrorExcerpt(t *testing.T) {
	t.Parallel()
	_, err := NewDecimal(strings.Repeat("x", 64))
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"`+strings.Repeat("x", 64)+`" is not`)
	assert.NotContains(t, err.Error(), "…")
	_, err = NewDecimal(strings.Repeat("x", 65))
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"`+strings.Repeat("x", 64)+`"… is not`)
}
