package fill_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"budgetxl/dataset"
	"budgetxl/fill"
	"budgetxl/internal/oracle"
	"budgetxl/plan"
	"budgetxl/workbook"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

var samples = []string{"qijiang-shebao-2025", "demo-2025"}

// write fills a sample into a temp dir and returns the plan and the path.
func write(t *testing.T, sample string) (*plan.Book, string) {
	t.Helper()
	p, d, err := dataset.Open(filepath.Join("..", "samples", sample), filepath.Join("..", "templates"))
	if err != nil {
		t.Fatal(err)
	}
	book, err := plan.Build(p, d)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), sample+".xlsx")
	if err := fill.Write(book, path, fill.Options{}); err != nil {
		t.Fatal(err)
	}
	return book, path
}

func read(t *testing.T, path string) *workbook.Book {
	t.Helper()
	b, err := workbook.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestGolden compares a text dump of each sample's workbook with
// testdata/<sample>.golden; -update rewrites it, and a mismatch writes the
// actual dump beside it for diffing.
func TestGolden(t *testing.T) {
	for _, s := range samples {
		t.Run(s, func(t *testing.T) {
			_, path := write(t, s)
			var got bytes.Buffer
			read(t, path).Dump(&got)
			golden := filepath.Join("testdata", s+".golden")
			if *update {
				if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./fill -update to create it)", err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				actual := golden + ".actual"
				os.WriteFile(actual, got.Bytes(), 0o644)
				t.Errorf("dump differs from %s; see %s (diff them, then go test ./fill -update if the change is right)", golden, actual)
			}
		})
	}
}

// TestCachedValuesMatchPlan checks that every formula cell of the written
// workbook carries its plan value as cached value, and every input its value.
func TestCachedValuesMatchPlan(t *testing.T) {
	for _, s := range samples {
		t.Run(s, func(t *testing.T) {
			book, path := write(t, s)
			wb := read(t, path)
			n := 0
			for _, sh := range book.Sheets {
				got := wb.Sheet(sh.Name)
				for _, row := range sh.Rows {
					for _, c := range row {
						if c == nil || (c.Kind != plan.Formula && (c.Kind != plan.Input || c.Blank)) {
							continue
						}
						wc := got.Cell(c.Address())
						if wc == nil {
							t.Fatalf("%s!%s missing", sh.Name, c.Address())
						}
						v, err := decimal.NewFromString(wc.Value)
						if err != nil || !v.Equal(c.Value) {
							t.Errorf("%s!%s: cached %q, plan %s", sh.Name, c.Address(), wc.Value, c.Value)
						}
						if c.Kind == plan.Formula && wc.Formula != c.Formula.Text() {
							t.Errorf("%s!%s: formula %q, plan %q", sh.Name, c.Address(), wc.Formula, c.Formula.Text())
						}
						n++
					}
				}
			}
			if n < 100 {
				t.Fatalf("only %d amount cells checked", n)
			}
		})
	}
}

// TestLibreOfficeAgrees re-saves each sample through LibreOffice with every
// formula recalculated and asserts that each formula's value equals ours.
func TestLibreOfficeAgrees(t *testing.T) {
	oracle.Soffice(t)
	var paths []string
	for _, s := range samples {
		_, path := write(t, s)
		paths = append(paths, path)
	}
	resaved := oracle.RecalcAll(t, paths...) // one start of LibreOffice
	for i, s := range samples {
		t.Run(s, func(t *testing.T) {
			ours := read(t, paths[i])
			theirs := read(t, resaved[i])
			n := 0
			for _, sh := range ours.Sheets {
				lo := theirs.Sheet(sh.Name)
				if lo == nil {
					t.Fatalf("LibreOffice lost sheet %s", sh.Name)
				}
				for _, c := range sh.Cells {
					if c.Formula == "" {
						continue
					}
					n++
					lc := lo.Cell(c.Ref)
					if lc == nil || lc.Formula == "" {
						t.Errorf("%s!%s: LibreOffice has no formula there", sh.Name, c.Ref)
						continue
					}
					want, _ := decimal.NewFromString(c.Value)
					got, err := decimal.NewFromString(lc.Value)
					// LibreOffice computes in binary floating point: equal to
					// 15 significant digits is equal as a spreadsheet can be.
					if err != nil || !got.Round(9).Equal(want.Round(9)) {
						t.Errorf("%s!%s =%s: LibreOffice %q, ours %q", sh.Name, c.Ref, c.Formula, lc.Value, c.Value)
					}
				}
				if !lo.Protected {
					t.Errorf("%s: protection lost in LibreOffice's re-save", sh.Name)
				}
			}
			if n == 0 {
				t.Fatal("no formulas compared")
			}
			if theirs.Props[plan.PropPack] != "cq-2025" {
				t.Errorf("document property %s lost in LibreOffice's re-save: %v", plan.PropPack, theirs.Props)
			}
		})
	}
}

// TestWorkbookSettings checks what the dump shows only in passing: sheet
// order and names, protection, print setup, recalculation and properties.
func TestWorkbookSettings(t *testing.T) {
	_, path := write(t, "qijiang-shebao-2025")
	wb := read(t, path)
	var names []string
	for _, s := range wb.Sheets {
		names = append(names, s.Name)
		if s.Name == plan.PublishedSheet {
			continue // the hidden sheet of published figures is not printed
		}
		form := strings.HasSuffix(s.Name, "绩效目标表") // forms have no header rows to repeat
		if !s.Protected || s.Paper != 9 || s.FitToWidth != 1 || (s.PrintTitles == "") != form {
			t.Errorf("%s: protected=%v paper=%d fitToWidth=%d printTitles=%q; want protected, A4, one page wide, titles repeated",
				s.Name, s.Protected, s.Paper, s.FitToWidth, s.PrintTitles)
		}
	}
	if got := strings.Join(names, ","); got != "附件4-1,附件4-2,附件4-3,附件4-4,附件4-5,部门收支总表,部门收入总表,部门支出总表,整体支出绩效目标表,项目支出绩效目标表,公布数" {
		t.Errorf("sheets %s", got)
	}
	if !wb.FullCalcOnLoad || !wb.StructureLocked {
		t.Errorf("fullCalcOnLoad=%v structureLocked=%v, want both", wb.FullCalcOnLoad, wb.StructureLocked)
	}
	for _, k := range []string{plan.PropPack, plan.PropPackVersion, plan.PropPackHash, plan.PropUnit, plan.PropYear} {
		if wb.Props[k] == "" {
			t.Errorf("document property %s missing", k)
		}
	}
	if got := wb.Sheet("附件4-5").Cell("A5"); got == nil || got.Value != "（备注：本单位无政府性基金收支，故此表无数据。）" {
		t.Errorf("附件4-5!A5 = %+v, want the empty-table note", got)
	}
}

// TestNoHalfWrittenFile checks that a failed write leaves nothing behind.
func TestNoHalfWrittenFile(t *testing.T) {
	book, _ := write(t, "demo-2025")
	dir := t.TempDir()
	book.Sheets[1].Name = "bad/name" // excelize refuses it while writing
	path := filepath.Join(dir, "x.xlsx")
	if err := fill.Write(book, path, fill.Options{}); err == nil {
		t.Fatal("no error")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Fatalf("left behind: %v", entries)
	}
}

// TestPassword: the password from the configuration protects every sheet.
func TestPassword(t *testing.T) {
	book, _ := write(t, "demo-2025")
	path := filepath.Join(t.TempDir(), "p.xlsx")
	if err := fill.Write(book, path, fill.Options{Password: "审核2025"}); err != nil {
		t.Fatal(err)
	}
	for _, s := range read(t, path).Sheets {
		if !s.Protected || !s.Password {
			t.Errorf("%s: protected=%v password=%v", s.Name, s.Protected, s.Password)
		}
	}
}

// BenchmarkFill plans and writes the qijiang workbook; compare ns/op across
// commits with benchstat.
func BenchmarkFill(b *testing.B) {
	p, d, err := dataset.Open(filepath.Join("..", "samples", "qijiang-shebao-2025"), filepath.Join("..", "templates"))
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "q.xlsx")
	for b.Loop() {
		book, err := plan.Build(p, d)
		if err != nil {
			b.Fatal(err)
		}
		if err := fill.Write(book, path, fill.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
