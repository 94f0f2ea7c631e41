package formula

import (
	"testing"

	"github.com/shopspring/decimal"
)

// TestPlainNumber checks PlainNumber against
// decimal.NewFromString, which it stands in for.
func TestPlainNumber(t *testing.T) {
	for _, s := range []string{"0", "-0", "7", "007", "1.50", "-12.345", "123456789012345678", "0.000001", "999999999999999999",
		"1234567890123456789", "1.", ".5", "-", "1e5", "+5", "1.2.3", "１２", "12a", "-.5", "0.0"} {
		want, werr := decimal.NewFromString(s)
		got, ok := PlainNumber(s)
		if !ok {
			continue // read the general way
		}
		if werr != nil || got.String() != want.String() || got.Exponent() != want.Exponent() || got.Coefficient().Cmp(want.Coefficient()) != 0 {
			t.Errorf("PlainNumber(%q) = %v (exp %d), NewFromString gives %v (exp %d, %v)", s, got, got.Exponent(), want, want.Exponent(), werr)
		}
	}
	for _, s := range []string{"1.", ".5", "-", "1e5", "+5", "1.2.3", "１２", "12a", "-.5", "1234567890123456789"} {
		if _, ok := PlainNumber(s); ok {
			t.Errorf("PlainNumber(%q) took it; it is for plain digits only", s)
		}
	}
}

// TestStoredNumber: a StoredNumber is the number PlainNumber reads, made
// when asked, and only of what PlainNumber reads.
func TestStoredNumber(t *testing.T) {
	for _, s := range []string{"0", "-0", "7", "1.50", "-12.345", "123456789012345678", "1234567890123456789", "1.", ".5", "-", "1e5", "+5", "1.2.3", "12a", ""} {
		d, plain := PlainNumber(s)
		v, ok := StoredNumber(s)
		if ok != plain {
			t.Errorf("StoredNumber(%q) ok = %v, PlainNumber reads it: %v", s, ok, plain)
			continue
		}
		if !ok {
			continue
		}
		if text, stored := v.Stored(); !stored || text != s || v.Kind() != KindNumber || !v.Number().Equal(d) || !v.Equal(NumberValue(d)) || v.String() != NumberValue(d).String() || v.Text() != "" {
			t.Errorf("StoredNumber(%q) = %q %v %s, want the number %s", s, text, stored, v.Number(), d)
		}
	}
	if _, stored := NumberValue(decimal.New(5, 0)).Stored(); stored {
		t.Error("NumberValue is Stored")
	}
}
