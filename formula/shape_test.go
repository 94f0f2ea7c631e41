package formula

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// TestShapeIsParse parses formulas of many rows through a Book's shape
// cache and checks that each tree is the one Parse gives.
func TestShapeIsParse(t *testing.T) {
	// Each template's {0} is the formula's row, {N} the row N below.
	templates := []struct {
		src    string
		cached bool // a shape the cache keeps
	}{
		{"D{0}+E{0}", true},
		{"=SUM(D{0}:L{0})", true},
		{"SUM(E{1}:E{50})-ROUND(F{0}*2,2)", true},
		{"sum(e{1},E{3} , $E{7},E$9)", true},
		{"'附件4-2'!C{0}+C{0}%", true},
		{"IF(D{0}=0,\"\",-D{0}/2)", true},
		{"SUM(A:A)+B{0}", true},
		{"Sheet1!A{0}", false},
		{"\"A{0}\"&B{0}", false},
		{"LOG10(A{0})", false},
		{"1E5+A{0}", false},
		{"SUM(3:4)+A{0}", false},
		{"A{0}B{0}", false},
		{"SUM(A{0}:", false},
	}
	b := NewBook()
	for _, tc := range templates {
		for _, row := range []int{1, 2, 8, 9, 10, 11, 99, 100, 101, 999, 1000} {
			src := atRow(tc.src, row)
			got, gotErr := b.parse(src, row)
			want, wantErr := Parse(src)
			if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
				t.Errorf("%s at row %d: error %v, want %v", src, row, gotErr, wantErr)
				continue
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s at row %d: %#v, want %#v", src, row, got.Root, want.Root)
			}
		}
		key, _ := shapeKey(nil, atRow(tc.src, 1), 1) // the first row parsed
		if _, ok := b.shapes[string(key)]; ok != tc.cached {
			t.Errorf("%s: cached %v, want %v", tc.src, ok, tc.cached)
		}
	}
}

// atRow is a template of TestShapeIsParse for a formula in row row.
func atRow(template string, row int) string {
	for k := 50; k >= 0; k-- {
		template = strings.ReplaceAll(template, fmt.Sprintf("{%d}", k), fmt.Sprint(row+k))
	}
	return template
}

// TestShapeRowsInRange checks that a shape is not used for rows a
// reference cannot have: row 0, leading zeros, beyond MaxRow.
func TestShapeRowsInRange(t *testing.T) {
	b := NewBook()
	for _, c := range []struct {
		src string
		row int
	}{{"A2+B2", 2}, {"A1+B1", 1}, {"A0+B0", 0}, {"A01+B01", 1}, {"A1048577+B1048577", 1048577}} {
		got, gotErr := b.parse(c.src, c.row)
		want, wantErr := Parse(c.src)
		if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) || !reflect.DeepEqual(got, want) {
			t.Errorf("%s at row %d: %v, %v; want %v, %v", c.src, c.row, got, gotErr, want, wantErr)
		}
	}
}
