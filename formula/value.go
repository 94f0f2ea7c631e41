package formula

import (
	"math/big"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Kind is the type of a Value.
type Kind uint8

// The kinds of Value. The zero Value is KindEmpty.
const (
	KindEmpty   Kind = iota // a blank cell, or an omitted argument
	KindNumber              // a decimal number
	KindString              // text
	KindBool                // TRUE or FALSE
	KindError               // an Excel error such as #DIV/0!
	KindUnknown             // a value this package cannot compute (see UnknownValue)
)

var kindNames = [...]string{"empty", "number", "string", "boolean", "error", "unknown"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(?)"
}

// ErrorCode is one of Excel's error values.
type ErrorCode uint8

// The Excel error values. The zero ErrorCode is not a valid code.
const (
	ErrNull  ErrorCode = iota + 1 // #NULL!
	ErrDiv0                       // #DIV/0!
	ErrValue                      // #VALUE!
	ErrRef                        // #REF!
	ErrName                       // #NAME?
	ErrNum                        // #NUM!
	ErrNA                         // #N/A
)

var errorNames = [...]string{
	ErrNull:  "#NULL!",
	ErrDiv0:  "#DIV/0!",
	ErrValue: "#VALUE!",
	ErrRef:   "#REF!",
	ErrName:  "#NAME?",
	ErrNum:   "#NUM!",
	ErrNA:    "#N/A",
}

// String returns the code as Excel writes it, e.g. "#DIV/0!".
func (c ErrorCode) String() string {
	if c > 0 && int(c) < len(errorNames) {
		return errorNames[c]
	}
	return "#ERROR?"
}

// ParseErrorCode recognizes an Excel error literal such as "#REF!"
// (case-insensitive), as found in a formula or in a cell's cached value.
func ParseErrorCode(s string) (ErrorCode, bool) {
	for c := ErrNull; int(c) < len(errorNames); c++ {
		if strings.EqualFold(s, errorNames[c]) {
			return c, true
		}
	}
	return 0, false
}

// Value is the value of a cell or of an expression. Values are immutable;
// build them with NumberValue, StringValue, BoolValue, ErrorValue and
// UnknownValue. The zero Value is the empty value of a blank cell.
type Value struct {
	kind Kind
	code ErrorCode
	b    bool
	num  decimal.Decimal
	str  string // text of a string, reason of an unknown value
}

// NumberValue returns a number.
func NumberValue(d decimal.Decimal) Value { return Value{kind: KindNumber, num: d} }

// PlainNumber reads the way a workbook mostly stores a number, digits
// with an optional sign and point and at most 18 digits, as
// decimal.NewFromString reads it (the digits without the point, and as
// many decimal places as it has); ok is false for anything else.
func PlainNumber(s string) (decimal.Decimal, bool) {
	coef, exp, ok := PlainParts(s)
	if !ok {
		return decimal.Decimal{}, false
	}
	return decimal.New(coef, exp), true
}

// PlainParts is PlainNumber without making the decimal: its coefficient
// and exponent.
func PlainParts(s string) (coef int64, exp int32, ok bool) {
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	digits, places, point := 0, 0, false
	for i := 0; i < len(s); i++ {
		switch ch := s[i]; {
		case ch >= '0' && ch <= '9':
			coef = coef*10 + int64(ch-'0')
			digits++
			if point {
				places++
			}
		case ch == '.' && !point:
			point = true
		default:
			return 0, 0, false
		}
	}
	if digits == 0 || digits > 18 || point && places == 0 || s[0] == '.' {
		return 0, 0, false
	}
	if neg {
		coef = -coef
	}
	return coef, -int32(places), true
}

// StoredNumber returns the number a workbook stores as s, as PlainNumber
// reads it, keeping s until a method asks for the number: a formula's
// cached value is mostly only compared with what the formula gives
// (Stored), which needs no decimal. ok is false for s that PlainNumber
// does not read.
func StoredNumber(s string) (Value, bool) {
	if _, _, ok := PlainParts(s); !ok {
		return Value{}, false
	}
	return Value{kind: KindNumber, str: s}, true
}

// Stored returns the text of a StoredNumber value, and whether v is one.
func (v Value) Stored() (string, bool) { return v.str, v.kind == KindNumber && v.str != "" }

// StringValue returns a text value.
func StringValue(s string) Value { return Value{kind: KindString, str: s} }

// BoolValue returns TRUE or FALSE.
func BoolValue(b bool) Value { return Value{kind: KindBool, b: b} }

// ErrorValue returns an Excel error value.
func ErrorValue(c ErrorCode) Value { return Value{kind: KindError, code: c} }

// UnknownValue returns a value that cannot be computed here, e.g. the
// result of an unsupported function or of a circular reference. Unknown
// values propagate through every operator and function like errors do,
// but IFERROR does not catch them: the true result is not known.
func UnknownValue(reason string) Value { return Value{kind: KindUnknown, str: reason} }

// Kind reports the type of v.
func (v Value) Kind() Kind { return v.kind }

// Number returns the number of a KindNumber value, and zero otherwise.
func (v Value) Number() decimal.Decimal {
	if v.str != "" && v.kind == KindNumber { // a StoredNumber, read when asked
		d, _ := PlainNumber(v.str)
		return d
	}
	return v.num
}

// Text returns the text of a KindString value, the reason of a
// KindUnknown value, and "" otherwise.
func (v Value) Text() string {
	if v.kind != KindString && v.kind != KindUnknown {
		return "" // a StoredNumber keeps its digits in str
	}
	return v.str
}

// Bool returns the truth of a KindBool value, and false otherwise.
func (v Value) Bool() bool { return v.b }

// Code returns the error of a KindError value, and zero otherwise.
func (v Value) Code() ErrorCode { return v.code }

// IsEmpty reports whether v is the empty value.
func (v Value) IsEmpty() bool { return v.kind == KindEmpty }

// failed reports whether v is an error or an unknown value, which
// operators and functions propagate.
func (v Value) failed() bool { return v.kind == KindError || v.kind == KindUnknown }

// Equal reports whether v and w are the same value: numbers compare by
// value (1.50 equals 1.5), strings exactly.
func (v Value) Equal(w Value) bool {
	if v.kind != w.kind {
		return false
	}
	switch v.kind {
	case KindNumber:
		return v.Number().Cmp(w.Number()) == 0
	case KindString, KindUnknown:
		return v.str == w.str
	case KindBool:
		return v.b == w.b
	case KindError:
		return v.code == w.code
	}
	return true
}

// Significant returns v with a number rounded (half away from zero) to n
// significant digits; other values are returned as they are. Excel keeps
// 15 significant digits, so comparing Significant(15) of a computed value
// with that of a cached one ignores differences such as 1/3*3 being
// 0.999… here (Precision digits) and 1 in Excel.
func (v Value) Significant(n int) Value {
	if v.kind != KindNumber || v.Number().IsZero() || n <= 0 || v.Number().NumDigits() <= n {
		return v
	}
	return NumberValue(v.Number().Round(int32(n - magnitude(v.Number()))))
}

// String returns v for display: a number in plain decimal notation without
// trailing zeros, text as is, TRUE/FALSE, an error code, "" for empty and
// "unknown (reason)" for an unknown value.
func (v Value) String() string {
	switch v.kind {
	case KindNumber:
		return formatDecimal(v.Number())
	case KindString:
		return v.str
	case KindBool:
		if v.b {
			return "TRUE"
		}
		return "FALSE"
	case KindError:
		return v.code.String()
	case KindUnknown:
		return "unknown (" + v.str + ")"
	}
	return ""
}

// formatDecimal writes d in plain notation without trailing zeros. It does
// not depend on the decimal package's global formatting options.
func formatDecimal(d decimal.Decimal) string {
	coef := d.Coefficient()
	exp := int(d.Exponent())
	if coef.Sign() == 0 {
		return "0"
	}
	digits := new(big.Int).Abs(coef).String()
	// Trim trailing zeros of the coefficient into the exponent.
	n := len(digits)
	for n > 1 && digits[n-1] == '0' {
		n--
		exp++
	}
	digits = digits[:n]
	var sb strings.Builder
	if coef.Sign() < 0 {
		sb.WriteByte('-')
	}
	switch {
	case exp >= 0:
		sb.WriteString(digits)
		for i := 0; i < exp; i++ {
			sb.WriteByte('0')
		}
	case -exp < len(digits):
		sb.WriteString(digits[:len(digits)+exp])
		sb.WriteByte('.')
		sb.WriteString(digits[len(digits)+exp:])
	default:
		sb.WriteString("0.")
		for i := 0; i < -exp-len(digits); i++ {
			sb.WriteByte('0')
		}
		sb.WriteString(digits)
	}
	return sb.String()
}

// Limits of numbers. Excel's numbers are IEEE doubles; this package keeps
// exact decimals but applies the same range.
const (
	// Precision is the number of significant digits kept by division, by
	// non-integer results of ^, and by any result that would otherwise
	// need more digits than this. Sums, differences and products of
	// amounts (at most 17 significant digits) are always exact.
	Precision = 34
	// maxMagnitude: results whose absolute value reaches 10^maxMagnitude
	// are #NUM!, like Excel's overflow of doubles.
	maxMagnitude = 308
	// minMagnitude: numbers smaller than 10^minMagnitude are zero.
	minMagnitude = -330
)

// magnitude returns the number of digits before the decimal point of a
// non-zero d, i.e. floor(log10(|d|))+1; it is <= 0 for |d| < 1.
func magnitude(d decimal.Decimal) int {
	return d.NumDigits() + int(d.Exponent())
}

// normalize applies the limits above to an arithmetic result: it is
// rounded to Precision significant digits, #NUM! if too large, zero if
// too small.
func normalize(d decimal.Decimal) Value {
	if d.IsZero() {
		return NumberValue(decimal.Zero)
	}
	nd := d.NumDigits()
	mag := nd + int(d.Exponent())
	if mag > maxMagnitude {
		return ErrorValue(ErrNum)
	}
	if mag < minMagnitude {
		return NumberValue(decimal.Zero)
	}
	if nd > Precision {
		d = d.Round(int32(Precision - mag))
		if magnitude(d) > maxMagnitude {
			return ErrorValue(ErrNum)
		}
	}
	return NumberValue(d)
}

// parseNumberText converts text to a number the way Excel coerces a string
// in arithmetic: optional spaces, an optional sign, digits with an optional
// decimal point and exponent, and an optional trailing percent sign. The
// digits before the point may be grouped by commas, as Excel and
// LibreOffice read "1,234.56" (each comma followed by exactly 3 digits:
// "1234,567" is 1234567, "12,34" is no number). Dates, times and currency
// symbols are not recognized.
func parseNumberText(s string) (decimal.Decimal, bool) {
	s = strings.TrimSpace(s)
	percent := false
	if strings.HasSuffix(s, "%") {
		percent = true
		s = strings.TrimSpace(s[:len(s)-1])
	}
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if strings.Contains(s, ",") {
		var ok bool
		if s, ok = ungroup(s); !ok {
			return decimal.Decimal{}, false
		}
	}
	d, n, err := scanNumber(s)
	if err != "" || n != len(s) || n == 0 {
		return decimal.Decimal{}, false
	}
	if percent {
		d = d.Shift(-2)
	}
	if neg {
		d = d.Neg()
	}
	return d, true
}

// ungroup removes the thousands separators of the digits that begin s:
// digits, then groups of a comma and exactly 3 digits. ok is false when a
// comma stands anywhere else.
func ungroup(s string) (string, bool) {
	end := strings.IndexFunc(s, func(r rune) bool { return r != ',' && (r < '0' || r > '9') })
	if end < 0 {
		end = len(s)
	}
	groups := strings.Split(s[:end], ",")
	if groups[0] == "" || strings.Contains(s[end:], ",") {
		return "", false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return "", false
		}
	}
	return strings.Join(groups, "") + s[end:], true
}

// scanNumber scans an unsigned number literal at the start of s: digits,
// an optional '.', more digits, and an optional exponent. It returns the
// value, the number of bytes used, and a non-empty message if the literal
// is malformed or out of range. n is 0 if s does not start with a number.
func scanNumber(s string) (d decimal.Decimal, n int, msg string) {
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	intPart := s[:i]
	frac := ""
	if i < len(s) && s[i] == '.' {
		j := i + 1
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		frac = s[i+1 : j]
		if intPart == "" && frac == "" {
			return d, 0, ""
		}
		i = j
	}
	if intPart == "" && frac == "" {
		return d, 0, ""
	}
	exp := 0
	expOverflow := false
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		neg := false
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			neg = s[j] == '-'
			j++
		}
		k := j
		for k < len(s) && isDigit(s[k]) {
			if exp < 1e6 {
				exp = exp*10 + int(s[k]-'0')
			} else {
				expOverflow = true
			}
			k++
		}
		if k == j {
			return d, k, "malformed number"
		}
		if neg {
			exp = -exp
		}
		i = k
	}
	digits := strings.TrimLeft(intPart+frac, "0")
	if digits == "" {
		return decimal.Zero, i, ""
	}
	exp -= len(frac)
	mag := len(digits) + exp
	if (expOverflow && exp > 0) || mag > maxMagnitude {
		return d, i, "number out of range"
	}
	if expOverflow || mag < minMagnitude {
		return decimal.Zero, i, ""
	}
	coef, _ := new(big.Int).SetString(digits, 10)
	return decimal.NewFromBigInt(coef, int32(exp)), i, ""
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// toNumber coerces v to a number as arithmetic operators do: empty is 0,
// TRUE is 1, FALSE is 0, text must look like a number. If v cannot be
// coerced, the returned Value is the error (or unknown value) to return.
func toNumber(v Value) (decimal.Decimal, Value, bool) {
	switch v.kind {
	case KindNumber:
		return v.Number(), Value{}, true
	case KindEmpty:
		return decimal.Zero, Value{}, true
	case KindBool:
		if v.b {
			return decimal.NewFromInt(1), Value{}, true
		}
		return decimal.Zero, Value{}, true
	case KindString:
		if d, ok := parseNumberText(v.str); ok {
			return d, Value{}, true
		}
		return decimal.Zero, ErrorValue(ErrValue), false
	}
	return decimal.Zero, v, false
}

// toBool coerces v to a truth value as IF, AND, OR and NOT do: numbers are
// TRUE unless zero, empty is FALSE, text must be "TRUE" or "FALSE".
func toBool(v Value) (bool, Value, bool) {
	switch v.kind {
	case KindBool:
		return v.b, Value{}, true
	case KindNumber:
		return !v.Number().IsZero(), Value{}, true
	case KindEmpty:
		return false, Value{}, true
	case KindString:
		switch {
		case strings.EqualFold(v.str, "TRUE"):
			return true, Value{}, true
		case strings.EqualFold(v.str, "FALSE"):
			return false, Value{}, true
		}
		return false, ErrorValue(ErrValue), false
	}
	return false, v, false
}

// toText converts v to text as the & operator does. Numbers are written
// like Excel's General format: at most 15 significant digits, in
// scientific notation when very large or very small.
func toText(v Value) (string, Value, bool) {
	switch v.kind {
	case KindString:
		return v.str, Value{}, true
	case KindEmpty:
		return "", Value{}, true
	case KindBool:
		if v.b {
			return "TRUE", Value{}, true
		}
		return "FALSE", Value{}, true
	case KindNumber:
		return generalFormat(v.Number()), Value{}, true
	}
	return "", v, false
}

// generalFormat formats d with at most 15 significant digits, as Excel
// converts a number to text; it uses scientific notation (1E+15, 1E-10)
// when the plain form would need more than 15 digits before the point or
// more than 9 zeros after it. This approximates Excel closely enough for
// the integers and amounts found in budgets.
func generalFormat(d decimal.Decimal) string {
	if d.IsZero() {
		return "0"
	}
	if nd := d.NumDigits(); nd > 15 {
		d = d.Round(int32(15 - magnitude(d)))
	}
	mag := magnitude(d)
	if mag <= 15 && mag > -9 {
		return formatDecimal(d)
	}
	// Scientific: mantissa with one digit before the point.
	m := d.Shift(int32(1 - mag))
	s := formatDecimal(m) + "E"
	if mag-1 >= 0 {
		s += "+"
	} else {
		s += "-"
	}
	e := mag - 1
	if e < 0 {
		e = -e
	}
	return s + strconv.Itoa(e)
}
