package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestDocs: docs writes the documentation's pages built into the program
// (the repository's docs/*.md stand for them) into a new folder, byte for
// byte and nothing else, and refuses to write over a folder that is not
// empty.
func TestDocs(t *testing.T) {
	tmp := t.TempDir()
	pages, err := filepath.Glob(filepath.Join("..", "docs", "*.md"))
	if err != nil || len(pages) < 5 {
		t.Fatalf("docs/*.md: %v %v", pages, err)
	}
	var names []string
	for _, p := range pages {
		names = append(names, filepath.Base(p))
	}
	code, stdout, stderr := run(t, tmp, "docs", "TMP/d")
	if want := "已把程序内置的说明文档写到 TMP/d：" + strings.Join(names, "、") + "\n"; code != ExitOK || stdout != want || stderr != "" {
		t.Fatalf("docs: exit %d, stderr %q, stdout:\n%s\nwant:\n%s", code, stderr, stdout, want)
	}
	if got := files(t, filepath.Join(tmp, "d")); got != strings.Join(names, " ") {
		t.Errorf("the folder holds %s, want the pages only", got)
	}
	for _, p := range pages {
		want, _ := os.ReadFile(p)
		got, err := os.ReadFile(filepath.Join(tmp, "d", filepath.Base(p)))
		if err != nil || string(got) != string(want) {
			t.Errorf("%s not written as it is (%v)", filepath.Base(p), err)
		}
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"docs", "TMP/d"}, "错误：TMP/d 已存在且不为空：docs 只写入新的或空的文件夹，从不覆盖已有文件；请换一个文件夹（budgetxl docs 文件夹）\n"},
		{[]string{"--lang", "en", "docs", "TMP/a", "TMP/b"}, "error: docs takes one folder, got 2 arguments (put a folder name with spaces in double quotes: \"我的 单位\")\n"},
	} {
		code, stdout, stderr := run(t, tmp, c.args...)
		if code != ExitInput || stdout != "" || stderr != c.want {
			t.Errorf("%v: exit %d, stdout %q, stderr:\n%s\nwant:\n%s", c.args, code, stdout, stderr, c.want)
		}
	}
}

// TestDocsNamed: every page a message names as a page of the
// documentation, in either language, is one that docs writes.
func TestDocsNamed(t *testing.T) {
	page := regexp.MustCompile(`(\w+)\.md of the documentation|说明文档 (\w+)\.md`)
	sources, _ := filepath.Glob(filepath.Join("..", "msg", "zh_*.go"))
	named := 0
	for _, src := range sources {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range page.FindAllStringSubmatch(string(b), -1) {
			name := m[1] + m[2] + ".md"
			named++
			if _, err := os.Stat(filepath.Join("..", "docs", name)); err != nil {
				t.Errorf("%s names %s, which is not a page of docs/", src, name)
			}
		}
	}
	if named < 10 {
		t.Errorf("only %d pages named by messages", named)
	}
}
