package cli

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"budgetxl/internal/oracle"
)

// TestPDFErrors: every wrong call of pdf says what is wrong, exits 2 and
// writes nothing.
func TestPDFErrors(t *testing.T) {
	tmp := t.TempDir()
	os.WriteFile(filepath.Join(tmp, "a.xlsx"), []byte("PK\x03\x04 not really"), 0o644)
	os.WriteFile(filepath.Join(tmp, "notes.txt"), []byte("hello"), 0o644)
	tests := []struct {
		args []string
		env  string
		want string
	}{
		{[]string{"pdf"}, "", "错误：pdf 需要一个工作簿，给了 0 个参数：budgetxl pdf 文件.xlsx\n"},
		{[]string{"pdf", "TMP/a.xlsx", "TMP/b.xlsx"}, "", "错误：pdf 需要一个工作簿，给了 2 个参数：budgetxl pdf 文件.xlsx\n"},
		{[]string{"pdf", "TMP/none.xlsx"}, "", "错误：TMP/none.xlsx: 文件不存在\n"},
		{[]string{"pdf", "TMP"}, "", "错误：TMP 是一个文件夹：请给出工作簿（.xlsx）\n"},
		{[]string{"pdf", "TMP/notes.txt"}, "", "错误：TMP/notes.txt 不是 .xlsx 工作簿\n"},
		{[]string{"pdf", "TMP/a.xlsx", "-o", "TMP/./a.xlsx"}, "", "错误：TMP/./a.xlsx 是本命令读取的输入（TMP/a.xlsx），写入会覆盖它：请写到别的路径\n"},
		{[]string{"pdf", "TMP/a.xlsx", "--soffice", "TMP/nope"}, "", "错误：TMP/nope（由 --soffice 给出）：文件不存在；请给出 LibreOffice 的 soffice 的路径\n"},
		{[]string{"pdf", "TMP/a.xlsx"}, "TMP/nope", "错误：TMP/nope（由 BUDGETXL_SOFFICE 给出）：文件不存在；请给出 LibreOffice 的 soffice 的路径\n"},
		{[]string{"fill", "../samples/demo-2025", "--templates", "../templates", "-o", "TMP/d.xlsx", "--pdf"}, "TMP/nope",
			"错误：TMP/nope（由 BUDGETXL_SOFFICE 给出）：文件不存在；请给出 LibreOffice 的 soffice 的路径\n"},
	}
	for _, tc := range tests {
		t.Setenv("BUDGETXL_SOFFICE", strings.ReplaceAll(tc.env, "TMP", tmp))
		code, stdout, stderr := run(t, tmp, tc.args...)
		if code != ExitInput || stdout != "" || stderr != tc.want {
			t.Errorf("%v: exit %d, stdout %q, stderr\n%s\nwant\n%s", tc.args, code, stdout, stderr, tc.want)
		}
	}
	if got := files(t, tmp); got != "a.xlsx notes.txt" {
		t.Errorf("the folder holds %s", got)
	}
}

// TestPDF: fill --pdf writes the workbook and its PDF; pdf -o writes the
// PDF of a workbook where it is told; nothing else is left behind.
func TestPDF(t *testing.T) {
	oracle.Soffice(t)
	tmp := t.TempDir()
	code, stdout, stderr := run(t, tmp, "fill", "../samples/demo-2025", "--templates", "../templates", "-o", "TMP/out/demo.xlsx", "--pdf")
	if code != ExitOK || !strings.HasSuffix(stdout, "已写入 TMP/out/demo.pdf\n") {
		t.Fatalf("fill --pdf: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, stderr = run(t, tmp, "--lang", "en", "pdf", "TMP/out/demo.xlsx", "-o", "TMP/pub/公开.pdf")
	if code != ExitOK || stdout != "wrote TMP/pub/公开.pdf\n" {
		t.Fatalf("pdf: exit %d\n%s%s", code, stdout, stderr)
	}
	for _, p := range []string{"out/demo.pdf", "pub/公开.pdf"} {
		b, err := os.ReadFile(filepath.Join(tmp, p))
		if err != nil || !strings.HasPrefix(string(b), "%PDF-") {
			t.Errorf("%s is not a PDF: %v", p, err)
		}
	}
	if got := files(t, filepath.Join(tmp, "out")) + " | " + files(t, filepath.Join(tmp, "pub")); got != "demo.pdf demo.xlsx | 公开.pdf" {
		t.Errorf("the folders hold %s", got)
	}
}

// files lists the names in dir, sorted.
func files(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return strings.Join(names, " ")
}
