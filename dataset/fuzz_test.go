package dataset

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"budgetxl/internal/fuzzcheck"
	"budgetxl/pack"
)

// The fuzz targets of the files a unit gives: a table's CSV file or a
// form's TOML file (FuzzDataFile), unit.toml (FuzzUnit) and the codes file
// of `budgetxl form --codes` (FuzzCodes). Their seeds are the samples'
// files, in testdata/fuzz (TestFuzzSeeds writes them with -seeds).

// dataFiles are the files of a dataset but unit.toml, in the order that
// FuzzDataFile's first argument picks them by.
var dataFiles = []string{"4-1.csv", "4-2.csv", "4-3.csv", "4-4.csv", "4-5.csv", "income-expense.csv", "income.csv", "expense.csv", "overall.toml", "projects.toml"}

// sampleFile reads a sample's file; long form files keep their first records.
func sampleFile(t testing.TB, dir, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	if parts := bytes.SplitAfterN(b, []byte("\n[[project]]"), 4); len(parts) == 4 {
		b = bytes.Join(parts[:3], nil)
		b = b[:len(b)-len("[[project]]")]
	}
	return b
}

func TestFuzzSeeds(t *testing.T) {
	var data, units, codes []fuzzcheck.Seed
	for _, sample := range []string{"demo-2025", "qijiang-shebao-2025"} {
		dir := filepath.Join("..", "samples", sample)
		for i, name := range dataFiles {
			data = append(data, fuzzcheck.Seed{Name: sample + "-" + name, Args: []any{byte(i), sampleFile(t, dir, name)}})
		}
		units = append(units, fuzzcheck.Seed{Name: sample, Args: []any{sampleFile(t, dir, UnitFile)}})
	}
	codes = append(codes,
		fuzzcheck.Seed{Name: "names", Args: []any{[]byte("table,code,name\n4-2,2080505,\n4-3,30101,基本工资\n4-5,2296002,其他政府性基金支出\n")}},
		fuzzcheck.Seed{Name: "no-names", Args: []any{[]byte("table,code\r\n4-2,2070101\r\nexpense,2070109\r\n")}})
	fuzzcheck.Seeds(t, "FuzzDataFile", data)
	fuzzcheck.Seeds(t, "FuzzUnit", units)
	fuzzcheck.Seeds(t, "FuzzCodes", codes)
}

// fuzzPack loads the pack the fuzz targets read data for.
func fuzzPack(t testing.TB) *pack.Pack {
	t.Helper()
	p, err := pack.Load(filepath.Join(templates, "cq-2025"))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// FuzzDataFile replaces one file of the demo dataset (a CSV table or a
// form's TOML) and loads the dataset: an error must be a message; a
// dataset that loads must write itself in the canonical form, which loads
// again and writes the same bytes.
func FuzzDataFile(f *testing.F) {
	p := fuzzPack(f)
	dir := filepath.Join(f.TempDir(), "data")
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "samples", "demo-2025"))); err != nil {
		f.Fatal(err)
	}
	u, err := ReadUnit(Dir(dir))
	if err != nil {
		f.Fatal(err)
	}
	again := filepath.Join(f.TempDir(), "again") // the canonical form of each input's dataset
	if err := os.Mkdir(again, 0o755); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, which byte, content []byte) {
		name := dataFiles[int(which)%len(dataFiles)]
		file := filepath.Join(dir, name)
		original, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		defer os.WriteFile(file, original, 0o644)
		if err := os.WriteFile(file, content, 0o644); err != nil {
			t.Fatal(err)
		}
		var d *Dataset
		fuzzcheck.Within(t, name, func() { d, err = Load(Dir(dir), u, p) })
		fuzzcheck.Error(t, err)
		if err != nil {
			return
		}
		files := canonical(d, p)
		for _, e := range mustReadDir(t, again) {
			os.Remove(filepath.Join(again, e))
		}
		for name, b := range files {
			if err := os.WriteFile(filepath.Join(again, name), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		d2, err := Load(Dir(again), u, p)
		if err != nil {
			t.Fatalf("the dataset loads, but its canonical form does not: %v\n%s", err, files[name])
		}
		for file, b := range canonical(d2, p) {
			if !bytes.Equal(b, files[file]) {
				t.Fatalf("written, read and written again, %s changes:\n%s\nthen:\n%s", file, files[file], b)
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

// FuzzUnit reads unit.toml: an error must be a message; a unit that reads
// is complete, and writes as a unit.toml that reads back the same.
func FuzzUnit(f *testing.F) {
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, content []byte) {
		file := filepath.Join(dir, UnitFile)
		if err := os.WriteFile(file, content, 0o644); err != nil {
			t.Fatal(err)
		}
		var u Unit
		var err error
		fuzzcheck.Within(t, UnitFile, func() { u, err = ReadUnit(Dir(dir)) })
		fuzzcheck.Error(t, err)
		if err != nil {
			return
		}
		if u.Pack == "" || strings.TrimSpace(u.Name) == "" || u.Year == 0 || (u.AmountUnit != Yuan && u.AmountUnit != TenKYuan) {
			t.Fatalf("an incomplete unit reads without an error: %+v", u)
		}
		if err := os.WriteFile(file, unitTOML(u), 0o644); err != nil {
			t.Fatal(err)
		}
		back, err := ReadUnit(Dir(dir))
		if err != nil || !reflect.DeepEqual(back, u) {
			t.Fatalf("unit %+v writes as\n%s\nwhich reads as %+v, %v", u, unitTOML(u), back, err)
		}
	})
}

// FuzzCodes reads a codes file: an error must be a message; the codes read
// are codes of a level of their table's tree, each once, in file order.
func FuzzCodes(f *testing.F) {
	p := fuzzPack(f)
	file := filepath.Join(f.TempDir(), "codes.csv")
	f.Fuzz(func(t *testing.T, content []byte) {
		if err := os.WriteFile(file, content, 0o644); err != nil {
			t.Fatal(err)
		}
		var tables map[string]*Table
		var err error
		fuzzcheck.Within(t, "codes file", func() { tables, err = ReadCodes(file, p) })
		fuzzcheck.Error(t, err)
		for id, td := range tables {
			tree := p.Table(id).Tree()
			seen := map[string]bool{}
			for i, r := range td.Rows {
				if !pack.IsDigits(r.Key) || !slices.Contains(tree.Levels, len(r.Key)) || seen[r.Key] || td.ByKey[r.Key] != r || r.HasValues() {
					t.Fatalf("table %s: row %d (line %d) %q is not a new code of a level %v without amounts", id, i, r.Line, r.Key, tree.Levels)
				}
				seen[r.Key] = true
			}
		}
	})
}
