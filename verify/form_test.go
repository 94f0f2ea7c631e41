package verify_test

import "testing"

// TestFormRules: one altered performance-target table per rule, each
// yielding exactly its finding.
func TestFormRules(t *testing.T) {
	demo := filled(t, "demo-2025", false)
	const (
		overall  = "xl/worksheets/sheet9.xml"
		projects = "xl/worksheets/sheet10.xml"
	)
	cases := []alteration{
		{"required", projects, `<t>全年组织群众文化活动不少于60场次，惠及群众2万人次以上，丰富群众精神文化生活。</t>`, `<t></t>`,
			"error form.required 项目支出绩效目标表!B8\n"},
		{"pattern", projects, `<t>50011025T000000000001-群众文化活动专项</t>`, `<t>2025-0001-群众文化活动专项</t>`,
			"error form.pattern 项目支出绩效目标表!B3\n"},
		{"positive", projects, `<c r="B5" s="6"><v>30</v>`, `<c r="B5" s="6"><v>0</v>`,
			"error form.positive 项目支出绩效目标表!B5\n"},
		{"choice", projects, `<c r="F10" s="5" t="inlineStr"><is><t>≥</t>`, `<c r="F10" s="5" t="inlineStr"><is><t>大于</t>`,
			"error form.choice 项目支出绩效目标表!F10\n"},
		{"vocabulary", projects, `<t>时效指标</t>`, `<t>时间指标</t>`,
			"error form.choice 项目支出绩效目标表!C12\n"},
		{"unit missing", projects, `<t>场次</t>`, `<t></t>`,
			"error form.unit-missing 项目支出绩效目标表!E10\n"},
		{"duplicate", projects, `<t>活动按期完成率</t>`, `<t>活动计划完成率</t>`,
			"error form.duplicate 项目支出绩效目标表!D12\n"},
		{"weight total", projects, `<c r="H12" s="7"><v>10</v>`, `<c r="H12" s="7"><v>20</v>`,
			"error form.weight-total 项目支出绩效目标表!H15\nerror value.stale 项目支出绩效目标表!H15\n"},
		{"whole weight", projects, `<c r="H12" s="7"><v>10</v>`, `<c r="H12" s="7"><v>10.5</v>`,
			"error form.whole 项目支出绩效目标表!H12\nerror form.weight-total 项目支出绩效目标表!H15\nerror value.stale 项目支出绩效目标表!H15\n"},
		{"weight above max", projects, `<c r="H12" s="7"><v>10</v>`, `<c r="H12" s="7"><v>101</v>`,
			"error form.max 项目支出绩效目标表!H12\nerror form.weight-total 项目支出绩效目标表!H15\nerror value.stale 项目支出绩效目标表!H15\n"},
		{"amount indicator", projects, `<c r="E28" s="5" t="inlineStr"><is><t>20</t>`, `<c r="E28" s="5" t="inlineStr"><is><t>25</t>`,
			"note form.indicator-above-amount 项目支出绩效目标表!E28\n"},
		{"brackets", projects, `<c r="D19" s="5" t="inlineStr"><is><t>999001-重庆市綦江区演示文化馆（本级）</t>`, `<c r="D19" s="5" t="inlineStr"><is><t>999001-重庆市綦江区演示文化馆(本级)</t>`,
			"warning form.brackets 项目支出绩效目标表!D19\n"},
		{"label", projects, `<t>项目概况</t>`, `<t>项目简介</t>`,
			"warning structure.not-compared 项目支出绩效目标表!\nerror structure.label 项目支出绩效目标表!A7\n"},
		{"overall against the expense table", overall, `<c r="E6" s="6"><v>1691973.78</v>`, `<c r="E6" s="6"><v>1691973.88</v>`,
			"error rule.overall.expense 整体支出绩效目标表!C6\nerror value.stale 整体支出绩效目标表!C6\nerror value.stale 整体支出绩效目标表!D6\n"},
	}
	runAlterations(t, demo, cases)
}
