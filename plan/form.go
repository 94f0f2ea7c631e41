package plan

import (
	"encoding/binary"
	"slices"
	"strings"

	"budgetxl/dataset"
	"budgetxl/pack"
)

// placeForm lays out a form table: one block per record (per repeated
// record, each on a new printed page), its list rows once per item.
func (b *builder) placeForm(t *pack.Table) {
	u := b.d.Unit
	width := len(t.Widths)
	sh := &Sheet{Name: t.Sheet, Table: t, Landscape: t.Orientation == "landscape", PageNumbers: t.PageNumbers, Heights: map[int]float64{},
		Widths: append([]float64{}, t.Widths...), HeaderFirst: 3, HeaderLast: 2, DataFirst: 3}
	b.book.Sheets = append(b.book.Sheets, sh)
	set := func(c *Cell) {
		sh.growRows(int(c.Row), width)
		sh.Rows[c.Row-1][c.Col-1] = c
	}
	var records []*dataset.Record
	if f := b.d.Forms[t.ID]; f != nil {
		records = f.Records
	}
	if len(records) == 0 && t.Repeat == "" {
		records = []*dataset.Record{{Index: 1, Fields: map[string]dataset.FieldValue{}, Lists: map[string][]dataset.Item{}}}
	}
	row := 1
	titleText, unitsText := Expand(t.Title, u), Expand(t.Units, u) // the same over every record
	title := func() {
		sh.growRows(row+1, width)
		cells := new([2]Cell) // the title and the units line, made at once
		cells[0] = Cell{Kind: Text, Style: StyleTitle, Text: titleText, Col: 1, Row: int32(row)}
		cells[1] = Cell{Kind: Text, Style: StyleUnits, Text: unitsText, Col: 1, Row: int32(row + 1)}
		set(&cells[0])
		sh.Heights[row] = 36
		set(&cells[1])
		if width > 1 {
			sh.Merges = append(sh.Merges, pack.Range{Col1: 1, Row1: row, Col2: width, Row2: row}, pack.Range{Col1: 1, Row1: row + 1, Col2: width, Row2: row + 1})
		}
		row += 2
	}
	if len(records) == 0 {
		title()
		sh.Empty = true
		set(&Cell{Kind: Text, Style: StyleNote, Text: Expand(t.EmptyNote, u), Col: 1, Row: int32(row)})
		sh.Heights[row] = 30
		if width > 1 {
			sh.Merges = append(sh.Merges, pack.Range{Col1: 1, Row1: row, Col2: width, Row2: row})
		}
		return
	}
	fb := b.newFormBlocks(t)
	for i, rec := range records {
		if i > 0 {
			sh.Breaks = append(sh.Breaks, row)
		}
		title()
		row = fb.block(sh, rec, row, set)
		if i == 0 && len(records) > 1 { // room for as many rows and merges a record as the first has
			more := len(records) - 1
			sh.Rows = slices.Grow(sh.Rows, len(sh.Rows)*more)
			sh.Merges = slices.Grow(sh.Merges, len(sh.Merges)*more)
			sh.Breaks = slices.Grow(sh.Breaks, more)
		}
	}
}

// formCell is a cell template of a form table, read once for all the
// table's records: what the cells made from it share.
type formCell struct {
	tpl    string
	style  Style
	fields []string // the fields and placeholders tpl names (pack.CellFields)
	whole  bool     // tpl is exactly one {field}
	sum    bool     // whole, a {sum:field}: the sum of a list field
	// field is the amount or number field of a whole cell; nil for none.
	field *pack.Field
	// entry is what a clerk types into the cell: an input field's, or a
	// text cell's (one Entry for all the cells made from tpl: an Entry is
	// never changed once made); nil for none.
	entry *Entry
	// column is the column key of a text cell that names a field; "" else.
	column string
	// needles are the fields' "{name}"; placeholder[i] is the expanded text
	// of fields[i] when it is a placeholder ({unit}, {year}), isPlaceholder[i]
	// says whether it is.
	needles       []string
	placeholder   []string
	isPlaceholder []bool
	// literals are the text of tpl around its fields (one more than
	// fields), when none has a brace; nil else.
	literals []string
}

// formCell reads cell template tpl of form table t.
func (b *builder) formCell(t *pack.Table, tpl string) formCell {
	fields := pack.CellFields(tpl)
	fc := formCell{tpl: tpl, style: styleOf(tpl, t), fields: fields, whole: len(fields) == 1 && tpl == "{"+fields[0]+"}"}
	if fc.whole {
		name := fields[0]
		if strings.HasPrefix(name, "sum:") {
			fc.sum = true
			return fc
		}
		if fd := t.Form.Field(name); fd != nil && fd.Kind != pack.FieldText {
			fc.field = fd
			fc.entry = fieldEntry(fd, fd.Label)
			return fc
		}
	}
	if len(fields) > 0 && !onlyPlaceholders(t, fields) {
		fc.column = fields[0]
		fc.entry = textEntry(t, tpl, fields)
	}
	for _, name := range fields {
		fc.needles = append(fc.needles, "{"+name+"}")
		is := t.Form.Field(name) == nil && slices.Contains(pack.Placeholders, name)
		text := ""
		if is {
			text = Expand("{"+name+"}", b.d.Unit)
		}
		fc.placeholder, fc.isPlaceholder = append(fc.placeholder, text), append(fc.isPlaceholder, is)
	}
	fc.literals = literals(tpl, fc.needles)
	return fc
}

// literals cuts tpl around its fields' needles, in turn: the text before
// each and the text after the last; nil when a piece has a brace (or a
// needle is missing).
func literals(tpl string, needles []string) []string {
	var out []string
	pos := 0
	for _, needle := range needles {
		k := strings.Index(tpl[pos:], needle)
		if k < 0 {
			return nil
		}
		out = append(out, tpl[pos:pos+k])
		pos += k + len(needle)
	}
	out = append(out, tpl[pos:])
	for _, l := range out {
		if strings.ContainsAny(l, "{}") {
			return nil
		}
	}
	return out
}

// text substitutes the cell template's fields (from values, else from the
// record's own fields) and placeholders, each in turn in place of the
// first "{name}" left.
func (fc *formCell) text(values map[string]dataset.FieldValue, rec *dataset.Record) string {
	if fc.tpl == pack.MergeLeft || fc.tpl == pack.MergeUp {
		return ""
	}
	var room [8]string
	texts := room[:0]
	braces := false // a text with a brace, which a later field's turn could find
	n := len(fc.tpl)
	for i, name := range fc.fields {
		text := fc.placeholder[i]
		if !fc.isPlaceholder[i] {
			v, ok := values[name]
			if !ok {
				v = rec.Fields[name]
			}
			text = v.Text
		}
		if fc.whole {
			return text
		}
		texts = append(texts, text)
		braces = braces || strings.ContainsAny(text, "{}")
		n += len(text)
	}
	if len(texts) == 0 {
		return fc.tpl
	}
	if fc.literals == nil || braces {
		out := fc.tpl
		for i, text := range texts {
			out = strings.Replace(out, fc.needles[i], text, 1)
		}
		return out
	}
	// Without braces but the fields', each field's turn finds its own
	// place: the text is the literals and the fields' texts in turn.
	var b strings.Builder
	b.Grow(n)
	for i, text := range texts {
		b.WriteString(fc.literals[i])
		b.WriteString(text)
	}
	b.WriteString(fc.literals[len(texts)])
	return b.String()
}

// formBlocks plans the blocks of a form table's records: its cell
// templates read once, and the scratch space of a block, used again for
// every record.
type formBlocks struct {
	b     *builder
	t     *pack.Table
	cells [][]formCell // by template row and column
	// shapes are the blocks' shapes, by the number of grid rows each
	// template row has (uvarints).
	shapes map[string]*blockShape
	// Scratch space of one block.
	grid     []gridRow
	key      []byte         // its shape's key
	at       map[string]Ref // record field → its cell
	listAt   map[string][]Ref
	formulas []formula
	none     []dataset.Item // the one empty item of a list without items (never changed)
}

// blockShape is what the blocks of records with as many items in each
// list share: each cell's merge owner (its row and column in the block)
// and the merges, with rows counted from 0 at the block's first row.
type blockShape struct {
	owner  [][][2]int
	merges []pack.Range
	owners int // the cells that own themselves: not covered by a merge
}

// shape returns the shape of a block's grid, worked out for the first
// block of its shape.
func (fb *formBlocks) shape(grid []gridRow) *blockShape {
	key := fb.key[:0] // the grid's rows of each template row
	n := 0
	for i, g := range grid {
		n++
		if i == len(grid)-1 || grid[i+1].row != g.row {
			key = binary.AppendUvarint(key, uint64(n))
			n = 0
		}
	}
	fb.key = key
	if sh := fb.shapes[string(key)]; sh != nil {
		return sh
	}
	width := len(fb.t.Widths)
	rows := make([][]string, len(grid))
	for r, g := range grid {
		rows[r] = fb.t.Rows[g.row].Cells
	}
	shape := &blockShape{owner: pack.MergeOwners(rows, width)}
	// Each owner's rectangle, owners in the order first seen.
	boxes := make([]pack.Range, len(grid)*width) // by owner, r*width+c; Col1 0 until seen
	var order []int
	for r := range grid {
		for c := 0; c < width; c++ {
			o := shape.owner[r][c]
			bx := &boxes[o[0]*width+o[1]]
			if bx.Col1 == 0 {
				*bx = pack.Range{Col1: c + 1, Row1: r, Col2: c + 1, Row2: r}
				order = append(order, o[0]*width+o[1])
			}
			bx.Col1, bx.Col2 = min(bx.Col1, c+1), max(bx.Col2, c+1)
			bx.Row1, bx.Row2 = min(bx.Row1, r), max(bx.Row2, r)
		}
	}
	shape.owners = len(order)
	for _, o := range order {
		if bx := boxes[o]; bx.Col1 != bx.Col2 || bx.Row1 != bx.Row2 {
			shape.merges = append(shape.merges, bx)
		}
	}
	fb.shapes[string(key)] = shape
	return shape
}

// gridRow is a row of a record's block: template row row of the table,
// for item of a list row (nil for a row of the record's own fields).
type gridRow struct {
	row  int
	item *dataset.Item
}

// formula is a formula cell of a block and the template it is made from.
type formula struct {
	cell *Cell
	fc   *formCell
}

// newFormBlocks reads the cell templates of form table t for its blocks.
func (b *builder) newFormBlocks(t *pack.Table) *formBlocks {
	fb := &formBlocks{b: b, t: t, shapes: map[string]*blockShape{}, at: map[string]Ref{}, listAt: map[string][]Ref{}, none: []dataset.Item{{Fields: map[string]dataset.FieldValue{}}}}
	for _, r := range t.Rows {
		cells := make([]formCell, len(r.Cells))
		for c, tpl := range r.Cells {
			cells[c] = b.formCell(t, tpl)
		}
		fb.cells = append(fb.cells, cells)
	}
	return fb
}

// block plans one record's grid from row first; it returns the row after
// the block.
func (fb *formBlocks) block(sh *Sheet, rec *dataset.Record, first int, set func(*Cell)) int {
	t := fb.t
	width := len(t.Widths)
	key := rec.Label(t)
	// Expand the grid: a list row once per item (one empty row for none).
	grid := fb.grid[:0]
	for i, r := range t.Rows {
		if r.List == "" {
			grid = append(grid, gridRow{row: i})
			continue
		}
		items := rec.Lists[r.List]
		if len(items) == 0 {
			items = fb.none
		}
		for j := range items {
			grid = append(grid, gridRow{row: i, item: &items[j]})
		}
	}
	fb.grid = grid
	// Merges: those of the block's shape, from its first row.
	shape := fb.shape(grid)
	owner := shape.owner
	for _, m := range shape.merges {
		m.Row1, m.Row2 = m.Row1+first, m.Row2+first
		sh.Merges = append(sh.Merges, m)
	}
	// Cells; fields' positions for formulas.
	at, listAt := fb.at, fb.listAt
	clear(at)
	for name, refs := range listAt { // the lists' room, used again
		listAt[name] = refs[:0]
	}
	formulas := fb.formulas[:0]
	sh.growRows(first+len(grid)-1, width)
	n := len(grid) * width
	if !fb.b.fit {
		n = shape.owners
	}
	block := make([]Cell, n) // the block's cells, made at once
	k := 0                   // in block
	for r, g := range grid {
		for c := 0; c < width; c++ {
			o := owner[r][c]
			covered := o != [2]int{r, c}
			if covered && !fb.b.fit {
				continue // only print shows it (see builder.fit)
			}
			cell := &block[k]
			k++
			cell.Kind, cell.Style, cell.Col, cell.Row, cell.Key, cell.Parts = Text, StyleLabel, int32(c+1), int32(first+r), key, -1
			set(cell)
			if covered {
				cell.Style = fb.cells[grid[o[0]].row][o[1]].style
				continue
			}
			fc := &fb.cells[g.row][c]
			cell.Style = fc.style
			values := rec.Fields
			if g.item != nil {
				values = g.item.Fields
			}
			if fc.sum {
				cell.Kind, cell.Column = Formula, fc.fields[0] // Formula made below
				formulas = append(formulas, formula{cell, fc})
				continue
			}
			if fd := fc.field; fd != nil {
				name := fc.fields[0]
				cell.Column = name
				ref := Ref{Col: cell.Col, Row: cell.Row}
				if fd.List != nil {
					listAt[name] = append(listAt[name], ref)
				} else {
					at[name] = ref
				}
				v, ok := values[name]
				if fd.Expr != nil {
					cell.Kind = Formula // Formula made below
					formulas = append(formulas, formula{cell, fc})
					if ok && v.Number {
						cell.Declared = &Declared{Amount: v.Amount, Text: v.Text}
						fb.b.published++
					}
					continue
				}
				cell.Kind, cell.Blank = Input, !ok || !v.Number
				cell.Entry = fc.entry
				if ok && v.Number {
					cell.Value = v.Amount
				} else if ok {
					cell.Kind, cell.Text = Text, v.Text // not a number: keep the text, verify reports it
				}
				continue
			}
			cell.Text = fc.text(values, rec)
			cell.Column, cell.Entry = fc.column, fc.entry
		}
	}
	fb.formulas = formulas
	for _, f := range formulas {
		if f.fc.sum {
			refs := listAt[strings.TrimPrefix(f.cell.Column, "sum:")]
			f.cell.Formula = fb.b.newExpr(len(refs))
			for _, r := range refs {
				f.cell.Formula.Terms = append(f.cell.Formula.Terms, Term{Ref: r})
			}
			continue
		}
		n := 0
		for _, term := range f.fc.field.Expr.Terms {
			if _, ok := at[term.Key]; ok {
				n++
			}
		}
		f.cell.Formula = fb.b.newExpr(n)
		for _, term := range f.fc.field.Expr.Terms {
			if r, ok := at[term.Key]; ok {
				f.cell.Formula.Terms = append(f.cell.Formula.Terms, Term{Neg: term.Neg, Ref: r})
			}
		}
	}
	return first + len(grid)
}

// fieldEntry is what a clerk types into the cell of an amount or number field.
func fieldEntry(fd *pack.Field, label string) *Entry {
	if fd.Kind == pack.FieldAmount {
		return &Entry{Kind: EntryAmount, Label: label, Decimals: 2, Max: fd.MaxValue}
	}
	return &Entry{Kind: EntryNumber, Label: label, Whole: fd.Whole, Max: fd.MaxValue}
}

// textEntry is what a clerk types into a cell of text fields: one of the
// field's choices, or text in the shape of the template ("{code}-{name}"
// asks for 项目编码-项目名称).
func textEntry(t *pack.Table, tpl string, fields []string) *Entry {
	label := tpl
	for _, name := range fields {
		text := name
		if fd := t.Form.Field(name); fd != nil && fd.Label != "" {
			text = fd.Label
		}
		label = strings.Replace(label, "{"+name+"}", text, 1)
	}
	if fd := t.Form.Field(fields[0]); len(fields) == 1 && fd != nil && len(fd.Choices) > 0 {
		return &Entry{Kind: EntryChoice, Label: label, Choices: fd.Choices}
	}
	return &Entry{Kind: EntryText, Label: label}
}

// styleOf is the style of a cell template: labels as headers, fields as
// wrapped text, numbers as amounts.
func styleOf(tpl string, t *pack.Table) Style {
	fields := pack.CellFields(tpl)
	if len(fields) == 0 || onlyPlaceholders(t, fields) {
		if tpl == "" {
			return StyleName
		}
		return StyleHeader
	}
	if len(fields) == 1 && tpl == "{"+fields[0]+"}" {
		if strings.HasPrefix(fields[0], "sum:") {
			return StyleNumber
		}
		if fd := t.Form.Field(fields[0]); fd != nil {
			switch fd.Kind {
			case pack.FieldAmount:
				return StyleAmount
			case pack.FieldNumber:
				return StyleNumber
			}
		}
	}
	return StyleName
}

// onlyPlaceholders reports whether a cell names no field, only {unit},
// {year} and the like (a form's own fields win over placeholders).
func onlyPlaceholders(t *pack.Table, fields []string) bool {
	for _, f := range fields {
		if t.Form.Field(f) != nil || !slices.Contains(pack.Placeholders, f) {
			return false
		}
	}
	return true
}
