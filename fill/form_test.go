package fill_test

import (
	"html"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"budgetxl/dataset"
	"budgetxl/fill"
	"budgetxl/formula"
	"budgetxl/pack"
	"budgetxl/plan"
)

// writeForm writes the blank form of a sample and returns its plan and path.
func writeForm(t *testing.T, sample string) (*plan.Book, string) {
	t.Helper()
	p, d, err := dataset.Open(filepath.Join("..", "samples", sample), filepath.Join("..", "templates"))
	if err != nil {
		t.Fatal(err)
	}
	book, err := plan.Build(p, d.Blank(p))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), sample+"-form.xlsx")
	if err := fill.Write(book, path, fill.Options{Form: true}); err != nil {
		t.Fatal(err)
	}
	return book, path
}

// TestForm: in a blank form exactly the entry cells are unlocked and
// shaded, each has a data validation of its kind with an input message,
// and every formula is live with a cached 0.
func TestForm(t *testing.T) {
	for _, s := range samples {
		t.Run(s, func(t *testing.T) {
			book, path := writeForm(t, s)
			wb := read(t, path)
			f, err := excelize.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			kinds := map[plan.EntryKind]int{}
			for _, sh := range book.Sheets {
				dvs, err := f.GetDataValidations(sh.Name)
				if err != nil {
					t.Fatal(err)
				}
				byCell := map[string]*excelize.DataValidation{}
				for _, dv := range dvs {
					for _, ref := range cellsOf(t, dv.Sqref) {
						if byCell[ref] != nil {
							t.Errorf("%s!%s has two validations", sh.Name, ref)
						}
						byCell[ref] = dv
					}
				}
				got := wb.Sheet(sh.Name)
				for _, row := range sh.Rows {
					for _, c := range row {
						if c == nil {
							continue
						}
						at := sh.Name + "!" + c.Address()
						wc := got.Cell(c.Address())
						locked := wc == nil || wc.Locked
						shaded := shading(t, f, sh.Name, c.Address()) == fill.EntryColor
						dv := byCell[c.Address()]
						if c.Entry == nil {
							if !locked || shaded || dv != nil {
								t.Errorf("%s: not an input cell, but unlocked %v, shaded %v, validated %v", at, !locked, shaded, dv != nil)
							}
							if c.Kind == plan.Formula && (wc == nil || wc.Formula == "" || !c.Value.IsZero()) {
								t.Errorf("%s: want a live formula with value 0, got %+v (plan value %s)", at, wc, c.Value)
							}
							continue
						}
						kinds[c.Entry.Kind]++
						if locked || !shaded || dv == nil || dv.Prompt == nil || !strings.Contains(*dv.Prompt, c.Entry.Label) {
							t.Errorf("%s: an input cell, but unlocked %v, shaded %v, validation %+v", at, !locked, shaded, dv)
							continue
						}
						checkValidation(t, at, c.Entry, dv)
					}
				}
			}
			for _, k := range []plan.EntryKind{plan.EntryText, plan.EntryChoice, plan.EntryAmount, plan.EntryNumber} {
				if kinds[k] == 0 {
					t.Errorf("no input cell of kind %d", k)
				}
			}
		})
	}
}

// checkValidation checks that a cell's validation accepts what its entry
// takes and refuses the rest; custom formulas are evaluated by our engine.
func checkValidation(t *testing.T, at string, e *plan.Entry, dv *excelize.DataValidation) {
	t.Helper()
	switch e.Kind {
	case plan.EntryText:
		if dv.Type != "" && dv.Type != "none" {
			t.Errorf("%s: text takes anything, got type %q", at, dv.Type)
		}
	case plan.EntryChoice:
		want := `"` + strings.Join(e.Choices, ",") + `"`
		if dv.Type != "list" || html.UnescapeString(dv.Formula1) != want {
			t.Errorf("%s: want the list %s, got %s %s", at, want, dv.Type, dv.Formula1)
		}
	case plan.EntryNumber:
		if !e.Whole || e.Max == nil || dv.Type != "whole" || dv.Operator != "between" || dv.Formula1 != "0" || dv.Formula2 != e.Max.String() {
			t.Errorf("%s: want whole numbers 0 to %v, got %s %s %s %s", at, e.Max, dv.Type, dv.Operator, dv.Formula1, dv.Formula2)
		}
	case plan.EntryAmount:
		if dv.Type != "custom" {
			t.Errorf("%s: want a custom rule, got %q", at, dv.Type)
			return
		}
		first := cellsOf(t, dv.Sqref)[0]
		small := "0." + strings.Repeat("0", int(e.Decimals)-1) + "1" // the smallest step: 0.01 or 0.000001
		cases := map[string]bool{"0": true, "16427.27": true, small: true, small + "5": false, "-1": e.Negative, "-" + small + "5": false}
		for v, ok := range cases {
			if got := evalRule(t, dv.Formula1, first, v); got != ok {
				t.Errorf("%s: %s accepts %s: %v, want %v", at, dv.Formula1, v, got, ok)
			}
		}
	}
}

// evalRule evaluates a validation formula with value v in cell ref.
func evalRule(t *testing.T, src, ref, v string) bool {
	t.Helper()
	col, row, err := pack.ParseCell(ref)
	if err != nil {
		t.Fatal(err)
	}
	b := formula.NewBook()
	b.AddSheet("S")
	b.SetValue(formula.Addr{Sheet: "S", Col: col, Row: row}, formula.NumberValue(decimal.RequireFromString(v)))
	b.SetFormula(formula.Addr{Sheet: "S", Col: 200, Row: 1}, html.UnescapeString(src), formula.Value{})
	res, probs := evaluate(b)
	if len(probs) > 0 || len(res) != 1 || res[0].Value.Kind() != formula.KindBool {
		t.Fatalf("%s: %v %v", src, probs, res)
	}
	return res[0].Value.Bool()
}

// cellsOf lists the cells of a space-separated list of ranges.
func cellsOf(t *testing.T, sqref string) []string {
	t.Helper()
	var out []string
	for _, part := range strings.Fields(sqref) {
		r, err := pack.ParseRange(part)
		if err != nil {
			t.Fatalf("sqref %q: %v", sqref, err)
		}
		for row := r.Row1; row <= r.Row2; row++ {
			for col := r.Col1; col <= r.Col2; col++ {
				out = append(out, pack.CellName(col, row))
			}
		}
	}
	return out
}

// shading is the fill colour of a cell, "" for none.
func shading(t *testing.T, f *excelize.File, sheet, ref string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Fill.Color) == 0 {
		return ""
	}
	color := strings.ToUpper(st.Fill.Color[0])
	if len(color) == 8 { // with alpha
		color = color[2:]
	}
	return color
}

// TestValidationLimits: titles and messages stay within Excel's limits
// (32 and 255 characters), which a long label would pass.
func TestValidationLimits(t *testing.T) {
	long := strings.Repeat("项目", 200)
	for _, e := range []*plan.Entry{{Kind: plan.EntryText, Label: long}, {Kind: plan.EntryAmount, Label: long, Decimals: 2}} {
		dv, err := fill.Validation(e, "B3")
		if err != nil {
			t.Fatal(err)
		}
		if n := len([]rune(*dv.PromptTitle)); n > 32 {
			t.Errorf("title of %d characters", n)
		}
		if n := len([]rune(*dv.Prompt)); n > 255 || !strings.HasPrefix(*dv.Prompt, "请填写项目") && !strings.HasPrefix(*dv.Prompt, "项目项目") {
			t.Errorf("prompt of %d characters: %.20s", n, *dv.Prompt)
		}
		if dv.Error != nil && len([]rune(*dv.Error)) > 255 {
			t.Errorf("error of %d characters", len([]rune(*dv.Error)))
		}
	}
}

// TestValidationNegative: an amount column that allows negative amounts
// takes them in a blank form too, with the same decimals.
func TestValidationNegative(t *testing.T) {
	for _, neg := range []bool{false, true} {
		e := &plan.Entry{Kind: plan.EntryAmount, Label: "金额（万元）", Decimals: 2, Negative: neg}
		dv, err := fill.Validation(e, "C5")
		if err != nil {
			t.Fatal(err)
		}
		checkValidation(t, "C5", e, &excelize.DataValidation{Type: dv.Type, Formula1: dv.Formula1, Sqref: "C5"})
		want := map[bool]string{false: "金额（万元）：不小于 0 的数，最多 2 位小数。", true: "金额（万元）：可为负数，最多 2 位小数。"}[neg]
		if *dv.Prompt != want {
			t.Errorf("negative %v: prompt %q, want %q", neg, *dv.Prompt, want)
		}
	}
}

// evaluate evaluates b's formulas and keeps every Result.
func evaluate(b *formula.Book) ([]formula.Result, []formula.Problem) {
	var results []formula.Result
	problems := b.Evaluate(func(r formula.Result) { results = append(results, r) })
	return results, problems
}
