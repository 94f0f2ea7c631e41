package formula

import (
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
)

// sameDecimal reports whether a and b have the same coefficient and
// exponent, not only the same value.
func sameDecimal(a, b decimal.Decimal) bool {
	return a.Exponent() == b.Exponent() && a.Coefficient().Cmp(b.Coefficient()) == 0
}

// randomDecimal returns numbers around the int64 fast path's limits: small
// amounts, 17 to 20 digit coefficients, positive and negative exponents.
func randomDecimal(r *rand.Rand) decimal.Decimal {
	exp := int32(r.IntN(25) - 20)
	switch r.IntN(4) {
	case 0:
		return decimal.New(r.Int64N(1_000_000)-500_000, int32(-r.IntN(3)))
	case 1:
		return decimal.New(r.Int64()-r.Int64(), exp) // up to 19 digits
	case 2:
		d := decimal.New(r.Int64N(fastLimit), exp)
		return d.Mul(decimal.New(int64(r.IntN(200)-100), 0)) // beyond int64
	}
	return decimal.New(int64(r.IntN(3)-1)*(fastLimit-1), exp)
}

func TestSumIsDecimalAdd(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 20000 {
		var s Sum
		want := decimal.Zero
		var terms []decimal.Decimal
		for range r.IntN(6) {
			d := randomDecimal(r)
			terms = append(terms, d)
			if r.IntN(3) == 0 {
				s.Sub(d)
				want = want.Sub(d)
			} else {
				s.Add(d)
				want = want.Add(d)
			}
		}
		if got := s.Total(); !sameDecimal(got, want) {
			t.Fatalf("case %d: sum of %v = %v (exp %d), want %v (exp %d)", i, terms, got, got.Exponent(), want, want.Exponent())
		}
		if len(terms) < 2 {
			continue
		}
		a, b := terms[0], terms[1]
		if got, want := addDecimals(a, b, false), a.Add(b); !sameDecimal(got, want) {
			t.Fatalf("case %d: %v + %v = %v (exp %d), want %v (exp %d)", i, a, b, got, got.Exponent(), want, want.Exponent())
		}
		if got, want := addDecimals(a, b, true), a.Sub(b); !sameDecimal(got, want) {
			t.Fatalf("case %d: %v - %v = %v (exp %d), want %v (exp %d)", i, a, b, got, got.Exponent(), want, want.Exponent())
		}
	}
}

func TestSumZeroValue(t *testing.T) {
	var s Sum
	if got := s.Total(); !got.Equal(decimal.Zero) || got.Exponent() != 0 {
		t.Errorf("zero Sum = %v (exp %d), want 0", got, got.Exponent())
	}
}
