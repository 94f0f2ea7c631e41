package main

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// TestBuiltinFiles: the program carries config.toml, every file of every
// pack in templates/ and every file of the configuration's dataset, as
// they are in the repository.
func TestBuiltinFiles(t *testing.T) {
	var cfg struct {
		Dataset string `toml:"dataset"`
	}
	src, err := fs.ReadFile(builtin, "config.toml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := toml.Decode(string(src), &cfg); err != nil || cfg.Dataset == "" {
		t.Fatalf("built-in config.toml: dataset %q, %v", cfg.Dataset, err)
	}
	dirs := []string{"config.toml", "templates", path.Clean(cfg.Dataset)}
	// every sample built in (budgetxl sample writes them) is as in the repository
	samples, err := fs.ReadDir(builtin, "samples")
	if err != nil || len(samples) < 2 {
		t.Fatalf("built-in samples %v, %v: want the demo unit and its prior year", samples, err)
	}
	for _, d := range samples {
		dirs = append(dirs, path.Join("samples", d.Name()))
	}
	// the documentation's pages (budgetxl docs writes them), not its pictures
	pages, _ := filepath.Glob(filepath.Join("docs", "*.md"))
	if len(pages) == 0 {
		t.Error("no docs/*.md")
	}
	dirs = append(dirs, pages...)
	for _, dir := range dirs {
		err := filepath.WalkDir(filepath.FromSlash(dir), func(file string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			want, err := os.ReadFile(file)
			if err != nil {
				return err
			}
			got, err := fs.ReadFile(builtin, filepath.ToSlash(file))
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("%s is not built in as it is in the repository (%v): a file whose name starts with . or _ is not embedded", file, err)
			}
			return nil
		})
		if err != nil {
			t.Error(err)
		}
	}
}

// TestBinaryAnywhere builds the program and runs it in an empty folder
// outside the repository, as a new user would: it fills the built-in
// sample, verifies and extracts it with the built-in pack, exports the
// pack and then uses the exported copy.
func TestBinaryAnywhere(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the program")
	}
	bin := filepath.Join(t.TempDir(), "budgetxl")
	build := exec.Command("go", "build", "-o", bin,
		"-ldflags", "-X budgetxl/cli.version=v0.0.1-test -X budgetxl/cli.commit=0123abc -X budgetxl/cli.date=2025-05-06T07:08:09Z", ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	repo, _ := os.Getwd()
	work := t.TempDir()
	run := func(want int, args ...string) string {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Dir = work
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if code != want {
			t.Fatalf("budgetxl %s: exit %d, want %d\n%s%s", strings.Join(args, " "), code, want, stdout.String(), stderr.String())
		}
		return stdout.String()
	}
	contains := func(out string, lines ...string) {
		t.Helper()
		for _, l := range lines {
			if !strings.Contains("\n"+out, "\n"+l+"\n") {
				t.Errorf("output has no line %q:\n%s", l, out)
			}
		}
	}

	contains(run(0, "--version"), "budgetxl v0.0.1-test", "  提交：0123abc", "  构建日期：2025-05-06T07:08:09Z", "  内置模板包：cq-2025 1.1.0")
	contains(run(0, "fill"), "已写入 out/demo-2025.xlsx", "  模板包 cq-2025 1.1.0（内置）")
	contains(run(0, "verify", "out/demo-2025.xlsx"), "out/demo-2025.xlsx：模板包 cq-2025 1.1.0（内置），重庆市綦江区演示文化馆", "  共 0 个错误，0 个警告，0 个提示")
	run(0, "extract", "out/demo-2025.xlsx", "-o", "demo")
	// The 情况说明's facts (explain.toml) are not in the workbook: extract cannot give them back.
	sameTree(t, filepath.Join(work, "demo"), filepath.Join(repo, "samples", "demo-2025"), "explain.toml")
	contains(run(0, "form", "demo", "-o", "form.xlsx"), "  模板包 cq-2025 1.1.0（内置）")
	contains(run(0, "templates", "list"), "cq-2025 1.1.0：重庆市区县部门预算公开表（内置）")

	// The example datasets built in, written out for a user to read and fill; the prior year explains.
	contains(run(0, "sample"), "  budgetxl explain "+filepath.Join("samples", "demo-2025")+" --prior "+filepath.Join("samples", "demo-2024")+"   对照上年起草它的情况说明")
	for _, name := range []string{"demo-2024", "demo-2025"} {
		sameTree(t, filepath.Join(work, "samples", name), filepath.Join(repo, "samples", name))
	}
	run(2, "sample")
	contains(run(0, "explain", filepath.Join("samples", "demo-2025"), "--prior", filepath.Join("samples", "demo-2024")), "  上年数据："+filepath.Join("samples", "demo-2024")+"；已计算 17 处增减")

	// An exported pack beside the (absent) config.toml is used instead of the built-in one.
	run(0, "templates", "export", "cq-2025", filepath.Join("templates", "cq-2025"))
	sameTree(t, filepath.Join(work, "templates", "cq-2025"), filepath.Join(repo, "templates", "cq-2025"))
	run(2, "templates", "export", "cq-2025", filepath.Join("templates", "cq-2025"))
	contains(run(0, "fill", "demo"), "已写入 out/demo.xlsx", "  模板包 cq-2025 1.1.0（"+filepath.Join("templates", "cq-2025")+"）")
	contains(run(0, "templates", "list"), "cq-2025 1.1.0：重庆市区县部门预算公开表（内置，已被 "+filepath.Join("templates", "cq-2025")+" 覆盖）")
}

// sameTree checks that folders got and want hold the same files, byte for
// byte, but the files of want named in skip.
func sameTree(t *testing.T, got, want string, skip ...string) {
	t.Helper()
	err := filepath.WalkDir(want, func(file string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(want, file)
		if slices.Contains(skip, rel) {
			return nil
		}
		w, _ := os.ReadFile(file)
		g, err := os.ReadFile(filepath.Join(got, rel))
		if err != nil || !bytes.Equal(g, w) {
			t.Errorf("%s: differs from %s (%v)", filepath.Join(got, rel), file, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(got)
	wantEntries, _ := os.ReadDir(want)
	if len(entries) != len(wantEntries)-len(skip) {
		t.Errorf("%s has %d entries, %s %d", got, len(entries), want, len(wantEntries))
	}
}
