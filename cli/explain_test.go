package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"budgetxl/internal/oracle"
)

// TestExplainCommand: explain drafts the demo's text against its prior
// year as .docx, which LibreOffice opens with the drafted sentences in it,
// and as text; the summary says what is left to fill in.
func TestExplainCommand(t *testing.T) {
	tmp := t.TempDir()
	code, stdout, stderr := run(t, tmp, "explain", "../samples/demo-2025", "--prior", "../samples/demo-2024", "--templates", "../templates", "-o", "TMP/情况说明.txt")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	golden(t, "explain-demo.zh", stdout)
	text, err := os.ReadFile(filepath.Join(tmp, "情况说明.txt"))
	if err != nil {
		t.Fatal(err)
	}
	sentences := []string{
		"重庆市綦江区演示文化馆2025年单位预算情况说明",
		"（一）收入预算：2025年年初预算数228.69万元，其中：一般公共预算拨款217.69万元",
		"（2）社会保障和就业支出（类）人力资源和社会保障管理事务（款）一般行政管理事务（项）：2025年预算数为45.60万元，较2024年增加7.60万元，增长20.00%，主要原因是【请填写增减原因】。",
		"公务接待费1.20万元，较2024年减少0.30万元，下降20.00%，主要原因是【请填写增减原因】。",
	}
	for _, s := range sentences {
		if !strings.Contains(string(text), s) {
			t.Errorf("the text has no %q", s)
		}
	}

	code, stdout, stderr = run(t, tmp, "--lang", "en", "explain", "../samples/demo-2025", "--prior", "../samples/demo-2024", "--templates", "../templates", "-o", "TMP/情况说明.docx")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	golden(t, "explain-demo.en", stdout)
	txt := oracle.Convert(t, filepath.Join(tmp, "情况说明.docx"), "txt:Text (encoded):UTF8", ".txt")
	b, err := os.ReadFile(txt)
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.ReplaceAll(string(b), "\n", "") // the title is broken into even lines
	for _, s := range sentences {
		if !strings.Contains(flat, s) {
			t.Errorf("LibreOffice's text of the .docx has no %q", s)
		}
	}
}

// TestExplainErrors: a text that is neither .docx nor .txt, and a prior
// year's dataset of another year, stop explain with nothing written.
func TestExplainErrors(t *testing.T) {
	tmp := t.TempDir()
	cases := []struct {
		args   []string
		stderr string
	}{
		{[]string{"explain", "../samples/demo-2025", "--templates", "../templates", "-o", "TMP/x.pdf"},
			"error: TMP/x.pdf: write the text as .docx or .txt\n"},
		{[]string{"explain", "../samples/demo-2025", "--templates", "../templates", "--prior", "../samples/demo-2025", "-o", "TMP/x.docx"},
			"error: ../samples/demo-2025/unit.toml: year is 2025, but the prior year of ../samples/demo-2025 (2025) is 2024\n"},
		{[]string{"explain", "../samples/demo-2025", "--templates", "../templates", "--prior", "../samples/qijiang-shebao-2025", "-o", "TMP/x.docx"},
			"error: ../samples/qijiang-shebao-2025/unit.toml: year is 2025, but the prior year of ../samples/demo-2025 (2025) is 2024\n"},
		{[]string{"explain", "../samples/demo-2025", "--templates", "../templates", "--prior", "TMP/none", "-o", "TMP/x.docx"},
			"error: TMP/none: no such dataset folder (the prior year's dataset of ../samples/demo-2025)\n"},
	}
	for _, c := range cases {
		code, stdout, stderr := run(t, tmp, append([]string{"--lang", "en"}, c.args...)...)
		if code != 2 || stdout != "" || stderr != c.stderr {
			t.Errorf("%v: exit %d, stdout %q, stderr:\n%s\nwant:\n%s", c.args, code, stdout, stderr, c.stderr)
		}
	}
	if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
		t.Errorf("something was written: %v", entries)
	}
}

// TestExplainPriorImported: last year's published text, imported with this
// year's pack, is the prior year's dataset (the seed as if it were 2024's:
// every change is 持平).
func TestExplainPriorImported(t *testing.T) {
	tmp := t.TempDir()
	seed, err := os.ReadFile(filepath.Join("..", "testdata", "seed.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(tmp, "seed-2024.txt"), []byte(strings.ReplaceAll(string(seed), "2025年", "2024年")), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run(t, tmp, "import", "TMP/seed-2024.txt", "--templates", "../templates/cq-2025", "-o", "TMP/q2024"); code != 0 {
		t.Fatalf("import: exit %d: %s", code, stderr)
	}
	code, stdout, stderr := run(t, tmp, "explain", "../samples/qijiang-shebao-2025", "--prior", "TMP/q2024", "--templates", "../templates", "-o", "TMP/q.txt")
	if code != 0 {
		t.Fatalf("explain: exit %d: %s", code, stderr)
	}
	// every change is 持平: no reason to give; the facts the sample has no explain.toml for, named
	if !strings.Contains(stdout, "上年数据：TMP/q2024；已计算 37 处增减\n") || strings.Contains(stdout, "增减幅度超过") ||
		!strings.HasSuffix(stdout, "  公开前须填写：9 项数据集中没有的内容（单位职能职责、单位构成、政府采购预算总额、货物类政府采购预算、工程类政府采购预算、服务类政府采购预算、车辆数、单价50万元以上通用设备数、单价100万元以上专用设备数；可写在数据集的 explain.toml 中）\n") {
		t.Errorf("stdout: %s", stdout)
	}
	// with the facts given, nothing is left to fill in
	ds := filepath.Join(tmp, "q2025")
	if err := os.CopyFS(ds, os.DirFS(filepath.Join("..", "samples", "qijiang-shebao-2025"))); err != nil {
		t.Fatal(err)
	}
	facts, _ := os.ReadFile(filepath.Join("..", "samples", "demo-2025", "explain.toml"))
	os.WriteFile(filepath.Join(ds, "explain.toml"), facts, 0o644)
	code, stdout, _ = run(t, tmp, "explain", "TMP/q2025", "--prior", "TMP/q2024", "--templates", "../templates", "-o", "TMP/q2.txt")
	if code != 0 || !strings.HasSuffix(stdout, "  没有留待填写的内容；budgetxl verify 会一并审核工作簿旁的情况说明\n") {
		t.Errorf("explain with its facts: exit %d, stdout: %s", code, stdout)
	}
	// without a prior year, the changes and last year's figures are slots, counted
	code, stdout, _ = run(t, tmp, "explain", "TMP/q2025", "--templates", "../templates", "-o", "TMP/q3.txt")
	if code != 0 || !strings.Contains(stdout, "\n  没有上年数据集（--prior 或 unit.toml 中的 prior）：37 处增减情况和 18 个 2024 年的数留待填写\n") || strings.Contains(stdout, "公开前须填写") {
		t.Errorf("explain without a prior year: exit %d, stdout: %s", code, stdout)
	}
	text, _ := os.ReadFile(filepath.Join(tmp, "q.txt"))
	if n := strings.Count(string(text), "与2024年持平"); n != 37 {
		t.Errorf("%d changes are 持平, want 37 (every change)", n)
	}
}

// TestVerifyWithText: verify finds the 情况说明 beside the workbook and
// reports each problem at its paragraph.
func TestVerifyWithText(t *testing.T) {
	tmp := t.TempDir()
	for _, args := range [][]string{
		{"fill", "../samples/demo-2025", "--templates", "../templates", "-o", "TMP/demo.xlsx"},
		{"explain", "../samples/demo-2025", "--prior", "../samples/demo-2024", "--templates", "../templates", "-o", "TMP/demo.txt"},
	} {
		if code, _, stderr := run(t, tmp, args...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
	}
	path := filepath.Join(tmp, "demo.txt")
	b, _ := os.ReadFile(path)
	text := strings.Replace(string(b), "【请填写增减原因】", "新增送戏下乡场次", 1) // one reason given, one left
	text = strings.Replace(text, "上年结转6.00万元", "上年结转6.50万元", 1)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ := run(t, tmp, "verify", "TMP/demo.xlsx", "--prior", "../samples/demo-2024", "--templates", "../templates")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	golden(t, "verify-demo-text.zh", stdout)

	// fill's check names the text's file and paragraph, with its start to
	// find it by in Word or WPS, and counts only the kinds left unlisted.
	code, stdout, _ = run(t, tmp, "fill", "../samples/demo-2025", "--prior", "../samples/demo-2024", "--templates", "../templates", "-o", "TMP/demo.xlsx")
	want := "审核结果（与 budgetxl verify 相同，含旁边的情况说明 TMP/demo.txt）：2 个错误，0 个警告，1 个提示\n" +
		"  错误 TMP/demo.txt 第 8 段（“（一）收入预算：2025年年初预…”） explain.figure：部门收支总表 上年结转 · 预算数：情况说明为 6.50，表中为 6.00\n" +
		"  错误 TMP/demo.txt 第 29 段（“2025年一般公共预算财政拨款“…”） explain.placeholder：本段还有待填写的内容：【请填写增减原因】\n" +
		"  另有 1 个提示未列出：加 --all 列出全部\n"
	if code != 1 || !strings.HasSuffix(stdout, want) {
		t.Errorf("fill: exit %d, stdout:\n%s\nwant it to end:\n%s", code, stdout, want)
	}
}

// TestFillPriorConflict: fill takes a prior year's column from the prior
// year's dataset (prior in unit.toml), and refuses a dataset whose own
// figure there differs from it, writing nothing.
func TestFillPriorConflict(t *testing.T) {
	tmp := t.TempDir()
	root := filepath.Join(tmp, "prior")
	if err := os.CopyFS(root, os.DirFS(filepath.Join("..", "plan", "testdata", "prior"))); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run(t, tmp, "fill", "TMP/prior/2025", "--templates", "TMP/prior", "-o", "TMP/ok.xlsx"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	csv := "code,car_run,reception,prior_reception\nbudget,\"150,000.00\",\"68,000.00\",\"70,000.00\"\n"
	if err := os.WriteFile(filepath.Join(root, "2025", "sg.csv"), []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := run(t, tmp, "--lang", "en", "fill", "TMP/prior/2025", "--templates", "TMP/prior", "-o", "TMP/bad.xlsx")
	want := "error: 三公!E5 公务接待费: the dataset gives 7.00, the prior year's dataset 8.00: correct one of them\n"
	if code != 2 || stderr != want {
		t.Errorf("exit %d, stderr:\n%s\nwant:\n%s", code, stderr, want)
	}
	if _, err := os.Stat(filepath.Join(tmp, "bad.xlsx")); !os.IsNotExist(err) {
		t.Error("a workbook was written")
	}
}
