package dataset

import (
	"path/filepath"
	"strings"
	"testing"

	"budgetxl/internal/mutate"
	"budgetxl/pack"
)

// TestFacts: explain.toml's facts are read in the dataset's amount unit;
// each fault is reported at its line.
func TestFacts(t *testing.T) {
	dir := mutate.Copy(t, demo, "data")
	mutate.Write("explain.toml", "duties = \"负责群众文化。\"\nprocurement = \"120,000.00\"\nvehicles = 2\n")(t, dir)
	_, d, err := Open(dir, templates)
	if err != nil {
		t.Fatal(err)
	}
	if d.Facts["duties"].Text != "负责群众文化。" || d.Facts["procurement"].Amount.String() != "120000" || d.Facts["vehicles"].Amount.String() != "2" {
		t.Errorf("facts %+v", d.Facts)
	}
	mutate.Write("explain.toml", "procurment = \"1.00\"\nprocurement = 12.5\nvehicles = \"1.5\"\nduties = \"\"\nprocurement_goods = \"1.234\"\n")(t, dir)
	_, _, err = Open(dir, templates)
	want := `$DATA/explain.toml:2: procurement: write the value in quotes, such as procurement = "12.50"
$DATA/explain.toml:5: procurement_goods: "1.234" has more than 2 decimals
$DATA/explain.toml:1: unknown fact "procurment" (the pack's facts: duties, structure, operating_funds, procurement, procurement_goods, procurement_works, procurement_services, vehicles, general_equipment, special_equipment)
$DATA/explain.toml:3: vehicles: "1.5" is not a whole number`
	if err == nil || strings.ReplaceAll(err.Error(), dir, dirToken) != want {
		t.Errorf("error:\n%v\nwant:\n%s", err, want)
	}
}

// TestOpenPrior: the prior year's dataset is the same unit's, of the year
// before; with this year's pack it may be of the pack's year less one.
func TestOpenPrior(t *testing.T) {
	p, d, err := Open(filepath.Join("..", "samples", "demo-2025"), templates)
	if err != nil {
		t.Fatal(err)
	}
	prior, err := OpenPrior(d, p, filepath.Join("..", "samples", "demo-2024"), pack.Library{Dir: templates})
	if err != nil {
		t.Fatal(err)
	}
	if prior.Pack != p || prior.Data.Unit.Year != 2024 || len(prior.Data.Tables) == 0 {
		t.Errorf("prior %+v", prior.Data.Unit)
	}
	other := mutate.Copy(t, filepath.Join("..", "samples", "demo-2024"), "other")
	mutate.Edit("unit.toml", `code = "999001"`, `code = "999002"`)(t, other)
	_, err = OpenPrior(d, p, other, pack.Library{Dir: templates})
	want := `$DATA/unit.toml: this is the dataset of 重庆市綦江区演示文化馆 (code "999002"), not of 重庆市綦江区演示文化馆 (code "999001"): give the same unit's dataset of the year before`
	if err == nil || strings.ReplaceAll(err.Error(), other, dirToken) != want {
		t.Errorf("another unit: %v", err)
	}
	mutate.Edit("unit.toml", "year = 2024", "year = 2023")(t, other)
	_, err = OpenPrior(d, p, other, pack.Library{Dir: templates})
	if err == nil || !strings.Contains(err.Error(), "year is 2023, but the prior year of ../samples/demo-2025 (2025) is 2024") {
		t.Errorf("another year: %v", err)
	}
}
