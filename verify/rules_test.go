package verify

import (
	"slices"
	"testing"
)

// TestMergeCodes checks the merge of two tables' sorted codes into one
// list in code order, each code once.
func TestMergeCodes(t *testing.T) {
	cases := []struct {
		a, b, want []string
	}{
		{nil, nil, nil},
		{nil, []string{"201"}, []string{"201"}},
		{[]string{"201"}, nil, []string{"201"}},
		{[]string{"201", "20101"}, []string{"201", "20102"}, []string{"201", "20101", "20102"}},
		{[]string{"20101", "2010101"}, []string{"201", "205"}, []string{"201", "20101", "2010101", "205"}},
		{[]string{"205"}, []string{"201", "203"}, []string{"201", "203", "205"}},
	}
	for _, c := range cases {
		if got := mergeCodes(c.a, c.b); !slices.Equal(got, c.want) {
			t.Errorf("mergeCodes(%q, %q) = %q, want %q", c.a, c.b, got, c.want)
		}
	}
}
