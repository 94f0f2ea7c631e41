package pdftext

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"budgetxl/dataset"
	"budgetxl/msg"
	"budgetxl/pack"
)

const (
	seed    = "../testdata/seed.txt"
	sample  = "../samples/qijiang-shebao-2025"
	cqPack  = "../templates/cq-2025"
	unit    = "重庆市綦江区社会保险事务中心"
	dept    = "重庆市綦江区人力资源和社会保障局"
	project = "2025年财政资金项目支出绩效目标表"
)

func loadPack(t *testing.T) *pack.Pack {
	t.Helper()
	p, err := pack.Load(cqPack)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestSeed: importing the published set gives the sample's files, byte for
// byte (with the sample's note, which is not published), and no others;
// every line of it is placed.
func TestSeed(t *testing.T) {
	p := loadPack(t)
	text, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	d, unplaced, err := Parse(string(text), p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range unplaced {
		t.Errorf("line %d not placed: %s: %q", u.Line, u.Why, u.Text)
	}
	u, err := dataset.ReadUnit(dataset.Dir(sample))
	if err != nil {
		t.Fatal(err)
	}
	d.Unit.Note = u.Note // the sample's remark, not in the publication
	dir := t.TempDir()
	if err := dataset.Write(d, p, dir); err != nil {
		t.Fatal(err)
	}
	SameFiles(t, dir, sample)
}

// SameFiles checks that folder got holds exactly the files of want, byte
// for byte.
func SameFiles(t *testing.T, got, want string) {
	t.Helper()
	names := func(dir string) []string {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range entries {
			out = append(out, e.Name())
		}
		return out
	}
	if g, w := names(got), names(want); strings.Join(g, " ") != strings.Join(w, " ") {
		t.Errorf("files %v, want %v", g, w)
	}
	for _, name := range names(want) {
		a, _ := os.ReadFile(filepath.Join(got, name))
		b, _ := os.ReadFile(filepath.Join(want, name))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs from %s:\n%s", name, filepath.Join(want, name), firstDiff(string(a), string(b)))
		}
	}
}

// firstDiff shows the first line in which a and b differ.
func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return fmt.Sprintf("line %d:\n  got  %q\n  want %q", i+1, x, y)
		}
	}
	return ""
}

// tsv writes test input: one string a line, | for a tab.
func tsv(lines ...string) string {
	return strings.ReplaceAll(strings.Join(lines, "\n"), "|", "\t") + "\n"
}

var (
	title42 = unit + "一般公共预算财政拨款支出预算表"
	head42  = []string{"功能分类科目||2025年预算数||", "科目编码|科目名称|小计|基本支出|项目支出"}
	title43 = unit + "一般公共预算财政拨款基本支出预算表"
	head43  = []string{"经济分类科目||2025年基本支出||", "科目编码|科目名称|合计|人员经费|公用经费"}
	head44  = []string{"2025年预算数|||||", "合计|因公出国（境）费|公务用车购置及运行费|||公务接待费", "||小计|公务用车购置费|公务用车运行费|"}
	head    = "绩效指标|一级指标|二级指标|三级指标|指标值|指标性质|度量单位|权重"
)

func join(parts ...any) []string {
	var out []string
	for _, p := range parts {
		switch x := p.(type) {
		case string:
			out = append(out, x)
		case []string:
			out = append(out, x...)
		}
	}
	return out
}

// projectHead is the start of a project block.
func projectHead(code, name, amountLabel, amount string) []string {
	return []string{
		project, "", "单位：万元", "",
		"项目名称|" + code + "-" + name + "||||||",
		"主管部门|212-" + dept + "|实施单位|212002-" + unit + "||||",
		amountLabel + "|" + amount + "|项目属性|延续||||",
		"项目起始时间|2022年|项目终止时间|长期||||",
		"项目概况|概况||||||",
		"项目当年绩效目标|目标||||||",
		head,
	}
}

// TestParse: each kind of mess that PDF extraction leaves, alone.
func TestParse(t *testing.T) {
	p := loadPack(t)
	named := Options{Name: unit}
	cases := []struct {
		name     string
		text     string
		opt      Options
		want     []string // lines the dump must have
		unplaced []string // "line: why", exactly
	}{
		{
			name: "thousands separators, units, year and name from the titles",
			text: tsv(join("", title42, "", "单位：万元", "", head42,
				"合计||16,474.90|3,398.85|13,076.05",
				"2080101|行政运行|2,053.20|2,053.20|")...),
			want: []string{
				"unit pack=cq-2025 name=" + unit + " code= department= year=2025 amount_unit=万元",
				"4-2 total basic=3,398.85 project=13,076.05 subtotal=16,474.90",
				"4-2 2080101 行政运行 basic=2,053.20 subtotal=2,053.20",
			},
		},
		{
			name: `\geq and \leq`,
			text: tsv(join(projectHead("50011023T000003385743", "社保遗属生活补助", "资金总额(万元)", "2.16"),
				`|产出指标|数量指标|发放金额|2|\geq|万元|20`,
				`|产出指标|数量指标|差错率|3|$\leq$|%|20`)...),
			opt: named,
			want: []string{
				"projects#1 indicators: 产出指标|数量指标|发放金额|2|≥|万元|20",
				"projects#1 indicators: 产出指标|数量指标|差错率|3|≤|%|20",
			},
		},
		{
			name: "shifted rows: the leading empty cells lost after a page break",
			text: tsv(join(title43, "单位：万元", head43,
				"合计|3,398.85|2,805.82|593.03",
				"30101|基本工资|583.78|583.78|",
				projectHead("50011023T000003384819", "公招专项", "资金总额(万元)", "210"),
				"|产出指标|数量指标|赴高校笔试次数|3|≥|次|20",
				"",
				"效益指标|社会效益|招聘人员数量|300|≥|人次|20",
				"2025年部门（单位）整体支出绩效目标表",
				"预算部门||"+dept+"||||||||",
				"部门整体绩效情况||整体绩效目标 保障运转。||||||||",
				"||一级指标|二级指标|三级指标||绩效指标性质|绩效指标值|绩效度量单位|权重|",
				"||产出指标|数量指标|参保人数||≥|30|万人|10|",
				"效益指标|社会效益|农民工欠薪率||≤|5|%|10|||")...),
			want: []string{
				"4-3 total public=593.03 staff=2,805.82 total=3,398.85",
				"4-3 30101 基本工资 staff=583.78 total=583.78",
				"projects#1 indicators: 产出指标|数量指标|赴高校笔试次数|3|≥|次|20",
				"projects#1 indicators: 效益指标|社会效益|招聘人员数量|300|≥|人次|20",
				"overall#1 indicators: 产出指标|数量指标|参保人数|≥|30|万人|10",
				"overall#1 indicators: 效益指标|社会效益|农民工欠薪率|≤|5|%|10",
			},
		},
		{
			name: "a row broken across a page, the header repeated on the new page",
			text: tsv(join(title42, "单位：万元", head42,
				"2080199|其他人力资源和社会保障管理",
				"",
				"- 2 -",
				head42,
				"事务支出|2,838.42||2,838.42",
				"2080101|行政运行|2,053.20|2,053.20|")...),
			want: []string{
				"4-2 2080199 其他人力资源和社会保障管理事务支出 project=2,838.42 subtotal=2,838.42",
				"4-2 2080101 行政运行 basic=2,053.20 subtotal=2,053.20",
			},
		},
		{
			name: "a row broken between its name and its amounts, the empty cells after the break lost",
			text: tsv(join(title43, "单位：万元", head43,
				"30101|基本工资",
				"",
				"583.78|583.78|",
				"30102|津贴补贴|100.00|100.00|")...),
			want: []string{"4-3 30101 基本工资 staff=583.78 total=583.78", "4-3 30102 津贴补贴 staff=100.00 total=100.00"},
		},
		{
			name: "header cells whose words are printed on lines of their own",
			text: tsv(unit+"部门收入总表", "单位：万元",
				"科目编码|科目名称|合计|上年结转|一般公共预算|政府性基金预算|国有资本经营预算|事业收入预算||事业单位经营|其他收入预算|用事业基金弥补",
				"||||拨款收入|拨款收入|拨款收入|||收入预算||收支差额",
				"|||||||非教育收费|教育收费|||",
				"|||||||收入预算|收入预算|||",
				"合计|||||||||||",
				"208|社会保障和就业支出|100.00||100.00|||||||"),
			want: []string{"income 208 社会保障和就业支出 gpb=100.00 total=100.00"},
		},
		{
			name: "a label broken across a page",
			text: tsv(
				unit+"财政拨款收支总表", "单位：万元",
				"收入||支出||||",
				"项目|预算数|项目|合计|一般公共预算财政拨款|政府性基金预算财政拨款|国有资本经营预算财政拨款",
				"国有资本经营预算",
				"",
				"拨款|214.00|农林水支出|458.63|458.63||"),
			want: []string{"4-1 soe amount=214.00", "4-1 213 农林水支出 exp_gpb=458.63 exp_total=458.63"},
		},
		{
			name: "straight quotes for curly ones; a row of lone dashes is not a rule",
			text: tsv(join(unit+`一般公共预算"三公"经费支出表`, "单位：万元", head44, "-|-|-|-|-|-")...),
			want: []string{"4-4 table"},
			unplaced: []string{
				`6: column total: "-" is not an amount (write digits and a decimal point, with commas only between groups of 3 digits: 1,234.56)`,
			},
		},
		{
			name: "a text broken across a page",
			text: tsv(
				project, "单位：万元",
				"项目名称|50011024T000004187354-社会保险经办服务及基金监管专项经费||||||",
				"项目当年绩效目标|保障社保基金安全，打击企业违法参保||||||",
				"",
				"及个人骗取社保基金行为||||||",
				head,
				"|产出指标|数量指标|第三方稽核次数|3|=|次|20"),
			opt: named,
			want: []string{
				"projects#1 goal=保障社保基金安全，打击企业违法参保及个人骗取社保基金行为",
				"projects#1 indicators: 产出指标|数量指标|第三方稽核次数|3|=|次|20",
			},
		},
		{
			name: "a text broken across a page, its second half ending in 表: not a title",
			text: tsv(
				project, "单位：万元",
				"项目名称|50011024T000004187354-社会保险经办服务及基金监管专项经费||||||",
				"项目当年绩效目标|保障社保基金安全，按时填报各类统计||||||",
				"",
				"报表",
				head,
				"|产出指标|数量指标|第三方稽核次数|3|=|次|20",
				"项目概况|概况||||||",
				"其他单位部门预算说明表",
				"一、说明|略"),
			opt: named,
			want: []string{
				"projects#1 goal=保障社保基金安全，按时填报各类统计报表",
				"projects#1 indicators: 产出指标|数量指标|第三方稽核次数|3|=|次|20",
				"projects#1 overview=概况",
			},
			unplaced: []string{
				"10: matches no title of pack cq-2025",
				"11: follows the title on line 10, which was not read",
			},
		},
		{
			name: "a table continued under its title again, header rows repeated",
			text: tsv(join(title42, "单位：万元", head42,
				"2080101|行政运行|2,053.20|2,053.20|",
				"", title42, "", "单位：万元", head42,
				"2080150|事业运行|413.40|413.40|")...),
			want: []string{
				"4-2 2080101 行政运行 basic=2,053.20 subtotal=2,053.20",
				"4-2 2080150 事业运行 basic=413.40 subtotal=413.40",
			},
		},
		{
			name: "rules of dashes, and a repeated label in the first cell after a page break",
			text: tsv(join(projectHead("50011023T000003385601", "代发林业员养老和医疗补助资金", "资金总额(万元)", "9"),
				"|效益指标|社会效益指标|慰问人数|55|≥|人|20",
				"",
				"绩效指标|效益指标|社会效益指标|慰问人数|55|≥|人|10",
				"------|--------|------|----|---|---|----")...),
			opt: named,
			want: []string{
				"projects#1 indicators: 效益指标|社会效益指标|慰问人数|55|≥|人|20",
				"projects#1 indicators: 效益指标|社会效益指标|慰问人数|55|≥|人|10",
			},
		},
		{
			name: "labels with half- and full-width brackets; values kept as published",
			text: tsv(join(
				projectHead("50011023T000003385003", "机关办公楼年租物业费", "资金总额(万元)", "497.5"),
				projectHead("50011023T000003385042", "人力社保窗口工作人员工作服购置", "资金总额（万元）", "30"))...),
			opt: named,
			want: []string{
				"projects#1 code=50011023T000003385003",
				"projects#1 amount=497.50",
				"projects#2 code=50011023T000003385042",
				"projects#2 name=人力社保窗口工作人员工作服购置",
				"projects#2 amount=30.00",
				"projects#2 implementer=212002-" + unit,
				"unit pack=cq-2025 name=" + unit + " code= department=" + dept + " year=2025 amount_unit=万元",
			},
		},
		{
			name: "fields in other columns, a label and its text in one cell, the department from the overall table",
			text: tsv(
				"2025年部门（单位）整体支出绩效目标表",
				"预算部门||"+dept+"||||||||",
				"总体资金情况（元）||预算支出总额|基本支出||||项目支出|||",
				"|||合计|财政拨款|专户资金|单位资金|合计|财政拨款|专户资金|单位资金",
				"||1,000.50|1,000.50|1,000.50|||||",
				"部门整体绩效情况||整体绩效目标 保障自身运转。||||||||",
				"其他说明||||||||||",
				project, "单位：万元",
				"项目名称|50011023T000003385637-代发村社区干部养老待遇资金||||||",
				"主管部门|212-"+dept+"|||实施单位|212002-"+unit+"||",
				"资金总额（万元）|149||项目属性||延续||"),
			opt: Options{Name: unit, Code: "212002"},
			want: []string{
				"unit pack=cq-2025 name=" + unit + " code=212002 department=" + dept + " year=2025 amount_unit=万元",
				"overall#1 department=" + dept,
				"overall#1 total=1,000.50",
				"overall#1 basic_fiscal=1,000.50",
				"overall#1 goal=保障自身运转。",
				"projects#1 implementer=212002-" + unit,
				"projects#1 amount=149.00",
				"projects#1 attribute=延续",
			},
		},
		{
			name: "4-1: two sides, expenditure rows by subject name, a label used twice",
			text: tsv(
				unit+"财政拨款收支总表", "单位：万元",
				"收入||支出||||",
				"项目|预算数|项目|合计|一般公共预算财政拨款|政府性基金预算财政拨款|国有资本经营预算财政拨款",
				"一、本年收入|100.00|一、本年支出|110.00|110.00||",
				"一般公共预算拨款|100.00|社会保障和就业支出|110.00|110.00||",
				"二、上年结转|10.00|||||",
				"一般公共预算拨款|10.00|||||",
				"一般公共预算拨款|1.00|||||"),
			want: []string{
				"4-1 this_year amount=100.00",
				"4-1 exp_this_year exp_gpb=110.00 exp_total=110.00",
				"4-1 gpb amount=100.00",
				"4-1 208 社会保障和就业支出 exp_gpb=110.00 exp_total=110.00",
				"4-1 carry_gpb amount=10.00",
			},
			unplaced: []string{"9: row 一般公共预算拨款 appears again (first on line 6)"},
		},
		{
			name: "4-1: a row not placed does not let the next row with its label take its place",
			text: tsv(
				unit+"财政拨款收支总表", "单位：万元",
				"收入||支出||||",
				"项目|预算数|项目|合计|一般公共预算财政拨款|政府性基金预算财政拨款|国有资本经营预算财政拨款",
				"一、本年收入|100.00|一、本年支出|110.00|110.00||",
				"一般公共预算拨款|100.00|社会保障和就业支出X|110.00|110.00||",
				"二、上年结转|10.00|||||",
				"一般公共预算拨款|10.00|||||"),
			want:     []string{"4-1 this_year amount=100.00", "4-1 carry amount=10.00", "4-1 carry_gpb amount=10.00"},
			unplaced: []string{"6: no code, row label or subject name of table 附件4-1"},
		},
		{
			name: "amounts in 元 and in 万元: the dataset takes the first budget table's unit",
			text: tsv(join(title42, "单位：元", head42, "2080101|行政运行|20,532,000.00|20,532,000.00|",
				title43, "单位：万元", head43, "30101|基本工资|583.78|583.78|")...),
			want: []string{
				"unit pack=cq-2025 name=" + unit + " code= department= year=2025 amount_unit=元",
				"4-2 2080101 行政运行 basic=20,532,000.00 subtotal=20,532,000.00",
				"4-3 30101 基本工资 staff=5,837,800.00 total=5,837,800.00",
			},
		},
		{
			name: "a units line of two cells, the unit in either",
			text: tsv(join(title42, "编制单位："+unit+"|单位：元", head42, "2080101|行政运行|20,532,000.00|20,532,000.00|",
				title43, "单位：万元|||编制单位："+unit, head43, "30101|基本工资|583.78|583.78|",
				project, "金额单位：元|编制单位："+unit, "项目名称|50011023T000003385637-甲||||||", "资金总额(万元)|1,490,000||项目属性|延续||")...),
			want: []string{
				"unit pack=cq-2025 name=" + unit + " code= department= year=2025 amount_unit=元",
				"4-2 2080101 行政运行 basic=20,532,000.00 subtotal=20,532,000.00",
				"4-3 30101 基本工资 staff=5,837,800.00 total=5,837,800.00",
				"projects#1 amount=149.00",
			},
		},
		{
			name: "a units line that names its one unit twice",
			text: tsv(join(title42, "单位：元|金额单位：元 单位：元", head42, "2080101|行政运行|20,532,000.00|20,532,000.00|")...),
			want: []string{
				"unit pack=cq-2025 name=" + unit + " code= department= year=2025 amount_unit=元",
				"4-2 2080101 行政运行 basic=20,532,000.00 subtotal=20,532,000.00",
			},
		},
		{
			name: "known boilerplate: attachment numbers, page numbers, the empty note",
			text: tsv(
				"附件4-5", unit+"政府性基金预算支出表", "单位：万元",
				"科目编码|科目名称|本年政府性基金预算财政拨款支出||", "||合计|基本支出|项目支出",
				"", "（备注：本单位无政府性基金收支，故此表无数据。）", "第 5 页"),
			want: []string{"4-5 table"},
		},
		{
			name: "a bare page number between the rows of a table",
			text: tsv(join(title42, "单位：万元", head42, "2080101|行政运行|2,053.20|2,053.20|", "7", "2080102|一般行政管理事务|330.28||330.28")...),
			want: []string{"4-2 2080101 行政运行 basic=2,053.20 subtotal=2,053.20", "4-2 2080102 一般行政管理事务 project=330.28 subtotal=330.28"},
		},
		{
			name: "a title without the unit's name: the sheet's name above its table",
			text: tsv(join(title42, "单位：万元", head42, "2080101|行政运行|2,053.20|2,053.20|",
				"部门收支总表", unit+"部门收支总表", "单位：万元")...),
			want: []string{"4-2 2080101 行政运行 basic=2,053.20 subtotal=2,053.20", "income-expense table"},
		},
		{
			name: "lines that cannot be placed, with their line numbers",
			text: tsv(join(
				"部门预算公开目录",
				title42, "单位：万元", head42,
				"2080101|行政运行|2,053.20|2,053.20|",
				"2080101|行政运行|2,053.20|2,053.20|",
				"20801011|某某|1.00||",
				"备注：本表数据未经审计|说明",
				"2080102|一般行政管理事务|3x0.28||330.28",
				unit+"一般公共预算财政拨款支出预算表说明表",
				"一、说明|略",
				title43, "单位：万元", head43,
				"30101|基本工资|583.78|583.78|")...),
			want: []string{"4-3 30101 基本工资 staff=583.78 total=583.78"},
			unplaced: []string{
				"1: is above the first table title",
				"7: row 2080101 appears again (first on line 6)",
				"8: code 20801011 has 8 digits; this table's codes have 3, 5, 7 digits",
				"9: no code, row label or subject name of table 附件4-2",
				`10: column subtotal: "3x0.28" is not an amount (write digits and a decimal point, with commas only between groups of 3 digits: 1,234.56)`,
				"11: matches no title of pack cq-2025",
				"12: follows the title on line 11, which was not read",
			},
		},
		{
			name: "a project whose 项目名称 line cannot be placed: its lines do not join the project before",
			text: tsv(join(project, "单位：万元",
				"项目名称|50011023T000003385637-甲||||||", head, "|产出指标|数量指标|人数|20|≥|人|20",
				project, "单位：万元",
				"项目名称|50011023T000003385638|乙||||", "项目概况|乙概况||||||", head, "|产出指标|数量指标|次数|12|≥|次|20")...),
			opt: named,
			want: []string{
				"projects#1 indicators: 产出指标|数量指标|人数|20|≥|人|20",
				"projects#2 overview=乙概况",
				"projects#2 indicators: 产出指标|数量指标|次数|12|≥|次|20",
			},
			unplaced: []string{"8: 2 cells, but 1 fields belong here ({code}-{name})"},
		},
		{
			name: "a title of another unit or another year",
			text: tsv(join(title42, "单位：万元", head42, "2080101|行政运行|2,053.20|2,053.20|",
				"重庆市綦江区就业和人才中心一般公共预算财政拨款基本支出预算表",
				"30101|基本工资|583.78|583.78|",
				"2024年财政资金项目支出绩效目标表",
				"2025年财政资金项目支出绩效目标表",
				"项目名称|50011023T000003385637-代发村社区干部养老待遇资金||||||")...),
			want: []string{"4-2 2080101 行政运行 basic=2,053.20 subtotal=2,053.20", "projects#1 code=50011023T000003385637"},
			unplaced: []string{
				`6: the title names unit "重庆市綦江区就业和人才中心", but the title on line 1 names "` + unit + `"`,
				"7: follows the title on line 6, which was not read",
				"8: the year is 2024, but line 3 says 2025",
			},
		},
		{
			name: "form lines: unplaced, or placed as published though unusual",
			text: tsv(project, "单位：万元",
				"项目名称|50011023T000003385637-代发村社区干部养老待遇资金||||||",
				"项目名称|50011023T000003385638|乙||||",
				"项目属性|延续|项目概况",
				"审核意见|同意||||||",
				head,
				"|产出指标|数量指标|人数|20|≥|人|2O",
				"|产出指标|数量指标|次数|12|≧|次|20",
				"|效益指标|社会效益|满意度|95|≥|%|"),
			opt: named,
			want: []string{
				"projects#1 code=50011023T000003385637",
				"projects#2 indicators: 产出指标|数量指标|次数|12|≧|次|20",
				"projects#2 indicators: 效益指标|社会效益|满意度|95|≥|%|",
			},
			unplaced: []string{
				"4: 2 cells, but 1 fields belong here ({code}-{name})",
				"5: matches no row of table 项目支出绩效目标表",
				"6: matches no row of table 项目支出绩效目标表",
				`8: 权重: "2O" is not an amount (write digits and a decimal point, with commas only between groups of 3 digits: 1,234.56)`,
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, unplaced, err := Parse(c.text, p, c.opt)
			if err != nil {
				t.Fatal(err)
			}
			got := dump(d, p)
			have := map[string]bool{}
			for _, g := range got {
				have[g] = true
			}
			for _, w := range c.want {
				if !have[w] {
					t.Errorf("missing %q in:\n%s", w, strings.Join(got, "\n"))
				}
			}
			var un []string
			for _, u := range unplaced {
				un = append(un, fmt.Sprintf("%d: %s", u.Line, u.Why.In(msg.EN)))
			}
			if strings.Join(un, "\n") != strings.Join(c.unplaced, "\n") {
				t.Errorf("unplaced lines:\n%s\nwant:\n%s", strings.Join(un, "\n"), strings.Join(c.unplaced, "\n"))
			}
		})
	}
}

// TestTitleOfAnotherYear: a title of another year gives nothing, not even
// the unit's name, in a pack whose titles give both.
func TestTitleOfAnotherYear(t *testing.T) {
	p := loadPack(t)
	p.Table("income-expense").Title = "{unit}{year}年部门收支总表"
	d, unplaced, err := Parse(tsv(project, "甲单位2024年部门收支总表", unit+"2025年部门收支总表"), p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Unit.Name != unit {
		t.Errorf("name %q, want %q", d.Unit.Name, unit)
	}
	if len(unplaced) != 1 || unplaced[0].Line != 2 || unplaced[0].Why.Error() != "the year is 2024, but line 1 says 2025" {
		t.Errorf("unplaced: %v", unplaced)
	}
}

// TestParseErrors: inputs that give no dataset at all.
func TestParseErrors(t *testing.T) {
	p := loadPack(t)
	for _, c := range []struct {
		name, text, err string
		unplaced        int
	}{
		{"empty", "", `no line is the title of a table of pack cq-2025 (such as "{unit}财政拨款收支总表")`, 0},
		{"blank lines", "\n\t\n  \n", `no line is the title of a table of pack cq-2025 (such as "{unit}财政拨款收支总表")`, 0},
		{"no title", tsv("2080101|行政运行|2,053.20|2,053.20|"), `no line is the title of a table of pack cq-2025 (such as "{unit}财政拨款收支总表")`, 1},
		{"no unit name", tsv(project, "项目名称|50011023T000003385637-代发村社区干部养老待遇资金"), "the titles do not name the unit: give its name with --name", 0},
		{"no units line", tsv(join(title42, head42, "2080101|行政运行|2,053.20|2,053.20|", "2080102|一般行政管理事务|330.28||330.28", title43, "单位：万元", head43, "30101|基本工资|583.78|583.78|")...),
			"line 4: the amounts of 附件4-2 come before any units line (such as 单位：万元): their unit cannot be determined; give the table's units line as published", 0},
		{"a unit neither 元 nor 万元", tsv(join(title42, "编制单位："+unit+"|单位：千元", head42, "2080101|行政运行|2,053.20|2,053.20|", title43, head43, "30101|基本工资|583.78|583.78|")...),
			"line 2: the units line of 附件4-2 names \"千元\": its amounts can be read in 元 or 万元 only\n" +
				"line 9: the amounts of 附件4-3 come before any units line (such as 单位：万元): their unit cannot be determined; give the table's units line as published", 0},
		{"two units in two cells", tsv(join(title42, "单位：万元|单位：元", head42, "2080101|行政运行|2,053.20|2,053.20|", title43, "单位：万元", head43, "30101|基本工资|583.78|583.78|")...),
			"line 2: the units line of 附件4-2 names 2 units of amounts (万元、元): its amounts are in one of them; keep that one on the line", 0},
		{"two units in one cell", tsv(join(title42, "编制单位："+unit+"|单位：元 单位：万元", head42, "2080101|行政运行|2,053.20|2,053.20|", title43, "单位：万元", head43, "30101|基本工资|583.78|583.78|")...),
			"line 2: the units line of 附件4-2 names 2 units of amounts (元、万元): its amounts are in one of them; keep that one on the line", 0},
		{"a project's amount without a units line", tsv(project, "项目名称|50011023T000003385637-甲||||||", "资金总额(万元)|149||项目属性|延续||"),
			"line 3: the amounts of 项目支出绩效目标表 come before any units line (such as 单位：万元): their unit cannot be determined; give the table's units line as published", 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			d, unplaced, err := Parse(c.text, p, Options{})
			if err == nil || err.Error() != c.err || d != nil {
				t.Errorf("err %v, want %s", err, c.err)
			}
			if len(unplaced) != c.unplaced {
				t.Errorf("%d unplaced lines, want %d", len(unplaced), c.unplaced)
			}
		})
	}
}

// TestLatex: the operators extraction leaves as LaTeX.
func TestLatex(t *testing.T) {
	for in, want := range map[string][]string{
		`a\tb`:                         {`a\tb`},
		"≥\t\\geq\t$\\geq$":            {"≥", "≥", "≥"},
		"\\leq 5\t\\le\t\\neq":         {"≤ 5", "≤", "≠"},
		"95\\%\t\\left":                {"95%", `\left`},
		"\\geq5\t$\\geq 20$\t$\\leq$5": {"≥5", "≥ 20", "≤5"},
		"\t\t":                         nil,
	} {
		if got := cells(in); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("cells(%q) = %q, want %q", in, got, want)
		}
	}
}

// dump writes a dataset one fact a line, for the tests to look for.
func dump(d *dataset.Dataset, p *pack.Pack) []string {
	u := d.Unit
	out := []string{fmt.Sprintf("unit pack=%s name=%s code=%s department=%s year=%d amount_unit=%s", u.Pack, u.Name, u.Code, u.Department, u.Year, u.AmountUnit)}
	for _, t := range p.Tables {
		if td := d.Tables[t.ID]; td != nil {
			out = append(out, t.ID+" table")
			for _, r := range td.Rows {
				s := t.ID + " " + r.Key
				if r.Name != "" {
					s += " " + r.Name
				}
				keys := slices.Clone(t.Layout.Amounts)
				sort.Strings(keys)
				for _, k := range keys {
					if v, ok := r.Value(t.Layout.Amount(k)); ok {
						s += " " + k + "=" + dataset.FormatAmount(v.Amount)
					}
				}
				out = append(out, s)
			}
		}
		f := d.Forms[t.ID]
		if f == nil {
			continue
		}
		for i, rec := range f.Records {
			at := fmt.Sprintf("%s#%d", t.ID, i+1)
			for _, fd := range t.Fields {
				if v, ok := rec.Fields[fd.Key]; ok {
					text := v.Text
					if v.Number && fd.Kind == pack.FieldAmount {
						text = dataset.FormatAmount(v.Amount)
					}
					out = append(out, at+" "+fd.Key+"="+text)
				}
			}
			for _, l := range t.Lists {
				for _, it := range rec.Lists[l.Key] {
					var cells []string
					for _, k := range l.Columns {
						cells = append(cells, it.Fields[k].Text)
					}
					out = append(out, at+" "+l.Key+": "+strings.Join(cells, "|"))
				}
			}
		}
	}
	return out
}
