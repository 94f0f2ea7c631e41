package pack

import (
	"slices"
	"strings"

	"github.com/shopspring/decimal"
)

// Layout is where a budget table's parts stand on its sheet, compiled once
// from the checked table (see Compile): plan places cells by it, extract
// reads a workbook by it and import reads a PDF's rows by it, so that the
// three agree on one geometry and one row recogniser (Recognise).
type Layout struct {
	// Width is the number of columns of all sides.
	Width int
	// TitleRow and UnitsRow are the rows of the title and the units line.
	TitleRow, UnitsRow int
	// UnitsRight is the first column of the units line's right part, when
	// it has two (units_left); 0 for a units line of one cell.
	UnitsRight int
	// HeaderFirst and HeaderLast are the rows of the header block.
	HeaderFirst, HeaderLast int
	// DataFirst is the first row below the header: the first body row, or
	// the row of the empty note.
	DataFirst int
	// AmountUnit is the unit the table's amount cells hold and show, as its
	// units line names it: "元" (to the 分) or "万元" (when it names none).
	AmountUnit string
	// Widths are the columns' widths in characters, defaults applied.
	Widths []float64
	// Merges are the header's merges, placed on the sheet.
	Merges []Range
	// Sides are the table's sides, left to right.
	Sides []*SideLayout
	// Amounts are the keys of the table's amount columns (AmountKeys): a
	// dataset row holds its amounts in this order (dataset.Row.Values).
	Amounts []string
	// HeaderLines are the header rows as lines of text give them: each
	// row's cells in column order; a cell merged over several header rows
	// (科目名称 beside 类 | 款 | 项) is printed on any one of its rows, so it
	// is optional on each.
	HeaderLines [][]HeaderCell
}

// SideLayout is where one side stands, and how its rows are known.
type SideLayout struct {
	Side *Side
	// First is the sheet column (1-based) of the side's first column.
	First int
	// Code and Name are the indexes in Side.Columns of the first code and
	// the first name column; -1 when the side has none.
	Code, Name int
	// Amounts maps each index in Side.Columns to the column's place in
	// Layout.Amounts; -1 for a column that is not an amount.
	Amounts []int
	// CodeParts are the indexes in Side.Columns of the code columns that
	// split a code (Column.Level), by level; nil for a code in one column.
	CodeParts []int
	// Tree is the side's code tree, nil when it has none.
	Tree *Row
	// Fixed are the fixed rows with a label, body then foot: known by it.
	Fixed []*Row
	// Plain are the fixed rows without a label (附件4-4's one row of
	// amounts): known by their place.
	Plain []*Row
	// Placed maps an offset below DataFirst to the fixed row without a
	// label that stands there: those before any code tree stand where the
	// body starts, whatever the data.
	Placed map[int]*Row
}

// Column returns the sheet column (1-based) of the side's column key, 0 if none.
func (sl *SideLayout) Column(key string) int {
	if i := sl.Index(key); i >= 0 {
		return sl.First + i
	}
	return 0
}

// Index returns the index in Side.Columns of the column key, -1 if none.
func (sl *SideLayout) Index(key string) int {
	for i, c := range sl.Side.Columns {
		if c.Key == key {
			return i
		}
	}
	return -1
}

// Amount returns the place of amount column key in Amounts, -1 if none.
func (l *Layout) Amount(key string) int {
	return slices.Index(l.Amounts, key)
}

// TenK converts an amount of the table's cells to 万元.
func (l *Layout) TenK(v decimal.Decimal) decimal.Decimal {
	if l.AmountUnit == "元" {
		return v.Shift(-4)
	}
	return v
}

// Default column widths, in characters.
const (
	WidthCode   = 12
	WidthName   = 34
	WidthAmount = 15
)

// compileLayout computes the layout of budget table t, checked already.
func compileLayout(t *Table) *Layout {
	l := &Layout{TitleRow: 1, UnitsRow: 2, HeaderFirst: 3, AmountUnit: "万元"}
	if t.AmountUnit() == "元" {
		l.AmountUnit = "元"
	}
	l.HeaderLast = l.HeaderFirst + len(t.Header) - 1
	width := 0
	for _, s := range t.Sides {
		width += len(s.Columns)
	}
	if t.UnitsLeft != "" {
		l.UnitsRight = width - width/2 + 1 // the left part takes the larger half
	}
	l.DataFirst = l.HeaderLast + 1
	for _, m := range t.Merges {
		r, _ := ParseRange(m)
		off := l.HeaderFirst - 1
		l.Merges = append(l.Merges, Range{Col1: r.Col1, Row1: r.Row1 + off, Col2: r.Col2, Row2: r.Row2 + off})
	}
	l.HeaderLines = headerLines(t)
	l.Amounts = t.AmountKeys()
	for _, s := range t.Sides {
		sl := &SideLayout{Side: s, First: l.Width + 1, Code: -1, Name: -1, Tree: s.TreeRow(), Placed: map[int]*Row{}}
		for i, c := range s.Columns {
			at := -1
			if c.Kind == KindAmount {
				at = l.Amount(c.Key)
			}
			sl.Amounts = append(sl.Amounts, at)
			switch {
			case c.Kind == KindCode && sl.Code < 0:
				sl.Code = i
			case c.Kind == KindName && sl.Name < 0:
				sl.Name = i
			}
			if c.Kind == KindCode && c.Level > 0 {
				sl.CodeParts = append(sl.CodeParts, i) // checked: levels 1, 2, … in order
			}
			w := c.Width
			if w == 0 {
				w = map[string]float64{KindCode: WidthCode, KindName: WidthName, KindAmount: WidthAmount}[c.Kind]
			}
			l.Widths = append(l.Widths, w)
		}
		tree := false
		for i, r := range s.Rows {
			tree = tree || r.IsTree()
			if !tree && !r.Blank && r.Label == "" {
				sl.Placed[i] = r
			}
		}
		for _, r := range append(append([]*Row{}, s.Rows...), s.Foot...) {
			switch {
			case r.IsTree() || r.Blank:
			case r.Label == "":
				sl.Plain = append(sl.Plain, r)
			default:
				sl.Fixed = append(sl.Fixed, r)
			}
		}
		l.Width += len(s.Columns)
		l.Sides = append(l.Sides, sl)
	}
	return l
}

// HeaderCell is a cell of a header row as a line of text may give it.
type HeaderCell struct {
	Text string // the template's text
	// Optional is set for a cell merged over several header rows: the
	// text is printed on one of them, which one is not known.
	Optional bool
}

// headerLines lists each header row's cells as a line of text gives them
// (see Layout.HeaderLines): its non-empty texts in column order, with the
// texts of cells merged over several rows that cover it, optional.
func headerLines(t *Table) [][]HeaderCell {
	var spans []Range // merges over several rows, in header coordinates
	for _, m := range t.Merges {
		if r, err := ParseRange(m); err == nil && r.Row2 > r.Row1 {
			spans = append(spans, r)
		}
	}
	var out [][]HeaderCell
	for i, row := range t.Header {
		var cells []HeaderCell
		for j := range row {
			col, text, optional := j+1, row[j], false
			for _, sp := range spans {
				if col >= sp.Col1 && col <= sp.Col2 && i+1 >= sp.Row1 && i+1 <= sp.Row2 {
					optional = true
					if col == sp.Col1 {
						text = t.Header[sp.Row1-1][sp.Col1-1] // the merged cell's text, on any of its rows
					}
				}
			}
			if strings.TrimSpace(text) != "" {
				cells = append(cells, HeaderCell{text, optional})
			}
		}
		out = append(out, cells)
	}
	return out
}

// RowMatch is what Recognise knows a row of a side's cells to be.
type RowMatch struct {
	// Key is the row's code or fixed row key; "" when the cells are none
	// of the side's rows.
	Key string
	// Name is a code row's subject name as read, without the ordinal of a
	// numbered tree (一、); "" for a fixed row.
	Name string
	// Fixed is the fixed row, nil for a code row.
	Fixed *Row
	// By is the index of the column that told the row (its code, label or
	// name), -1 for a row known by its place.
	By int
	// Exact is false for a label read only by the tolerance policy (a
	// half-width bracket): the row is known, its spelling is not the
	// template's.
	Exact bool
	// Again is set, without a Key, when the label is of a fixed row found
	// already and no other row has it.
	Again *Row
	// BadLevel is set, without a Key, when the code cell holds digits
	// whose length is not a level of the tree.
	BadLevel string
}

// Recognise knows a side's cells of one row, text(i) being the text of
// the side's column i: by its code (a code tree's row), else by the label
// of a fixed row not in used, else (a side with names but no codes, as
// 附件4-1's expenditure) by its subject name in catalog cat, else, when
// only amount cells hold text, as the next fixed row without a label not
// in used. Labels and names are read by the tolerance policy (see
// Pattern). Of fixed rows with the same label (附件4-1's 一般公共预算拨款
// under 一、本年收入 and under 二、上年结转) it takes the first after the
// last row used, so that a row missing from the text does not let the next
// one take its place; else the first unused.
//
// It is the one row recogniser of extract and import; it reads, it does
// not judge: a code not in the catalog is a code row all the same.
func (sl *SideLayout) Recognise(text func(int) string, used map[*Row]bool, cat *Names) RowMatch {
	get := func(i int) string {
		if i < 0 {
			return ""
		}
		return strings.TrimSpace(text(i))
	}
	raw := func(i int) string {
		if i < 0 {
			return ""
		}
		return text(i)
	}
	no := RowMatch{By: -1}
	if code, whole := sl.code(get); sl.Tree != nil && code != "" {
		if !whole || !sl.Tree.HasLevel(code) {
			no.BadLevel = code
			return no
		}
		return RowMatch{Key: code, Name: sl.Tree.StripOrdinal(raw(sl.Name)), By: sl.Code, Exact: true}
	}
	if fr, again, at := sl.fixedRow(used, get); fr != nil {
		return RowMatch{Key: fr.Key, Fixed: fr, By: at, Exact: Exact(fr.Label, get(at))}
	} else if again != nil {
		no.Again = again
		return no
	}
	if sl.Tree != nil && sl.Code < 0 && strings.TrimSpace(raw(sl.Name)) != "" {
		name := sl.Tree.StripOrdinal(raw(sl.Name))
		if code := cat.CodeOf(sl.Tree, name); code != "" {
			return RowMatch{Key: code, Name: name, By: sl.Name, Exact: true}
		}
		if code := cat.codeOfFolded(sl.Tree, Fold(name)); code != "" {
			return RowMatch{Key: code, Name: name, By: sl.Name}
		}
		return no
	}
	text2, amounts := false, false
	for i, c := range sl.Side.Columns {
		if get(i) == "" {
			continue
		}
		if c.Kind == KindAmount {
			amounts = true
		} else {
			text2 = true
		}
	}
	if !text2 && amounts {
		for _, r := range sl.Plain {
			if !used[r] {
				return RowMatch{Key: r.Key, Fixed: r, By: -1, Exact: true}
			}
		}
	}
	return no
}

// code reads the code of a row: the digits of the code column, or those of
// the columns that split it (CodeParts), each of its level's length, from
// the first level on. whole is false for parts that do not make a code
// (a part of another length, a gap): code then joins what the cells hold,
// for the message. "" for cells that hold no code.
func (sl *SideLayout) code(get func(int) string) (code string, whole bool) {
	if len(sl.CodeParts) == 0 {
		if c := get(sl.Code); IsDigits(c) {
			return c, true
		}
		return "", false
	}
	whole = true
	prev, gap := 0, false
	for k, i := range sl.CodeParts {
		part := get(i)
		switch {
		case part == "":
			gap = true
		case !IsDigits(part):
			return "", false // a label (合计) in the first code column
		case gap || len(part) != sl.Tree.Levels[k]-prev:
			whole = false
			code += part
		default:
			code += part
		}
		prev = sl.Tree.Levels[k]
	}
	return code, whole && code != ""
}

// CodePart is what code column c shows of code: the whole code, or for a
// column that splits codes (Column.Level) the digits its level adds, ""
// when the code does not reach that level.
func (c *Column) CodePart(code string, tree *Row) string {
	if c.Level == 0 || tree == nil {
		return code
	}
	from, to := 0, tree.Levels[c.Level-1]
	if c.Level > 1 {
		from = tree.Levels[c.Level-2]
	}
	if len(code) < to {
		return ""
	}
	return code[from:to]
}

// fixedRow finds the fixed row whose label the cells give in its column,
// among the rows not used yet (see Recognise); again is a row with the
// label that is used already, for the message when none is left.
func (sl *SideLayout) fixedRow(used map[*Row]bool, text func(int) string) (fr, again *Row, at int) {
	last := -1
	for i, r := range sl.Fixed {
		if used[r] {
			last = i
		}
	}
	for i, r := range sl.Fixed {
		c := sl.Index(r.At)
		switch {
		case !Same(r.Label, text(c)):
		case used[r]:
			if again == nil {
				again = r
			}
		case i > last:
			return r, nil, c
		case fr == nil:
			fr, at = r, c
		}
	}
	return fr, again, at
}
