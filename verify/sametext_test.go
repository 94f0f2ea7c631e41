package verify

import (
	"strings"
	"testing"
)

// TestSameText: labels compare as strings.Fields joined compares them.
func TestSameText(t *testing.T) {
	join := func(s string) string { return strings.Join(strings.Fields(s), "") }
	texts := []string{"", " ", "项目名称", "项目 名称", "项目\n名称", " 项目名称 ", "项目名", "项目名称称", "a\u3000b", "ab",
		"\xff", "\xfe", "a\xffb", "a\xfe b", "一般公共\n预算", "一般公共预算拨款", "\t", "x y z", "xyz", "x yz "}
	for _, a := range texts {
		for _, b := range texts {
			if got, want := sameText(a, b), join(a) == join(b); got != want {
				t.Errorf("sameText(%q, %q) = %v, want %v", a, b, got, want)
			}
		}
	}
}
