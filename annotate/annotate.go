// Package annotate writes a reviewer's copy of a checked workbook: each
// finding's cell highlighted with a comment holding its message, and a
// first sheet listing every finding with a link to its cell.
//
// It copies and marks; it judges nothing (verify does) and never changes a
// value or a formula of the original.
package annotate

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"budgetxl/fill"
	"budgetxl/msg"
	"budgetxl/plan"
	"budgetxl/verify"
)

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
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	link, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Color: "0563C1", Underline: "single"}})
	if err != nil {
		return err
	}
	header := []any{msg.T(l, "severity"), msg.T(l, "rule"), msg.T(l, "sheet"), msg.T(l, "cell"), msg.T(l, "expected"), msg.T(l, "found"), msg.T(l, "message")}
	if err := f.SetSheetRow(name, "A1", &header); err != nil {
		return err
	}
	if err := f.SetCellStyle(name, "A1", "G1", bold); err != nil {
		return err
	}
	for i, fd := range r.Findings {
		row := i + 2
		values := []any{severityText(fd.Severity, l), fd.Rule, fd.Sheet, fd.Cell, fd.Expected, fd.Found, fd.Message(l)}
		if err := f.SetSheetRow(name, fmt.Sprintf("A%d", row), &values); err != nil {
			return err
		}
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
	for col, w := range map[string]float64{"A": 8, "B": 28, "C": 16, "D": 8, "E": 16, "F": 16, "G": 90} {
		if err := f.SetColWidth(name, col, col, w); err != nil {
			return err
		}
	}
	idx, _ := f.GetSheetIndex(name)
	f.SetActiveSheet(idx)
	return nil
}

func severityText(s string, l msg.Lang) string {
	switch s {
	case verify.Error:
		return msg.T(l, "ERROR")
	case verify.Warning:
		return msg.T(l, "warning")
	}
	return msg.T(l, "note")
}

func splitKey(key string) [2]string {
	for i := len(key) - 1; i >= 0; i-- {
		if key[i] == '!' {
			return [2]string{key[:i], key[i+1:]}
		}
	}
	return [2]string{key, ""}
}
