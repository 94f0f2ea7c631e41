// Package plan turns a template pack and a unit's dataset into an in-memory
// workbook: every cell is a label, an input value or a formula with its
// value, computed in decimal. fill writes a plan to .xlsx; verify rebuilds
// the plan a template implies and compares it with a received workbook.
//
// The plan knows no file format: it must not import excelize.
package plan

import (
	"fmt"
	"iter"
	"slices"
	"strings"
	"sync"

	"github.com/shopspring/decimal"

	"budgetxl/pack"
)

// Book is a planned workbook.
type Book struct {
	Sheets []*Sheet
	// Props are the document properties that identify the pack and the unit.
	Props []Prop
	// Differences lists the published figures of the dataset that differ
	// from the value of their live formula, in sheet and cell order.
	Differences []Difference
	// Warnings are what the plan had to give way on, each naming its
	// sheet and cell (a row too tall for a spreadsheet, cut to its limit).
	Warnings []error
	// Prior is the plan of the prior year's dataset, when the dataset has
	// one; its own Prior is nil.
	Prior *Book
	// PriorConflicts lists the prior year's columns whose figure in the
	// dataset differs from the prior year's dataset.
	PriorConflicts []PriorConflict

	cells     map[cellKey]*Cell // by table, row key and column key, made by the first Lookup
	indexOnce sync.Once
}

// PriorConflict is a cell of a prior year's column (pack.Column.Prior)
// whose figure in the dataset differs from the prior year's own, in 万元.
type PriorConflict struct {
	Sheet, Cell string
	Row         string // code and name, or the fixed row's label
	Column      string // the column's header text
	Given       decimal.Decimal
	Prior       decimal.Decimal
}

// Label names the conflict's cell for people: its row and its column.
func (c PriorConflict) Label() string {
	if c.Row == "" {
		return c.Column
	}
	return c.Row + " · " + c.Column
}

type cellKey struct{ table, row, column string }

// Lookup returns the cell of a table (by id) at a row key (code, fixed row
// key, or a form's record label) and a column key (or a form's field), or
// nil. A form's list fields repeat per item: Lookup gives the first.
func (b *Book) Lookup(table, row, column string) *Cell {
	b.indexOnce.Do(b.index)
	return b.cells[cellKey{table, row, column}]
}

// Column returns the amount and number cells (inputs and formulas) of a
// table's column key, or of a form's field over all its records, in order.
func (b *Book) Column(table, column string) []*Cell {
	var out []*Cell
	for sh, c := range b.Cells() {
		if sh.Table.ID == table && c.Column == column && (c.Kind == Input || c.Kind == Formula) {
			out = append(out, c)
		}
	}
	return out
}

// index fills the book's cell index (few users look cells up: the plan
// of the prior year, the 情况说明; verify and fill do not).
func (b *Book) index() {
	n := 0
	for _, sh := range b.Sheets {
		for _, row := range sh.Rows {
			for _, c := range row {
				if c != nil && c.Column != "" {
					n++
				}
			}
		}
	}
	b.cells = make(map[cellKey]*Cell, n)
	// Backwards, so that the first of cells sharing a key (a list field's
	// items) is the one kept, with one hash per cell.
	for i := len(b.Sheets) - 1; i >= 0; i-- {
		sh := b.Sheets[i]
		for r := len(sh.Rows) - 1; r >= 0; r-- {
			row := sh.Rows[r]
			for j := len(row) - 1; j >= 0; j-- {
				c := row[j]
				if c == nil && sh.blanks.has(j+1, r+1) {
					c = sh.blanks.cell(j+1, r+1)
				}
				if c != nil && c.Column != "" {
					b.cells[cellKey{sh.Table.ID, c.Key, c.Column}] = c
				}
			}
		}
	}
}

// PublishedSheet is the hidden sheet that keeps the dataset's published
// figures (sheet, cell, figure), so that extract gives them back.
const PublishedSheet = "公布数"

// Published lists the cells that carry a published figure, sheet by sheet.
func (b *Book) Published() []*Cell {
	var out []*Cell
	for _, c := range b.Cells() {
		if c.Declared != nil {
			out = append(out, c)
		}
	}
	return out
}

// Prop is one custom document property.
type Prop struct{ Name, Value string }

// Sheet is one planned worksheet.
type Sheet struct {
	Name      string
	Table     *pack.Table
	Landscape bool
	// Rows[r-1][c-1] is the cell at (c, r); nil for a cell with nothing,
	// and in a plan made by BuildContent for a blank input (see Cell).
	Rows    [][]*Cell
	Merges  []pack.Range
	Widths  []float64 // per column, in characters
	Heights map[int]float64
	// HeaderFirst and HeaderLast are the rows repeated on every printed page.
	HeaderFirst, HeaderLast int
	// DataFirst is the first row below the header.
	DataFirst int
	// Empty reports that the table has no data and shows its note: in
	// place of the rows, or below them (pack.Table.EmptyRows).
	Empty bool
	// Breaks are the rows that start a new printed page.
	Breaks []int
	// FitPage prints the sheet shrunk onto one page (see FitMost); else it
	// prints one page wide over Pages pages, broken before each of Breaks.
	FitPage bool
	// Pages is the number of pages the sheet prints on.
	Pages int
	// PageNumbers is the text of the footer that numbers the sheet's own
	// pages, with {page} and {pages}; empty for none.
	PageNumbers string

	blanks *blankInputs // BuildContent's blank inputs, nil for none
}

// growRows adds rows of width empty cells to sh up to row last, in one
// allocation.
func (sh *Sheet) growRows(last, width int) {
	n := last - len(sh.Rows)
	if n <= 0 {
		return
	}
	cells := make([]*Cell, n*width)
	sh.Rows = slices.Grow(sh.Rows, n)
	for i := range n {
		sh.Rows = append(sh.Rows, cells[i*width:(i+1)*width:(i+1)*width])
	}
}

// Kind is what a cell holds.
type Kind uint8

// Cell kinds.
const (
	Text    Kind = iota // a label: title, header, code, name
	Input               // an amount from the dataset (Blank when none was given)
	Formula             // a live formula with its computed value
	Empty               // an amount cell with nothing: a spacer row or a reference that has no target
)

// Style is the look of a cell; fill maps it to a workbook style.
type Style uint8

// Cell styles.
const (
	StyleTitle Style = iota
	StyleUnits
	StyleHeader
	StyleCode
	StyleName
	StyleLabel // a fixed row's label
	StyleAmount
	StyleNote
	StyleNumber    // a count or weight: a plain number
	StyleUnitsLeft // the left part of a units line of two (编制单位：…)
)

// Cell is one planned cell. A plan has a Cell for every cell of every
// data area and form block: its fields are laid out so that it is small.
type Cell struct {
	Text    string
	Value   decimal.Decimal // input value or formula value, in 万元
	Formula *Expr
	// Declared is the published figure the dataset gives for a cell that the
	// workbook computes; nil when none.
	Declared *Declared
	// Col and Row locate the cell (int32, which a worksheet's bounds fit,
	// keeps a Cell small); Key and Column say what it stands for.
	Col, Row int32
	Key      string // classification code or fixed row key
	Column   string // column key
	// Entry says what a clerk types into the cell; nil for a cell that
	// is not typed into (labels, formulas).
	Entry *Entry
	// Parts is the number of non-zero inputs the value adds up: 1 for a
	// non-zero input, the sum over its terms for a formula. It bounds the
	// rounding error of a value made of rounded inputs. It stops at
	// math.MaxInt32 (int32 keeps a Cell small).
	Parts int32
	Kind  Kind
	Style Style
	Blank bool // an input cell without a value
	state int8 // evaluation state
}

// Declared is a published figure of the dataset for a cell that the
// workbook computes.
type Declared struct {
	Amount decimal.Decimal // in the dataset's amount unit
	Text   string          // as the dataset writes it
}

// EntryKind is the kind of value a cell takes.
type EntryKind int

// Entry kinds.
const (
	EntryText   EntryKind = iota // free text
	EntryChoice                  // one of Choices
	EntryAmount                  // money: a decimal ≥ 0 (any sign when Negative) with at most Decimals decimals
	EntryNumber                  // a number ≥ 0: whole when Whole, at most Max
)

// Entry is what a clerk may type into a cell: a blank form unlocks the
// cell and validates what is typed.
type Entry struct {
	Kind     EntryKind
	Label    string           // what the cell asks for, for the input message
	Decimals int32            // EntryAmount: the most decimals
	Negative bool             // EntryAmount: negative amounts are allowed too
	Whole    bool             // EntryNumber: whole numbers only
	Max      *decimal.Decimal // EntryNumber, EntryAmount: the largest value; nil for none
	Choices  []string         // EntryChoice
}

// Ref names a cell, on another sheet when Sheet is not empty. Its int32
// position keeps a Term in 32 bytes (a formula has a Term per cell).
type Ref struct {
	Sheet    string
	Col, Row int32
}

// Expr is a formula: a sum of signed cell references, Terms, each moved
// by Col columns and Row rows. Formulas of one shape share their Terms so
// (a code's total in every column sums the same rows; a column's formula
// on every row the same columns): read any formula's terms with Len and
// Term, not from Terms.
type Expr struct {
	Terms    []Term
	Col, Row int32
}

// Len is the number of the formula's terms.
func (e *Expr) Len() int { return len(e.Terms) }

// Term returns the formula's term i, moved to its place.
func (e *Expr) Term(i int) Term {
	t := e.Terms[i]
	t.Ref.Col += e.Col
	t.Ref.Row += e.Row
	return t
}

// Term is one signed reference of an Expr.
type Term struct {
	Neg bool
	Ref Ref
}

// Cells yields the sheet's cells row by row, left to right, leaving out
// the positions that hold nothing, and the blank inputs of a plan made by
// BuildContent (see Cell).
func (s *Sheet) Cells() iter.Seq[*Cell] {
	return func(yield func(*Cell) bool) {
		for _, row := range s.Rows {
			for _, c := range row {
				if c != nil && !yield(c) {
					return
				}
			}
		}
	}
}

// Cells yields every sheet's cells, sheet by sheet (see Sheet.Cells), with
// the sheet each stands on.
func (b *Book) Cells() iter.Seq2[*Sheet, *Cell] {
	return func(yield func(*Sheet, *Cell) bool) {
		for _, sh := range b.Sheets {
			for c := range sh.Cells() {
				if !yield(sh, c) {
					return
				}
			}
		}
	}
}

// Cell returns the cell at (col, row), 1-based, or nil; a blank input
// that Rows leaves out (BuildContent) is made anew for each call.
func (s *Sheet) Cell(col, row int) *Cell {
	if c := s.at(col, row); c != nil || !s.blanks.has(col, row) {
		return c
	}
	return s.blanks.cell(col, row)
}

// at returns the cell Rows holds at (col, row), or nil.
func (s *Sheet) at(col, row int) *Cell {
	if row < 1 || row > len(s.Rows) || col < 1 || col > len(s.Rows[row-1]) {
		return nil
	}
	return s.Rows[row-1][col-1]
}

// Sheet returns the sheet named name, or nil.
func (b *Book) Sheet(name string) *Sheet {
	for _, s := range b.Sheets {
		if s.Name == name {
			return s
		}
	}
	return nil
}

// Address is the cell's A1 name.
func (c *Cell) Address() string { return pack.CellName(int(c.Col), int(c.Row)) }

// Text renders the formula as Excel writes it (without "="), seen from the
// sheet it stands on. A contiguous run of three or more cells becomes a
// range; an all-plus formula of several cells becomes a SUM. A sum of no
// cells (the total of a tree without codes) is the live formula 0, so that
// the cell is a formula that fill writes and verify expects alike.
func (e *Expr) Text() string { return string(e.AppendText(nil)) }

// AppendText appends the formula's Text to dst: verify compares it with
// each cell's formula without making a string of it.
func (e *Expr) AppendText(dst []byte) []byte {
	n := e.Len()
	if n == 0 {
		return append(dst, '0')
	}
	allPlus := true
	for _, t := range e.Terms {
		allPlus = allPlus && !t.Neg
	}
	if !allPlus || n <= 2 {
		for i := range n {
			t := e.Term(i)
			switch {
			case t.Neg:
				dst = append(dst, '-')
			case i > 0:
				dst = append(dst, '+')
			}
			dst = t.Ref.appendRef(dst)
		}
		return dst
	}
	dst = append(dst, "SUM("...)
	for i := 0; i < n; {
		j, last := i, e.Term(i).Ref
		for j+1 < n {
			next := e.Term(j + 1).Ref
			if !adjacent(last, next) {
				break
			}
			j, last = j+1, next
		}
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = e.Term(i).Ref.appendRef(dst)
		if j-i >= 1 {
			dst = append(dst, ':')
			dst = pack.AppendCellName(dst, int(last.Col), int(last.Row))
		}
		i = j + 1
	}
	return append(dst, ')')
}

// adjacent reports whether b is the cell right below or right of a.
func adjacent(a, b Ref) bool {
	return a.Sheet == b.Sheet && ((a.Col == b.Col && b.Row == a.Row+1) || (a.Row == b.Row && b.Col == a.Col+1))
}

// appendRef appends the reference as a formula names it.
func (r Ref) appendRef(dst []byte) []byte {
	if r.Sheet != "" {
		dst = append(dst, QuoteSheet(r.Sheet)...)
		dst = append(dst, '!')
	}
	return pack.AppendCellName(dst, int(r.Col), int(r.Row))
}

// QuoteSheet quotes a sheet name for a formula when Excel would: names
// that are not plain letters and digits (附件4-2 has a hyphen).
func QuoteSheet(name string) string {
	plain := true
	for i, r := range name {
		if !(r == '_' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r > 127 || (i > 0 && r >= '0' && r <= '9')) {
			plain = false
		}
	}
	if plain {
		return name
	}
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}

// String is the cell's content for dumps and messages.
func (c *Cell) String() string {
	switch c.Kind {
	case Text:
		return fmt.Sprintf("%q", c.Text)
	case Input:
		if c.Blank {
			return "input ·"
		}
		return "input " + c.Value.String()
	case Formula:
		return "=" + c.Formula.Text() + " → " + c.Value.String()
	}
	return "·"
}
