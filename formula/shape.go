package formula

import "strconv"

// A workbook's formulas come in shapes: the formulas of a column differ
// only by their row (=D11+E11, =D12+E12, ...). A Book parses each shape
// once, and the other formulas of the shape share its tree: each moves
// its relative rows by how far below the shape's formula it stands
// (formCell.delta) as it reads them, which is what parsing it would give.
//
// The shape of a formula is its source with each row number of a relative
// reference written as its distance from the formula's row. The rows are
// found in the text as the runs of ASCII digits that follow an ASCII
// letter (the column of A1 or $A1). A formula is cached only if those runs
// are exactly its references' relative rows, in source order: a digit run
// that is anything else (in a sheet name such as Sheet1, a function name
// such as LOG10, a string "A1", a number 1E5) or a row range (3:4) leaves
// the formula to Parse.

// shape is a parsed formula and the row of the cell it was parsed for.
type shape struct {
	f   *Formula
	row int
}

// maxRowDigits is the length of MaxRow's digits.
const maxRowDigits = 7

// shapeKey appends to key the shape of src in a formula of row row, and
// reports whether src has one that can be cached: each digit run that
// follows an ASCII letter becomes 0, its length, its distance from row
// and 0 (src must have no 0 byte); such a run must be a row: 1 to MaxRow
// without leading zeros.
func shapeKey(key []byte, src string, row int) ([]byte, bool) {
	for i := 0; i < len(src); i++ {
		c := src[i]
		if c == 0 {
			return key, false
		}
		if !isDigit(c) || i == 0 || !isASCIILetter(src[i-1]) {
			key = append(key, c)
			continue
		}
		j := i
		for j < len(src) && isDigit(src[j]) {
			j++
		}
		if c == '0' || j-i > maxRowDigits {
			return key, false
		}
		n, _ := strconv.Atoi(src[i:j])
		if n > MaxRow {
			return key, false
		}
		key = append(key, 0, byte('0'+j-i))
		key = strconv.AppendInt(key, int64(n-row), 10)
		key = append(key, 0)
		i = j - 1
	}
	return key, true
}

func isASCIILetter(c byte) bool { return 'A' <= c&^0x20 && c&^0x20 <= 'Z' }

// cacheable reports whether the relative rows of f's references are
// exactly the digit runs that shapeKey read in src, in order: the rows
// that moving f to another row moves.
func cacheable(f *Formula, src string) bool {
	var rows []int
	ok := true
	walk(f.Root, func(n Node) {
		switch n := n.(type) {
		case *RefNode:
			if !n.Cell.AbsRow {
				rows = append(rows, n.Cell.Row)
			}
		case *RangeNode:
			switch n.Kind {
			case RowRange:
				ok = false
			case CellRange:
				for _, r := range []CellRef{n.From, n.To} {
					if !r.AbsRow {
						rows = append(rows, r.Row)
					}
				}
			}
		}
	})
	if !ok {
		return false
	}
	k := 0
	for i := 0; i < len(src); i++ {
		if !isDigit(src[i]) || i == 0 || !isASCIILetter(src[i-1]) {
			continue
		}
		j := i
		for j < len(src) && isDigit(src[j]) {
			j++
		}
		n, _ := strconv.Atoi(src[i:j])
		if k == len(rows) || rows[k] != n {
			return false
		}
		k++
		i = j - 1
	}
	return k == len(rows)
}

// moved returns r with its row moved by delta if it is relative and r has
// a row (not in a column range).
func (r CellRef) moved(delta int) CellRef {
	if !r.AbsRow && r.Row != 0 {
		r.Row += delta
	}
	return r
}

// parse parses the formula of a cell in row row: the tree of its shape
// if the book has parsed the shape before, with the rows the cell stands
// below the shape's (delta), by which its relative references move.
func (b *Book) parse(src string, row int) (f *Formula, delta int32, err error) {
	key, ok := shapeKey(b.keyBuf[:0], src, row)
	b.keyBuf = key
	if !ok {
		f, err = Parse(src)
		return f, 0, err
	}
	if s, hit := b.shapes[string(key)]; hit {
		return s.f, int32(row - s.row), nil
	}
	f, err = Parse(src)
	if err == nil && cacheable(f, src) {
		if b.shapes == nil {
			b.shapes = map[string]shape{}
		}
		b.shapes[string(key)] = shape{f, row}
	}
	return f, 0, err
}
