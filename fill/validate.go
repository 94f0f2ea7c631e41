package fill

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"budgetxl/pack"
	"budgetxl/plan"
)

// validate adds data validation to the entry cells of a form's sheet: an
// input message for every one, and a rule for amounts, numbers and choices.
// Cells of a column that follow each other with the same entry share one
// validation; its formula is written for the run's first cell, which is
// where Excel and LibreOffice anchor relative references.
func validate(f *excelize.File, sh *plan.Sheet) error {
	width := 0
	for _, row := range sh.Rows {
		width = max(width, len(row))
	}
	for col := 1; col <= width; col++ {
		for row := 1; row <= len(sh.Rows); {
			c := sh.Cell(col, row)
			if c == nil || c.Entry == nil {
				row++
				continue
			}
			end := row
			for next := sh.Cell(col, end+1); next != nil && next.Entry != nil && sameEntry(next.Entry, c.Entry); next = sh.Cell(col, end+1) {
				end++
			}
			dv, err := Validation(c.Entry, pack.CellName(col, row))
			if err != nil {
				return fmt.Errorf("%s: %w", c.Address(), err)
			}
			dv.Sqref = pack.CellName(col, row)
			if end > row {
				dv.Sqref += ":" + pack.CellName(col, end)
			}
			if err := f.AddDataValidation(sh.Name, dv); err != nil {
				return err
			}
			row = end + 1
		}
	}
	return nil
}

// sameEntry reports whether two entries take the same values.
func sameEntry(a, b *plan.Entry) bool {
	sameMax := (a.Max == nil) == (b.Max == nil) && (a.Max == nil || a.Max.Equal(*b.Max))
	return a.Kind == b.Kind && a.Label == b.Label && a.Decimals == b.Decimals && a.Negative == b.Negative && a.Whole == b.Whole && sameMax &&
		strings.Join(a.Choices, "\x00") == strings.Join(b.Choices, "\x00")
}

// Validation is the data validation of entry e, with its formula written
// for the cell at (a name such as "C5"): the input message, and what the
// cell accepts.
func Validation(e *plan.Entry, at string) (*excelize.DataValidation, error) {
	dv := excelize.NewDataValidation(true)
	var rule string
	switch e.Kind {
	case plan.EntryAmount:
		// Custom: a number ≥ 0 (or of any sign) with at most Decimals
		// decimals. Text fails too, since ROUND of a text is an error.
		cond := []string{fmt.Sprintf("ROUND(%s,%d)=%s", at, e.Decimals, at)}
		number := "可为负数"
		if !e.Negative {
			cond, number = append([]string{at + ">=0"}, cond...), "不小于 0 的数"
		}
		if e.Max != nil {
			cond = append(cond, at+"<="+e.Max.String())
		}
		dv.Type = "custom"
		dv.Formula1 = xmlEscape("AND(" + strings.Join(cond, ",") + ")")
		rule = fmt.Sprintf("%s，最多 %d 位小数", number, e.Decimals)
		if e.Decimals == 6 {
			rule = number + "，以万元计、最多 6 位小数（即精确到分）"
		}
		if e.Max != nil {
			rule += "，不大于 " + e.Max.String()
		}
	case plan.EntryNumber:
		typ, what := excelize.DataValidationTypeDecimal, "数"
		if e.Whole {
			typ, what = excelize.DataValidationTypeWhole, "整数"
		}
		var err error
		if e.Max != nil {
			err = dv.SetRange(0, e.Max.String(), typ, excelize.DataValidationOperatorBetween)
			rule = fmt.Sprintf("0 到 %s 的%s", e.Max, what)
		} else {
			err = dv.SetRange(0, 0, typ, excelize.DataValidationOperatorGreaterThanOrEqual)
			dv.Formula2 = ""
			rule = "不小于 0 的" + what
		}
		if err != nil {
			return nil, err
		}
	case plan.EntryChoice:
		if err := dv.SetDropList(e.Choices); err != nil {
			return nil, fmt.Errorf("the choices of %s do not fit a drop-down list (255 characters at most): %w", e.Label, err)
		}
		rule = "从下拉列表中选择"
	}
	title := cut(e.Label, 32) // Excel refuses a workbook with longer ones
	if rule == "" {
		dv.SetInput(title, cut("请填写"+e.Label+"。", 255))
		return dv, nil
	}
	text := cut(e.Label+"："+rule+"。", 255)
	dv.SetInput(title, text)
	dv.SetError(excelize.DataValidationErrorStyleStop, "输入有误", text)
	return dv, nil
}

// cut shortens s to at most n characters, the limits of Excel's messages.
func cut(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// xmlEscape escapes a formula written as raw XML by excelize.
func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}
