package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"budgetxl/workbook"
)

// TestFillDistrict: fill of a folder of unit folders writes one workbook
// per unit under -o, reports each in one line (a unit whose dataset cannot
// be read is not written, exit status 2) and writes the summary.
func TestFillDistrict(t *testing.T) {
	tmp := t.TempDir()
	for to, from := range map[string]string{"units/部门1/文化馆": "demo-2025", "units/部门2/社保": "qijiang-shebao-2025"} {
		if err := os.CopyFS(filepath.Join(tmp, filepath.FromSlash(to)), os.DirFS(filepath.Join("..", "samples", from))); err != nil {
			t.Fatal(err)
		}
	}
	bad := filepath.Join(tmp, "units", "部门2", "坏")
	os.MkdirAll(bad, 0o755)
	os.WriteFile(filepath.Join(bad, "unit.toml"), []byte("name = \n"), 0o644)

	code, stdout, stderr := run(t, tmp, "fill", "TMP/units", "--templates", "../templates", "-o", "TMP/out", "--summary", "TMP/汇总.xlsx", "-j", "2")
	if code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	golden(t, "fill-district.zh", stdout)
	if stderr != "错误：TMP/units/部门2/坏/unit.toml:1: 值应为英文双引号括起的文字、数字、true 或 false，这里是 行尾：文字请用英文双引号括起来\n" {
		t.Errorf("stderr: %q", stderr)
	}
	for _, f := range []string{"部门1/文化馆.xlsx", "部门2/社保.xlsx"} {
		if _, err := os.Stat(filepath.Join(tmp, "out", filepath.FromSlash(f))); err != nil {
			t.Error(err)
		}
	}
	if _, err := os.Stat(filepath.Join(tmp, "out", "部门2", "坏.xlsx")); !os.IsNotExist(err) {
		t.Errorf("the unit that cannot be read was written: %v", err)
	}
	wb, err := workbook.Read(filepath.Join(tmp, "汇总.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	s := wb.Sheet("审核汇总")
	var rows []string
	for r := 2; r <= s.LastRow(); r++ {
		rows = append(rows, strings.ReplaceAll(s.Text(1, r)+" "+s.Text(2, r)+" "+s.Text(6, r)+" "+s.Text(10, r), tmp, "TMP"))
	}
	want := "TMP/out/部门1/文化馆.xlsx 重庆市綦江区演示文化馆 0 无误\nTMP/out/部门2/坏.xlsx   无法读取\nTMP/out/部门2/社保.xlsx 重庆市綦江区社会保险事务中心 8 有错误"
	if got := strings.Join(rows, "\n"); got != want {
		t.Errorf("summary:\n%s\nwant\n%s", got, want)
	}
	// The workbooks written are what verify finds: the same run of verify
	// over the output folder gives the same lines for them.
	_, verified, _ := run(t, tmp, "verify", "--templates", "../templates", "TMP/out")
	if !strings.Contains(verified, "TMP/out/部门1/文化馆.xlsx：重庆市綦江区演示文化馆（999001）：无误\n") || !strings.Contains(verified, "TMP/out/部门2/社保.xlsx：重庆市綦江区社会保险事务中心：8 个错误，14 个警告，15 个提示\n") {
		t.Errorf("verify of the written workbooks:\n%s", verified)
	}

	for _, c := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"-o", "TMP/a.xlsx"}, "错误：TMP/a.xlsx：给出单位文件夹所在的文件夹时，-o 是存放各单位工作簿的文件夹\n"},
		{[]string{"--pdf", "-o", "TMP/o"}, "错误：--pdf 只用于一个单位：给出单位文件夹所在的文件夹时，请用 budgetxl pdf 逐个打印工作簿\n"},
		{[]string{"-o", "TMP/units/out"}, "错误：TMP/units/out 位于本命令读取的 TMP/units 之中：请写到这个文件夹以外\n"},
	} {
		code, stdout, stderr := run(t, tmp, append([]string{"fill", "TMP/units", "--templates", "../templates"}, c.args...)...)
		if code != 2 || stdout != "" || stderr != c.stderr {
			t.Errorf("%v: exit %d, stdout %q, stderr:\n%s\nwant:\n%s", c.args, code, stdout, stderr, c.stderr)
		}
	}
	if code, _, stderr := run(t, tmp, "fill", "../samples/demo-2025", "--templates", "../templates", "--summary", "TMP/s.xlsx"); code != 2 || !strings.HasPrefix(stderr, "错误：--summary 用于存放多个单位文件夹的文件夹") {
		t.Errorf("--summary for one unit: exit %d, %s", code, stderr)
	}
}
