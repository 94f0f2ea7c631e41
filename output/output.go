// Package output is how every command writes what it makes without losing
// anything: Check refuses an output path that is, holds or lies inside one
// of the command's inputs, and File writes a file through a temporary file
// that is synced and renamed into place, so that a failure leaves the
// previous output as it was and no temporary file behind.
//
// It knows paths and files, nothing of budgets or workbooks.
package output

import (
	"os"
	"path/filepath"
	"strings"

	"budgetxl/msg"
)

// Check returns an error when out, a file or folder a command is about to
// write, is one of inputs, lies inside an input folder, or is a folder
// that holds an input. Paths are compared cleaned and absolute with their
// symbolic links resolved, and by os.SameFile, so "./", "..", links and
// hard links do not slip through. Empty inputs are skipped.
func Check(out string, inputs ...string) error {
	o := resolve(out)
	for _, in := range inputs {
		if in == "" {
			continue
		}
		i := resolve(in)
		switch {
		case same(o, i):
			return msg.Errorf("%s is an input of this command (%s): it would be overwritten; write to another path", out, in)
		case inside(o, i):
			return msg.Errorf("%s lies inside %s, which this command reads: write outside that folder", out, in)
		case inside(i, o):
			return msg.Errorf("%s holds %s, which this command reads: it would be replaced; write to another folder", out, in)
		}
	}
	return nil
}

// resolve makes p absolute and clean, with the symbolic links of its
// longest existing ancestor resolved (the rest does not exist yet).
func resolve(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	rest := ""
	for dir := abs; ; {
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(real, rest)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return abs
		}
		rest = filepath.Join(filepath.Base(dir), rest)
		dir = parent
	}
}

// same reports whether a and b name the same file or folder.
func same(a, b string) bool {
	if a == b {
		return true
	}
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}

// inside reports whether a lies inside folder b (a is not b).
func inside(a, b string) bool {
	if rel, err := filepath.Rel(b, a); err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return true
	}
	sb, err := os.Stat(b)
	if err != nil || !sb.IsDir() {
		return false
	}
	for dir := filepath.Dir(a); ; dir = filepath.Dir(dir) {
		if sd, err := os.Stat(dir); err == nil && os.SameFile(sd, sb) {
			return true
		}
		if filepath.Dir(dir) == dir {
			return false
		}
	}
}

// File writes the file at path: write fills a temporary file in path's
// folder, which is synced to disk; check, when not nil, inspects the
// temporary file by name (its error stops the writing); then the file
// takes path's place. On every failure the temporary file is removed and
// path is left as it was. The folder is created when missing.
func File(path string, write func(f *os.File) error, check func(tmp string) error) (err error) {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return msg.Errorf("%s is a folder: give the name of a file to write", path)
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return msg.Errorf("%s: cannot create the folder: %v", dir, msg.File(err))
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return msg.Errorf("%s: cannot write in this folder: %v", dir, msg.File(err))
	}
	name := tmp.Name()
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(name)
		}
	}()
	if err := tmp.Chmod(0o644); err != nil { // CreateTemp makes it private
		return msg.Errorf("%s: %v", path, msg.File(err))
	}
	if err := write(tmp); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return msg.Errorf("%s: cannot write to disk: %v", path, msg.File(err))
	}
	if err := tmp.Close(); err != nil {
		return msg.Errorf("%s: cannot write to disk: %v", path, msg.File(err))
	}
	if check != nil {
		if err := check(name); err != nil {
			return err
		}
	}
	if err := rename(name, path); err != nil {
		if _, serr := os.Stat(path); serr == nil {
			// On Windows, Excel and WPS hold the file they have open.
			return msg.Errorf("%s cannot be replaced (%v): is it open in Excel or WPS? Close it and run the command again; the file is as it was", path, msg.File(err))
		}
		return msg.Errorf("%s: %v", path, msg.File(err))
	}
	SyncDir(dir)
	return nil
}

// rename is os.Rename; tests replace it to fail as Windows does when the
// file is open in another program.
var rename = os.Rename

// WriteSynced creates the file name with data and syncs it to disk, for
// files written into a temporary folder that is renamed afterwards.
func WriteSynced(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// SyncDir syncs a folder, so that the renames in it are on disk. It is
// best effort: some systems (Windows) cannot sync a folder, and the data
// itself was synced before the rename.
func SyncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}
