package pack

import (
	"fmt"
	"regexp"
	"testing"
)

// fieldRe is what CellFields finds.
var fieldRe = regexp.MustCompile(`\{([^{}]*)\}`)

// TestCellFieldsLikeRegexp: CellFields finds what fieldRe finds.
func TestCellFieldsLikeRegexp(t *testing.T) {
	for _, s := range []string{"", "{a}", "x{a}y{b}", "{{a}}", "{a{b}", "}{a}", "{a", "{}", "{a}{b}{", "{sum:weight}", "{a}}{b}"} {
		var want []string
		for _, m := range fieldRe.FindAllStringSubmatch(s, -1) {
			want = append(want, m[1])
		}
		if got := CellFields(s); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%q: %q, want %q", s, got, want)
		}
	}
}
