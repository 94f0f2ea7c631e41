package bench_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"budgetxl/bench"
	"budgetxl/dataset"
	"budgetxl/fill"
	"budgetxl/pack"
	"budgetxl/plan"
	"budgetxl/verify"
	"budgetxl/workbook"
)

// sizes are the benchmarks' units: projects (performance-target forms,
// merges and page breaks) and leaf function codes (trees and formulas).
var sizes = []bench.Spec{
	{Seed: 1, Projects: 100, Codes: 20},
	{Seed: 1, Projects: 1000, Codes: 20},
	{Seed: 1, Projects: 10, Codes: 2000},
	{Seed: 1, Projects: 10, Codes: 7000},
	{Seed: 1, Projects: 10, Codes: 20000},
}

func name(s bench.Spec) string { return fmt.Sprintf("projects=%d/codes=%d", s.Projects, s.Codes) }

// unit writes a synthetic unit and its workbook, outside the timing.
func unit(b *testing.B, s bench.Spec) (*pack.Pack, *dataset.Dataset, string, string) {
	b.Helper()
	dir := b.TempDir()
	templates, units, err := bench.District(dir, filepath.Join("..", "templates", bench.PackID), 1, s)
	if err != nil {
		b.Fatal(err)
	}
	p, d, err := dataset.Open(units[0], templates)
	if err != nil {
		b.Fatal(err)
	}
	book, err := plan.Build(p, d)
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(dir, "unit.xlsx")
	if err := fill.Write(book, path, fill.Options{}); err != nil {
		b.Fatal(err)
	}
	return p, d, templates, path
}

// BenchmarkFill plans and writes a unit's workbook.
func BenchmarkFill(b *testing.B) {
	for _, s := range sizes {
		b.Run(name(s), func(b *testing.B) {
			p, d, _, path := unit(b, s)
			b.ReportAllocs()
			for b.Loop() {
				book, err := plan.Build(p, d)
				if err != nil {
					b.Fatal(err)
				}
				if err := fill.Write(book, path, fill.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkVerify checks a unit's workbook from its file.
func BenchmarkVerify(b *testing.B) {
	for _, s := range sizes {
		b.Run(name(s), func(b *testing.B) {
			_, _, templates, path := unit(b, s)
			b.ReportAllocs()
			for b.Loop() {
				r, err := verify.File(path, verify.Options{Templates: templates})
				if err != nil || len(r.Findings) > 0 {
					b.Fatal(err, len(r.Findings))
				}
			}
		})
	}
}

// BenchmarkRead reads a unit's workbook into the model.
func BenchmarkRead(b *testing.B) {
	for _, s := range sizes {
		b.Run(name(s), func(b *testing.B) {
			_, _, _, path := unit(b, s)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := workbook.Read(path); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPlan plans a unit's workbook, as fill does (plan.Build) and as
// verify does (plan.BuildContent), without reading or writing a file.
func BenchmarkPlan(b *testing.B) {
	for _, s := range sizes {
		b.Run(name(s), func(b *testing.B) {
			p, d, _, _ := unit(b, s)
			for _, content := range []bool{false, true} {
				build, what := plan.Build, "build"
				if content {
					build, what = plan.BuildContent, "content"
				}
				b.Run(what, func(b *testing.B) {
					b.ReportAllocs()
					for b.Loop() {
						if _, err := build(p, d); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		})
	}
}
