package plan

import (
	"budgetxl/dataset"
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"budgetxl/internal/decsum"
	"budgetxl/msg"
	"budgetxl/pack"
)

// Document property names written into every workbook.
const (
	PropPack        = "budgetxl.pack"
	PropPackVersion = "budgetxl.pack_version"
	PropPackHash    = "budgetxl.pack_hash"
	PropUnit        = "budgetxl.unit"
	PropUnitCode    = "budgetxl.unit_code"
	PropDepartment  = "budgetxl.department"
	PropYear        = "budgetxl.year"
	PropAmountUnit  = "budgetxl.amount_unit"
	PropNote        = "budgetxl.note" // written only when the dataset has a note
	// PropPackLineage names the pack and the packs it extends, with their
	// versions (pack.Pack.Lineage); written only for a pack that extends one.
	PropPackLineage = "budgetxl.pack_lineage"
	// PropVariant is the dataset's variant of the pack's texts (部门, 单位);
	// written only for a pack with variants.
	PropVariant = "budgetxl.variant"
)

// line is one data row of a side before it gets its row number.
type line struct {
	fixed *pack.Row // a fixed or blank row
	code  string    // a tree row
	tree  *pack.Row // the tree entry a code row belongs to
	at    int       // a code row's index in its table's codes (treeCodes)
}

// builder holds the state of one Build.
type builder struct {
	p     *pack.Pack
	d     *dataset.Dataset
	codes map[string][]string // table id → its code rows, parents added, sorted
	busy  map[string]bool
	index map[string]*sheetIndex
	// tables are the cells' shares of the tables placed with data rows.
	tables map[string]*tableCells
	book   *Book
	errs   []error
	// conflicts record the prior year's conflicts once every cell is placed
	// (a row's label may stand right of its cell).
	conflicts []func()
	amount    [4]*Entry // amount cells' entries: in 万元, 元; without and with negative amounts
	// exprs and terms are the rest of the blocks formulas are cut from (newExpr).
	exprs []Expr
	terms []Term
	// terms1 is room for a formula's terms before they are counted.
	terms1 []Term
	// published counts the cells given a published figure (Cell.Declared).
	published int
	// fit lays the book out for print (Build); without it (BuildContent),
	// the positions a form's merged range covers but its top-left get no
	// cell, since only print shows them (their borders).
	fit bool
}

// sheetIndex finds a sheet's cells by fixed row key and column key (the
// rows of codes are the tableCells').
type sheetIndex struct {
	sheet *Sheet
	row   map[string]int
	col   map[string]int
}

// Build plans the workbook of dataset d, made with pack p.
func Build(p *pack.Pack, d *dataset.Dataset) (*Book, error) { return build(p, d, true) }

// BuildContent plans the workbook's content as Build does, without laying
// it out for print (see Fit): no row heights, no widening of amount
// columns, no line breaks in headers and labels, no page breaks, no
// warnings about rows too tall. It is what verify compares a workbook
// with (texts compared without their white space), at a fraction of the
// cost of a form with thousands of records. Its blank inputs, amount cells
// without a figure, have no Cell in Rows (see Sheet.Cell): half the cells
// of a large unit.
func BuildContent(p *pack.Pack, d *dataset.Dataset) (*Book, error) { return build(p, d, false) }

func build(p *pack.Pack, d *dataset.Dataset, fit bool) (*Book, error) {
	b := &builder{p: p, d: d, codes: map[string][]string{}, busy: map[string]bool{}, index: map[string]*sheetIndex{}, tables: map[string]*tableCells{}, book: &Book{}, fit: fit}
	if d.Prior != nil {
		prior, err := build(d.Prior.Pack, d.Prior.Data, fit)
		if err != nil {
			return nil, err
		}
		b.book.Prior = prior
	}
	sides := map[string][]sideLines{}
	for _, t := range p.Tables {
		if t.Kind != pack.KindForm {
			sides[t.ID] = b.layout(t)
		}
	}
	if err := errors.Join(b.errs...); err != nil {
		return nil, err
	}
	var cells []func()
	for _, t := range p.Tables {
		if t.Kind == pack.KindForm {
			b.placeForm(t)
			continue
		}
		cells = append(cells, b.place(t, sides[t.ID]))
	}
	for _, f := range cells {
		f()
	}
	for _, f := range b.conflicts {
		f()
	}
	if err := errors.Join(b.errs...); err != nil {
		return nil, err
	}
	published, err := b.evaluate()
	if err != nil {
		return nil, err
	}
	for _, sh := range b.book.Sheets {
		if fit {
			b.book.Warnings = append(b.book.Warnings, Fit(sh)...)
		}
	}
	b.compare(published)
	u := d.Unit
	b.book.Props = []Prop{
		{PropPack, p.ID}, {PropPackVersion, p.Version}, {PropPackHash, p.Hash},
		{PropUnit, u.Name}, {PropUnitCode, u.Code}, {PropDepartment, u.Department}, {PropYear, strconv.Itoa(u.Year)}, {PropAmountUnit, u.AmountUnit},
	}
	if p.Base != nil {
		b.book.Props = append(b.book.Props, Prop{PropPackLineage, p.Lineage()})
	}
	if u.Variant != "" {
		b.book.Props = append(b.book.Props, Prop{PropVariant, u.Variant})
	}
	if u.Note != "" {
		b.book.Props = append(b.book.Props, Prop{PropNote, u.Note})
	}
	return b.book, nil
}

// Expand substitutes the placeholders of a title or header text; {variant}
// (in a pack's compiled texts {variant:部门|单位}) is the dataset's variant.
func Expand(s string, u dataset.Unit) string {
	if !strings.Contains(s, "{") { // most texts: no placeholder, nothing made
		return s
	}
	if strings.Contains(s, "{variant") {
		s = variantRe.ReplaceAllLiteralString(s, u.Variant)
	}
	var sb strings.Builder
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			sb.WriteString(s)
			return sb.String()
		}
		sb.WriteString(s[:i])
		s = s[i:]
		switch {
		case strings.HasPrefix(s, "{unit}"):
			sb.WriteString(u.Name)
			s = s[len("{unit}"):]
		case strings.HasPrefix(s, "{year}"):
			sb.WriteString(strconv.Itoa(u.Year))
			s = s[len("{year}"):]
		case strings.HasPrefix(s, "{unit_code}"):
			sb.WriteString(u.Code)
			s = s[len("{unit_code}"):]
		case strings.HasPrefix(s, "{department}"):
			sb.WriteString(u.Department)
			s = s[len("{department}"):]
		default:
			sb.WriteByte('{')
			s = s[1:]
		}
	}
}

var variantRe = regexp.MustCompile(`\{variant(:[^{}]*)?\}`)

// treeCodes returns the code rows of table t's tree: its own codes and those
// of the tables in codes_from, cut to the tree's levels, parents added.
func (b *builder) treeCodes(t *pack.Table) []string {
	if c, ok := b.codes[t.ID]; ok || b.busy[t.ID] {
		return c
	}
	tree := t.Tree()
	if tree == nil {
		return nil
	}
	b.busy[t.ID] = true
	var codes []string // with repeats until sorted
	last := make([]string, len(tree.Levels))
	add := func(code string) {
		n := 0
		for _, l := range tree.Levels {
			if l <= len(code) {
				n = l
			}
		}
		if n == 0 {
			return
		}
		for i, l := range tree.Levels {
			// A parent comes once for the run of its children (codes
			// mostly come sorted), the rest of the repeats go below.
			if l <= n && code[:l] != last[i] {
				codes = append(codes, code[:l])
				last[i] = code[:l]
			}
		}
	}
	addCodes := func(td *dataset.Table) { // td.Codes(), without making the list
		codes = slices.Grow(codes, len(td.Rows))
		for _, r := range td.Rows {
			if pack.IsDigits(r.Key) {
				add(r.Key)
			}
		}
	}
	if td := b.d.Tables[t.ID]; td != nil {
		addCodes(td)
	}
	// A table that prints the prior year's figures has the prior year's
	// codes too: a subject dropped this year still shows last year's figure.
	if b.d.Prior != nil && hasPriorColumn(t) {
		if td := b.d.Prior.Data.Tables[t.ID]; td != nil {
			addCodes(td)
		}
	}
	for _, id := range tree.CodesFrom {
		for _, c := range b.treeCodes(b.p.Table(id)) {
			add(c)
		}
	}
	slices.Sort(codes) // pre-order: a parent sorts before its children
	codes = slices.Clip(slices.Compact(codes))
	b.codes[t.ID] = codes
	delete(b.busy, t.ID)
	return codes
}

// hasPriorColumn reports whether t has a column of the prior year's figures.
func hasPriorColumn(t *pack.Table) bool {
	for _, s := range t.Sides {
		for _, c := range s.Columns {
			if c.Prior != "" {
				return true
			}
		}
	}
	return false
}

// sideLines are a side's lines: body sections, and the foot.
type sideLines struct {
	sections [][]line
	foot     []line
}

// layout lists each side's lines. A fixed row with new_section starts a new
// section of the body.
func (b *builder) layout(t *pack.Table) []sideLines {
	var out []sideLines
	for _, s := range t.Sides {
		sl := sideLines{sections: [][]line{nil}}
		add := func(ln line) { sl.sections[len(sl.sections)-1] = append(sl.sections[len(sl.sections)-1], ln) }
		for _, r := range s.Rows {
			if r.NewSection && len(sl.sections[len(sl.sections)-1]) > 0 {
				sl.sections = append(sl.sections, nil)
			}
			if !r.IsTree() {
				add(line{fixed: r})
				continue
			}
			codes := b.treeCodes(t)
			sec := &sl.sections[len(sl.sections)-1]
			*sec = slices.Grow(*sec, len(codes))
			for i, c := range codes {
				add(line{code: c, tree: r, at: i})
			}
		}
		for _, r := range s.Foot {
			sl.foot = append(sl.foot, line{fixed: r})
		}
		out = append(out, sl)
	}
	return out
}

// arrange gives every line its row offset from the first data row: the
// sides stand side by side; section k of every side starts below the longest
// section k-1 of all sides; each foot is aligned at the bottom. rows[s][off]
// is side s's line at offset off, the zero line for none.
func arrange(sides []sideLines) (height int, rows [][]line) {
	var starts []int // offset of each section
	for k := 0; ; k++ {
		h, any := 0, false
		for _, s := range sides {
			if k < len(s.sections) {
				h, any = max(h, len(s.sections[k])), true
			}
		}
		if !any {
			break
		}
		if k == 0 {
			starts = append(starts, 0)
		}
		starts = append(starts, starts[k]+h)
	}
	for _, s := range sides {
		end := starts[len(s.sections)-1] + len(s.sections[len(s.sections)-1])
		height = max(height, end+len(s.foot))
	}
	lines := make([]line, len(sides)*height)
	for si, s := range sides {
		at := lines[si*height : (si+1)*height : (si+1)*height]
		for k, sec := range s.sections {
			for i, ln := range sec {
				at[starts[k]+i] = ln
			}
		}
		for i, ln := range s.foot {
			at[height-len(s.foot)+i] = ln
		}
		rows = append(rows, at)
	}
	return height, rows
}

// empty reports whether table t has no data: no amount in its CSV file and
// no code rows.
func (b *builder) empty(t *pack.Table) bool {
	if len(b.treeCodes(t)) > 0 {
		return false
	}
	td := b.d.Tables[t.ID]
	if td == nil {
		return true
	}
	for _, r := range td.Rows {
		if r.HasValues() {
			return false
		}
	}
	return true
}

// place lays out table t on a new sheet: title, header, and the row of
// every code and fixed row. It returns the function that plans the data
// cells, to be called once every sheet is placed (formulas refer across).
func (b *builder) place(t *pack.Table, sides []sideLines) func() {
	u := b.d.Unit
	lay := t.Layout
	width := lay.Width
	sh := &Sheet{Name: t.Sheet, Table: t, Landscape: t.Orientation == "landscape", PageNumbers: t.PageNumbers, Heights: map[int]float64{}}
	idx := &sheetIndex{sheet: sh, row: map[string]int{}, col: map[string]int{}}
	b.index[t.ID] = idx
	b.book.Sheets = append(b.book.Sheets, sh)
	set := func(c *Cell) {
		sh.growRows(int(c.Row), width)
		sh.Rows[c.Row-1][c.Col-1] = c
	}
	// Title, units line, header.
	set(&Cell{Kind: Text, Style: StyleTitle, Text: Expand(t.Title, u), Col: 1, Row: int32(lay.TitleRow)})
	sh.Heights[lay.TitleRow] = 36
	if width > 1 {
		sh.Merges = append(sh.Merges, pack.Range{Col1: 1, Row1: lay.TitleRow, Col2: width, Row2: lay.TitleRow})
	}
	if right := lay.UnitsRight; right > 0 {
		set(&Cell{Kind: Text, Style: StyleUnitsLeft, Text: Expand(t.UnitsLeft, u), Col: 1, Row: int32(lay.UnitsRow)})
		set(&Cell{Kind: Text, Style: StyleUnits, Text: Expand(t.Units, u), Col: int32(right), Row: int32(lay.UnitsRow)})
		if right > 2 {
			sh.Merges = append(sh.Merges, pack.Range{Col1: 1, Row1: lay.UnitsRow, Col2: right - 1, Row2: lay.UnitsRow})
		}
		if right < width {
			sh.Merges = append(sh.Merges, pack.Range{Col1: right, Row1: lay.UnitsRow, Col2: width, Row2: lay.UnitsRow})
		}
	} else {
		set(&Cell{Kind: Text, Style: StyleUnits, Text: Expand(t.Units, u), Col: 1, Row: int32(lay.UnitsRow)})
		if width > 1 {
			sh.Merges = append(sh.Merges, pack.Range{Col1: 1, Row1: lay.UnitsRow, Col2: width, Row2: lay.UnitsRow})
		}
	}
	sh.HeaderFirst, sh.HeaderLast, sh.DataFirst = lay.HeaderFirst, lay.HeaderLast, lay.DataFirst
	for i, hr := range t.Header {
		for j, text := range hr {
			set(&Cell{Kind: Text, Style: StyleHeader, Text: Expand(text, u), Col: int32(j + 1), Row: int32(lay.HeaderFirst + i)})
		}
	}
	sh.Merges = append(sh.Merges, lay.Merges...)
	sh.Widths = append(sh.Widths, lay.Widths...)
	for _, sl := range lay.Sides {
		for i, c := range sl.Side.Columns {
			idx.col[c.Key] = sl.First + i
		}
	}
	note := func(row int) {
		set(&Cell{Kind: Text, Style: StyleNote, Text: Expand(t.EmptyNote, u), Col: 1, Row: int32(row)})
		sh.Heights[row] = 30
		if width > 1 {
			sh.Merges = append(sh.Merges, pack.Range{Col1: 1, Row1: row, Col2: width, Row2: row})
		}
	}
	empty := b.empty(t) && t.EmptyNote != ""
	if empty && !t.EmptyRows {
		sh.Empty = true
		note(sh.DataFirst)
		return func() {}
	}
	// Rows: each side's body from the top, its foot aligned at the bottom.
	height, at := arrange(sides)
	if empty { // empty_rows: the header and the fixed rows, the note below them
		sh.Empty = true
		note(sh.DataFirst + height)
	}
	tc := &tableCells{t: t, idx: idx, codes: b.treeCodes(t)}
	tc.rows = make([]int, len(tc.codes))
	b.tables[t.ID] = tc
	for _, lines := range at {
		for off, ln := range lines {
			switch {
			case ln.fixed != nil && ln.fixed.Key != "":
				idx.row[ln.fixed.Key] = sh.DataFirst + off
			case ln.code != "":
				tc.rows[ln.at] = sh.DataFirst + off
			}
		}
	}
	// Every cell of the data area gets a style, so borders are whole.
	return func() {
		first := 1
		sh.growRows(sh.DataFirst+height-1, width)
		// The data area's cells, made at once; for comparison, blank
		// inputs are only recorded (see blankInputs), and the part of
		// the block they leave is never touched.
		block, used := make([]Cell, height*width), 0
		if !b.fit {
			sides := make([]int, width)
			for si, at := 0, 0; si < len(t.Sides); si++ {
				for range t.Sides[si].Columns {
					sides[at] = si
					at++
				}
			}
			sh.blanks = newBlankInputs(sh.DataFirst, width, height, sides)
		}
		td := b.d.Tables[t.ID]
		for si, s := range t.Sides {
			cols := b.columnCells(tc, s)
			next := 0 // in td.Rows, for Find
			for off := 0; off < height; off++ {
				ln := at[si][off]
				lc := lineCells{line: ln, ok: ln.fixed != nil || ln.code != "", key: ln.code}
				if ln.fixed != nil {
					lc.key = ln.fixed.Key
				}
				switch {
				case td == nil || !lc.ok:
				case len(t.Sides) == 1: // each key once in td.Rows (see dataset.Table.Find)
					lc.row = td.Find(lc.key, &next)
				default: // a code on two sides has a row for each, ByKey the last
					lc.row = td.ByKey[lc.key]
				}
				cells := sh.Rows[sh.DataFirst+off-1] // grown above
				for ci := range cols {
					cell := &block[used]
					b.cell(cell, tc, s, &cols[ci], &lc, first+ci, sh.DataFirst+off)
					if sh.blanks != nil && sh.blanks.take(cell) {
						*cell = Cell{} // the next cell is planned into it
						continue
					}
					used++
					cells[first-1+ci] = cell
				}
			}
			first += len(s.Columns)
		}
	}
}

// tableCells is what the cells of a table share: its sheet index and its
// codes, with their children and places found when a cell first needs them.
type tableCells struct {
	t     *pack.Table
	idx   *sheetIndex
	codes []string // the table's codes (treeCodes); a code line's at indexes them
	// rows are the codes' rows: the last side's of a code on several sides.
	rows []int
	// kids[first[i]:first[i+1]] are the terms of the total of codes[i]:
	// its children's (the codes one level below it) rows, in code order,
	// in column 0, which the total's formulas in every column share; first
	// is nil until a cell needs them.
	first []int32
	kids  []Term
	// places are the codes' places among their siblings, for ordinals;
	// nil until a cell needs them.
	places []int
}

// columnCells is what the cells of a column share, found once for the
// column: the sheet columns its formulas refer to.
type columnCells struct {
	*pack.Column
	at    int // the column's own
	place int // its place in a dataset row's Values (pack.Layout.Amount)
	// terms are its formula's terms (Expr) on row 0, which the formulas
	// of its cells share, each moved to its own row.
	terms []Term
	// otherSheet and otherCol are the sheet and the column of RefTable
	// and RefColumn, and otherRows the rows there of the table's codes
	// (0 for a code the other table does not have; nil: no such table).
	otherSheet string
	otherCol   int
	otherRows  []int
}

// columnCells finds the sheet columns of side s's columns' formulas, and
// the rows a column of another table's figures refers to.
func (b *builder) columnCells(tc *tableCells, s *pack.Side) []columnCells {
	idx := tc.idx
	cols := make([]columnCells, len(s.Columns))
	for i, c := range s.Columns {
		cc := &cols[i]
		cc.Column, cc.at, cc.place = c, idx.col[c.Key], tc.t.Layout.Amount(c.Key)
		if c.Expr != nil {
			cc.terms = make([]Term, len(c.Expr.Terms))
			for j, term := range c.Expr.Terms {
				cc.terms[j] = Term{Neg: term.Neg, Ref: Ref{Col: int32(idx.col[term.Key])}}
			}
		}
		if other := b.tables[c.RefTable]; other != nil {
			cc.otherSheet, cc.otherCol = other.idx.sheet.Name, other.idx.col[c.RefColumn]
			cc.otherRows = sameCodes(tc.codes, other)
		}
	}
	return cols
}

// sameCodes returns the rows in table other of codes, 0 for a code it
// does not have; both lists of codes are sorted (treeCodes), so that one
// walk along both finds them.
func sameCodes(codes []string, other *tableCells) []int {
	rows := make([]int, len(codes))
	j := 0
	for i, c := range codes {
		for j < len(other.codes) && other.codes[j] < c {
			j++
		}
		if j < len(other.codes) && other.codes[j] == c {
			rows[i] = other.rows[j]
		}
	}
	return rows
}

// lineCells is what the cells of a line share, found once for the line.
type lineCells struct {
	line
	ok  bool   // false: a padding row
	key string // the row key: code or fixed row key
	row *dataset.Row
}

// selfRow returns the row of the line's key: a code's from the table's
// codes (the last side's), a fixed row's from the sheet index.
func (tc *tableCells) selfRow(lc *lineCells) int {
	if lc.code != "" {
		return tc.rows[lc.at]
	}
	return tc.idx.row[lc.key]
}

// children returns the terms of the total of code line ln: the rows of
// its children (codes one level below its code) in column 0, from an
// index of the table's codes built once. Their capacity is their length,
// so that nothing appends to the kids of the next code.
func (tc *tableCells) children(ln line) []Term {
	if tc.first == nil {
		tc.indexKids(ln.tree.Levels)
	}
	return tc.kids[tc.first[ln.at]:tc.first[ln.at+1]:tc.first[ln.at+1]]
}

// indexKids finds the children of every code by the levels of its tree
// row, and their rows. The codes sort a parent before its children and
// those of one parent together, so the parent of a code, when it is
// among the codes, is the last code of the level above before it.
func (tc *tableCells) indexKids(levels []int) {
	codes := tc.codes
	parent := make([]int32, len(codes))
	last := make([]int32, len(levels)) // the last code of each level so far
	for i := range last {
		last[i] = -1
	}
	tc.first = make([]int32, len(codes)+1)
	for j, c := range codes {
		parent[j] = -1
		i := slices.Index(levels, len(c))
		if i < 0 {
			continue
		}
		last[i] = int32(j)
		if i == 0 {
			continue
		}
		if p := last[i-1]; p >= 0 && codes[p] == c[:levels[i-1]] {
			parent[j] = p
			tc.first[p+1]++
		}
	}
	for j := range codes {
		tc.first[j+1] += tc.first[j]
	}
	tc.kids = make([]Term, tc.first[len(codes)])
	next := slices.Clone(tc.first[:len(codes)])
	for j, p := range parent {
		if p >= 0 {
			tc.kids[next[p]] = Term{Ref: Ref{Row: int32(tc.rows[j])}}
			next[p]++
		}
	}
}

// cell plans into cell, which is zero, the cell of column c on line lc.
func (b *builder) cell(cell *Cell, tc *tableCells, s *pack.Side, c *columnCells, lc *lineCells, col, row int) {
	t, ln, key := tc.t, lc.line, lc.key
	cell.Col, cell.Row, cell.Key, cell.Column, cell.Parts = int32(col), int32(row), key, c.Key, -1
	if c.Kind != pack.KindAmount {
		cell.Kind, cell.Style = Text, StyleName
		if c.Kind == pack.KindCode {
			cell.Style = StyleCode
		}
		switch {
		case !lc.ok:
		case ln.code != "" && c.Kind == pack.KindCode:
			cell.Text = c.CodePart(ln.code, ln.tree)
		case ln.code != "":
			cell.Text = b.ordinal(tc, ln) + b.name(t, ln, lc.row)
		case ln.fixed.At == c.Key:
			cell.Text, cell.Style = ln.fixed.Label, StyleLabel
		}
		return
	}
	cell.Kind, cell.Style = Empty, StyleAmount
	if !lc.ok || (ln.fixed != nil && ln.fixed.Blank) {
		return
	}
	idx := tc.idx
	var value *dataset.Value
	if lc.row != nil {
		if v, ok := lc.row.Value(c.place); ok {
			value = &v
		}
	}
	switch {
	case c.Expr != nil: // a column formula: the same row's other columns
		cell.Kind = Formula
		cell.Formula = b.newExpr(0)
		cell.Formula.Terms, cell.Formula.Row = c.terms, int32(tc.selfRow(lc))
	case ln.code != "" && c.RefTable != "": // the same code in another table
		if c.otherRows != nil && c.otherRows[ln.at] > 0 {
			cell.Kind = Formula
			cell.Formula = b.newExpr(1)
			cell.Formula.Terms = append(cell.Formula.Terms, Term{Ref: Ref{Sheet: c.otherSheet, Col: int32(c.otherCol), Row: int32(c.otherRows[ln.at])}})
		}
	case ln.code != "" && len(tc.children(ln)) > 0:
		cell.Kind = Formula
		cell.Formula = b.newExpr(0)
		cell.Formula.Terms, cell.Formula.Col = tc.children(ln), int32(c.at)
	case ln.fixed != nil && ln.fixed.Expr != nil:
		terms := b.terms1[:0]
		for _, term := range ln.fixed.Expr.Terms {
			if !term.Tree { // a fixed row of the side (pack checks)
				terms = append(terms, Term{Neg: term.Neg, Ref: Ref{Col: int32(c.at), Row: int32(idx.row[term.Key])}})
				continue
			}
			tree := s.TreeRow()
			for i, code := range tc.codes {
				if len(code) == tree.Levels[0] {
					terms = append(terms, Term{Neg: term.Neg, Ref: Ref{Col: int32(c.at), Row: int32(tc.rows[i])}})
				}
			}
		}
		b.terms1 = terms
		cell.Kind = Formula
		cell.Formula = b.newExpr(len(terms))
		cell.Formula.Terms = append(cell.Formula.Terms, terms...)
	case c.Prior != "":
		b.priorCell(t, c.Column, cell, value)
		return
	default:
		cell.Kind, cell.Blank = Input, value == nil
		cell.Entry = b.amountEntry(t, c.Negative)
		if value != nil {
			cell.Value = value.Amount.Shift(b.scale(t))
		} else {
			cell.Parts = 0 // adds up no figure
		}
		return
	}
	if value != nil {
		cell.Declared = &Declared{Amount: value.Amount, Text: value.Text}
		b.published++
	}
}

// newExpr returns an empty formula with room for n terms. Formulas and
// their terms are cut from blocks made for many at once.
func (b *builder) newExpr(n int) *Expr {
	if len(b.exprs) == 0 {
		b.exprs = make([]Expr, 512)
	}
	e := &b.exprs[0]
	b.exprs = b.exprs[1:]
	if n > 0 {
		if len(b.terms) < n {
			b.terms = make([]Term, max(n, 2048))
		}
		e.Terms = b.terms[:0:n]
		b.terms = b.terms[n:]
	}
	return e
}

// Scale is the power of ten from the dataset's amounts to the cells of
// budget table t, which hold the unit its units line names (万元 unless it
// says 元: pack.Layout.AmountUnit): 元 amounts in a 万元 table are stored
// as 元/10000, exactly.
func Scale(d *dataset.Dataset, t *pack.Table) int32 {
	s := d.Scale() // to 万元
	if t.Layout != nil && t.Layout.AmountUnit == dataset.Yuan {
		s += 4
	}
	return s
}

func (b *builder) scale(t *pack.Table) int32 { return Scale(b.d, t) }

// amountEntry is what a clerk types into an input amount cell of budget
// table t: an amount in the table's unit, with as many decimals as the
// dataset's amounts have in it (万元 of a 元 dataset: 6, to the 分). One
// Entry serves every cell of a unit and sign (an Entry is never changed
// once made).
func (b *builder) amountEntry(t *pack.Table, negative bool) *Entry {
	i := 0
	if negative {
		i = 1
	}
	if t.Layout.AmountUnit == dataset.Yuan {
		i += 2
	}
	if b.amount[i] == nil {
		b.amount[i] = &Entry{Kind: EntryAmount, Label: "金额（" + t.Layout.AmountUnit + "）", Decimals: max(2-b.scale(t), 0), Negative: negative}
	}
	return b.amount[i]
}

// priorCell plans a cell of a prior year's column: an input, the dataset's
// figure when it gives one, else the prior year's figure of the column it
// names at the same row; a figure that differs from the prior year's is a
// conflict.
func (b *builder) priorCell(t *pack.Table, c *pack.Column, cell *Cell, value *dataset.Value) {
	cell.Kind = Input
	cell.Entry = b.amountEntry(t, false)
	var prior *Cell
	if b.book.Prior != nil {
		if pc := b.book.Prior.Lookup(t.ID, cell.Key, c.Prior); pc != nil && pc.Kind != Empty && !pc.Blank {
			prior = pc
		}
	}
	switch {
	case value != nil:
		cell.Value = value.Amount.Shift(b.scale(t))
		if prior != nil && !prior.Value.Equal(cell.Value) {
			b.conflicts = append(b.conflicts, func() {
				sh := b.index[t.ID].sheet
				b.book.PriorConflicts = append(b.book.PriorConflicts, PriorConflict{
					Sheet: sh.Name, Cell: cell.Address(), Row: RowLabel(sh, cell), Column: ColumnTitle(sh, cell.Col),
					Given: cell.Value, Prior: prior.Value,
				})
			})
		}
	case prior != nil:
		cell.Value = prior.Value
	default:
		cell.Blank, cell.Parts = true, 0
	}
}

// ordinal is the text before the name of a code row of a numbered tree
// (pack.Row.Ordinals): its place among the codes of its level under the
// same parent, in the table's code order.
func (b *builder) ordinal(tc *tableCells, ln line) string {
	if len(ln.tree.Ordinals) == 0 {
		return ""
	}
	if tc.places == nil {
		tc.places = places(tc.codes, ln.tree.Levels)
	}
	return ln.tree.Ordinal(len(ln.code), tc.places[ln.at])
}

// places numbers each of codes among the codes of its length under the
// same parent (the code cut to the level above; none at the first level
// or off the levels). The codes sort those of one parent together, so
// the codes of a level and parent come in one run.
func places(codes []string, levels []int) []int {
	out := make([]int, len(codes))
	top := map[int]int{}                  // length → codes so far without a parent
	parent := make([]string, len(levels)) // each level's parent of its run
	n := make([]int, len(levels))         // each level's codes so far in its run
	for j, c := range codes {
		i := slices.Index(levels, len(c))
		if i <= 0 {
			top[len(c)]++
			out[j] = top[len(c)]
			continue
		}
		if p := c[:levels[i-1]]; p != parent[i] {
			parent[i], n[i] = p, 0
		}
		n[i]++
		out[j] = n[i]
	}
	return out
}

// name is the subject name of a code row: as the dataset gives it (row,
// the dataset's row of the code, nil for none), else the catalog's.
func (b *builder) name(t *pack.Table, ln line, row *dataset.Row) string {
	if row != nil && row.Name != "" {
		return row.Name
	}
	if b.d.Prior != nil {
		if td := b.d.Prior.Data.Tables[t.ID]; td != nil {
			if r := td.ByKey[ln.code]; r != nil && r.Name != "" {
				return r.Name
			}
		}
	}
	if n := b.p.Catalogs[ln.tree.Tree][ln.code]; n != "" {
		return n
	}
	b.errs = append(b.errs, msg.Errorf("%s: code %s has no name: give it in the CSV's name column or add it to catalog %s",
		b.csvName(t), ln.code, ln.tree.Tree))
	return ""
}

func (b *builder) csvName(t *pack.Table) string {
	if td := b.d.Tables[t.ID]; td != nil {
		return td.File
	}
	return fmt.Sprintf("%s (table %s)", b.d.Dir, t.ID)
}

// evaluate computes every formula's value, in dependency order across
// sheets. It returns the cells that carry a published figure, in sheet and
// cell order, for compare.
func (b *builder) evaluate() (published []step, err error) {
	path := make([]step, 0, 16) // room for eval's path, used again for every formula
	published = make([]step, 0, b.published)
	for sh, c := range b.book.Cells() {
		if c.Kind == Formula {
			if err := b.eval(sh, c, path); err != nil {
				return nil, err
			}
		}
		if c.Declared != nil {
			published = append(published, step{sh, c})
		}
	}
	return published, nil
}

const (
	unvisited int8 = iota
	visiting
	evaluated
)

// step is a cell and its sheet: on the path of eval, named only when the
// path is a circle, or a cell with a published figure (evaluate).
type step struct {
	sheet *Sheet
	cell  *Cell
}

// eval computes formula c's value and how many non-zero inputs it adds
// up; the cells it refers to that are not formulas get their count.
func (b *builder) eval(sh *Sheet, c *Cell, path []step) error {
	switch c.state {
	case evaluated:
		return nil
	case visiting:
		var cells []string
		for _, st := range append(path, step{sh, c}) {
			cells = append(cells, st.sheet.Name+"!"+st.cell.Address())
		}
		return msg.Errorf("the templates' formulas refer to each other in a circle: %s", strings.Join(cells, " → "))
	}
	c.state = visiting
	path = append(path, step{sh, c})
	var sum decsum.Sum
	n := 0
	for i := range c.Formula.Len() {
		t := c.Formula.Term(i)
		tsh := sh
		if t.Ref.Sheet != "" {
			if tsh = b.book.Sheet(t.Ref.Sheet); tsh == nil {
				continue
			}
		}
		target := tsh.at(int(t.Ref.Col), int(t.Ref.Row)) // a blank input left out adds nothing
		switch {
		case target == nil:
			continue
		case target.Kind == Formula:
			if err := b.eval(tsh, target, path); err != nil {
				return err
			}
		case target.Parts < 0: // counted when first referred to
			target.Parts = 0
			if target.Kind == Input && !target.Value.IsZero() {
				target.Parts = 1
			}
		}
		if t.Neg {
			sum.Sub(target.Value)
		} else {
			sum.Add(target.Value)
		}
		n += int(target.Parts)
	}
	c.Value, c.Parts, c.state = sum.Total(), int32(min(n, math.MaxInt32)), evaluated
	return nil
}
