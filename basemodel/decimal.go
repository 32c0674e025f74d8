package basemodel

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
	"strconv"

	"github.com/knit-sdk/knit-go/internal/knitjson"
)

// Decimal is an exact decimal number: money amounts, balances, taxes,
// discounts, quantities and exchange rates.
//
// Knit documents these as "Double", but sends exchangeRate as a JSON string
// and everything else as a JSON number. Decimal accepts both (and null),
// never goes through float64 while decoding, and keeps the exact text Knit
// sent: String returns it, and MarshalJSON writes it back byte for byte, as a
// number if it arrived as a number and as a string if it arrived as a string.
// Compute with Rat or Scaled (exact) or Float64 (lossy).
//
// Accepted text is the JSON number grammar: an optional '-', digits without
// leading zeros, an optional fraction and an optional exponent ("1e5",
// "1.0E-4", as Java's Double.toString writes small rates). Exponents are kept
// exact; their magnitude is limited to MaxDecimalExponent and the text to
// MaxDecimalLen bytes, so hostile input cannot make Rat allocate without
// bound. "NaN", "Infinity", "0x10", "+1", "01", ".5", "1,5" and surrounding
// spaces are rejected with an error that quotes the text. A JSON string that
// is empty ("") decodes to a Decimal with no value and is written back as "".
//
// The zero Decimal has no value: it is what null, a missing key or "" decode
// to, IsZero reports true for it, and it marshals as null (a struct field
// tagged `json:",omitzero"` is left out). A numeric zero such as 0 or "0.00"
// is a value: use Sign() == 0 to test for it.
type Decimal struct {
	text string
	form decimalForm
}

type decimalForm uint8

const (
	formNone        decimalForm = iota // no value; marshals as null
	formNumber                         // marshals as a JSON number
	formString                         // marshals as a JSON string
	formEmptyString                    // received as ""; no value, marshals as ""
)

// MaxDecimalLen is the longest decimal text Decimal accepts, in bytes.
const MaxDecimalLen = 512

// MaxDecimalExponent is the largest exponent magnitude Decimal accepts
// ("1e400" is accepted, "1e401" is not).
const MaxDecimalExponent = 400

// errNoValue is returned by conversions of a Decimal that has no value.
var errNoValue = errors.New("basemodel: Decimal has no value")

// NewDecimal parses s (see Decimal for the accepted grammar). The result
// marshals as a JSON number; call Quoted for a JSON string.
func NewDecimal(s string) (Decimal, error) {
	if err := validDecimal(s); err != nil {
		return Decimal{}, err
	}
	return Decimal{text: s, form: formNumber}, nil
}

// DecimalFromInt returns the Decimal for i, marshalled as a JSON number.
func DecimalFromInt(i int64) Decimal {
	return Decimal{text: strconv.FormatInt(i, 10), form: formNumber}
}

// DecimalFromRat returns r written out exactly as a decimal ("1/8" becomes
// "0.125"), marshalled as a JSON number. It fails for a nil r and for values
// that have no finite decimal expansion, such as 1/3.
func DecimalFromRat(r *big.Rat) (Decimal, error) {
	if r == nil {
		return Decimal{}, errors.New("basemodel: DecimalFromRat: nil *big.Rat")
	}
	prec, exact := r.FloatPrec()
	if !exact {
		return Decimal{}, fmt.Errorf("basemodel: DecimalFromRat: %s has no finite decimal expansion", r.RatString())
	}
	return NewDecimal(r.FloatString(prec))
}

// Quoted returns a copy of d that marshals as a JSON string ("1.5") instead of
// a number; some Knit fields (exchangeRate) are strings on the wire.
func (d Decimal) Quoted() Decimal {
	if d.form == formNumber {
		d.form = formString
	}
	return d
}

// IsQuoted reports whether d marshals as a JSON string.
func (d Decimal) IsQuoted() bool { return d.form == formString || d.form == formEmptyString }

// IsZero reports whether d has no value (null, missing or ""). It does not
// test for the number zero; use Sign() == 0 for that. Being named IsZero lets
// `json:",omitzero"` omit unset amounts from request bodies.
func (d Decimal) IsZero() bool { return d.text == "" }

// String returns the decimal text exactly as received or constructed, or ""
// when d has no value.
func (d Decimal) String() string { return d.text }

// Rat returns the exact value of d as a new *big.Rat; it is 0 when d has no
// value (check IsZero when absence matters).
func (d Decimal) Rat() *big.Rat {
	r := new(big.Rat)
	if d.text == "" {
		return r
	}
	// validDecimal has accepted d.text, so SetString cannot fail and the
	// exponent is bounded.
	if _, ok := r.SetString(d.text); !ok {
		return new(big.Rat)
	}
	return r
}

// Float64 returns d as the nearest float64. The conversion is lossy (0.1 has
// no exact float64); use it for display or statistics, never for money
// arithmetic. It fails when d has no value or is out of float64 range.
func (d Decimal) Float64() (float64, error) {
	if d.text == "" {
		return 0, errNoValue
	}
	f, err := strconv.ParseFloat(d.text, 64)
	if err != nil || math.IsInf(f, 0) {
		return 0, fmt.Errorf("basemodel: Decimal %q is out of float64 range", d.text)
	}
	return f, nil
}

// Scaled returns d × 10^decimals as an exact integer, e.g. the amount in cents
// for decimals=2 ("12.34" → 1234). It fails when d has no value, when decimals
// is negative or above MaxDecimalExponent, or when d has more decimal places
// than decimals ("0.005" with 2), because rounding money silently is a bug.
func (d Decimal) Scaled(decimals int) (*big.Int, error) {
	if d.text == "" {
		return nil, errNoValue
	}
	if decimals < 0 || decimals > MaxDecimalExponent {
		return nil, fmt.Errorf("basemodel: Decimal.Scaled: decimals %d is outside 0..%d", decimals, MaxDecimalExponent)
	}
	r := d.Rat()
	r.Mul(r, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(decimals)), nil)))
	if !r.IsInt() {
		return nil, fmt.Errorf("basemodel: Decimal %q has more than %d decimal places", d.text, decimals)
	}
	return new(big.Int).Set(r.Num()), nil
}

// Sign returns -1, 0 or +1 for a negative, zero or positive d; a Decimal with
// no value counts as 0.
func (d Decimal) Sign() int {
	if d.text == "" {
		return 0
	}
	return d.Rat().Sign()
}

// Cmp compares d and e by value: -1 if d < e, 0 if equal ("1.50" equals
// "1.5"), +1 if d > e. A Decimal with no value counts as 0.
func (d Decimal) Cmp(e Decimal) int { return d.Rat().Cmp(e.Rat()) }

// Equal reports whether d and e have the same numeric value and the same
// presence (both with no value, or both with equal values).
func (d Decimal) Equal(e Decimal) bool {
	if d.IsZero() || e.IsZero() {
		return d.IsZero() == e.IsZero()
	}
	return d.Cmp(e) == 0
}

// MarshalJSON writes the text as received: a number, a string, "" or null.
func (d Decimal) MarshalJSON() ([]byte, error) {
	switch d.form {
	case formNumber:
		return []byte(d.text), nil
	case formString:
		return json.Marshal(d.text)
	case formEmptyString:
		return []byte(`""`), nil
	}
	return []byte("null"), nil
}

// UnmarshalJSON accepts a JSON number, a JSON string holding a number, "" or
// null. Other JSON (true, objects, "N/A") is an error quoting the input.
func (d *Decimal) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || string(b) == "null":
		*d = Decimal{}
		return nil
	case b[0] == '"':
		var s string
		if err := knitjson.Unmarshal(b, &s); err != nil {
			return fmt.Errorf("basemodel: cannot decode %s into a Decimal: %w", quoteExcerpt(b), err)
		}
		if s == "" {
			*d = Decimal{form: formEmptyString}
			return nil
		}
		if err := validDecimal(s); err != nil {
			return err
		}
		*d = Decimal{text: s, form: formString}
		return nil
	case b[0] == '-' || (b[0] >= '0' && b[0] <= '9'):
		s := string(b)
		if err := validDecimal(s); err != nil {
			return err
		}
		*d = Decimal{text: s, form: formNumber}
		return nil
	}
	return fmt.Errorf("basemodel: cannot decode %s into a Decimal: want a number, a numeric string or null", quoteExcerpt(b))
}

// validDecimal checks s against the JSON number grammar with bounded length
// and exponent.
func validDecimal(s string) error {
	bad := func(why string) error {
		return fmt.Errorf("basemodel: %s is not a decimal number: %s", quoteExcerpt([]byte(s)), why)
	}
	if s == "" {
		return bad("empty")
	}
	if len(s) > MaxDecimalLen {
		return bad(fmt.Sprintf("longer than %d bytes", MaxDecimalLen))
	}
	i := 0
	if s[i] == '-' {
		i++
	}
	start := i
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	switch {
	case i == start:
		return bad("want digits")
	case s[start] == '0' && i-start > 1:
		return bad("leading zero")
	}
	if i < len(s) && s[i] == '.' {
		i++
		fs := i
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		if i == fs {
			return bad("want digits after '.'")
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		es := i
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		if i == es {
			return bad("want digits in the exponent")
		}
		if i != len(s) {
			return bad("unexpected characters")
		}
		exp := s[es:i]
		for len(exp) > 1 && exp[0] == '0' {
			exp = exp[1:]
		}
		if n, err := strconv.Atoi(exp); err != nil || n > MaxDecimalExponent {
			return bad(fmt.Sprintf("exponent beyond ±%d", MaxDecimalExponent))
		}
	}
	if i != len(s) {
		return bad("unexpected characters")
	}
	return nil
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// quoteExcerpt quotes at most 64 bytes of b for an error message.
func quoteExcerpt(b []byte) string {
	const limit = 64
	if len(b) > limit {
		return strconv.Quote(string(b[:limit])) + "…"
	}
	return strconv.Quote(string(b))
}
