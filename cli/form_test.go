package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"budgetxl/dataset"
	"budgetxl/internal/oracle"
	"budgetxl/pack"
	"budgetxl/plan"
	"budgetxl/workbook"
)

// TestFormCodes: --codes gives the rows of the listed codes, parents
// added, with the catalog's names where the file gives none.
func TestFormCodes(t *testing.T) {
	tmp := t.TempDir()
	codes := "table,code,name\n4-2,2080505,\n4-3,30101,基本工资\n"
	if err := os.WriteFile(filepath.Join(tmp, "codes.csv"), []byte(codes), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := run(t, tmp, "--lang", "en", "form", "../samples/demo-2025", "--templates", "../templates", "--codes", "TMP/codes.csv", "-o", "TMP/f.xlsx")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	golden(t, "form-codes.en", stdout)
	wb, err := workbook.Read(filepath.Join(tmp, "f.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	var rows []string
	for _, sheet := range []string{"附件4-2", "附件4-3"} {
		sh := wb.Sheet(sheet)
		for r := 5; r <= sh.LastRow(); r++ {
			rows = append(rows, sheet+" "+sh.Text(1, r)+" "+sh.Text(2, r))
		}
	}
	want := "附件4-2 合计 |附件4-2 208 社会保障和就业支出|附件4-2 20805 行政事业单位养老支出|附件4-2 2080505 机关事业单位基本养老保险缴费支出|" +
		"附件4-3  合计|附件4-3 301 工资福利支出|附件4-3 30101 基本工资"
	if got := strings.Join(rows, "|"); got != want {
		t.Errorf("rows:\n%s\nwant\n%s", got, want)
	}
	// A bad codes file: the error names its line, nothing is written.
	if err := os.WriteFile(filepath.Join(tmp, "bad.csv"), []byte("table,code\n4-2,2080x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = run(t, tmp, "--lang", "en", "form", "../samples/demo-2025", "--templates", "../templates", "--codes", "TMP/bad.csv", "-o", "TMP/g.xlsx")
	if code != ExitInput || stderr != "error: TMP/bad.csv:2: code \"2080x\" is not a classification code (digits only)\n" {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(tmp, "g.xlsx")); !os.IsNotExist(err) {
		t.Error("a workbook was written")
	}
	code, _, stderr = run(t, tmp, "--lang", "en", "form", "../samples/demo-2025", "--templates", "../templates", "--codes", "TMP/none.csv", "-o", "TMP/g.xlsx")
	if code != ExitInput || stderr != "error: TMP/none.csv: no such file\n" {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// TestFormFilledThroughLibreOffice is the clerk's round trip: a sample's
// blank form, its input cells typed with the sample's data, re-saved by
// LibreOffice (which recalculates every formula), keeps its data
// validation and extracts to exactly what was typed; the demo verifies
// clean (but for the structure lock LibreOffice drops).
func TestFormFilledThroughLibreOffice(t *testing.T) {
	oracle.Soffice(t)
	type typed struct {
		sample, tmp string
		p           *pack.Pack
		d           *dataset.Dataset
		full        *plan.Book
	}
	var forms []typed
	var paths []string
	for _, sample := range []string{"demo-2025", "qijiang-shebao-2025"} {
		tmp := t.TempDir()
		if code, _, stderr := run(t, tmp, "form", "../samples/"+sample, "--templates", "../templates", "-o", "TMP/form.xlsx"); code != 0 {
			t.Fatal(stderr)
		}
		p, d, err := dataset.Open("../samples/"+sample, "../templates")
		if err != nil {
			t.Fatal(err)
		}
		full, err := plan.Build(p, d)
		if err != nil {
			t.Fatal(err)
		}
		blank, err := plan.Build(p, d.Blank(p))
		if err != nil {
			t.Fatal(err)
		}
		typeInto(t, filepath.Join(tmp, "form.xlsx"), blank, full)
		forms = append(forms, typed{sample, tmp, p, d, full})
		paths = append(paths, filepath.Join(tmp, "form.xlsx"))
	}
	all := oracle.RecalcAll(t, paths...) // one start of LibreOffice
	for i, form := range forms {
		sample, tmp, p, d, full, resaved := form.sample, form.tmp, form.p, form.d, form.full, all[i]
		t.Run(sample, func(t *testing.T) {
			if sample == "demo-2025" {
				code, stdout, _ := run(t, tmp, "--lang", "en", "verify", resaved, "--templates", "../templates")
				want := "FILE: pack cq-2025 1.1.0 (../templates/cq-2025), 重庆市綦江区演示文化馆\n  (workbook)\n" +
					"    warning -     protection.structure: the workbook structure is not protected: sheets can be renamed, moved or deleted (a LibreOffice re-save also drops this lock)\n" +
					"  0 errors, 1 warnings, 0 notes\n"
				if got := strings.ReplaceAll(stdout, resaved, "FILE"); code != 0 || got != want {
					t.Errorf("verify after typing and a LibreOffice re-save: exit %d\n%s", code, got)
				}
			}
			f, err := excelize.OpenFile(resaved)
			if err != nil {
				t.Fatal(err)
			}
			dvs, err := f.GetDataValidations("附件4-2")
			f.Close()
			if err != nil || len(dvs) == 0 {
				t.Errorf("no data validation left after LibreOffice: %v", err)
			}

			if code, _, stderr := run(t, tmp, "extract", resaved, "--templates", "../templates", "-o", "TMP/got"); code != 0 {
				t.Fatal(stderr)
			}
			if err := dataset.Write(withoutPublished(d, p, full), p, filepath.Join(tmp, "want")); err != nil {
				t.Fatal(err)
			}
			entries, _ := os.ReadDir(filepath.Join(tmp, "want"))
			for _, e := range entries {
				want, _ := os.ReadFile(filepath.Join(tmp, "want", e.Name()))
				got, err := os.ReadFile(filepath.Join(tmp, "got", e.Name()))
				if err != nil || !bytes.Equal(got, want) {
					t.Errorf("%s extracted differs from what was typed:\n%s\nwant\n%s", e.Name(), got, want)
				}
			}
			if got, _ := os.ReadDir(filepath.Join(tmp, "got")); len(got) != len(entries) || len(entries) != 11 {
				t.Errorf("%d files extracted, %d typed", len(got), len(entries))
			}
		})
	}
}

// typeInto types the full plan's inputs into the blank form's input cells,
// as a clerk would: numbers as numbers, texts as texts. Cells pair up by
// sheet, row key and column, the n-th with the n-th (indicator rows).
func typeInto(t *testing.T, path string, blank, full *plan.Book) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type slot struct{ sheet, key, column string }
	values := map[slot][]*plan.Cell{}
	for _, sh := range full.Sheets {
		for _, row := range sh.Rows {
			for _, c := range row {
				if c != nil && c.Entry != nil {
					s := slot{sh.Name, c.Key, c.Column}
					values[s] = append(values[s], c)
				}
			}
		}
	}
	typed := 0
	for _, sh := range blank.Sheets {
		for _, row := range sh.Rows {
			for _, c := range row {
				if c == nil || c.Entry == nil {
					continue
				}
				s := slot{sh.Name, c.Key, c.Column}
				if len(values[s]) == 0 {
					continue // a spare row
				}
				src := values[s][0]
				values[s] = values[s][1:]
				var v any
				switch {
				case src.Kind == plan.Input && !src.Blank:
					v = src.Value.InexactFloat64()
				case src.Kind == plan.Text && src.Text != "":
					v = src.Text
					if n, err := decimal.NewFromString(src.Text); err == nil {
						v = n.InexactFloat64() // a clerk's "98" is a number
					}
				default:
					continue
				}
				if err := f.SetCellValue(sh.Name, c.Address(), v); err != nil {
					t.Fatal(err)
				}
				typed++
			}
		}
	}
	for s, left := range values {
		for _, c := range left {
			if (c.Kind == plan.Input && !c.Blank) || (c.Kind == plan.Text && c.Text != "") {
				t.Errorf("%s %s %s: no input cell left for %s %s", s.sheet, s.key, s.column, c.Text, c.Value)
			}
		}
	}
	if typed < 100 {
		t.Errorf("only %d cells typed", typed)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
}

// withoutPublished is d without what a clerk does not type: the published
// figures of formula cells.
func withoutPublished(d *dataset.Dataset, p *pack.Pack, full *plan.Book) *dataset.Dataset {
	for _, sh := range full.Sheets {
		for _, row := range sh.Rows {
			for _, c := range row {
				if c == nil || c.Declared == nil {
					continue
				}
				if td := d.Tables[sh.Table.ID]; td != nil && td.ByKey[c.Key] != nil {
					if r, i := td.ByKey[c.Key], sh.Table.Layout.Amount(c.Column); i >= 0 && i < len(r.Values) {
						r.Values[i] = dataset.Value{}
					}
				}
			}
		}
	}
	for id, f := range d.Forms {
		for _, r := range f.Records {
			for key := range r.Fields {
				if fd := p.Table(id).Form.Field(key); fd != nil && fd.Expr != nil {
					delete(r.Fields, key)
				}
			}
		}
	}
	return d
}
