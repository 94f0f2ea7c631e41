package plan

import (
	"math"
	"unicode/utf8"

	"budgetxl/pack"
)

// Line height of the 10-point body font, in points.
const lineHeight = 13.5

// fitHeights sets the height of every header and data row whose text wraps,
// so printed tables show whole labels. It estimates text width the way a
// spreadsheet measures columns: a CJK character is about two digits wide.
func fitHeights(sh *Sheet) {
	span := map[[2]int]pack.Range{} // top-left cell of each merge → its range
	covered := map[[2]int]bool{}
	for _, m := range sh.Merges {
		span[[2]int{m.Col1, m.Row1}] = m
		for r := m.Row1; r <= m.Row2; r++ {
			for c := m.Col1; c <= m.Col2; c++ {
				if r != m.Row1 || c != m.Col1 {
					covered[[2]int{c, r}] = true
				}
			}
		}
	}
	for r := sh.HeaderFirst; r <= len(sh.Rows); r++ {
		lines := 1.0
		for c := 1; c <= len(sh.Rows[r-1]); c++ {
			cell := sh.Cell(c, r)
			if cell == nil || cell.Kind != Text || cell.Text == "" || covered[[2]int{c, r}] {
				continue
			}
			width, rows := sh.Widths[c-1], 1
			if m, ok := span[[2]int{c, r}]; ok {
				width = 0
				for x := m.Col1; x <= m.Col2; x++ {
					width += sh.Widths[x-1]
				}
				rows = m.Row2 - m.Row1 + 1
			}
			n := math.Ceil(textWidth(cell.Text)/math.Max(width-1, 1)) / float64(rows)
			lines = math.Max(lines, math.Ceil(n))
		}
		if lines > 1 {
			sh.Heights[r] = math.Max(sh.Heights[r], lines*lineHeight+3)
		}
	}
}

// textWidth estimates the width of s in digit widths.
func textWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		if utf8.RuneLen(r) > 1 {
			w += 2
		} else {
			w += 1.1
		}
	}
	return w
}
