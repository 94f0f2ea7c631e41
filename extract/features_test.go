package extract_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"budgetxl/dataset"
	"budgetxl/extract"
	"budgetxl/fill"
	"budgetxl/internal/mutate"
	"budgetxl/msg"
	"budgetxl/pack"
	"budgetxl/pdftext"
	"budgetxl/plan"
	"budgetxl/verify"
	"budgetxl/workbook"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// features holds one folder per feature of the template language: its
// example pack in pack/, and unit folders beside it.
const features = "../testdata/features"

// TestFeatures takes every unit of every example pack under
// testdata/features through the whole way: fill (the workbook's dump is
// <unit>.fill.golden), verify (its findings are <unit>.verify.golden; a
// unit whose name does not start with "bad" has no error or warning),
// extract (the dataset read back is the unit's) and import of the text the
// workbook prints (the dataset imported is the unit's too).
func TestFeatures(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join(features, "*", "pack"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no example packs under %s: %v", features, err)
	}
	for _, packDir := range dirs {
		feature := filepath.Dir(packDir)
		units, _ := filepath.Glob(filepath.Join(feature, "*", "unit.toml"))
		if len(units) == 0 {
			t.Errorf("%s: no unit folder", feature)
		}
		for _, u := range units {
			unitDir := filepath.Dir(u)
			t.Run(filepath.Base(feature)+"/"+filepath.Base(unitDir), func(t *testing.T) {
				throughAll(t, packDir, unitDir)
			})
		}
	}
}

func throughAll(t *testing.T, packDir, unitDir string) {
	name := filepath.Base(unitDir)
	goldenDir := filepath.Dir(unitDir)
	p, d, err := dataset.Open(unitDir, packDir)
	if err != nil {
		t.Fatal(err)
	}
	book, err := plan.Build(p, d)
	if err != nil {
		t.Fatal(err)
	}
	for _, diff := range book.Differences {
		t.Errorf("published figure differs from its formula: %+v", diff)
	}
	path := filepath.Join(t.TempDir(), name+".xlsx")
	if err := fill.Write(book, path, fill.Options{}); err != nil {
		t.Fatal(err)
	}
	wb, err := workbook.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	var dump bytes.Buffer
	wb.Dump(&dump)
	golden(t, filepath.Join(goldenDir, name+".fill.golden"), dump.String())

	// verify
	r, err := verify.File(path, verify.Options{Templates: packDir})
	if err != nil {
		t.Fatal(err)
	}
	var findings strings.Builder
	for _, f := range r.Findings {
		fmt.Fprintf(&findings, "%s %s %s!%s [%s|%s] %s\n", f.Severity, f.Rule, f.Sheet, f.Cell, f.Expected, f.Found, f.Message(msg.ZH))
		if f.Severity != verify.Note && !strings.HasPrefix(name, "bad") {
			t.Errorf("verify: %s %s %s!%s: %s", f.Severity, f.Rule, f.Sheet, f.Cell, f.Message(msg.EN))
		}
	}
	golden(t, filepath.Join(goldenDir, name+".verify.golden"), findings.String())

	want := canonical(t, d, p)
	// extract
	u, missing := extract.Unit(wb, p)
	if len(missing) > 0 {
		t.Errorf("extract: the workbook does not give %v", missing)
	}
	got, unread, err := extract.Inputs(wb, p, u)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range unread {
		t.Errorf("extract: %v", e)
	}
	sameDataset(t, "extract", canonical(t, got, p), want)

	// import of the printed text
	text := printed(book)
	imported, unplaced, err := pdftext.Parse(text, p, pdftext.Options{Code: d.Unit.Code, Department: d.Unit.Department})
	if err != nil {
		t.Fatalf("import: %v\n%s", err, text)
	}
	for _, u := range unplaced {
		t.Errorf("import: line %d not placed: %v: %q", u.Line, u.Why, u.Text)
	}
	imported.Unit.Note = d.Unit.Note
	sameDataset(t, "import", canonical(t, imported, p), want)
}

// canonical is the dataset as dataset.Write writes it: file name → text.
func canonical(t *testing.T, d *dataset.Dataset, p *pack.Pack) map[string]string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "d")
	if err := dataset.Write(d, p, dir); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range entries {
		b, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		out[e.Name()] = string(b)
	}
	return out
}

func sameDataset(t *testing.T, stage string, got, want map[string]string) {
	t.Helper()
	for name, w := range want {
		if g, ok := got[name]; !ok {
			t.Errorf("%s: no %s", stage, name)
		} else if g != w {
			t.Errorf("%s: %s is\n%s\nwant\n%s", stage, name, g, w)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: %s, which the unit has not", stage, name)
		}
	}
}

// printed is the text of a planned workbook as a PDF extractor gives it:
// one row a line, cells separated by tabs, a merged cell's text once (on
// the last of its rows when it spans rows, as an extractor may give a
// text centred over them), a line of one text alone; amounts as the sheets show them (two decimals,
// thousands separated, 0 as nothing).
func printed(b *plan.Book) string {
	var out strings.Builder
	for _, sh := range b.Sheets {
		hidden := map[[2]int]bool{}
		moved := map[[2]int]string{} // a text merged over rows, printed on its last
		for _, m := range sh.Merges {
			for r := m.Row1; r <= m.Row2; r++ {
				for c := m.Col1; c <= m.Col2; c++ {
					if r != m.Row1 || c != m.Col1 {
						hidden[[2]int{c, r}] = true
					}
				}
			}
			if m.Row2 > m.Row1 {
				hidden[[2]int{m.Col1, m.Row1}] = true
				if a := sh.Cell(m.Col1, m.Row1); a != nil {
					moved[[2]int{m.Col1, m.Row2}] = a.Text
				}
			}
		}
		for r, row := range sh.Rows {
			cells := make([]string, len(row))
			var texts []string
			for c, cell := range row {
				if text, ok := moved[[2]int{c + 1, r + 1}]; ok {
					cells[c] = text
					texts = append(texts, text)
					continue
				}
				if cell == nil || hidden[[2]int{c + 1, r + 1}] {
					continue
				}
				switch {
				case cell.Kind == plan.Text:
					cells[c] = cell.Text
				case (cell.Kind == plan.Formula || cell.Kind == plan.Input) && !cell.Value.Round(2).IsZero():
					cells[c] = dataset.FormatAmount(cell.Value.Round(2)) // 0 shows as nothing
				}
				if cells[c] != "" {
					texts = append(texts, cells[c])
				}
			}
			switch {
			case len(texts) == 0:
			case len(texts) == 1 && isSpanned(sh, r+1):
				out.WriteString(texts[0] + "\n")
			default:
				out.WriteString(strings.Join(cells, "\t") + "\n")
			}
		}
	}
	return out.String()
}

// isSpanned reports whether row r of the sheet is one cell merged across
// the sheet's width (a title, the units line, the empty note).
func isSpanned(sh *plan.Sheet, r int) bool {
	for _, m := range sh.Merges {
		if m.Row1 == r && m.Row2 == r && m.Col1 == 1 && m.Col2 == len(sh.Widths) {
			return true
		}
	}
	return false
}

// golden compares got with the file at path; -update rewrites it.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./extract -run Features -update creates it)", err)
	}
	if got != string(want) {
		os.WriteFile(path+".actual", []byte(got), 0o644)
		t.Errorf("%s differs; see %s.actual", path, path)
	}
}

// TestLabelSpelling: a fixed row's label typed with a half-width colon is
// the same row to extract and import (one recogniser, one tolerance), and
// verify warns that it is not the templates' spelling, naming its cell.
func TestLabelSpelling(t *testing.T) {
	packDir := filepath.Join(features, "table-units", "pack")
	p, d, book, path := filledUnit(t, "exact")
	path = mutate.Part(t, path, "xl/worksheets/sheet2.xml", "<t>其中：“三公”经费</t>", "<t>其中: \"三公\"经费</t>", 1)
	r, err := verify.File(path, verify.Options{Templates: packDir})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range r.Findings {
		got = append(got, fmt.Sprintf("%s %s %s!%s %s", f.Severity, f.Rule, f.Sheet, f.Cell, f.Message(msg.ZH)))
	}
	want := `warning structure.label-spelling 收支总表!A5 标签 "其中: \"三公\"经费" 与模板的写法 "其中：“三公”经费" 不同（括号、冒号或引号的全角半角不同）：已按行 sg 读取`
	if strings.Join(got, "\n") != want {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
	// import reads the printed label as the row too.
	for _, sh := range book.Sheets {
		for c := range sh.Cells() {
			if c.Text == "其中：“三公”经费" {
				c.Text = "其中: \"三公\"经费"
			}
		}
	}
	imported, unplaced, err := pdftext.Parse(printed(book), p, pdftext.Options{Code: d.Unit.Code, Department: d.Unit.Department})
	if err != nil || len(unplaced) > 0 {
		t.Fatalf("import: %v %v", err, unplaced)
	}
	if r := imported.Tables["summary"].ByKey["sg"]; r == nil {
		t.Errorf("import: no row sg")
	} else if v, _ := r.Value(p.Table("summary").Layout.Amount("amount")); v.Text != "1.23" {
		t.Errorf("import: row sg %+v", r)
	}
}

// TestBaseVersion: a workbook made with a pack whose base had another
// version is told so, with the versions of both packs, not as files that
// changed without a new version.
func TestBaseVersion(t *testing.T) {
	feature := filepath.Join(features, "extends")
	p, d, err := dataset.Open(filepath.Join(feature, "unit"), filepath.Join(feature, "pack"))
	if err != nil {
		t.Fatal(err)
	}
	book, err := plan.Build(p, d)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "unit.xlsx")
	if err := fill.Write(book, path, fill.Options{}); err != nil {
		t.Fatal(err)
	}
	dir := mutate.Copy(t, feature, "extends")
	mutate.Edit("extends-base/pack.toml", `version = "1.0.0"`, `version = "1.1.0"`)(t, dir)
	r, err := verify.File(path, verify.Options{Templates: filepath.Join(dir, "pack")})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range r.Findings {
		got = append(got, fmt.Sprintf("%s %s %s", f.Severity, f.Rule, f.Message(msg.ZH)))
	}
	want := "warning pack.version 工作簿是用模板包 extends-demo 2.0.0 ← extends-base 1.0.0 生成的，现在用 extends-demo 2.0.0 ← extends-base 1.1.0 审核：部分问题可能来自两个版本的差异"
	if strings.Join(got, "\n") != want {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
}
