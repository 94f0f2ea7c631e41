package pack

import "testing"

func TestChineseNumeral(t *testing.T) {
	for n, want := range map[int]string{1: "一", 9: "九", 10: "十", 11: "十一", 20: "二十", 23: "二十三", 100: "一百", 105: "一百零五", 110: "一百一十", 999: "九百九十九", 0: "", 1000: ""} {
		if got := ChineseNumeral(n); got != want {
			t.Errorf("ChineseNumeral(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestOrdinals: the ordinal of a level written and taken off again, by
// the tolerance policy; a name without one, or a level without a format,
// is left alone.
func TestOrdinals(t *testing.T) {
	r := &Row{Tree: "function", Levels: []int{3, 5, 7}, Ordinals: []string{"{n}、", "（{n}）"}}
	for _, c := range []struct {
		length, n int
		want      string
	}{{3, 1, "一、"}, {3, 12, "十二、"}, {5, 2, "（二）"}, {7, 1, ""}} {
		if got := r.Ordinal(c.length, c.n); got != c.want {
			t.Errorf("Ordinal(%d, %d) = %q, want %q", c.length, c.n, got, c.want)
		}
	}
	for in, want := range map[string]string{
		"一、一般公共服务支出":      "一般公共服务支出",
		" 十二 、 教育支出":      "教育支出",
		"（三）人大事务":         "人大事务",
		"(三)人大事务":         "人大事务",
		"一般公共服务支出":        "一般公共服务支出",
		"十三五规划":           "十三五规划",
		"一、":              "一、",
		"政府办公厅（室）及相关机构事务": "政府办公厅（室）及相关机构事务",
	} {
		if got := r.StripOrdinal(in); got != want {
			t.Errorf("StripOrdinal(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestMergeOwners: each marker belongs to the cell it continues, through
// chains of markers; a marker with nothing to continue is its own.
func TestMergeOwners(t *testing.T) {
	got := MergeOwners([][]string{
		{"a", "<", "<", "b"},
		{"^", "^", "c", "^"},
		{"<", "d"},
	}, 4)
	want := [][][2]int{
		{{0, 0}, {0, 0}, {0, 0}, {0, 3}},
		{{0, 0}, {0, 0}, {1, 2}, {0, 3}},
		{{2, 0}, {2, 1}, {2, 2}, {2, 3}},
	}
	for r := range want {
		for c := range want[r] {
			if got[r][c] != want[r][c] {
				t.Errorf("owner of (%d,%d) = %v, want %v", r, c, got[r][c], want[r][c])
			}
		}
	}
}
