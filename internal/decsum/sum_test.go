package decsum

import (
	"math/rand/v2"
	"slices"
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
		if got, want := Add2(a, b, false), a.Add(b); !sameDecimal(got, want) {
			t.Fatalf("case %d: %v + %v = %v (exp %d), want %v (exp %d)", i, a, b, got, got.Exponent(), want, want.Exponent())
		}
		if got, want := Add2(a, b, true), a.Sub(b); !sameDecimal(got, want) {
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

// TestSumCases: the edges of the int64 path, term by term (every third
// subtracted): a total that outgrows 18 digits, a scaling that does, a
// term too large from the first, thirty of 18 nines, far exponents.
func TestSumCases(t *testing.T) {
	cases := [][]string{
		{}, {"0"}, {"1.25"}, {"100", "0.5", "-3"}, {"1e3", "2e5"}, {"0.000001", "123456789.12"},
		{"999999999999999999", "1"}, {"-999999999999999999", "-0.000001"},
		{"12345678901234567890123", "1.5"}, {"1.5", "12345678901234567890123", "-2.25"},
		{"1e-30", "1"}, {"5e40", "0"}, {"0", "1e-25"},
	}
	cases = append(cases, slices.Repeat([]string{"999999999999999999"}, 30))
	for _, c := range cases {
		var got Sum
		want := decimal.Zero
		for i, text := range c {
			v := decimal.RequireFromString(text)
			if i%3 == 2 {
				want = want.Sub(v)
				got.Sub(v)
			} else {
				want = want.Add(v)
				got.Add(v)
			}
		}
		if g := got.Total(); !sameDecimal(g, want) {
			t.Errorf("%v: got %s×10^%d, want %s×10^%d", c, g.Coefficient(), g.Exponent(), want.Coefficient(), want.Exponent())
		}
	}
}
