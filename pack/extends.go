package pack

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/BurntSushi/toml"
)

// Pack inheritance.
//
// A pack.toml with extends = "cq-2025" takes the pack it names as its base:
// every file the pack names (a table, a catalog, the sources, rules or
// explain file) is its own when its folder has it, else the base's; every
// key of pack.toml it does not write (title, year, tables, catalogs,
// sources, rules, explain, page_numbers) is the base's. A district that
// changes one table writes pack.toml and that table's file; next year's pack
// writes pack.toml with its year and the catalog that changed. The base is
// found in the library that found the pack (a folder of packs on disk, the
// packs built into the program), else in the folder beside the pack's.

// maxExtends bounds a chain of packs that extend each other.
const maxExtends = 8

// resolver finds the pack that extends names.
type resolver func(id string) (Entry, bool)

// layered is the files of a pack that extends another: its own, over its
// base's.
type layered struct {
	top     fs.FS
	topDir  string
	base    fs.FS
	baseDir func(name string) string
}

// Open opens the pack's own file name, else the base's.
func (l layered) Open(name string) (fs.File, error) {
	f, err := l.top.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return l.base.Open(name)
	}
	return f, err
}

// dirOf is how messages name the folder of the file name: the pack's own
// folder when it has the file, else the base's.
func (l layered) dirOf(name string) string {
	if _, err := fs.Stat(l.top, name); err == nil || !fs.ValidPath(name) {
		return l.topDir
	}
	return l.baseDir(name)
}

// inherited are the keys of pack.toml that a pack takes from its base when
// it does not write them.
func inherit(p, base *Pack, md toml.MetaData) {
	for _, k := range []struct {
		key  string
		copy func()
	}{
		{"title", func() { p.Title = base.Title }},
		{"year", func() { p.Year = base.Year }},
		{"tables", func() { p.Names = base.Names }},
		{"catalogs", func() { p.Files = base.Files }},
		{"sources", func() { p.SourcesFile = base.SourcesFile }},
		{"rules", func() { p.RulesFile = base.RulesFile }},
		{"explain", func() { p.ExplainFile = base.ExplainFile }},
		{"page_numbers", func() { p.PageNumbers = base.PageNumbers }},
		{"variants", func() { p.Variants = base.Variants }},
	} {
		if !md.IsDefined(k.key) {
			k.copy()
		}
	}
}

// extend makes the validator read the pack over the base that p.Extends
// names, and p take the keys it does not write from it. It reports whether
// the base was found and loads.
func (v *validator) extend(p *Pack, md toml.MetaData, packFile string, resolve resolver, depth int) bool {
	if depth >= maxExtends {
		v.add(packFile, "extends", "%q: packs extend each other more than %d deep (a circle?)", p.Extends, maxExtends)
		return false
	}
	if p.Extends == p.ID {
		v.add(packFile, "extends", "%q is this pack's own id: name the pack it is made from", p.Extends)
		return false
	}
	var e Entry
	ok := false
	if resolve != nil {
		e, ok = resolve(p.Extends)
	}
	if !ok {
		v.add(packFile, "extends", "no template pack %q is known: give its folder with --templates, or put it beside this pack's folder", p.Extends)
		return false
	}
	base, err := e.load(depth + 1)
	if err != nil {
		v.add(packFile, "extends", "the pack %s that this pack extends has problems; correct them first", e.Dir)
		v.errs = append(v.errs, err)
		return false
	}
	p.Base = base
	inherit(p, base, md)
	v.fsys = layered{top: v.fsys, topDir: v.dir, base: base.files, baseDir: base.dirOf}
	return true
}

// dirOf is how messages name the folder of the pack's file name.
func (p *Pack) dirOf(name string) string {
	if l, ok := p.files.(layered); ok {
		return l.dirOf(name)
	}
	return p.Dir
}

// Lineage names the pack and the packs it extends, with their versions:
// "cq-2025-qijiang 1.1.0 ← cq-2025 1.1.0"; recorded in workbooks.
func (p *Pack) Lineage() string {
	var parts []string
	for q := p; q != nil; q = q.Base {
		parts = append(parts, q.ID+" "+q.Version)
	}
	return strings.Join(parts, " ← ")
}

// siblings resolves an id as a pack folder beside dir on disk.
func siblings(dir string) resolver {
	return func(id string) (Entry, bool) {
		if dir == "" || strings.ContainsAny(id, `/\`) || id == "" || id == "." || id == ".." {
			return Entry{}, false
		}
		d := filepath.Join(filepath.Dir(filepath.Clean(dir)), id)
		if _, err := os.Stat(filepath.Join(d, "pack.toml")); err != nil {
			return Entry{}, false
		}
		return Entry{Name: id, ID: id, Dir: d, FS: os.DirFS(d)}, true
	}
}

// resolverOf finds the base of entry e: in e's library (not e itself), else
// beside e's folder on disk.
func (e Entry) resolverOf() resolver {
	return func(id string) (Entry, bool) {
		if e.lib != nil {
			for _, byName := range []bool{true, false} {
				for _, o := range e.lib.Entries() {
					if (byName && o.Name != id) || (!byName && o.ID != id) || o.Dir == e.Dir {
						continue
					}
					if o.HiddenBy != "" && o.HiddenBy != e.Dir {
						continue // hidden by another pack on disk, which is the one meant
					}
					return o, true
				}
			}
		}
		if !e.Builtin {
			return siblings(e.Dir)(id)
		}
		return Entry{}, false
	}
}
