package pack

import (
	"reflect"
	"testing"
)

func TestParseExpr(t *testing.T) {
	tests := []struct {
		src   string
		terms []Term // when the formula is valid
		err   string // when it is not
	}{
		{src: "{basic}", terms: []Term{{Key: "basic"}}},
		{src: "{basic} + {project}", terms: []Term{{Key: "basic"}, {Key: "project", Pos: 10}}},
		{src: "{a}+{b}-{c}", terms: []Term{{Key: "a"}, {Key: "b", Pos: 4}, {Neg: true, Key: "c", Pos: 8}}},
		{src: "  { a }\t-\t{b} ", terms: []Term{{Key: "a", Pos: 2}, {Neg: true, Key: "b", Pos: 10}}},
		{src: "tree", terms: []Term{{Tree: true}}},
		{src: "tree - {carry}", terms: []Term{{Tree: true}, {Neg: true, Key: "carry", Pos: 7}}},
		{src: "{this_year} + tree", terms: []Term{{Key: "this_year"}, {Tree: true, Pos: 14}}},

		{src: "", err: `"": column 1: expected {key} or tree at the end`},
		{src: "   ", err: `"   ": column 4: expected {key} or tree at the end`},
		{src: "{a} +", err: `"{a} +": column 6: expected {key} or tree at the end`},
		{src: "{a} + + {b}", err: `"{a} + + {b}": column 7: expected {key} or tree`},
		{src: "-{a}", err: `"-{a}": column 1: expected {key} or tree`},
		{src: "basic + {b}", err: `"basic + {b}": column 1: expected {key} or tree`},
		{src: "{a} {b}", err: `"{a} {b}": column 5: expected + or -`},
		{src: "{a} * {b}", err: `"{a} * {b}": column 5: expected + or -`},
		{src: "trees", err: `"trees": column 5: expected + or -`},
		{src: "{a} + {b", err: `"{a} + {b": column 7: unclosed {`},
		{src: "{a} + { }", err: `"{a} + { }": column 7: empty {}`},
		// Columns count characters, not bytes: a full-width plus is column 5.
		{src: "{甲} ＋ {乙}", err: `"{甲} ＋ {乙}": column 5: expected + or -`},
	}
	for _, tt := range tests {
		e, err := ParseExpr(tt.src)
		if tt.err != "" {
			if err == nil {
				t.Errorf("ParseExpr(%q) = %+v, want error %s", tt.src, e.Terms, tt.err)
			} else if err.Error() != tt.err {
				t.Errorf("ParseExpr(%q) error:\n%s\nwant:\n%s", tt.src, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseExpr(%q): %v", tt.src, err)
			continue
		}
		if e.Src != tt.src {
			t.Errorf("ParseExpr(%q).Src = %q", tt.src, e.Src)
		}
		if !reflect.DeepEqual(e.Terms, tt.terms) {
			t.Errorf("ParseExpr(%q).Terms =\n%+v\nwant\n%+v", tt.src, e.Terms, tt.terms)
		}
	}
}
