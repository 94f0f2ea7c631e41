package annotate_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"budgetxl/annotate"
	"budgetxl/dataset"
	"budgetxl/fill"
	"budgetxl/msg"
	"budgetxl/plan"
	"budgetxl/verify"
	"budgetxl/workbook"
)

var templates = filepath.Join("..", "templates")

// listSheet is the name of the findings sheet in Chinese.
const listSheet = "审核结果"

// colors are the highlight colors by severity.
var colors = map[string]string{verify.Error: "FFC7CE", verify.Warning: "FFEB9C", verify.Note: "DDEBF7"}

// annotated fills the qijiang sample into a temp dir, verifies it and
// writes the annotated copy; it returns the workbook, the report and the copy.
func annotated(t *testing.T) (string, *verify.Report, string) {
	t.Helper()
	p, d, err := dataset.Open(filepath.Join("..", "samples", "qijiang-shebao-2025"), templates)
	if err != nil {
		t.Fatal(err)
	}
	book, err := plan.Build(p, d)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "qijiang.xlsx")
	if err := fill.Write(book, src, fill.Options{}); err != nil {
		t.Fatal(err)
	}
	r, err := verify.File(src, verify.Options{Templates: templates})
	if err != nil {
		t.Fatal(err)
	}
	if r.Count(verify.Error) == 0 || r.Count(verify.Warning) == 0 || r.Count(verify.Note) == 0 {
		t.Fatalf("the qijiang workbook should have findings of every severity: %d errors, %d warnings, %d notes",
			r.Count(verify.Error), r.Count(verify.Warning), r.Count(verify.Note))
	}
	out := filepath.Join(dir, "annotated.xlsx")
	if err := annotate.Write(r, out, msg.ZH); err != nil {
		t.Fatal(err)
	}
	return src, r, out
}

// TestWrite checks the annotated copy of the qijiang workbook: the findings
// list first with links to each cell, every finding's cell commented and
// colored by its worst severity, nothing else commented.
func TestWrite(t *testing.T) {
	_, r, out := annotated(t)
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	// The findings list is the first sheet, and the one shown on opening.
	sheets := f.GetSheetList()
	if sheets[0] != listSheet {
		t.Fatalf("sheets %v: the first should be %s", sheets, listSheet)
	}
	if f.GetActiveSheetIndex() != 0 {
		t.Errorf("active sheet %d, want 0", f.GetActiveSheetIndex())
	}
	rows, err := f.GetRows(listSheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(r.Findings)+1 {
		t.Errorf("%d rows in %s, want a header and %d findings", len(rows), listSheet, len(r.Findings))
	}
	want := []string{"级别", "规则", "工作表", "单元格", "应为", "实际", "说明"}
	if got := rows[0]; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("header %q, want %q", got, want)
	}
	severity := map[string]string{verify.Error: "错误", verify.Warning: "警告", verify.Note: "提示"}
	for i, fd := range r.Findings {
		row := i + 2
		cell := func(col string) string {
			v, err := f.GetCellValue(listSheet, fmt.Sprintf("%s%d", col, row))
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
		got := []string{cell("A"), cell("B"), cell("C"), cell("D"), cell("E"), cell("F"), cell("G")}
		want := []string{severity[fd.Severity], fd.Rule, fd.Sheet, fd.Cell, fd.Expected, fd.Found, fd.Message(msg.ZH)}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("row %d:\n%q\nwant\n%q", row, got, want)
		}
		// The sheet column links to the finding's cell (A1 for a finding about a sheet).
		ok, location, err := f.GetCellHyperLink(listSheet, fmt.Sprintf("C%d", row))
		if err != nil {
			t.Fatal(err)
		}
		target := fd.Cell
		if target == "" {
			target = "A1"
		}
		switch {
		case fd.Sheet == "":
			if ok {
				t.Errorf("row %d: a finding about the workbook links to %s", row, location)
			}
		case !ok:
			t.Errorf("row %d: no link to %s!%s", row, fd.Sheet, target)
		case location != plan.QuoteSheet(fd.Sheet)+"!"+target:
			t.Errorf("row %d: link to %s, want %s!%s", row, location, plan.QuoteSheet(fd.Sheet), target)
		}
	}
	// The first finding, spelt out: a rounding note on 附件4-1!B6.
	if ok, location, _ := f.GetCellHyperLink(listSheet, "C2"); !ok || location != "'附件4-1'!B6" {
		t.Errorf("C2 links to %q, want '附件4-1'!B6", location)
	}

	// Each finding's cell: a comment with every finding's rule id, the
	// color of the worst one.
	rank := map[string]int{verify.Error: 3, verify.Warning: 2, verify.Note: 1}
	worst := map[string]string{}   // sheet!cell → severity
	rules := map[string][]string{} // sheet!cell → rule ids
	for _, fd := range r.Findings {
		if fd.Sheet == "" || fd.Cell == "" {
			continue
		}
		key := fd.Sheet + "!" + fd.Cell
		if rank[fd.Severity] > rank[worst[key]] {
			worst[key] = fd.Severity
		}
		rules[key] = append(rules[key], fd.Rule)
	}
	comments := map[string]string{} // sheet!cell → text
	for _, sheet := range sheets[1:] {
		cs, err := f.GetComments(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cs {
			text := c.Text
			for _, run := range c.Paragraph {
				text += run.Text
			}
			comments[sheet+"!"+c.Cell] = text
		}
	}
	for key, sev := range worst {
		sheet, ref, _ := strings.Cut(key, "!")
		text, ok := comments[key]
		if !ok {
			t.Errorf("%s: no comment", key)
		}
		for _, rule := range rules[key] {
			if !strings.Contains(text, "["+rule+"]") {
				t.Errorf("%s: comment %q lacks [%s]", key, text, rule)
			}
		}
		id, err := f.GetCellStyle(sheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		if len(st.Fill.Color) != 1 || !strings.EqualFold(st.Fill.Color[0], colors[sev]) {
			t.Errorf("%s (%s): fill %+v, want %s", key, sev, st.Fill, colors[sev])
		}
	}
	for key, text := range comments {
		if worst[key] == "" {
			t.Errorf("%s: a comment without a finding: %q", key, text)
		}
	}
}

// TestWriteKeepsCells: no value or formula of the original sheets changed;
// the copy differs only by the findings sheet (and by styles, comments and
// links, which the dump leaves out).
func TestWriteKeepsCells(t *testing.T) {
	src, _, out := annotated(t)
	before, err := workbook.Read(src)
	if err != nil {
		t.Fatal(err)
	}
	after, err := workbook.Read(out)
	if err != nil {
		t.Fatal(err)
	}
	if a, b := cells(before, ""), cells(after, listSheet); a != b {
		t.Errorf("cells changed:\nbefore:\n%s\nafter:\n%s", a, b)
	}
	if len(after.Sheets) != len(before.Sheets)+1 || after.Sheets[0].Name != listSheet {
		t.Errorf("%d sheets after, %d before; first %s", len(after.Sheets), len(before.Sheets), after.Sheets[0].Name)
	}
}

// cells dumps every cell's formula and value, sheet by sheet, except those
// of sheet skip.
func cells(b *workbook.Book, skip string) string {
	var sb strings.Builder
	for _, s := range b.Sheets {
		if s.Name == skip {
			continue
		}
		fmt.Fprintf(&sb, "== %s\n", s.Name)
		for _, c := range s.Cells {
			fmt.Fprintf(&sb, "%s %s =%s → %q\n", c.Ref, c.Type, c.Formula, c.Value)
		}
	}
	return sb.String()
}

// TestWriteKeepsSheetSettings: print titles, page setup and protection of
// the original sheets are kept.
func TestWriteKeepsSheetSettings(t *testing.T) {
	src, _, out := annotated(t)
	before, err := workbook.Read(src)
	if err != nil {
		t.Fatal(err)
	}
	after, err := workbook.Read(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range before.Sheets {
		a := after.Sheet(s.Name)
		if a == nil {
			t.Errorf("%s: missing", s.Name)
			continue
		}
		const format = "printTitles=%s protected=%v password=%v paper=%d orientation=%s fitToWidth=%d"
		got := fmt.Sprintf(format, a.PrintTitles, a.Protected, a.Password, a.Paper, a.Orientation, a.FitToWidth)
		want := fmt.Sprintf(format, s.PrintTitles, s.Protected, s.Password, s.Paper, s.Orientation, s.FitToWidth)
		if got != want {
			t.Errorf("%s: %s, want %s", s.Name, got, want)
		}
	}
	if after.StructureLocked != before.StructureLocked {
		t.Errorf("structure locked %v, want %v", after.StructureLocked, before.StructureLocked)
	}
}

// TestListPrints: the findings list prints one landscape page wide, its
// header on every page, every message wrapped in a row as tall as it.
func TestListPrints(t *testing.T) {
	_, r, out := annotated(t)
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pl, err := f.GetPageLayout(listSheet)
	if err != nil {
		t.Fatal(err)
	}
	props, _ := f.GetSheetProps(listSheet)
	if *pl.Orientation != "landscape" || !*props.FitToPage || *pl.FitToWidth != 1 || *pl.FitToHeight != 0 {
		t.Errorf("page setup %s, fit %v %d×%d: want landscape, one page wide", *pl.Orientation, *props.FitToPage, *pl.FitToWidth, *pl.FitToHeight)
	}
	titles := ""
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" && dn.Scope == listSheet {
			titles = dn.RefersTo
		}
	}
	if titles != listSheet+"!$1:$1" {
		t.Errorf("print titles %q", titles)
	}
	w, _ := f.GetColWidth(listSheet, "G")
	for i, fd := range r.Findings {
		cell := fmt.Sprintf("G%d", i+2)
		id, _ := f.GetCellStyle(listSheet, cell)
		st, _ := f.GetStyle(id)
		if st.Alignment == nil || !st.Alignment.WrapText {
			t.Fatalf("%s does not wrap", cell)
		}
		lines := len(plan.Wrap(fd.Message(msg.ZH), plan.ColumnPoints(w)-4, plan.SizeBody))
		if h, _ := f.GetRowHeight(listSheet, i+2); h < plan.RowHeight(lines, plan.SizeBody) {
			t.Errorf("row %d is %g points high for %d lines of message", i+2, h, lines)
		}
	}
}

// TestTextFinding: a finding about the 情况说明 is listed with the text's
// file name and its paragraph as fill and verify name it (第 17 段).
func TestTextFinding(t *testing.T) {
	src, r, _ := annotated(t)
	r.Findings = append(r.Findings, verify.Finding{Severity: verify.Error, Rule: "explain.placeholder",
		Text: filepath.Join(filepath.Dir(src), "qijiang-情况说明.docx"), Paragraph: 17, ZH: "本段还有待填写的内容：【请填写增减原因】"})
	out := filepath.Join(t.TempDir(), "annotated.xlsx")
	if err := annotate.Write(r, out, msg.ZH); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(listSheet)
	if err != nil {
		t.Fatal(err)
	}
	last := rows[len(rows)-1]
	if len(last) < 4 || last[1] != "explain.placeholder" || last[2] != "qijiang-情况说明.docx" || last[3] != "第 17 段" {
		t.Errorf("the text's finding is listed as %q", last)
	}
}
