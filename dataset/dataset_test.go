package dataset

import (
	"budgetxl/internal/mutate"
	"budgetxl/msg"
	"budgetxl/pack"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"golang.org/x/text/encoding/simplifiedchinese"
)

const (
	templates = "../templates"
	demo      = "testdata/demo-2025" // a fixed copy: the tests point at its lines
	qijiang   = "../samples/qijiang-shebao-2025"
	dirToken  = "$DATA" // replaces the temporary dataset folder in expected error text
)

func TestOpenSamples(t *testing.T) {
	for _, tt := range []struct {
		dir, unit, amountUnit string
		tables                int
	}{
		{demo, "重庆市綦江区演示文化馆", Yuan, 8},
		{qijiang, "重庆市綦江区社会保险事务中心", TenKYuan, 8},
	} {
		p, d, err := Open(tt.dir, templates)
		if err != nil {
			t.Errorf("Open(%s): %v", tt.dir, err)
			continue
		}
		if p.ID != "cq-2025" || d.Unit.Name != tt.unit || d.Unit.AmountUnit != tt.amountUnit || d.Unit.Year != 2025 {
			t.Errorf("Open(%s): pack %s, unit %+v", tt.dir, p.ID, d.Unit)
		}
		if len(d.Tables) != tt.tables {
			t.Errorf("Open(%s): %d tables, want %d", tt.dir, len(d.Tables), tt.tables)
		}
	}
}

// TestThousandsAndBlanks checks what the demo's cells read as: "1,234,567.89"
// is an amount, a blank field is no value at all.
func TestThousandsAndBlanks(t *testing.T) {
	p, d, err := Open(demo, templates)
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Scale(); got != -4 {
		t.Errorf("Scale() = %d, want -4 for 元", got)
	}
	row := d.Tables["4-2"].ByKey["2080101"]
	if row == nil {
		t.Fatal("4-2 has no row 2080101")
	}
	want := "line 2 key 2080101 name 行政运行 basic=1234567.89 (\"1,234,567.89\", line 2)"
	if got := dumpRow(p.Table("4-2"), row); got != want {
		t.Errorf("4-2 row 2080101 = %s, want %s", got, want)
	}
	if got, want := strings.Join(d.Tables["4-2"].Codes(), " "), "2080101 2080102 2080199 2080505 2080506 2101102 2210201"; got != want {
		t.Errorf("4-2 codes = %s, want %s", got, want)
	}
	gpb := d.Tables["4-1"].ByKey["gpb"]
	if got, want := dumpRow(p.Table("4-1"), gpb), "line 2 key gpb name  amount=2176863.16 (\"2,176,863.16\", line 2)"; got != want {
		t.Errorf("4-1 row gpb = %s, want %s", got, want)
	}
	if t45 := d.Tables["4-5"]; t45 == nil || len(t45.Rows) != 0 {
		t.Errorf("4-5 (header only) = %+v, want a table without rows", t45)
	}

	_, q, err := Open(qijiang, templates)
	if err != nil {
		t.Fatal(err)
	}
	if got := q.Scale(); got != 0 {
		t.Errorf("Scale() = %d, want 0 for 万元", got)
	}
	if got, want := dumpRow(p.Table("4-2"), q.Tables["4-2"].ByKey["total"]), `line 2 key total name  basic=3398.85 ("3,398.85", line 2) project=13076.05 ("13,076.05", line 2) subtotal=16474.9 ("16,474.90", line 2)`; got != want {
		t.Errorf("qijiang 4-2 row total = %s, want %s", got, want)
	}
}

// TestGB18030 checks that the samples saved as GB18030, as Excel does on
// Chinese Windows, read exactly as their UTF-8 originals.
func TestGB18030(t *testing.T) {
	for _, src := range []string{demo, qijiang} {
		dir := mutate.Copy(t, src, "data")
		converted := 0
		for _, name := range csvNames(t, dir) {
			path := filepath.Join(dir, name)
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF")) // Excel writes GB18030 without a BOM
			gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes(b)
			if err != nil {
				t.Fatal(err)
			}
			if string(gb) != string(b) {
				converted++
			}
			if err := os.WriteFile(path, gb, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if converted == 0 {
			t.Fatalf("%s: no file changed when encoded as GB18030", src)
		}
		_, want, err := Open(src, templates)
		if err != nil {
			t.Fatal(err)
		}
		_, got, err := Open(dir, templates)
		if err != nil {
			t.Fatalf("%s as GB18030: %v", src, err)
		}
		if g, w := dump(got), dump(want); g != w {
			t.Errorf("%s as GB18030 reads\n%s\nwant\n%s", src, g, w)
		}
	}
}

// TestTOMLEncodings: unit.toml and the forms' files saved by Notepad in
// GB18030, or as UTF-8 with a BOM, read exactly as the UTF-8 originals.
func TestTOMLEncodings(t *testing.T) {
	_, want, err := Open(demo, templates)
	if err != nil {
		t.Fatal(err)
	}
	for name, enc := range map[string]func([]byte) []byte{
		"GB18030": func(b []byte) []byte {
			gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes(b)
			if err != nil {
				t.Fatal(err)
			}
			return gb
		},
		"BOM": func(b []byte) []byte { return append([]byte("\xEF\xBB\xBF"), b...) },
	} {
		dir := mutate.Copy(t, demo, "data")
		for _, f := range []string{"unit.toml", "overall.toml", "projects.toml"} {
			path := filepath.Join(dir, f)
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, enc(b), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		_, got, err := Open(dir, templates)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got.Unit != want.Unit || got.Forms["projects"].Records[0].Fields["name"] != want.Forms["projects"].Records[0].Fields["name"] {
			t.Errorf("%s: unit %+v, want %+v", name, got.Unit, want.Unit)
		}
	}
}

// TestUTF8BOM checks that a BOM, as Excel writes in "CSV UTF-8", changes nothing.
func TestUTF8BOM(t *testing.T) {
	dir := mutate.Copy(t, demo, "data")
	for _, name := range csvNames(t, dir) {
		path := filepath.Join(dir, name)
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, append([]byte("\xEF\xBB\xBF"), b...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, want, err := Open(demo, templates)
	if err != nil {
		t.Fatal(err)
	}
	_, got, err := Open(dir, templates)
	if err != nil {
		t.Fatalf("demo with BOM: %v", err)
	}
	if g, w := dump(got), dump(want); g != w {
		t.Errorf("demo with BOM reads\n%s\nwant\n%s", g, w)
	}
}

// The mutations of the error tests.
type mutation = mutate.Mutation

var edit, write, remove = mutate.Edit, mutate.Write, mutate.Remove

// mkdir makes a folder in the dataset.
func mkdir(name string) mutation {
	return func(t testing.TB, dir string) {
		if err := os.Mkdir(filepath.Join(dir, name), 0o755); err != nil {
			t.Fatal(err)
		}
	}
}

// TestMissingFiles: the file of a table that the pack may show empty (an
// empty note) may be missing; a blank form with a codes file needs no
// table file at all; a workbook lying beside a table's CSV is ignored.
func TestMissingFiles(t *testing.T) {
	dir := mutate.Copy(t, demo, "data")
	remove("4-5.csv")(t, dir)
	write("4-2.xlsx", "PK")(t, dir)
	_, d, err := Open(dir, templates)
	if err != nil {
		t.Fatal(err)
	}
	if d.Tables["4-5"] != nil || d.Tables["4-2"] == nil {
		t.Errorf("tables read: %v", sortedKeys(d.Tables))
	}
	for _, name := range csvNames(t, dir) {
		remove(name)(t, dir)
	}
	if _, _, err := Open(dir, templates); err == nil {
		t.Error("Open without the tables' files succeeded")
	}
	_, d, err = OpenForms(dir, templates)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Tables) != 0 || len(d.Forms) != 2 {
		t.Errorf("OpenForms: %d tables, %d forms", len(d.Tables), len(d.Forms))
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name string
		muts []mutation
		want string
	}{
		// unit.toml.
		{
			name: "unit.toml missing",
			muts: []mutation{remove("unit.toml")},
			want: `$DATA/unit.toml: no such file: a dataset folder needs unit.toml (for an example, budgetxl sample writes samples/demo-2025)`,
		},
		{
			name: "the folder above the dataset",
			muts: []mutation{remove("unit.toml"), write("2025/unit.toml", "year = 2025\n")},
			want: `$DATA/unit.toml: no such file: a dataset folder needs unit.toml; $DATA/2025 has one: give that folder`,
		},
		{
			name: "unit.toml syntax",
			muts: []mutation{edit("unit.toml", `code = "999001"`, `code = 999001"`)},
			want: `$DATA/unit.toml:4: more text after the value ('"'): write one key = value a line, text in double quotes`,
		},
		{
			name: "unit.toml pack and name missing",
			muts: []mutation{edit("unit.toml", `pack = "cq-2025"`, ``), edit("unit.toml", `name = "重庆市綦江区演示文化馆"`, `name = " "`)},
			want: `$DATA/unit.toml: pack is missing: name the template pack, such as "cq-2025"
$DATA/unit.toml: name is missing: give the unit's full name as in the titles`,
		},
		{
			name: "unit.toml bad amount unit",
			muts: []mutation{edit("unit.toml", `amount_unit = "元"`, `amount_unit = "yuan"`)},
			want: `$DATA/unit.toml: amount_unit is "yuan": use "元" or "万元"`,
		},
		{
			name: "unit.toml unknown key",
			muts: []mutation{edit("unit.toml", `amount_unit = "元"`, `amount_units = "元"`)},
			want: `$DATA/unit.toml:7: unknown key "amount_units" (known: pack, name, code, department, year, amount_unit, note, prior, variant)
$DATA/unit.toml: amount_unit is "": use "元" or "万元"`,
		},
		{
			name: "unit.toml wrong type",
			muts: []mutation{edit("unit.toml", `code = "999001"`, `code = 999001`)},
			want: `$DATA/unit.toml:4: code: the value is a whole number, but must be text in double quotes`,
		},
		{
			name: "year in quotes",
			muts: []mutation{edit("unit.toml", `year = 2025`, `year = "2025"`)},
			want: `$DATA/unit.toml:6: year is the year's digits alone, with no 年 and no quotes: year = 2025`,
		},
		{
			name: "year with 年, in quotes",
			muts: []mutation{edit("unit.toml", `year = 2025`, `year = "2025年"`)},
			want: `$DATA/unit.toml:6: year is the year's digits alone, with no 年 and no quotes: year = 2025`,
		},
		{
			name: "year with 年",
			muts: []mutation{edit("unit.toml", `year = 2025`, `year = 2025年`)},
			want: `$DATA/unit.toml:6: year is the year's digits alone, with no 年 and no quotes: year = 2025`,
		},
		{
			name: "year in full-width digits",
			muts: []mutation{edit("unit.toml", `year = 2025`, `year = ２０２５`)},
			want: `$DATA/unit.toml:6: year is the year's digits alone, with no 年 and no quotes: year = 2025`,
		},
		{
			name: "unit.toml year missing",
			muts: []mutation{edit("unit.toml", `year = 2025`, ``)},
			want: `$DATA/unit.toml: year is missing: give the budget year, such as 2025`,
		},
		{
			name: "year differs from the pack's",
			muts: []mutation{edit("unit.toml", `year = 2025`, `year = 2024`)},
			want: `$DATA/unit.toml: year is 2024, but template pack cq-2025 is for 2025`,
		},
		{
			name: "unknown pack",
			muts: []mutation{edit("unit.toml", `pack = "cq-2025"`, `pack = "cq-2052"`)},
			want: `$DATA/unit.toml: pack is "cq-2052", but there is no such template pack (known: ../templates/cq-2025)`,
		},

		// File names and headers.
		{
			name: "csv named after no table",
			muts: []mutation{write("4-6.csv", "code,total\n")},
			want: `$DATA/4-6.csv: no table of pack cq-2025 has this name: rename it to one of 4-1.csv, 4-2.csv, 4-3.csv, 4-4.csv, 4-5.csv, income-expense.csv, income.csv, expense.csv, overall.toml, projects.toml`,
		},
		{
			name: "table file missing",
			muts: []mutation{remove("4-2.csv")},
			want: `$DATA/4-2.csv: no such file: table 4-2 (附件4-2) is read from it: add it, its first line code,name,subtotal,basic,project, then the table's rows (a table without data has that line alone)`,
		},
		{
			name: "form file missing",
			muts: []mutation{remove("overall.toml")},
			want: `$DATA/overall.toml: no such file: form overall (整体支出绩效目标表) is read from it`,
		},
		{
			name: "a folder named as a table file",
			muts: []mutation{remove("4-3.csv"), mkdir("4-3.csv")},
			want: `$DATA/4-3.csv is a folder: table 4-3 (附件4-3) is read from a file of this name`,
		},
		{
			name: "a workbook where the CSV file belongs",
			muts: []mutation{remove("4-2.csv"), write("4-2.xlsx", "PK")},
			want: `$DATA/4-2.csv: no such file; $DATA/4-2.xlsx is not read: table 4-2 (附件4-2) is read from a CSV file: save the sheet as CSV (UTF-8 or GB18030) named 4-2.csv`,
		},
		{
			name: "a text file where the form file belongs",
			muts: []mutation{remove("overall.toml"), write("overall.txt", "")},
			want: `$DATA/overall.toml: no such file; $DATA/overall.txt is not read: form overall (整体支出绩效目标表) is read from a TOML file named overall.toml (for an example, budgetxl sample writes samples/demo-2025)`,
		},
		{
			name: "first column not code",
			muts: []mutation{edit("4-2.csv", "code,name", "编码,name")},
			want: `$DATA/4-2.csv:1: the first column is "编码"; it must be "code" (codes or row keys)`,
		},
		{
			name: "unknown column",
			muts: []mutation{edit("4-2.csv", "basic,project", "basci,project")},
			want: `$DATA/4-2.csv:1: unknown column "basci": table 4-2 has name, subtotal, basic, project`,
		},
		{
			name: "column twice",
			muts: []mutation{edit("4-2.csv", "basic,project", "basic,basic")},
			want: `$DATA/4-2.csv:1: column "basic" appears twice`,
		},
		{
			name: "empty file",
			muts: []mutation{write("4-5.csv", "")},
			want: `$DATA/4-5.csv:1: the file is empty: the first line must be the header (code,...)`,
		},

		// Records.
		{
			name: "bad amount",
			muts: []mutation{edit("4-2.csv", `"1,234,567.89"`, `"1,2x4,567.89"`)},
			want: `$DATA/4-2.csv:2: column basic: "1,2x4,567.89" is not an amount (write digits and a decimal point, with commas only between groups of 3 digits: 1,234.56)`,
		},
		{
			name: "long value cut",
			muts: []mutation{edit("4-2.csv", `"1,234,567.89"`, strings.Repeat("9x", 200))},
			want: `$DATA/4-2.csv:2: column basic: "` + strings.Repeat("9x", 30) + `…" is not an amount (write digits and a decimal point, with commas only between groups of 3 digits: 1,234.56)`,
		},
		{
			name: "too many decimals for yuan",
			muts: []mutation{edit("4-2.csv", `"1,234,567.89"`, `"1,234,567.891"`)},
			want: `$DATA/4-2.csv:2: column basic: "1,234,567.891" has more than 2 decimals`,
		},
		{
			name: "unknown row key",
			muts: []mutation{edit("4-1.csv", "carry_gpb,", "carry_gbp,")},
			want: `$DATA/4-1.csv:3: unknown row key "carry_gbp": use a classification code or one of this_year, gpb, fund, soe, carry, carry_gpb, carry_fund, carry_soe, total, exp_this_year, carry_next, exp_sum`,
		},
		{
			name: "a row's label typed as its key",
			muts: []mutation{edit("4-1.csv", "carry_gpb,一般公共预算拨款,", "二、上年结转,,")},
			want: `$DATA/4-1.csv:3: unknown row key "二、上年结转": "二、上年结转" is row carry of the table: write carry in column code`,
		},
		{
			name: "a label shared by two rows typed as a key",
			muts: []mutation{edit("4-1.csv", "gpb,一般公共预算拨款,", "一般公共预算拨款,,")},
			want: `$DATA/4-1.csv:2: unknown row key "一般公共预算拨款": use a classification code or one of this_year, gpb, fund, soe, carry, carry_gpb, carry_fund, carry_soe, total, exp_this_year, carry_next, exp_sum`,
		},
		{
			name: "a total row typed without its key",
			muts: []mutation{edit("4-2.csv", "2080101,行政运行,", ",合计,")},
			want: `$DATA/4-2.csv:2: column code is empty: this row is "合计", row total of the table: write total in column code`,
		},
		{
			name: "code with wrong number of digits",
			muts: []mutation{edit("4-2.csv", "2080102,", "208019,")},
			want: `$DATA/4-2.csv:3: code 208019 has 6 digits; this table's codes have 3/5/7 digits`,
		},
		{
			name: "duplicate code",
			muts: []mutation{edit("4-2.csv", "2080199,", "2080102,")},
			want: `$DATA/4-2.csv:4: code 2080102 appears again (first on line 3)`,
		},
		{
			name: "duplicate row key",
			muts: []mutation{edit("4-1.csv", "carry_gpb,", "gpb,")},
			want: `$DATA/4-1.csv:3: row gpb appears again (first on line 2)`,
		},
		{
			name: "code in a table without tree",
			muts: []mutation{edit("4-4.csv", "budget,", "201,")},
			want: `$DATA/4-4.csv:2: code 201: table 4-4 has no code rows; use a row key (budget)`,
		},
		{
			name: "empty key",
			muts: []mutation{edit("4-2.csv", "2080102,一般行政管理事务", ",群众文化")},
			want: `$DATA/4-2.csv:3: column code is empty: give a classification code or a row key`,
		},
		{
			name: "value on the wrong side",
			muts: []mutation{edit("4-1.csv", `"2,176,863.16",,,,,`, `"2,176,863.16",,,"5.00",,`)},
			want: `$DATA/4-1.csv:2: column exp_gpb: row gpb is on another side of the table; leave this field empty`,
		},
		{
			name: "code row with an amount on the side without tree",
			muts: []mutation{edit("4-1.csv", "carry_gpb,", "207,文化旅游体育与传媒支出,\"1.00\",,,,,\ncarry_gpb,")},
			want: `$DATA/4-1.csv:3: column amount: code rows have no amounts in this column; leave it empty`,
		},
		{
			name: "label differs from the template",
			muts: []mutation{edit("4-1.csv", "gpb,一般公共预算拨款,", "gpb,一般公共预算,")},
			want: `$DATA/4-1.csv:2: column item: "一般公共预算" is not the label of row gpb ("一般公共预算拨款"); leave it empty or write the label`,
		},
		{
			name: "more fields than the header",
			muts: []mutation{edit("4-2.csv", `2210201,住房公积金,,"123,456.78",`, `2210201,住房公积金,,"123,456.78",,0`)},
			want: `$DATA/4-2.csv:8: has 6 fields, the header has 5`,
		},
		{
			name: "bare quote",
			muts: []mutation{edit("4-2.csv", `2210201,住房公积金,`, `2210201,住房"公积金,`)},
			want: `$DATA/4-2.csv:8: a " inside a field that does not start with one: quote the whole field and double the " inside, as in "a""b"`,
		},
		{
			name: "bare quote in the first field",
			muts: []mutation{edit("4-2.csv", `2210201,住房公积金,`, `22"10201,住房公积金,`)},
			want: `$DATA/4-2.csv:8: a " inside a field that does not start with one: quote the whole field and double the " inside, as in "a""b"`,
		},
		{
			name: "unclosed quote",
			muts: []mutation{edit("4-2.csv", `"123,456.78",`, `"123,456.78,`)},
			want: `$DATA/4-2.csv:8: a quoted field is not closed, or its closing " is followed by more text`,
		},
		{
			name: "amounts above the disclosed depth",
			muts: []mutation{
				edit("4-2.csv", "2080505,机关事业单位基本养老保险缴费支出,,\"156,789.12\",\n2080506,机关事业单位职业年金缴费支出,,\"78,394.56\",\n", "20805,行政事业单位养老支出,,\"235,183.68\",\n"),
				edit("4-3.csv", "30305,生活补助,,\"45,678.90\",", "303,对个人和家庭的补助,,\"45,678.90\","),
				edit("4-3.csv", "30201,办公费,,,\"126,032.10\"", "310,资本性支出,,0,\n30201,办公费,,,\"126,032.10\""), // no amount
			},
			want: `$DATA/4-2.csv:5: code 20805 has amounts but no codes below it: table 4-2 discloses amounts to codes of 7 digits, so give them on the 7-digit codes under 20805
$DATA/4-3.csv:15: code 303 has amounts but no codes below it: table 4-3 discloses amounts to codes of 5 digits, so give them on the 5-digit codes under 303`,
		},
		{
			name: "not text",
			muts: []mutation{write("4-5.csv", "code,name\n201,\xFF\n")},
			want: `$DATA/4-5.csv: neither UTF-8 nor GB18030 text: save it as CSV (UTF-8) or CSV (逗号分隔)`,
		},

		// Everything is reported at once.
		{
			name: "problems in several files",
			muts: []mutation{
				edit("unit.toml", `year = 2025`, `year = 2024`),
				edit("4-2.csv", `"1,234,567.89"`, `"1,2x4,567.89"`),
				edit("4-2.csv", "2080199,", "2080102,"),
				edit("4-3.csv", "code,name", "编码,name"),
				write("notes.csv", "code\n"),
			},
			want: `$DATA/unit.toml: year is 2024, but template pack cq-2025 is for 2025
$DATA/4-2.csv:2: column basic: "1,2x4,567.89" is not an amount (write digits and a decimal point, with commas only between groups of 3 digits: 1,234.56)
$DATA/4-2.csv:4: code 2080102 appears again (first on line 3)
$DATA/4-3.csv:1: the first column is "编码"; it must be "code" (codes or row keys)
$DATA/notes.csv: no table of pack cq-2025 has this name: rename it to one of 4-1.csv, 4-2.csv, 4-3.csv, 4-4.csv, 4-5.csv, income-expense.csv, income.csv, expense.csv, overall.toml, projects.toml`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := mutate.Copy(t, demo, "data")
			for _, m := range tt.muts {
				m(t, dir)
			}
			_, d, err := Open(dir, templates)
			if err == nil {
				t.Fatalf("Open succeeded (%d tables), want\n%s", len(d.Tables), tt.want)
			}
			if got := strings.ReplaceAll(err.Error(), dir, dirToken); got != tt.want {
				t.Errorf("Open error:\n%s\nwant:\n%s", got, tt.want)
			}
			// Each problem renders itself, in English or Chinese.
			for _, e := range msg.Split(err) {
				if _, ok := e.(msg.Localizer); !ok {
					t.Errorf("problem %T (%v) cannot be rendered in Chinese", e, e)
				}
			}
		})
	}
}

// TestErrorsPerFileBounded: a file with thousands of bad rows gives its
// first 100 errors and one line that counts the rest.
func TestErrorsPerFileBounded(t *testing.T) {
	dir := mutate.Copy(t, demo, "data")
	rows := strings.Repeat("2070109,群众文化,,,\"1.00\"\n", 5000)
	write("4-2.csv", "code,name,subtotal,basic,project\n"+rows)(t, dir)
	_, _, err := Open(dir, templates)
	if err == nil {
		t.Fatal("no error")
	}
	lines := msg.Split(err)
	if len(lines) != msg.MaxErrors+1 {
		t.Fatalf("%d lines", len(lines))
	}
	first := strings.ReplaceAll(lines[0].Error(), dir, dirToken)
	if first != "$DATA/4-2.csv:3: code 2070109 appears again (first on line 2)" {
		t.Errorf("first: %s", first)
	}
	if got := msg.Render(msg.ZH, lines[msg.MaxErrors]); got != "还有 4899 个错误未列出" {
		t.Errorf("last: %s", got)
	}
}

func TestOpenNoFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "none")
	_, _, err := Open(dir, templates)
	want := dirToken + ": no such dataset folder"
	if err == nil {
		t.Fatalf("Open(%s) succeeded, want %s", dir, want)
	}
	if got := strings.ReplaceAll(err.Error(), dir, dirToken); got != want {
		t.Errorf("Open error:\n%s\nwant:\n%s", got, want)
	}
}

func csvNames(t *testing.T, dir string) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "*.csv"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no CSV files in %s (%v)", dir, err)
	}
	for i, n := range names {
		names[i] = filepath.Base(n)
	}
	return names
}

// dump is a stable text form of a dataset's unit and values, without paths.
func dump(d *Dataset) string {
	e, ok := pack.Library{Dir: templates}.Lookup(d.Unit.Pack)
	if !ok {
		return "no pack " + d.Unit.Pack
	}
	p, err := e.Load()
	if err != nil {
		return err.Error()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "unit %+v\n", d.Unit)
	for _, id := range sortedKeys(d.Tables) {
		fmt.Fprintf(&b, "table %s\n", id)
		for _, r := range d.Tables[id].Rows {
			fmt.Fprintf(&b, "  %s\n", dumpRow(p.Table(id), r))
		}
	}
	return b.String()
}

// dumpRow is a stable text form of row r of table t, its amounts by
// column key in key order.
func dumpRow(t *pack.Table, r *Row) string {
	if r == nil {
		return "<nil>"
	}
	s := fmt.Sprintf("line %d key %s name %s", r.Line, r.Key, r.Name)
	keys := slices.Clone(t.Layout.Amounts)
	slices.Sort(keys)
	for _, k := range keys {
		if v, ok := r.Value(t.Layout.Amount(k)); ok {
			s += fmt.Sprintf(" %s=%s (%q, line %d)", k, v.Amount, v.Text, v.Line)
		}
	}
	return s
}

// TestRowValues: a row's amounts by place, made on the first one set.
func TestRowValues(t *testing.T) {
	var r Row
	if r.HasValues() {
		t.Error("a row without amounts has values")
	}
	r.SetValue(3, 1, Value{Amount: decimal.RequireFromString("1.5"), Text: "1.50", Line: 7})
	if len(r.Values) != 3 || !r.HasValues() {
		t.Fatalf("Values = %+v", r.Values)
	}
	for _, tt := range []struct {
		i    int
		want string // the text, "-" for none
	}{
		{-1, "-"}, {0, "-"}, {1, "1.50"}, {2, "-"}, {3, "-"},
	} {
		got := "-"
		if v, ok := r.Value(tt.i); ok {
			got = v.Text
		}
		if got != tt.want {
			t.Errorf("Value(%d) = %s, want %s", tt.i, got, tt.want)
		}
	}
}

// TestShortRow checks a row whose places stop after its last amount (as
// extract makes them): it reads the rest as none, and SetValue gives it
// all its places again without losing what it had.
func TestShortRow(t *testing.T) {
	one := Value{Amount: decimal.New(5, 0), Text: "5", Set: true}
	r := &Row{Values: []Value{{}, one}} // two of four places
	for i, want := range []bool{false, true, false, false, false} {
		if _, ok := r.Value(i); ok != want {
			t.Errorf("Value(%d) set = %v, want %v", i, ok, want)
		}
	}
	r.SetValue(4, 3, Value{Amount: decimal.New(7, 0), Text: "7"})
	if len(r.Values) != 4 {
		t.Fatalf("after SetValue the row has %d places, want 4", len(r.Values))
	}
	if v, ok := r.Value(1); !ok || v.Text != "5" {
		t.Errorf("place 1 = %+v %v after SetValue, want the 5 it had", v, ok)
	}
	if v, ok := r.Value(3); !ok || v.Text != "7" {
		t.Errorf("place 3 = %+v %v, want 7", v, ok)
	}
	var empty Row
	empty.SetValue(3, 0, one)
	if len(empty.Values) != 3 || !empty.HasValues() {
		t.Errorf("a row without places got %d from SetValue, want 3", len(empty.Values))
	}
}

// TestFind: Table.Find gives the row ByKey gives, whatever the order the
// keys are asked in, and moves its place on along Rows.
func TestFind(t *testing.T) {
	td := &Table{ByKey: map[string]*Row{}}
	for _, k := range []string{"total", "201", "20101", "20102", "202", "20201"} {
		r := &Row{Key: k}
		td.Rows = append(td.Rows, r)
		td.ByKey[k] = r
	}
	for _, order := range [][]string{
		{"total", "201", "20101", "20102", "202", "20201"},
		{"201", "20102", "20201", "missing", "total", "20101"},
		{"20201", "202", "20102", "20101", "201", "total"},
	} {
		next := 0
		for _, k := range order {
			if got := td.Find(k, &next); got != td.ByKey[k] {
				t.Errorf("%v: Find(%s) = %v, ByKey gives %v", order, k, got, td.ByKey[k])
			}
		}
	}
	next := 0
	for _, k := range []string{"total", "201", "20101"} {
		td.Find(k, &next)
	}
	if next != 3 {
		t.Errorf("after the first three rows in order Find stands at %d, want 3", next)
	}
}
