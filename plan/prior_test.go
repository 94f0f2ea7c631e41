package plan_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"budgetxl/dataset"
	"budgetxl/internal/mutate"
	"budgetxl/pack"
	"budgetxl/plan"
)

// priorTemplates is a small pack whose tables print the prior year's figures.
const priorTemplates = "testdata/prior"

// openPrior reads dir (a dataset of the prior test pack) with its prior year's dataset.
func openPrior(t *testing.T, dir string, withPrior bool) *plan.Book {
	t.Helper()
	p, d, err := dataset.Open(dir, priorTemplates)
	if err != nil {
		t.Fatal(err)
	}
	if withPrior {
		if d.Prior, err = dataset.OpenPrior(d, p, d.PriorDir(), pack.Library{Dir: priorTemplates}); err != nil {
			t.Fatal(err)
		}
	}
	b, err := plan.Build(p, d)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// cells writes the planned cells of a table's columns, row by row.
func cells(b *plan.Book, table string, rows, cols []string) string {
	var out []string
	for _, r := range rows {
		var line []string
		for _, c := range cols {
			cell := b.Lookup(table, r, c)
			switch {
			case cell == nil:
				line = append(line, c+"=none")
			case cell.Kind == plan.Input && cell.Blank:
				line = append(line, c+"=blank")
			default:
				line = append(line, fmt.Sprintf("%s=%s", c, cell.String()))
			}
		}
		out = append(out, r+": "+strings.Join(line, " "))
	}
	return strings.Join(out, "\n")
}

// TestPriorColumns: a column with prior = "x" takes the prior year's
// figure of column x at the same row (inputs, and formulas such as a
// total), a code dropped this year keeps its row for last year's figure,
// the tree's sums add the prior column like any other, and without a
// prior year's dataset the column is blank.
func TestPriorColumns(t *testing.T) {
	b := openPrior(t, filepath.Join(priorTemplates, "2025"), true)
	got := cells(b, "sg", []string{"budget"}, []string{"total", "prior_total", "prior_reception", "change"}) + "\n" +
		cells(b, "cls", []string{"total", "201", "20101", "20102", "20103"}, []string{"amount", "prior_amount"})
	want := `budget: total==B5+C5 → 21.8 prior_total=input 23 prior_reception=input 8 change==A5-D5 → -1.2
total: amount==C5 → 140 prior_amount==D5 → 125.00005
201: amount==SUM(C6:C8) → 140 prior_amount==SUM(D6:D8) → 125.00005
20101: amount=input 110 prior_amount=input 100
20102: amount=input 30 prior_amount=blank
20103: amount=blank prior_amount=input 25.00005`
	if got != want {
		t.Errorf("planned cells:\n%s\nwant\n%s", got, want)
	}
	if len(b.PriorConflicts) != 0 {
		t.Errorf("conflicts %+v, want none", b.PriorConflicts)
	}
	if b.Prior == nil || b.Prior.Lookup("sg", "budget", "total").Value.String() != "23" {
		t.Error("Book.Prior is not the prior year's plan")
	}

	// Without the prior year's dataset the columns are blank inputs, to type in.
	b = openPrior(t, filepath.Join(priorTemplates, "2025"), false)
	got = cells(b, "sg", []string{"budget"}, []string{"prior_total", "prior_reception"})
	if got != "budget: prior_total=blank prior_reception=blank" {
		t.Errorf("without a prior year: %s", got)
	}
	if c := b.Lookup("cls", "20103", "amount"); c != nil {
		t.Errorf("without a prior year, code 20103 (only in 2024) has a row: %v", c)
	}
}

// TestPriorConflict: a prior year's figure the dataset gives must be the
// prior year's dataset's own; each one that differs is listed.
func TestPriorConflict(t *testing.T) {
	dir := mutate.Copy(t, priorTemplates, "prior")
	mutate.Edit("2025/sg.csv", "code,car_run,reception\nbudget,\"150,000.00\",\"68,000.00\"", "code,car_run,reception,prior_reception\nbudget,\"150,000.00\",\"68,000.00\",\"80,000.00\"")(t, dir)
	mutate.Edit("2025/cls.csv", "20101,\"1,100,000.00\"", "20101,\"1,100,000.00\",\"999,999.00\"")(t, dir)
	mutate.Edit("2025/cls.csv", "code,amount", "code,amount,prior_amount")(t, dir)
	p, d, err := dataset.Open(filepath.Join(dir, "2025"), dir)
	if err != nil {
		t.Fatal(err)
	}
	if d.Prior, err = dataset.OpenPrior(d, p, d.PriorDir(), pack.Library{Dir: dir}); err != nil {
		t.Fatal(err)
	}
	b, err := plan.Build(p, d)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range b.PriorConflicts {
		got = append(got, fmt.Sprintf("%s!%s %s · %s: %s ≠ %s", c.Sheet, c.Cell, c.Row, c.Column, c.Given, c.Prior))
	}
	want := "支出!D6 20101 人大事务 · 上年: 99.9999 ≠ 100"
	if strings.Join(got, "\n") != want {
		t.Errorf("conflicts:\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
}
