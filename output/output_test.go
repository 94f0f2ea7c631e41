package output

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"budgetxl/msg"
)

// TestCheck: an output that is an input, lies inside an input folder or
// holds an input is refused however the path is spelled; others pass.
func TestCheck(t *testing.T) {
	tmp := t.TempDir()
	ds := filepath.Join(tmp, "ds")
	mk := func(p string) {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mk(filepath.Join(ds, "4-2.csv"))
	mk(filepath.Join(tmp, "book.xlsx"))
	if err := os.Symlink(ds, filepath.Join(tmp, "link")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(tmp, "book.xlsx"), filepath.Join(tmp, "book-link.xlsx")); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(filepath.Join(tmp, "book.xlsx"), filepath.Join(tmp, "hard.xlsx")); err != nil {
		t.Fatal(err)
	}
	wd, _ := os.Getwd()
	if err := os.Chdir(tmp); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	inputs := []string{"ds", filepath.Join(tmp, "book.xlsx")}
	cases := []struct {
		out  string
		want string // the start of the English error; "" for none
	}{
		{"ds/4-2.csv", "ds/4-2.csv lies inside ds"},
		{"./ds/../ds/unit.toml", "./ds/../ds/unit.toml lies inside ds"},
		{filepath.Join(tmp, "ds", "new.xlsx"), "TMP/ds/new.xlsx lies inside ds"},
		{"link/4-2.csv", "link/4-2.csv lies inside ds"},
		{"link/sub/new.xlsx", "link/sub/new.xlsx lies inside ds"},
		{"ds", "ds is an input"},
		{"link", "link is an input"},
		{"book.xlsx", "book.xlsx is an input"},
		{"./book.xlsx", "./book.xlsx is an input"},
		{"book-link.xlsx", "book-link.xlsx is an input"},
		{"hard.xlsx", "hard.xlsx is an input"},
		{".", ". holds ds"},
		{tmp, "TMP holds ds"},
		{"out/book.xlsx", ""},
		{"ds2/x.xlsx", ""},
		{"other.xlsx", ""},
	}
	for _, c := range cases {
		err := Check(c.out, inputs...)
		got := ""
		if err != nil {
			got = strings.ReplaceAll(err.Error(), tmp, "TMP")
		}
		if c.want == "" && err != nil || c.want != "" && !strings.HasPrefix(got, c.want) {
			t.Errorf("Check(%q): %q, want %q…", c.out, got, c.want)
		}
	}
}

// TestFile: the file appears whole or not at all; a failed write or check
// leaves the old file as it was and no temporary file.
func TestFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "a.xlsx")
	write := func(s string) func(*os.File) error {
		return func(f *os.File) error { _, err := f.WriteString(s); return err }
	}
	if err := File(path, write("one"), nil); err != nil {
		t.Fatal(err)
	}
	var seen string
	check := func(tmp string) error {
		b, _ := os.ReadFile(tmp)
		seen = string(b)
		if filepath.Dir(tmp) != filepath.Dir(path) {
			t.Errorf("temporary file %s is not beside %s", tmp, path)
		}
		return nil
	}
	if err := File(path, write("two"), check); err != nil || seen != "two" {
		t.Fatalf("err %v, check saw %q", err, seen)
	}
	boom := errors.New("boom")
	if err := File(path, write("three"), func(string) error { return boom }); err != boom {
		t.Errorf("check error: %v", err)
	}
	if err := File(path, func(f *os.File) error { f.WriteString("four"); return boom }, nil); err != boom {
		t.Errorf("write error: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "two" {
		t.Errorf("the file holds %q after failures, want the last good output", b)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("files left: %v", names)
	}
	err := File(dir, write("x"), nil)
	if err == nil || msg.Render(msg.ZH, err) != dir+" 是文件夹：请给出要写入的文件名" {
		t.Errorf("a folder as output: %v", err)
	}
}

// TestFileLocked: when the file cannot be replaced (on Windows, because it
// is open in Excel or WPS), the message says so and what to do, the old
// file is as it was and no temporary file stays behind.
func TestFileLocked(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.xlsx")
	os.WriteFile(path, []byte("old"), 0o644)
	defer func() { rename = os.Rename }()
	rename = func(from, to string) error {
		return &os.LinkError{Op: "rename", Old: from, New: to, Err: os.ErrPermission}
	}
	err := File(path, func(f *os.File) error { _, err := f.WriteString("new"); return err }, nil)
	want := path + " 无法替换（没有权限）：是否在 Excel 或 WPS 中打开着？请关闭后重新运行命令；原文件保持不变"
	if got := msg.Render(msg.ZH, err); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("the file holds %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files left, want 1", len(entries))
	}
}
