package bench_test

import (
	"os"
	"path/filepath"
	"testing"

	"budgetxl/bench"
	"budgetxl/dataset"
	"budgetxl/fill"
	"budgetxl/plan"
	"budgetxl/verify"
)

// TestSyntheticUnitsVerifyClean fills synthetic units of several shapes
// and checks that verify finds nothing in them: the generator keeps every
// rule of the pack, so a finding on these files is a regression.
func TestSyntheticUnitsVerifyClean(t *testing.T) {
	for _, s := range []bench.Spec{
		{Seed: 1, Projects: 0, Codes: 1},
		{Seed: 2, Projects: 3, Codes: 25},
		{Seed: 3, Projects: 30, Codes: 450},
	} {
		dir := t.TempDir()
		templates, units, err := bench.District(dir, filepath.Join("..", "templates", bench.PackID), 1, s)
		if err != nil {
			t.Fatal(err)
		}
		p, d, err := dataset.Open(units[0], templates)
		if err != nil {
			t.Fatalf("%+v: %v", s, err)
		}
		book, err := plan.Build(p, d)
		if err != nil {
			t.Fatalf("%+v: %v", s, err)
		}
		path := filepath.Join(dir, "unit.xlsx")
		if err := fill.Write(book, path, fill.Options{}); err != nil {
			t.Fatalf("%+v: %v", s, err)
		}
		r, err := verify.File(path, verify.Options{Templates: templates})
		if err != nil {
			t.Fatalf("%+v: %v", s, err)
		}
		for _, f := range r.Findings {
			t.Errorf("%+v: %s %s %s!%s: %s", s, f.Severity, f.Rule, f.Sheet, f.Cell, f.EN)
		}
	}
}

// TestDeterministic: the same seed and size give the same files.
func TestDeterministic(t *testing.T) {
	var sums [2]string
	for i := range sums {
		dir := t.TempDir()
		_, units, err := bench.District(dir, filepath.Join("..", "templates", bench.PackID), 2, bench.Spec{Projects: 4, Codes: 30})
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range units {
			entries, _ := os.ReadDir(u)
			for _, e := range entries {
				b, err := os.ReadFile(filepath.Join(u, e.Name()))
				if err != nil {
					t.Fatal(err)
				}
				sums[i] += e.Name() + "\n" + string(b)
			}
		}
	}
	if sums[0] != sums[1] {
		t.Error("two runs of the generator wrote different files")
	}
}
