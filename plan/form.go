package plan

import (
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
		for len(sh.Rows) < c.Row {
			sh.Rows = append(sh.Rows, make([]*Cell, width))
		}
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
	title := func() {
		set(&Cell{Kind: Text, Style: StyleTitle, Text: Expand(t.Title, u), Col: 1, Row: row})
		sh.Heights[row] = 36
		set(&Cell{Kind: Text, Style: StyleUnits, Text: Expand(t.Units, u), Col: 1, Row: row + 1})
		if width > 1 {
			sh.Merges = append(sh.Merges, pack.Range{Col1: 1, Row1: row, Col2: width, Row2: row}, pack.Range{Col1: 1, Row1: row + 1, Col2: width, Row2: row + 1})
		}
		row += 2
	}
	if len(records) == 0 {
		title()
		sh.Empty = true
		set(&Cell{Kind: Text, Style: StyleNote, Text: Expand(t.EmptyNote, u), Col: 1, Row: row})
		sh.Heights[row] = 30
		if width > 1 {
			sh.Merges = append(sh.Merges, pack.Range{Col1: 1, Row1: row, Col2: width, Row2: row})
		}
		return
	}
	for i, rec := range records {
		if i > 0 {
			sh.Breaks = append(sh.Breaks, row)
		}
		title()
		row = b.formBlock(t, sh, rec, row, set)
	}
}

// formBlock plans one record's grid from row first; it returns the row
// after the block.
func (b *builder) formBlock(t *pack.Table, sh *Sheet, rec *dataset.Record, first int, set func(*Cell)) int {
	width := len(t.Widths)
	key := rec.Label(t)
	// Expand the grid: a list row once per item (one empty row for none).
	type gridRow struct {
		cells []string
		item  *dataset.Item
		list  *pack.List
	}
	var grid []gridRow
	for _, r := range t.Rows {
		if r.List == "" {
			grid = append(grid, gridRow{cells: r.Cells})
			continue
		}
		items := rec.Lists[r.List]
		if len(items) == 0 {
			items = []dataset.Item{{Fields: map[string]dataset.FieldValue{}}}
		}
		for j := range items {
			grid = append(grid, gridRow{cells: r.Cells, item: &items[j], list: t.Form.List(r.List)})
		}
	}
	// Merges: each cell's owner, then each owner's rectangle.
	cells := make([][]string, len(grid))
	for r, g := range grid {
		cells[r] = g.cells
	}
	owner := pack.MergeOwners(cells, width)
	boxes := make([]pack.Range, len(grid)*width) // by owner, r*width+c; Col1 0 until seen
	var order []int
	for r := range grid {
		for c := 0; c < width; c++ {
			o := owner[r][c]
			bx := &boxes[o[0]*width+o[1]]
			if bx.Col1 == 0 {
				*bx = pack.Range{Col1: c + 1, Row1: first + r, Col2: c + 1, Row2: first + r}
				order = append(order, o[0]*width+o[1])
			}
			bx.Col1, bx.Col2 = min(bx.Col1, c+1), max(bx.Col2, c+1)
			bx.Row1, bx.Row2 = min(bx.Row1, first+r), max(bx.Row2, first+r)
		}
	}
	for _, o := range order {
		if bx := boxes[o]; bx.Col1 != bx.Col2 || bx.Row1 != bx.Row2 {
			sh.Merges = append(sh.Merges, bx)
		}
	}
	// Cells; fields' positions for formulas.
	at := map[string]Ref{}       // record field → its cell
	listAt := map[string][]Ref{} // list field → its cells, item by item
	var formulas []*Cell
	block := make([]Cell, len(grid)*width) // the block's cells, made at once
	for r, g := range grid {
		for c := 0; c < width; c++ {
			cell := &block[r*width+c]
			*cell = Cell{Kind: Text, Style: StyleLabel, Col: c + 1, Row: first + r, Key: key, Parts: -1}
			set(cell)
			if owner[r][c] != [2]int{r, c} {
				cell.Style = styleOf(grid[owner[r][c][0]].cells[owner[r][c][1]], t)
				continue
			}
			tpl := g.cells[c]
			cell.Style = styleOf(tpl, t)
			fields := pack.CellFields(tpl)
			values := rec.Fields
			if g.item != nil {
				values = g.item.Fields
			}
			if len(fields) == 1 && tpl == "{"+fields[0]+"}" {
				name := fields[0]
				if strings.HasPrefix(name, "sum:") {
					cell.Kind, cell.Column, cell.Formula = Formula, name, &Expr{}
					formulas = append(formulas, cell)
					continue
				}
				if fd := t.Form.Field(name); fd != nil && fd.Kind != pack.FieldText {
					cell.Column = name
					ref := Ref{Col: c + 1, Row: first + r}
					if fd.List != nil {
						listAt[name] = append(listAt[name], ref)
					} else {
						at[name] = ref
					}
					v, ok := values[name]
					if fd.Expr != nil {
						cell.Kind, cell.Formula = Formula, &Expr{}
						formulas = append(formulas, cell)
						if ok && v.Number {
							d := v.Amount
							cell.Declared, cell.DeclaredText = &d, v.Text
						}
						continue
					}
					cell.Kind, cell.Blank = Input, !ok || !v.Number
					cell.Entry = fieldEntry(fd, fd.Label)
					if ok && v.Number {
						cell.Value = v.Amount
					} else if ok {
						cell.Kind, cell.Text = Text, v.Text // not a number: keep the text, verify reports it
					}
					continue
				}
			}
			cell.Text = b.fillFields(t, tpl, values, rec)
			if len(fields) > 0 && !onlyPlaceholders(t, fields) {
				cell.Column = fields[0]
				key := [2]string{t.ID, tpl} // one Entry for the cells of a template (never changed once made)
				if b.entries[key] == nil {
					b.entries[key] = textEntry(t, tpl, fields)
				}
				cell.Entry = b.entries[key]
			}
		}
	}
	for _, cell := range formulas {
		if sum, ok := strings.CutPrefix(cell.Column, "sum:"); ok {
			for _, r := range listAt[sum] {
				cell.Formula.Terms = append(cell.Formula.Terms, Term{Ref: r})
			}
			continue
		}
		for _, term := range t.Form.Field(cell.Column).Expr.Terms {
			if r, ok := at[term.Key]; ok {
				cell.Formula.Terms = append(cell.Formula.Terms, Term{Neg: term.Neg, Ref: r})
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

// fillFields substitutes a cell template's fields and placeholders.
func (b *builder) fillFields(t *pack.Table, tpl string, values map[string]dataset.FieldValue, rec *dataset.Record) string {
	if tpl == pack.MergeLeft || tpl == pack.MergeUp {
		return ""
	}
	out := tpl
	for _, name := range pack.CellFields(tpl) {
		v, ok := values[name]
		if !ok {
			v = rec.Fields[name]
		}
		text := v.Text
		if t.Form.Field(name) == nil && slices.Contains(pack.Placeholders, name) {
			text = Expand("{"+name+"}", b.d.Unit)
		}
		out = strings.Replace(out, "{"+name+"}", text, 1)
	}
	return out
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
