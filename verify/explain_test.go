package verify_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"budgetxl/dataset"
	"budgetxl/docx"
	"budgetxl/explain"
	"budgetxl/fill"
	"budgetxl/internal/oracle"
	"budgetxl/msg"
	"budgetxl/pack"
	"budgetxl/plan"
	"budgetxl/verify"
)

// qijiangPrior is the synthetic 2024 dataset of the qijiang sample.
var qijiangPrior = filepath.Join("..", "explain", "testdata", "qijiang-shebao-2024")

// cleanText drafts the sample's 情况说明 against prior and fills every
// slot as a clerk would: a reason for each change over the threshold, the
// facts the dataset does not give.
func cleanText(t *testing.T, sample, prior string) string {
	t.Helper()
	p, d, err := dataset.Open(filepath.Join("..", "samples", sample), templates)
	if err != nil {
		t.Fatal(err)
	}
	if d.Prior, err = dataset.OpenPrior(d, p, prior, pack.Library{Dir: templates}); err != nil {
		t.Fatal(err)
	}
	book, err := plan.Build(p, d)
	if err != nil {
		t.Fatal(err)
	}
	text := explain.Draft(explain.FromDataset(p, book, d)).Text()
	text = strings.ReplaceAll(text, "【请填写增减原因】", "项目安排调整")
	return strings.NewReplacer(
		"【请填写单位职能职责】", "负责全区社会保险经办工作。",
		"【请填写单位构成】", "本单位为区人力社保局所属事业单位。",
		"【请填写政府采购预算总额】", "120.00", "【请填写货物类政府采购预算】", "20.00",
		"【请填写工程类政府采购预算】", "0.00", "【请填写服务类政府采购预算】", "100.00",
		"【请填写车辆数】", "1", "【请填写单价50万元以上通用设备数】", "0", "【请填写单价100万元以上专用设备数】", "0",
	).Replace(text)
}

// checkText verifies the workbook with the text beside it.
func checkText(t *testing.T, workbook, text, prior string) []string {
	t.Helper()
	path := strings.TrimSuffix(workbook, ".xlsx") + ".txt"
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := verify.File(workbook, verify.Options{Templates: templates, Prior: prior})
	if err != nil {
		t.Fatal(err)
	}
	if r.Text != path {
		t.Errorf("checked text %q, want the one beside the workbook, %q", r.Text, path)
	}
	return textFindings(r)
}

// textFindings lists the findings about the text: severity rule ¶n [expected|found] message.
func textFindings(r *verify.Report) []string {
	var out []string
	for _, f := range r.Findings {
		if f.Text != "" {
			out = append(out, fmt.Sprintf("%s %s ¶%d [%s|%s] %s", f.Severity, f.Rule, f.Paragraph, f.Expected, f.Found, f.Message(msg.EN)))
		}
	}
	return out
}

// TestTextClean: a drafted text with its slots filled has nothing wrong
// against the workbook and the prior year; the one change not checked is
// 机关运行经费's, whose figures the dataset's explain.toml may give.
func TestTextClean(t *testing.T) {
	got := checkText(t, filled(t, "qijiang-shebao-2025", false), cleanText(t, "qijiang-shebao-2025", qijiangPrior), qijiangPrior)
	want := "note explain.prior-missing ¶0 [|] 1 changes against 2024 were not checked: they compare facts of the dataset's explain.toml, which the workbook does not hold"
	if strings.Join(got, "\n") != want {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
}

// TestTextFaults: an edited figure, a missing reason, a leftover
// placeholder, a change told the wrong way, a text of another year and a
// paragraph in words of its own are each found, at their paragraph.
func TestTextFaults(t *testing.T) {
	wb := filled(t, "qijiang-shebao-2025", false)
	clean := cleanText(t, "qijiang-shebao-2025", qijiangPrior)
	const notChecked = "note explain.prior-missing ¶0 [|] 1 changes against 2024 were not checked: they compare facts of the dataset's explain.toml, which the workbook does not hold"
	tests := []struct {
		name, old, new string
		want           []string
	}{
		{"edited figure", "一般公共预算拨款16213.27万元", "一般公共预算拨款16213.72万元", []string{
			"error explain.figure ¶8 [16213.27|16213.72] 部门收支总表 一般公共预算拨款收入 · 预算数: the text says 16213.72, the tables give 16213.27"}},
		{"edited figure in 元", "上年结转361.44万元。收入预算", "上年结转3614400元。收入预算", []string{
			"note explain.free-text ¶8 [|] the paragraph does not follow the pack's templates: its figures were looked up among the tables' values"}},
		{"edited figure in 元, wrong", "上年结转361.44万元。收入预算", "上年结转3614500元。收入预算", []string{
			"note explain.free-text ¶8 [|] the paragraph does not follow the pack's templates: its figures were looked up among the tables' values",
			"warning explain.figure-unknown ¶8 [|3614500元] 3614500元 is not a figure of the tables or of the draft: check it"}},
		{"missing reason", "增长10.09%，主要原因是项目安排调整", "增长10.09%", []string{
			"error explain.reason ¶17 [|] 附件4-2 2080102 一般行政管理事务 · 小计: a change of more than 10% needs its reason, and the text gives none"}},
		{"empty reason", "增长13.73%，主要原因是项目安排调整", "增长13.73%，主要原因是", []string{
			"error explain.reason ¶20 [|] 附件4-2 2080108 信息化建设 · 小计: a change of more than 10% needs its reason, and the text gives none"}},
		{"leftover placeholder", "负责全区社会保险经办工作。", "负责全区社会保险经办XX工作【请填写单位职能职责】。", []string{
			"error explain.placeholder ¶4 [|【请填写单位职能职责】 XX] text still to write is left in the paragraph: 【请填写单位职能职责】 XX"}},
		{"a figure in a fact's own words", "负责全区社会保险经办工作。", "负责全区社会保险经办工作，年经费12.34万元。", []string{
			"warning explain.figure-unknown ¶4 [|12.34万元] 12.34万元 is not a figure of the tables or of the draft: check it"}},
		{"edited share", "社会保障和就业支出15638.40万元，占94.92%", "社会保障和就业支出15638.40万元，占95.92%", []string{
			"error explain.figure ¶14 [94.92|95.92] 附件4-2 208 社会保障和就业支出 · 小计 · 占比: the text says 95.92%, the tables give 94.92%"}},
		{"edited count of projects", "项目48个，涉及资金13361.43万元", "项目49个，涉及资金13361.43万元", []string{
			"error explain.figure ¶62 [48|49] 项目支出绩效目标表 记录数: the text says 49, the tables give 48"}},
		{"a placeholder left twice", "负责全区社会保险经办工作。", "负责XX全区XX社会保险经办工作【请填写单位职能职责】。", []string{
			"error explain.placeholder ¶4 [|【请填写单位职能职责】 XX XX] text still to write is left in the paragraph: 【请填写单位职能职责】 XX (2 places)"}},
		{"change the wrong way", "公务接待费6.80万元，较2024年减少1.20万元，下降15.00%", "公务接待费6.80万元，较2024年增加1.20万元，增长15.00%", []string{
			"error explain.change ¶49 [down|up] 附件4-4 公务接待费: the text says an increase against 2024, the tables give a decrease"}},
		{"wrong rate", "增长19.72%", "增长17.92%", []string{
			"error explain.figure ¶32 [19.72|17.92] 附件4-2 2080701 就业创业服务补助 · 小计: the text says a rate of 17.92%, the tables give 19.72%"}},
		{"another year", "重庆市綦江区社会保险事务中心2025年单位预算情况说明", "重庆市綦江区社会保险事务中心2024年单位预算情况说明", []string{
			"error explain.year ¶1 [2025|2024] the title is for 2024, the workbook for 2025"}},
		{"words of its own", "（一）机关运行经费：2025年本单位一般公共预算财政拨款机关运行经费预算593.01万元，较2024年减少5.23万元，下降0.87%。",
			"（一）机关运行经费：本单位机关运行经费593.01万元，比上年下降20.87%；其中办公费86.00万元。2023年以来持续压减。", []string{
				"note explain.free-text ¶59 [|] the paragraph does not follow the pack's templates: its figures were looked up among the tables' values",
				"warning explain.figure-unknown ¶59 [|86.00万元] 86.00万元 is not a figure of the tables or of the draft: check it",
				"error explain.reason ¶59 [|下降20.87%] a change of 20.87% is more than 10% and needs its reason, and the sentence gives none",
				"warning explain.year-other ¶59 [|2023年] the paragraph names 2023, neither the budget year 2025 nor the year before"}},
		{"section left out", "六、“三公”经费情况说明\n", "", []string{
			"warning explain.section-missing ¶0 [六、“三公”经费情况说明|] the section \"六、“三公”经费情况说明\" of the pack's templates is not in the text"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(clean, tt.old) {
				t.Fatalf("the clean text has no %q", tt.old)
			}
			text := strings.Replace(clean, tt.old, tt.new, 1)
			got := checkText(t, wb, text, qijiangPrior)
			want := append(append([]string{}, tt.want...), notChecked)
			if tt.name == "words of its own" { // the only change not checked was this paragraph's
				want = tt.want
			}
			if strings.Join(sortedCopy(got), "\n") != strings.Join(sortedCopy(want), "\n") {
				t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

// TestTextWithoutPrior: without the prior year's dataset the changes are
// not checked (a note says how many), but a change whose stated rate is
// over the threshold still needs its reason.
func TestTextWithoutPrior(t *testing.T) {
	wb := filled(t, "demo-2025", false)
	text := strings.Replace(cleanText(t, "demo-2025", filepath.Join("..", "samples", "demo-2024")), "增长20.00%，主要原因是项目安排调整", "增长20.00%", 1)
	got := checkText(t, wb, text, "")
	want := []string{
		"note explain.prior-missing ¶0 [|] 17 changes against 2024 were not checked: give the prior year's dataset with --prior",
		"error explain.reason ¶17 [|] 附件4-2 2080102 一般行政管理事务 · 小计: a change of more than 10% needs its reason, and the text gives none",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestTextDocx: the demo's text as .docx, re-saved by LibreOffice (as a
// clerk's Word or WPS would), checks clean; an edited figure in it is found.
func TestTextDocx(t *testing.T) {
	wb := filled(t, "demo-2025", false)
	prior := filepath.Join("..", "samples", "demo-2024")
	text := strings.ReplaceAll(cleanText(t, "demo-2025", prior), "主要原因是项目安排调整", "主要原因是新增活动场次")
	var blocks []docx.Block
	for _, l := range strings.Split(strings.TrimSpace(text), "\n") {
		if strings.Contains(l, "\t") {
			blocks = append(blocks, docx.Block{Style: docx.Table, Rows: [][]string{strings.Split(l, "\t")}})
			continue
		}
		blocks = append(blocks, docx.Block{Style: docx.Body, Text: l})
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "情况说明.docx")
	if err := docx.Write(src, &docx.Doc{Blocks: blocks}); err != nil {
		t.Fatal(err)
	}
	resaved := oracle.Convert(t, src, "docx", ".docx")
	r, err := verify.File(wb, verify.Options{Templates: templates, Explain: resaved, Prior: prior})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range textFindings(r) {
		if !strings.HasPrefix(f, "note explain.prior-missing") {
			t.Errorf("a finding on the re-saved .docx: %s", f)
		}
	}
	if err := docx.Write(src, &docx.Doc{Blocks: editBlocks(blocks, "公务接待费1.20万元", "公务接待费1.30万元")}); err != nil {
		t.Fatal(err)
	}
	r, err = verify.File(wb, verify.Options{Templates: templates, Explain: src, Prior: prior})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(textFindings(r), "\n")
	if !strings.Contains(got, "error explain.figure ¶") || !strings.Contains(got, "[1.20|1.30]") {
		t.Errorf("an edited figure in the .docx is not found:\n%s", got)
	}
}

func editBlocks(blocks []docx.Block, old, new string) []docx.Block {
	out := append([]docx.Block{}, blocks...)
	for i := range out {
		out[i].Text = strings.Replace(out[i].Text, old, new, 1)
	}
	return out
}

// TestTextUnreadable: a text that cannot be read stops verify with the
// file's name, as an unreadable workbook does.
func TestTextUnreadable(t *testing.T) {
	wb := filled(t, "demo-2025", false)
	bad := filepath.Join(t.TempDir(), "x.docx")
	os.WriteFile(bad, []byte("不是文档"), 0o644)
	_, err := verify.File(wb, verify.Options{Templates: templates, Explain: bad})
	if err == nil || err.Error() != bad+": not a .docx document: save it in Word or WPS as .docx (Word 2007 and later)" {
		t.Errorf("error %v", err)
	}
	// A 情况说明 that is not there is named as missing, not as no document.
	none := filepath.Join(t.TempDir(), "none.docx")
	_, err = verify.File(wb, verify.Options{Templates: templates, Explain: none})
	if err == nil || err.Error() != none+": no such file" {
		t.Errorf("error %v", err)
	}
}

func sortedCopy(list []string) []string {
	out := append([]string{}, list...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

// TestPriorColumnChecked: with the prior year's dataset, a workbook's
// column of prior year's figures that differs from it is an error at its
// cell (the small pack of plan/testdata/prior prints such columns).
func TestPriorColumnChecked(t *testing.T) {
	root := filepath.Join("..", "plan", "testdata", "prior")
	p, d, err := dataset.Open(filepath.Join(root, "2025"), root)
	if err != nil {
		t.Fatal(err)
	}
	if d.Prior, err = dataset.OpenPrior(d, p, d.PriorDir(), pack.Library{Dir: root}); err != nil {
		t.Fatal(err)
	}
	book, err := plan.Build(p, d)
	if err != nil {
		t.Fatal(err)
	}
	wb := filepath.Join(t.TempDir(), "prior.xlsx")
	if err := fill.Write(book, wb, fill.Options{}); err != nil {
		t.Fatal(err)
	}
	r, err := verify.File(wb, verify.Options{Templates: root, Prior: filepath.Join(root, "2024")})
	if err != nil {
		t.Fatal(err)
	}
	if got := lines(r, msg.EN, false); got != "" {
		t.Errorf("findings with the right prior year:\n%s", got)
	}
	other := mutateCopy(t, filepath.Join(root, "2024"))
	if err := os.WriteFile(filepath.Join(other, "sg.csv"), []byte("code,car_run,reception\nbudget,\"150,000.00\",\"90,000.00\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err = verify.File(wb, verify.Options{Templates: root, Prior: other})
	if err != nil {
		t.Fatal(err)
	}
	want := "error prior.column 三公!D5 [24.00|23.00] 合计: 23.00, but the prior year's dataset gives 24.00\n" +
		"error prior.column 三公!E5 [9.00|8.00] 公务接待费: 8.00, but the prior year's dataset gives 9.00\n"
	if got := lines(r, msg.EN, false); got != want {
		t.Errorf("findings with another prior year:\n%s\nwant:\n%s", got, want)
	}
}

func mutateCopy(t *testing.T, dir string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "2024")
	if err := os.CopyFS(out, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestTextBeside: the 情况说明 beside a workbook is found under the name
// explain gives it by default first, then under the workbook's own name,
// .docx before .txt; a folder of such a name is no text.
func TestTextBeside(t *testing.T) {
	for _, c := range []struct {
		files []string
		want  string
	}{
		{nil, ""},
		{[]string{"u.txt"}, "u.txt"},
		{[]string{"u.docx", "u.txt"}, "u.docx"},
		{[]string{"u.docx", "u-情况说明.txt"}, "u-情况说明.txt"},
		{[]string{"u.docx", "u-情况说明.docx", "u-情况说明.txt"}, "u-情况说明.docx"},
		{[]string{"u-情况说明.docx/"}, ""},
	} {
		dir := t.TempDir()
		for _, f := range c.files {
			var err error
			if strings.HasSuffix(f, "/") {
				err = os.Mkdir(filepath.Join(dir, f), 0o755)
			} else {
				err = os.WriteFile(filepath.Join(dir, f), []byte("x"), 0o644)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		got := verify.TextBeside(filepath.Join(dir, "u.xlsx"))
		if want := filepath.Join(dir, c.want); c.want == "" && got != "" || c.want != "" && got != want {
			t.Errorf("%v: %q, want %q", c.files, got, c.want)
		}
	}
}
