package dataset

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"budgetxl/msg"
)

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
		back, err := ReadUnit(dir)
		if err != nil || back != u {
			t.Errorf("%q: written as\n%s\nread as %+v, %v", s, unitTOML(u), back, err)
		}
	}
	if got, want := quote("a\a\"\\"), `"a\u0007\"\\"`; got != want {
		t.Errorf("quote = %s, want %s", got, want)
	}
}
