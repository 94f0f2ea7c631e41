package pack

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"budgetxl/internal/mutate"
	"budgetxl/msg"
)

// builtinPacks copies the folder of packs shipped with the tool into an
// in-memory file system, as the program embeds it, with edits applied
// (file: old → new, once).
func builtinPacks(t *testing.T, edits map[string][2]string) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS("../templates"), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(filepath.Join("../templates", name))
		if e, ok := edits[name]; ok {
			if !strings.Contains(string(b), e[0]) {
				t.Fatalf("%s has no %q", name, e[0])
			}
			b = []byte(strings.Replace(string(b), e[0], e[1], 1))
		}
		m[name] = &fstest.MapFile{Data: b, Mode: 0o444}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestLoadFSNamesBuiltinFiles: a built-in pack's problems name its files
// the way the program names its built-in packs, with their lines.
func TestLoadFSNamesBuiltinFiles(t *testing.T) {
	packs := builtinPacks(t, map[string][2]string{
		"cq-2025/4-2.toml": {`orientation = "portrait"`, `orientation = "portrait"` + "\nwidht = 3"},
		"cq-2025/4-3.toml": {`orientation = "portrait"`, `orientation = "vertical"`},
	})
	l := Library{Builtin: packs, BuiltinName: "（内置）"}
	e, ok := l.Lookup("cq-2025")
	if !ok {
		t.Fatal("no built-in pack cq-2025")
	}
	_, err := e.Load()
	want := "（内置）cq-2025/4-2.toml:7:1: widht: unknown key: did you mean widths? (see templates.md of the documentation, which budgetxl docs writes)\n" +
		"（内置）cq-2025/4-3.toml:6:1: orientation: is \"vertical\": use \"portrait\" or \"landscape\""
	if err == nil || err.Error() != want {
		t.Errorf("error:\n%v\nwant:\n%s", err, want)
	}
}

// TestLoadFSSameAsDisk: a pack read from an fs.FS is the pack read from
// disk, hash included, and says where it came from.
func TestLoadFSSameAsDisk(t *testing.T) {
	disk, err := Load(realPack)
	if err != nil {
		t.Fatal(err)
	}
	e, _ := Library{Builtin: builtinPacks(t, nil), BuiltinName: "(built-in) "}.Lookup("cq-2025")
	built, err := e.Load()
	if err != nil {
		t.Fatal(err)
	}
	if built.Hash != disk.Hash || len(built.Tables) != len(disk.Tables) || len(built.Rules) != len(disk.Rules) {
		t.Errorf("built-in: hash %s, %d tables, %d rules; on disk: %s, %d, %d", built.Hash, len(built.Tables), len(built.Rules), disk.Hash, len(disk.Tables), len(disk.Rules))
	}
	if !built.Builtin || disk.Builtin || built.Dir != "(built-in) cq-2025" || built.Table("4-2").File != "(built-in) cq-2025/4-2.toml" {
		t.Errorf("built-in %v %q %q; disk %v", built.Builtin, built.Dir, built.Table("4-2").File, disk.Builtin)
	}
}

// TestPackFilesStayInside: a catalog or rules file outside the pack
// folder is missing, not read.
func TestPackFilesStayInside(t *testing.T) {
	dir := mutate.Copy(t, realPack, "pack")
	mutate.Edit("pack.toml", `rules = "rules.toml"`, `rules = "../rules.toml"`)(t, dir)
	if err := os.WriteFile(filepath.Join(dir, "..", "rules.toml"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(dir)
	want := dir + "/pack.toml:15:1: rules: no file ../rules.toml in this folder: add it or correct the path"
	if err == nil || err.Error() != want {
		t.Errorf("error:\n%v\nwant:\n%s", err, want)
	}
}

// TestLibrary: packs on disk come first and hide the built-in pack of the
// same id; a pack is found by its folder's name or its pack.toml id.
func TestLibrary(t *testing.T) {
	builtin := builtinPacks(t, nil)
	root := t.TempDir()
	mine := filepath.Join(root, "packs")
	copyPack := func(name, id string) {
		dir := filepath.Join(mine, name)
		if err := os.CopyFS(dir, os.DirFS(realPack)); err != nil {
			t.Fatal(err)
		}
		if id != "cq-2025" {
			mutate.Edit("pack.toml", `id = "cq-2025"`, `id = "`+id+`"`)(t, dir)
		}
	}
	copyPack("cq-2025", "cq-2025")
	copyPack("edited", "qj-2026")

	type entry struct{ name, id, dir, hiddenBy string }
	entries := func(l Library) []entry {
		var out []entry
		for _, e := range l.Entries() {
			out = append(out, entry{e.Name, e.ID, strings.ReplaceAll(e.Dir, root, "ROOT"), strings.ReplaceAll(e.HiddenBy, root, "ROOT")})
		}
		return out
	}
	both := Library{Dir: mine, Builtin: builtin, BuiltinName: "（内置）"}
	want := []entry{
		{"cq-2025", "cq-2025", "ROOT/packs/cq-2025", ""},
		{"edited", "qj-2026", "ROOT/packs/edited", ""},
		{"cq-2025", "cq-2025", "（内置）cq-2025", "ROOT/packs/cq-2025"},
	}
	if got := entries(both); !slices.Equal(got, want) {
		t.Errorf("entries:\n%v\nwant:\n%v", got, want)
	}
	for _, c := range []struct {
		lib  Library
		id   string
		want string // Dir of the pack found, "" for none
	}{
		{both, "cq-2025", "ROOT/packs/cq-2025"},
		{both, "edited", "ROOT/packs/edited"},
		{both, "qj-2026", "ROOT/packs/edited"},
		{both, "cq-2024", ""},
		{Library{Dir: filepath.Join(mine, "edited"), Builtin: builtin, BuiltinName: "（内置）"}, "cq-2025", "（内置）cq-2025"},
		{Library{Dir: filepath.Join(root, "none"), Builtin: builtin, BuiltinName: "（内置）"}, "cq-2025", "（内置）cq-2025"},
		{Library{Dir: mine}, "cq-2025", "ROOT/packs/cq-2025"},
	} {
		e, ok := c.lib.Lookup(c.id)
		if got := strings.ReplaceAll(e.Dir, root, "ROOT"); got != c.want || ok != (c.want != "") {
			t.Errorf("%+v Lookup(%s) = %q, %v; want %q", c.lib.Dir, c.id, got, ok, c.want)
		}
	}
	for _, c := range []struct {
		lib  Library
		want string
	}{
		{both, ""},
		{Library{Dir: filepath.Join(mine, "edited"), Builtin: builtin, BuiltinName: "（内置）"}, "ROOT/packs/edited"},
		{Library{Dir: filepath.Join(mine, "cq-2025"), Builtin: builtin, BuiltinName: "（内置）"}, "ROOT/packs/cq-2025"},
		{Library{Builtin: builtin, BuiltinName: "（内置）"}, "（内置）cq-2025"},
		{Library{}, ""},
	} {
		e, ok := c.lib.Default()
		if got := strings.ReplaceAll(e.Dir, root, "ROOT"); got != c.want || ok != (c.want != "") {
			t.Errorf("%s Default() = %q, %v; want %q", c.lib.Dir, got, ok, c.want)
		}
	}
	if got := strings.ReplaceAll(both.Known().In(msg.EN), root, "ROOT"); got != "ROOT/packs/cq-2025, ROOT/packs/edited" {
		t.Errorf("Known: %s", got)
	}
	if got := (Library{}).Known().In(msg.ZH); got != "无" {
		t.Errorf("Known of none: %s", got)
	}
}

// TestShippedPacksNamedByID: every pack of templates/ is in a folder named
// by its id, which is how datasets and workbooks find a built-in pack.
func TestShippedPacksNamedByID(t *testing.T) {
	entries := Library{Dir: "../templates"}.Entries()
	if len(entries) == 0 {
		t.Fatal("no packs in ../templates")
	}
	for _, e := range entries {
		if e.Name != e.ID {
			t.Errorf("%s: id is %q: name the folder by the id", e.Dir, e.ID)
		}
	}
}

// TestHashIgnoresComments: the pack hash that workbooks record is of what
// the TOML files say: a comment, blank lines or the order of keys leave it
// as it is; a changed value changes it.
func TestHashIgnoresComments(t *testing.T) {
	hash := func(edits map[string][2]string) string {
		t.Helper()
		p, err := LoadFS(mustSub(t, builtinPacks(t, edits), "cq-2025"), "cq-2025")
		if err != nil {
			t.Fatal(err)
		}
		return p.Hash
	}
	base := hash(nil)
	for _, c := range []struct {
		name string
		edit map[string][2]string
		same bool
	}{
		{"comment", map[string][2]string{"cq-2025/4-2.toml": {`id = "4-2"`, "# a district's note\n\nid = \"4-2\" # the file name"}}, true},
		{"key order", map[string][2]string{"cq-2025/4-2.toml": {"id = \"4-2\"\nsheet = \"附件4-2\"", "sheet = \"附件4-2\"\nid = \"4-2\""}}, true},
		{"value", map[string][2]string{"cq-2025/4-2.toml": {`orientation = "portrait"`, `orientation = "landscape"`}}, false},
	} {
		if got := hash(c.edit); (got == base) != c.same {
			t.Errorf("%s: hash %s, unedited %s; same wanted: %v", c.name, got, base, c.same)
		}
	}
}

func mustSub(t *testing.T, fsys fs.FS, dir string) fs.FS {
	t.Helper()
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		t.Fatal(err)
	}
	return sub
}
