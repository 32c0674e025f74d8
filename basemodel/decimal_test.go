package basemodel

import (
	"bytes"
	"encoding/json"
	"math/big"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecimalRoundTripExact(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in     string // JSON as Knit sends it
		text   string // String()
		rat    string // exact value as num/den
		quoted bool
	}{
		{in: `0.1`, text: "0.1", rat: "1/10"},
		{in: `1234567890123.45`, text: "1234567890123.45", rat: "24691357802469/20"},
		{in: `-0.005`, text: "-0.005", rat: "-1/200"},
		{in: `123456789012345678901234567.891`, text: "123456789012345678901234567.891", rat: "123456789012345678901234567891/1000"},
		{in: `"123456789012345678901234567.891"`, text: "123456789012345678901234567.891", rat: "123456789012345678901234567891/1000", quoted: true},
		{in: `"82.5"`, text: "82.5", rat: "165/2", quoted: true},
		{in: `100000.0`, text: "100000.0", rat: "100000"},
		{in: `1.50`, text: "1.50", rat: "3/2"},
		{in: `"1.0E-4"`, text: "1.0E-4", rat: "1/10000", quoted: true},
		{in: `1e5`, text: "1e5", rat: "100000"},
		{in: `0`, text: "0", rat: "0"},
		{in: `-0`, text: "-0", rat: "0"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			var d Decimal
			require.NoError(t, json.Unmarshal([]byte(tt.in), &d))
			assert.Equal(t, tt.text, d.String())
			assert.Equal(t, tt.quoted, d.IsQuoted())
			assert.False(t, d.IsZero())
			assert.Equal(t, tt.rat, d.Rat().RatString())
			back, err := DecimalFromRat(d.Rat())
			require.NoError(t, err)
			assert.Equal(t, 0, back.Cmp(d), "Rat → Decimal keeps the value")

			out, err := json.Marshal(d)
			require.NoError(t, err)
			assert.Equal(t, tt.in, string(out), "marshal must give back the exact bytes")
		})
	}
}

func TestDecimalInStruct(t *testing.T) {
	t.Parallel()
	type invoice struct {
		Total        Decimal `json:"totalAmount"`
		ExchangeRate Decimal `json:"exchangeRate"`
		Tax          Decimal `json:"totalTax"`
		Discount     Decimal `json:"totalDiscount,omitzero"`
	}
	in := `{"totalAmount":1234567890123.45,"exchangeRate":"0.0123","totalTax":null}`
	var v invoice
	require.NoError(t, json.Unmarshal([]byte(in), &v))
	assert.Equal(t, "1234567890123.45", v.Total.String())
	assert.Equal(t, "0.0123", v.ExchangeRate.String())
	assert.True(t, v.Tax.IsZero())
	assert.True(t, v.Discount.IsZero())

	out, err := json.Marshal(v)
	require.NoError(t, err)
	assert.JSONEq(t, in, string(out))
	assert.Equal(t, in, string(out), "omitzero drops the missing discount; everything else is byte-identical")
}

func TestDecimalEmptyStringAndNull(t *testing.T) {
	t.Parallel()
	for _, in := range []string{`""`, `null`} {
		var d Decimal
		require.NoError(t, json.Unmarshal([]byte(in), &d), in)
		assert.True(t, d.IsZero(), in)
		assert.Equal(t, 0, d.Sign(), in)
		out, err := json.Marshal(d)
		require.NoError(t, err)
		assert.Equal(t, in, string(out))
		_, err = d.Float64()
		require.Error(t, err)
		_, err = d.Scaled(2)
		require.Error(t, err)
	}
	out, err := json.Marshal(Decimal{})
	require.NoError(t, err)
	assert.Equal(t, "null", string(out))
}

func TestDecimalRejects(t *testing.T) {
	t.Parallel()
	for _, in := range []string{
		`"NaN"`, `"Infinity"`, `"-Infinity"`, `"0x10"`, `"+1"`, `"01"`, `".5"`, `"5."`,
		`"1,5"`, `" 1.5"`, `"1.5 "`, `"1e"`, `"1e+"`, `"--1"`, `"-"`, `"1/3"`, `"1_000"`,
		`"N/A"`, `"1e401"`, `"1e-99999999999999999999"`, `true`, `{}`, `[]`, `"\u0000"`,
	} {
		var d Decimal
		err := json.Unmarshal([]byte(in), &d)
		require.Error(t, err, in)
		assert.Contains(t, err.Error(), "basemodel", in)
	}
	long := bytes.Repeat([]byte("9"), MaxDecimalLen+1)
	var d Decimal
	require.Error(t, json.Unmarshal(long, &d))
	_, err := NewDecimal("NaN")
	require.Error(t, err)
	_, err = NewDecimal("")
	require.Error(t, err)
}

func TestDecimalConversions(t *testing.T) {
	t.Parallel()
	d, err := NewDecimal("1234567890123.45")
	require.NoError(t, err)

	cents, err := d.Scaled(2)
	require.NoError(t, err)
	assert.Equal(t, "123456789012345", cents.String())
	milli, err := d.Scaled(3)
	require.NoError(t, err)
	assert.Equal(t, "1234567890123450", milli.String())
	_, err = d.Scaled(1)
	require.Error(t, err, "rounding away a cent must be an error")
	_, err = d.Scaled(-1)
	require.Error(t, err)

	f, err := d.Float64()
	require.NoError(t, err)
	assert.InDelta(t, 1234567890123.45, f, 0.001)

	huge, err := NewDecimal("1e400")
	require.NoError(t, err)
	_, err = huge.Float64()
	require.Error(t, err)

	neg, err := NewDecimal("-0.005")
	require.NoError(t, err)
	assert.Equal(t, -1, neg.Sign())
	assert.Equal(t, 1, d.Sign())
	zero, err := NewDecimal("0.00")
	require.NoError(t, err)
	assert.Equal(t, 0, zero.Sign())
	assert.False(t, zero.IsZero(), "0.00 is a value")

	a, _ := NewDecimal("1.50")
	b, _ := NewDecimal("1.5")
	assert.Equal(t, 0, a.Cmp(b))
	assert.True(t, a.Equal(b))
	assert.Equal(t, -1, neg.Cmp(a))
	assert.Equal(t, 1, a.Cmp(neg))
	assert.False(t, zero.Equal(Decimal{}))
	assert.True(t, Decimal{}.Equal(Decimal{}))
}

func TestDecimalConstructors(t *testing.T) {
	t.Parallel()
	d := DecimalFromInt(-42)
	assert.Equal(t, "-42", d.String())
	out, err := json.Marshal(d)
	require.NoError(t, err)
	assert.Equal(t, "-42", string(out))

	q, err := json.Marshal(d.Quoted())
	require.NoError(t, err)
	assert.Equal(t, `"-42"`, string(q))
	assert.True(t, d.Quoted().IsQuoted())
	assert.False(t, d.IsQuoted(), "Quoted returns a copy")

	r, err := DecimalFromRat(big.NewRat(1, 8))
	require.NoError(t, err)
	assert.Equal(t, "0.125", r.String())
	r, err = DecimalFromRat(big.NewRat(-300, 1))
	require.NoError(t, err)
	assert.Equal(t, "-300", r.String())
	_, err = DecimalFromRat(big.NewRat(1, 3))
	require.Error(t, err)
	_, err = DecimalFromRat(nil)
	require.Error(t, err)

	// A 30-digit amount survives Rat → Decimal → Rat exactly.
	in, err := NewDecimal("123456789012345678901234567.891")
	require.NoError(t, err)
	back, err := DecimalFromRat(in.Rat())
	require.NoError(t, err)
	assert.Equal(t, "123456789012345678901234567.891", back.String())
	assert.Equal(t, 0, in.Rat().Cmp(back.Rat()))
}

// FuzzDecimal checks that decoding never panics and that decode → encode →
// decode is stable: the second encoding equals the first.
func FuzzDecimal(f *testing.F) {
	for _, s := range []string{`0.1`, `"1.5"`, `null`, `""`, `-0.005`, `1e5`, `"NaN"`, `{}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		var d Decimal
		if err := json.Unmarshal(in, &d); err != nil {
			return
		}
		b1, err := json.Marshal(d)
		if err != nil {
			t.Fatalf("marshal %q: %v", in, err)
		}
		var d2 Decimal
		if err := json.Unmarshal(b1, &d2); err != nil {
			t.Fatalf("re-decode %q (from %q): %v", b1, in, err)
		}
		b2, err := json.Marshal(d2)
		if err != nil {
			t.Fatalf("re-marshal %q: %v", b1, err)
		}
		if !bytes.Equal(b1, b2) {
			t.Fatalf("unstable: %q → %q → %q", in, b1, b2)
		}
		if d.String() != d2.String() || d.IsQuoted() != d2.IsQuoted() || d.Cmp(d2) != 0 {
			t.Fatalf("value changed: %q vs %q", d.String(), d2.String())
		}
		if !d.IsZero() && !d.IsQuoted() && !bytes.Equal(bytes.TrimSpace(in), b1) {
			t.Fatalf("number not byte-identical: %q → %q", in, b1)
		}
		_, _ = d.Float64()
		_, _ = d.Scaled(2)
		_ = d.Sign()
	})
}
