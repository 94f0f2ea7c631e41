package plan_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"budgetxl/dataset"
	"budgetxl/pack"
	"budgetxl/plan"
)

// TestBuildContent: BuildContent plans the cells Build plans, with the
// same kinds, styles, keys, values, formulas, entries and merges, and the
// same texts but for their white space (Fit breaks headers into lines);
// only the print layout is left out, and the cells a form's merged range
// covers but its top-left one (which only print shows: their borders).
// Its blank inputs, which Rows leaves out, are those Sheet.Cell makes.
func TestBuildContent(t *testing.T) {
	for _, sample := range []string{"demo-2025", "qijiang-shebao-2025"} {
		dir := filepath.Join("..", "samples", sample)
		p, d, err := dataset.Open(dir, filepath.Join("..", "templates"))
		if err != nil {
			t.Fatal(err)
		}
		full, err := plan.Build(p, d)
		if err != nil {
			t.Fatal(err)
		}
		content, err := plan.BuildContent(p, d)
		if err != nil {
			t.Fatal(err)
		}
		if g, w := contentDump(content), contentDump(full); g != w {
			t.Errorf("%s: BuildContent gives\n%s\nBuild\n%s", sample, g, w)
		}
		if len(full.Sheets) == 0 || contentDump(full) == "" {
			t.Fatalf("%s: nothing planned", sample)
		}
		blanks := 0
		for _, sh := range content.Sheets {
			before := blanks
			for r, row := range sh.Rows {
				for col, c := range row {
					if !sh.BlankInput(col+1, r+1) {
						continue
					}
					blanks++
					want := full.Sheets[0].Cell(1, 1)
					for _, fs := range full.Sheets {
						if fs.Name == sh.Name {
							want = fs.Cell(col+1, r+1)
						}
					}
					got := content.Lookup(sh.Table.ID, want.Key, want.Column)
					switch {
					case c != nil:
						t.Errorf("%s: %s!%s is a blank input in Rows", sample, sh.Name, want.Address())
					case got == nil || got.Address() != want.Address() || !got.Blank:
						t.Errorf("%s: Lookup(%s, %s, %s) = %+v, want the blank input at %s", sample, sh.Table.ID, want.Key, want.Column, got, want.Address())
					}
				}
			}
			if sh.BlankInputs() != (blanks > before) {
				t.Errorf("%s: %s BlankInputs() = %v, with %d blank inputs", sample, sh.Name, sh.BlankInputs(), blanks-before)
			}
		}
		if blanks == 0 {
			t.Errorf("%s: BuildContent left no blank input out of Rows", sample)
		}
		for i, sh := range content.Sheets {
			if sh.Pages != 0 || sh.FitPage {
				t.Errorf("%s: %s is laid out for print", sample, sh.Name)
			}
			if full.Sheets[i].Pages == 0 {
				t.Errorf("%s: Build did not lay %s out for print", sample, sh.Name)
			}
		}
	}
}

// contentDump writes every cell of the book but its print layout.
func contentDump(b *plan.Book) string {
	var sb strings.Builder
	for _, sh := range b.Sheets {
		fmt.Fprintf(&sb, "%s merges %v\n", sh.Name, sh.Merges)
		for r, row := range sh.Rows {
			for col := range row {
				c := sh.Cell(col+1, r+1) // BuildContent's blank inputs too
				if c == nil || sh.Table.Kind == pack.KindForm && covered(sh, c) {
					continue
				}
				text := strings.Join(strings.Fields(c.Text), "")
				declared := ""
				if c.Declared != nil {
					declared = c.Declared.Text
				}
				fmt.Fprintf(&sb, "%s %d %d %q %s %s %s %v %s %d", c.Address(), c.Kind, c.Style, text, c.Key, c.Column, c.Value, c.Blank, declared, c.Parts)
				if c.Formula != nil {
					fmt.Fprintf(&sb, " =%s", c.Formula.Text())
				}
				if c.Entry != nil {
					fmt.Fprintf(&sb, " %+v", *c.Entry)
				}
				sb.WriteByte('\n')
			}
		}
	}
	return sb.String()
}

// covered reports whether a merged range of sh covers c but does not
// start at it.
func covered(sh *plan.Sheet, c *plan.Cell) bool {
	for _, m := range sh.Merges {
		if col, row := int(c.Col), int(c.Row); m.Col1 <= col && col <= m.Col2 && m.Row1 <= row && row <= m.Row2 && (col != m.Col1 || row != m.Row1) {
			return true
		}
	}
	return false
}

func TestExpand(t *testing.T) {
	u := dataset.Unit{Name: "某单位", Code: "101", Department: "某部门", Year: 2025}
	for _, tt := range []struct{ in, want string }{
		{"", ""},
		{"单位：万元", "单位：万元"},
		{"{unit}{year}年部门预算", "某单位2025年部门预算"},
		{"{department}/{unit_code}/{unit}", "某部门/101/某单位"},
		{"{name} {unit", "{name} {unit"},
		{"{{unit}}", "{某单位}"},
	} {
		if got := plan.Expand(tt.in, u); got != tt.want {
			t.Errorf("Expand(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
