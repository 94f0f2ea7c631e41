package verify_test

import (
	"fmt"
	"strings"
	"testing"
)

// TestStray: a value where the templates put nothing (a number typed at
// Z100, in the empty column right of a table, under its merged title, a
// formula below it) is named at its cell; past 20 in a sheet the rest are
// counted. The samples' workbooks, as fill writes them, have none.
func TestStray(t *testing.T) {
	demo := filled(t, "demo-2025", false)
	const s42 = "xl/worksheets/sheet2.xml"
	var many strings.Builder
	for i := 1; i <= 23; i++ {
		fmt.Fprintf(&many, `<row r="%d"><c r="H%d"><v>%d</v></c></row>`, 100+i, 100+i, i)
	}
	cases := []struct {
		name, old, new, want string
	}{
		{"a number at Z100", `</sheetData>`, `<row r="100"><c r="Z100"><v>123.45</v></c></row></sheetData>`,
			"warning structure.stray-value 附件4-2!Z100 [|123.45] Z100 中有 123.45，在表格之外：模板在这里什么也不放，所以没有任何检查读它；请删去，或移到表中\n"},
		{"a number right of the table", `<c r="E8" s="6"></c></row>`, `<c r="E8" s="6"></c><c r="F8"><v>99</v></c></row>`,
			"warning structure.stray-value 附件4-2!F8 [|99] F8 中有 99，在表格之外：模板在这里什么也不放，所以没有任何检查读它；请删去，或移到表中\n"},
		{"a text under the merged title", `预算表</t></is></c></row>`, `预算表</t></is></c><c r="C1" t="inlineStr"><is><t>草稿</t></is></c></row>`,
			"warning structure.stray-value 附件4-2!C1 [|草稿] C1 中有 草稿，在表格之外：模板在这里什么也不放，所以没有任何检查读它；请删去，或移到表中\n"},
		{"a formula below the table", `</sheetData>`, `<row r="100"><c r="B100"><f>SUM(D6:D8)</f><v>1</v></c></row></sheetData>`,
			"warning structure.stray-value 附件4-2!B100 [|=SUM(D6:D8)] B100 中有 =SUM(D6:D8)，在表格之外：模板在这里什么也不放，所以没有任何检查读它；请删去，或移到表中\n"},
		{"23 numbers", `</sheetData>`, many.String() + `</sheetData>`,
			strings.Repeat("x\n", 20) + "warning structure.stray-value 附件4-2!H121 [|] 另有 3 个表格之外的单元格有值：H121, H122, H123\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, line := range strings.SplitAfter(lines(check(t, alter(t, demo, s42, c.old, c.new)), "zh", true), "\n") {
				if strings.Contains(line, "stray") {
					got = append(got, line)
				}
			}
			if strings.HasPrefix(c.want, "x\n") { // the first 20 named, each at its cell
				for i, line := range got[:min(20, len(got))] {
					if !strings.HasPrefix(line, fmt.Sprintf("warning structure.stray-value 附件4-2!H%d [|%d] ", 101+i, i+1)) {
						t.Errorf("finding %d: %s", i+1, line)
					}
				}
				got = got[min(20, len(got)):]
				c.want = strings.TrimLeft(c.want, "x\n")
			}
			if strings.Join(got, "") != c.want {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, ""), c.want)
			}
		})
	}
	for _, sample := range []string{"demo-2025", "qijiang-shebao-2025"} {
		if out := lines(check(t, filled(t, sample, false)), "zh", true); strings.Contains(out, "stray-value") {
			t.Errorf("%s as fill writes it:\n%s", sample, out)
		}
	}
}
