package pdftext

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"budgetxl/dataset"
	"budgetxl/internal/fuzzcheck"
	"budgetxl/pack"
)

// TestFuzzSeeds keeps FuzzImport's seeds: the published set of the seed,
// whole, and its first tables one by one (a table starts at its title: a
// short line without tabs that names a table, 表), up to the first two of
// the 48 project tables.
func TestFuzzSeeds(t *testing.T) {
	b, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	seeds := []fuzzcheck.Seed{{Name: "whole", Args: []any{b}}}
	lines := strings.SplitAfter(string(b), "\n")
	start := 0
	for i := 1; i <= len(lines) && len(seeds) <= 13; i++ {
		if i < len(lines) && !(strings.HasSuffix(strings.TrimSpace(lines[i]), "表") && !strings.Contains(lines[i], "\t") && len([]rune(lines[i])) < 60) {
			continue
		}
		if chunk := strings.Join(lines[start:i], ""); strings.TrimSpace(chunk) != "" {
			seeds = append(seeds, fuzzcheck.Seed{Name: fmt.Sprintf("lines-%d", start+1), Args: []any{[]byte(chunk)}})
		}
		start = i
	}
	fuzzcheck.Seeds(t, "FuzzImport", seeds)
}

// FuzzImport reads a file of published text as import does (UTF-8 or
// GB18030, see dataset.Decode): an error, and the reason of each line it
// cannot place, must be messages; a dataset it reads, when it has every
// table, must write, load and write again the same. (The pack's depth of
// disclosure is left out: import keeps what was published, and fill
// judges it.)
func FuzzImport(f *testing.F) {
	p, err := pack.Load(cqPack)
	if err != nil {
		f.Fatal(err)
	}
	for _, t := range p.Tables {
		for _, s := range t.Sides {
			if tree := s.TreeRow(); tree != nil {
				tree.Leaf = 0
			}
		}
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		text, err := dataset.Decode(raw)
		fuzzcheck.Error(t, err)
		if err != nil {
			return
		}
		var d *dataset.Dataset
		var unplaced []Unplaced
		fuzzcheck.Within(t, "import", func() { d, unplaced, err = Parse(text, p, Options{}) })
		fuzzcheck.Error(t, err)
		for _, u := range unplaced {
			fuzzcheck.Error(t, u.Why)
			if u.Line < 1 {
				t.Fatalf("unplaced line %d: %q", u.Line, u.Text)
			}
		}
		if err != nil || !complete(d, p) {
			return
		}
		out := t.TempDir()
		first, second := filepath.Join(out, "1"), filepath.Join(out, "2")
		if err := dataset.Write(d, p, first); err != nil {
			t.Fatalf("the text imports, but does not write: %v", err)
		}
		u, err := dataset.ReadUnit(dataset.Dir(first))
		if err != nil {
			t.Fatalf("the text imports, but its unit.toml does not read: %v", err)
		}
		d2, err := dataset.Load(dataset.Dir(first), u, p)
		if err != nil {
			t.Fatalf("the text imports, but the dataset written does not load: %v", err)
		}
		if err := dataset.Write(d2, p, second); err != nil {
			t.Fatal(err)
		}
		for _, e := range mustReadDir(t, first) {
			a, _ := os.ReadFile(filepath.Join(first, e))
			b, _ := os.ReadFile(filepath.Join(second, e))
			if string(a) != string(b) {
				t.Fatalf("%s changes when loaded and written again:\n%s\nthen:\n%s", e, a, b)
			}
		}
	})
}

func mustReadDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

// complete reports whether d has every table of p that may not be left out.
func complete(d *dataset.Dataset, p *pack.Pack) bool {
	for _, t := range p.Tables {
		if d.Tables[t.ID] == nil && d.Forms[t.ID] == nil && t.EmptyNote == "" {
			return false
		}
	}
	return true
}
