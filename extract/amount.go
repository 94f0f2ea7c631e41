package extract

import (
	"math/big"
	"regexp"
	"strings"
	"unicode"

	"github.com/shopspring/decimal"
	"golang.org/x/text/width"

	"budgetxl/msg"
	"budgetxl/workbook"
)

// Limits of an amount cell, in 万元 as every cell holds amounts: a number
// is read to the 15 significant digits a workbook keeps (a double written
// out with 17 digits, 1234.5600000000001, reads as 1234.56), and it must
// then be below 10^15 in size with at most 6 decimals (0.000001 万元 is
// 0.01 元, a 分). The same limits hold for the amount and number fields of
// the forms.
const (
	maxDigits    = 15 // significant digits a workbook keeps
	maxDecimals  = 6
	maxMagnitude = 15 // digits before the decimal point: |x| < 10^15
)

// Content is what an amount cell holds.
type Content int

// Contents of an amount cell: a number or nothing, or one of the problems
// that keep it from being read as an amount.
const (
	Empty      Content = iota // no value, or only spaces
	Number                    // a number within the limits
	Bool                      // TRUE or FALSE
	ErrorValue                // an error value such as #DIV/0!, typed or a formula's
	NumberText                // text that reads as a number: "1,234.56", "１２", "'12"
	Text                      // text that is not a number
	TooLarge                  // a number of 10^15 or more, in size
	TooPrecise                // a number with more than 6 decimals
)

// Amount reads an amount cell: the number it holds, in 万元, and what it
// holds. The number is set for Number only; extract and verify read every
// amount cell through it, so both judge a cell alike. A nil cell is empty.
func Amount(c *workbook.Cell) (decimal.Decimal, Content) {
	if c == nil {
		return decimal.Zero, Empty
	}
	switch c.Type {
	case workbook.TypeBool:
		return decimal.Zero, Bool
	case workbook.TypeError:
		return decimal.Zero, ErrorValue
	case workbook.TypeNumber, workbook.TypeUnset:
		s := strings.TrimSpace(c.Value)
		if s == "" {
			return decimal.Zero, Empty
		}
		if d, ok := plainAmount(s); ok {
			return d, Number
		}
		return storedNumber(s)
	}
	// Text: a string, a formula's text result, a date.
	s := strings.TrimFunc(c.Value, unicode.IsSpace)
	if s == "" {
		return decimal.Zero, Empty
	}
	d, ok := numberInText(s)
	if !ok {
		return decimal.Zero, Text
	}
	if _, content := limit(d); content != Number {
		return decimal.Zero, content
	}
	return decimal.Zero, NumberText
}

var (
	// numberRe is a number as a workbook stores it: 1234.56, -1E-05.
	numberRe = regexp.MustCompile(`^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]{1,9})?$`)
	// groupedRe is a number with thousands separators: 1,234.56.
	groupedRe = regexp.MustCompile(`^[-+]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$`)
)

// numberInText reads text that a clerk meant as a number: full-width
// digits and signs (１２，３４５．６), a leading apostrophe (Excel's mark of
// a number kept as text), a currency sign, thousands separators.
func numberInText(s string) (decimal.Decimal, bool) {
	s = width.Narrow.String(s)
	s = strings.TrimPrefix(s, "'")
	s = strings.TrimPrefix(s, "’")
	s = strings.TrimPrefix(s, "¥")
	s = strings.TrimSpace(s)
	if groupedRe.MatchString(s) {
		s = strings.ReplaceAll(s, ",", "")
	}
	if !numberRe.MatchString(s) {
		return decimal.Zero, false
	}
	d, err := decimal.NewFromString(s)
	return d, err == nil
}

// limit reads a number to the digits a workbook keeps and checks it
// against the limits. The size is judged from the digits and exponent
// before any arithmetic, so 1E+999999999 costs nothing.
func limit(d decimal.Decimal) (decimal.Decimal, Content) {
	if d.IsZero() {
		return decimal.Zero, Number
	}
	digits := len(d.Coefficient().String())
	if d.Coefficient().Sign() < 0 {
		digits--
	}
	magnitude := digits + int(d.Exponent()) // digits before the decimal point
	switch {
	case magnitude > maxMagnitude:
		return decimal.Zero, TooLarge
	case magnitude < -maxDecimals-maxDigits:
		return decimal.Zero, TooPrecise
	}
	if digits > maxDigits {
		d = d.Round(int32(maxDigits - magnitude))
	}
	if d.Abs().Cmp(decimal.New(1, maxMagnitude)) >= 0 {
		return decimal.Zero, TooLarge
	}
	if !d.Equal(d.Round(maxDecimals)) {
		return decimal.Zero, TooPrecise
	}
	if d.Exponent() < 0 {
		d = trim(d)
	}
	return d, Number
}

// storedNumber reads the text of a number cell, any way a workbook may
// store it.
func storedNumber(s string) (decimal.Decimal, Content) {
	if !numberRe.MatchString(s) {
		return decimal.Zero, Text
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Zero, TooLarge // an exponent beyond any amount
	}
	return limit(d)
}

// plainAmount reads the number as fill and most writers store it, a
// plain decimal within the limits (-1234.5, 0.25, 100), without the
// arithmetic of limit: at most maxDigits digits in all, so nothing is
// rounded, and at most maxDecimals decimals once trailing zeros are
// dropped. It gives what limit gives for such text (trailing zeros
// dropped as trim drops them); ok is false for anything else, which
// Amount reads the general way.
func plainAmount(s string) (decimal.Decimal, bool) {
	body := strings.TrimPrefix(s, "-")
	intPart, frac, dot := strings.Cut(body, ".")
	if intPart == "" || (dot && frac == "") || len(intPart)+len(frac) > maxDigits {
		return decimal.Zero, false
	}
	for i := 0; i < len(intPart); i++ {
		if intPart[i] < '0' || intPart[i] > '9' {
			return decimal.Zero, false
		}
	}
	for i := 0; i < len(frac); i++ {
		if frac[i] < '0' || frac[i] > '9' {
			return decimal.Zero, false
		}
	}
	frac = strings.TrimRight(frac, "0")
	if len(frac) > maxDecimals {
		return decimal.Zero, false
	}
	if strings.Trim(intPart, "0") == "" && frac == "" {
		return decimal.Zero, true
	}
	// At most 15 digits: the coefficient fits an int64, made as
	// decimal.NewFromString makes it of the digits without the point.
	var n int64
	for _, digits := range [2]string{intPart, frac} {
		for i := 0; i < len(digits); i++ {
			n = n*10 + int64(digits[i]-'0')
		}
	}
	if len(body) < len(s) {
		n = -n
	}
	return decimal.New(n, -int32(len(frac))), true
}

var ten = big.NewInt(10)

// trim drops the trailing zeros a rounding leaves (1234.56000000000).
func trim(d decimal.Decimal) decimal.Decimal {
	c, e := d.Coefficient(), d.Exponent()
	var q, m big.Int
	n := 0
	for ; e < 0; e++ {
		q.QuoRem(c, ten, &m)
		if m.Sign() != 0 {
			break
		}
		c.Set(&q)
		n++
	}
	if n == 0 {
		return d
	}
	return decimal.NewFromBigInt(c, e)
}

// Problem is an amount cell whose content cannot be read as an amount.
type Problem struct {
	Sheet string
	Cell  string
	Value string  // the content as stored
	What  Content // what it holds: never Number or Empty
	// Key and Column are the cell's row key ("" in a row that matches
	// none) and column key in a budget table; Column is the field's key
	// in a form.
	Key, Column string
}

// Message says what is wrong and what to do, without the cell's address;
// the value is quoted cut to msg.MaxLen characters.
func (p Problem) Message() *msg.Error {
	v := msg.Cut(p.Value)
	switch p.What {
	case Bool:
		return msg.Errorf("%s is a truth value (TRUE or FALSE), not an amount: type the amount", shownBool(v))
	case ErrorValue:
		return msg.Errorf("%s is an error value, not an amount: correct the formula, or type the amount", v)
	case NumberText:
		return msg.Errorf("%q is a number stored as text: Excel's SUM skips it, so the totals leave it out; convert it to a number (Excel: the green triangle, 转换为数字) or type it again in a cell formatted as a number", v)
	case TooLarge:
		return msg.Errorf("%s is out of range: an amount is below 10^15 万元", v)
	case TooPrecise:
		return msg.Errorf("%s has more than 6 decimals (in 万元, finer than 0.01 元)", v)
	}
	return msg.Errorf("%q is not a number", v)
}

// Error names the cell: "附件4-2!D8: ...".
func (p Problem) Error() string { return p.In(msg.EN) }

// In renders the problem in language l.
func (p Problem) In(l msg.Lang) string {
	return msg.T(l, "%s!%s: %v", p.Sheet, p.Cell, p.Message())
}

func shownBool(v string) string {
	switch strings.ToUpper(strings.TrimSpace(v)) {
	case "1", "TRUE":
		return "TRUE"
	case "0", "FALSE":
		return "FALSE"
	}
	return v
}
