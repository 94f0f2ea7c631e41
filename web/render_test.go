package web

import (
	"testing"

	"budgetxl/fill"
	"budgetxl/msg"
	"budgetxl/verify"
	"budgetxl/workbook"
)

// TestRenderSheets: merges span, amounts show as the number format shows
// them, a finding's cell takes its worst severity and every message, a
// formula shows in the title, and a sheet is cut at the page's limits.
func TestRenderSheets(t *testing.T) {
	wb := &workbook.Book{Sheets: []*workbook.Sheet{{
		Name: "表", State: workbook.Visible, UsedRows: 3, UsedColumns: 3, Merges: []string{"A1:C1"},
		Cells: []*workbook.Cell{
			{Ref: "A1", Col: 1, Row: 1, Value: "标题", Type: workbook.TypeString},
			{Ref: "B2", Col: 2, Row: 2, Value: "1234567.5", Type: workbook.TypeNumber, NumFmt: fill.NumFmt},
			{Ref: "C2", Col: 3, Row: 2, Value: "0", Type: workbook.TypeNumber, NumFmt: fill.NumFmt},
			{Ref: "A3", Col: 1, Row: 3, Formula: "SUM(B2:C2)", Value: "-1234.5", Type: workbook.TypeNumber, NumFmt: "0.00"},
			{Ref: "B3", Col: 2, Row: 3, Value: "007", Type: workbook.TypeString},
		},
	}}}
	r := &verify.Report{Findings: []verify.Finding{
		{Severity: verify.Warning, Rule: "w", Sheet: "表", Cell: "B2", ZH: "警告"},
		{Severity: verify.Error, Rule: "e", Sheet: "表", Cell: "$B$2", ZH: "错误"},
		{Severity: verify.Note, Rule: "n", Sheet: "表", Cell: "A3:B3", ZH: "提示"},
	}}
	v := renderSheets(wb, r, msg.ZH, 10, 10, 100)[0]
	if v.Findings != 3 || len(v.Rows) != 3 || len(v.Columns) != 3 || v.CutRows != 0 {
		t.Fatalf("%d findings, %d rows, %d columns, %d cut", v.Findings, len(v.Rows), len(v.Columns), v.CutRows)
	}
	if row := v.Rows[0].Cells; len(row) != 1 || row[0].ColSpan != 3 || row[0].Text != "标题" {
		t.Errorf("row 1: %+v", row)
	}
	b2, c2 := v.Rows[1].Cells[1], v.Rows[1].Cells[2]
	if b2.ID != "c0-B2" || b2.Text != "1,234,567.50" || !b2.Number || b2.Severity != verify.Error || b2.Title != "w: 警告\ne: 错误" {
		t.Errorf("B2: %+v", b2)
	}
	if c2.Text != "" || c2.Severity != "" {
		t.Errorf("C2 (a zero the format hides): %+v", c2)
	}
	a3, b3 := v.Rows[2].Cells[0], v.Rows[2].Cells[1]
	if a3.Text != "-1,234.50" || a3.Title != "n: 提示" || a3.Severity != verify.Note {
		t.Errorf("A3: %+v", a3)
	}
	if b3.Text != "007" || b3.Number || b3.Title != "" {
		t.Errorf("B3 (text): %+v", b3)
	}
	cut := renderSheets(wb, &verify.Report{}, msg.ZH, 2, 2, 100)[0]
	if cut.CutRows != 1 || cut.CutColumns != 1 || len(cut.Rows) != 2 || len(cut.Rows[1].Cells) != 2 || cut.Rows[0].Cells[0].ColSpan != 2 {
		t.Errorf("cut: %d rows, %d columns cut; %+v", cut.CutRows, cut.CutColumns, cut.Rows)
	}
	if got := cut.Rows[0].Cells[0].Title; got != "" {
		t.Errorf("title %q", got)
	}
	if cut.Rows[1].Cells[1].Title != "" {
		t.Error("a formula's title without a finding")
	}
	// The cells of a page: the second sheet gets what the first leaves.
	wb.Sheets = append(wb.Sheets, wb.Sheets[0])
	two := renderSheets(wb, &verify.Report{}, msg.ZH, 10, 10, 7)
	if len(two[0].Rows) != 2 || two[0].CutRows != 1 || len(two[1].Rows) != 0 || two[1].CutRows != 3 {
		t.Errorf("a page of 7 cells: %d rows (%d cut), then %d (%d cut)", len(two[0].Rows), two[0].CutRows, len(two[1].Rows), two[1].CutRows)
	}
}

func TestGroupThousands(t *testing.T) {
	for in, want := range map[string]string{"0.00": "0.00", "999.99": "999.99", "1000.00": "1,000.00", "-1234567.89": "-1,234,567.89", "123456": "123,456"} {
		if got := groupThousands(in); got != want {
			t.Errorf("groupThousands(%s) = %s, want %s", in, got, want)
		}
	}
}
