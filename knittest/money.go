package knittest

import (
	"math/big"

	"github.com/knit-sdk/knit-go/basemodel"
)

// Money in the playground's records is basemodel.Decimal, the SDK's type,
// sent as a JSON number like Knit sends amounts. The generators compute in
// integer cents and the write handlers in big.Rat, so no amount ever passes
// through float64.

// cents returns the Decimal for c hundredths, written without trailing
// zeros (1250 is 12.5, 1200 is 12, 5 is 0.05).
func cents(c int64) basemodel.Decimal {
	d, err := basemodel.DecimalFromRat(big.NewRat(c, 100))
	if err != nil { // unreachable: c/100 has a finite decimal expansion
		panic("knittest: cents: " + err.Error())
	}
	return d
}

// mulDiv returns a×num/den rounded half away from zero (den > 0).
func mulDiv(a, num, den int64) int64 {
	p := a * num
	if p < 0 {
		return -((-p + den/2) / den)
	}
	return (p + den/2) / den
}

// centsOf returns d in cents, rounded half away from zero to two decimals;
// a Decimal without a value is 0.
func centsOf(d basemodel.Decimal) int64 {
	r := d.Rat()
	r.Mul(r, big.NewRat(100, 1))
	return roundRat(r)
}

// roundRat rounds r half away from zero to an integer (saturating is not
// needed: playground amounts stay far below 2^63 cents).
func roundRat(r *big.Rat) int64 {
	n, rem := new(big.Int).QuoRem(r.Num(), r.Denom(), new(big.Int))
	rem.Abs(rem)
	if rem.Lsh(rem, 1).Cmp(r.Denom()) >= 0 {
		if r.Sign() < 0 {
			n.Sub(n, big.NewInt(1))
		} else {
			n.Add(n, big.NewInt(1))
		}
	}
	return n.Int64()
}

// centsRat returns r as a Decimal rounded to cents.
func centsRat(r *big.Rat) basemodel.Decimal {
	return cents(roundRat(new(big.Rat).Mul(r, big.NewRat(100, 1))))
}
