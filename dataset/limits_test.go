package dataset

import (
	"budgetxl/internal/mutate"
	"budgetxl/msg"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// endless is a file system of one file, big.csv, whose content is text
// repeated without end; read counts the bytes handed out, so that a test
// sees that a reader stopped at its limit instead of reading on.
type endless struct {
	text string
	read *int64
}

func (e endless) Open(name string) (fs.File, error) {
	if name != "big.csv" {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return &endlessFile{e: e}, nil
}

type endlessFile struct {
	e   endless
	off int
}

func (f *endlessFile) Stat() (fs.FileInfo, error) {
	return fstest.MapFS{"big.csv": {ModTime: time.Time{}}}.Stat("big.csv")
}
func (f *endlessFile) Close() error { return nil }
func (f *endlessFile) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = f.e.text[f.off%len(f.e.text)]
		f.off++
	}
	*f.e.read += int64(len(p))
	return len(p), nil
}

// TestReadFileLimit: a file larger than the limit (here one without end:
// a single line of digits, or NUL bytes as /dev/zero gives) is an error
// naming the limit, or naming binary data as not text, read no further
// than the limit and a buffer.
func TestReadFileLimit(t *testing.T) {
	for _, tt := range []struct {
		text, want string
	}{
		{"1", "big.csv: larger than 32 MB, far more than the data of one unit: is it the right file?"},
		{"2070109,1\n", "big.csv: larger than 32 MB, far more than the data of one unit: is it the right file?"},
		{"\x00", "big.csv: neither UTF-8 nor GB18030 text: save it as CSV (UTF-8) or CSV (逗号分隔)"},
		{"PK\x03\x04", "big.csv: a workbook (.xlsx or .xls) under this name, not text: open it in Excel or WPS and save it as CSV UTF-8 (逗号分隔)"},
	} {
		var read int64
		b, err := ReadFile(endless{tt.text, &read}, "big.csv", "big.csv", MaxFileBytes)
		if err == nil {
			_, err = Decode(b)
			err = msg.Errorf("%s: %v", "big.csv", err)
		}
		if err == nil || err.Error() != tt.want {
			t.Errorf("%q: error %v, want %s", tt.text, err, tt.want)
		}
		if read > MaxFileBytes+1<<20 {
			t.Errorf("%q: read %d bytes, limit %d", tt.text, read, MaxFileBytes)
		}
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		b, err := ReadPath("/dev/zero", MaxFileBytes)
		if err == nil {
			_, err = Decode(b)
			err = msg.Errorf("%s: %v", "/dev/zero", err)
		}
		if want := "/dev/zero: neither UTF-8 nor GB18030 text: save it as CSV (UTF-8) or CSV (逗号分隔)"; err == nil || err.Error() != want {
			t.Errorf("/dev/zero: error %v, want %s", err, want)
		}
	}
	if _, err := ReadPath(filepath.Join(t.TempDir(), "none.csv"), MaxFileBytes); err == nil || !strings.HasSuffix(err.Error(), "none.csv: no such file") {
		t.Errorf("no file: %v", err)
	}
}

func TestCheckLines(t *testing.T) {
	for _, tt := range []struct {
		text            string
		maxLine, nLines int
		want            string // "" for none
	}{
		{"", 4, 2, ""},
		{"abcd\nefgh\n", 4, 2, ""},
		{"abcd\nefgh", 4, 2, ""},
		{"abcd\nefghi\n", 4, 2, "f:2: the line is longer than 0 KB: a table's lines are short; is it the right file?"},
		{"abcde", 4, 2, "f:1: the line is longer than 0 KB: a table's lines are short; is it the right file?"},
		{"a\nb\nc", 4, 2, "f: more than 2 lines, far more than the rows of any table: is it the right file, or are rows repeated?"},
		{"a\nb\n\n", 4, 2, "f: more than 2 lines, far more than the rows of any table: is it the right file, or are rows repeated?"},
	} {
		err := CheckLines("f", tt.text, tt.maxLine, tt.nLines)
		if got := msg.Render(msg.EN, err); got != tt.want {
			t.Errorf("%q: %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestHostileTables: a table's CSV file of a million repeated rows, or
// with a line of megabytes, is refused at its first line beyond the
// limit, in Chinese, before any row is read.
func TestHostileTables(t *testing.T) {
	for _, tt := range []struct {
		name, content, want string
	}{
		{"million rows", "code,name,subtotal,basic,project\n" + strings.Repeat("2070109,,,,1\n", 1_000_000),
			"$DATA/4-2.csv：超过 200000 行，远多于任何一张表的行数：是不是选错了文件，或者有行重复了？"},
		{"long line", "code,name,subtotal,basic,project\n2070109," + strings.Repeat("文", 400_000) + ",,,1\n",
			"$DATA/4-2.csv:2：这一行超过 1024 KB，而表格的行都很短：是不是选错了文件？"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := mutate.Copy(t, demo, "data")
			mutate.Write("4-2.csv", tt.content)(t, dir)
			_, _, err := Open(dir, templates)
			if got := strings.ReplaceAll(msg.Render(msg.ZH, err), dir, dirToken); got != tt.want {
				t.Errorf("error:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// TestHostileTOML: a form's TOML file and unit.toml have a size limit
// too: 16 MB of text is refused before it is decoded, and a sparse file of
// 64 MB reads as NUL bytes: not text, read no further than the limit.
func TestHostileTOML(t *testing.T) {
	dir := mutate.Copy(t, demo, "data")
	mutate.Write("projects.toml", strings.Repeat("# 项目\n", MaxTOMLBytes/len("# 项目\n")+1))(t, dir)
	_, _, err := Open(dir, templates)
	want := "$DATA/projects.toml：文件超过 16 MB，远多于一个单位的数据：是不是选错了文件？"
	if got := strings.ReplaceAll(msg.Render(msg.ZH, err), dir, dirToken); got != want {
		t.Errorf("16 MB of TOML: error:\n%s\nwant:\n%s", got, want)
	}
	for _, name := range []string{"projects.toml", UnitFile} {
		dir := mutate.Copy(t, demo, "data")
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Truncate(64 << 20); err != nil {
			t.Fatal(err)
		}
		f.Close()
		_, _, err = Open(dir, templates)
		want := "$DATA/" + name + ": neither UTF-8 nor GB18030 text: save it as UTF-8 (in Notepad: Save As, Encoding UTF-8)"
		if got := strings.ReplaceAll(msg.Render(msg.EN, err), dir, dirToken); got != want {
			t.Errorf("%s: error:\n%s\nwant:\n%s", name, got, want)
		}
	}
}
