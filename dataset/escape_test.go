package dataset

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"budgetxl/internal/oracle"
	"budgetxl/pack"
	"budgetxl/workbook"
)

// formulaNames are subject names a spreadsheet would run as formulas, and
// names that look like their escapes.
var formulaNames = []string{
	`=HYPERLINK("http://example.com/?q=1","点击")`,
	"+1+1",
	"-其他支出",
	"@SUM(1)",
	"'=已转义",
	"''+两个撇号",
	"'普通撇号",
	"普通名称",
}

// TestTextField: a text that a spreadsheet would run as a formula is
// written with a leading apostrophe, and every text reads back exactly.
func TestTextField(t *testing.T) {
	cases := map[string]string{
		"=1+1": "'=1+1", "+1": "'+1", "-x": "'-x", "@A1": "'@A1", "\t=1": "'\t=1", "\r=1": "'\r=1",
		"'=1": "''=1", "''-1": "'''-1", "'abc": "'abc", "abc": "abc", "": "", "1-2": "1-2",
	}
	for in, want := range cases {
		if got := textField(in); got != want {
			t.Errorf("textField(%q) = %q, want %q", in, got, want)
		}
		if got := readTextField(want); got != in {
			t.Errorf("readTextField(%q) = %q, want %q", want, got, in)
		}
	}
}

// namedDataset is the demo dataset with formulaNames as the names of its
// first 4-3 code rows, written to a new folder.
func namedDataset(t *testing.T) (dir string, names map[string]string) {
	t.Helper()
	p, d, err := Open(demo, templates)
	if err != nil {
		t.Fatal(err)
	}
	names = map[string]string{}
	var rows []*Row
	for _, r := range d.Tables["4-3"].Rows {
		if pack.IsDigits(r.Key) {
			rows = append(rows, r)
		}
	}
	for i, name := range formulaNames {
		rows[i].Name = name
		names[rows[i].Key] = name
	}
	dir = filepath.Join(t.TempDir(), "d")
	if err := Write(d, p, dir); err != nil {
		t.Fatal(err)
	}
	return dir, names
}

// TestWriteFormulaNames: names that begin with = + - @ are escaped in the
// written CSV, and the dataset reader gives them back exactly.
func TestWriteFormulaNames(t *testing.T) {
	dir, names := namedDataset(t)
	raw, err := os.ReadFile(filepath.Join(dir, "4-3.csv"))
	if err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(strings.NewReader(string(raw))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range records {
		if name := rec[1]; name != "" && strings.ContainsAny(name[:1], "=+-@") {
			t.Errorf("a field begins with a formula character: %q", name)
		}
	}
	_, d, err := Open(dir, templates)
	if err != nil {
		t.Fatal(err)
	}
	for key, name := range names {
		if got := d.Tables["4-3"].ByKey[key].Name; got != name {
			t.Errorf("%s: read back %q, wrote %q", key, got, name)
		}
	}
}

// TestFormulaNamesLibreOffice: LibreOffice's CSV import (which runs = as a
// formula) reads every escaped name as text, and its CSV export of that
// sheet reads back to the names written.
func TestFormulaNamesLibreOffice(t *testing.T) {
	dir, names := namedDataset(t)
	file := filepath.Join(dir, "4-3.csv")
	xlsx := oracle.Convert(t, file, "xlsx", "--infilter=CSV:44,34,76,1")
	wb, err := workbook.Read(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	sh := wb.Sheets[0]
	seen := 0
	for r := 2; r <= sh.LastRow(); r++ {
		name, ok := names[sh.Text(1, r)]
		if !ok {
			continue
		}
		seen++
		c := sh.At(2, r)
		if c == nil || c.Formula != "" || c.Type != workbook.TypeString || readTextField(c.Value) != name {
			t.Errorf("row %d: LibreOffice read %+v for %q", r, c, name)
		}
	}
	if seen != len(names) {
		t.Errorf("%d of %d names found", seen, len(names))
	}
	back := oracle.Convert(t, xlsx, `csv:Text - txt - csv (StarCalc):44,34,76`)
	p, d, err := Open(dir, templates)
	if err != nil {
		t.Fatal(err)
	}
	td, err := readTable(Dir(filepath.Dir(back)), filepath.Base(back), p.Table("4-3"), d.Unit)
	if err != nil {
		t.Fatal(err)
	}
	for key, name := range names {
		if got := td.ByKey[key].Name; got != name {
			t.Errorf("%s: after LibreOffice %q, wrote %q", key, got, name)
		}
	}
}
