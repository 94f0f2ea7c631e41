package extract

import (
	"strings"
	"testing"

	"budgetxl/pack"
	"budgetxl/workbook"
)

// TestUnitFromTitle: the unit's name (and year) recovered from a title made
// by a template, as verify does for workbooks typed by hand.
func TestUnitFromTitle(t *testing.T) {
	cases := []struct {
		tpl, text, name string
		year            int
		ok              bool
	}{
		{"{unit}部门收支总表", "重庆市綦江区社会保险事务中心部门收支总表", "重庆市綦江区社会保险事务中心", 0, true},
		{"{year}年{unit}绩效表", "2025年某单位绩效表", "某单位", 2025, true},
		{"{unit}部门收支总表", " 某单位部门收支总表 ", "某单位", 0, true},
		{"{unit}部门收支总表", "某单位部门收入总表", "", 0, false},
		{"{year}年{unit}部门（单位）表", "2025年某单位部门(单位)表", "某单位", 2025, true},
		{"{unit}{year}年{variant:部门|单位}收支总表", "某单位2025年单位收支总表", "某单位", 2025, true},
		{"{year}年部门（单位）整体支出绩效目标表", "二〇二五年部门（单位）整体支出绩效目标表", "", 0, false},
	}
	for _, c := range cases {
		name, year, ok := UnitFromTitle(c.tpl, c.text)
		if name != c.name || year != c.year || ok != c.ok {
			t.Errorf("UnitFromTitle(%q, %q) = %q, %d, %v; want %q, %d, %v", c.tpl, c.text, name, year, ok, c.name, c.year, c.ok)
		}
	}
}

// TestSplitFields: a cell made of several fields is split by its template.
func TestSplitFields(t *testing.T) {
	cases := []struct{ tpl, text, want string }{
		{"{code}-{name}", "50011022T000002062489-企业退休人员社会化管理服务工作专项补助(上级资金)", "50011022T000002062489|企业退休人员社会化管理服务工作专项补助(上级资金)"},
		{"{code}-{name}", "50011023T000003384729-乡镇人才队伍工资津贴-统发", "50011023T000003384729|乡镇人才队伍工资津贴-统发"},
		{"{code}-{name}", "no dash here", "|no dash here"},
		{"{goal}", "只有一个字段", "只有一个字段"},
	}
	for _, c := range cases {
		got := strings.Join(splitFields(c.tpl, pack.CellFields(c.tpl), c.text), "|")
		if got != c.want {
			t.Errorf("splitFields(%q, %q) = %q, want %q", c.tpl, c.text, got, c.want)
		}
	}
}

// TestUnitFromUnitsLine: a workbook typed by hand, without document
// properties, whose title does not name the unit, is known by the left part
// of its units line (编制单位：{unit}).
func TestUnitFromUnitsLine(t *testing.T) {
	p, err := pack.Load("../testdata/features/units-line/pack")
	if err != nil {
		t.Fatal(err)
	}
	sh := &workbook.Sheet{Name: "三公经费", Cells: []*workbook.Cell{
		{Ref: "A1", Col: 1, Row: 1, Value: "2025年“三公”经费支出预算表", Type: workbook.TypeString},
		{Ref: "A2", Col: 1, Row: 2, Value: "编制单位：示例区文化馆", Type: workbook.TypeString},
	}}
	u, missing := Unit(&workbook.Book{Props: map[string]string{}, Sheets: []*workbook.Sheet{sh}}, p)
	if u.Name != "示例区文化馆" || strings.Join(missing, " ") != "code department amount_unit" {
		t.Errorf("unit %+v, missing %v", u, missing)
	}
}
