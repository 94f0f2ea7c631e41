package cli

import (
	"bytes"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"budgetxl/msg"
	"budgetxl/review"
	"budgetxl/workbook"
)

// inbox lays out a reviewer's inbox from the filled samples: two
// departments' folders with the demo (clean), a copy of it (the same
// unit code), qijiang (errors), a file that is no workbook, an Excel lock
// file and a text file; it returns the temp dir.
func inbox(t *testing.T) string {
	t.Helper()
	tmp := filledBooks(t)
	files := map[string]string{
		"收件/部门A/文化馆.xlsx":   "d.xlsx",
		"收件/部门A/~$文化馆.xlsx": "",
		"收件/部门B/社保中心.xlsx":  "q.xlsx",
		"收件/部门B/文化馆副本.xlsx": "d.xlsx",
		"收件/部门B/坏文件.xlsx":   "notes.txt",
		"收件/部门B/说明.txt":     "notes.txt",
	}
	for to, from := range files {
		b := []byte("lock")
		if from != "" {
			var err error
			if b, err = os.ReadFile(filepath.Join(tmp, from)); err != nil {
				t.Fatal(err)
			}
		}
		p := filepath.Join(tmp, filepath.FromSlash(to))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return tmp
}

// TestVerifyFolder: a folder and a pattern give the same workbooks (lock
// and text files left out), checked with one job or two to the same
// output: one line per file, its first errors, the checks across files
// and the totals; exit status 2 for the file that cannot be read.
func TestVerifyFolder(t *testing.T) {
	tmp := inbox(t)
	_, want, _ := run(t, tmp, "verify", "--templates", "../templates", "--jobs", "1", "TMP/收件")
	golden(t, "verify-folder.zh", want)
	for _, args := range [][]string{
		{"TMP/收件"},
		{"--jobs", "2", "TMP/收件"},
		{"-j", "2", "TMP/收件/*/*.xlsx"},
		{"TMP/收件/部门A", "TMP/收件/部门B/*.xlsx", "TMP/收件/部门A/文化馆.xlsx"},
	} {
		code, stdout, stderr := run(t, tmp, append([]string{"verify", "--templates", "../templates"}, args...)...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
		if stdout != want {
			t.Errorf("%v: stdout\n%s\nwant\n%s", args, stdout, want)
		}
		if stderr != "错误：TMP/收件/部门B/坏文件.xlsx：不是可读取的 .xlsx 工作簿：这是文本文件（如 CSV），不是工作簿：请用 Excel 或 WPS 打开，另存为“Excel 工作簿（.xlsx）”\n" {
			t.Errorf("%v: stderr %q", args, stderr)
		}
	}
	// Without the unreadable file the status is 1 (errors); the demo alone 0.
	if code, _, _ := run(t, tmp, "verify", "--templates", "../templates", "TMP/收件/部门B/社保中心.xlsx", "TMP/收件/部门A"); code != 1 {
		t.Errorf("errors: exit %d, want 1", code)
	}
	if code, _, _ := run(t, tmp, "verify", "--templates", "../templates", "TMP/收件/部门A"); code != 0 {
		t.Errorf("clean: exit %d, want 0", code)
	}
	// A duplicated unit code alone is an error of both files.
	code, stdout, stderr := run(t, tmp, "--lang", "en", "verify", "--templates", "../templates", "TMP/收件/部门A", "TMP/收件/部门B/文化馆副本.xlsx")
	if code != 1 || stderr != "" || !strings.HasPrefix(stdout, "TMP/收件/部门A/文化馆.xlsx: 重庆市綦江区演示文化馆 (999001): 1 errors, 0 warnings, 0 notes\n    ERROR - district.unit-code: unit code 999001") ||
		!strings.HasSuffix(stdout, "2 files: 2 with errors, 0 with warnings, 0 with notes only, 0 clean, 0 cannot be read\n") {
		t.Errorf("exit %d:\n%s", code, stdout)
	}
	// Patterns and folders that give nothing.
	code, stdout, stderr = run(t, tmp, "verify", "--templates", "../templates", "TMP/收件/*.xls", "TMP/收件/部门A")
	if code != 2 || stderr != "错误：TMP/收件/*.xls：没有与此通配符匹配的 .xlsx 工作簿\n" || !strings.Contains(stdout, "无法读取：TMP/收件/*.xls：") {
		t.Errorf("no match: exit %d, stderr %q\n%s", code, stderr, stdout)
	}
}

// TestVerifySummary: --summary writes the workbook or the CSV file of the
// run, beside or inside the folder checked (a later run leaves it out),
// never over an input; --annotate-dir writes the copies of the files with
// findings, which the summary links.
func TestVerifySummary(t *testing.T) {
	tmp := inbox(t)
	code, stdout, stderr := run(t, tmp, "verify", "--templates", "../templates", "TMP/收件", "--summary", "TMP/收件/审核汇总.xlsx", "--annotate-dir", "TMP/收件/标注")
	if code != 2 || !strings.HasSuffix(stdout, "已写入审核汇总 TMP/收件/审核汇总.xlsx\n") {
		t.Fatalf("exit %d, stderr %s\n%s", code, stderr, stdout)
	}
	wb, err := workbook.Read(filepath.Join(tmp, "收件", "审核汇总.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	files := wb.Sheet("审核汇总")
	var rows []string
	for r := 2; r <= files.LastRow(); r++ {
		rows = append(rows, strings.ReplaceAll(files.Text(1, r)+" "+files.Text(6, r)+" "+files.Text(10, r)+" "+files.Text(11, r), tmp, "TMP"))
	}
	want := []string{
		"TMP/收件/部门A/文化馆.xlsx 1 有错误 标注/部门A/文化馆.xlsx",
		"TMP/收件/部门B/坏文件.xlsx  无法读取 ",
		"TMP/收件/部门B/文化馆副本.xlsx 1 有错误 标注/部门B/文化馆副本.xlsx",
		"TMP/收件/部门B/社保中心.xlsx 8 有错误 标注/部门B/社保中心.xlsx",
	}
	if strings.Join(rows, "\n") != strings.Join(want, "\n") {
		t.Errorf("summary rows:\n%s\nwant\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
	}
	for _, copy := range []string{"部门A/文化馆.xlsx", "部门B/文化馆副本.xlsx", "部门B/社保中心.xlsx"} {
		if _, err := os.Stat(filepath.Join(tmp, "收件", "标注", filepath.FromSlash(copy))); err != nil {
			t.Error(err)
		}
	}
	// Again: the summary and the copies of the first run are not checked.
	code, stdout, _ = run(t, tmp, "--lang", "en", "verify", "--templates", "../templates", "TMP/收件", "--summary", "TMP/收件/审核汇总.xlsx", "--annotate-dir", "TMP/收件/标注")
	if code != 2 || !strings.Contains(stdout, "\n4 files:") {
		t.Errorf("second run: exit %d\n%s", code, stdout)
	}
	// As CSV.
	if code, _, stderr := run(t, tmp, "--lang", "en", "verify", "--templates", "../templates", "TMP/收件", "--summary", "TMP/审核汇总.csv", "--annotate-dir", "TMP/收件/标注"); code != 2 {
		t.Errorf("CSV: exit %d, %s", code, stderr)
	}
	b, err := os.ReadFile(filepath.Join(tmp, "审核汇总.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("\uFEFFfile,unit,unit code,department,template pack,errors,warnings,notes,main rules,status,annotated copy,reason\r\n")) {
		t.Errorf("CSV header: %q", b[:min(len(b), 200)])
	}
	records, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF")))).ReadAll()
	if err != nil || len(records) != 5 {
		t.Fatalf("%d records, %v", len(records), err)
	}
	if r := records[4]; r[1] != "重庆市綦江区社会保险事务中心" || r[5] != "8" || r[9] != "with errors" || r[10] != "收件/标注/部门B/社保中心.xlsx" {
		t.Errorf("CSV row: %q", r)
	}

	// Never over an input, nor of another type.
	for _, c := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"TMP/收件", "--summary", "TMP/收件/部门A/文化馆.xlsx"},
			"错误：TMP/收件/部门A/文化馆.xlsx 是本命令读取的输入（TMP/收件/部门A/文化馆.xlsx），写入会覆盖它：请写到别的路径\n"},
		{[]string{"TMP/收件", "--summary", "TMP/审核汇总.txt"},
			"错误：TMP/审核汇总.txt：审核汇总只能是工作簿或 CSV 文件：请用以 .xlsx 或 .csv 结尾的文件名\n"},
		{[]string{"TMP/收件/部门A", "--annotate-dir", "TMP/收件"},
			"错误：TMP/收件 中有本命令读取的 TMP/收件/部门A/文化馆.xlsx，写入会替换掉它：请写到别的文件夹\n"},
		{[]string{"TMP/收件/部门A", "--annotate", "TMP/a.xlsx", "TMP/收件/部门B"},
			"错误：--annotate 只能用于一个工作簿，却给了 4 个\n"},
		{[]string{"TMP/收件", "--prior", "../samples/demo-2024"},
			"错误：--prior 是一个单位的上年数据：只能用于一个工作簿，却给了 4 个\n"},
		{[]string{"TMP/收件/部门A", "--jobs", "-1"},
			"错误：--jobs 为 -1：请给 1 或更大的数（0 表示 CPU 核数）\n"},
	} {
		before, _ := os.ReadFile(filepath.Join(tmp, "收件", "部门A", "文化馆.xlsx"))
		code, stdout, stderr := run(t, tmp, append([]string{"verify", "--templates", "../templates"}, c.args...)...)
		if code != 2 || stdout != "" || stderr != c.stderr {
			t.Errorf("%v: exit %d, stdout %q, stderr:\n%s\nwant:\n%s", c.args, code, stdout, stderr, c.stderr)
		}
		if after, _ := os.ReadFile(filepath.Join(tmp, "收件", "部门A", "文化馆.xlsx")); !bytes.Equal(before, after) {
			t.Errorf("%v: an input was changed", c.args)
		}
	}
}

// TestVerifyProgress: the progress line is drawn on a terminal only, not
// with --quiet, and erased before the output it would cut.
func TestVerifyProgress(t *testing.T) {
	tmp := inbox(t)
	saved := terminal
	defer func() { terminal = saved }()
	terminal = func(io.Writer) (bool, int) { return true, 60 }
	_, stdout, stderr := run(t, tmp, "verify", "--templates", "../templates", "TMP/收件/部门A", "TMP/收件/部门B/社保中心.xlsx")
	if !strings.Contains(stderr, "\r已审核 2/2，") || !strings.HasSuffix(stderr, "\r") {
		t.Errorf("no progress drawn and erased: %q", stderr)
	}
	if strings.Contains(stdout, "\r") {
		t.Errorf("progress on stdout: %q", stdout)
	}
	_, _, stderr = run(t, tmp, "verify", "--quiet", "--templates", "../templates", "TMP/收件/部门A", "TMP/收件/部门B/社保中心.xlsx")
	if stderr != "" {
		t.Errorf("--quiet: %q", stderr)
	}
	terminal = saved
	if _, _, stderr = run(t, tmp, "verify", "--templates", "../templates", "TMP/收件/部门A"); stderr != "" {
		t.Errorf("not a terminal: %q", stderr)
	}
}

// TestProgressText: done/total, time left, and the current file cut from
// the left to the terminal's width.
func TestProgressText(t *testing.T) {
	cases := []struct {
		p     review.Progress
		width int
		lang  msg.Lang
		want  string
	}{
		{review.Progress{Done: 0, Total: 300, Current: "收件/a.xlsx"}, 80, msg.ZH, "已审核 0/300，正在估算剩余时间：收件/a.xlsx"},
		{review.Progress{Done: 100, Total: 300, Current: "收件/a.xlsx", Elapsed: 50 * time.Second}, 80, msg.ZH, "已审核 100/300，约剩 1:40：收件/a.xlsx"},
		{review.Progress{Done: 1, Total: 3, Current: "in/a.xlsx", Elapsed: time.Hour}, 80, msg.EN, "1/3 checked, 2:00:00 left: in/a.xlsx"},
		{review.Progress{Done: 3, Total: 3, Current: "in/c.xlsx", Elapsed: time.Hour}, 80, msg.EN, "3/3 checked, done: in/c.xlsx"},
		{review.Progress{Done: 1, Total: 3, Current: "a/very/long/path/to/a/workbook.xlsx", Elapsed: time.Second}, 40, msg.EN, "1/3 checked, 0:02 left: …/workbook.xlsx"},
	}
	for _, c := range cases {
		if got := progressText(c.lang, c.p, c.width); got != c.want {
			t.Errorf("got  %q\nwant %q", got, c.want)
		}
		if w := displayWidth(progressText(c.lang, c.p, c.width)); w > c.width {
			t.Errorf("%q is %d wide, more than %d", c.want, w, c.width)
		}
	}
}
