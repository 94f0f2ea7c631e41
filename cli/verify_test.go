package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// filledBooks fills the two samples into a new temp dir with the fill
// command: d.xlsx (the demo, clean) and q.xlsx (qijiang, with errors). It
// returns the temp dir, which run writes as TMP.
func filledBooks(t *testing.T) string {
	t.Helper()
	tmp := t.TempDir()
	for _, c := range []struct {
		args []string
		code int
	}{
		{[]string{"--config", "../config.toml", "fill", "../samples/qijiang-shebao-2025", "-o", "TMP/q.xlsx"}, 1},
		{[]string{"fill", "../samples/demo-2025", "--templates", "../templates", "-o", "TMP/d.xlsx"}, 0},
	} {
		if code, _, stderr := run(t, tmp, c.args...); code != c.code {
			t.Fatalf("%s: exit %d: %s", strings.Join(c.args, " "), code, stderr)
		}
	}
	if err := os.WriteFile(filepath.Join(tmp, "notes.txt"), []byte("not a workbook\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return tmp
}

// TestVerifyCommands runs verify on workbooks filled by the fill command
// and compares stdout with golden files and stderr verbatim.
func TestVerifyCommands(t *testing.T) {
	tmp := filledBooks(t)
	cases := []struct {
		name   string
		args   []string
		code   int
		stdout string // golden file name for stdout, or "" for no output
		stderr string // exact stderr
	}{
		{"help", []string{"verify", "--help"}, 0, "verify-help.zh", ""},
		{"help en", []string{"--lang", "en", "verify", "-h"}, 0, "verify-help.en", ""},
		{"demo clean", []string{"verify", "--templates", "../templates", "TMP/d.xlsx"}, 0, "verify-demo.zh", ""},
		{"qijiang", []string{"--config", "../config.toml", "verify", "TMP/q.xlsx"}, 1, "verify-qijiang.zh", ""},
		{"qijiang en", []string{"--lang", "en", "verify", "--templates", "../templates", "TMP/q.xlsx"}, 1, "verify-qijiang.en", ""},
		{"qijiang json", []string{"verify", "--json", "--templates", "../templates", "TMP/q.xlsx"}, 1, "verify-qijiang.json", ""},
		{"not a workbook", []string{"verify", "--templates", "../templates", "TMP/notes.txt"}, 2, "",
			"错误：TMP/notes.txt：不是可读取的 .xlsx 工作簿：这是文本文件（如 CSV），不是工作簿：请用 Excel 或 WPS 打开，另存为“Excel 工作簿（.xlsx）”\n"},
		{"not a workbook en", []string{"--lang", "en", "verify", "--templates", "../templates", "TMP/notes.txt"}, 2, "",
			"error: TMP/notes.txt: not a readable .xlsx workbook: it is a text file (such as CSV), not a workbook: open it in Excel or WPS and save it as an .xlsx workbook (Excel 工作簿)\n"},
		{"no such file", []string{"verify", "--templates", "../templates", "TMP/none.xlsx"}, 2, "",
			"错误：TMP/none.xlsx: 文件不存在\n"},
		{"no file", []string{"verify", "--templates", "../templates"}, 2, "",
			"错误：verify 至少需要一个工作簿：budgetxl verify 文件.xlsx\n"},
		{"no file en", []string{"--lang", "en", "verify"}, 2, "",
			"error: verify needs at least one workbook: budgetxl verify FILE.xlsx\n"},
		{"annotate two files", []string{"verify", "--templates", "../templates", "--annotate", "TMP/a.xlsx", "TMP/d.xlsx", "TMP/q.xlsx"}, 2, "",
			"错误：--annotate 只能用于一个工作簿，却给了 2 个\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, stdout, stderr := run(t, tmp, c.args...)
			if code != c.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, c.code, stderr)
			}
			if c.stdout != "" {
				golden(t, c.stdout, stdout)
			} else if stdout != "" {
				t.Errorf("unexpected stdout: %s", stdout)
			}
			if stderr != c.stderr {
				t.Errorf("stderr:\n%s\nwant:\n%s", stderr, c.stderr)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(tmp, "a.xlsx")); !os.IsNotExist(err) {
		t.Errorf("--annotate with two files wrote a workbook: %v", err)
	}
}

// TestVerifyJSON: --json prints JSON Lines, one object per file: the
// file, its status and counts, and each finding's fields with its message
// in the user's language.
func TestVerifyJSON(t *testing.T) {
	tmp := filledBooks(t)
	code, stdout, stderr := run(t, tmp, "verify", "--json", "--templates", "../templates", "TMP/q.xlsx")
	if code != 1 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	type finding struct {
		Severity, Rule, Sheet, Cell, Expected, Found, Message string
	}
	type file struct {
		File, Status, Unit, Code, Department, Pack, Version, Error string
		MadeWith                                                   string `json:"made_with"`
		Errors, Warnings, Notes                                    int
		Findings                                                   []finding
	}
	var got file
	if strings.Count(stdout, "\n") != 1 {
		t.Fatalf("one file, not one line:\n%s", stdout)
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("%v:\n%s", err, stdout)
	}
	// The printed report has the same findings: one line each, and the
	// count of each severity in its last line.
	_, text, _ := run(t, tmp, "verify", "--templates", "../templates", "TMP/q.xlsx")
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	n := 0
	for _, line := range lines {
		if strings.HasPrefix(line, "    ") {
			n++
		}
	}
	if len(got.Findings) != n || n == 0 {
		t.Errorf("%d findings in JSON, %d in the report", len(got.Findings), n)
	}
	count := map[string]int{}
	for _, f := range got.Findings {
		count[f.Severity]++
		if f.Rule == "" || f.Message == "" {
			t.Errorf("incomplete finding: %+v", f)
		}
	}
	if count["error"] != got.Errors || count["warning"] != got.Warnings || count["note"] != got.Notes {
		t.Errorf("counts %d/%d/%d, findings %v", got.Errors, got.Warnings, got.Notes, count)
	}
	summary := fmt.Sprintf("  共 %d 个错误，%d 个警告，%d 个提示", count["error"], count["warning"], count["note"])
	if last := lines[len(lines)-1]; last != summary {
		t.Errorf("severities in JSON %v; the report says %q", count, last)
	}
	if got.File != "TMP/q.xlsx" || got.Status != "error" || got.Unit != "重庆市綦江区社会保险事务中心" || got.Pack != "cq-2025" || got.MadeWith != "cq-2025 1.1.0" {
		t.Errorf("file: %+v", got)
	}
	want := finding{
		Severity: "note", Rule: "rule.4-1.gpb-balance", Sheet: "附件4-1", Cell: "B6",
		Expected: "16,474.91", Found: "16,474.90",
		Message: "附件4-1 一般公共预算：本年拨款加上年结转应等于本年支出加结转下年：16,474.90 对 16,474.91，相差 -0.01，在舍入误差内（±0.14）",
	}
	if len(got.Findings) > 0 && got.Findings[0] != want {
		t.Errorf("first finding:\n%+v\nwant:\n%+v", got.Findings[0], want)
	}
	// The published set's real errors: 部门收入总表's amounts in the wrong columns.
	var income []string
	for _, f := range got.Findings {
		if f.Severity == "error" && f.Sheet == "部门收入总表" {
			income = append(income, f.Rule+" "+f.Cell)
		}
	}
	if s := strings.Join(income, ", "); s != "rule.income.carry D5, rule.income.gpb E5, rule.income.fund F5, rule.income.soe G5" {
		t.Errorf("errors in 部门收入总表: %s", s)
	}

	// Clean and unreadable files have their line too, in the order given.
	code, stdout, stderr = run(t, tmp, "verify", "--json", "--templates", "../templates", "TMP/d.xlsx", "TMP/notes.txt", "TMP/q.xlsx")
	if code != 2 {
		t.Errorf("with an unreadable file: exit %d", code)
	}
	var files []file
	for _, line := range strings.Split(strings.TrimSuffix(stdout, "\n"), "\n") {
		var f file
		if err := json.Unmarshal([]byte(line), &f); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		files = append(files, f)
	}
	if len(files) != 3 {
		t.Fatalf("%d lines, want 3:\n%s", len(files), stdout)
	}
	if f := files[0]; f.File != "TMP/d.xlsx" || f.Status != "clean" || f.Code != "999001" || f.Findings == nil || len(f.Findings) != 0 {
		t.Errorf("clean file: %+v", f)
	}
	wantErr := "TMP/notes.txt：不是可读取的 .xlsx 工作簿：这是文本文件（如 CSV），不是工作簿：请用 Excel 或 WPS 打开，另存为“Excel 工作簿（.xlsx）”"
	if f := files[1]; f.File != "TMP/notes.txt" || f.Status != "unreadable" || f.Error != wantErr {
		t.Errorf("unreadable file: %+v", f)
	}
	if stderr != "错误："+wantErr+"\n" {
		t.Errorf("stderr: %q", stderr)
	}
	if files[2].File != "TMP/q.xlsx" || files[2].Errors != 8 {
		t.Errorf("third file: %+v", files[2].File)
	}
}

// TestVerifyTwoFiles: with more than one file each file gets one line and
// its first errors, in the order given, then the totals; --all prints
// each whole report as it would be alone. One with errors makes the exit
// status 1, and a file that cannot be read makes it 2 while the others
// are still reported.
func TestVerifyTwoFiles(t *testing.T) {
	tmp := filledBooks(t)
	_, demo, _ := run(t, tmp, "verify", "--templates", "../templates", "TMP/d.xlsx")
	_, qijiang, _ := run(t, tmp, "verify", "--templates", "../templates", "TMP/q.xlsx")
	code, stdout, stderr := run(t, tmp, "verify", "--all", "--templates", "../templates", "TMP/d.xlsx", "TMP/q.xlsx")
	if code != 1 || stderr != "" {
		t.Errorf("exit %d, stderr %q; want 1 and none", code, stderr)
	}
	totals := "共 2 个文件：1 个有错误，0 个有警告，0 个仅有提示，1 个无误，0 个无法读取\n"
	if stdout != demo+qijiang+totals {
		t.Errorf("--all: stdout is not both reports in order:\n%s", stdout)
	}

	code, stdout, stderr = run(t, tmp, "verify", "--templates", "../templates", "TMP/q.xlsx", "TMP/notes.txt", "TMP/d.xlsx")
	if code != 2 {
		t.Errorf("with an unreadable file: exit %d, want 2", code)
	}
	golden(t, "verify-three.zh", stdout)
	if stderr != "错误：TMP/notes.txt：不是可读取的 .xlsx 工作簿：这是文本文件（如 CSV），不是工作簿：请用 Excel 或 WPS 打开，另存为“Excel 工作簿（.xlsx）”\n" {
		t.Errorf("stderr: %q", stderr)
	}
}

// TestVerifyAnnotate: --annotate with one workbook writes the reviewer's
// copy and prints the same report as without it.
func TestVerifyAnnotate(t *testing.T) {
	tmp := filledBooks(t)
	_, plain, _ := run(t, tmp, "verify", "--templates", "../templates", "TMP/q.xlsx")
	code, stdout, stderr := run(t, tmp, "verify", "--templates", "../templates", "--annotate", "TMP/out/a.xlsx", "TMP/q.xlsx")
	if code != 1 || stderr != "" {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if stdout != plain {
		t.Errorf("stdout differs from the report without --annotate:\n%s", stdout)
	}
	if _, err := os.Stat(filepath.Join(tmp, "out", "a.xlsx")); err != nil {
		t.Error(err)
	}
}
