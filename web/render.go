package web

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"budgetxl/msg"
	"budgetxl/pack"
	"budgetxl/verify"
	"budgetxl/workbook"
)

// sheetView is a worksheet as the review page shows it: an HTML table of
// its cells with the cells of findings marked.
type sheetView struct {
	Index    int
	Name     string
	Hidden   bool
	Columns  []string // column letters
	Rows     []rowView
	Findings int // findings on this sheet
	// CutRows and CutColumns are the rows and columns not shown (the
	// limits of the page), 0 when the whole sheet is shown.
	CutRows, CutColumns int
}

type rowView struct {
	Number int
	Cells  []cellView
}

// cellView is one table cell; a cell covered by a merge is left out.
type cellView struct {
	ID               string // anchor: c<sheet>-<ref>
	Ref              string
	Text             string
	Number           bool   // right-aligned
	Severity         string // worst finding's severity, "" for none
	Title            string // the findings' messages, or the formula
	RowSpan, ColSpan int
}

// cellID is the anchor of a sheet's cell on the page.
func cellID(sheet int, ref string) string { return fmt.Sprintf("c%d-%s", sheet, ref) }

// severityRank orders severities, worst first.
var severityRank = map[string]int{verify.Error: 0, verify.Warning: 1, verify.Note: 2}

// findingCell is the cell a finding points at: its first cell when it
// names a range.
func findingCell(f verify.Finding) string {
	c, _, _ := strings.Cut(f.Cell, ":")
	return strings.ReplaceAll(c, "$", "")
}

// renderSheets lays out every sheet of wb, marking the cells of the
// report's findings, within maxRows × maxCols cells a sheet and maxCells
// cells in all (the page of a workbook of a thousand projects stays one a
// browser opens).
func renderSheets(wb *workbook.Book, r *verify.Report, l msg.Lang, maxRows, maxCols, maxCells int) []sheetView {
	type mark struct {
		severity string
		texts    []string
	}
	marks := map[string]*mark{}
	perSheet := map[string]int{}
	for _, f := range r.Findings {
		if f.Sheet == "" {
			continue
		}
		perSheet[f.Sheet]++
		if f.Cell == "" {
			continue
		}
		key := f.Sheet + "!" + findingCell(f)
		m := marks[key]
		if m == nil {
			m = &mark{severity: f.Severity}
			marks[key] = m
		}
		if severityRank[f.Severity] < severityRank[m.severity] {
			m.severity = f.Severity
		}
		m.texts = append(m.texts, f.Rule+": "+f.Message(l))
	}
	var out []sheetView
	for si, sh := range wb.Sheets {
		v := sheetView{Index: si, Name: sh.Name, Hidden: sh.State != workbook.Visible, Findings: perSheet[sh.Name]}
		rows, cols := sh.UsedRows, sh.UsedColumns
		for _, c := range sh.Cells { // unlocked empty cells count too
			rows, cols = max(rows, c.Row), max(cols, c.Col)
		}
		if rows > maxRows {
			v.CutRows, rows = rows-maxRows, maxRows
		}
		if cols > maxCols {
			v.CutColumns, cols = cols-maxCols, maxCols
		}
		if cols > 0 && rows*cols > maxCells {
			keep := maxCells / cols
			v.CutRows, rows = v.CutRows+rows-keep, keep
		}
		maxCells -= rows * cols
		cells := map[[2]int]*workbook.Cell{}
		for _, c := range sh.Cells {
			if c.Row <= rows && c.Col <= cols {
				cells[[2]int{c.Row, c.Col}] = c
			}
		}
		covered := map[[2]int]bool{}
		spans := map[[2]int][2]int{}
		for _, m := range sh.Merges {
			rg, err := pack.ParseRange(m)
			if err != nil || rg.Row1 > rows || rg.Col1 > cols {
				continue
			}
			r2, c2 := min(rg.Row2, rows), min(rg.Col2, cols)
			spans[[2]int{rg.Row1, rg.Col1}] = [2]int{r2 - rg.Row1 + 1, c2 - rg.Col1 + 1}
			for rr := rg.Row1; rr <= r2; rr++ {
				for cc := rg.Col1; cc <= c2; cc++ {
					if rr != rg.Row1 || cc != rg.Col1 {
						covered[[2]int{rr, cc}] = true
					}
				}
			}
		}
		for c := 1; c <= cols; c++ {
			v.Columns = append(v.Columns, pack.ColumnName(c))
		}
		for rr := 1; rr <= rows; rr++ {
			row := rowView{Number: rr}
			for cc := 1; cc <= cols; cc++ {
				at := [2]int{rr, cc}
				if covered[at] {
					continue
				}
				ref := pack.CellName(cc, rr)
				cv := cellView{ID: cellID(si, ref), Ref: ref, RowSpan: 1, ColSpan: 1}
				if sp, ok := spans[at]; ok {
					cv.RowSpan, cv.ColSpan = sp[0], sp[1]
				}
				if c := cells[at]; c != nil {
					cv.Text, cv.Number = cellText(c)
					if c.Formula != "" {
						cv.Title = "=" + c.Formula
					}
				}
				if m := marks[sh.Name+"!"+ref]; m != nil {
					cv.Severity = m.severity
					cv.Title = strings.Join(m.texts, "\n")
				}
				row.Cells = append(row.Cells, cv)
			}
			v.Rows = append(v.Rows, row)
		}
		out = append(out, v)
	}
	return out
}

// cellText is a cell's value as a reader sees it: amounts in the number
// format's two decimals with thousands separators (blank for a zero the
// format hides), other values as stored.
func cellText(c *workbook.Cell) (string, bool) {
	d, err := decimal.NewFromString(c.Value)
	if err != nil || c.Type == workbook.TypeString {
		return c.Value, false
	}
	if strings.Contains(c.NumFmt, "0.00") {
		if d.IsZero() && strings.Contains(c.NumFmt, ";;") {
			return "", true
		}
		return groupThousands(d.StringFixed(2)), true
	}
	return c.Value, true
}

// groupThousands puts commas between the thousands of a decimal's text.
func groupThousands(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if hasFrac {
		return sign + b.String() + "." + frac
	}
	return sign + b.String()
}
