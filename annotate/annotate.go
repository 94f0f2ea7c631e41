// Package annotate writes a reviewer's copy of a checked workbook: each
// finding's cell highlighted with a comment holding its message, and a
// first sheet listing every finding with a link to its cell.
//
// It copies and marks; it judges nothing (verify does) and never changes a
// value or a formula of the original.
package annotate

import (
	"fmt"
	"path/filepath"

	"github.com/xuri/excelize/v2"

	"budgetxl/fill"
	"budgetxl/msg"
	"budgetxl/pack"
	"budgetxl/plan"
	"budgetxl/verify"
)

// PropOutput is the custom document property that marks a workbook as a
// review's output ("annotated" for a copy Write makes, "summary" for a
// review summary), so that a later run over the folder leaves it out.
const PropOutput = "budgetxl.output"

// colors of the highlight, by severity.
var colors = map[string]string{verify.Error: "FFC7CE", verify.Warning: "FFEB9C", verify.Note: "DDEBF7"}

// Write writes the annotated copy of the report's workbook to out, with
// messages in language l. It writes a temporary file and renames it.
func Write(r *verify.Report, out string, l msg.Lang) error {
	f, err := excelize.OpenFile(r.File)
	if err != nil {
		return msg.Errorf("%s: not a readable .xlsx workbook: %v", r.File, err)
	}
	defer f.Close()
	// Mark cells, worst severity first so its color wins.
	styled := map[string]bool{}
	comments := map[string]string{}
	var order []string
	for _, sev := range []string{verify.Error, verify.Warning, verify.Note} {
		for _, fd := range r.Findings {
			if fd.Severity != sev || fd.Cell == "" || fd.Sheet == "" {
				continue
			}
			if idx, _ := f.GetSheetIndex(fd.Sheet); idx < 0 {
				continue
			}
			key := fd.Sheet + "!" + fd.Cell
			if !styled[key] {
				styled[key] = true
				if err := highlight(f, fd.Sheet, fd.Cell, colors[sev]); err != nil {
					return err
				}
				order = append(order, key)
			}
			if comments[key] != "" {
				comments[key] += "\n"
			}
			comments[key] += fmt.Sprintf("[%s] %s", fd.Rule, fd.Message(l))
		}
	}
	for _, key := range order {
		fd := splitKey(key)
		if err := f.AddComment(fd[0], excelize.Comment{Cell: fd[1], Author: "budgetxl", Text: comments[key]}); err != nil {
			return err
		}
	}
	if err := listSheet(f, r, l); err != nil {
		return err
	}
	if err := f.SetCustomProps(excelize.CustomProperty{Name: PropOutput, Value: "annotated"}); err != nil {
		return err
	}
	return fill.Save(f, out, nil)
}

// highlight gives a cell a fill color, keeping the rest of its style.
func highlight(f *excelize.File, sheet, cell, color string) error {
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		return err
	}
	st, err := f.GetStyle(id)
	if err != nil {
		return err
	}
	st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
	nid, err := f.NewStyle(st)
	if err != nil {
		return err
	}
	return f.SetCellStyle(sheet, cell, cell, nid)
}

// listName is the sheet that lists the findings.
func listName(l msg.Lang) string { return msg.T(l, "Findings") }

// listSheet inserts the list of findings as the first sheet.
func listSheet(f *excelize.File, r *verify.Report, l msg.Lang) error {
	name := listName(l)
	if _, err := f.NewSheet(name); err != nil {
		return err
	}
	// MoveSheet does not move sheet-scoped names (print titles) with their
	// sheets: take them out, move, and put them back by sheet name.
	var scoped []excelize.DefinedName
	for _, dn := range f.GetDefinedName() {
		if dn.Scope != "" && dn.Scope != "Workbook" {
			scoped = append(scoped, dn)
			if err := f.DeleteDefinedName(&excelize.DefinedName{Name: dn.Name, Scope: dn.Scope}); err != nil {
				return err
			}
		}
	}
	sheets := f.GetSheetList()
	if err := f.MoveSheet(name, sheets[0]); err != nil {
		return err
	}
	for _, dn := range scoped {
		dn := dn
		if err := f.SetDefinedName(&dn); err != nil {
			return err
		}
	}
	// The list prints like the tables: laid out by the plan (text wrapped,
	// rows as tall as their text, one page wide, landscape).
	ps := &plan.Sheet{Name: name, Table: &pack.Table{}, Landscape: true, Heights: map[int]float64{},
		Widths: append([]float64{}, listWidths...), HeaderFirst: 1, HeaderLast: 1, DataFirst: 2}
	if r.Pack != nil {
		ps.PageNumbers = r.Pack.PageNumbers
	}
	for _, fd := range r.Findings { // a link does not wrap: its column holds the longest sheet name
		ps.Widths[2] = max(ps.Widths[2], plan.WidthOf(fd.Sheet, plan.SizeBody))
	}
	header := []string{msg.T(l, "severity"), msg.T(l, "rule"), msg.T(l, "sheet"), msg.T(l, "cell"), msg.T(l, "expected"), msg.T(l, "found"), msg.T(l, "message")}
	ps.Rows = append(ps.Rows, textRow(header, plan.StyleHeader, 1))
	for i, fd := range r.Findings {
		sheet, cell := fd.Sheet, fd.Cell
		if fd.Text != "" { // a finding about the 情况说明: its file and paragraph
			sheet = filepath.Base(fd.Text)
			if fd.Paragraph > 0 {
				cell = msg.T(l, "paragraph %d", fd.Paragraph) // as fill and verify name it
			}
		}
		ps.Rows = append(ps.Rows, textRow([]string{verify.SeverityText(l, fd.Severity), fd.Rule, sheet, cell, fd.Expected, fd.Found, fd.Message(l)}, plan.StyleLabel, i+2))
	}
	plan.Fit(ps) // no message needs a row of MaxHeight: its warnings stay empty
	border := []excelize.Border{{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1}}
	wrap := &excelize.Alignment{Vertical: "top", WrapText: true}
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: plan.FontTitle, Size: plan.SizeBody, Bold: true}, Border: border,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	if err != nil {
		return err
	}
	body, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: plan.FontBody, Size: plan.SizeBody}, Border: border, Alignment: wrap})
	if err != nil {
		return err
	}
	link, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: plan.FontBody, Size: plan.SizeBody, Color: "0563C1", Underline: "single"}, Border: border, Alignment: wrap})
	if err != nil {
		return err
	}
	for i, row := range ps.Rows {
		values := make([]any, len(row))
		for c, cell := range row {
			values[c] = cell.Text
		}
		at := fmt.Sprintf("A%d", i+1)
		if err := f.SetSheetRow(name, at, &values); err != nil {
			return err
		}
		style := body
		if i == 0 {
			style = head
		}
		if err := f.SetCellStyle(name, at, fmt.Sprintf("G%d", i+1), style); err != nil {
			return err
		}
		if err := f.SetRowHeight(name, i+1, ps.Heights[i+1]); err != nil {
			return err
		}
	}
	for i, fd := range r.Findings {
		row := i + 2
		if fd.Sheet != "" {
			if idx, _ := f.GetSheetIndex(fd.Sheet); idx >= 0 {
				target := fd.Cell
				if target == "" {
					target = "A1"
				}
				cell := fmt.Sprintf("C%d", row)
				if err := f.SetCellHyperLink(name, cell, plan.QuoteSheet(fd.Sheet)+"!"+target, "Location"); err != nil {
					return err
				}
				if err := f.SetCellStyle(name, cell, cell, link); err != nil {
					return err
				}
			}
		}
	}
	for c, w := range ps.Widths {
		col, _ := excelize.ColumnNumberToName(c + 1)
		if err := f.SetColWidth(name, col, col, w); err != nil {
			return err
		}
	}
	if err := fill.PageSetup(f, ps); err != nil {
		return err
	}
	for _, r := range ps.Breaks {
		if err := f.InsertPageBreak(name, fmt.Sprintf("A%d", r)); err != nil {
			return err
		}
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: plan.QuoteSheet(name) + "!$1:$1", Scope: name}); err != nil {
		return err
	}
	idx, _ := f.GetSheetIndex(name)
	f.SetActiveSheet(idx)
	return nil
}

// listWidths are the widths of the findings list's columns: severity,
// rule, sheet, cell, expected, found, message; one landscape page wide.
var listWidths = []float64{6, 20, 14, 7, 12, 12, 56}

// textRow is a row of text cells of the findings list.
func textRow(texts []string, style plan.Style, row int) []*plan.Cell {
	out := make([]*plan.Cell, len(texts))
	for c, text := range texts {
		out[c] = &plan.Cell{Kind: plan.Text, Style: style, Text: text, Col: int32(c + 1), Row: int32(row)}
	}
	return out
}

func splitKey(key string) [2]string {
	for i := len(key) - 1; i >= 0; i-- {
		if key[i] == '!' {
			return [2]string{key[:i], key[i+1:]}
		}
	}
	return [2]string{key, ""}
}
