package pdftext

import (
	"regexp"
	"strconv"
	"strings"

	"budgetxl/pack"
)

// compile returns the pattern of template tpl (see pack.Pattern for the
// tolerance policy).
func compile(tpl string) *pack.Pattern { return pack.Compile(tpl) }

// same reports whether text is label, up to bracket width and spaces.
func same(label, text string) bool { return pack.Same(label, text) }

// yearOf returns the year a match gives, 0 when none.
func yearOf(m map[string]string) int {
	y, _ := strconv.Atoi(m["year"])
	return y
}

// amountUnit reads the amount unit of a units line or a template's units
// text ("单位：万元"); "" when it names none.
func amountUnit(s string) (unit string, ok bool) {
	m := unitsRe.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return "", false
	}
	return strings.TrimSpace(m[1]), true
}

var unitsRe = regexp.MustCompile(`^(?:金额)?单\s*位\s*[:：]\s*(.+)$`)

// decimals is the power of ten of an amount unit: 元 0, 万元 4.
func decimals(unit string) int32 {
	if unit == "万元" {
		return 4
	}
	return 0
}
