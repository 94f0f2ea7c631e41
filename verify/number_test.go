package verify

import (
	"testing"

	"github.com/shopspring/decimal"
)

// TestPlainNumber checks the fast path of constant against
// decimal.NewFromString, which it stands in for.
func TestPlainNumber(t *testing.T) {
	for _, s := range []string{"0", "-0", "7", "007", "1.50", "-12.345", "123456789012345678", "0.000001", "999999999999999999",
		"1234567890123456789", "1.", ".5", "-", "1e5", "+5", "1.2.3", "１２", "12a", "-.5", "0.0"} {
		want, werr := decimal.NewFromString(s)
		got, ok := plainNumber(s)
		if !ok {
			continue // read the general way
		}
		if werr != nil || got.String() != want.String() || got.Exponent() != want.Exponent() || got.Coefficient().Cmp(want.Coefficient()) != 0 {
			t.Errorf("plainNumber(%q) = %v (exp %d), NewFromString gives %v (exp %d, %v)", s, got, got.Exponent(), want, want.Exponent(), werr)
		}
	}
	for _, s := range []string{"1.", ".5", "-", "1e5", "+5", "1.2.3", "１２", "12a", "-.5", "1234567890123456789"} {
		if _, ok := plainNumber(s); ok {
			t.Errorf("plainNumber(%q) took it; it is for plain digits only", s)
		}
	}
}
