package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"budgetxl/dataset"
	"budgetxl/internal/mutate"
	"golang.org/x/text/encoding/simplifiedchinese"

	"budgetxl/internal/oracle"
	"budgetxl/pack"
	"budgetxl/workbook"
)

// TestExtractRoundTrip: fill → extract gives the sample's own files back,
// byte for byte (published figures included); fill → extract → fill gives
// the same workbook, and extracting that again the same files.
func TestExtractRoundTrip(t *testing.T) {
	for _, sample := range []string{"demo-2025", "qijiang-shebao-2025"} {
		t.Run(sample, func(t *testing.T) {
			tmp := t.TempDir()
			steps := [][]string{
				{"fill", "../samples/" + sample, "--templates", "../templates", "-o", "TMP/1.xlsx"},
				{"extract", "TMP/1.xlsx", "--templates", "../templates", "-o", "TMP/d1"},
				{"fill", "TMP/d1", "--templates", "../templates", "-o", "TMP/2.xlsx"},
				{"extract", "TMP/2.xlsx", "--templates", "../templates", "-o", "TMP/d2"},
			}
			for _, args := range steps {
				// fill exits 1 on the qijiang sample's published faults
				if code, _, stderr := run(t, tmp, args...); code == 2 || code == 1 && args[0] != "fill" {
					t.Fatalf("%v: exit %d: %s", args, code, stderr)
				}
			}
			if a, b := dumpBook(t, tmp, "1.xlsx"), dumpBook(t, tmp, "2.xlsx"); a != b {
				t.Error("the workbook filled from the extracted dataset differs from the first")
			}
			entries, _ := os.ReadDir(filepath.Join(tmp, "d1"))
			if len(entries) != 11 {
				t.Errorf("%d files extracted, want unit.toml and 10 tables", len(entries))
			}
			for _, e := range entries {
				a, _ := os.ReadFile(filepath.Join(tmp, "d1", e.Name()))
				orig, _ := os.ReadFile(filepath.Join("..", "samples", sample, e.Name()))
				if !bytes.Equal(a, orig) {
					t.Errorf("%s extracted differs from samples/%s/%s", e.Name(), sample, e.Name())
				}
				b, _ := os.ReadFile(filepath.Join(tmp, "d2", e.Name()))
				if !bytes.Equal(a, b) {
					t.Errorf("%s differs between the two extractions", e.Name())
				}
			}
		})
	}
}

// TestExtractErrors: a file that is not a workbook, and missing arguments.
func TestExtractErrors(t *testing.T) {
	tmp := t.TempDir()
	if code, _, stderr := run(t, tmp, "--lang", "en", "extract", "cli.go", "-o", "TMP/x"); code != 2 || stderr == "" {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if code, _, stderr := run(t, tmp, "--lang", "en", "extract"); code != 2 || stderr != "error: usage: budgetxl extract FILE -o DIR\n" {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(tmp, "x")); !os.IsNotExist(err) {
		t.Error("something was written")
	}
}

// TestExtractAfterLibreOffice: a workbook re-saved by LibreOffice (as a
// clerk's office suite would) still extracts to the sample's own files.
func TestExtractAfterLibreOffice(t *testing.T) {
	oracle.Soffice(t)
	samples := []string{"demo-2025", "qijiang-shebao-2025"}
	var tmps, paths []string
	for _, sample := range samples {
		tmp := t.TempDir()
		if code, _, stderr := run(t, tmp, "fill", "../samples/"+sample, "--templates", "../templates", "-o", "TMP/1.xlsx"); code == 2 {
			t.Fatal(stderr)
		}
		tmps, paths = append(tmps, tmp), append(paths, filepath.Join(tmp, "1.xlsx"))
	}
	all := oracle.RecalcAll(t, paths...) // one start of LibreOffice
	for i, sample := range samples {
		tmp, resaved := tmps[i], all[i]
		t.Run(sample, func(t *testing.T) {
			if code, _, stderr := run(t, tmp, "extract", resaved, "--templates", "../templates", "-o", "TMP/d"); code != 0 {
				t.Fatal(stderr)
			}
			entries, _ := os.ReadDir(filepath.Join(tmp, "d"))
			for _, e := range entries {
				a, _ := os.ReadFile(filepath.Join(tmp, "d", e.Name()))
				orig, _ := os.ReadFile(filepath.Join("..", "samples", sample, e.Name()))
				if !bytes.Equal(a, orig) {
					t.Errorf("%s extracted after LibreOffice differs from the sample's", e.Name())
				}
			}
			if len(entries) != 11 {
				t.Errorf("%d files", len(entries))
			}
		})
	}
}

// demoWorkbook fills the demo sample into tmp/demo.xlsx.
func demoWorkbook(t *testing.T, tmp string) string {
	t.Helper()
	if code, _, stderr := run(t, tmp, "fill", "../samples/demo-2025", "--templates", "../templates", "-o", "TMP/demo.xlsx"); code != 0 {
		t.Fatal(stderr)
	}
	return filepath.Join(tmp, "demo.xlsx")
}

// TestExtractUnreadable: amount cells that hold no amount (TRUE, a number
// stored as text, full-width digits, an error value, a number out of range
// or too precise, text) are each named with their cell and value; nothing
// is written, exit 2. With --skip-bad the dataset is written without them
// and they are listed, exit 1.
func TestExtractUnreadable(t *testing.T) {
	tmp := t.TempDir()
	path := demoWorkbook(t, tmp)
	const s42 = "xl/worksheets/sheet2.xml"
	for _, e := range [][2]string{
		{`<c r="D8" s="6"><v>123.456789</v></c>`, `<c r="D8" s="6" t="b"><v>1</v></c>`},
		{`<c r="E9" s="6"><v>45.60005</v></c>`, `<c r="E9" s="6" t="inlineStr"><is><t>1,234.56</t></is></c>`},
		{`<c r="E10" s="6"><v>8.888888</v></c>`, `<c r="E10" s="6" t="inlineStr"><is><t>１２</t></is></c>`},
		{`<c r="D12" s="6"><v>15.678912</v></c>`, `<c r="D12" s="6" t="e"><v>#DIV/0!</v></c>`},
		{`<c r="D13" s="6"><v>7.839456</v></c>`, `<c r="D13" s="6"><v>1E+400</v></c>`},
		{`<c r="D16" s="6"><v>9.876543</v></c>`, `<c r="D16" s="6"><v>9.8765432</v></c>`},
		{`<c r="D19" s="6"><v>12.345678</v></c>`, `<c r="D19" s="6" t="inlineStr"><is><t>abc</t></is></c>`},
	} {
		path = mutate.Part(t, path, s42, e[0], e[1], 1)
	}
	code, stdout, stderr := run(t, tmp, "--lang", "en", "extract", path, "--templates", "../templates", "-o", "TMP/d")
	cells := "  附件4-2!D8: TRUE is a truth value (TRUE or FALSE), not an amount: type the amount\n" +
		"  附件4-2!E9: \"1,234.56\" is a number stored as text: Excel's SUM skips it, so the totals leave it out; convert it to a number (Excel: the green triangle, 转换为数字) or type it again in a cell formatted as a number\n" +
		"  附件4-2!E10: \"１２\" is a number stored as text: Excel's SUM skips it, so the totals leave it out; convert it to a number (Excel: the green triangle, 转换为数字) or type it again in a cell formatted as a number\n" +
		"  附件4-2!D12: #DIV/0! is an error value, not an amount: correct the formula, or type the amount\n" +
		"  附件4-2!D13: 1E+400 is out of range: an amount is below 10^15 万元\n" +
		"  附件4-2!D16: 9.8765432 has more than 6 decimals (in 万元, finer than 0.01 元)\n" +
		"  附件4-2!D19: \"abc\" is not a number\n"
	bad := strings.ReplaceAll(path, tmp, "TMP")
	want := "error: " + bad + ": 7 cells or rows cannot be read; nothing was written (correct them, or give --skip-bad to write the dataset without them):\n" + cells
	if code != ExitInput || stderr != want || stdout != "" {
		t.Errorf("exit %d, stderr:\n%s\nwant:\n%s", code, stderr, want)
	}
	if _, err := os.Stat(filepath.Join(tmp, "d")); !os.IsNotExist(err) {
		t.Error("a dataset was written")
	}

	code, stdout, stderr = run(t, tmp, "--lang", "en", "extract", path, "--templates", "../templates", "-o", "TMP/d", "--skip-bad")
	want = "wrote dataset TMP/d (重庆市綦江区演示文化馆, pack cq-2025 1.1.0 (../templates/cq-2025))\n7 cells or rows could not be read and were left out (--skip-bad):\n" + cells
	if code != ExitProblems || stdout != want || stderr != "" {
		t.Errorf("--skip-bad: exit %d, stdout:\n%s\nwant:\n%s\nstderr: %s", code, stdout, want, stderr)
	}
	p, d, err := dataset.Open(filepath.Join(tmp, "d"), "../templates")
	if err != nil {
		t.Fatal(err)
	}
	wb, err := workbook.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, ref := range []string{"D8", "E9", "E10", "D12", "D13", "D16", "D19"} {
		col, row, _ := pack.ParseCell(ref)
		key, column := wb.Sheet("附件4-2").Text(1, row), map[int]string{4: "basic", 5: "project"}[col]
		if r := d.Tables["4-2"].ByKey[key]; r == nil {
			t.Errorf("%s: row %s missing", ref, key)
		} else if v, ok := r.Value(p.Table("4-2").Layout.Amount(column)); ok {
			t.Errorf("%s: %s %s read as %s", ref, key, column, v.Amount)
		}
	}
}

// TestExtractRowsNotRead: a row whose code is no code of the table, with
// an amount, and a row repeated, are named: their amounts would be lost.
func TestExtractRowsNotRead(t *testing.T) {
	tmp := t.TempDir()
	path := demoWorkbook(t, tmp)
	path = mutate.Part(t, path, "xl/worksheets/sheet2.xml", `<t>2080199</t>`, `<t>2080102</t>`, 1)
	path = mutate.Part(t, path, "xl/worksheets/sheet1.xml", `</sheetData>`, `<row r="20"><c r="A20" t="inlineStr"><is><t>其他</t></is></c><c r="B20"><v>5</v></c></row></sheetData>`, 1)
	code, _, stderr := run(t, tmp, "--lang", "en", "extract", path, "--templates", "../templates", "-o", "TMP/d")
	want := "error: " + strings.ReplaceAll(path, tmp, "TMP") + ": 2 cells or rows cannot be read; nothing was written (correct them, or give --skip-bad to write the dataset without them):\n" +
		"  附件4-1!A20: row 20 (其他) is neither a code of this table nor one of its fixed rows: its amounts are not read\n" +
		"  附件4-2!A10: row 10 (2080102 其他人力资源和社会保障管理事务支出) repeats a row found above it: it is not read\n"
	if code != ExitInput || stderr != want {
		t.Errorf("exit %d, stderr:\n%s\nwant:\n%s", code, stderr, want)
	}
}

// TestExtractMissingSheet: a renamed (or deleted) sheet is an error naming
// the sheet and its table; nothing is written.
func TestExtractMissingSheet(t *testing.T) {
	tmp := t.TempDir()
	path := mutate.Part(t, demoWorkbook(t, tmp), "xl/workbook.xml", `<sheet name="附件4-4"`, `<sheet name="三公经费"`, 1)
	code, _, stderr := run(t, tmp, "--lang", "en", "extract", path, "--templates", "../templates", "-o", "TMP/d")
	want := "error: " + strings.ReplaceAll(path, tmp, "TMP") + ": the workbook has no sheet 附件4-4 (table 4-4): was it renamed or deleted? Give it back its name, or restore it\n"
	if code != ExitInput || stderr != want {
		t.Errorf("exit %d, stderr:\n%s\nwant:\n%s", code, stderr, want)
	}
	if _, err := os.Stat(filepath.Join(tmp, "d")); !os.IsNotExist(err) {
		t.Error("a dataset was written")
	}
}

// TestExtractNoProperties: a workbook that lost its document properties
// (its sheets copied into a new workbook) is not read as 万元 with an empty
// code and department: extract asks for each by flag, and with the flags
// gives the sample back. The unit's name still comes from the titles.
func TestExtractNoProperties(t *testing.T) {
	tmp := t.TempDir()
	path := mutate.Part(t, demoWorkbook(t, tmp), "docProps/custom.xml", `name="budgetxl.`, `name="other.`, -1)
	bad := strings.ReplaceAll(path, tmp, "TMP")
	code, _, stderr := run(t, tmp, "--lang", "en", "extract", path, "--templates", "../templates", "-o", "TMP/d")
	want := "error: " + bad + ": the workbook does not give the unit's code (no document property budgetxl.unit_code): give it with --code (--code \"\" for none)\n" +
		"  " + bad + ": the workbook does not give the unit's department (no document property budgetxl.department): give it with --department\n" +
		"  " + bad + ": the workbook does not say whether its data were in 元 or 万元 (no document property budgetxl.amount_unit): give --amount-unit 元 or --amount-unit 万元 for the dataset to write (the cells hold 万元 either way)\n"
	if code != ExitInput || stderr != want {
		t.Errorf("exit %d, stderr:\n%s\nwant:\n%s", code, stderr, want)
	}
	if _, err := os.Stat(filepath.Join(tmp, "d")); !os.IsNotExist(err) {
		t.Error("a dataset was written")
	}
	code, _, stderr = run(t, tmp, "--lang", "en", "extract", path, "--templates", "../templates", "-o", "TMP/d",
		"--code", "999001", "--department", "重庆市綦江区文化和旅游发展委员会", "--amount-unit", "千元")
	if want := "error: --amount-unit is \"千元\": use 元 or 万元\n"; code != ExitInput || stderr != want {
		t.Errorf("exit %d, stderr %q, want %q", code, stderr, want)
	}
	code, _, stderr = run(t, tmp, "extract", path, "--templates", "../templates", "-o", "TMP/d",
		"--code", "999001", "--department", "重庆市綦江区文化和旅游发展委员会", "--amount-unit", "元")
	if code != 0 {
		t.Fatalf("with the flags: exit %d: %s", code, stderr)
	}
	entries, _ := os.ReadDir(filepath.Join(tmp, "d"))
	for _, e := range entries {
		got, _ := os.ReadFile(filepath.Join(tmp, "d", e.Name()))
		orig, _ := os.ReadFile(filepath.Join("..", "samples", "demo-2025", e.Name()))
		if !bytes.Equal(got, orig) {
			t.Errorf("%s extracted differs from the sample's:\n%s", e.Name(), got)
		}
	}
	if len(entries) != 11 {
		t.Errorf("%d files", len(entries))
	}
}

// TestExtractEncoding: --encoding gb18030 writes the CSV files in GB18030,
// which fill reads back to the same workbook; an unknown encoding is refused.
func TestExtractEncoding(t *testing.T) {
	tmp := t.TempDir()
	for _, args := range [][]string{
		{"fill", "../samples/demo-2025", "--templates", "../templates", "-o", "TMP/1.xlsx"},
		{"extract", "TMP/1.xlsx", "--encoding", "gb18030", "-o", "TMP/gb"},
		{"fill", "TMP/gb", "--templates", "../templates", "-o", "TMP/2.xlsx"},
		{"import", "../testdata/seed.txt", "--encoding", "GB18030", "-o", "TMP/q"},
	} {
		if code, _, stderr := run(t, tmp, args...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
	}
	for _, f := range []struct{ got, want string }{{"gb/4-2.csv", "demo-2025/4-2.csv"}, {"q/4-3.csv", "qijiang-shebao-2025/4-3.csv"}} {
		got, _ := os.ReadFile(filepath.Join(tmp, f.got))
		want, _ := os.ReadFile(filepath.Join("..", "samples", f.want))
		gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes(bytes.TrimPrefix(want, []byte("\xEF\xBB\xBF")))
		if err != nil || !bytes.Equal(got, gb) {
			t.Errorf("%s is not samples/%s in GB18030", f.got, f.want)
		}
	}
	if dumpBook(t, tmp, "1.xlsx") != dumpBook(t, tmp, "2.xlsx") {
		t.Error("the workbook filled from the GB18030 dataset differs")
	}
	for _, cmd := range [][]string{{"extract", "TMP/1.xlsx"}, {"import", "../testdata/seed.txt"}} {
		code, _, stderr := run(t, tmp, append(cmd, "--encoding", "gbk", "-o", "TMP/x")...)
		if want := "错误：--encoding 为 \"gbk\"，请写 utf-8 或 gb18030\n"; code != 2 || stderr != want {
			t.Errorf("%s --encoding gbk: exit %d, stderr %q, want %q", cmd[0], code, stderr, want)
		}
	}
}

// dumpBook is the text dump of the workbook name in dir.
func dumpBook(t *testing.T, dir, name string) string {
	t.Helper()
	wb, err := workbook.Read(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	wb.Dump(&b)
	return b.String()
}
