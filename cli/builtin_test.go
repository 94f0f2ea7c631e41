package cli

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"budgetxl/dataset"
)

// The tests run in cli/, which has no config.toml and no templates/: the
// commands use the built-in configuration, sample and packs (the
// repository stands for them, see builtin).

// TestBuiltinSample: with no dataset and no config.toml, fill fills the
// built-in sample with the built-in pack and says so; every command finds
// the built-in pack.
func TestBuiltinSample(t *testing.T) {
	tmp := t.TempDir()
	code, stdout, stderr := run(t, tmp, "fill", "-o", "TMP/s.xlsx")
	if code != 0 {
		t.Fatalf("fill: exit %d: %s", code, stderr)
	}
	golden(t, "fill-builtin.zh", stdout)

	for _, c := range []struct {
		args []string
		want string // a line of stdout
	}{
		{[]string{"verify", "TMP/s.xlsx"}, "TMP/s.xlsx：模板包 cq-2025 1.1.0（内置），重庆市綦江区演示文化馆"},
		{[]string{"--lang", "en", "verify", "TMP/s.xlsx"}, "TMP/s.xlsx: pack cq-2025 1.1.0 (built-in), 重庆市綦江区演示文化馆"},
		{[]string{"extract", "TMP/s.xlsx", "-o", "TMP/data"}, "已写入数据集 TMP/data（重庆市綦江区演示文化馆，模板包 cq-2025 1.1.0（内置））"},
		{[]string{"form", "-o", "TMP/f.xlsx"}, "  模板包 cq-2025 1.1.0（内置）"},
		{[]string{"import", "../testdata/seed.txt", "-o", "TMP/q"}, "已写入数据集 TMP/q（重庆市綦江区社会保险事务中心，模板包 cq-2025 1.1.0（内置））"},
		{[]string{"templates", "check"}, "（内置）cq-2025：模板包 cq-2025 1.1.0，10 张表，没有问题"},
		{[]string{"templates", "list"}, "cq-2025 1.1.0：重庆市区县部门预算公开表（内置）"},
	} {
		code, stdout, stderr := run(t, tmp, c.args...)
		if code > 1 || !strings.Contains("\n"+stdout, "\n"+c.want+"\n") {
			t.Errorf("%s: exit %d, stderr %q, stdout:\n%s\nwant the line %q", strings.Join(c.args, " "), code, stderr, stdout, c.want)
		}
	}
	// What the built-in pack read back is the built-in sample.
	// The 情况说明's facts are not in the workbook: extract cannot give them back.
	sameFiles(t, filepath.Join(tmp, "data"), filepath.Join("..", "samples", "demo-2025"), dataset.FactsFile)
}

// TestDiskPackFirst: a pack on disk is used instead of the built-in one of
// the same id, and its problems are its own, never hidden by the built-in.
func TestDiskPackFirst(t *testing.T) {
	tmp := t.TempDir()
	dir := filepath.Join(tmp, "templates", "cq-2025")
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "templates", "cq-2025"))); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := run(t, tmp, "fill", "../samples/demo-2025", "--templates", "TMP/templates", "-o", "TMP/d.xlsx")
	if code != 0 || !strings.Contains(stdout, "\n  模板包 cq-2025 1.1.0（TMP/templates/cq-2025）\n") {
		t.Errorf("exit %d, stderr %q, stdout:\n%s", code, stderr, stdout)
	}
	code, stdout, _ = run(t, tmp, "templates", "list", "--templates", "TMP/templates")
	want := "cq-2025 1.1.0：重庆市区县部门预算公开表（TMP/templates/cq-2025）\n" +
		"cq-2025 1.1.0：重庆市区县部门预算公开表（内置，已被 TMP/templates/cq-2025 覆盖）\n"
	if code != 0 || stdout != want {
		t.Errorf("list: exit %d:\n%s\nwant:\n%s", code, stdout, want)
	}

	b, _ := os.ReadFile(filepath.Join(dir, "4-3.toml"))
	os.WriteFile(filepath.Join(dir, "4-3.toml"), bytes.Replace(b, []byte(`orientation = "portrait"`), []byte(`orientation = "vertical"`), 1), 0o644)
	code, stdout, stderr = run(t, tmp, "--lang", "en", "fill", "../samples/demo-2025", "--templates", "TMP/templates", "-o", "TMP/e.xlsx")
	if want := "error: TMP/templates/cq-2025/4-3.toml:6:1: orientation: is \"vertical\": use \"portrait\" or \"landscape\"\n"; code != 2 || stdout != "" || stderr != want {
		t.Errorf("broken pack on disk: exit %d, stdout %q, stderr:\n%s\nwant:\n%s", code, stdout, stderr, want)
	}
	code, stdout, _ = run(t, tmp, "templates", "list", "--templates", "TMP/templates")
	want = "cq-2025：1 个问题（运行 budgetxl templates check 查看）（TMP/templates/cq-2025）\n" +
		"cq-2025 1.1.0：重庆市区县部门预算公开表（内置，已被 TMP/templates/cq-2025 覆盖）\n"
	if code != 0 || stdout != want {
		t.Errorf("list: exit %d:\n%s\nwant:\n%s", code, stdout, want)
	}
	// A pack made from another lists the versions of both.
	code, stdout, _ = run(t, tmp, "templates", "list", "--templates", "../testdata/features/extends")
	if want := "extends-demo 2.0.0 ← extends-base 1.0.0：继承示例基础模板包（../testdata/features/extends/pack）\n"; code != 0 || !strings.Contains(stdout, want) {
		t.Errorf("list of an extending pack: exit %d:\n%s\nwant a line:\n%s", code, stdout, want)
	}
	// and so do fill and verify
	code, stdout, _ = run(t, tmp, "fill", "../testdata/features/extends/unit", "--templates", "../testdata/features/extends", "-o", "TMP/x.xlsx")
	if want := "  模板包 extends-demo 2.0.0 ← extends-base 1.0.0（../testdata/features/extends/pack）\n"; !strings.Contains(stdout, want) {
		t.Errorf("fill of an extending pack: exit %d:\n%s\nwant a line:\n%s", code, stdout, want)
	}
	code, stdout, _ = run(t, tmp, "verify", "TMP/x.xlsx", "--templates", "../testdata/features/extends")
	if want := "TMP/x.xlsx：模板包 extends-demo 2.0.0 ← extends-base 1.0.0（../testdata/features/extends/pack），"; code != 0 || !strings.HasPrefix(stdout, want) {
		t.Errorf("verify of an extending pack: exit %d:\n%s\nwant it to begin:\n%s", code, stdout, want)
	}
	code, _, stderr = run(t, tmp, "fill", "../samples/demo-2025", "--templates", "TMP/none")
	if want := "错误：TMP/none：找不到模板包文件夹\n"; code != 2 || stderr != want {
		t.Errorf("--templates that does not exist: exit %d, stderr %q, want %q", code, stderr, want)
	}
}

// TestTemplatesExport: export writes the built-in pack as it is, into a new
// or empty folder only.
func TestTemplatesExport(t *testing.T) {
	tmp := t.TempDir()
	files := 0
	fs.WalkDir(os.DirFS(filepath.Join("..", "templates", "cq-2025")), ".", func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files++
		}
		return err
	})
	code, stdout, stderr := run(t, tmp, "templates", "export", "cq-2025", "TMP/mine")
	want := fmt.Sprintf("已将内置模板包 cq-2025 1.1.0 导出到 TMP/mine（%d 个文件）\n", files) +
		"  修改后用 budgetxl templates check TMP/mine 检查；放在 config.toml 旁的 templates/cq-2025 中（或用 --templates 指定）时，它代替内置模板包使用\n"
	if code != 0 || stdout != want || stderr != "" {
		t.Fatalf("exit %d, stderr %q, stdout:\n%s\nwant:\n%s", code, stderr, stdout, want)
	}
	mine := filepath.Join(tmp, "mine")
	sameFiles(t, mine, filepath.Join("..", "templates", "cq-2025"))
	if entries, _ := os.ReadDir(tmp); len(entries) != 1 {
		t.Errorf("export left %d entries in its parent folder, want 1 (no temporary folder)", len(entries))
	}

	// The exported pack makes the same workbook as the built-in one.
	code, stdout, _ = run(t, tmp, "fill", "../samples/demo-2025", "--templates", "TMP/mine", "-o", "TMP/d.xlsx")
	if code != 0 || !strings.Contains(stdout, "\n  模板包 cq-2025 1.1.0（TMP/mine）\n") {
		t.Errorf("fill with the exported pack: exit %d:\n%s", code, stdout)
	}

	// A second export refuses, and leaves the bureau's edits alone.
	edited := filepath.Join(mine, "4-1.toml")
	if err := os.WriteFile(edited, []byte("# edited\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = run(t, tmp, "templates", "export", "cq-2025", "TMP/mine")
	if want := "错误：TMP/mine 已存在且不为空：export 只写入新的或空的文件夹，从不覆盖已有文件；请换一个文件夹\n"; code != 2 || stdout != "" || stderr != want {
		t.Errorf("export over a folder: exit %d, stdout %q, stderr:\n%s\nwant:\n%s", code, stdout, stderr, want)
	}
	if b, _ := os.ReadFile(edited); string(b) != "# edited\n" {
		t.Errorf("export wrote over %s", edited)
	}

	if err := os.Mkdir(filepath.Join(tmp, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run(t, tmp, "templates", "export", "cq-2025", "TMP/empty"); code != 0 {
		t.Errorf("export into an empty folder: exit %d: %s", code, stderr)
	}
	sameFiles(t, filepath.Join(tmp, "empty"), filepath.Join("..", "templates", "cq-2025"))

	for _, c := range []struct{ args, stderr string }{
		{"templates export cq-2024 TMP/x", "错误：\"cq-2024\" 不是内置模板包（内置的有：cq-2025）\n"},
		{"templates export cq-2025", "错误：用法：budgetxl templates list | check [文件夹] | export 编号 文件夹\n"},
		{"templates", "错误：用法：budgetxl templates list | check [文件夹] | export 编号 文件夹\n"},
	} {
		code, _, stderr := run(t, tmp, strings.Fields(c.args)...)
		if code != 2 || stderr != c.stderr {
			t.Errorf("%s: exit %d, stderr %q, want %q", c.args, code, stderr, c.stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(tmp, "x")); !os.IsNotExist(err) {
		t.Error("a failed export wrote a folder")
	}
}

// sameFiles checks that folders got and want hold the same files, byte for
// byte, but the files of want named in skip.
func sameFiles(t *testing.T, got, want string, skip ...string) {
	t.Helper()
	list := func(dir string) map[string]string {
		files := map[string]string{}
		err := fs.WalkDir(os.DirFS(dir), ".", func(name string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				b, err := os.ReadFile(filepath.Join(dir, name))
				files[name] = string(b)
				return err
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return files
	}
	g, w := list(got), list(want)
	for _, name := range skip {
		delete(w, name)
	}
	for name, b := range w {
		if g[name] != b {
			t.Errorf("%s: %s differs from %s", name, got, want)
		}
	}
	for name := range g {
		if _, ok := w[name]; !ok {
			t.Errorf("%s: %s has it, %s does not", name, got, want)
		}
	}
}

// TestVersion: --version names the version, commit and build date given to
// the linker, and the built-in packs.
func TestVersion(t *testing.T) {
	defer func(v, c, d string) { version, commit, date = v, c, d }(version, commit, date)
	version, commit, date = "v1.2.3", "0123456789abcdef", "2025-03-01T08:00:00Z"
	code, stdout, stderr := run(t, t.TempDir(), "--version")
	want := "budgetxl v1.2.3\n  提交：0123456789abcdef\n  构建日期：2025-03-01T08:00:00Z\n" +
		"  Go：" + runtime.Version() + "，" + runtime.GOOS + "/" + runtime.GOARCH + "\n  内置模板包：cq-2025 1.1.0\n"
	if code != 0 || stdout != want || stderr != "" {
		t.Errorf("exit %d, stderr %q, stdout:\n%s\nwant:\n%s", code, stderr, stdout, want)
	}
	code, stdout, _ = run(t, t.TempDir(), "--lang", "en", "--version")
	if !strings.HasPrefix(stdout, "budgetxl v1.2.3\n  commit: 0123456789abcdef\n  build date: 2025-03-01T08:00:00Z\n") || code != 0 {
		t.Errorf("en: exit %d:\n%s", code, stdout)
	}
}

// TestBuildInfoFallback: without linker values, the version control
// information Go records stands in.
func TestBuildInfoFallback(t *testing.T) {
	defer func(v, c, d string) { version, commit, date = v, c, d }(version, commit, date)
	version, commit, date = "", "", ""
	bi := &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "fedcba"}, {Key: "vcs.time", Value: "2025-04-01T00:00:00Z"}, {Key: "vcs.modified", Value: "true"},
	}}
	if got, want := buildOf(bi), (build{Commit: "fedcba", Date: "2025-04-01T00:00:00Z", Modified: true}); got != want {
		t.Errorf("devel build: %+v, want %+v", got, want)
	}
	bi.Main.Version = "v0.9.0"
	bi.Settings = nil
	if got, want := buildOf(bi), (build{Version: "v0.9.0"}); got != want {
		t.Errorf("go install: %+v, want %+v", got, want)
	}
	if got := buildOf(nil); got != (build{}) {
		t.Errorf("no build info: %+v", got)
	}
	version, commit = "v1.0.0", "abc"
	bi.Settings = []debug.BuildSetting{{Key: "vcs.revision", Value: "fedcba"}, {Key: "vcs.modified", Value: "true"}}
	if got, want := buildOf(bi), (build{Version: "v1.0.0", Commit: "abc"}); got != want {
		t.Errorf("linker values first: %+v, want %+v", got, want)
	}
}
