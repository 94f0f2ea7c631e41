package verify

import (
	"slices"
	"testing"

	"budgetxl/workbook"
)

// TestRowStart finds a row's first cell in Sheet.Cells both from the part
// of Cells that Row returns and from a copy of it.
func TestRowStart(t *testing.T) {
	s := &workbook.Sheet{}
	for _, rc := range [][2]int{{1, 1}, {1, 3}, {2, 2}, {4, 1}, {4, 2}, {4, 5}, {7, 3}} {
		s.Cells = append(s.Cells, &workbook.Cell{Row: rc[0], Col: rc[1]})
	}
	for _, row := range []int{1, 2, 4, 7} {
		cells := s.Row(row)
		want := slices.Index(s.Cells, cells[0])
		if got := rowStart(s, cells); got != want {
			t.Errorf("row %d: rowStart = %d, want %d", row, got, want)
		}
		if got := rowStart(s, slices.Clone(cells)); got != want {
			t.Errorf("row %d, a copy: rowStart = %d, want %d", row, got, want)
		}
	}
}
