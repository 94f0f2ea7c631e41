package plan

import (
	"math"
	"unicode/utf8"

	"budgetxl/msg"
	"budgetxl/pack"
)

// Line height of the 10-point body font, in points.
const lineHeight = 13.5

// MaxHeight is the tallest row a spreadsheet allows, in points (Excel's
// limit; excelize refuses more).
const MaxHeight = 409.0

// fitHeights sets the height of every header and data row whose text wraps,
// so printed tables show whole labels. It estimates text width the way a
// spreadsheet measures columns: a CJK character is about two digits wide.
// A row whose text needs more than MaxHeight is cut to MaxHeight: the
// returned warnings name the cell, whose text then shows only in part.
func fitHeights(sh *Sheet) []error {
	var warnings []error
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
		var widest *Cell
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
			n := math.Ceil(math.Ceil(textWidth(cell.Text)/math.Max(width-1, 1)) / float64(rows))
			if n > lines {
				lines, widest = n, cell
			}
		}
		if lines <= 1 {
			continue
		}
		h := lines*lineHeight + 3
		if h > MaxHeight {
			warnings = append(warnings, msg.Errorf("%s!%s: the text (%d characters, %q) needs a row %.0f points high, more than the %.0f a spreadsheet allows: the row is %.0f points high and shows the text in part; shorten the text in the dataset",
				sh.Name, widest.Address(), utf8.RuneCountInString(widest.Text), msg.Cut(widest.Text), h, MaxHeight, MaxHeight))
			h = MaxHeight
		}
		sh.Heights[r] = math.Max(sh.Heights[r], h)
	}
	return warnings
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
