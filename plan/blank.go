package plan

// A plan made for comparison (BuildContent) gives a blank input, an
// amount cell the dataset has no figure for, no Cell of its own: the
// blank inputs of a column are alike but for their place and row key,
// and a large unit has as many of them as of all its other cells (91,000
// of 185,000 for 7,000 codes). Sheet.Cell and Book.Lookup make one when
// asked; Sheet.Rows and the Cells iterators leave them out, and
// Sheet.BlankInput tells their places.

// blankInputs records the blank inputs of one table's data area.
type blankInputs struct {
	first, width, height int
	bits                 []uint64   // by (row-first)*width + col-1
	protos               []*Cell    // by col-1: the column's blank input, but for its place and key; nil before the first
	side                 []int      // by col-1: the side the column belongs to
	keys                 [][]string // by side, by row-first: the row's key
	some                 bool       // one is recorded
}

func newBlankInputs(first, width, height int, sides []int) *blankInputs {
	return &blankInputs{first: first, width: width, height: height, bits: make([]uint64, (height*width+63)/64),
		protos: make([]*Cell, width), side: sides}
}

// take records c, just planned at its place, as a blank input if it is
// one that the column's first blank input stands for; it reports whether
// it did, and then c is not kept.
func (bi *blankInputs) take(c *Cell) bool {
	if c.Kind != Input || !c.Blank || c.Text != "" || !c.Value.IsZero() || c.Formula != nil || c.Declared != nil {
		return false
	}
	col, off := int(c.Col), int(c.Row)-bi.first
	p := bi.protos[col-1]
	switch {
	case p == nil:
		p = new(Cell)
		*p = *c
		p.Col, p.Row, p.Key = 0, 0, ""
		bi.protos[col-1] = p
	case p.Column != c.Column || p.Entry != c.Entry || p.Style != c.Style || p.Parts != c.Parts || p.state != c.state: // both of value zero
		return false
	}
	s := bi.side[col-1]
	for len(bi.keys) <= s {
		bi.keys = append(bi.keys, nil)
	}
	if bi.keys[s] == nil {
		bi.keys[s] = make([]string, bi.height)
	}
	bi.keys[s][off] = c.Key
	i := off*bi.width + col - 1
	bi.bits[i/64] |= 1 << (i % 64)
	bi.some = true
	return true
}

// has reports whether (col, row) holds a blank input.
func (bi *blankInputs) has(col, row int) bool {
	if bi == nil || col < 1 || col > bi.width || row < bi.first {
		return false
	}
	i := (row-bi.first)*bi.width + col - 1
	return i/64 < len(bi.bits) && bi.bits[i/64]&(1<<(i%64)) != 0
}

// cell makes the blank input at (col, row), which has one.
func (bi *blankInputs) cell(col, row int) *Cell {
	c := new(Cell)
	*c = *bi.protos[col-1]
	c.Col, c.Row, c.Key = int32(col), int32(row), bi.keys[bi.side[col-1]][row-bi.first]
	return c
}

// BlankInput reports whether (col, row) holds a blank input that Rows
// leaves out (a plan made by BuildContent; see Cell).
func (s *Sheet) BlankInput(col, row int) bool { return s.blanks.has(col, row) }

// BlankInputs reports whether Rows leaves out any blank input.
func (s *Sheet) BlankInputs() bool { return s.blanks != nil && s.blanks.some }
