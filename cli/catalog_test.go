package cli

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"budgetxl/internal/mutate"
	"budgetxl/pack"
)

// TestTemplatesCheckCatalog: templates check reports the problems of a
// pack's catalogs, each at its file and line (a code listed twice, a child
// whose parent is not in the catalog, a name that sources of the same year
// give differently), with exit status 1; a name that a newer source settles
// is no problem, but check shows it as a note, and exits 0.
func TestTemplatesCheckCatalog(t *testing.T) {
	// The pack's catalogs replaced by small ones, so that the lines do not
	// move as the real catalogs grow; the documents are made up.
	base := []mutate.Mutation{
		mutate.Write("catalog/sources.csv", "id,year,title,publisher,address\n"+
			"new-2025,2025,测试用的2025年科目文本,测试,https://example.org/2025\n"+
			"other-2025,2025,测试用的另一份2025年科目文本,测试,https://example.org/2025b\n"+
			"old-2020,2020,测试用的2020年科目文本,测试,https://example.org/2020\n"),
		mutate.Write("catalog/function.csv", "code,name,source\n"+
			"213,农林水支出,new-2025\n"+ // line 2
			"21305,巩固脱贫攻坚成果衔接乡村振兴,new-2025\n"+
			"2130501,行政运行,new-2025\n"+
			"2130502,一般行政管理事务,new-2025\n"+ // line 5
			"2130503,机关服务,new-2025\n"+
			"21308,普惠金融发展支出,new-2025\n"+
			"2130804,创业担保贷款贴息及奖补,new-2025\n"),
		mutate.Write("catalog/economic.csv", "code,name,source\n"+
			"301,工资福利支出,new-2025\n"+
			"30101,基本工资,new-2025\n"+ // line 3
			"302,商品和服务支出,new-2025 other-2025 old-2020\n"+
			"30201,办公费,new-2025\n"),
	}
	cases := []struct {
		name   string
		lang   string
		muts   []mutate.Mutation
		code   int
		stdout string
	}{
		{
			name: "problems",
			lang: "zh",
			muts: []mutate.Mutation{
				// A code listed twice with the same name.
				mutate.Edit("catalog/function.csv", "2130502,一般行政管理事务,new-2025\n",
					"2130502,一般行政管理事务,new-2025\n2130502,一般行政管理事务,other-2025\n"),
				// Two names by sources of the same year.
				mutate.Edit("catalog/function.csv", "2130503,机关服务,new-2025\n",
					"2130503,机关服务,new-2025\n2130503,机关后勤服务,other-2025\n"),
				// A child whose parent is gone.
				mutate.Edit("catalog/function.csv", "21308,普惠金融发展支出,new-2025\n", ""),
			},
			code: 1,
			stdout: "TMP/p：3 个问题\n" +
				"  TMP/p/catalog/function.csv:6：编码 2130502 以相同名称重复列出（第 5 行）：请把它的所有来源写在同一行\n" +
				"  TMP/p/catalog/function.csv:8：编码 2130503 此处名为 \"机关后勤服务\"，而另一行名为 \"机关服务\"（第 7 行），两者来源的年份相同：请保留正确的一行、删去另一行，或引用更新的来源\n" +
				"  TMP/p/catalog/function.csv:9：编码 2130804 的上级 21308 不在本目录中：请加上上级科目的一行（连同其来源）\n",
		},
		{
			name: "problems en",
			lang: "en",
			muts: []mutate.Mutation{
				mutate.Edit("catalog/function.csv", "21308,普惠金融发展支出,new-2025\n", ""),
				mutate.Edit("catalog/function.csv", "2130503,机关服务,new-2025\n",
					"2130503,机关服务,new-2025\n2130503,机关后勤服务,other-2025 old-2020\n"),
			},
			code: 1,
			stdout: "TMP/p: 2 problems\n" +
				"  TMP/p/catalog/function.csv:7: code 2130503 is \"机关后勤服务\" here and \"机关服务\" at line 6, by equally recent sources: keep the right row and delete the other, or cite a newer source\n" +
				"  TMP/p/catalog/function.csv:8: code 2130804 has no parent 21308 in this catalog: add the parent's row, with its source\n",
		},
		{
			name: "notes",
			lang: "zh",
			muts: []mutate.Mutation{
				mutate.Edit("catalog/function.csv", "2130503,机关服务,new-2025\n",
					"2130503,机关服务,new-2025\n2130503,机关后勤服务,old-2020\n"),
				mutate.Edit("catalog/economic.csv", "30101,基本工资,new-2025\n", "30101,基本工资,new-2025\n30101,基本工资（旧称）,old-2020\n"),
			},
			code: 0,
			stdout: "TMP/p：模板包 cq-2025 1.1.0，10 张表，没有问题\n" +
				"  提示：TMP/p/catalog/economic.csv:4：编码 30101 按本行的来源名为 \"基本工资（旧称）\"，按第 3 行的来源 new-2025（2025 年，不晚于模板包年份的最新来源）名为 \"基本工资\"：模板包采用 \"基本工资\"\n" +
				"  提示：TMP/p/catalog/function.csv:7：编码 2130503 按本行的来源名为 \"机关后勤服务\"，按第 6 行的来源 new-2025（2025 年，不晚于模板包年份的最新来源）名为 \"机关服务\"：模板包采用 \"机关服务\"\n",
		},
		{
			name:   "the small catalogs alone",
			lang:   "zh",
			code:   0,
			stdout: "TMP/p：模板包 cq-2025 1.1.0，10 张表，没有问题\n",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := mutate.Copy(t, filepath.Join("..", "templates", "cq-2025"), "p")
			for _, m := range append(slices.Clip(base), c.muts...) {
				m(t, dir)
			}
			tmp := filepath.Dir(dir)
			code, stdout, stderr := run(t, tmp, "--lang", c.lang, "templates", "check", "TMP/p")
			if code != c.code || stderr != "" {
				t.Errorf("exit %d, want %d; stderr %q", code, c.code, stderr)
			}
			if stdout != c.stdout {
				t.Errorf("stdout:\n%s\nwant:\n%s", stdout, c.stdout)
			}
		})
	}
}

// TestFillNoNamesTyped: a unit whose CSVs type no subject name, with codes
// of the sourced function classes (201, 204, 205, 206, 207, 208, 210, 211,
// 212, 213, 214 with 21401 公路水路运输 and 2140106 公路养护, 215 and 221),
// and basic expenditure of the economic classes 301, 302, 303 and 307
// (30701 国内债务付息), fills with the catalog's names in every code row,
// and verify finds nothing.
func TestFillNoNamesTyped(t *testing.T) {
	dir := mutate.Copy(t, filepath.Join("..", "samples", "demo-2025"), "ds")
	tmp := filepath.Dir(dir)
	// read and write a CSV file of the dataset, which Excel saves with a
	// byte order mark.
	read := func(path string) [][]string {
		t.Helper()
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF")))).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		return recs
	}
	rewrite := func(file string, edit func(recs [][]string) [][]string) {
		t.Helper()
		var out bytes.Buffer
		out.WriteString("\xEF\xBB\xBF")
		w := csv.NewWriter(&out)
		if err := w.WriteAll(edit(read(filepath.Join(dir, file)))); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, file), out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	isCode := func(s string) bool { return s != "" && strings.Trim(s, "0123456789") == "" }
	// The 88,888.88 of 2080199 (project or fiscal money) moves to leaves
	// of other classes, under their class and 款 rows: before 208 the
	// classes below it, before 221 those between.
	moved := map[string][][2]string{
		"208": {
			{"201", ""}, {"20132", ""}, {"2013202", "10,000.00"}, {"204", ""}, {"20499", ""}, {"2049999", "5,000.00"},
			{"205", ""}, {"20502", ""}, {"2050202", "5,000.00"}, {"206", ""}, {"20605", ""}, {"2060502", "20,000.00"},
			{"207", ""}, {"20701", ""}, {"2070109", "10,000.00"},
		},
		"221": {
			{"211", ""}, {"21103", ""}, {"2110399", "8,888.88"}, {"212", ""}, {"21201", ""}, {"2120102", "10,000.00"},
			{"213", ""}, {"21305", ""}, {"2130504", "10,000.00"}, {"214", ""}, {"21401", ""}, {"2140106", "5,000.00"},
			{"215", ""}, {"21508", ""}, {"2150899", "5,000.00"},
		},
	}
	// noNames blanks column col of every code row, and moves the amounts of
	// column amount.
	noNames := func(col, amount int) func([][]string) [][]string {
		return func(recs [][]string) [][]string {
			var out [][]string
			for _, r := range recs {
				if isCode(r[0]) {
					r[col] = ""
				}
				if r[0] == "2080199" {
					if r[amount] != "88,888.88" {
						t.Fatalf("2080199 has %q in column %d", r[amount], amount)
					}
					continue
				}
				for _, add := range moved[r[0]] {
					row := make([]string, len(r))
					row[0], row[amount] = add[0], add[1]
					out = append(out, row)
				}
				out = append(out, r)
			}
			return out
		}
	}
	rewrite("4-2.csv", noNames(1, 4))     // code,name,subtotal,basic,project
	rewrite("expense.csv", noNames(1, 4)) // code,name,total,basic,project,...
	rewrite("income.csv", noNames(1, 4))  // code,name,total,carry,gpb,...
	// 4-3 has no 2080199; besides blanking its names, 10,000.00 of the
	// public money of 30201 办公费 moves to 30701 国内债务付息, a code of
	// the class 307, after the rows of 303.
	rewrite("4-3.csv", func(recs [][]string) [][]string {
		recs = noNames(1, 1)(recs)
		for _, r := range recs {
			if r[0] == "30201" {
				if r[4] != "126,032.10" {
					t.Fatalf("30201 has %q in its public column", r[4])
				}
				r[4] = "116,032.10"
			}
		}
		return append(recs, []string{"307", "", "", "", ""}, []string{"30701", "", "", "", "10,000.00"})
	})
	classRow := func(recs [][]string) [][]string { // the class list of 4-1 and 收支总表
		var out [][]string
		for _, r := range recs {
			if isCode(r[0]) {
				r[3] = ""
				for _, add := range moved[r[0]] {
					if len(add[0]) == 3 {
						out = append(out, append([]string{add[0]}, make([]string, len(r)-1)...))
					}
				}
			}
			out = append(out, r)
		}
		return out
	}
	rewrite("4-1.csv", classRow)
	rewrite("income-expense.csv", classRow)

	code, stdout, stderr := run(t, tmp, "--lang", "en", "fill", "TMP/ds", "--templates", "../templates", "-o", "TMP/w.xlsx")
	if code != 0 || !strings.Contains(stdout, "\nchecked as budgetxl verify checks it: no errors, no warnings, no notes\n") {
		t.Fatalf("fill: exit %d %s\n%s", code, stderr, stdout)
	}
	if code, stdout, stderr := run(t, tmp, "--lang", "en", "verify", "--templates", "../templates", "TMP/w.xlsx"); code != 0 {
		t.Errorf("verify: exit %d %s\n%s", code, stderr, stdout)
	}
	// The names the workbook shows, read back by extract.
	if code, _, stderr := run(t, tmp, "extract", "TMP/w.xlsx", "--templates", "../templates", "-o", "TMP/x"); code != 0 {
		t.Fatalf("extract: exit %d %s", code, stderr)
	}
	p, err := pack.Load(filepath.Join("..", "templates", "cq-2025"))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for file, catalog := range map[string]string{"4-2.csv": "function", "expense.csv": "function", "income.csv": "function", "4-3.csv": "economic"} {
		for _, r := range read(filepath.Join(tmp, "x", file)) {
			if !isCode(r[0]) {
				continue
			}
			want, ok := p.Catalogs[catalog][r[0]]
			if !ok {
				t.Errorf("%s: code %s is not in the %s catalog", file, r[0], catalog)
			}
			if r[1] != want {
				t.Errorf("%s: code %s is named %q in the workbook, want the catalog's %q", file, r[0], r[1], want)
			}
			seen[r[0][:3]] = true
		}
	}
	// The names of the sources, as the workbook shows them.
	names := map[string]string{}
	for _, r := range read(filepath.Join(tmp, "x", "4-2.csv")) {
		names[r[0]] = r[1]
	}
	for code, want := range map[string]string{
		"201": "一般公共服务支出", "20132": "组织事务", "2013202": "一般行政管理事务",
		"204": "公共安全支出", "20499": "其他公共安全支出", "2049999": "其他公共安全支出",
		"205": "教育支出", "20502": "普通教育", "2050202": "小学教育",
		"206": "科学技术支出", "20605": "科技条件与服务", "2060502": "技术创新服务体系",
		"207": "文化旅游体育与传媒支出", "20701": "文化和旅游", "2070109": "群众文化",
		"211": "节能环保支出", "21103": "污染防治", "2110399": "其他污染防治支出",
		"212": "城乡社区支出", "21201": "城乡社区管理事务", "2120102": "一般行政管理事务",
		"213": "农林水支出", "21305": "巩固脱贫攻坚成果衔接乡村振兴", "2130504": "农村基础设施建设",
		"214": "交通运输支出", "21401": "公路水路运输", "2140106": "公路养护",
		"215": "资源勘探工业信息等支出", "21508": "支持中小企业发展和管理支出", "2150899": "其他支持中小企业发展和管理支出",
	} {
		if names[code] != want {
			t.Errorf("附件4-2 names %s %q, want %q", code, names[code], want)
		}
	}
	econ := map[string]string{}
	for _, r := range read(filepath.Join(tmp, "x", "4-3.csv")) {
		econ[r[0]] = r[1]
	}
	for code, want := range map[string]string{"307": "债务利息及费用支出", "30701": "国内债务付息"} {
		if econ[code] != want {
			t.Errorf("附件4-3 names %s %q, want %q", code, econ[code], want)
		}
	}
	for _, class := range []string{"201", "204", "205", "206", "207", "208", "210", "211", "212", "213", "214", "215", "221", "301", "302", "303", "307"} {
		if !seen[class] {
			t.Errorf("no code of class %s in the workbook", class)
		}
	}
}
