package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSample: sample writes the example datasets built into the program
// (the repository's samples stand for them) into new folders, byte for
// byte, says how to use them, and refuses to write over a folder that is
// not empty; what it writes fills and explains as the repository's samples do.
func TestSample(t *testing.T) {
	tmp := t.TempDir()
	os.MkdirAll(filepath.Join(tmp, "s", "demo-2025"), 0o755) // an empty folder is taken
	code, stdout, stderr := run(t, tmp, "sample", "TMP/s")
	want := "已写入程序内置的示例数据集：TMP/s/demo-2024（11 个文件）、TMP/s/demo-2025（12 个文件）、TMP/s/qijiang-shebao-2025（11 个文件）\n" +
		"  budgetxl fill TMP/s/demo-2025   生成它的工作簿\n" +
		"  budgetxl explain TMP/s/demo-2025 --prior TMP/s/demo-2024   对照上年起草它的情况说明\n" +
		"  自己单位的数据集也是这样一个文件夹：自己的 unit.toml 和每张表一个文件\n"
	if code != ExitOK || stdout != want || stderr != "" {
		t.Fatalf("sample: exit %d, stderr %q, stdout:\n%s\nwant:\n%s", code, stderr, stdout, want)
	}
	for _, name := range []string{"demo-2024", "demo-2025", "qijiang-shebao-2025"} {
		sameFiles(t, filepath.Join(tmp, "s", name), filepath.Join("..", "samples", name))
	}
	if got := files(t, filepath.Join(tmp, "s")); got != "demo-2024 demo-2025 qijiang-shebao-2025" {
		t.Errorf("the folder holds %s (a temporary folder left?)", got)
	}
	// The commands it gives work.
	if code, stdout, _ := run(t, tmp, "fill", "TMP/s/demo-2025", "-o", "TMP/out/demo.xlsx"); code != ExitOK {
		t.Errorf("fill: exit %d\n%s", code, stdout)
	}
	code, stdout, _ = run(t, tmp, "explain", "TMP/s/demo-2025", "--prior", "TMP/s/demo-2024", "-o", "TMP/out/demo.docx")
	if code != ExitOK || !strings.Contains(stdout, "  上年数据：TMP/s/demo-2024；已计算 17 处增减\n") {
		t.Errorf("explain: exit %d\n%s", code, stdout)
	}

	// Never over a folder that is not empty: nothing is written, the clerk's edit stays.
	edited := filepath.Join(tmp, "s", "demo-2025", "4-2.csv")
	os.WriteFile(edited, []byte("改过的"), 0o644)
	os.RemoveAll(filepath.Join(tmp, "s", "demo-2024"))
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"sample", "TMP/s"}, "错误：TMP/s/demo-2025 已存在且不为空：sample 只写入新的或空的文件夹，从不覆盖已有文件；请换一个文件夹（budgetxl sample 文件夹）\n"},
		{[]string{"--lang", "en", "sample", "TMP/s"}, "error: TMP/s/demo-2025 already exists and is not empty: sample writes only into new or empty folders, so that it never writes over files; give another folder (budgetxl sample FOLDER)\n"},
		{[]string{"sample", "TMP/a", "TMP/b"}, "错误：sample 只需要一个文件夹，实际给了 2 个参数（含空格的文件夹名请加英文双引号：\"我的 单位\"）\n"},
	} {
		code, stdout, stderr := run(t, tmp, c.args...)
		if code != ExitInput || stdout != "" || stderr != c.want {
			t.Errorf("%v: exit %d, stdout %q, stderr:\n%s\nwant:\n%s", c.args, code, stdout, stderr, c.want)
		}
	}
	if b, _ := os.ReadFile(edited); string(b) != "改过的" {
		t.Error("sample wrote over an edited file")
	}
	if got := files(t, filepath.Join(tmp, "s")); got != "demo-2025 qijiang-shebao-2025" {
		t.Errorf("a refused sample wrote %s", got)
	}
	if got := files(t, tmp); got != "out s" {
		t.Errorf("the folder holds %s", got)
	}
}
