package fill_test

import (
	"archive/zip"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"budgetxl/bench"
	"budgetxl/dataset"
	"budgetxl/fill"
	"budgetxl/plan"
	"budgetxl/verify"
)

// TestPageBreaksWithinExcelsLimit: a unit with more projects than Excel
// allows manual page breaks in a sheet gets a workbook Excel opens: at
// most MaxPageBreaks breaks per sheet.
func TestPageBreaksWithinExcelsLimit(t *testing.T) {
	dir := t.TempDir()
	templates, units, err := bench.District(dir, filepath.Join("..", "templates", bench.PackID), 1, bench.Spec{Seed: 1, Projects: fill.MaxPageBreaks + 20, Codes: 3})
	if err != nil {
		t.Fatal(err)
	}
	p, d, err := dataset.Open(units[0], templates)
	if err != nil {
		t.Fatal(err)
	}
	book, err := plan.Build(p, d)
	if err != nil {
		t.Fatal(err)
	}
	pages := 0
	for _, sh := range book.Sheets {
		pages = max(pages, sh.Pages)
		if len(sh.Breaks) > fill.MaxPageBreaks {
			t.Errorf("%s: the plan has %d page breaks, more than Excel opens", sh.Name, len(sh.Breaks))
		}
	}
	if pages <= fill.MaxPageBreaks+1 {
		t.Fatalf("the longest sheet prints on %d pages: the test needs more than %d", pages, fill.MaxPageBreaks+1)
	}
	path := filepath.Join(dir, "big.xlsx")
	if err := fill.Write(book, path, fill.Options{}); err != nil {
		t.Fatal(err)
	}
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	most := 0
	for _, f := range z.File {
		if !strings.HasPrefix(f.Name, "xl/worksheets/") {
			continue
		}
		r, _ := f.Open()
		b, _ := io.ReadAll(r)
		r.Close()
		most = max(most, strings.Count(string(b), "<brk "))
	}
	if most != fill.MaxPageBreaks {
		t.Errorf("the most page breaks in a sheet is %d, want %d", most, fill.MaxPageBreaks)
	}
	// verify (and so extract) reads every project back.
	r, err := verify.File(path, verify.Options{Templates: templates})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range r.Findings {
		t.Errorf("%s %s %s!%s: %s", f.Severity, f.Rule, f.Sheet, f.Cell, f.EN)
	}
}
