package pack

import (
	"budgetxl/msg"
	"strconv"
	"strings"
)

// Range is a rectangle of cells, 1-based and inclusive.
type Range struct{ Col1, Row1, Col2, Row2 int }

// ParseRange parses "A1:B2" (or a single cell "C3") into a Range.
func ParseRange(s string) (Range, error) {
	a, b, ok := strings.Cut(s, ":")
	if !ok {
		b = a
	}
	c1, r1, err1 := ParseCell(a)
	c2, r2, err2 := ParseCell(b)
	if err1 != nil || err2 != nil {
		return Range{}, msg.Errorf("%q is not a range such as \"A1:B2\"", s)
	}
	if c2 < c1 || r2 < r1 {
		return Range{}, msg.Errorf("%q: write the top-left cell first", s)
	}
	return Range{c1, r1, c2, r2}, nil
}

// ParseCell parses an A1 cell name into column and row numbers (1-based).
func ParseCell(s string) (col, row int, err error) {
	i := 0
	for i < len(s) && s[i] >= 'A' && s[i] <= 'Z' {
		col = col*26 + int(s[i]-'A'+1)
		i++
	}
	if i == 0 || i > 3 || i == len(s) {
		return 0, 0, msg.Errorf("%q is not a cell name", s)
	}
	row, err = strconv.Atoi(s[i:])
	if err != nil || row < 1 || s[i] == '0' {
		return 0, 0, msg.Errorf("%q is not a cell name", s)
	}
	return col, row, nil
}

// ColumnName turns a 1-based column number into letters: 1 → A, 27 → AA.
func ColumnName(col int) string { return string(appendColumn(nil, col)) }

// appendColumn appends the letters of column col to b.
func appendColumn(b []byte, col int) []byte {
	var letters [16]byte // an int has at most 14 letters
	i := len(letters)
	for col > 0 {
		col--
		i--
		letters[i] = byte('A' + col%26)
		col /= 26
	}
	return append(b, letters[i:]...)
}

// CellName turns 1-based column and row numbers into an A1 name.
func CellName(col, row int) string {
	var buf [32]byte
	return string(AppendCellName(buf[:0], col, row))
}

// AppendCellName appends the A1 name of the cell at col and row to b.
func AppendCellName(b []byte, col, row int) []byte {
	return strconv.AppendInt(appendColumn(b, col), int64(row), 10)
}
