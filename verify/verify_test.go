package verify_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"budgetxl/dataset"
	"budgetxl/fill"
	"budgetxl/internal/mutate"
	"budgetxl/internal/oracle"
	"budgetxl/msg"
	"budgetxl/pack"
	"budgetxl/plan"
	"budgetxl/verify"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

var templates = filepath.Join("..", "templates")

// filled fills a sample into a temp dir; with published, every formula
// cell holds the dataset's published figure as a constant instead (a
// workbook typed by hand from the published tables).
func filled(t *testing.T, sample string, published bool) string {
	t.Helper()
	p, d, err := dataset.Open(filepath.Join("..", "samples", sample), templates)
	if err != nil {
		t.Fatal(err)
	}
	book, err := plan.Build(p, d)
	if err != nil {
		t.Fatal(err)
	}
	if published {
		for _, sh := range book.Sheets {
			for _, row := range sh.Rows {
				for _, c := range row {
					if c == nil || c.Kind != plan.Formula {
						continue
					}
					// The published figure, else what a clerk would type: the
					// computed total (the published tables show no weight totals).
					c.Kind, c.Formula = plan.Input, nil
					c.Blank = c.Declared == nil && c.Value.IsZero()
					if c.Declared != nil {
						c.Value = c.Declared.Amount
						if sh.Table.Kind != pack.KindForm {
							c.Value = c.Declared.Amount.Shift(d.Scale())
						}
					}
				}
			}
		}
	}
	path := filepath.Join(t.TempDir(), sample+".xlsx")
	if err := fill.Write(book, path, fill.Options{}); err != nil {
		t.Fatal(err)
	}
	return path
}

func check(t *testing.T, path string) *verify.Report {
	t.Helper()
	r, err := verify.File(path, verify.Options{Templates: templates})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// lines renders findings one per line: severity rule sheet!cell expected|found message.
func lines(r *verify.Report, l msg.Lang, withNotes bool) string {
	var b strings.Builder
	for _, f := range r.Findings {
		if f.Severity == verify.Note && !withNotes {
			continue
		}
		fmt.Fprintf(&b, "%s %s %s!%s [%s|%s] %s\n", f.Severity, f.Rule, f.Sheet, f.Cell, f.Expected, f.Found, f.Message(l))
	}
	return b.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./verify -update creates it)", err)
	}
	if got != string(want) {
		os.WriteFile(path+".actual", []byte(got), 0o644)
		t.Errorf("findings differ from %s (see %s.actual):\n%s", path, path, got)
	}
}

// TestDemoClean: the demo sample's workbook has no findings at all.
func TestDemoClean(t *testing.T) {
	r := check(t, filled(t, "demo-2025", false))
	if len(r.Findings) != 0 {
		t.Errorf("findings on the demo workbook:\n%s", lines(r, msg.EN, true))
	}
}

// TestDemoLibreOffice: the demo re-saved by LibreOffice (every formula
// recalculated, its own formula syntax) has no errors; LibreOffice drops
// the structure lock, which is a warning.
func TestDemoLibreOffice(t *testing.T) {
	r := check(t, oracle.Recalc(t, filled(t, "demo-2025", false)))
	if got := lines(r, msg.EN, true); got != "warning protection.structure ! [protected|unprotected] the workbook structure is not protected: sheets can be renamed, moved or deleted (a LibreOffice re-save also drops this lock)\n" {
		t.Errorf("findings after a LibreOffice re-save:\n%s", got)
	}
}

// TestQijiangLibreOffice: LibreOffice's re-save of the qijiang workbook
// (its own formula text, every value recalculated by it) gives the same
// findings, plus the structure lock it drops.
func TestQijiangLibreOffice(t *testing.T) {
	path := filled(t, "qijiang-shebao-2025", false)
	before := lines(check(t, path), msg.EN, true)
	after := lines(check(t, oracle.Recalc(t, path)), msg.EN, true)
	lock := "warning protection.structure ! [protected|unprotected] the workbook structure is not protected: sheets can be renamed, moved or deleted (a LibreOffice re-save also drops this lock)\n"
	if after != before+lock {
		t.Errorf("findings after a LibreOffice re-save:\n%s\nbefore:\n%s", after, before)
	}
}

// TestQijiang: the qijiang workbook from fill and a workbook typed by hand
// with the seed's published figures have the same real problems (errors
// and warnings other than the hand-made sheets' not-live warnings); both
// lists, notes included, are golden files.
func TestQijiang(t *testing.T) {
	live := check(t, filled(t, "qijiang-shebao-2025", false))
	golden(t, "qijiang-fill", lines(live, msg.ZH, true))
	typed := check(t, filled(t, "qijiang-shebao-2025", true))
	golden(t, "qijiang-published", lines(typed, msg.ZH, true))
	real := func(r *verify.Report) string {
		var b strings.Builder
		for _, f := range r.Findings {
			if f.Severity != verify.Note && f.Rule != "formula.not-live" {
				fmt.Fprintf(&b, "%s %s %s!%s\n", f.Severity, f.Rule, f.Sheet, f.Cell)
			}
		}
		return b.String()
	}
	if a, b := real(live), real(typed); a != b {
		t.Errorf("real problems differ:\nfrom fill:\n%s\nas published:\n%s", a, b)
	}
	if n := live.Count(verify.Error); n == 0 {
		t.Error("the published set has real errors; none found")
	}
}

// alter rewrites one part of an .xlsx file by string replacement, as a
// person or a program editing the XML would.
func alter(t *testing.T, path, part, old, new string) string {
	t.Helper()
	return mutate.Part(t, path, part, old, new, 1)
}

// TestAltered: each alteration of the demo workbook yields exactly the
// expected findings.
func TestAltered(t *testing.T) {
	demo := filled(t, "demo-2025", false)
	const (
		s41 = "xl/worksheets/sheet1.xml"
		s42 = "xl/worksheets/sheet2.xml"
		s44 = "xl/worksheets/sheet4.xml"
		wbx = "xl/workbook.xml"
	)
	cases := []alteration{
		{"formula replaced by its value", s42, `<c r="C8" s="6"><f>D8+E8</f>`, `<c r="C8" s="6">`,
			"error formula.hard-coded 附件4-2!C8\n"},
		{"SUM range shortened", s42, `<f>SUM(D6,D14,D17)</f>`, `<f>SUM(D6,D14)</f>`,
			// C5 (=D5+E5) and the rule against 4-3 see the new sum too.
			"error value.stale 附件4-2!C5\nerror formula.changed 附件4-2!D5\nerror rule.4-2.basic-4-3 附件4-2!D5\nerror value.stale 附件4-2!D5\n"},
		{"leaf changed without recalculation", s44, `<c r="E6" s="6"><v>3.6</v>`, `<c r="E6" s="6"><v>4</v>`,
			"error rule.4-3.car-4-4 附件4-3!C19\nerror value.stale 附件4-4!A6\nerror value.stale 附件4-4!C6\n"},
		{"cached value changed", s42, `<c r="C8" s="6"><f>D8+E8</f><v>123.456789</v>`, `<c r="C8" s="6"><f>D8+E8</f><v>123.46</v>`,
			"error value.stale 附件4-2!C8\n"},
		{"formula typed into an input", s42, `<c r="D8" s="6"><v>123.456789</v></c>`, `<c r="D8" s="6"><f>123.456789</f><v>123.456789</v></c>`,
			"warning formula.in-input 附件4-2!D8\n"},
		// A blank input, which the plan verify compares with leaves out of
		// its rows (plan.Sheet.BlankInput): a formula without a cached
		// value, which extract reads no amount in.
		{"formula typed into a blank input", s42, `<c r="E8" s="6"></c>`, `<c r="E8" s="6"><f>D9-D9</f></c>`,
			"warning value.missing 附件4-2!\nwarning formula.in-input 附件4-2!E8\n"},
		// A blank input with a negative figure that extract does not read
		// as an amount: a formula without a cached value, a number with
		// more decimals than an amount has. The input checks still see it.
		{"negative formula typed into a blank input", s41, `<c r="B7" s="6"></c>`, `<c r="B7" s="6"><f>-5</f></c>`,
			"warning value.missing 附件4-1!\nerror value.stale 附件4-1!B5\nwarning amount.negative 附件4-1!B7\nwarning formula.in-input 附件4-1!B7\nerror rule.4-1.fund-balance 附件4-1!B7\nerror rule.4-1.balance 附件4-1!B13\nerror value.stale 附件4-1!B13\n"},
		{"negative number of too many decimals in a blank input", s41, `<c r="B7" s="6"></c>`, `<c r="B7" s="6"><v>-0.0000001</v></c>`,
			"error value.stale 附件4-1!B5\nwarning amount.negative 附件4-1!B7\nerror rule.4-1.fund-balance 附件4-1!B7\nerror structure.bad-amount 附件4-1!B7\nerror rule.4-1.balance 附件4-1!B13\nerror value.stale 附件4-1!B13\n"},
		{"sheet renamed", wbx, `<sheet name="附件4-4"`, `<sheet name="三公经费"`,
			"warning structure.sheet-extra 三公经费!\nerror structure.sheet-missing 附件4-4!\n"},
		{"sheet protection removed", s42, `<sheetProtection sheet="true"`, `<sheetProtection sheet="false"`,
			"warning protection.sheet 附件4-2!\n"},
		{"structure lock removed", wbx, `<workbookProtection lockStructure="true">`, `<workbookProtection lockStructure="false">`,
			"warning protection.structure !\n"},
		{"header changed", s42, `<t>功能分类科目</t>`, `<t>功能科目</t>`,
			"error structure.header 附件4-2!A3\n"},
		{"header with half-width brackets", s44, `<t>因公出国（境）费</t>`, `<t>因公出国(境)费</t>`,
			"warning structure.label-spelling 附件4-4!B4\n"},
		{"subject renamed", s42, `<t>行政运行</t>`, `<t>行政运行费</t>`,
			"warning catalog.name 附件4-2!B8\n"},
		{"formula refers to itself", s42, `<c r="C8" s="6"><f>D8+E8</f>`, `<c r="C8" s="6"><f>C8+D8+E8</f>`,
			"error formula.changed 附件4-2!C8\nerror formula.cycle 附件4-2!C8\n"},
		{"unsupported function", s42, `<c r="C8" s="6"><f>D8+E8</f>`, `<c r="C8" s="6"><f>VLOOKUP(D8,D8:E8,2,FALSE)</f>`,
			"error formula.changed 附件4-2!C8\nwarning formula.unsupported 附件4-2!C8\n"},
		{"parent row's code erased", s42, `<c r="A7" s="4" t="inlineStr"><is><t>20801</t></is></c>`, `<c r="A7" s="4"></c>`,
			"warning structure.not-compared 附件4-2!\nerror structure.row-missing 附件4-2!A7\nerror structure.row-stray 附件4-2!A7\n"},
		// The rows below move up; 附件4-1's references into 附件4-2 are not
		// compared (they would all look changed).
		{"duplicated code row", s42, `<t>2080199</t>`, `<t>2080102</t>`,
			"warning structure.not-compared 附件4-2!\nerror structure.row-duplicate 附件4-2!A10\nerror structure.row-order 附件4-2!A11\nerror structure.row-order 附件4-2!A12\nerror structure.row-order 附件4-2!A13\nerror structure.row-order 附件4-2!A14\nerror structure.row-order 附件4-2!A15\nerror structure.row-order 附件4-2!A16\nerror structure.row-order 附件4-2!A17\nerror structure.row-order 附件4-2!A18\nerror structure.row-order 附件4-2!A19\n"},
		{"stray row", s41, `</sheetData>`, `<row r="20"><c r="A20" t="inlineStr"><is><t>其他</t></is></c><c r="B20"><v>5</v></c></row></sheetData>`,
			"error structure.row-stray 附件4-1!A20\n"},
	}
	runAlterations(t, demo, cases)
}

// alteration is a string replacement in one part of a workbook and the
// findings it must yield: "severity rule sheet!cell" lines.
type alteration struct {
	name, part, old, new string
	want                 string
}

// runAlterations checks each alteration of the workbook at path.
func runAlterations(t *testing.T, path string, cases []alteration) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := check(t, alter(t, path, c.part, c.old, c.new))
			var got strings.Builder
			for _, f := range r.Findings {
				fmt.Fprintf(&got, "%s %s %s!%s\n", f.Severity, f.Rule, f.Sheet, f.Cell)
			}
			if got.String() != c.want {
				t.Errorf("findings:\n%s\nwant:\n%s\nin full:\n%s", got.String(), c.want, lines(r, msg.EN, true))
			}
		})
	}
}

// TestNotAWorkbook: a file that is not a workbook is an error, not a finding.
func TestNotAWorkbook(t *testing.T) {
	_, err := verify.File("verify_test.go", verify.Options{Templates: templates})
	if err == nil || !strings.HasPrefix(err.Error(), "verify_test.go: not a readable .xlsx workbook") {
		t.Fatalf("err = %v", err)
	}
}

// TestCatalogNamesEveryCode: a unit that types no subject name, using every
// code of the pack's catalogs (every class they hold: the leaves of 附件4-2
// and 附件4-3), fills, every row carries the catalog's name, and verify
// reports no catalog finding on its workbook.
func TestCatalogNamesEveryCode(t *testing.T) {
	p, err := pack.Load(filepath.Join(templates, "cq-2025"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := map[string]string{
		"unit.toml": "pack = \"cq-2025\"\nname = \"目录测试单位\"\nyear = 2025\namount_unit = \"元\"\n",
	}
	leaves := func(catalog string, length int, header, amounts string) (string, []string) {
		var codes []string
		for code := range p.Catalogs[catalog] {
			if len(code) == length {
				codes = append(codes, code)
			}
		}
		sort.Strings(codes)
		var b strings.Builder
		b.WriteString(header + "\n")
		for _, c := range codes {
			b.WriteString(c + "," + amounts + "\n")
		}
		return b.String(), codes
	}
	var fn, econ []string
	files["4-2.csv"], fn = leaves("function", 7, "code,name,subtotal,basic,project", ",,100.00,")
	files["4-3.csv"], econ = leaves("economic", 5, "code,name,total,staff,public", ",,,100.00")
	for _, tb := range p.Tables { // every table's file: the header alone, the demo's overall form
		if tb.Kind != pack.KindForm && files[tb.ID+".csv"] == "" {
			files[tb.ID+".csv"] = "code\n"
		}
	}
	overall, err := os.ReadFile(filepath.Join("..", "samples", "demo-2025", "overall.toml"))
	if err != nil {
		t.Fatal(err)
	}
	files["overall.toml"] = string(overall)
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	classes := map[string]bool{}
	for _, c := range fn {
		classes[c[:3]] = true
	}
	if len(classes) < 5 || len(econ) < 40 {
		t.Fatalf("the catalogs hold %d function classes and %d economic 款, too few for this test", len(classes), len(econ))
	}

	p2, d, err := dataset.Open(dir, templates)
	if err != nil {
		t.Fatal(err)
	}
	book, err := plan.Build(p2, d)
	if err != nil {
		t.Fatalf("fill with no names typed: %v", err)
	}
	for sheet, catalog := range map[string]string{"附件4-2": "function", "附件4-3": "economic"} {
		sh := book.Sheet(sheet)
		named := 0
		for _, row := range sh.Rows[sh.DataFirst-1:] {
			code := row[0].Text
			if want, ok := p.Catalogs[catalog][code]; ok {
				named++
				if got := row[1].Text; got != want {
					t.Errorf("%s row %s is named %q, want the catalog's %q", sheet, code, got, want)
				}
			}
		}
		if named == 0 {
			t.Errorf("%s has no code row", sheet)
		}
	}
	path := filepath.Join(t.TempDir(), "catalog.xlsx")
	if err := fill.Write(book, path, fill.Options{}); err != nil {
		t.Fatal(err)
	}
	for _, f := range check(t, path).Findings {
		if strings.HasPrefix(f.Rule, "catalog.") {
			t.Errorf("%s %s %s!%s: %s", f.Severity, f.Rule, f.Sheet, f.Cell, f.Message(msg.EN))
		}
	}
}

// TestAmountCells: an amount cell that holds no amount is reported once,
// at its cell, as extract reads it: a number stored as text under
// amount.text, anything else under structure.bad-amount (form.number in a
// form), and the sums over it (a hand-typed total, the weights of a
// project) are not reported again. The workbook is typed by hand, its
// totals constants: each case lists the findings beyond those of the
// unaltered workbook.
func TestAmountCells(t *testing.T) {
	typed := filled(t, "demo-2025", true)
	base := map[string]bool{}
	for _, f := range check(t, typed).Findings {
		base[f.Rule+" "+f.Sheet+"!"+f.Cell] = true
	}
	const (
		s42      = "xl/worksheets/sheet2.xml"
		projects = "xl/worksheets/sheet10.xml"
	)
	text := func(s string) string { return ` t="inlineStr"><is><t>` + s + `</t></is></c>` }
	cases := []alteration{
		{"number stored as text", s42, `<c r="D8" s="6"><v>123.456789</v></c>`, `<c r="D8" s="6"` + text("12"),
			`error amount.text 附件4-2!D8 "12" is a number stored as text: Excel's SUM skips it, so the totals leave it out; convert it to a number (Excel: the green triangle, 转换为数字) or type it again in a cell formatted as a number` + "\n"},
		{"grouped digits as text", s42, `<c r="D8" s="6"><v>123.456789</v></c>`, `<c r="D8" s="6"` + text("1,234.56"),
			"error amount.text 附件4-2!D8 \"1,234.56\" is a number stored as text: Excel's SUM skips it, so the totals leave it out; convert it to a number (Excel: the green triangle, 转换为数字) or type it again in a cell formatted as a number\n"},
		{"TRUE", s42, `<c r="D8" s="6"><v>123.456789</v></c>`, `<c r="D8" s="6" t="b"><v>1</v></c>`,
			"error structure.bad-amount 附件4-2!D8 TRUE is a truth value (TRUE or FALSE), not an amount: type the amount\n"},
		{"error value", s42, `<c r="D8" s="6"><v>123.456789</v></c>`, `<c r="D8" s="6" t="e"><v>#DIV/0!</v></c>`,
			"error structure.bad-amount 附件4-2!D8 #DIV/0! is an error value, not an amount: correct the formula, or type the amount\n"},
		{"out of range", s42, `<c r="D8" s="6"><v>123.456789</v></c>`, `<c r="D8" s="6"><v>1E+400</v></c>`,
			"error structure.bad-amount 附件4-2!D8 1E+400 is out of range: an amount is below 10^15 万元\n"},
		{"weight as text", projects, `<c r="H12" s="7"><v>10</v></c>`, `<c r="H12" s="7"` + text("10"),
			"error amount.text 项目支出绩效目标表!H12 权重: \"10\" is a number stored as text: Excel's SUM skips it, so the totals leave it out; convert it to a number (Excel: the green triangle, 转换为数字) or type it again in a cell formatted as a number\n"},
		{"weight not a number", projects, `<c r="H12" s="7"><v>10</v></c>`, `<c r="H12" s="7"` + text("十"),
			"error form.number 项目支出绩效目标表!H12 权重: \"十\" is not a number\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := check(t, alter(t, typed, c.part, c.old, c.new))
			var got strings.Builder
			for _, f := range r.Findings {
				if !base[f.Rule+" "+f.Sheet+"!"+f.Cell] {
					fmt.Fprintf(&got, "%s %s %s!%s %s\n", f.Severity, f.Rule, f.Sheet, f.Cell, f.Message(msg.EN))
				}
			}
			if got.String() != c.want {
				t.Errorf("new findings:\n%s\nwant:\n%s", got.String(), c.want)
			}
		})
	}
}

// TestNumberTextLibreOffice: a number stored as text in a workbook that
// LibreOffice recalculated (its SUM skipped the text, as Excel's does, while
// C8 = D8+E8 read the text as a number, thousands separators included, as
// Excel's + does) is named at its cell, and no cached value is called
// stale; the review rules between the tables, which the missing amount
// upsets, stay reported. "1234,567.8", which spreadsheets also read as a
// number, is no amount as a clerk writes one (see dataset.ParseAmount).
func TestNumberTextLibreOffice(t *testing.T) {
	filled := filled(t, "demo-2025", false)
	cases := []struct{ text, rule string }{{"12", "amount.text"}, {"1,234.56", "amount.text"}, {"1234,567.8", "structure.bad-amount"}}
	var paths []string
	for _, c := range cases {
		paths = append(paths, alter(t, filled, "xl/worksheets/sheet2.xml", `<c r="D8" s="6"><v>123.456789</v></c>`, `<c r="D8" s="6" t="inlineStr"><is><t>`+c.text+`</t></is></c>`))
	}
	for i, resaved := range oracle.RecalcAll(t, paths...) {
		var got strings.Builder
		for _, f := range check(t, resaved).Findings {
			fmt.Fprintf(&got, "%s %s %s!%s\n", f.Severity, f.Rule, f.Sheet, f.Cell)
		}
		want := "error rule.4-1.gpb-balance 附件4-1!B6\nerror rule.4-1.balance 附件4-1!B13\nerror rule.4-2.basic-4-3 附件4-2!D5\nerror " + cases[i].rule + " 附件4-2!D8\nwarning protection.structure !\n"
		if got.String() != want {
			t.Errorf("%q: findings:\n%s\nwant:\n%s", cases[i].text, got.String(), want)
		}
	}
}
