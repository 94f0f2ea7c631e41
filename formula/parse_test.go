package formula

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// parseTests lists formulas with their canonical form, or the exact error
// and caret excerpt they must produce.
var parseTests = []struct {
	src     string
	want    string // canonical String(), if the formula parses
	err     string // exact Error(), if it does not
	excerpt string // exact Excerpt() of the error
}{
	// Numbers.
	{src: "1", want: "1"},
	{src: "=1", want: "1"},
	{src: " = 1 ", want: "1"},
	{src: "123", want: "123"},
	{src: "1.5", want: "1.5"},
	{src: ".5", want: "0.5"},
	{src: "1E3", want: "1000"},
	{src: "1.2e-3", want: "0.0012"},
	{src: "1.2E+3", want: "1200"},
	{src: "1.", want: "1"},
	{src: "1.50", want: "1.5"},
	{src: "0.000", want: "0"},
	{src: "007", want: "7"},
	{src: "1E-400", want: "0"},
	// Strings and booleans.
	{src: `"a""b"`, want: `"a""b"`},
	{src: `""`, want: `""`},
	{src: `"中文 text"`, want: `"中文 text"`},
	{src: "true", want: "TRUE"},
	{src: "False", want: "FALSE"},
	// Error literals.
	{src: "#REF!", want: "#REF!"},
	{src: "#div/0!", want: "#DIV/0!"},
	{src: "#N/A", want: "#N/A"},
	{src: "#NAME?", want: "#NAME?"},
	{src: "#NUM!+#NULL!", want: "#NUM!+#NULL!"},
	{src: "#VALUE!", want: "#VALUE!"},
	{src: "Sheet1!#REF!", want: "#REF!"},
	{src: "SUM(#REF!,'附件1'!#REF!)", want: "SUM(#REF!,#REF!)"},
	// References and ranges.
	{src: "a1", want: "A1"},
	{src: "$A$1", want: "$A$1"},
	{src: "A$1", want: "A$1"},
	{src: "$a1", want: "$A1"},
	{src: "XFD1048576", want: "XFD1048576"},
	{src: "A1:B3", want: "A1:B3"},
	{src: "$C$5:$C$7", want: "$C$5:$C$7"},
	{src: "B3:A1", want: "B3:A1"},
	{src: "a:c", want: "A:C"},
	{src: "$A:$A", want: "$A:$A"},
	{src: "1:3", want: "1:3"},
	{src: "$2:$2", want: "$2:$2"},
	{src: "Sheet1!A1", want: "Sheet1!A1"},
	{src: "'Sheet1'!A1", want: "Sheet1!A1"},
	{src: "'附件4-2'!C5", want: "'附件4-2'!C5"},
	{src: "附件1!C5", want: "附件1!C5"},
	{src: "'附件 1'!C5", want: "'附件 1'!C5"},
	{src: "'It''s here'!A1:B2", want: "'It''s here'!A1:B2"},
	{src: "'2024'!A1", want: "'2024'!A1"},
	{src: "'A1'!B2", want: "'A1'!B2"},
	{src: "'ABC12'!B2", want: "'ABC12'!B2"},
	{src: "ABCD12!B2", want: "ABCD12!B2"},
	{src: "A1!B2", want: "'A1'!B2"},
	{src: "'R1C1'!B2", want: "'R1C1'!B2"},
	{src: "'S'!A1:B2", want: "S!A1:B2"},
	{src: "Sheet1!a:a", want: "Sheet1!A:A"},
	{src: "Sheet1!1:2", want: "Sheet1!1:2"},
	{src: "'My Sheet'!$A$1", want: "'My Sheet'!$A$1"},
	{src: "Data.2024!A1", want: "Data.2024!A1"},
	// Operators and precedence.
	{src: "1+2*3", want: "1+2*3"},
	{src: "(1+2)*3", want: "(1+2)*3"},
	{src: "1+(2*3)", want: "1+2*3"},
	{src: "1-(2-3)", want: "1-(2-3)"},
	{src: "(1-2)-3", want: "1-2-3"},
	{src: "-2^2", want: "-2^2"},
	{src: "(-2)^2", want: "-2^2"},
	{src: "-(2^2)", want: "-(2^2)"},
	{src: "2^3^2", want: "2^3^2"},
	{src: "2^(3^2)", want: "2^(3^2)"},
	{src: "2^-1", want: "2^-1"},
	{src: "50%", want: "50%"},
	{src: "-5%", want: "-5%"},
	{src: "-(5%)", want: "-(5%)"},
	{src: "2^50%", want: "2^50%"},
	{src: "(2^50)%", want: "(2^50)%"},
	{src: "1--1", want: "1--1"},
	{src: "+A1", want: "+A1"},
	{src: `A1&"x"&B1`, want: `A1&"x"&B1`},
	{src: "1=1=TRUE", want: "1=1=TRUE"},
	{src: "1=(1=TRUE)", want: "1=(1=TRUE)"},
	{src: "1<>2", want: "1<>2"},
	{src: "a1 <= b1", want: "A1<=B1"},
	{src: "A1>=B1", want: "A1>=B1"},
	{src: "A1<-1", want: "A1<-1"},
	{src: "1+2&3", want: "1+2&3"},
	{src: "(1&2)+3", want: "(1&2)+3"},
	{src: "1&2=3", want: "1&2=3"},
	{src: "1+\n2", want: "1+2"},
	// Calls.
	{src: "sum(A1:A3)", want: "SUM(A1:A3)"},
	{src: "SUM()", want: "SUM()"},
	{src: "SUM( )", want: "SUM()"},
	{src: "IF(A1,,1)", want: "IF(A1,,1)"},
	{src: "IF( A1 , , 1 )", want: "IF(A1,,1)"},
	{src: "F(,)", want: "F(,)"},
	{src: "SUM((A1))", want: "SUM(A1)"},
	{src: "_xlfn.STDEV.S(A1:A3)", want: "_XLFN.STDEV.S(A1:A3)"},
	{src: "vlookup(A1,B:C,2,FALSE)", want: "VLOOKUP(A1,B:C,2,FALSE)"},
	{src: "=ROUND(SUM('附件4-2'!C5:C7)/3, 2)", want: "ROUND(SUM('附件4-2'!C5:C7)/3,2)"},
	{src: "IFERROR(-A1/B1,0)*100%", want: "IFERROR(-A1/B1,0)*100%"},
	// Names.
	{src: "MyTotal*2", want: "MyTotal*2"},
	{src: "_xlnm.Print_Area", want: "_xlnm.Print_Area"},

	// Errors.
	{src: "SUM(A1,", err: `formula "SUM(A1,": 1:8: unexpected end of formula, expected an argument`,
		excerpt: "SUM(A1,\n       ^"},
	{src: "", err: `formula "": 1:1: unexpected end of formula, expected an operand`, excerpt: "\n^"},
	{src: "=", err: `formula "=": 1:2: unexpected end of formula, expected an operand`, excerpt: "=\n ^"},
	{src: "==1", err: `formula "==1": 1:2: unexpected "=", expected an operand`, excerpt: "==1\n ^"},
	{src: "1+", err: `formula "1+": 1:3: unexpected end of formula, expected an operand`, excerpt: "1+\n  ^"},
	{src: "1 2", err: `formula "1 2": 1:3: unexpected number 2, expected an operator or end of formula`, excerpt: "1 2\n  ^"},
	{src: "(1", err: `formula "(1": 1:3: unexpected end of formula, expected ")"`, excerpt: "(1\n  ^"},
	{src: "SUM(1))", err: `formula "SUM(1))": 1:7: unexpected ")", expected an operator or end of formula`, excerpt: "SUM(1))\n      ^"},
	{src: "IF(A1,1", err: `formula "IF(A1,1": 1:8: unexpected end of formula, expected "," or ")"`, excerpt: "IF(A1,1\n       ^"},
	{src: "SUM(A1 B1)", err: `formula "SUM(A1 B1)": 1:8: unexpected reference B1, expected "," or ")"`, excerpt: "SUM(A1 B1)\n       ^"},
	{src: `"abc`, err: `formula "\"abc": 1:1: unterminated string`, excerpt: "\"abc\n^"},
	{src: "'Sheet1!A1", err: `formula "'Sheet1!A1": 1:1: unterminated quoted sheet name`, excerpt: "'Sheet1!A1\n^"},
	{src: "'Sheet1'A1", err: `formula "'Sheet1'A1": 1:9: expected "!" after quoted sheet name`, excerpt: "'Sheet1'A1\n        ^"},
	{src: "''!A1", err: `formula "''!A1": 1:1: empty sheet name`, excerpt: "''!A1\n^"},
	{src: "Sheet1!", err: `formula "Sheet1!": 1:8: unexpected end of formula, expected a reference after the sheet name`, excerpt: "Sheet1!\n       ^"},
	{src: "Sheet1!SUM(1)", err: `formula "Sheet1!SUM(1)": 1:8: unexpected function SUM, expected a reference after the sheet name`, excerpt: "Sheet1!SUM(1)\n       ^"},
	{src: "1+#FOO!", err: `formula "1+#FOO!": 1:3: unknown error literal "#FOO!"`, excerpt: "1+#FOO!\n  ^"},
	{src: "1E", err: `formula "1E": 1:1: malformed number "1E"`, excerpt: "1E\n^"},
	{src: "2*1E999", err: `formula "2*1E999": 1:3: number out of range "1E999"`, excerpt: "2*1E999\n  ^"},
	{src: "A1:B", err: `formula "A1:B": 1:1: invalid range "A1:B"`, excerpt: "A1:B\n^"},
	{src: "A1:", err: `formula "A1:": 1:1: invalid range "A1:"`, excerpt: "A1:\n^"},
	{src: "1:A", err: `formula "1:A": 1:1: invalid range "1:A"`, excerpt: "1:A\n^"},
	{src: "0:3", err: `formula "0:3": 1:2: unexpected character ":"`, excerpt: "0:3\n ^"},
	{src: "$A", err: `formula "$A": 1:1: invalid reference "$A"`, excerpt: "$A\n^"},
	{src: "$A$1$", err: `formula "$A$1$": 1:1: invalid reference "$A$1$"`, excerpt: "$A$1$\n^"},
	{src: "SUM$(1)", err: `formula "SUM$(1)": 1:1: invalid function name "SUM$"`, excerpt: "SUM$(1)\n^"},
	{src: "1+{1,2}", err: `formula "1+{1,2}": 1:3: unexpected character "{"`, excerpt: "1+{1,2}\n  ^"},
	{src: ":A1", err: `formula ":A1": 1:1: unexpected character ":"`, excerpt: ":A1\n^"},
	{src: "'附件4-2'!C5+", err: `formula "'附件4-2'!C5+": 1:12: unexpected end of formula, expected an operand`,
		excerpt: "'附件4-2'!C5+\n             ^"},
	{src: "SUM(1,\n2,)+", err: `formula "SUM(1,\n2,)+": 2:5: unexpected end of formula, expected an operand`,
		excerpt: "2,)+\n    ^"},
	{src: "1+\t)", err: `formula "1+\t)": 1:4: unexpected ")", expected an operand`, excerpt: "1+\t)\n  \t^"},
	{src: strings.Repeat("-", 300) + "1",
		err:     `formula "` + strings.Repeat("-", 300) + `1": 1:257: formula nested too deeply`,
		excerpt: strings.Repeat("-", 300) + "1\n" + strings.Repeat(" ", 256) + "^"},
}

func TestParse(t *testing.T) {
	for _, tt := range parseTests {
		f, err := Parse(tt.src)
		if tt.err != "" {
			if err == nil {
				t.Errorf("Parse(%q) = %q, want error %q", tt.src, f, tt.err)
				continue
			}
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Errorf("Parse(%q): error %T, want *SyntaxError", tt.src, err)
				continue
			}
			if got := err.Error(); got != tt.err {
				t.Errorf("Parse(%q) error:\n got %s\nwant %s", tt.src, got, tt.err)
			}
			if got := se.Excerpt(); got != tt.excerpt {
				t.Errorf("Parse(%q) excerpt:\n got %q\nwant %q", tt.src, got, tt.excerpt)
			}
			continue
		}
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.src, err)
			continue
		}
		if got := f.String(); got != tt.want {
			t.Errorf("Parse(%q).String() = %q, want %q", tt.src, got, tt.want)
		}
		// The canonical form is a fixed point.
		g, err := Parse(tt.want)
		if err != nil {
			t.Errorf("Parse(%q) (canonical form): %v", tt.want, err)
		} else if g.String() != tt.want {
			t.Errorf("canonical form %q reparses as %q", tt.want, g.String())
		}
	}
}

// TestPositions checks the byte positions recorded in the tree.
func TestPositions(t *testing.T) {
	src := "='附件4-2'!C5 + SUM(A1:B2, -3)"
	f, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	var got []Pos
	walk(f.Root, func(n Node) { got = append(got, n.Position()) })
	var want []Pos
	for _, s := range []string{"+", "'", "SUM", "A1", "-3", "3)"} {
		want = append(want, Pos(strings.Index(src, s)))
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("positions: got %v, want %v", got, want)
	}
}

func TestRefs(t *testing.T) {
	f, err := Parse("'附件4-2'!C5+SUM(a1:B2,$C$3)+Other!A:A+IF(X9,1:2)")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range f.Refs("Main") {
		s := r.Area.String()
		if r.Range {
			s += " range"
		}
		if r.Qualified {
			s += " qualified"
		}
		got = append(got, s)
	}
	want := []string{
		"附件4-2!C5 qualified",
		"Main!A1:B2 range",
		"Main!C3",
		"Other!A1:A1048576 range qualified",
		"Main!X9",
		"Main!A1:XFD2 range",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Refs:\n got %q\nwant %q", got, want)
	}
}

var compareTests = []struct {
	got, want string
	sheet     string
	match     Match
	norm      string // Normalized(sheet) of got, if not empty
}{
	// The same up to spelling.
	{got: "SUM(B6:B8)", want: "SUM(B6:B8)", match: Same},
	{got: "=sum( b6:b8 )", want: "SUM(B6:B8)", match: Same},
	{got: "'Sheet1'!C6", want: "Sheet1!C6", match: Same},
	{got: "_xlfn.SUM(A1)", want: "SUM(A1)", match: Rewritten},
	{got: "(A1+B1)+C1", want: "A1+B1+C1", match: Same},
	{got: "1.50+A1", want: "1.5+A1", match: Same},
	// The same normalized form.
	{got: "SUM(C5:C7)", want: "SUM(C5,C6,C7)", match: Rewritten, norm: "SUM(C5,C6,C7)"},
	{got: "SUM(C5:C7)", want: "SUM(C5:C6,C7)", match: Rewritten},
	{got: "SUM(C7,C5,C6)", want: "SUM(C5:C7)", match: Rewritten, norm: "SUM(C5,C6,C7)"},
	{got: "=sum($C$5:c7)", want: "SUM( C5 , C6 , C7 )", match: Rewritten},
	{got: "$B$6+B7", want: "B6+B7", match: Rewritten},
	{got: "'Sheet1'!A1", want: "sheet1!$A$1", match: Rewritten, norm: "sheet1!A1"},
	{got: "'附件4-2'!A1:B2+1", want: "'附件4-2'!$A$1:$B$2+1", match: Rewritten},
	{got: "SUM('S'!A1:B2)", want: "SUM(S!A1,S!B1,S!A2,S!B2)", match: Rewritten, norm: "SUM(s!A1,s!B1,s!A2,s!B2)"},
	{got: "SUM(B2:A1)", want: "SUM(A1:B2)", match: Rewritten},
	{got: "+A1", want: "A1", match: Rewritten},
	{got: "A1", want: "Sheet1!A1", sheet: "Sheet1", match: Rewritten, norm: "sheet1!A1"},
	{got: "SUM(A1:A3,5)", want: "SUM(5,A3,A2,A1)", match: Rewritten, norm: "SUM(A1,A2,A3,5)"},
	{got: "ROUND(SUM(C5:C6),2)", want: "round(sum(C6,C5),2)", match: Rewritten},
	{got: "SUM(A:A)", want: "SUM(A1:A1048576)", match: Rewritten, norm: "SUM(A1:A1048576)"},
	// Plain sums of the same signed cells.
	{got: "B6+B7+B8", want: "SUM(B6:B8)", match: Rewritten},
	{got: "SUM(B6,B7:B8)", want: "B6+B7+B8", match: Rewritten},
	{got: "B8+SUM(B6,B7)", want: "SUM(B6:B8)", match: Rewritten},
	{got: "SUM(SUM(B6:B7),B8)", want: "SUM(B6:B8)", match: Rewritten},
	{got: "B7+B6", want: "B6+B7", match: Rewritten},
	{got: "A1+(B1+C1)", want: "A1+B1+C1", match: Rewritten},
	{got: "-B6+B7", want: "B7-B6", match: Rewritten},
	{got: "-(B6-B7)", want: "B7-B6", match: Rewritten},
	{got: "B7-(B6)", want: "+B7-B6", match: Rewritten},
	{got: "D5+S!E5", want: "E5+D5", sheet: "S", match: Rewritten},
	{got: "'附件4-2'!C6+'附件4-2'!D6", want: "'附件4-2'!D6+'附件4-2'!C6", match: Rewritten},
	{got: "B6+B6", want: "SUM(B6,B6)", match: Rewritten},
	{got: "D11+E11+0", want: "D11+E11", match: Rewritten},
	{got: "SUM(B6:B8,0)", want: "B6+B7+B8", match: Rewritten},
	{got: "0-B6+0.00", want: "-B6", match: Rewritten},
	// Formulas whose value can differ.
	{got: "B6+B7", want: "SUM(B6:B8)", match: Changed},
	{got: "B6-B7", want: "B7-B6", match: Changed},
	{got: "SUM(B6:B8)*1", want: "SUM(B6:B8)", match: Changed},
	{got: "SUM(B6:B8)", want: "SUM(B6:B7)", match: Changed},
	{got: "SUM(C5:C7)", want: "SUM(C5,C6,C6,C7)", match: Changed},
	{got: "B6+B6", want: "B6", match: Changed},
	{got: "B6+B7-B7", want: "B6", match: Changed},
	{got: "SUM(B6:B8)-B8", want: "B6+B7", match: Changed},
	{got: "B6+1-1", want: "B6", match: Changed},
	{got: "B6*0+B7", want: "B7", match: Changed},
	{got: "B6+0.5", want: "B6", match: Changed},
	{got: "7+B6", want: "B6+7", match: Changed},
	{got: "B6:B8", want: "SUM(B6:B8)", match: Changed},
	{got: "SUM(-B6:B8)", want: "-SUM(B6:B8)", match: Changed},
	{got: "SUM(B6,)", want: "SUM(B6)", match: Changed},
	{got: "B6%+B7", want: "B6+B7", match: Changed},
	{got: "S!B6+B7", want: "B6+B7", sheet: "T", match: Changed},
	{got: "A1", want: "Sheet1!A1", match: Changed},
	{got: "SUM(1,2)", want: "SUM(2,1)", match: Changed},
	{got: "SUM(A:A)+B1", want: "B1+SUM(A:A)", match: Changed},
	{got: `"abc"`, want: `"ABC"`, match: Changed},
}

func TestCompare(t *testing.T) {
	names := map[Match]string{Same: "Same", Rewritten: "Rewritten", Changed: "Changed"}
	for _, tt := range compareTests {
		got, err := Compare(tt.got, tt.want, tt.sheet)
		if err != nil {
			t.Errorf("Compare(%q, %q): %v", tt.got, tt.want, err)
			continue
		}
		if got != tt.match {
			t.Errorf("Compare(%q, %q, %q) = %s, want %s", tt.got, tt.want, tt.sheet, names[got], names[tt.match])
		}
		if back, _ := Compare(tt.want, tt.got, tt.sheet); back != got {
			t.Errorf("Compare(%q, %q, %q) = %s, but the other way round %s", tt.got, tt.want, tt.sheet, names[got], names[back])
		}
		if tt.norm != "" {
			f, _ := Parse(tt.got)
			if n := f.Normalized(tt.sheet); n != tt.norm {
				t.Errorf("Normalized(%q, %q) = %q, want %q", tt.got, tt.sheet, n, tt.norm)
			}
		}
	}
	for _, bad := range [][2]string{{"SUM(A1", "A1"}, {"A1", "SUM(A1"}} {
		m, err := Compare(bad[0], bad[1], "")
		if want := `formula "SUM(A1": 1:7: unexpected end of formula, expected "," or ")"`; err == nil || err.Error() != want || m != Changed {
			t.Errorf("Compare(%q, %q) with a syntax error: got %v, %v, want Changed, %s", bad[0], bad[1], m, err, want)
		}
	}
}

func TestUnsupported(t *testing.T) {
	f, err := Parse("IF(A1,VLOOKUP(A1,B:C,2,FALSE),_xlfn.XLOOKUP(1,A:A,B:B))+ROUND(A1)+MyName+SUM(A1)")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, u := range f.Unsupported() {
		got = append(got, u.Msg+" @"+f.Source[u.Pos:u.Pos+3])
	}
	want := []string{
		"unsupported function VLOOKUP @VLO",
		"unsupported function XLOOKUP @_xl",
		"ROUND takes 2 arguments, got 1 @ROU",
		"unsupported name MyName @MyN",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Unsupported:\n got %q\nwant %q", got, want)
	}
}

// BenchmarkParse parses the shapes of formula that a budget workbook has
// most: sums of a row's columns, of a column's rows, of listed cells.
func BenchmarkParse(b *testing.B) {
	srcs := []string{
		"D11+E11", "SUM(D11:L11)", "SUM(E5:E900)", "'附件4-2'!C7",
		"SUM(E12,E40,E77,E102,E150,E230,E231,E300,E301,E302,E410,E520)",
		"ROUND(SUM('数据'!A1:A100)-'树'!B1/200,2)", "IF(D7=0,0,ROUND(E7/D7*100,2))",
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, src := range srcs {
			if _, err := Parse(src); err != nil {
				b.Fatal(err)
			}
		}
	}
}
