package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestImportSeed: importing the published set gives exactly the files of
// samples/qijiang-shebao-2025, byte for byte, with no flag but -o (but the
// note of its unit.toml, which is the sample's, not the publication's).
func TestImportSeed(t *testing.T) {
	tmp := t.TempDir()
	code, stdout, stderr := run(t, tmp, "import", "../testdata/seed.txt", "--templates", "../templates", "-o", "TMP/q")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	golden(t, "import-seed.zh", stdout)
	sample := filepath.Join("..", "samples", "qijiang-shebao-2025")
	want, _ := os.ReadDir(sample)
	got, _ := os.ReadDir(filepath.Join(tmp, "q"))
	if len(got) != len(want) {
		t.Errorf("%d files written, want the sample's %d", len(got), len(want))
	}
	for _, e := range got {
		a, _ := os.ReadFile(filepath.Join(tmp, "q", e.Name()))
		b, err := os.ReadFile(filepath.Join(sample, e.Name()))
		if e.Name() == "unit.toml" { // the sample's note is not in the published text
			b = regexp.MustCompile(`(?m)^note = .*\n`).ReplaceAll(b, nil)
		}
		if err != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs from the sample's", e.Name())
		}
	}
}

// demo44 is the demo unit's 附件4-4 as a publication prints it, cells
// separated by |.
var demo44 = []string{
	"重庆市綦江区演示文化馆一般公共预算“三公”经费支出表",
	"单位：万元",
	"2025年预算数|||||",
	"合计|因公出国（境）费|公务用车购置及运行费|||公务接待费",
	"||小计|公务用车购置费|公务用车运行费|",
	"3.00||2.00||2.00|1.00",
}

// tabbed joins lines into a text, the | of each line a tab.
func tabbed(lines []string) string {
	return strings.ReplaceAll(strings.Join(lines, "\n"), "|", "\t")
}

// TestImportUnplaced: lines that cannot be placed are listed with their
// line numbers, and the dataset is written all the same (exit 1); the
// flags give what the text does not.
func TestImportUnplaced(t *testing.T) {
	tmp := t.TempDir()
	text := tabbed(append(append([]string{"部门预算公开"}, demo44...),
		"注：数据为测试|——", "重庆市綦江区演示文化馆部门预算说明表", "一、说明", ""))
	if err := os.WriteFile(filepath.Join(tmp, "in.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := run(t, tmp, "import", "TMP/in.txt", "--templates", "../templates",
		"--code", "999001", "--department", "重庆市綦江区文化和旅游发展委员会", "-o", "TMP/d")
	if code != 1 || stderr != "" {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	golden(t, "import-unplaced.zh", stdout)
	unit, _ := os.ReadFile(filepath.Join(tmp, "d", "unit.toml"))
	want := "pack = \"cq-2025\"\nname = \"重庆市綦江区演示文化馆\"\ncode = \"999001\"\ndepartment = \"重庆市綦江区文化和旅游发展委员会\"\nyear = 2025\namount_unit = \"万元\"\n"
	if string(unit) != want {
		t.Errorf("unit.toml:\n%s\nwant:\n%s", unit, want)
	}
	if b, _ := os.ReadFile(filepath.Join(tmp, "d", "4-4.csv")); string(b) != "\uFEFFcode,total,abroad,car,car_buy,car_run,reception\nbudget,3.00,,2.00,,2.00,1.00\n" {
		t.Errorf("4-4.csv:\n%s", b)
	}
}

// TestImportPartial: a text that holds some of the tables only is imported
// with exit status 1, naming the tables fill writes empty (the pack allows
// it) and, for each table fill needs, the file to add and its first line;
// a dataset completed as the output says fills.
func TestImportPartial(t *testing.T) {
	tmp := t.TempDir()
	text := tabbed(append(demo44, ""))
	if err := os.WriteFile(filepath.Join(tmp, "in.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := run(t, tmp, "--lang", "en", "import", "TMP/in.txt", "--templates", "../templates",
		"--code", "999001", "--department", "重庆市綦江区文化和旅游发展委员会", "-o", "TMP/d")
	want := "wrote dataset TMP/d (重庆市綦江区演示文化馆, pack cq-2025 1.1.0 (../templates/cq-2025))\n" +
		"  1 budget tables, amounts in 万元\n" +
		"  not in the text, so fill writes them empty with the pack's note: 附件4-5, 项目支出绩效目标表\n" +
		"  not in the text, and fill needs them: add each file, or import a text that holds these tables too:\n" +
		"    TMP/d/4-1.csv (附件4-1): first line code,item,amount,exp_item,exp_total,exp_gpb,exp_fund,exp_soe, then the table's rows\n" +
		"    TMP/d/4-2.csv (附件4-2): first line code,name,subtotal,basic,project, then the table's rows\n" +
		"    TMP/d/4-3.csv (附件4-3): first line code,name,total,staff,public, then the table's rows\n" +
		"    TMP/d/income-expense.csv (部门收支总表): first line code,item,amount,exp_item,exp_amount, then the table's rows\n" +
		"    TMP/d/income.csv (部门收入总表): first line code,name,total,carry,gpb,fund,soe,fee,edu_fee,operating,other,reserve, then the table's rows\n" +
		"    TMP/d/expense.csv (部门支出总表): first line code,name,total,basic,project,upper,operating,lower, then the table's rows\n" +
		"    TMP/d/overall.toml (整体支出绩效目标表): the form's records, as extract and import write them (for an example, budgetxl sample writes samples/demo-2025/overall.toml)\n"
	if code != 1 || stderr != "" || stdout != want {
		t.Fatalf("exit %d, stderr %q, stdout:\n%s\nwant:\n%s", code, stderr, stdout, want)
	}
	// Follow the advice: each first line (no data), and the sample's form.
	for _, line := range strings.Split(stdout, "\n") {
		if file, rest, ok := strings.Cut(strings.TrimSpace(line), " ("); ok && strings.HasSuffix(file, ".csv") {
			_, header, _ := strings.Cut(rest, "first line ")
			header = strings.TrimSuffix(header, ", then the table's rows")
			os.WriteFile(filepath.Join(tmp, strings.TrimPrefix(file, "TMP/")), []byte(header+"\n"), 0o644)
		}
	}
	overall, _ := os.ReadFile(filepath.Join("..", "samples", "demo-2025", "overall.toml"))
	os.WriteFile(filepath.Join(tmp, "d", "overall.toml"), overall, 0o644)
	if code, _, stderr := run(t, tmp, "fill", "TMP/d", "--templates", "../templates", "-o", "TMP/d.xlsx"); code == 2 {
		t.Errorf("fill of the completed dataset: exit 2: %s", stderr)
	}
}

// TestImportErrors: nothing is written when the input cannot be read.
func TestImportErrors(t *testing.T) {
	tmp := t.TempDir()
	os.WriteFile(filepath.Join(tmp, "empty.txt"), nil, 0o644)
	os.WriteFile(filepath.Join(tmp, "form.txt"), []byte("2025年财政资金项目支出绩效目标表\n"), 0o644)
	os.WriteFile(filepath.Join(tmp, "utf16.txt"), []byte{0xff, 0xfe, 'a', 0}, 0o644)
	// A units line the import cannot use, and a table without one.
	os.WriteFile(filepath.Join(tmp, "units.txt"), []byte("某单位一般公共预算财政拨款支出预算表\n编制单位：某单位\t单位：千元\n2080101\t行政运行\t2,053.20\t2,053.20\n"+
		"某单位一般公共预算财政拨款基本支出预算表\n30101\t基本工资\t583.78\t583.78\n"), 0o644)
	packs := filepath.Join(tmp, "packs")
	for _, name := range []string{"a", "b"} {
		if err := os.CopyFS(filepath.Join(packs, name), os.DirFS(filepath.Join("..", "templates", "cq-2025"))); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"import"}, "error: usage: budgetxl import FILE -o DIR\n"},
		{[]string{"import", "TMP/empty.txt"}, "error: usage: budgetxl import FILE -o DIR\n"},
		{[]string{"import", "TMP/none.txt", "-o", "TMP/x"}, "error: TMP/none.txt: no such file\n"},
		{[]string{"import", "TMP/utf16.txt", "-o", "TMP/x"}, "error: TMP/utf16.txt: not text: save the extracted text as UTF-8 or GB18030\n"},
		{[]string{"import", "TMP/empty.txt", "--templates", "../templates", "-o", "TMP/x"},
			"error: TMP/empty.txt: no line is the title of a table of pack cq-2025 (such as \"{unit}财政拨款收支总表\")\n"},
		{[]string{"import", "TMP/form.txt", "--templates", "../templates", "-o", "TMP/x"},
			"error: TMP/form.txt: the titles do not name the unit: give its name with --name\n"},
		{[]string{"import", "TMP/units.txt", "--templates", "../templates", "-o", "TMP/x"},
			"error: TMP/units.txt:2: the units line of 附件4-2 names \"千元\": its amounts can be read in 元 or 万元 only\n" +
				"  TMP/units.txt:5: the amounts of 附件4-3 come before any units line (such as 单位：万元): their unit cannot be determined; give the table's units line as published\n"},
		{[]string{"import", "../testdata/seed.txt", "--templates", "TMP/packs", "-o", "TMP/x"},
			"error: there are several template packs (TMP/packs/a, TMP/packs/b): choose one with --pack\n"},
		{[]string{"import", "../testdata/seed.txt", "--templates", "TMP/packs", "--pack", "c", "-o", "TMP/x"},
			"error: there is no template pack \"c\" (known: TMP/packs/a, TMP/packs/b)\n"},
	} {
		code, _, stderr := run(t, tmp, append([]string{"--lang", "en"}, c.args...)...)
		if code != 2 || stderr != c.stderr {
			t.Errorf("%v: exit %d, stderr %q, want %q", c.args, code, stderr, c.stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(tmp, "x")); !os.IsNotExist(err) {
		t.Error("something was written")
	}
	if code, _, stderr := run(t, tmp, "import", "../testdata/seed.txt", "--templates", "TMP/packs", "--pack", "b", "-o", "TMP/y"); code != 0 {
		t.Errorf("--pack b: exit %d: %s", code, stderr)
	}
}

// TestImportHostile: a text without end (/dev/zero), a line of a megabyte
// or a million lines is refused at once with exit status 2, in Chinese,
// and nothing is written; a text with thousands of lines it cannot place
// lists the first 100 of them and counts the rest.
func TestImportHostile(t *testing.T) {
	tmp := t.TempDir()
	seed, err := os.ReadFile("../testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(seed), "\n")
	dup := strings.Join(lines[:30], "") + strings.Repeat(lines[29], 5000) + strings.Join(lines[30:], "")
	os.WriteFile(filepath.Join(tmp, "line.txt"), []byte(strings.Repeat("行", 1<<20)), 0o644)
	os.WriteFile(filepath.Join(tmp, "million.txt"), []byte(strings.Repeat("2080101\t2.00\n", 1_000_000)), 0o644)
	os.WriteFile(filepath.Join(tmp, "dup.txt"), []byte(dup), 0o644)
	for _, c := range []struct{ file, stderr string }{
		{"/dev/zero", "错误：/dev/zero：不是文本文件：请把提取的文字存为 UTF-8 或 GB18030\n"},
		{"TMP/line.txt", "错误：TMP/line.txt:1：这一行超过 64 KB，而表格的行都很短：是不是选错了文件？\n"},
		{"TMP/million.txt", "错误：TMP/million.txt：超过 300000 行，远多于任何一张表的行数：是不是选错了文件，或者有行重复了？\n"},
	} {
		if c.file == "/dev/zero" {
			if _, err := os.Stat(c.file); err != nil {
				continue
			}
		}
		code, _, stderr := run(t, tmp, "import", c.file, "--templates", "../templates", "-o", "TMP/x")
		if code != 2 || stderr != c.stderr {
			t.Errorf("%s: exit %d, stderr %q, want %q", c.file, code, stderr, c.stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(tmp, "x")); !os.IsNotExist(err) {
		t.Error("something was written")
	}
	code, stdout, _ := run(t, tmp, "import", "TMP/dup.txt", "--templates", "../templates", "-o", "TMP/d")
	out := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if code != 1 || !strings.Contains(stdout, "有 5000 行无法归入：\n") || out[len(out)-1] != "  还有 4900 行未列出" {
		t.Errorf("exit %d, stdout ends %q", code, out[len(out)-3:])
	}
	if n := strings.Count(stdout, "重复出现"); n != 100 {
		t.Errorf("%d lines listed, want 100", n)
	}
}
