package pack

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExtendsBuiltin: a district's pack on disk that extends the built-in
// cq-2025 with one table of its own takes every other file and key from it,
// and names the base's files by the base's folder.
func TestExtendsBuiltin(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "cq-2025-district")
	write := func(name, text string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	base, err := os.ReadFile("../templates/cq-2025/4-4.toml")
	if err != nil {
		t.Fatal(err)
	}
	write("pack.toml", "id = \"cq-2025-district\"\nversion = \"0.1.0\"\nextends = \"cq-2025\"\n")
	write("4-4.toml", strings.Replace(string(base), `title = "{unit}一般公共预算“三公”经费支出表`, `title = "{unit}“三公”经费预算表`, 1))
	l := Library{Dir: dir, Builtin: builtinPacks(t, nil), BuiltinName: "（内置）"}
	e, ok := l.Lookup("cq-2025-district")
	if !ok {
		t.Fatal("no pack cq-2025-district")
	}
	p, err := e.Load()
	if err != nil {
		t.Fatal(err)
	}
	if p.Year != 2025 || len(p.Tables) != 10 || p.Table("4-4").Title != "{unit}“三公”经费预算表" || p.Table("4-2").File != "（内置）cq-2025/4-2.toml" || p.Table("4-4").File != filepath.Join(dir, "4-4.toml") {
		t.Errorf("year %d, %d tables, 4-4 %q, files %s %s", p.Year, len(p.Tables), p.Table("4-4").Title, p.Table("4-2").File, p.Table("4-4").File)
	}
	if got, want := p.Lineage(), "cq-2025-district 0.1.0 ← cq-2025 1.1.0"; got != want {
		t.Errorf("lineage %q, want %q", got, want)
	}
	if len(p.Rules) == 0 || p.Explain == nil || len(p.Catalogs["function"]) == 0 {
		t.Error("rules, explain or catalogs not inherited")
	}
}

// TestExtendsErrors: a base that cannot be found, the pack's own id, and a
// base with problems, each named; the base's problems name its files.
func TestExtendsErrors(t *testing.T) {
	for _, c := range []struct {
		name, packTOML string
		edits          map[string][2]string
		own            map[string]string // files of the extending pack besides pack.toml
		want           string
	}{
		{"unknown", `extends = "cq-2024"`, nil, nil,
			`DIR/pack.toml:3:1: extends: no template pack "cq-2024" is known: give its folder with --templates, or put it beside this pack's folder`},
		{"itself", `extends = "d"`, nil, nil,
			`DIR/pack.toml:3:1: extends: "d" is this pack's own id: name the pack it is made from`},
		{"base with problems", `extends = "cq-2025"`, map[string][2]string{"cq-2025/4-3.toml": {`orientation = "portrait"`, `orientation = "vertical"`}}, nil,
			"DIR/pack.toml:3:1: extends: the pack （内置）cq-2025 that this pack extends has problems; correct them first\n" +
				`（内置）cq-2025/4-3.toml:6:1: orientation: is "vertical": use "portrait" or "landscape"`},
		// The base's files refer to 4-2, which this pack replaces with a
		// file that does not decode: that file's one problem, no follow-on
		// "unknown table 4-2" from the base's files.
		{"overriding table broken", `extends = "cq-2025"`, nil, map[string]string{"4-2.toml": "units = \"单位：万元\n"},
			`DIR/4-2.toml:1: a quoted text is not closed: end it with the same quote it starts with`},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "d")
			os.MkdirAll(dir, 0o755)
			os.WriteFile(filepath.Join(dir, "pack.toml"), []byte("id = \"d\"\nversion = \"1\"\n"+c.packTOML+"\n"), 0o644)
			for name, text := range c.own {
				os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644)
			}
			l := Library{Dir: dir, Builtin: builtinPacks(t, c.edits), BuiltinName: "（内置）"}
			e, _ := l.Lookup("d")
			_, err := e.Load()
			if got := strings.ReplaceAll(errString(err), dir, "DIR"); got != c.want {
				t.Errorf("error:\n%s\nwant:\n%s", got, c.want)
			}
		})
	}
}

func errString(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}
