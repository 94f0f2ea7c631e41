package plan

import (
	"strings"

	"budgetxl/dataset"
	"budgetxl/pack"

	"github.com/shopspring/decimal"
)

// Difference is a published figure of the dataset that differs from the
// value of the live formula in its cell. Amounts are in the dataset's unit.
type Difference struct {
	Sheet, Cell string
	Row         string // code and name, or the fixed row's label
	Column      string // the column's header text
	Published   decimal.Decimal
	Computed    decimal.Decimal
	Delta       decimal.Decimal // Published - Computed
	// Parts is the number of rounded non-zero inputs the computed value adds up.
	Parts int
	// Tolerance is (Parts+1) × 0.005: each published part and the published
	// total itself may be off by half a cent of rounding.
	Tolerance decimal.Decimal
	Within    bool
}

var halfCent = decimal.New(5, -3)

// compare lists every declared figure that differs from its cell's value,
// from the published cells that evaluate found.
func (b *builder) compare(published []step) {
	for _, p := range published {
		sh, c := p.sheet, p.cell
		scale := int32(0) // forms hold amounts in their own units, as given
		if sh.Table.Kind != pack.KindForm {
			scale = -b.scale(sh.Table) // the cell's unit → the dataset's
		}
		computed := c.Value.Shift(scale)
		if computed.Equal(c.Declared.Amount) {
			continue
		}
		delta := c.Declared.Amount.Sub(computed)
		tol := halfCent.Mul(decimal.NewFromInt(int64(c.Parts) + 1))
		row, col := RowLabel(sh, c), ColumnTitle(sh, c.Col)
		if sh.Table.Kind == pack.KindForm {
			row, col = c.Key, sh.Table.Form.Field(c.Column).Label
		}
		b.book.Differences = append(b.book.Differences, Difference{
			Sheet: sh.Name, Cell: c.Address(), Row: row, Column: col,
			Published: c.Declared.Amount, Computed: computed, Delta: delta,
			Parts: int(c.Parts), Tolerance: tol, Within: delta.Abs().LessThanOrEqual(tol),
		})
	}
}

// ColumnTitle is the header text of a column: its lowest non-empty header
// cell, on one line.
func ColumnTitle(sh *Sheet, col int32) string {
	for r := sh.HeaderLast; r >= sh.HeaderFirst; r-- {
		if c := sh.Cell(int(col), r); c != nil && c.Text != "" {
			return strings.ReplaceAll(c.Text, "\n", "")
		}
	}
	return ""
}

// RowLabel names c's row for people: the code and name, or the label,
// from the columns of c's own side.
func RowLabel(sh *Sheet, c *Cell) string {
	first, col := 1, int(c.Col)
	for _, s := range sh.Table.Sides {
		last := first + len(s.Columns) - 1
		if col <= last {
			break
		}
		first = last + 1
	}
	var parts []string
	for left := first; left < col; left++ {
		if x := sh.Cell(left, int(c.Row)); x != nil && x.Kind == Text && x.Text != "" {
			parts = append(parts, x.Text)
		}
	}
	return strings.Join(parts, " ")
}

// Money formats an amount as the tables show it (see dataset.FormatAmount).
func Money(d decimal.Decimal) string { return dataset.FormatAmount(d) }
