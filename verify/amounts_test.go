package verify_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"budgetxl/dataset"
	"budgetxl/fill"
	"budgetxl/internal/mutate"
	"budgetxl/msg"
	"budgetxl/plan"
	"budgetxl/verify"
)

// fillWith fills the dataset in dir with the packs in templates.
func fillWith(t *testing.T, dir, templates string) string {
	t.Helper()
	p, d, err := dataset.Open(dir, templates)
	if err != nil {
		t.Fatal(err)
	}
	book, err := plan.Build(p, d)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "book.xlsx")
	if err := fill.Write(book, path, fill.Options{}); err != nil {
		t.Fatal(err)
	}
	return path
}

// amountFindings lists the amount.* findings of a report.
func amountFindings(r *verify.Report) string {
	var b strings.Builder
	for _, f := range r.Findings {
		if strings.HasPrefix(f.Rule, "amount.") {
			fmt.Fprintf(&b, "%s %s %s!%s %s\n", f.Severity, f.Rule, f.Sheet, f.Cell, f.Message(msg.ZH))
		}
	}
	return b.String()
}

// TestDepth: amounts moved up from 项 to their 款 (which fill refuses with
// the pack's leaf) are an error at each cell.
func TestDepth(t *testing.T) {
	data := mutate.Copy(t, filepath.Join("..", "samples", "demo-2025"), "demo")
	for _, file := range []string{"4-2.csv", "income.csv", "expense.csv"} {
		b, err := os.ReadFile(filepath.Join(data, file))
		if err != nil {
			t.Fatal(err)
		}
		// 2080505 and 2080506 into 20805, their amounts added.
		re := regexp.MustCompile(`(?m)^20805,行政事业单位养老支出(,*)\n2080505,[^,]*(,[^\n]*)\n2080506,[^\n]*\n`)
		if !re.Match(b) {
			t.Fatalf("%s: no 20805 with 2080505 and 2080506", file)
		}
		b = re.ReplaceAll(b, []byte("20805,行政事业单位养老支出${2}\n"))
		b = bytes.Replace(b, []byte(`"156,789.12"`), []byte(`"235,183.68"`), 1)
		if err := os.WriteFile(filepath.Join(data, file), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A pack that does not ask for 项 lets fill write the workbook.
	loose := mutate.Copy(t, templates, "templates")
	for _, file := range []string{"4-2.toml", "income.toml", "expense.toml"} {
		b, _ := os.ReadFile(filepath.Join(loose, "cq-2025", file))
		b = regexp.MustCompile(`(?m)^\s*leaf = 7.*\n`).ReplaceAll(b, nil)
		os.WriteFile(filepath.Join(loose, "cq-2025", file), b, 0o644)
	}
	if _, _, err := dataset.Open(data, templates); err == nil {
		t.Error("the dataset opens with the pack's leaf = 7")
	}
	r := check(t, fillWith(t, data, loose))
	// Cells hold 万元: 235,183.68 元 is 23.518368.
	want := `error amount.depth 附件4-2!D11 科目 20805 填了金额 23.518368，但其下没有科目：本表的金额须公开到 7 位科目
error amount.depth 部门收入总表!E11 科目 20805 填了金额 23.518368，但其下没有科目：本表的金额须公开到 7 位科目
error amount.depth 部门支出总表!D10 科目 20805 填了金额 23.518368，但其下没有科目：本表的金额须公开到 7 位科目
`
	if got := amountFindings(r); got != want {
		t.Errorf("findings:\n%s\nwant:\n%s", got, want)
	}
}

// TestNegative: a negative amount is a warning at its cell, unless the
// pack allows negative amounts in its column.
func TestNegative(t *testing.T) {
	data := mutate.Copy(t, filepath.Join("..", "samples", "demo-2025"), "demo")
	mutate.Edit("4-2.csv", `2080102,一般行政管理事务,,,"456,000.50"`, `2080102,一般行政管理事务,,,"-456,000.50"`)(t, data)
	mutate.Edit("4-1.csv", `carry_gpb,一般公共预算拨款,"60,000.00"`, `carry_gpb,一般公共预算拨款,"-60,000.00"`)(t, data)
	r := check(t, fillWith(t, data, templates))
	want := `warning amount.negative 附件4-1!B10 金额 -6.00 为负数：模板不允许本列填写负数
warning amount.negative 附件4-2!E9 金额 -45.60005 为负数：模板不允许本列填写负数
`
	if got := amountFindings(r); got != want {
		t.Errorf("findings:\n%s\nwant:\n%s", got, want)
	}
	allow := mutate.Copy(t, templates, "templates")
	mutate.Edit("cq-2025/4-2.toml", "  key = \"project\"\n  kind = \"amount\"\n", "  key = \"project\"\n  kind = \"amount\"\n  negative = true\n")(t, allow)
	r, err := verify.File(fillWith(t, data, allow), verify.Options{Templates: allow})
	if err != nil {
		t.Fatal(err)
	}
	want = `warning amount.negative 附件4-1!B10 金额 -6.00 为负数：模板不允许本列填写负数
`
	if got := amountFindings(r); got != want {
		t.Errorf("findings with negative = true on 4-2's project column:\n%s\nwant:\n%s", got, want)
	}
}
