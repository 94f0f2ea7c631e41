package plan

import (
	"maps"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"budgetxl/msg"
)

// MaxHeight is the tallest row a spreadsheet allows, in points (Excel's
// limit; excelize refuses more).
const MaxHeight = 409.0

// fitText makes a sheet's printed text whole once its cells are planned:
// amount columns as wide as their widest value, the texts of headers (and
// of forms' labels) broken into even lines, no character left alone on a
// last line (see Balance), and every
// row as tall as its text needs. Text is measured as the spreadsheet
// sets it (see TextWidth). A row whose text needs more than MaxHeight is
// cut to MaxHeight: the returned warnings name the cell, whose text then
// shows only in part.
func fitText(sh *Sheet) []error {
	merges := newMergeIndex(sh)
	if sh.Table.Kind == "" {
		widenAmounts(sh, &merges)
	}
	type balanced struct {
		text  string
		width float64
	}
	type evenText struct {
		text  string
		lines int
	}
	even := map[balanced]evenText{}         // header texts broken into even lines, and their number
	need := make([]float64, len(sh.Rows)+1) // by row number
	who := make([]*Cell, len(sh.Rows)+1)    // the cell that needs it
	type tall struct {
		first, last int
		height      float64
		cell        *Cell
	}
	var spans []tall // cells of several rows
	for r := 1; r <= len(sh.Rows); r++ {
		need[r] = RowHeight(1, SizeBody)
		for c := 1; c <= len(sh.Rows[r-1]); c++ {
			cell := sh.Cell(c, r)
			if cell == nil || merges.covered[merges.at(c, r)] {
				continue
			}
			w, last := sh.Widths[c-1], r
			if i, ok := merges.topLeft(c, r); ok {
				m := sh.Merges[i]
				w, last = 0, m.Row2
				for x := m.Col1; x <= m.Col2; x++ {
					w += sh.Widths[x-1]
				}
			}
			size, lines := SizeBody, 1
			if cell.Style == StyleTitle {
				size = SizeTitle
			}
			if cell.Kind == Text && cell.Text != "" && wraps(cell.Style) {
				if cell.Style == StyleHeader { // a table's header, a form's labels: the same in every record
					key := balanced{cell.Text, w}
					e, ok := even[key]
					if !ok {
						e.text = strings.Join(Balance(cell.Text, roomFor(w), size), "\n")
						e.lines = lineCount(e.text, roomFor(w), size)
						even[key] = e
					}
					cell.Text, lines = e.text, e.lines
				} else {
					lines = lineCount(cell.Text, roomFor(w), size)
				}
			}
			h := RowHeight(lines, size)
			if cell.Style == StyleTitle {
				h += 10 // the title stands apart from the table
			}
			if last > r {
				spans = append(spans, tall{r, last, h, cell})
			} else if h > need[r] {
				need[r], who[r] = h, cell
			}
		}
	}
	for _, s := range spans { // a cell of several rows shares its height among them
		have := 0.0
		for r := s.first; r <= s.last; r++ {
			have += need[r]
		}
		if s.height > have {
			add := (s.height - have) / float64(s.last-s.first+1)
			for r := s.first; r <= s.last; r++ {
				need[r] += add
				who[r] = s.cell
			}
		}
	}
	var warnings []error
	heights := make(map[int]float64, max(len(sh.Rows), len(sh.Heights))) // made at its size: every row gets one
	maps.Copy(heights, sh.Heights)
	for r := 1; r <= len(sh.Rows); r++ {
		h := math.Max(heights[r], math.Ceil(need[r]*4)/4)
		if c := who[r]; h > MaxHeight && c != nil {
			warnings = append(warnings, &TallRow{Sheet: sh, Cell: c, Need: h})
			h = MaxHeight
		}
		heights[r] = h
	}
	sh.Heights = heights
	return warnings
}

// TallRow is a warning of Fit: the text of Cell needs a row Need points
// high, more than MaxHeight, and the row is cut to MaxHeight. Its message
// names the workbook's cell; Cell's Key and Column say what in the dataset
// the text is, for a message that names the dataset's file instead.
type TallRow struct {
	Sheet *Sheet
	Cell  *Cell
	Need  float64
}

// Message is the warning at the workbook's cell.
func (w *TallRow) Message() *msg.Error {
	return msg.Errorf("%s!%s: %v", w.Sheet.Name, w.Cell.Address(), w.What())
}

// What says what is wrong and what to do, without a place.
func (w *TallRow) What() *msg.Error {
	return msg.Errorf("the text (%d characters, %q) needs a row %.0f points high, more than the %.0f a spreadsheet allows: the row is %.0f points high and shows the text in part; shorten the text in the dataset",
		utf8.RuneCountInString(w.Cell.Text), msg.Cut(w.Cell.Text), w.Need, MaxHeight, MaxHeight)
}

func (w *TallRow) Error() string        { return w.Message().Error() }
func (w *TallRow) In(l msg.Lang) string { return w.Message().In(l) }

// wraps reports whether cells of style s wrap their text (fill's styles).
func wraps(s Style) bool {
	switch s {
	case StyleTitle, StyleHeader, StyleName, StyleLabel, StyleNote:
		return true
	}
	return false
}

// Shown is an amount as the workbook shows it: rounded to two decimals,
// with thousands separators (fill's number format).
func Shown(d decimal.Decimal) string { return Money(d.Round(2)) }

// widenAmounts makes each amount column of a table as wide as its widest
// value shown with two decimals and thousands separators, so that no
// spreadsheet shows ### for a large amount.
func widenAmounts(sh *Sheet, merges *mergeIndex) {
	for r := sh.DataFirst; r <= len(sh.Rows); r++ {
		for c, cell := range sh.Rows[r-1] {
			if cell == nil || cell.Style != StyleAmount || (cell.Kind != Input && cell.Kind != Formula) || cell.Blank {
				continue
			}
			if _, merged := merges.topLeft(c+1, r); merged {
				continue
			}
			// The digits the value shows, one more for a carry when rounded:
			// only a value that may not fit is written out.
			digits := max(cell.Value.NumDigits()+int(cell.Value.Exponent()), 1) + 1
			if chars := digits + (digits-1)/3 + 4; float64(chars)*narrowEm*SizeBody+cellPad <= ColumnPoints(sh.Widths[c]) {
				continue
			}
			sh.Widths[c] = math.Max(sh.Widths[c], WidthOf(Shown(cell.Value), SizeBody))
		}
	}
}

// mergeIndex finds a sheet's merges by cell, in a slice per cell rather
// than a map (a form of many records has thousands of merges).
type mergeIndex struct {
	width int // cells per row
	// top holds, for the top-left cell of a merge, 1 + the merge's index
	// in Sheet.Merges (the last of merges with the same top-left); 0 for
	// other cells.
	top []int32
	// covered is true for the cells of a merge but its top-left one.
	covered []bool
}

// newMergeIndex indexes the merges of sh.
func newMergeIndex(sh *Sheet) mergeIndex {
	width, rows := 0, len(sh.Rows)
	for _, row := range sh.Rows {
		width = max(width, len(row))
	}
	for _, m := range sh.Merges {
		width, rows = max(width, m.Col2), max(rows, m.Row2)
	}
	x := mergeIndex{width: width, top: make([]int32, width*rows), covered: make([]bool, width*rows)}
	for i, m := range sh.Merges {
		if m.Col1 >= 1 && m.Row1 >= 1 { // a cell before the first is never looked up
			x.top[x.at(m.Col1, m.Row1)] = int32(i + 1)
		}
		for r := max(m.Row1, 1); r <= m.Row2; r++ {
			for c := max(m.Col1, 1); c <= m.Col2; c++ {
				if r != m.Row1 || c != m.Col1 {
					x.covered[x.at(c, r)] = true
				}
			}
		}
	}
	return x
}

// at is the index of the cell at column c and row r (from 1).
func (x *mergeIndex) at(c, r int) int { return (r-1)*x.width + c - 1 }

// topLeft returns the index in Sheet.Merges of the merge whose top-left
// cell is at column c and row r, and whether there is one.
func (x *mergeIndex) topLeft(c, r int) (int, bool) {
	i := x.top[x.at(c, r)]
	return int(i) - 1, i > 0
}
