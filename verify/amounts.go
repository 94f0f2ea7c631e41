package verify

import (
	"budgetxl/extract"
	"budgetxl/pack"
	"budgetxl/plan"
)

// checkInputs checks the amounts typed into a budget table: each on a
// code as deep as the table discloses to (the tree's leaf), and none
// negative unless its column allows it. Input cells are those of the plan
// the templates imply, found at the rows the workbook has them.
func (c *checker) checkInputs(t *pack.Table, f *extract.Found) {
	e := c.expect.Sheet(t.Sheet)
	if t.Kind == pack.KindForm || f.Sheet == nil || (f.Empty && !t.EmptyRows) || e == nil {
		return
	}
	sheet := f.Sheet.Name
	// Where the rows stand as the templates place them (checkTable), each
	// input is where the plan has it; else the input cells of a side's
	// row, which share its key, find it once.
	inPlace := !c.moved[sheet]
	lastSide, lastKey, r, found := -1, "", 0, false
	check := func(want *plan.Cell) {
		if want.Kind != plan.Input {
			return
		}
		si := sideOfColumn(t, int(want.Col))
		if inPlace {
			r, found = int(want.Row), true
		} else if si != lastSide || want.Key != lastKey {
			lastSide, lastKey = si, want.Key
			r, found = f.Rows[si][want.Key]
		}
		if !found {
			return
		}
		v, ok := c.values.num(sheet, int(want.Col), r)
		if !ok || v.IsZero() {
			return
		}
		at := pack.CellName(int(want.Col), r)
		// An input on a code row is a leaf: a code with codes below it is a sum.
		if tree := t.Sides[si].TreeRow(); tree != nil && pack.IsDigits(want.Key) && len(want.Key) < tree.Leaf {
			c.finding(Error, "amount.depth", sheet, at, "", money(v),
				"code %s holds the amount %s but has no codes below it: this table discloses amounts to codes of %d digits",
				want.Key, money(v), tree.Leaf)
		}
		if v.IsNegative() && !t.Column(want.Column).Negative {
			c.finding(Warning, "amount.negative", sheet, at, "", money(v),
				"the amount %s is negative: the templates do not allow negative amounts in this column", money(v))
		}
	}
	for off, row := range e.Rows[e.DataFirst-1:] {
		planned := e.DataFirst + off
		for col, want := range row {
			switch {
			case want != nil:
				check(want)
			case !inPlace && e.BlankInput(col+1, planned):
				check(e.Cell(col+1, planned)) // its cell is found by its key
			}
		}
		if !inPlace {
			continue
		}
		for _, got := range heldBlanks(e, f.Sheet, planned) {
			check(e.Cell(got.Col, planned))
		}
	}
}

// sideOfColumn is the index of the side that holds column number col.
func sideOfColumn(t *pack.Table, col int) int {
	for si := len(t.Sides) - 1; si > 0; si-- {
		if col >= sideFirstColumn(t, si) {
			return si
		}
	}
	return 0
}
