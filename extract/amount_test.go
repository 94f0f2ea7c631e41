package extract

import (
	"math/rand/v2"
	"strings"
	"testing"

	"budgetxl/msg"
	"budgetxl/workbook"
)

// TestAmount: every kind of content an amount cell can hold, as the
// workbook reader gives it, read the one way extract and verify share.
func TestAmount(t *testing.T) {
	cases := []struct {
		typ    workbook.Type
		value  string
		want   Content
		number string // for Number
	}{
		{workbook.TypeNumber, "1234.56", Number, "1234.56"},
		{workbook.TypeUnset, "12", Number, "12"},
		{workbook.TypeNumber, " -3 ", Number, "-3"},
		{workbook.TypeNumber, "0", Number, "0"},
		{workbook.TypeNumber, "1234.5600000000001", Number, "1234.56"}, // a double written with 17 digits
		{workbook.TypeNumber, "0.30000000000000004", Number, "0.3"},
		{workbook.TypeNumber, "123.456789", Number, "123.456789"},
		{workbook.TypeNumber, "1.5E+3", Number, "1500"},
		{workbook.TypeNumber, "999999999999999", Number, "999999999999999"},
		{workbook.TypeNumber, "", Empty, ""},
		{workbook.TypeUnset, "", Empty, ""},
		{workbook.TypeString, "  　", Empty, ""}, // spaces, an ideographic one too
		{workbook.TypeNumber, "1E+400", TooLarge, ""},
		{workbook.TypeNumber, "1E+999999999", TooLarge, ""},
		{workbook.TypeNumber, "1e15", TooLarge, ""},
		{workbook.TypeNumber, "-1000000000000000", TooLarge, ""},
		{workbook.TypeNumber, "0.1234567", TooPrecise, ""},
		{workbook.TypeNumber, "1E-400", TooPrecise, ""},
		{workbook.TypeBool, "1", Bool, ""},
		{workbook.TypeBool, "FALSE", Bool, ""},
		{workbook.TypeError, "#DIV/0!", ErrorValue, ""},
		{workbook.TypeString, "1,234.56", NumberText, ""},
		{workbook.TypeString, "１２", NumberText, ""},
		{workbook.TypeString, "１，２３４．５６", NumberText, ""},
		{workbook.TypeString, "'12", NumberText, ""},
		{workbook.TypeString, "12", NumberText, ""},
		{workbook.TypeString, "-3.5", NumberText, ""},
		{workbook.TypeString, "￥1,234", NumberText, ""},
		{workbook.TypeFormula, "12", NumberText, ""}, // a formula's text result
		{workbook.TypeString, "1E+400", TooLarge, ""},
		{workbook.TypeString, "abc", Text, ""},
		{workbook.TypeString, "-", Text, ""},
		{workbook.TypeString, "1,23", Text, ""},
		{workbook.TypeString, "12万", Text, ""},
		{workbook.TypeNumber, "abc", Text, ""},
		{workbook.TypeDate, "2025-01-01T00:00:00Z", Text, ""},
	}
	for _, c := range cases {
		got, what := Amount(&workbook.Cell{Type: c.typ, Value: c.value})
		if what != c.want || (what == Number && got.String() != c.number) || (what != Number && !got.IsZero()) {
			t.Errorf("Amount(%s %q) = %s, %d; want %s, %d", c.typ, c.value, got, what, c.number, c.want)
		}
	}
	if _, what := Amount(nil); what != Empty {
		t.Errorf("Amount(nil) = %d", what)
	}
}

// TestProblemCut: a long value is quoted cut to msg.MaxLen characters, in
// every kind of problem, so that one cell does not flood the output.
func TestProblemCut(t *testing.T) {
	long := strings.Repeat("一二三四五六七八九十", 10)
	digits := "1" + strings.Repeat("0", 99)
	for _, c := range []struct {
		p    Problem
		want string
	}{
		{Problem{Value: long, What: Text}, `"` + long[:len("一")*60] + `…" is not a number`},
		{Problem{Value: digits, What: TooLarge}, digits[:60] + "… is out of range: an amount is below 10^15 万元"},
		{Problem{Value: "0." + digits, What: TooPrecise}, ("0." + digits)[:60] + "… has more than 6 decimals (in 万元, finer than 0.01 元)"},
	} {
		if got := c.p.Message().In(msg.EN); got != c.want {
			t.Errorf("got  %s\nwant %s", got, c.want)
		}
	}
}

// TestPlainAmount: the quick reading of plain decimals gives what the
// general reading gives, digit for digit and exponent for exponent, for
// every text it accepts, and it accepts the usual ones.
func TestPlainAmount(t *testing.T) {
	texts := []string{"0", "-0", "0.0", "00", "007", "1", "-1", "12.5", "12.50", "12.000", "0.25", "-0.000001",
		"0.0000001", "123456789012345", "1234567890123456", "99999999999999.9", "1.234567", "1.2345670",
		"1.2345678", "100", "1e3", "+5", ".5", "5.", "-", "", "1,000", " 1", "1 ", "１"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		if r.IntN(4) == 0 {
			b.WriteByte('-')
		}
		for range r.IntN(17) {
			b.WriteByte("0123456789"[r.IntN(10)])
		}
		if r.IntN(2) == 0 {
			b.WriteByte('.')
			for range r.IntN(9) {
				b.WriteByte("0000123456789"[r.IntN(13)])
			}
		}
		texts = append(texts, b.String())
	}
	accepted := 0
	for _, s := range texts {
		d, ok := plainAmount(s)
		if !ok {
			continue
		}
		accepted++
		want, what := storedNumber(s)
		if what != Number {
			t.Fatalf("plainAmount(%q) = %s, the general reading says %v", s, d, what)
		}
		if d.Exponent() != want.Exponent() || d.Coefficient().Cmp(want.Coefficient()) != 0 {
			t.Fatalf("plainAmount(%q) = %s (exponent %d), the general reading %s (exponent %d)", s, d, d.Exponent(), want, want.Exponent())
		}
	}
	for _, s := range []string{"0", "12.50", "-0.000001", "123456789012345"} {
		if _, ok := plainAmount(s); !ok {
			t.Errorf("plainAmount(%q) not taken", s)
		}
	}
	if accepted < len(texts)/4 {
		t.Errorf("only %d of %d texts taken the quick way", accepted, len(texts))
	}
}
