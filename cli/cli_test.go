package cli

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// builtin stands for the files built into the program: the repository,
// laid out as the program embeds it (main_test.go checks the real ones).
var builtin = os.DirFS("..")

// run runs the command line in-process; TMP in args stands for a temp dir,
// and the temp dir's path is written as TMP in the outputs.
func run(t *testing.T, tmp string, args ...string) (int, string, string) {
	t.Helper()
	for i, a := range args {
		args[i] = strings.ReplaceAll(a, "TMP", tmp)
	}
	var out, errOut bytes.Buffer
	code := Run(args, strings.NewReader(""), &out, &errOut, builtin)
	clean := func(s string) string { return strings.ReplaceAll(s, tmp, "TMP") }
	return code, clean(out.String()), clean(errOut.String())
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./cli -update creates it)", err)
	}
	if got != string(want) {
		os.WriteFile(path+".actual", []byte(got), 0o644)
		t.Errorf("output differs from %s (see %s.actual):\n%s", path, path, got)
	}
}

// TestCommands runs whole commands and compares their output with golden files.
func TestCommands(t *testing.T) {
	cases := []struct {
		name   string
		args   []string
		code   int
		stdout string // golden file name for stdout, or "" for none expected
		stderr string // exact stderr
	}{
		{"help", []string{"--help"}, 0, "help.zh", ""},
		{"help en", []string{"--lang", "en", "-h"}, 0, "help.en", ""},
		{"no command", []string{}, 2, "", "*"},
		{"fill help", []string{"fill", "--help"}, 0, "fill-help.zh", ""},
		{"fill help en", []string{"fill", "--help", "--lang=en"}, 0, "fill-help.en", ""},
		{"fill default", []string{"--config", "../config.toml", "fill", "-o", "TMP/d.xlsx"}, 0, "fill-default.zh", ""},
		{"fill qijiang", []string{"--config", "../config.toml", "fill", "../samples/qijiang-shebao-2025", "-o", "TMP/q.xlsx"}, 1, "fill-qijiang.zh", ""},
		{"fill qijiang all", []string{"--config", "../config.toml", "fill", "--all", "../samples/qijiang-shebao-2025", "-o", "TMP/q.xlsx"}, 1, "fill-qijiang-all.zh", ""},
		{"fill demo en", []string{"--lang", "en", "fill", "../samples/demo-2025", "--templates", "../templates", "-o", "TMP/d.xlsx"}, 0, "fill-demo.en", ""},
		{"form help", []string{"form", "--help"}, 0, "form-help.zh", ""},
		{"form demo", []string{"form", "../samples/demo-2025", "--templates", "../templates", "-o", "TMP/f.xlsx"}, 0, "form-demo.zh", ""},
		{"form two folders", []string{"form", "a", "b"}, 2, "", "错误：form 只接受一个数据集文件夹，却给了 2 个参数（文件夹名中有空格时，请用英文双引号括起来：\"我的 单位\"）\n"},
		{"templates check", []string{"templates", "check", "../templates"}, 0, "templates-check.zh", ""},
		{"unknown command", []string{"fil"}, 2, "", "错误：未知命令 \"fil\"：运行 budgetxl --help 查看用法\n"},
		{"bad lang", []string{"--lang", "fr", "fill"}, 2, "", "错误：--lang 为 \"fr\"，请写 zh 或 en\n"},
		{"bad flag", []string{"fill", "--bogus"}, 2, "", "错误：没有 --bogus 这个参数（用 --help 查看可用参数）\n"},
		{"no dataset folder", []string{"--config", "../config.toml", "fill", "nowhere", "-o", "TMP/x.xlsx"}, 2, "", "错误：nowhere：找不到数据集文件夹\n"},
		{"missing config", []string{"--config", "TMP/none.toml", "fill"}, 2, "", "错误：TMP/none.toml：无法读取配置文件：文件不存在\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tmp := t.TempDir()
			code, stdout, stderr := run(t, tmp, c.args...)
			if code != c.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, c.code, stderr)
			}
			if c.stdout != "" {
				golden(t, c.stdout, stdout)
			} else if c.code != 2 && stdout != "" {
				t.Errorf("unexpected stdout: %s", stdout)
			}
			if c.stderr != "*" && stderr != c.stderr {
				t.Errorf("stderr:\n%s\nwant:\n%s", stderr, c.stderr)
			}
		})
	}
}

// TestFillDefaults: with no argument, fill reads the dataset and the output
// folder from the configuration, and names the workbook after the dataset.
func TestFillDefaults(t *testing.T) {
	tmp := t.TempDir()
	abs, _ := filepath.Abs("..")
	cfg := "dataset = \"" + filepath.Join(abs, "samples", "demo-2025") + "\"\ntemplates = \"" + filepath.Join(abs, "templates") + "\"\nout = \"out\"\n"
	if err := os.WriteFile(filepath.Join(tmp, "config.toml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := run(t, tmp, "--config", "TMP/config.toml", "fill")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.HasPrefix(stdout, "已写入 TMP/out/demo-2025.xlsx\n") {
		t.Errorf("stdout: %s", stdout)
	}
	if _, err := os.Stat(filepath.Join(tmp, "out", "demo-2025.xlsx")); err != nil {
		t.Error(err)
	}
}

// TestFillBadDatasetWritesNothing: a bad amount stops fill with exit 2, a
// message naming file, line, column and value, and no workbook.
func TestFillBadDatasetWritesNothing(t *testing.T) {
	tmp := t.TempDir()
	dir := filepath.Join(tmp, "unit")
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "samples", "demo-2025"))); err != nil {
		t.Fatal(err)
	}
	csv := filepath.Join(dir, "4-2.csv")
	b, _ := os.ReadFile(csv)
	os.WriteFile(csv, bytes.Replace(b, []byte(`"1,234,567.89"`), []byte(`"1,2x3"`), 1), 0o644)
	code, stdout, stderr := run(t, tmp, "--lang", "en", "fill", "TMP/unit", "--templates", "../templates", "-o", "TMP/out/x.xlsx")
	if code != 2 || stdout != "" {
		t.Errorf("exit %d, stdout %q", code, stdout)
	}
	want := "error: TMP/unit/4-2.csv:5: column basic: \"1,2x3\" is not an amount (write digits and a decimal point, with commas only between groups of 3 digits: 1,234.56)\n"
	if stderr != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
	}
	if _, err := os.Stat(filepath.Join(tmp, "out")); !os.IsNotExist(err) {
		t.Errorf("output folder written: %v", err)
	}
}

// TestTemplatesCheckProblems: a broken pack is listed with every problem
// and exit status 1.
// TestTemplatesCheckExtends: a pack that extends another is named with
// the versions of both.
func TestTemplatesCheckExtends(t *testing.T) {
	code, stdout, stderr := run(t, t.TempDir(), "templates", "check", filepath.Join("..", "testdata", "features", "extends", "pack"))
	want := filepath.Join("..", "testdata", "features", "extends", "pack") + "：模板包 extends-demo 2.0.0 ← extends-base 1.0.0，2 张表，没有问题\n"
	if code != 0 || stderr != "" || stdout != want {
		t.Errorf("exit %d, stdout %q, stderr %q; want %q", code, stdout, stderr, want)
	}
}

func TestTemplatesCheckProblems(t *testing.T) {
	tmp := t.TempDir()
	dir := filepath.Join(tmp, "bad")
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "templates", "cq-2025"))); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "4-2.toml")
	b, _ := os.ReadFile(file)
	b = bytes.Replace(b, []byte(`formula = "{basic} + {project}"`), []byte(`formula = "{basci} + {project}"`), 1)
	b = bytes.Replace(b, []byte(`orientation = "portrait"`), []byte(`orientation = "portrait"`+"\nwidht = 3"), 1)
	os.WriteFile(file, b, 0o644)
	code, stdout, stderr := run(t, tmp, "templates", "check", "TMP/bad")
	if code != 1 || stderr != "" {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	golden(t, "templates-check-bad.zh", stdout)
}

// TestTemplatesCheckExtendsBuiltin: a bureau's pack on disk that extends a
// pack built into the program is checked with its base, as fill finds it.
func TestTemplatesCheckExtendsBuiltin(t *testing.T) {
	tmp := t.TempDir()
	dir := filepath.Join(tmp, "xq-2025")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "pack.toml"), []byte("id = \"xq-2025\"\nversion = \"1.0.0\"\nextends = \"cq-2025\"\n"), 0o644)
	code, stdout, stderr := run(t, tmp, "templates", "check", "TMP/xq-2025")
	if code != 0 || stderr != "" || !strings.Contains(stdout, "模板包 xq-2025 1.0.0 ← cq-2025 ") || !strings.Contains(stdout, "没有问题") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}
