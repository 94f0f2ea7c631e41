package pdftext

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"budgetxl/dataset"
	"budgetxl/msg"
	"budgetxl/pack"
	"budgetxl/plan"
)

// inYuan rewrites the seed's text as a publication in 元 would print it:
// every units line as 编制单位：… ⇥ 单位：元, every amount of the budget
// tables and each project's 资金总额 times 10,000, in decimal. The overall
// performance table prints 元 already and has no units line: it stays.
func inYuan(t *testing.T, p *pack.Pack, text string) string {
	t.Helper()
	amount := regexp.MustCompile(`^-?[0-9]{1,3}(,[0-9]{3})*\.[0-9]{2}$`)
	times := func(s string) string {
		v, ok, err := dataset.ParseAmount(s, 2)
		if err != nil || !ok {
			t.Fatalf("%q: %v", s, err)
		}
		return dataset.FormatAmount(v.Shift(4))
	}
	var section *pack.Table
	var out []string
	units, amounts := 0, 0
	for _, l := range strings.SplitAfter(text, "\n") {
		body := strings.TrimRight(l, "\r\n")
		cells := strings.Split(body, "\t")
		if s := strings.TrimSpace(body); len(cells) == 1 {
			for _, tb := range p.Tables {
				if _, ok := compile(tb.Title).Match(s); ok {
					section = tb
				}
			}
			if s == "单位：万元" {
				units++
				out = append(out, "编制单位："+unit+"\t单位：元"+l[len(body):])
				continue
			}
		}
		for i, c := range cells {
			switch {
			case section == nil:
			case section.Kind != pack.KindForm && amount.MatchString(strings.TrimSpace(c)):
				cells[i] = times(strings.TrimSpace(c))
				amounts++
			case section.ID == "projects" && i > 0 && strings.HasPrefix(cells[i-1], "资金总额"):
				cells[i] = times(c)
				amounts++
			}
		}
		out = append(out, strings.Join(cells, "\t")+l[len(body):])
	}
	if units < 50 || amounts < 400 {
		t.Fatalf("only %d units lines and %d amounts rewritten", units, amounts)
	}
	return strings.Join(out, "")
}

// TestSeedInYuan: the seed's tables published in 元, with units lines of
// two cells, import to a dataset in 元 whose workbook is the sample's:
// every planned cell holds the same label, input, formula and value, and
// every published figure is the sample's, converted.
func TestSeedInYuan(t *testing.T) {
	p := loadPack(t)
	raw, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	text := inYuan(t, p, string(raw))
	d, unplaced, err := Parse(text, p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range unplaced {
		t.Errorf("line %d not placed: %s: %q", u.Line, u.Why, u.Text)
	}
	if d.Unit.AmountUnit != dataset.Yuan {
		t.Fatalf("amount unit %s, want 元", d.Unit.AmountUnit)
	}
	_, want, err := dataset.Open(sample, "../templates")
	if err != nil {
		t.Fatal(err)
	}
	got, err := plan.Build(p, d)
	if err != nil {
		t.Fatal(err)
	}
	book, err := plan.Build(p, want)
	if err != nil {
		t.Fatal(err)
	}
	if a, b := planDump(got, d), planDump(book, want); a != b {
		t.Errorf("the workbook of the 元 text differs from the sample's:\n%s", firstDiff(a, b))
	}
	if len(got.Differences) != len(book.Differences) {
		t.Errorf("%d published figures differ from their formulas, the sample has %d", len(got.Differences), len(book.Differences))
	}
}

// planDump dumps a plan's cells, published figures in 万元 where the workbook
// holds budget amounts in 万元.
func planDump(b *plan.Book, d *dataset.Dataset) string {
	var s strings.Builder
	for _, sh := range b.Sheets {
		for _, row := range sh.Rows {
			for _, c := range row {
				if c == nil {
					continue
				}
				fmt.Fprintf(&s, "%s!%s %s", sh.Name, c.Address(), c)
				if c.Declared != nil {
					v := c.Declared.Amount
					if sh.Table.Kind != pack.KindForm {
						v = v.Shift(d.Scale())
					}
					fmt.Fprintf(&s, " published %s", v.Round(6).String())
				}
				s.WriteString("\n")
			}
		}
	}
	return s.String()
}

// TestUnitsLeft: the left part of a units line of two (编制单位：{unit})
// names the unit when no title does; one that names another unit than the
// line before is not placed, with why.
func TestUnitsLeft(t *testing.T) {
	p, err := pack.Load("../testdata/features/units-line/pack")
	if err != nil {
		t.Fatal(err)
	}
	text := tsv("2025年“三公”经费支出预算表", "编制单位：甲单位|单位：万元", "合计|因公出国（境）费|公务接待费", "3.50|1.20|2.30",
		"2025年“三公”经费支出预算表", "编制单位：乙单位|单位：万元")
	d, unplaced, err := Parse(text, p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Unit.Name != "甲单位" {
		t.Errorf("unit %q, want 甲单位", d.Unit.Name)
	}
	var got []string
	for _, u := range unplaced {
		got = append(got, fmt.Sprintf("%d: %s", u.Line, u.Why.In(msg.ZH)))
	}
	if want := `6: 单位行中的单位是 "乙单位"，但第 2 行中的单位是 "甲单位"`; strings.Join(got, "\n") != want {
		t.Errorf("unplaced:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
}
