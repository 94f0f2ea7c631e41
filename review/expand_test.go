package review

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"budgetxl/msg"
)

// TestExpand: folders give their .xlsx files recursively in name order,
// lock files, hidden files and skipped outputs left out; patterns are
// matched by Expand; a file named twice is checked once; an argument
// that gives nothing is an input with its reason.
func TestExpand(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"in/b.xlsx", "in/a.XLSX", "in/~$a.xlsx", "in/.hidden.xlsx", "in/notes.txt",
		"in/sub/c.xlsx", "in/.git/d.xlsx", "in/out/copy.xlsx", "flat/x.xlsx", "flat/y.xlsx", "flat/~$y.xlsx", "empty/readme.txt"} {
		p := filepath.Join(dir, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	in := func(s string) string { return filepath.Join(dir, filepath.FromSlash(s)) }
	cases := []struct {
		name string
		args []string
		skip []string
		want []string // path | name | error
	}{
		{"folder", []string{in("in")}, []string{in("in/out")}, []string{
			"in/a.XLSX|a.XLSX|", "in/b.xlsx|b.xlsx|", "in/sub/c.xlsx|sub/c.xlsx|"}},
		{"pattern", []string{in("flat/*.xlsx")}, nil, []string{"flat/x.xlsx|x.xlsx|", "flat/y.xlsx|y.xlsx|"}},
		{"pattern of folders", []string{in("*")}, []string{in("in")}, []string{"flat/x.xlsx|x.xlsx|", "flat/y.xlsx|y.xlsx|"}},
		{"twice", []string{in("flat/x.xlsx"), in("flat"), in("flat/./x.xlsx")}, nil, []string{"flat/x.xlsx|x.xlsx|", "flat/y.xlsx|y.xlsx|"}},
		{"a file is taken as named", []string{in("in/notes.txt"), in("in/~$a.xlsx")}, nil, []string{"in/notes.txt|notes.txt|", "in/~$a.xlsx|~$a.xlsx|"}},
		{"missing file", []string{in("none.xlsx")}, nil, []string{"none.xlsx|none.xlsx|"}},
		{"nothing matches", []string{in("flat/*.xls")}, nil, []string{"flat/*.xls|DIR/flat/*.xls|DIR/flat/*.xls：没有与此通配符匹配的 .xlsx 工作簿"}},
		{"empty folder", []string{in("empty")}, nil, []string{"empty|empty|DIR/empty：此文件夹及其子文件夹中没有 .xlsx 工作簿"}},
		{"bad pattern", []string{in("flat/[")}, nil, []string{"flat/[|DIR/flat/[|DIR/flat/[：不是有效的通配符（* 代表任意多个字符，? 代表一个字符）"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, i := range Expand(c.args, c.skip...) {
				p, _ := filepath.Rel(dir, i.Path)
				got = append(got, strings.ReplaceAll(filepath.ToSlash(p)+"|"+i.Name+"|"+msg.Render(msg.ZH, i.Err), dir, "DIR"))
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

// TestCopyNames: annotated copies keep the files' names under the folder;
// a name taken twice gets a number.
func TestCopyNames(t *testing.T) {
	got := copyNames([]Input{{Name: "a/b.xlsx"}, {Name: "b.xlsx"}, {Name: "a/B.xlsx"}, {Name: "notes.txt"}, {Name: "../x.xlsx", Path: "/p/x.xlsx"}}, "out")
	want := []string{"out/a/b.xlsx", "out/b.xlsx", "out/a/B-2.xlsx", "out/notes.txt.xlsx", "out/x.xlsx"}
	for i := range want {
		if filepath.ToSlash(got[i]) != want[i] {
			t.Errorf("%d: %s, want %s", i, got[i], want[i])
		}
	}
	if got := copyNames([]Input{{Name: "a.xlsx"}}, ""); got[0] != "" {
		t.Errorf("no folder: %q", got[0])
	}
}
