package verify_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"budgetxl/dataset"
	"budgetxl/fill"
	"budgetxl/internal/mutate"
	"budgetxl/msg"
	"budgetxl/plan"
	"budgetxl/verify"
	"budgetxl/workbook"
)

// TestRewritten: a formula written in another form that adds up the same
// cells is a note; one whose value can differ is an error.
func TestRewritten(t *testing.T) {
	demo := filled(t, "demo-2025", false)
	const s42 = "xl/worksheets/sheet2.xml"
	cases := []alteration{
		{"SUM written as a chain of +", s42, `<f>SUM(D6,D11,D15,D18)</f>`, `<f>D6+D11+D15+D18</f>`,
			"note formula.rewritten 附件4-2!D5\n"},
		{"a range written as + and SUM", s42, `<f>SUM(D8:D10)</f>`, `<f>D8+SUM(D9,D10)</f>`,
			"note formula.rewritten 附件4-2!D7\n"},
		{"terms reordered", s42, `<f>D8+E8</f>`, `<f>E8+D8</f>`,
			"note formula.rewritten 附件4-2!C8\n"},
		{"absolute references", s42, `<f>D8+E8</f>`, `<f>$D$8+$E$8</f>`,
			"note formula.rewritten 附件4-2!C8\n"},
		{"own sheet named", s42, `<f>D8+E8</f>`, `<f>'附件4-2'!D8+E8</f>`,
			"note formula.rewritten 附件4-2!C8\n"},
		{"spelling only", s42, `<f>SUM(D8:D10)</f>`, `<f>sum( d8:d10 )</f>`,
			""},
		{"a term dropped", s42, `<f>SUM(D8:D10)</f>`, `<f>D8+D9</f>`,
			"error formula.changed 附件4-2!D7\n"},
		{"not a plain sum", s42, `<f>SUM(D8:D10)</f>`, `<f>SUM(D8:D10)*1</f>`,
			"error formula.changed 附件4-2!D7\n"},
	}
	runAlterations(t, demo, cases)
}

// stripCached rewrites the workbook at path as a tool that writes formulas
// without their values does (openpyxl writes an empty <v></v>; others
// leave it out, with remove), and returns the new file's path.
func stripCached(t *testing.T, path string, remove bool) (string, int) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	cached := regexp.MustCompile(`(<f>[^<]*</f>)<v>[^<]*</v>`)
	repl := "$1<v></v>"
	if remove {
		repl = "$1"
	}
	n := 0
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(r)
		r.Close()
		if strings.HasPrefix(f.Name, "xl/worksheets/sheet") {
			n += len(cached.FindAllIndex(b, -1))
			b = cached.ReplaceAll(b, []byte(repl))
		}
		w, _ := zw.Create(f.Name)
		w.Write(b)
	}
	zw.Close()
	if n == 0 {
		t.Fatalf("%s has no formula with a cached value", path)
	}
	out := filepath.Join(t.TempDir(), "stripped.xlsx")
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return out, n
}

// TestNoCachedValues: a workbook whose formulas lost their cached values
// gets one warning per sheet, with the count, and no stale values; a
// cached value that is there and wrong is still an error.
func TestNoCachedValues(t *testing.T) {
	demo := filled(t, "demo-2025", false)
	for _, remove := range []bool{false, true} {
		path, n := stripCached(t, demo, remove)
		r := check(t, path)
		total := 0
		sheets := map[string]bool{}
		for _, f := range r.Findings {
			if f.Rule != "value.missing" || f.Severity != verify.Warning || f.Cell != "" || sheets[f.Sheet] {
				t.Errorf("finding %s %s %s!%s: want one value.missing warning per sheet, nothing else", f.Severity, f.Rule, f.Sheet, f.Cell)
				continue
			}
			sheets[f.Sheet] = true
			k, _ := strconv.Atoi(f.Found)
			total += k
		}
		// The reader sees a merged cell's formula in each of its cells, so
		// it may count more formulas than the XML holds.
		wb, err := workbook.Read(demo)
		if err != nil {
			t.Fatal(err)
		}
		formulas := 0
		for _, sh := range wb.Sheets {
			for _, c := range sh.Cells {
				if c.Formula != "" {
					formulas++
				}
			}
		}
		if total != formulas || n > formulas {
			t.Errorf("the warnings count %d formulas without a value; the workbook has %d, %d were stripped", total, formulas, n)
		}
		if len(r.Findings) > 0 {
			want := "附件4-1!: 20 个公式没有缓存值（第一个在 B5）：预览软件会显示为空白；Excel 打开时会重新计算"
			if got := r.Findings[0].Sheet + "!" + r.Findings[0].Cell + ": " + r.Findings[0].Message(msg.ZH); got != want {
				t.Errorf("first finding:\n got %s\nwant %s", got, want)
			}
		}
	}
	// A cached value that is there and wrong is still an error.
	path, _ := stripCached(t, demo, false)
	path = alter(t, path, "xl/worksheets/sheet2.xml", `<c r="C8" s="6"><f>D8+E8</f><v></v>`, `<c r="C8" s="6"><f>D8+E8</f><v>1</v>`)
	var got strings.Builder
	for _, f := range check(t, path).Findings {
		if f.Sheet == "附件4-2" {
			fmt.Fprintf(&got, "%s %s %s!%s %s\n", f.Severity, f.Rule, f.Sheet, f.Cell, f.Found)
		}
	}
	if want := "warning value.missing 附件4-2! 33\nerror value.stale 附件4-2!C8 1.00\n"; got.String() != want {
		t.Errorf("findings on 附件4-2:\n%s\nwant:\n%s", got.String(), want)
	}
}

// TestPackVersion: a workbook made with another version of the pack than
// the one checking it gets a warning naming both versions; the same
// version from other files (the hash differs) a note.
func TestPackVersion(t *testing.T) {
	demo := filled(t, "demo-2025", false)
	cases := []struct {
		name string
		edit mutate.Mutation
		want string
	}{
		{"same pack", func(testing.TB, string) {}, ""},
		{"new version", mutate.Edit("pack.toml", `version = "1.0.0"`, `version = "1.1.0"`),
			"warning pack.version ! [cq-2025 1.1.0|cq-2025 1.0.0] 工作簿是用模板包 cq-2025 1.0.0 版生成的，现在用 cq-2025 1.1.0 版审核：部分问题可能来自两个版本的差异\n"},
		{"files changed, same version", mutate.Edit("4-2.toml", "# 附件4-2", "# 附件 4-2"),
			"note pack.hash ! [%s|%s] 工作簿是用模板包 cq-2025 1.0.0 版生成的，但生成时的模板文件与现在审核用的不同（哈希值 %[2]s，现为 %[1]s）：模板包改动后没有更新版本号\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := mutate.Copy(t, filepath.Join(templates, "cq-2025"), "cq-2025")
			tc.edit(t, dir)
			r, err := verify.File(demo, verify.Options{Templates: dir})
			if err != nil {
				t.Fatal(err)
			}
			want := tc.want
			if strings.Contains(want, "%") {
				want = fmt.Sprintf(want, r.Pack.Hash[:12], readHash(t, demo)[:12])
			}
			if got := lines(r, msg.ZH, true); got != want {
				t.Errorf("findings:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

// readHash is the pack hash a workbook records.
func readHash(t *testing.T, path string) string {
	wb, err := workbook.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	return wb.Props[plan.PropPackHash]
}

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
	want := `error amount.depth 附件4-2!D12 科目 20805 填了金额 23.518368，但其下没有科目：本表的金额须公开到 7 位科目
error amount.depth 部门收入总表!E12 科目 20805 填了金额 23.518368，但其下没有科目：本表的金额须公开到 7 位科目
error amount.depth 部门支出总表!D11 科目 20805 填了金额 23.518368，但其下没有科目：本表的金额须公开到 7 位科目
`
	if got := amountFindings(r); got != want {
		t.Errorf("findings:\n%s\nwant:\n%s", got, want)
	}
}

// TestNegative: a negative amount is a warning at its cell, unless the
// pack allows negative amounts in its column.
func TestNegative(t *testing.T) {
	data := mutate.Copy(t, filepath.Join("..", "samples", "demo-2025"), "demo")
	mutate.Edit("4-2.csv", `2070109,群众文化,,,"456,000.50"`, `2070109,群众文化,,,"-456,000.50"`)(t, data)
	mutate.Edit("4-1.csv", `carry_gpb,一般公共预算拨款,"60,000.00"`, `carry_gpb,一般公共预算拨款,"-60,000.00"`)(t, data)
	r := check(t, fillWith(t, data, templates))
	want := `warning amount.negative 附件4-1!B11 金额 -6.00 为负数：模板不允许本列填写负数
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
	want = `warning amount.negative 附件4-1!B11 金额 -6.00 为负数：模板不允许本列填写负数
`
	if got := amountFindings(r); got != want {
		t.Errorf("findings with negative = true on 4-2's project column:\n%s\nwant:\n%s", got, want)
	}
}
