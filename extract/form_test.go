package extract

import (
	"strings"
	"testing"
)

// TestSameLabel: a label cell reads its label whatever its spaces and line
// breaks, as the label with every space taken out would.
func TestSameLabel(t *testing.T) {
	for _, tt := range []struct {
		text, label string
		want        bool
	}{
		{"绩效指标", "绩效指标", true},
		{"绩效\n指标", "绩效指标", true},
		{" 绩 效\u3000指标 \r\n", "绩效指标", true},
		{"绩效指标", "绩效 指标", true},
		{"", "", true},
		{"  \n", "", true},
		{"绩效", "绩效指标", false},
		{"绩效指标表", "绩效指标", false},
		{"", "绩效指标", false},
		{"绩效目标", "绩效指标", false},
		{"a\xffb", "a\uFFFDb", false},
	} {
		if got := sameLabel(tt.text, tt.label); got != tt.want {
			t.Errorf("sameLabel(%q, %q) = %v, want %v", tt.text, tt.label, got, tt.want)
		}
		// The definition it is a faster form of.
		if join := strings.Join(strings.Fields(tt.text), "") == strings.Join(strings.Fields(tt.label), ""); join != tt.want {
			t.Errorf("%q, %q: the joined fields compare %v, the table says %v", tt.text, tt.label, join, tt.want)
		}
	}
}
