package review

import (
	"archive/zip"
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"budgetxl/annotate"
	"budgetxl/msg"
)

// Input is one workbook that a run checks, as Expand found it.
type Input struct {
	// Path is the file to check, as the user wrote it or as found in a
	// folder the user named.
	Path string
	// Name is the file's path relative to the folder argument it was
	// found in (its base name for a file or a pattern), with forward
	// slashes: annotated copies are written under it.
	Name string
	// Err is why the argument gave no workbook (a pattern that matches
	// nothing, a folder without one); the input then counts as a file
	// that cannot be read.
	Err error
}

// Expand turns the arguments of a run into the workbooks to check: a file
// is taken whatever its name (verify says when it is no workbook), a
// folder gives every .xlsx file under it, subfolders included, in name
// order, and an argument that names nothing but holds *, ? or [ is a
// pattern that Expand matches itself (Windows' cmd passes *.xlsx as it
// is). Excel's lock files (~$name.xlsx), hidden files and the outputs of
// earlier reviews (summaries and annotated copies, which their document
// properties mark) are left out of folders and patterns, and so are the
// paths in skip. A file reached twice is checked once. An argument that gives nothing is
// an Input with Err, so the others are still checked.
func Expand(args []string, skip ...string) []Input {
	skipped := map[string]bool{}
	for _, s := range skip {
		if s != "" {
			skipped[key(s)] = true
		}
	}
	var out []Input
	seen := map[string]bool{}
	add := func(in Input) {
		if in.Err == nil {
			k := key(in.Path)
			if seen[k] {
				return
			}
			seen[k] = true
		}
		out = append(out, in)
	}
	for _, arg := range args {
		st, err := os.Stat(arg)
		switch {
		case err == nil && st.IsDir():
			found := folder(arg, skipped)
			if len(found) == 0 {
				add(Input{Path: arg, Name: filepath.Base(arg), Err: msg.Errorf("%s: no .xlsx workbook in this folder or its subfolders", arg)})
			}
			for _, in := range found {
				add(in)
			}
		case err != nil && isPattern(arg):
			matches, perr := filepath.Glob(arg)
			if perr != nil {
				add(Input{Path: arg, Name: arg, Err: msg.Errorf("%s: not a valid pattern (write * for any characters, ? for one)", arg)})
				continue
			}
			n := 0
			for _, m := range matches {
				if skipped[key(m)] {
					continue
				}
				if st, err := os.Stat(m); err == nil && st.IsDir() {
					for _, in := range folder(m, skipped) {
						add(in)
						n++
					}
					continue
				}
				if !isWorkbookName(filepath.Base(m)) {
					continue
				}
				if isOutput(m) {
					continue
				}
				add(Input{Path: m, Name: filepath.Base(m)})
				n++
			}
			if n == 0 {
				add(Input{Path: arg, Name: arg, Err: msg.Errorf("%s: no .xlsx workbook matches this pattern", arg)})
			}
		default:
			add(Input{Path: arg, Name: filepath.Base(arg)})
		}
	}
	return out
}

// folder lists the workbooks under dir, in name order.
func folder(dir string, skipped map[string]bool) []Input {
	var out []Input
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == dir {
				return err
			}
			out = append(out, Input{Path: path, Name: rel(dir, path), Err: msg.Errorf("%s: %v", path, msg.File(err))})
			return nil
		}
		if path != dir && (strings.HasPrefix(d.Name(), ".") || skipped[key(path)]) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() && isWorkbookName(d.Name()) && !isOutput(path) {
			out = append(out, Input{Path: path, Name: rel(dir, path)})
		}
		return nil
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// isWorkbookName reports whether a file found in a folder is a workbook
// to check: .xlsx in any case, not an Excel or WPS lock file (~$name.xlsx).
func isWorkbookName(name string) bool {
	return strings.EqualFold(filepath.Ext(name), ".xlsx") && !strings.HasPrefix(name, "~$") && !strings.HasPrefix(name, ".")
}

func isPattern(s string) bool { return strings.ContainsAny(s, "*?[") }

func rel(dir, path string) string {
	r, err := filepath.Rel(dir, path)
	if err != nil {
		return filepath.Base(path)
	}
	return filepath.ToSlash(r)
}

// key identifies a file however it was named: its absolute, cleaned path
// with symbolic links resolved, in lower case where file names are
// compared without case (Windows, macOS).
func key(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		abs = filepath.Clean(p)
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		return strings.ToLower(abs)
	}
	return abs
}

// isOutput reports whether the workbook at path is a review's output (an
// annotated copy or a summary, marked by annotate.PropOutput in its
// custom properties). It reads that one small part; a file it cannot
// read is no output (verify says what is wrong with it).
func isOutput(path string) bool {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return false
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name != "docProps/custom.xml" {
			continue
		}
		r, err := f.Open()
		if err != nil {
			return false
		}
		defer r.Close()
		b, err := io.ReadAll(io.LimitReader(r, 1<<20))
		return err == nil && bytes.Contains(b, []byte(`name="`+annotate.PropOutput+`"`))
	}
	return false
}
