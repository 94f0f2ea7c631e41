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
