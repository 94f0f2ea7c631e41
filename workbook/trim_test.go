package workbook

import (
	"strings"
	"testing"
)

// TestTrimSpace: trimSpace is strings.TrimSpace.
func TestTrimSpace(t *testing.T) {
	for _, s := range []string{"", " ", "a", " a ", "行政运行", "　行政运行　", "行政运行\u3000", "\u00a0x", "x\u0085", "\u2003合计",
		"合计\u205f", "\u1680", "说明。", "、说明", "说明」\u3000", "\t\n", "a\tb", "\xff", "\xe3\x80", "x\xe3\x80", "\xc2", "1234.5", " 12 ", "（一）行政运行", "行政运行 "} {
		if got, want := trimSpace(s), strings.TrimSpace(s); got != want {
			t.Errorf("trimSpace(%q) = %q, want %q", s, got, want)
		}
	}
}

// FuzzTrimSpace holds trimSpace to strings.TrimSpace.
func FuzzTrimSpace(f *testing.F) {
	f.Add("　行政运行 ")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := trimSpace(s), strings.TrimSpace(s); got != want {
			t.Errorf("trimSpace(%q) = %q, want %q", s, got, want)
		}
	})
}
