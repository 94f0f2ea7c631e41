// Package mutate breaks copies of folders and workbooks for table-driven
// error tests: copy a known-good pack, dataset or .xlsx file, apply
// mutations, check the messages.
package mutate

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Mutation changes a copied folder.
type Mutation func(t testing.TB, dir string)

// Copy copies the folder src into a new temp folder named name and returns its path.
func Copy(t testing.TB, src, name string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), name)
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return dir
}

// Edit replaces the first old in file (a slash path inside the folder) by new.
func Edit(file, old, new string) Mutation {
	return func(t testing.TB, dir string) {
		t.Helper()
		path := filepath.Join(dir, filepath.FromSlash(file))
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), old) {
			t.Fatalf("mutation: %s has no %q", file, old)
		}
		if err := os.WriteFile(path, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Write creates or replaces file, and the folders it lies in.
func Write(file, text string) Mutation {
	return func(t testing.TB, dir string) {
		t.Helper()
		path := filepath.Join(dir, filepath.FromSlash(file))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Remove deletes file.
func Remove(file string) Mutation {
	return func(t testing.TB, dir string) {
		t.Helper()
		if err := os.Remove(filepath.Join(dir, filepath.FromSlash(file))); err != nil {
			t.Fatal(err)
		}
	}
}

// Part returns a copy of the .xlsx (zip) file at path in which the first n
// occurrences of old in part (n < 0: all) are replaced by new, as a person
// or a program editing the XML would. The copy is in a temp dir of t.
func Part(t testing.TB, path, part, old, new string, n int) string {
	t.Helper()
	done := false
	out := Parts(t, path, func(name string, b []byte) []byte {
		if name != part {
			return b
		}
		if !bytes.Contains(b, []byte(old)) {
			t.Fatalf("%s has no %q", part, old)
		}
		done = true
		return bytes.Replace(b, []byte(old), []byte(new), n)
	})
	if !done {
		t.Fatalf("%s has no part %s", path, part)
	}
	return out
}

// Parts returns a copy of the .xlsx (zip) file at path with each part as
// edit returns it, given the part's name and content. The copy is in a
// temp dir of t.
func Parts(t testing.TB, path string, edit func(part string, b []byte) []byte) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(edit(f.Name, b))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), filepath.Base(path))
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}
