package plan_test

import (
	"path/filepath"
	"testing"

	"budgetxl/dataset"
	"budgetxl/internal/mutate"
	"budgetxl/plan"
)

// TestNegativeEntry: the input cells of a column that allows negative
// amounts take them when typed into a blank form; the others do not.
func TestNegativeEntry(t *testing.T) {
	dir := mutate.Copy(t, filepath.Join("..", "templates"), "templates")
	mutate.Edit("cq-2025/4-2.toml", "  key = \"project\"\n  kind = \"amount\"\n", "  key = \"project\"\n  kind = \"amount\"\n  negative = true\n")(t, dir)
	p, d, err := dataset.Open(filepath.Join("..", "samples", "demo-2025"), dir)
	if err != nil {
		t.Fatal(err)
	}
	book, err := plan.Build(p, d)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, row := range book.Sheet("附件4-2").Rows {
		for _, c := range row {
			if c == nil || c.Kind != plan.Input {
				continue
			}
			seen[c.Column]++
			if want := c.Column == "project"; c.Entry.Negative != want {
				t.Errorf("%s (%s): Negative %v, want %v", c.Address(), c.Column, c.Entry.Negative, want)
			}
		}
	}
	if seen["project"] == 0 || seen["basic"] == 0 {
		t.Errorf("input cells by column: %v", seen)
	}
}
