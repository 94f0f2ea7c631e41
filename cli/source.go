package cli

import (
	"fmt"
	"path/filepath"

	"budgetxl/dataset"
	"budgetxl/msg"
	"budgetxl/pack"
	"budgetxl/plan"
	"budgetxl/verify"
)

// sourced says a finding of fill's check about an amount the dataset gave
// (amount.negative; fill refuses an amount on a shallow code itself, with
// its line) where the clerk typed it: the file and line of the dataset and the
// amount as written there, in the dataset's unit, rather than the
// workbook's cell and its value in 万元. ok is false for a finding that is
// not about one input amount of the dataset.
func sourced(f verify.Finding, book *plan.Book, d *dataset.Dataset) (where string, text *msg.Error, ok bool) {
	if f.Rule != "amount.negative" || f.Sheet == "" || f.Cell == "" {
		return "", nil, false
	}
	sh := book.Sheet(f.Sheet)
	col, row, err := pack.ParseCell(f.Cell)
	if sh == nil || err != nil {
		return "", nil, false
	}
	c := sh.Cell(col, row)
	if c == nil || c.Kind != plan.Input {
		return "", nil, false
	}
	t := d.Tables[sh.Table.ID]
	if t == nil || t.ByKey[c.Key] == nil {
		return "", nil, false
	}
	v, found := t.ByKey[c.Key].Value(sh.Table.Layout.Amount(c.Column))
	if !found || v.Line == 0 {
		return "", nil, false
	}
	where = fmt.Sprintf("%s:%d", filepath.Join(d.Dir, dataset.FileName(sh.Table)), v.Line)
	text = msg.Errorf("column %s (%s): the amount %s %s is negative: the templates do not allow negative amounts in this column", c.Column, plan.ColumnTitle(sh, c.Col), v.Text, d.Unit.AmountUnit)
	return where, text, true
}

// tallRowSource names the text a row is too short for where the dataset
// gives it: the line and column of a table's file, or the record and field
// of a form's file; else the workbook's cell.
func tallRowSource(w *plan.TallRow, d *dataset.Dataset) error {
	t, c := w.Sheet.Table, w.Cell
	if t == nil || d == nil || c.Column == "" {
		return w
	}
	if t.Kind == pack.KindForm {
		if f := d.Forms[t.ID]; f != nil && f.File != "" {
			return msg.Errorf("%s: %s %s, field %s: %v", f.File, t.Sheet, c.Key, c.Column, w.What())
		}
		return w
	}
	if td := d.Tables[t.ID]; td != nil && td.ByKey[c.Key] != nil && td.ByKey[c.Key].Line > 0 {
		return msg.Errorf("%s:%d: %v", filepath.Join(d.Dir, dataset.FileName(t)), td.ByKey[c.Key].Line, msg.Errorf("column %s: %v", c.Column, w.What()))
	}
	return w
}

// paragraph names the paragraph of the 情况说明 a finding is about by its
// number and its start, as a clerk finds it in Word or WPS: 第 17 段（“（二）
// 支出预算：2025年…”）; "" for a finding about the whole text.
func (e *env) paragraph(f verify.Finding) string {
	switch {
	case f.Paragraph <= 0:
		return ""
	case f.Excerpt == "":
		return msg.T(e.lang, "paragraph %d", f.Paragraph)
	}
	return msg.T(e.lang, "paragraph %d (“%s”)", f.Paragraph, f.Excerpt)
}
