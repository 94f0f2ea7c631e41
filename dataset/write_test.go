package dataset

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"budgetxl/msg"
)

// TestWriteFolderLocked: when the folder cannot be replaced (on Windows,
// because one of its files is open in Excel or WPS), the message says so
// and what to do, the old folder is as it was and nothing stays beside it.
func TestWriteFolderLocked(t *testing.T) {
	p, d, err := Open(demo, templates)
	if err != nil {
		t.Fatal(err)
	}
	parent := t.TempDir()
	dir := filepath.Join(parent, "demo")
	if err := Write(d, p, dir); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(dir, "4-2.csv"))
	defer func() { rename = os.Rename }()
	rename = func(from, to string) error {
		return &os.LinkError{Op: "rename", Old: from, New: to, Err: os.ErrPermission}
	}
	delete(d.Tables, "4-2")
	err = Write(d, p, dir)
	want := dir + " 无法替换（没有权限）：其中是否有文件在 Excel 或 WPS 中打开着？请关闭后重新运行命令；原文件夹保持不变"
	if got := msg.Render(msg.ZH, err); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if after, _ := os.ReadFile(filepath.Join(dir, "4-2.csv")); !bytes.Equal(before, after) {
		t.Error("the folder changed")
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("%d entries beside the folder, want none", len(entries)-1)
	}
}

// TestWriteFolder: Write replaces a dataset folder as a whole (a table no
// longer in the data leaves no file behind) and refuses a folder that holds
// anything else, leaving it as it was.
func TestWriteFolder(t *testing.T) {
	p, d, err := Open(demo, templates)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "new", "demo")
	if err := Write(d, p, dir); err != nil {
		t.Fatal(err)
	}
	names := func() []string {
		entries, _ := os.ReadDir(dir)
		var out []string
		for _, e := range entries {
			out = append(out, e.Name())
		}
		return out
	}
	if !slices.Contains(names(), "4-5.csv") || len(names()) != 11 {
		t.Fatalf("first write: %v", names())
	}
	delete(d.Tables, "4-5")
	if err := Write(d, p, dir); err != nil {
		t.Fatal(err)
	}
	if slices.Contains(names(), "4-5.csv") || len(names()) != 10 {
		t.Errorf("second write: %v", names())
	}
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	err = Write(d, p, dir)
	want := dir + " holds notes.txt, which is not a file of a dataset of pack cq-2025: write to a new or empty folder"
	if err == nil || msg.Render(msg.EN, err) != want {
		t.Errorf("got %v, want %s", err, want)
	}
	if got := names(); len(got) != 11 || !slices.Contains(got, "notes.txt") {
		t.Errorf("after the refusal: %v", got)
	}
	entries, _ := os.ReadDir(filepath.Dir(dir))
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

// TestQuote: unit.toml and form files are written as TOML reads them,
// control characters included (Go's \a and \v are not TOML; found by
// FuzzUnit's corpus file control-characters).
func TestQuote(t *testing.T) {
	for _, s := range []string{"重庆市綦江区演示文化馆", `引号"与\反斜杠`, "单位\a\v\x00\x7f", "行1\n行2\t\r", "全角　空格"} {
		dir := t.TempDir()
		u := Unit{Pack: "cq-2025", Name: s, Code: s, Department: s, Year: 2025, AmountUnit: Yuan}
		if err := os.WriteFile(filepath.Join(dir, UnitFile), unitTOML(u), 0o644); err != nil {
			t.Fatal(err)
		}
		back, err := ReadUnit(Dir(dir))
		if err != nil || back != u {
			t.Errorf("%q: written as\n%s\nread as %+v, %v", s, unitTOML(u), back, err)
		}
	}
	if got, want := quote("a\a\"\\"), `"a\u0007\"\\"`; got != want {
		t.Errorf("quote = %s, want %s", got, want)
	}
}

// TestWriteEncodings: CSV files are UTF-8 with a BOM by default, GB18030 on
// request (no BOM, and not UTF-8), TOML files always plain UTF-8; both read
// back as the data written.
func TestWriteEncodings(t *testing.T) {
	for _, src := range []string{demo, qijiang} {
		p, want, err := Open(src, templates)
		if err != nil {
			t.Fatal(err)
		}
		for _, enc := range []Encoding{UTF8, GB18030} {
			dir := filepath.Join(t.TempDir(), "data")
			if err := WriteEncoded(want, p, dir, enc); err != nil {
				t.Fatal(err)
			}
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				b, _ := os.ReadFile(filepath.Join(dir, e.Name()))
				bom := bytes.HasPrefix(b, []byte("\xEF\xBB\xBF"))
				switch csv := strings.HasSuffix(e.Name(), ".csv"); {
				case csv && enc == UTF8 && (!bom || !utf8.Valid(b)):
					t.Errorf("%s %s: not UTF-8 with a BOM", src, e.Name())
				case csv && enc == GB18030 && (bom || utf8.Valid(b) && !isASCII(b)):
					t.Errorf("%s %s: UTF-8, not GB18030", src, e.Name())
				case !csv && (bom || !utf8.Valid(b)):
					t.Errorf("%s %s (%s): a TOML file must be UTF-8 without a BOM", src, e.Name(), enc)
				}
			}
			_, got, err := Open(dir, templates)
			if err != nil {
				t.Fatalf("%s written as %s: %v", src, enc, err)
			}
			if g, w := dump(got), dump(want); g != w {
				t.Errorf("%s written as %s reads\n%s\nwant\n%s", src, enc, g, w)
			}
		}
	}
}

func TestParseEncoding(t *testing.T) {
	for in, want := range map[string]Encoding{"utf-8": UTF8, "UTF8": UTF8, "gb18030": GB18030, "GB18030": GB18030, "gbk": "", "": ""} {
		if got, ok := ParseEncoding(in); got != want || ok != (want != "") {
			t.Errorf("ParseEncoding(%q) = %q, %v", in, got, ok)
		}
	}
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}
