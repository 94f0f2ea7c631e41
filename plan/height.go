package plan

import (
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
	span := map[[2]int]int{} // top-left cell of each merge → its index
	covered := map[[2]int]bool{}
	for i, m := range sh.Merges {
		span[[2]int{m.Col1, m.Row1}] = i
		for r := m.Row1; r <= m.Row2; r++ {
			for c := m.Col1; c <= m.Col2; c++ {
				if r != m.Row1 || c != m.Col1 {
					covered[[2]int{c, r}] = true
				}
			}
		}
	}
	if sh.Table.Kind == "" {
		widenAmounts(sh, span)
	}
	type balanced struct {
		text  string
		width float64
	}
	even := map[balanced]string{}           // header texts broken into even lines
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
			if cell == nil || covered[[2]int{c, r}] {
				continue
			}
			w, last := sh.Widths[c-1], r
			if i, ok := span[[2]int{c, r}]; ok {
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
					text, ok := even[key]
					if !ok {
						text = strings.Join(Balance(cell.Text, roomFor(w), size), "\n")
						even[key] = text
					}
					cell.Text = text
				}
				lines = lineCount(cell.Text, roomFor(w), size)
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
	for r := 1; r <= len(sh.Rows); r++ {
		h := math.Max(sh.Heights[r], math.Ceil(need[r]*4)/4)
		if c := who[r]; h > MaxHeight && c != nil {
			warnings = append(warnings, &TallRow{Sheet: sh, Cell: c, Need: h})
			h = MaxHeight
		}
		sh.Heights[r] = h
	}
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
func widenAmounts(sh *Sheet, span map[[2]int]int) {
	for r := sh.DataFirst; r <= len(sh.Rows); r++ {
		for c, cell := range sh.Rows[r-1] {
			if cell == nil || cell.Style != StyleAmount || (cell.Kind != Input && cell.Kind != Formula) || cell.Blank {
				continue
			}
			if _, merged := span[[2]int{c + 1, r}]; merged {
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
