package review

import (
	"bytes"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"budgetxl/dataset"
	"budgetxl/msg"
	"budgetxl/verify"
	"budgetxl/workbook"
)

// TestWriteCSV: UTF-8 with a BOM, one row per file; a text a spreadsheet
// would run as a formula gets an apostrophe; an unreadable file has its
// reason and no counts; the copy's link is relative to the CSV's folder.
func TestWriteCSV(t *testing.T) {
	dir := t.TempDir()
	run := &Run{Files: []*File{
		{Input: Input{Path: "in/a.xlsx"}, Unit: dataset.Unit{Name: "=HYPERLINK(\"http://x\")", Code: "-1", Department: "@部门"},
			Pack: "cq-2025", Version: "1.1.0", Annotated: filepath.Join(dir, "标注", "a.xlsx"),
			Findings: []verify.Finding{{Severity: verify.Error, Rule: "rule.x"}, {Severity: verify.Error, Rule: "rule.y"}, {Severity: verify.Error, Rule: "rule.y"}, {Severity: verify.Note, Rule: "rule.z"}}},
		{Input: Input{Path: "in/b.xlsx", Err: msg.Errorf("%s: no such file", "in/b.xlsx")}},
		{Input: Input{Path: "in/c.xlsx"}, Unit: dataset.Unit{Name: "单位"}, Made: verify.Stamp{Pack: "cq-2025", Version: "0.9.0"}, Pack: "cq-2025", Version: "1.1.0"},
	}}
	path := filepath.Join(dir, "汇总.csv")
	if err := WriteSummary(run, path, msg.ZH); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("\uFEFF文件,单位,单位编码,主管部门,模板包及版本,错误,警告,提示,主要规则,状态,标注副本,无法读取的原因\r\n")) {
		t.Errorf("header: %q", b)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"in/a.xlsx", "'=HYPERLINK(\"http://x\")", "'-1", "'@部门", "cq-2025 1.1.0", "3", "0", "1", "rule.y、rule.x", "有错误", "标注/a.xlsx", ""},
		{"in/b.xlsx", "", "", "", "", "", "", "", "", "无法读取", "", "in/b.xlsx: no such file"},
		{"in/c.xlsx", "单位", "", "", "cq-2025 0.9.0", "0", "0", "0", "", "无误", "", ""},
	}
	for i, w := range want {
		if i+1 >= len(rows) || !equal(rows[i+1], w) {
			t.Errorf("row %d: %q\nwant %q", i+1, rows[min(i+1, len(rows)-1)], w)
		}
	}
	// A summary that cannot be written leaves the old one as it was.
	if err := WriteSummary(run, filepath.Join(dir, "none", "\x00.csv"), msg.ZH); err == nil {
		t.Error("no error for a path that cannot be written")
	}
	if err := WriteSummary(run, filepath.Join(dir, "s.txt"), msg.ZH); err == nil || !errors.As(err, new(*msg.Error)) {
		t.Errorf("a .txt summary: %v", err)
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestEncode: the summary written to a writer is the same workbook and
// CSV, links relative to the folder given.
func TestEncode(t *testing.T) {
	dir := t.TempDir()
	run := &Run{Files: []*File{{Input: Input{Path: filepath.Join(dir, "in", "a.xlsx")}, Unit: dataset.Unit{Name: "单位"},
		Annotated: filepath.Join(dir, "标注", "a.xlsx"), Findings: []verify.Finding{{Severity: verify.Warning, Rule: "rule.x", ZH: "说明"}}}}}
	var b bytes.Buffer
	if err := EncodeXLSX(&b, run, dir, msg.ZH); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "s.xlsx")
	os.WriteFile(path, b.Bytes(), 0o644)
	wb, err := workbook.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if s := wb.Sheet("审核汇总"); s == nil || s.Text(11, 2) != "标注/a.xlsx" || s.Text(10, 2) != "有警告" {
		t.Errorf("files: %v", s)
	}
	if s := wb.Sheet("全部问题"); s == nil || s.Text(6, 2) != "说明" {
		t.Errorf("findings: %v", s)
	}
	b.Reset()
	if err := EncodeCSV(&b, run, filepath.Join(dir, "标注"), msg.EN); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b.Bytes(), []byte("\uFEFF")))).ReadAll()
	if err != nil || len(rows) != 2 || rows[1][10] != "a.xlsx" || rows[1][9] != "with warnings" {
		t.Errorf("CSV: %q, %v", rows, err)
	}
}
