package formula

import (
	"math"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func num(s string) Value { return NumberValue(decimal.RequireFromString(s)) }

// testBook returns the cells that evaluation tests refer to. Sheet S:
//
//	A1 1        B1 2.5
//	A2 2        B2 -2.5
//	A3 3        B3 1234.5678
//	A4 "text"
//	A5 TRUE
//	A6 (blank)
//	A7 "3"
//	A8 #DIV/0!
//	A9 0.1
//	A10 0.2
//
// Sheet 附件4-2: C5 10, C6 20, C7 30. Sheet Empty has no cells.
func testBook() *Book {
	b := NewBook()
	set := func(sheet string, col, row int, v Value) { b.SetValue(Addr{sheet, col, row}, v) }
	set("S", 1, 1, num("1"))
	set("S", 1, 2, num("2"))
	set("S", 1, 3, num("3"))
	set("S", 1, 4, StringValue("text"))
	set("S", 1, 5, BoolValue(true))
	set("S", 1, 7, StringValue("3"))
	set("S", 1, 8, ErrorValue(ErrDiv0))
	set("S", 1, 9, num("0.1"))
	set("S", 1, 10, num("0.2"))
	set("S", 2, 1, num("2.5"))
	set("S", 2, 2, num("-2.5"))
	set("S", 2, 3, num("1234.5678"))
	set("附件4-2", 3, 5, num("10"))
	set("附件4-2", 3, 6, num("20"))
	set("附件4-2", 3, 7, num("30"))
	b.AddSheet("Empty")
	return b
}

var (
	vTrue  = BoolValue(true)
	vFalse = BoolValue(false)
	sqrt2  = NumberValue(decimal.NewFromFloat(math.Sqrt2))
)

// evalTests are evaluated in cell S!Z2 of testBook.
var evalTests = []struct {
	src  string
	want Value
}{
	// Arithmetic.
	{"1+2", num("3")},
	{"0.1+0.2", num("0.3")},
	{"A9+A10", num("0.3")},
	{"5-7", num("-2")},
	{"2*3.5", num("7")},
	{"1/4", num("0.25")},
	{"10/4", num("2.5")},
	{"1/3", num("0." + strings.Repeat("3", 33))},
	{"2/3", num("0." + strings.Repeat("6", 32) + "7")},
	{"1/3*3", num("0." + strings.Repeat("9", 33))},
	{"ROUND(1/3*3,10)", num("1")},
	{"1/0", ErrorValue(ErrDiv0)},
	{"0/0", ErrorValue(ErrDiv0)},
	{"A1/A6", ErrorValue(ErrDiv0)},
	{"2^10", num("1024")},
	{"2^-1", num("0.5")},
	{"-2^2", num("4")},
	{"-(2^2)", num("-4")},
	{"2^3^2", num("64")},
	{"1.1^2", num("1.21")},
	{"4^0.5", num("2")},
	{"2^0.5", sqrt2},
	{"0^0", ErrorValue(ErrNum)},
	{"0^-1", ErrorValue(ErrDiv0)},
	{"0^2", num("0")},
	{"(-8)^(1/3)", ErrorValue(ErrNum)},
	{"(-2)^3", num("-8")},
	{"10^400", ErrorValue(ErrNum)},
	{"10^-400", num("0")},
	{"0.1^-400", ErrorValue(ErrNum)},
	{"1E200*1E200", ErrorValue(ErrNum)},
	{"50%", num("0.5")},
	{"A1%", num("0.01")},
	{"2^50%", sqrt2},
	{"-A1", num("-1")},
	{"--A1", num("1")},
	{"+A4", StringValue("text")},
	{"-A4", ErrorValue(ErrValue)},
	{"-A6", num("0")},
	{"A1+A5", num("2")},
	{"TRUE+TRUE", num("2")},
	{"A1+A6", num("1")},
	{"A1+A7", num("4")},
	{"A1+A4", ErrorValue(ErrValue)},
	{`"1.5"+1`, num("2.5")},
	{`" 2 "*2`, num("4")},
	{`"50%"*2`, num("1")},
	{`"1e2"+0`, num("100")},
	{`"-3"+0`, num("-3")},
	// Thousands separators, as LibreOffice reads them in an .xlsx (and
	// Excel in an English or Chinese locale): a comma then exactly 3 digits.
	{`"1,000"+0`, num("1000")},
	{`"1,234.56"+0`, num("1234.56")},
	{`"-1,234,567.5"*1`, num("-1234567.5")},
	{`" +1,234 "+0`, num("1234")},
	{`"1234,567"+0`, num("1234567")},
	{`"0,123"+0`, num("123")},
	{`"1,234e3"+0`, num("1234000")},
	{`"1,234.5%"+0`, num("12.345")},
	{`"1,234."+0`, num("1234")},
	{`"12,34"+0`, ErrorValue(ErrValue)},
	{`"1,234,56"+0`, ErrorValue(ErrValue)},
	{`",123"+0`, ErrorValue(ErrValue)},
	{`"123,"+0`, ErrorValue(ErrValue)},
	{`"-,123"+0`, ErrorValue(ErrValue)},
	{`"1,234.567,8"+0`, ErrorValue(ErrValue)},
	{`"1 234"+0`, ErrorValue(ErrValue)},
	// Error propagation: the left operand's error wins.
	{"A8+1", ErrorValue(ErrDiv0)},
	{"1+A8", ErrorValue(ErrDiv0)},
	{"A4+A8", ErrorValue(ErrValue)},
	{"A8+A4", ErrorValue(ErrDiv0)},
	{"#N/A+1/0", ErrorValue(ErrNA)},
	{"1/0+#N/A", ErrorValue(ErrDiv0)},
	{"#REF!", ErrorValue(ErrRef)},
	{"#NULL!", ErrorValue(ErrNull)},
	{"#NAME?*2", ErrorValue(ErrName)},
	{"Sheet9!#REF!", ErrorValue(ErrRef)},
	// Concatenation.
	{`"a"&"b"`, StringValue("ab")},
	{`"a""b"`, StringValue(`a"b`)},
	{"A1&A4", StringValue("1text")},
	{`A6&"x"`, StringValue("x")},
	{"A5&1", StringValue("TRUE1")},
	{`1/4&""`, StringValue("0.25")},
	{`1/3&""`, StringValue("0.333333333333333")},
	{`2/3&""`, StringValue("0.666666666666667")},
	{`1E15&""`, StringValue("1E+15")},
	{`123456789012345&""`, StringValue("123456789012345")},
	{`1.5E-10&""`, StringValue("1.5E-10")},
	{`-0.001&""`, StringValue("-0.001")},
	{`A8&"x"`, ErrorValue(ErrDiv0)},
	{`"x"&-A4`, ErrorValue(ErrValue)},
	{`A6&""`, StringValue("")},
	// Comparisons.
	{"1<2", vTrue},
	{"2<=2", vTrue},
	{"3>2", vTrue},
	{"2>=3", vFalse},
	{"1=1", vTrue},
	{"1<>1", vFalse},
	{"0.1+0.2=0.3", vTrue},
	{`"a"="A"`, vTrue},
	{`"a"<"B"`, vTrue},
	{`"b">"A"`, vTrue},
	{`"a"<>"A"`, vFalse},
	{`1<"a"`, vTrue},
	{`"z"<TRUE`, vTrue},
	{"FALSE<TRUE", vTrue},
	{`"1"=1`, vFalse},
	{"A6=0", vTrue},
	{`A6=""`, vTrue},
	{"A6=FALSE", vTrue},
	{"A6<1", vTrue},
	{"A6=Empty!A1", vTrue},
	{"1=1=TRUE", vTrue},
	{"A8=1", ErrorValue(ErrDiv0)},
	{"1=A8", ErrorValue(ErrDiv0)},
	// SUM.
	{"SUM(A1:A3)", num("6")},
	{"sum(a1:a3)", num("6")},
	{"_xlfn.SUM(A1)", num("1")},
	{"SUM(A1:A7)", num("6")},
	{"SUM(A1:A10)", ErrorValue(ErrDiv0)},
	{"SUM(A4)", num("0")},
	{"SUM(A7)", num("0")},
	{"SUM(A5)", num("0")},
	{`SUM("3")`, num("3")},
	{"SUM(TRUE)", num("1")},
	{`SUM("a")`, ErrorValue(ErrValue)},
	{"SUM(1,,2)", num("3")},
	{"SUM(A9,A10)", num("0.3")},
	{"SUM(A1:A3,B1)", num("8.5")},
	{"SUM('附件4-2'!C5:C7)", num("60")},
	{"SUM('附件4-2'!$C$5:$C$7)/3", num("20")},
	{"SUM(B:B)", num("1234.5678")},
	{"SUM(A:A)", ErrorValue(ErrDiv0)},
	{"SUM(1:1)", num("3.5")},
	{"SUM(Empty!A:XFD)", num("0")},
	{"SUM(Missing!A1)", ErrorValue(ErrRef)},
	{"SUM(Missing!A1:B2)", ErrorValue(ErrRef)},
	{"Missing!A1", ErrorValue(ErrRef)},
	{"s!A1", num("1")},
	{"'附件4-2'!C5+S!A1", num("11")},
	// ROUND, ROUNDUP, ROUNDDOWN.
	{"ROUND(2.5,0)", num("3")},
	{"ROUND(-2.5,0)", num("-3")},
	{"ROUND(1234.5678,-2)", num("1200")},
	{"ROUND(B3,2)", num("1234.57")},
	{"ROUND(2.345,2)", num("2.35")},
	{"ROUND(-2.345,2)", num("-2.35")},
	{"ROUND(1.005,2)", num("1.01")},
	{"ROUND(0.125,2)", num("0.13")},
	{"ROUND(2.5,)", num("3")},
	{"ROUND(2.567,1.9)", num("2.6")},
	{"ROUND(2.567,-0.5)", num("3")},
	{"ROUND(5,-1)", num("10")},
	{"ROUND(4.9,-1)", num("0")},
	{"ROUND(1,1000)", num("1")},
	{"ROUND(1,-1000)", num("0")},
	{"ROUND(A4,0)", ErrorValue(ErrValue)},
	{"ROUND(A7,0)", num("3")},
	{`ROUND("2.5",0)`, num("3")},
	{"ROUND(A6,0)", num("0")},
	{"ROUND(A8,0)", ErrorValue(ErrDiv0)},
	{"ROUND(1,A8)", ErrorValue(ErrDiv0)},
	{"ROUND(1)", UnknownValue("ROUND takes 2 arguments, got 1")},
	{"ROUNDUP(2.1,0)", num("3")},
	{"ROUNDUP(-2.1,0)", num("-3")},
	{"ROUNDUP(1234.5,-2)", num("1300")},
	{"ROUNDUP(2,0)", num("2")},
	{"ROUNDUP(0.001,2)", num("0.01")},
	{"ROUNDDOWN(2.9,0)", num("2")},
	{"ROUNDDOWN(-2.9,0)", num("-2")},
	{"ROUNDDOWN(1299,-2)", num("1200")},
	{"ROUNDDOWN(3.14159,3)", num("3.141")},
	// ABS.
	{"ABS(-3.5)", num("3.5")},
	{"ABS(3)", num("3")},
	{"ABS(A4)", ErrorValue(ErrValue)},
	{"ABS(A6)", num("0")},
	// IF.
	{"IF(TRUE,1,2)", num("1")},
	{"IF(FALSE,1,2)", num("2")},
	{"IF(FALSE,1)", vFalse},
	{"IF(TRUE,,1)", num("0")},
	{"IF(FALSE,1,)", num("0")},
	{`IF(A1,"y","n")`, StringValue("y")},
	{`IF(A1>0,"正","负")`, StringValue("正")},
	{"IF(A6,1,2)", num("2")},
	{`IF("TRUE",1,2)`, num("1")},
	{`IF("x",1,2)`, ErrorValue(ErrValue)},
	{"IF(A8,1,2)", ErrorValue(ErrDiv0)},
	{"IF(TRUE,1,1/0)", num("1")},
	{"IF(FALSE,VLOOKUP(1),2)", num("2")},
	{"IF(TRUE,A6)", num("0")},
	{"IF(1)", UnknownValue("IF takes 2 to 3 arguments, got 1")},
	// AND, OR, NOT.
	{"AND(TRUE,1)", vTrue},
	{"AND(TRUE,0)", vFalse},
	{"AND(A1:A5)", vTrue},
	{"AND(A4)", ErrorValue(ErrValue)},
	{`AND("x")`, ErrorValue(ErrValue)},
	{`AND("true",1)`, vTrue},
	{"AND(FALSE,1/0)", ErrorValue(ErrDiv0)},
	{"AND(A1:A10)", ErrorValue(ErrDiv0)},
	{"AND()", UnknownValue("AND takes at least 1 arguments, got 0")},
	{"OR(FALSE,0)", vFalse},
	{"OR(FALSE,2)", vTrue},
	{"OR(A4,A6)", ErrorValue(ErrValue)},
	{"OR(A1:A3,FALSE)", vTrue},
	{"NOT(TRUE)", vFalse},
	{"NOT(0)", vTrue},
	{"NOT(A6)", vTrue},
	{`NOT("x")`, ErrorValue(ErrValue)},
	// MIN, MAX.
	{"MIN(A1:A7)", num("1")},
	{"MAX(A1:A7)", num("3")},
	{"MIN(A4:A6)", num("0")},
	{"MAX(B1:B3)", num("1234.5678")},
	{"MIN(B1:B3)", num("-2.5")},
	{"MIN(5,TRUE)", num("1")},
	{`MAX("7",2)`, num("7")},
	{`MAX("x")`, ErrorValue(ErrValue)},
	{"MIN(A8)", ErrorValue(ErrDiv0)},
	{"MAX(-1,-2)", num("-1")},
	{"MAX(A1:A3,10)", num("10")},
	{"MIN(Empty!A:A)", num("0")},
	// IF and IFERROR return references to SUM, MIN, MAX, AND and OR.
	{"MAX(IF(TRUE,A6),-5)", num("-5")},
	{"MAX(IF(TRUE,A4),1)", num("1")},
	{"SUM(IF(TRUE,A1:A3,0))", num("6")},
	{"SUM(IF(FALSE,A1:A3))", num("0")},
	{"SUM(IF(TRUE,,1),2)", num("2")},
	{"SUM(IF(A8,1))", ErrorValue(ErrDiv0)},
	{"SUM(IF(1,IF(0,1,A1:A3)))", num("6")},
	{"SUM(IFERROR(A4,0))", num("0")},
	{"SUM(IFERROR(A8,A1:A2))", num("3")},
	{"SUM(IFERROR(1/0,))", num("0")},
	{`SUM(IFERROR("2",0))`, num("2")},
	{"AND(IF(TRUE,A4),TRUE)", vTrue},
	{"SUM(IF(1,VLOOKUP()))", UnknownValue("unsupported function VLOOKUP")},
	{"SUM(IF(1,2,3,4))", UnknownValue("IF takes 2 to 3 arguments, got 4")},
	// IFERROR.
	{"IFERROR(1/0,5)", num("5")},
	{"IFERROR(1,5)", num("1")},
	{`IFERROR(A8,"bad")`, StringValue("bad")},
	{"IFERROR(#N/A,)", num("0")},
	{"IFERROR(Missing!A1,-1)", num("-1")},
	{"IFERROR(VLOOKUP(1,A:A,1),0)", UnknownValue("unsupported function VLOOKUP")},
	// Unsupported functions and names.
	{"VLOOKUP(1,A:A,1)", UnknownValue("unsupported function VLOOKUP")},
	{"_xlfn.XLOOKUP(1,A:A,B:B)", UnknownValue("unsupported function XLOOKUP")},
	{"MyName+1", UnknownValue("unsupported name MyName")},
	{"1/0+VLOOKUP()", ErrorValue(ErrDiv0)},
	{"VLOOKUP()+1/0", UnknownValue("unsupported function VLOOKUP")},
	{"SUM(A1,NOW())", UnknownValue("unsupported function NOW")},
	// Blanks and implicit intersection (the formula is in Z2).
	{"A6", num("0")},
	{"Empty!A1", num("0")},
	{"A1:A3", num("2")},
	{"B1:B3*2", num("-5")},
	{"A2:A2", num("2")},
	{"A1:C1", ErrorValue(ErrValue)},
	{"Y1:AA1", num("0")},
	{"A1:B3", ErrorValue(ErrValue)},
	{"-A1:A3", num("-2")},
}

func TestEval(t *testing.T) {
	b := testBook()
	at := Addr{Sheet: "S", Col: 26, Row: 2}
	for _, tt := range evalTests {
		f, err := Parse(tt.src)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.src, err)
			continue
		}
		got := f.Eval(b, at)
		if !got.Equal(tt.want) {
			t.Errorf("%s = %s (%s), want %s (%s)", tt.src, got, got.Kind(), tt.want, tt.want.Kind())
		}
		// Without RangeContext, ranges are read cell by cell: same result,
		// except that huge ranges are not scanned.
		want2 := got
		if strings.Contains(tt.src, "A:XFD") {
			want2 = UnknownValue("range Empty!A1:XFD1048576 too large to scan")
		}
		if got2 := f.Eval(cellsOnly{b}, at); !got2.Equal(want2) {
			t.Errorf("%s without RangeContext = %s, want %s", tt.src, got2, want2)
		}
	}
}

// cellsOnly hides the Range method of a Book.
type cellsOnly struct{ b *Book }

func (c cellsOnly) Cell(sheet string, col, row int) Value { return c.b.Cell(sheet, col, row) }

func TestValue(t *testing.T) {
	tests := []struct {
		v    Value
		str  string
		kind Kind
	}{
		{Value{}, "", KindEmpty},
		{num("1.50"), "1.5", KindNumber},
		{num("-0.0012"), "-0.0012", KindNumber},
		{num("1E3"), "1000", KindNumber},
		{StringValue("a"), "a", KindString},
		{BoolValue(true), "TRUE", KindBool},
		{ErrorValue(ErrNA), "#N/A", KindError},
		{UnknownValue("why"), "unknown (why)", KindUnknown},
	}
	for _, tt := range tests {
		if tt.v.String() != tt.str || tt.v.Kind() != tt.kind {
			t.Errorf("%#v: String() = %q, Kind() = %v; want %q, %v", tt.v, tt.v.String(), tt.v.Kind(), tt.str, tt.kind)
		}
	}
	for _, s := range []string{"#DIV/0!", "#ref!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#VALUE!"} {
		c, ok := ParseErrorCode(s)
		if !ok || !strings.EqualFold(c.String(), s) {
			t.Errorf("ParseErrorCode(%q) = %v, %v", s, c, ok)
		}
	}
	if _, ok := ParseErrorCode("#FOO"); ok {
		t.Error("ParseErrorCode(#FOO) succeeded")
	}
}

func TestSignificant(t *testing.T) {
	tests := []struct {
		v    Value
		n    int
		want Value
	}{
		{num("0." + strings.Repeat("9", 33)), 15, num("1")},
		{num("0." + strings.Repeat("3", 33)), 15, num("0.333333333333333")},
		{num("123456.785"), 8, num("123456.79")},
		{num("-123456.785"), 8, num("-123456.79")},
		{num("1234567"), 3, num("1230000")},
		{num("0.00012345"), 2, num("0.00012")},
		{num("12.5"), 15, num("12.5")},
		{StringValue("x"), 15, StringValue("x")},
	}
	for _, tt := range tests {
		if got := tt.v.Significant(tt.n); !got.Equal(tt.want) {
			t.Errorf("%s.Significant(%d) = %s, want %s", tt.v, tt.n, got, tt.want)
		}
	}
}
