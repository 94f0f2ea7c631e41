package plan

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// TestSum checks that sum gives what a chain of decimal.Add and Sub gives:
// the same coefficient and exponent, for small, large and mixed terms.
func TestSum(t *testing.T) {
	cases := [][]string{
		{},
		{"0"},
		{"1.25"},
		{"100", "0.5", "-3"},
		{"1e3", "2e5"},
		{"0.000001", "123456789.12"},
		{"999999999999999999", "1"},          // the sum outgrows an int64 of 18 digits
		{"-999999999999999999", "-0.000001"}, // scaling outgrows it
		{"12345678901234567890123", "1.5"},   // a term too large from the first
		{"1.5", "12345678901234567890123", "-2.25"},
		{"1e-30", "1"},
		{"5e40", "0"},
		{"0", "1e-25"},
	}
	// Every third term is subtracted: thirty of 18 nines overflow an int64
	// on the way.
	cases = append(cases, slices.Repeat([]string{"999999999999999999"}, 30))
	r := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		var c []string
		for range r.IntN(8) {
			digits := r.IntN(22) + 1
			var sb strings.Builder
			if r.IntN(3) == 0 {
				sb.WriteByte('-')
			}
			for range digits {
				sb.WriteByte(byte('0' + r.IntN(10)))
			}
			sb.WriteString("e")
			sb.WriteString(decimal.NewFromInt(int64(r.IntN(13) - 8)).String())
			c = append(c, sb.String())
		}
		cases = append(cases, c)
	}
	for _, c := range cases {
		want, got := decimal.Zero, sum{}
		for i, text := range c {
			v := decimal.RequireFromString(text)
			neg := i%3 == 2
			if neg {
				want = want.Sub(v)
			} else {
				want = want.Add(v)
			}
			got.add(v, neg)
		}
		g := got.value()
		if g.Exponent() != want.Exponent() || g.Coefficient().Cmp(want.Coefficient()) != 0 {
			t.Errorf("%v: got %s×10^%d, want %s×10^%d", c, g.Coefficient(), g.Exponent(), want.Coefficient(), want.Exponent())
		}
	}
	var none sum
	if v := none.value(); v != decimal.Zero {
		t.Errorf("no terms: got %#v, want decimal.Zero", v)
	}
}
