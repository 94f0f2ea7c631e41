package pack

import (
	"strings"
	"testing"
)

// TestExact: a text is a label whatever its spaces and line breaks (fill
// breaks long labels into lines), as the two with every space taken out
// would compare.
func TestExact(t *testing.T) {
	for _, tt := range []struct {
		label, text string
		want        bool
	}{
		{"绩效指标", "绩效指标", true},
		{"绩效指标", "绩效\n指标", true},
		{"绩效指标", " 绩 效\u3000指标 \r\n", true},
		{"绩效 指标", "绩效指标", true},
		{"", "", true},
		{"", "  \n", true},
		{"绩效指标", "绩效", false},
		{"绩效指标", "绩效指标表", false},
		{"绩效指标", "", false},
		{"绩效指标", "绩效目标", false},
		{"一般公共预算拨款（万元）", "一般公共预算拨款(万元)", false},
		{"a\uFFFDb", "a\xffb", false},
	} {
		if got := Exact(tt.label, tt.text); got != tt.want {
			t.Errorf("Exact(%q, %q) = %v, want %v", tt.label, tt.text, got, tt.want)
		}
		// The definition it is a faster form of.
		if join := strings.Join(strings.Fields(tt.label), "") == strings.Join(strings.Fields(tt.text), ""); join != tt.want {
			t.Errorf("%q, %q: the joined fields compare %v, the table says %v", tt.label, tt.text, join, tt.want)
		}
	}
}

// TestFold: the tolerance policy's spelling; a text it keeps is returned
// as it is.
func TestFold(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"一般公共服务支出", "一般公共服务支出"},
		{"人大事务（一）", "人大事务（一）"},
		{"人大事务(一)", "人大事务（一）"},
		{"其中: \"三公\"经费", "其中：“三公“经费"},
		{"其中：“三公”经费", "其中：“三公“经费"},
		{" 合\n计 ", "合计"},
		{"", ""},
	} {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestNames: a subject name's code among a tree's levels, by the name as
// written or as folded; "" for a name that is unknown or several codes'.
func TestNames(t *testing.T) {
	cat := Catalog{
		"201":   "一般公共服务支出",
		"20101": "人大事务（一）",
		"20102": "政协事务(二)",
		"20103": "其他（三）",
		"20104": "其他(三)",
		"208":   "其他",
		"20801": "其他",
		"209":   "专项",
		"20901": "专项 支出",
	}
	tree := &Row{Tree: "function", Levels: []int{3, 5}}
	top := &Row{Tree: "function", Levels: []int{3}}
	n := NewNames(cat)
	for _, tt := range []struct {
		tree   *Row
		name   string
		folded bool // looked up folded (codeOfFolded), else as written (CodeOf)
		want   string
	}{
		{tree, "一般公共服务支出", false, "201"},
		{tree, "人大事务（一）", false, "20101"},
		{tree, "人大事务(一)", false, ""},
		{tree, "人大事务（一）", true, "20101"},
		{tree, "政协事务（二）", true, "20102"},
		{tree, "其他（三）", false, "20103"},
		{tree, "其他（三）", true, ""}, // 20103 as written, 20104 folded
		{tree, "其他", false, ""},
		{top, "其他", false, "208"},
		{tree, "专项支出", true, "20901"},
		{tree, "未知", false, ""},
		{tree, "", false, ""},
	} {
		var got string
		if tt.folded {
			got = n.codeOfFolded(tt.tree, Fold(tt.name))
		} else {
			got = n.CodeOf(tt.tree, tt.name)
		}
		if got != tt.want {
			t.Errorf("%s (levels %v, folded %v) = %q, want %q", tt.name, tt.tree.Levels, tt.folded, got, tt.want)
		}
	}
	if got := (*Names)(nil).CodeOf(tree, "其他"); got != "" {
		t.Errorf("nil Names: %q", got)
	}
}
