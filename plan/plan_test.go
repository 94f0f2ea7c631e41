package plan_test

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"budgetxl/dataset"
	"budgetxl/pack"
	"budgetxl/plan"
)

func loadPack(t *testing.T) *pack.Pack {
	t.Helper()
	p, err := pack.Load(filepath.Join("..", "templates", "cq-2025"))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// writeDataset writes unit.toml and the given CSV files into a temp dir;
// the other tables get a file with their header alone (no data), and the
// overall form the demo's.
func writeDataset(t *testing.T, unit string, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	unitToml := "pack = \"cq-2025\"\nname = \"测试单位\"\nyear = 2025\namount_unit = \"" + unit + "\"\n"
	if err := os.WriteFile(filepath.Join(dir, "unit.toml"), []byte(unitToml), 0o644); err != nil {
		t.Fatal(err)
	}
	overall, err := os.ReadFile(filepath.Join("..", "samples", "demo-2025", "overall.toml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range loadPack(t).Tables {
		switch name := tb.ID + ".csv"; {
		case tb.Kind == pack.KindForm:
		case files[name] == "":
			files[name] = "code\n"
		}
	}
	if files["overall.toml"] == "" {
		files["overall.toml"] = string(overall)
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func build(t *testing.T, p *pack.Pack, dir string) *plan.Book {
	t.Helper()
	u, err := dataset.ReadUnit(dataset.Dir(dir))
	if err != nil {
		t.Fatal(err)
	}
	d, err := dataset.Load(dataset.Dir(dir), u, p)
	if err != nil {
		t.Fatal(err)
	}
	b, err := plan.Build(p, d)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestYuanRounding: with random 元 leaves, every total the workbook shows
// (its value rounded to 0.01 万元, as the number format shows it) equals
// round(Σ 元 / 10000, 2), half away from zero — the budget system's rounding
// of totals — because cells hold exact 元/10000.
func TestYuanRounding(t *testing.T) {
	p := loadPack(t)
	rng := rand.New(rand.NewSource(1))
	codes := []string{"2080101", "2080102", "2080199", "2080505", "2080506", "2080901", "2101102", "2130804", "2210201"}
	for round := 0; round < 30; round++ {
		var csv strings.Builder
		csv.WriteString("code,name,subtotal,basic,project\n")
		leaves := map[string][2]decimal.Decimal{}
		for _, c := range codes {
			if rng.Intn(4) == 0 {
				continue
			}
			var v [2]decimal.Decimal
			for i := range v {
				if rng.Intn(3) > 0 {
					v[i] = decimal.New(rng.Int63n(2_000_000_000), -2) // up to 2e7 元, with 分
				}
			}
			leaves[c] = v
			fmt.Fprintf(&csv, "%s,名称%s,,%s,%s\n", c, c, v[0].StringFixed(2), v[1].StringFixed(2))
		}
		book := build(t, p, writeDataset(t, "元", map[string]string{"4-2.csv": csv.String()}))
		sh := book.Sheet("附件4-2")
		checked := 0
		for _, row := range sh.Rows[sh.DataFirst-1:] {
			code := row[0].Text
			if code == "合计" {
				code = ""
			}
			for col, key := range map[int]string{3: "subtotal", 4: "basic", 5: "project"} {
				var sum decimal.Decimal
				for c, v := range leaves {
					if strings.HasPrefix(c, code) {
						switch key {
						case "basic":
							sum = sum.Add(v[0])
						case "project":
							sum = sum.Add(v[1])
						default:
							sum = sum.Add(v[0]).Add(v[1])
						}
					}
				}
				want := sum.Div(decimal.NewFromInt(10000)).Round(2)
				cell := sh.Cell(col, int(row[0].Row))
				if got := cell.Value.Round(2); !got.Equal(want) {
					t.Fatalf("round %d: %s %s shows %s, want round(%s 元 / 10000, 2) = %s", round, code, key, got, sum, want)
				}
				checked++
			}
		}
		if checked == 0 {
			t.Fatal("nothing checked")
		}
	}
}

// TestLayout checks row placement, formulas and inputs of small datasets.
func TestLayout(t *testing.T) {
	p := loadPack(t)
	book := build(t, p, writeDataset(t, "万元", map[string]string{
		"4-2.csv": "code,name,subtotal,basic,project\n2080101,,,1.00,\n2080102,,,,2.50\n2101102,,,3,\n",
		"4-1.csv": "code,item,amount,exp_item,exp_total,exp_gpb,exp_fund,exp_soe\ngpb,,6.50,,,,,\n",
	}))
	got := dump(book.Sheet("附件4-2"))
	want := `A5 "合计" | C5 =D5+E5 → 6.5 | D5 =D6+D10 → 4 | E5 =E6+E10 → 2.5
A6 "208" | B6 "社会保障和就业支出" | C6 =D6+E6 → 3.5 | D6 =D7 → 1 | E6 =E7 → 2.5
A7 "20801" | B7 "人力资源和社会保障管理事务" | C7 =D7+E7 → 3.5 | D7 =D8+D9 → 1 | E7 =E8+E9 → 2.5
A8 "2080101" | B8 "行政运行" | C8 =D8+E8 → 1 | D8 input 1 | E8 input ·
A9 "2080102" | B9 "一般行政管理事务" | C9 =D9+E9 → 2.5 | D9 input · | E9 input 2.5
A10 "210" | B10 "卫生健康支出" | C10 =D10+E10 → 3 | D10 =D11 → 3 | E10 =E11 → 0
A11 "21011" | B11 "行政事业单位医疗" | C11 =D11+E11 → 3 | D11 =D12 → 3 | E11 =E12 → 0
A12 "2101102" | B12 "事业单位医疗" | C12 =D12+E12 → 3 | D12 input 3 | E12 input ·
`
	if got != want {
		t.Errorf("附件4-2:\n%s\nwant:\n%s", got, want)
	}
	// 4-1: the income side in two sections, the expenditure 类 rows from 4-2,
	// the foot rows at the bottom.
	got = dump(book.Sheet("附件4-1"))
	want = `A5 "一、本年收入" | B5 =SUM(B6:B8) → 6.5 | C5 "一、本年支出" | D5 =SUM(E5:G5) → 6.5 | E5 =E6+E7 → 6.5 | F5 =F6+F7 → 0 | G5 =G6+G7 → 0
A6 "一般公共预算拨款" | B6 input 6.5 | C6 "社会保障和就业支出" | D6 =SUM(E6:G6) → 3.5 | E6 ='附件4-2'!C6 → 3.5 | F6 · | G6 input ·
A7 "政府性基金预算拨款" | B7 input · | C7 "卫生健康支出" | D7 =SUM(E7:G7) → 3 | E7 ='附件4-2'!C10 → 3 | F7 · | G7 input ·
A8 "国有资本经营预算拨款" | B8 input · | D8 · | E8 · | F8 · | G8 ·
A9 "二、上年结转" | B9 =SUM(B10:B12) → 0 | D9 · | E9 · | F9 · | G9 ·
A10 "一般公共预算拨款" | B10 input · | D10 · | E10 · | F10 · | G10 ·
A11 "政府性基金预算拨款" | B11 input · | D11 · | E11 · | F11 · | G11 ·
A12 "国有资本经营预算拨款" | B12 input · | C12 "二、结转下年" | D12 =SUM(E12:G12) → 0 | E12 input · | F12 input · | G12 input ·
A13 "收入总数" | B13 =B5+B9 → 6.5 | C13 "支出总数" | D13 =SUM(E13:G13) → 6.5 | E13 =E5+E12 → 6.5 | F13 =F5+F12 → 0 | G13 =G5+G12 → 0
`
	if got != want {
		t.Errorf("附件4-1:\n%s\nwant:\n%s", got, want)
	}
	if s := book.Sheet("附件4-5"); !s.Empty {
		t.Error("附件4-5 has no data but is not empty")
	}
}

// TestDifferences: a published figure that differs from its formula is
// listed with its parts and tolerance, within rounding or beyond it.
func TestDifferences(t *testing.T) {
	p := loadPack(t)
	book := build(t, p, writeDataset(t, "万元", map[string]string{
		"4-2.csv": "code,name,subtotal,basic,project\ntotal,,1.02,,\n208,,1.01,,\n2080101,,,0.33,\n2080102,,,0.34,\n2080199,,,,0.33\n",
	}))
	var got []string
	for _, d := range book.Differences {
		got = append(got, fmt.Sprintf("%s!%s %s/%s published %s computed %s Δ %s parts %d tol %s within %v",
			d.Sheet, d.Cell, d.Row, d.Column, d.Published, d.Computed, d.Delta, d.Parts, d.Tolerance, d.Within))
	}
	sort.Strings(got)
	want := []string{
		"附件4-2!C5 合计/小计 published 1.02 computed 1 Δ 0.02 parts 3 tol 0.02 within true",
		"附件4-2!C6 208 社会保障和就业支出/小计 published 1.01 computed 1 Δ 0.01 parts 3 tol 0.02 within true",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("differences:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	book = build(t, p, writeDataset(t, "万元", map[string]string{
		"4-2.csv": "code,name,subtotal,basic,project\ntotal,,1.10,,\n2080101,,,0.33,\n",
	}))
	if len(book.Differences) != 1 || book.Differences[0].Within {
		t.Errorf("a difference of 0.77 must be beyond rounding: %+v", book.Differences)
	}
}

// TestQuoteSheet checks when sheet names are quoted in formulas.
func TestQuoteSheet(t *testing.T) {
	for in, want := range map[string]string{
		"部门支出总表": "部门支出总表",
		"附件4-2":  "'附件4-2'",
		"Sheet1": "Sheet1",
		"1st":    "'1st'",
		"it's":   "'it''s'",
		"a b":    "'a b'",
	} {
		if got := plan.QuoteSheet(in); got != want {
			t.Errorf("QuoteSheet(%q) = %q, want %q", in, got, want)
		}
	}
}

// dump renders a sheet's data rows as text, one row a line.
func dump(s *plan.Sheet) string {
	var b strings.Builder
	for _, row := range s.Rows[s.DataFirst-1:] {
		var cells []string
		for _, c := range row {
			if c == nil || (c.Kind == plan.Text && c.Text == "") {
				continue
			}
			cells = append(cells, c.Address()+" "+c.String())
		}
		b.WriteString(strings.Join(cells, " | ") + "\n")
	}
	return b.String()
}

// TestCells: the iterators yield every planned cell once, in sheet, row and
// column order, and stop when asked.
func TestCells(t *testing.T) {
	a := &plan.Cell{Col: 1, Row: 1}
	b := &plan.Cell{Col: 2, Row: 1}
	c := &plan.Cell{Col: 1, Row: 3}
	s1 := &plan.Sheet{Name: "s1", Rows: [][]*plan.Cell{{a, b}, {nil, nil}, {c, nil}}}
	s2 := &plan.Sheet{Name: "s2", Rows: [][]*plan.Cell{{nil, a}}}
	book := &plan.Book{Sheets: []*plan.Sheet{s1, s2}}
	var got []string
	for sh, cell := range book.Cells() {
		got = append(got, sh.Name+"!"+cell.Address())
	}
	if strings.Join(got, " ") != "s1!A1 s1!B1 s1!A3 s2!A1" {
		t.Errorf("cells %v", got)
	}
	n := 0
	for range book.Cells() {
		n++
		if n == 2 {
			break
		}
	}
	if n != 2 {
		t.Errorf("stopped after %d", n)
	}
}

func TestExprText(t *testing.T) {
	ref := func(col, row int) plan.Term { return plan.Term{Ref: plan.Ref{Col: int32(col), Row: int32(row)}} }
	neg := func(tm plan.Term) plan.Term { tm.Neg = true; return tm }
	other := plan.Term{Ref: plan.Ref{Sheet: "附件2 收入", Col: 5, Row: 9}}
	for _, tc := range []struct {
		terms    []plan.Term
		col, row int32 // the terms moved so
		want     string
	}{
		{nil, 0, 0, "0"},
		{[]plan.Term{ref(3, 7)}, 0, 0, "C7"},
		{[]plan.Term{ref(3, 7), ref(3, 8)}, 0, 0, "C7+C8"},
		{[]plan.Term{ref(3, 7), neg(ref(4, 7)), ref(27, 7)}, 0, 0, "C7-D7+AA7"},
		{[]plan.Term{ref(3, 7), ref(3, 8), ref(3, 9), ref(3, 12), ref(4, 12), ref(6, 1)}, 0, 0, "SUM(C7:C9,C12:D12,F1)"},
		{[]plan.Term{other}, 0, 0, "'附件2 收入'!E9"},
		{[]plan.Term{other, ref(5, 10), ref(5, 11)}, 0, 0, "SUM('附件2 收入'!E9,E10:E11)"},
		// A column's formula on row 7; a code's total in column C.
		{[]plan.Term{ref(3, 0), neg(ref(4, 0)), ref(27, 0)}, 0, 7, "C7-D7+AA7"},
		{[]plan.Term{ref(0, 7), ref(0, 8), ref(0, 9), ref(0, 12)}, 3, 0, "SUM(C7:C9,C12)"},
	} {
		e := &plan.Expr{Terms: tc.terms, Col: tc.col, Row: tc.row}
		if got := e.Text(); got != tc.want {
			t.Errorf("%v moved by %d, %d: Text() = %q, want %q", tc.terms, tc.col, tc.row, got, tc.want)
		}
	}
}
