package verify

import (
	"testing"

	"github.com/shopspring/decimal"

	"budgetxl/formula"
	"budgetxl/workbook"
)

// TestSameAsStored: a cached number kept as its text compares with a
// computed value as the parsed number does (sameValue's long way).
func TestSameAsStored(t *testing.T) {
	for _, tt := range []struct{ computed, cached string }{
		{"123.456789", "123.456789"}, {"123.456789", "123.46"}, {"1.5", "1.50"}, {"150", "1.5"}, {"0", "0"},
		{"0", "-0"}, {"0.00", "0"}, {"-2.5", "-2.50"}, {"-2.5", "2.5"}, {"1000", "1000.000"}, {"10", "1"},
		{"0.1", "0.10000000000000001"}, {"123456789012345.6", "123456789012345.6"}, {"1234567890123456", "1234567890123457"},
		{"0.333333333333333333", "0.333333333333333"}, {"12345678901234567890", "12345678901234567"},
	} {
		d := decimal.RequireFromString(tt.computed)
		cached := cachedValue(tt.cached, workbook.TypeNumber)
		if _, ok := cached.Stored(); !ok && len(tt.cached) <= 19 {
			t.Errorf("%s is not kept as text", tt.cached)
		}
		want := sameValue(formula.NumberValue(d), constant(tt.cached, workbook.TypeNumber))
		if got := sameValue(formula.NumberValue(d), cached); got != want {
			t.Errorf("sameValue(%s, stored %s) = %v, parsed gives %v", tt.computed, tt.cached, got, want)
		}
	}
}
