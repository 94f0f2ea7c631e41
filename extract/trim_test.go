package extract

import (
	"testing"

	"github.com/shopspring/decimal"
)

// TestTrim: trailing zeros of the decimals are dropped, the value and its
// sign kept; whole numbers and numbers without such zeros are as given.
func TestTrim(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want string
		exp  int32
	}{
		{"1234.56000000000", "1234.56", -2},
		{"100.00", "100", 0},
		{"-1.50", "-1.5", -1},
		{"0.000100", "0.0001", -4},
		{"12.345", "12.345", -3},
		{"7", "7", 0},
	} {
		d := trim(decimal.RequireFromString(tt.in))
		if d.String() != tt.want || d.Exponent() != tt.exp {
			t.Errorf("trim(%s) = %s (exponent %d), want %s (%d)", tt.in, d, d.Exponent(), tt.want, tt.exp)
		}
	}
}
