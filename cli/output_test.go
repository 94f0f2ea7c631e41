package cli

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// snapshot reads every file under dir, by path.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Type()&fs.ModeSymlink != 0 {
			return err
		}
		b, err := os.ReadFile(p)
		out[p] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestNoOutputOverAnInput: every command refuses an output path that is
// one of its inputs, lies inside the dataset or pack folder it reads, or
// is a folder holding an input, however the path is spelled; exit 2, and
// not a byte of the inputs changes.
func TestNoOutputOverAnInput(t *testing.T) {
	tmp := t.TempDir()
	for _, c := range []struct{ from, to string }{
		{"../samples/demo-2025", "ds"}, {"../templates", "templates"}, {"../testdata", "in"},
	} {
		if err := os.CopyFS(filepath.Join(tmp, c.to), os.DirFS(c.from)); err != nil {
			t.Fatal(err)
		}
	}
	if code, _, stderr := run(t, tmp, "fill", "TMP/ds", "--templates", "TMP/templates", "-o", "TMP/in/book.xlsx"); code != 0 {
		t.Fatalf("fill: %s", stderr)
	}
	if err := os.Symlink(filepath.Join(tmp, "ds"), filepath.Join(tmp, "link")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(tmp, "in", "cfg.toml"), []byte("lang = \"zh\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, tmp)
	inDS := "错误：%s 位于本命令读取的 TMP/ds 之中：请写到这个文件夹以外\n"
	isInput := "错误：%s 是本命令读取的输入（%s），写入会覆盖它：请写到别的路径\n"
	holds := "错误：%s 中有本命令读取的 %s，写入会替换掉它：请写到别的文件夹\n"
	pack := "错误：%s 位于本命令读取的 TMP/templates/cq-2025 之中：请写到这个文件夹以外\n"
	f := fmt.Sprintf
	cases := []struct {
		args   []string
		stderr string
	}{
		{[]string{"fill", "TMP/ds", "-o", "TMP/ds/4-2.csv"}, f(inDS, "TMP/ds/4-2.csv")},
		{[]string{"fill", "TMP/ds", "-o", "TMP/ds/unit.toml"}, f(inDS, "TMP/ds/unit.toml")},
		{[]string{"fill", "TMP/ds", "-o", "TMP/ds/new.xlsx"}, f(inDS, "TMP/ds/new.xlsx")},
		{[]string{"fill", "TMP/ds", "-o", "TMP/in/../ds/./4-3.csv"}, f(inDS, "TMP/in/../ds/./4-3.csv")},
		{[]string{"fill", "TMP/ds", "-o", "TMP/link/4-2.csv"}, f(inDS, "TMP/link/4-2.csv")},
		{[]string{"fill", "TMP/ds", "-o", "TMP/templates/cq-2025/4-2.toml"}, f(pack, "TMP/templates/cq-2025/4-2.toml")},
		{[]string{"fill", "TMP/link", "-o", "TMP/ds/4-2.csv"}, "错误：TMP/ds/4-2.csv 位于本命令读取的 TMP/link 之中：请写到这个文件夹以外\n"},
		{[]string{"form", "TMP/ds", "-o", "TMP/ds/4-2.csv"}, f(inDS, "TMP/ds/4-2.csv")},
		{[]string{"form", "TMP/ds", "--codes", "TMP/in/seed.txt", "-o", "TMP/in/seed.txt"}, f(isInput, "TMP/in/seed.txt", "TMP/in/seed.txt")},
		{[]string{"verify", "TMP/in/book.xlsx", "--annotate", "TMP/in/book.xlsx"}, f(isInput, "TMP/in/book.xlsx", "TMP/in/book.xlsx")},
		{[]string{"verify", "TMP/in/book.xlsx", "--annotate", "TMP/in/./book.xlsx"}, f(isInput, "TMP/in/./book.xlsx", "TMP/in/book.xlsx")},
		{[]string{"extract", "TMP/in/book.xlsx", "-o", "TMP/in"}, f(holds, "TMP/in", "TMP/in/book.xlsx")},
		{[]string{"extract", "TMP/in/book.xlsx", "-o", "TMP/in/book.xlsx"}, f(isInput, "TMP/in/book.xlsx", "TMP/in/book.xlsx")},
		{[]string{"extract", "TMP/in/book.xlsx", "-o", "TMP/templates/cq-2025"}, f(isInput, "TMP/templates/cq-2025", "TMP/templates/cq-2025")},
		{[]string{"import", "TMP/in/seed.txt", "-o", "TMP/in"}, f(holds, "TMP/in", "TMP/in/seed.txt")},
		{[]string{"import", "TMP/in/seed.txt", "-o", "TMP"}, f(holds, "TMP", "TMP/in/seed.txt")},
		{[]string{"--config", "TMP/in/cfg.toml", "fill", "TMP/ds", "-o", "TMP/in/cfg.toml"}, f(isInput, "TMP/in/cfg.toml", "TMP/in/cfg.toml")},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			args := append(c.args, "--templates", "TMP/templates")
			code, stdout, stderr := run(t, tmp, args...)
			if code != 2 || stdout != "" {
				t.Errorf("exit %d, stdout %q", code, stdout)
			}
			if stderr != c.stderr {
				t.Errorf("stderr:\n%s\nwant:\n%s", stderr, c.stderr)
			}
			after := snapshot(t, tmp)
			if len(after) != len(before) {
				t.Errorf("%d files before, %d after", len(before), len(after))
			}
			for p, b := range before {
				if !bytes.Equal(after[p], b) {
					t.Errorf("%s changed", p)
				}
			}
		})
	}
}
