package formula

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// fuzzSeeds are realistic formulas, as our generator writes them and as
// Excel, WPS and LibreOffice write them back, plus some broken ones.
var fuzzSeeds = []string{
	"SUM(C5:C7)",
	"=SUM(C5,C6,C7)",
	"SUM('附件4-2'!C5:C7)",
	"'附件4-2'!C5+'附件4-3'!$D$9",
	"ROUND(SUM(D6:D20)/10000,2)",
	"IF(B5=0,0,ROUND(C5/B5*100,2))",
	"IFERROR(C5/B5-1,\"\")",
	"IF(AND(C5>=0,D5<>\"\"),\"正常\",\"异常\")",
	"_xlfn.IFS(A1>0,1,TRUE,0)",
	"SUM('It''s here'!A1:B2)",
	"Sheet1!A:A",
	"SUM($2:$4)",
	"-2^2+50%",
	"A1&\"元\"&TEXT(B1,\"0.00\")",
	"#REF!+1",
	"SUM(Sheet1!#REF!)",
	"MAX(附件1!C5:C9)-MIN(附件1!C5:C9)",
	"ROUNDUP(ABS(-1.005),2)",
	"IF(A1,,1)",
	"NOT(OR(A1<0,B1>1E3,C1<=.5))",
	"'2024年 预算'!B3*(1+'2024年 预算'!$C$1)",
	"VLOOKUP(A2,'基础数据'!$A$2:$F$500,6,FALSE)",
	"SUM(\n A1,\r\n B1 )",
	"SUM(A1,",
	"'unterminated!A1",
	"\"unterminated",
	"1E999",
	"A1:",
	"{1,2}",
	"((((1))))",
	"1--+-1%%",
	"a1<>b1",
	"TRUE=FALSE",
	"#N/A",
	"XFD1048576+XFE1",
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	book := testBook()
	at := Addr{Sheet: "S", Col: 3, Row: 3}
	f.Fuzz(func(t *testing.T, src string) {
		parsed, err := Parse(src)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse(%q): error %T", src, err)
			}
			if se.Pos < 0 || int(se.Pos) > len(src) || se.Line < 1 || se.Col < 1 {
				t.Fatalf("Parse(%q): bad position %d (%d:%d)", src, se.Pos, se.Line, se.Col)
			}
			_ = se.Excerpt()
			return
		}
		canonical := parsed.String()
		again, err := Parse(canonical)
		if err != nil {
			t.Fatalf("Parse(%q) ok, but its canonical form %q fails: %v", src, canonical, err)
		}
		if got := again.String(); got != canonical {
			t.Fatalf("Parse(%q): canonical form %q reparses as %q", src, canonical, got)
		}
		if parsed.Normalized("S") != again.Normalized("S") {
			t.Fatalf("Parse(%q): normalized forms of source and canonical form differ", src)
		}
		if m, err := Compare(src, canonical, "S"); m != Same || err != nil {
			t.Fatalf("Compare(%q, its canonical form %q) = %d, %v; want Same", src, canonical, m, err)
		}
		// Evaluation and the other walks must not panic either.
		v1 := parsed.Eval(book, at)
		v2 := again.Eval(book, at)
		if !v1.Equal(v2) {
			t.Fatalf("Parse(%q): source evaluates to %s, canonical form %q to %s", src, v1, canonical, v2)
		}
		_ = parsed.Refs("S")
		_ = parsed.Unsupported()
	})
}

// FuzzShape checks the shape cache against Parse: a formula parsed in one
// row, then the same formula moved one row down (each digit run after an
// ASCII letter plus one), must give Parse's tree and error.
func FuzzShape(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, 5)
	}
	f.Add("D11+E11", 11)
	f.Add("SUM(E12:E99)-'附件4-2'!C12", 12)
	f.Fuzz(func(t *testing.T, src string, row int) {
		if row < 1 || row >= MaxRow {
			return
		}
		b := NewBook()
		for i, s := range []string{src, movedDown(src)} {
			got, gotErr := parsed(b, s, row+i)
			want, wantErr := Parse(s)
			if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) || !reflect.DeepEqual(got, want) {
				t.Fatalf("parse(%q, %d) = %v, %v; Parse gives %v, %v", s, row+i, got, gotErr, want, wantErr)
			}
		}
	})
}

// movedDown adds one to each run of digits that follows an ASCII letter.
func movedDown(src string) string {
	var sb strings.Builder
	for i := 0; i < len(src); i++ {
		if !isDigit(src[i]) || i == 0 || !isASCIILetter(src[i-1]) {
			sb.WriteByte(src[i])
			continue
		}
		j := i
		for j < len(src) && isDigit(src[j]) {
			j++
		}
		n, err := strconv.Atoi(src[i:j])
		if err != nil {
			sb.WriteString(src[i:j])
		} else {
			sb.WriteString(strconv.Itoa(n + 1))
		}
		i = j - 1
	}
	return sb.String()
}
