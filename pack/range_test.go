package pack

import "testing"

func TestColumnAndCellName(t *testing.T) {
	for _, tc := range []struct {
		col  int
		want string
	}{{1, "A"}, {26, "Z"}, {27, "AA"}, {52, "AZ"}, {53, "BA"}, {702, "ZZ"}, {703, "AAA"}, {16384, "XFD"}, {0, ""}, {-3, ""}} {
		if got := ColumnName(tc.col); got != tc.want {
			t.Errorf("ColumnName(%d) = %q, want %q", tc.col, got, tc.want)
		}
	}
	if got := CellName(3, 12); got != "C12" {
		t.Errorf("CellName(3, 12) = %q, want C12", got)
	}
	if got := string(AppendCellName([]byte("附件!"), 28, 1048576)); got != "附件!AB1048576" {
		t.Errorf("AppendCellName = %q, want 附件!AB1048576", got)
	}
}
