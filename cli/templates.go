package cli

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"budgetxl/msg"
	"budgetxl/pack"
)

// runTemplates runs "templates list", "templates check [DIR]" and
// "templates export ID DIR".
func runTemplates(e *env, args []string) int {
	fs := e.flags("templates")
	templates := fs.String("templates", "", msg.T(e.lang, "a template pack folder, or a folder of packs (default: templates in config.toml)"))
	valueName(fs, "templates", "DIR")
	if ok, status := e.parse(fs, "usage: budgetxl templates list | check [DIR] | export ID DIR\n\nlist: the template packs known here, their versions and where each comes from (a folder on disk, or built into the program; a pack on disk hides the built-in one of the same id).\ncheck: checks every template pack in DIR (a pack folder, or a folder of packs; default: every known pack) and prints every problem. Exit status 1 when there is any.\nexport: writes the built-in pack ID into the new folder DIR, for a bureau to edit; put it at templates/ID beside config.toml (or name it with --templates) and it is used instead of the built-in one.", args); !ok {
		return status
	}
	switch {
	case fs.NArg() == 1 && fs.Arg(0) == "list":
		return e.templatesList(*templates)
	case fs.NArg() >= 1 && fs.NArg() <= 2 && fs.Arg(0) == "check":
		dir := *templates
		if fs.NArg() == 2 {
			dir = fs.Arg(1)
		}
		return e.templatesCheck(dir)
	case fs.NArg() == 3 && fs.Arg(0) == "export":
		return e.templatesExport(fs.Arg(1), fs.Arg(2))
	}
	return e.fail(ExitInput, msg.Errorf("usage: budgetxl templates list | check [DIR] | export ID DIR"))
}

// templatesList prints every known pack: id and version (and those of the
// packs it is made from), title and where it comes from.
func (e *env) templatesList(dir string) int {
	packs, err := e.packs(dir)
	if err != nil {
		return e.fail(ExitInput, err)
	}
	entries := packs.Entries()
	if len(entries) == 0 {
		e.printf("no template packs\n")
		return ExitOK
	}
	for _, en := range entries {
		where := en.Dir
		switch {
		case en.HiddenBy != "":
			where = msg.T(e.lang, "built-in, hidden by %s", en.HiddenBy)
		case en.Builtin:
			where = msg.T(e.lang, "built-in")
		}
		p, err := en.Load()
		if err != nil {
			e.printf("%s: %d problems (run budgetxl templates check) (%s)\n", en.ID, len(msg.Split(err)), where)
			continue
		}
		e.printf("%s: %s (%s)\n", p.Lineage(), p.Title, where) // "id version ← base version" for an extending pack
	}
	return ExitOK
}

// templatesCheck checks every pack in dir, or every known pack when dir is
// empty, and prints every problem; for a pack without problems, the notes
// of its catalogs (names that the sources give a code and that the pack,
// following a newer source, does not use).
func (e *env) templatesCheck(dir string) int {
	var entries []pack.Entry
	if dir != "" {
		if _, err := pack.Dirs(dir); err != nil {
			return e.fail(ExitInput, err)
		}
		// The packs of dir, each able to extend a built-in one.
		lib := e.packsBuiltin()
		lib.Dir = dir
		for _, en := range lib.Entries() {
			if !en.Builtin {
				entries = append(entries, en)
			}
		}
	} else {
		packs, err := e.packs("")
		if err != nil {
			return e.fail(ExitInput, err)
		}
		entries = packs.Visible()
	}
	status := ExitOK
	for _, en := range entries {
		p, err := en.Load()
		if err != nil {
			n := len(msg.Split(err))
			e.printf("%s: %d problems\n", en.Dir, n)
			for _, one := range msg.Split(err) {
				e.printf("  %s\n", msg.Render(e.lang, one))
			}
			status = ExitProblems
			continue
		}
		if p.Base != nil {
			e.printf("%s: pack %s, %d tables, no problems\n", en.Dir, p.Lineage(), len(p.Tables))
		} else {
			e.printf("%s: pack %s %s, %d tables, no problems\n", en.Dir, p.ID, p.Version, len(p.Tables))
		}
		for _, note := range p.CatalogNotes {
			e.printf("  note: %s\n", msg.Render(e.lang, note))
		}
	}
	return status
}

// templatesExport writes the built-in pack id into the new folder dir. It
// refuses a folder that exists and is not empty, so that it never writes
// over a bureau's files, and writes a temporary folder that it renames, so
// a failure leaves nothing half-written.
func (e *env) templatesExport(id, dir string) int {
	var found *pack.Entry
	var ids []string
	for _, en := range e.packsBuiltin().Entries() {
		ids = append(ids, en.ID)
		if en.ID == id {
			found = &en
		}
	}
	if found == nil {
		if len(ids) == 0 {
			ids = []string{msg.T(e.lang, "none")}
		}
		return e.fail(ExitInput, msg.Errorf("%q is not a built-in template pack (built in: %s)", id, strings.Join(ids, ", ")))
	}
	p, err := found.Load()
	if err != nil {
		return e.fail(ExitInput, err)
	}
	dir = filepath.Clean(dir)
	switch taken, err := newFolder(dir); {
	case err != nil:
		return e.fail(ExitInput, err)
	case taken:
		return e.fail(ExitInput, msg.Errorf("%s already exists and is not empty: export writes only into a new or empty folder, so that it never writes over files; choose another folder", dir))
	}
	n, err := exportPack(found.FS, dir)
	if err != nil {
		return e.fail(ExitInput, msg.Errorf("%s: cannot write the template pack: %v", dir, msg.File(err)))
	}
	e.printf("wrote the built-in template pack %s %s to %s (%d files)\n", p.ID, p.Version, dir, n)
	e.printf("  once edited, check it with budgetxl templates check %s; as templates/%s beside config.toml (or named with --templates) it is used instead of the built-in pack\n", dir, p.ID)
	return ExitOK
}

// newFolder makes ready the folder dir that a command writes as a new
// one: taken when it exists and is not empty (nothing may be written
// then); an empty one is removed, for exportFiles to rename into its place.
func newFolder(dir string) (taken bool, err error) {
	switch names, err := os.ReadDir(dir); {
	case err == nil && len(names) > 0:
		return true, nil
	case err == nil:
		if err := os.Remove(dir); err != nil {
			return false, msg.Errorf("%s: %v", dir, msg.File(err))
		}
	case !errors.Is(err, fs.ErrNotExist):
		return false, msg.Errorf("%s: %v", dir, msg.File(err))
	}
	return false, nil
}

// exportPack copies the pack files of src into the new folder dir through
// a temporary folder beside it, and returns the number of files.
func exportPack(src fs.FS, dir string) (int, error) { return exportFiles(src, dir, nil) }

// exportFiles copies the files of src that keep accepts (all for nil)
// into the new folder dir through a temporary folder beside it, and
// returns the number of files.
func exportFiles(src fs.FS, dir string, keep func(path string) bool) (int, error) {
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return 0, err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".new-*")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(tmp) // after the rename there is nothing left to remove
	if err := os.Chmod(tmp, 0o755); err != nil {
		return 0, err
	}
	n := 0
	err = fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir():
			if p != "." && keep == nil {
				return os.MkdirAll(filepath.Join(tmp, filepath.FromSlash(p)), 0o755)
			}
			return nil
		case keep != nil && !keep(p):
			return nil
		}
		b, err := fs.ReadFile(src, p)
		if err != nil {
			return err
		}
		target := filepath.Join(tmp, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		n++
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		return 0, err
	}
	return n, os.Rename(tmp, dir)
}
