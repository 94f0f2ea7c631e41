package pack

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"budgetxl/msg"
)

// Library is where the program finds template packs: a folder on disk
// first (one pack folder, or a folder of packs), then the packs built into
// the program. A pack on disk hides the built-in pack with the same id, so
// a bureau can change a pack without a new program.
type Library struct {
	// Dir is a pack folder (it holds pack.toml) or a folder of packs on
	// disk; "" or a folder that does not exist for none.
	Dir string
	// Builtin holds the packs built into the program, one folder each
	// named by its id; nil for none.
	Builtin fs.FS
	// BuiltinName is how messages name the folder of built-in packs, such
	// as "（内置）": a built-in pack's files read "（内置）cq-2025/4-2.toml".
	BuiltinName string
}

// Entry is a pack a library knows, not yet loaded.
type Entry struct {
	// Name is the name of the pack's folder, by which datasets and
	// workbooks find it; ID is the id in its pack.toml (Name when pack.toml
	// cannot be read: loading it will say why). They are the same but in a
	// copy of a pack under another folder name.
	Name, ID string
	// Dir is how messages name the pack's folder.
	Dir     string
	Builtin bool
	// HiddenBy is the folder on disk of the pack that hides this built-in
	// one (same id), or "".
	HiddenBy string
	FS       fs.FS // the pack's files

	lib *Library // the library that lists it, for the pack it extends
}

// Load reads and validates the entry's pack, and the pack it extends.
func (e Entry) Load() (*Pack, error) { return e.load(0) }

func (e Entry) load(depth int) (*Pack, error) {
	p, err := load(e.FS, e.Dir, e.resolverOf(), depth)
	if p != nil {
		p.Builtin = e.Builtin
	}
	return p, err
}

// Entries lists every pack of the library: those on disk (sorted by
// folder), then the built-in ones (sorted by id), hidden ones included.
func (l Library) Entries() []Entry {
	var out []Entry
	onDisk := map[string]string{} // folder of the first pack on disk by name and by id
	if l.Dir != "" {
		dirs, _ := Dirs(l.Dir)
		for _, d := range dirs {
			fsys := os.DirFS(d)
			name := filepath.Base(filepath.Clean(d))
			id := packID(fsys, name)
			for _, k := range []string{name, id} {
				if _, dup := onDisk[k]; !dup {
					onDisk[k] = d
				}
			}
			out = append(out, Entry{Name: name, ID: id, Dir: d, FS: fsys, lib: &l})
		}
	}
	if l.Builtin != nil {
		entries, _ := fs.ReadDir(l.Builtin, ".")
		sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
		for _, en := range entries {
			if !en.IsDir() {
				continue
			}
			fsys, err := fs.Sub(l.Builtin, en.Name())
			if err != nil {
				continue
			}
			id := packID(fsys, en.Name())
			out = append(out, Entry{Name: en.Name(), ID: id, Dir: l.BuiltinName + en.Name(), Builtin: true, HiddenBy: onDisk[id], FS: fsys, lib: &l})
		}
	}
	return out
}

// Visible lists the packs the library uses: every entry but the built-in
// packs hidden by one on disk.
func (l Library) Visible() []Entry {
	var out []Entry
	for _, e := range l.Entries() {
		if e.HiddenBy == "" {
			out = append(out, e)
		}
	}
	return out
}

// Lookup finds the pack named id: the first whose folder has this name,
// else the first whose pack.toml has this id; packs on disk come before the
// built-in ones.
func (l Library) Lookup(id string) (Entry, bool) {
	visible := l.Visible()
	for _, e := range visible {
		if e.Name == id {
			return e, true
		}
	}
	for _, e := range visible {
		if e.ID == id {
			return e, true
		}
	}
	return Entry{}, false
}

// Default is the pack to use when nothing names one: the pack folder Dir,
// when it is one, else the library's only pack.
func (l Library) Default() (Entry, bool) {
	visible := l.Visible()
	if l.Dir != "" && exists(filepath.Join(l.Dir, "pack.toml")) && len(visible) > 0 {
		return visible[0], true
	}
	if len(visible) == 1 {
		return visible[0], true
	}
	return Entry{}, false
}

// Known names the folders of the library's packs (a folder is named for
// its pack), or says there is none, in the language of the message that
// shows it.
func (l Library) Known() *msg.Error {
	var out []string
	for _, e := range l.Visible() {
		out = append(out, e.Dir)
	}
	if len(out) == 0 {
		return msg.Errorf("none")
	}
	return msg.Errorf("%s", strings.Join(out, ", "))
}

// packID reads the id in the pack.toml of fsys; fallback when it has none.
func packID(fsys fs.FS, fallback string) string {
	src, err := fs.ReadFile(fsys, "pack.toml")
	if err != nil {
		return fallback
	}
	var head struct {
		ID string `toml:"id"`
	}
	if _, err := toml.Decode(string(src), &head); err != nil || head.ID == "" {
		return fallback
	}
	return head.ID
}

func exists(file string) bool {
	_, err := os.Stat(file)
	return !errors.Is(err, os.ErrNotExist)
}
