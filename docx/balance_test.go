package docx

import "testing"

// TestBalanced: a title too wide for a line is broken into even lines,
// never inside a number nor before closing punctuation.
func TestBalanced(t *testing.T) {
	for _, tc := range []struct {
		title string
		size  float64
		want  string
	}{
		{"测试单位2025年单位预算情况说明", 22, "测试单位2025年单位预算情况说明"},
		{"重庆市綦江区演示文化馆2025年单位预算情况说明", 22, "重庆市綦江区演示文化馆\n2025年单位预算情况说明"},
		{"重庆市綦江区社会保险事务中心2025年单位预算情况说明", 22, "重庆市綦江区社会保险事务中心\n2025年单位预算情况说明"},
		{"重庆市綦江区演示文化馆\n2025年单位预算情况说明", 22, "重庆市綦江区演示文化馆\n2025年单位预算情况说明"},
		{"重庆市綦江区演示文化馆（本级）2025年单位预算情况说明", 22, "重庆市綦江区演示文化馆（本级）\n2025年单位预算情况说明"},
		{"重庆市綦江区演示文化馆2025年单位预算情况说明", 12, "重庆市綦江区演示文化馆2025年单位预算情况说明"},
		{"ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZ", 22, "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZ"},
		{"重庆市綦江区某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某中心2025年单位预算情况说明", 22,
			"重庆市綦江区某某某某某某某某某某某\n某某某某某某某某某某某某某某某某某\n某某中心2025年单位预算情况说明"},
	} {
		if got := balanced(tc.title, tc.size); got != tc.want {
			t.Errorf("balanced(%q, %g) =\n%s\nwant\n%s", tc.title, tc.size, got, tc.want)
		}
	}
}
