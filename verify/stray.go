package verify

import (
	"strings"

	"budgetxl/extract"
	"budgetxl/pack"
	"budgetxl/plan"
)

// maxStray is the most cells outside a table named one by one per sheet;
// the rest are counted in one finding.
const maxStray = 20

// checkStray reports the values a table's sheet holds where the templates
// put nothing: a number typed at Z100, in an empty column right of the
// table, below it, or under a merged title. Nobody checks them and a
// reader may take them for part of the table. Rows already reported as
// stray or repeated, and sheets whose rows differ from the templates, are
// left to those findings; cells far outside any table have theirs
// (structure.far-cells).
func (c *checker) checkStray(t *pack.Table, f *extract.Found, e *plan.Sheet) {
	sh := f.Sheet
	if sh == nil || e == nil || c.moved[sh.Name] {
		return
	}
	var skip []bool // by row
	mark := func(row int) {
		if row >= len(skip) {
			skip = append(skip, make([]bool, row+1-len(skip))...)
		}
		skip[row] = true
	}
	for _, s := range f.Stray {
		if s.Text != "" && s.Row >= 0 {
			mark(s.Row) // structure.row-stray names the row
		}
	}
	for _, s := range f.Duplicates {
		if s.Row >= 0 {
			mark(s.Row)
		}
	}
	// A position inside a range the templates merge reads as the range's
	// top-left cell (see workbook): only a value of its own is stray. The
	// ranges are listed by the rows they cover, so that a cell finds the
	// one it lies in among the few of its row.
	last := 0
	for _, m := range e.Merges {
		last = max(last, m.Row2)
	}
	byRow := make([][]int32, last+1)
	for i, m := range e.Merges {
		for row := max(m.Row1, 0); row <= m.Row2; row++ {
			byRow[row] = append(byRow[row], int32(i))
		}
	}
	covering := func(col, row int) (pack.Range, bool) {
		if row < 0 || row >= len(byRow) {
			return pack.Range{}, false
		}
		for _, i := range byRow[row] {
			m := e.Merges[i]
			if m.Col1 <= col && col <= m.Col2 && (row != m.Row1 || col != m.Col1) {
				return m, true
			}
		}
		return pack.Range{}, false
	}
	var extra []string
	n := 0
	for _, got := range sh.Cells {
		if got.Row >= 0 && got.Row < len(skip) && skip[got.Row] || strings.TrimSpace(got.Value) == "" && got.Formula == "" {
			continue
		}
		if want := e.Cell(got.Col, got.Row); want != nil && (want.Kind != plan.Text || want.Text != "") {
			continue // the templates place something here; the other checks compare it
		}
		if m, ok := covering(got.Col, got.Row); ok {
			if top := sh.At(m.Col1, m.Row1); top != nil && top.Value == got.Value && top.Formula == got.Formula {
				continue
			}
		}
		v := got.Value
		if got.Formula != "" {
			v = "=" + got.Formula
		}
		if n++; n <= maxStray {
			c.finding(Warning, "structure.stray-value", sh.Name, got.Ref, "", v,
				"%s holds %s, outside the table: the templates put nothing there, so no check reads it; delete it, or move it into the table", got.Ref, cut(v, 40))
			continue
		}
		switch {
		case len(extra) < 5:
			extra = append(extra, got.Ref)
		case len(extra) == 5:
			extra = append(extra, "…")
		}
	}
	if n > maxStray {
		c.finding(Warning, "structure.stray-value", sh.Name, extra[0], "", "",
			"%d more cells outside the table hold values: %s", n-maxStray, strings.Join(extra, ", "))
	}
}
