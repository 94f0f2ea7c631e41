// Package mutate breaks copies of folders for table-driven error tests:
// copy a known-good pack or dataset, apply mutations, check the messages.
package mutate

import (
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

// Write creates or replaces file.
func Write(file, text string) Mutation {
	return func(t testing.TB, dir string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(file)), []byte(text), 0o644); err != nil {
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
