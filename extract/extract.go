// Package extract reads a workbook laid out by a template pack (one we
// wrote, a filled form, or one typed by hand in the same layout) back into
// a dataset: the codes and fixed rows it finds, every amount it holds, and
// where each was found. verify rebuilds the expected plan from it.
//
// It reads what it finds and reports what it cannot place; it does not
// judge values.
package extract

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"budgetxl/dataset"
	"budgetxl/msg"
	"budgetxl/pack"
	"budgetxl/plan"
	"budgetxl/workbook"
)

// Found is what was found of one table in the workbook.
type Found struct {
	Table *pack.Table
	Sheet *workbook.Sheet // nil when the workbook has no such sheet
	// Rows maps each code and fixed row key found to its row number, per side.
	Rows []map[string]int
	// Empty reports that the sheet shows the table's empty note: in place
	// of its rows, or below them (pack.Table.EmptyRows), when Rows has them.
	Empty bool
	// Stray lists rows with content that match no code or fixed row.
	Stray []Stray
	// Problems lists the amount cells whose content is not an amount
	// (see Amount), left out of the dataset.
	Problems []Problem
	// Duplicates lists rows whose code or key was already found above.
	Duplicates []Stray
	// Misspelt lists the fixed rows known by a label that is not the
	// template's spelling (a half-width bracket: see pack.Pattern).
	Misspelt []Misspelt
	// Form is what was found of a form table; nil for a budget table.
	Form *FormFound

	table *dataset.Table
}

// Misspelt is a fixed row's label cell that reads as the template's label
// only by the tolerance policy of reading back.
type Misspelt struct {
	Row, Col int
	Key      string // the fixed row's key
	Text     string // the cell's text
	Label    string // the template's label
}

// Stray is a row that could not be placed.
type Stray struct {
	Row     int
	Col     int    // the first column of the row's side
	Text    string // the row's texts, joined
	Amounts bool   // the row holds amounts, which are not read
}

// Read reads workbook wb in the layout of pack p into a dataset of unit u.
// A table's cells hold the unit its units line names (pack.Layout.AmountUnit);
// the amounts are converted to u.AmountUnit.
func Read(wb *workbook.Book, p *pack.Pack, u dataset.Unit) (*dataset.Dataset, []*Found) {
	d := &dataset.Dataset{Unit: u, Tables: map[string]*dataset.Table{}, Forms: map[string]*dataset.Form{}}
	var found []*Found
	for _, t := range p.Tables {
		if t.Kind == pack.KindForm {
			f := &Found{Table: t, Sheet: wb.Sheet(t.Sheet)}
			found = append(found, f)
			if f.Sheet != nil {
				d.Forms[t.ID] = readForm(f, u)
			}
			continue
		}
		f := readTable(wb, p, t, u)
		found = append(found, f)
		if f.Sheet == nil {
			continue
		}
		d.Tables[t.ID] = f.table
	}
	return d, found
}

func readTable(wb *workbook.Book, p *pack.Pack, t *pack.Table, u dataset.Unit) *Found {
	f := &Found{Table: t, Sheet: wb.Sheet(t.Sheet)}
	if f.Sheet == nil {
		return f
	}
	sh := f.Sheet
	lay := t.Layout
	first := lay.DataFirst
	if t.EmptyNote != "" && sh.Text(1, first) == plan.Expand(t.EmptyNote, u) {
		f.table = &dataset.Table{File: t.Sheet, ByKey: map[string]*dataset.Row{}}
		f.Empty = true
		for range t.Sides {
			f.Rows = append(f.Rows, map[string]int{})
		}
		return f
	}
	last := sh.LastRow()
	// Each row of the sheet below the first data row holds at most one key
	// a side, and a key needs a cell unless its row is placed: the maps are
	// made that large, and never grow. The sheet's cells bound the rows, so
	// that a note typed far below the table makes no map of the rows between.
	span := 0
	for _, sl := range lay.Sides {
		span = max(span, min(last-first+1, len(sh.Cells)), len(sl.Placed))
	}
	td := &dataset.Table{File: t.Sheet, ByKey: make(map[string]*dataset.Row, span*len(lay.Sides)), Rows: make([]*dataset.Row, 0, span*len(lay.Sides))}
	f.table = td
	scale := plan.Scale(&dataset.Dataset{Unit: u}, t) // of the table's cells to the dataset's unit
	type placed struct {
		at int // the place in the row's Values (pack.SideLayout.Amounts)
		v  dataset.Value
	}
	var vals []placed
	n := len(lay.Amounts)
	var block []dataset.Row     // rows to hand out, made many at a time
	var amounts []dataset.Value // rows' Values to hand out, n at a time
	for _, sl := range lay.Sides {
		s := sl.Side
		rows := make(map[string]int, span)
		f.Rows = append(f.Rows, rows)
		used := map[*pack.Row]bool{}
		var cat *pack.Names
		if sl.Tree != nil {
			cat = p.NameIndex(sl.Tree.Tree)
		}
		// Fixed rows without a label (4-4's one row of amounts) are known
		// by their place.
		for _, fr := range sl.Placed {
			used[fr] = true
		}
		for r := first; r <= max(last, first+len(sl.Placed)-1); r++ {
			var m pack.RowMatch
			if fr := sl.Placed[r-first]; fr != nil {
				m = pack.RowMatch{Key: fr.Key, Fixed: fr, By: -1, Exact: true}
			} else {
				m = sl.Recognise(func(i int) string { return sh.Text(sl.First+i, r) }, used, cat)
				if m.Fixed != nil {
					used[m.Fixed] = true
				}
			}
			key := m.Key
			if key == "" && t.EmptyRows && sh.Text(1, r) == plan.Expand(t.EmptyNote, u) {
				f.Empty = true // the note below the rows of a table without data
				continue
			}
			if m.Fixed != nil && !m.Exact {
				f.Misspelt = append(f.Misspelt, Misspelt{Row: r, Col: sl.First + m.By, Key: key, Text: sh.Text(sl.First+m.By, r), Label: m.Fixed.Label})
			}
			vals = vals[:0] // the row's amounts, placed in its Values if the row is kept
			problems := len(f.Problems)
			for i, c := range s.Columns {
				if c.Kind != pack.KindAmount {
					continue
				}
				cell := sh.At(sl.First+i, r)
				v, what := Amount(cell)
				switch what {
				case Empty:
					continue
				case Number:
				default:
					f.Problems = append(f.Problems, Problem{Sheet: sh.Name, Cell: cell.Ref, Value: cell.Value, What: what, Key: key, Column: c.Key})
					continue
				}
				v = v.Shift(-scale) // the cell's unit → the dataset's
				vals = append(vals, placed{sl.Amounts[i], dataset.Value{Amount: v, Text: cell.Value, Line: r, Set: true}})
			}
			if key == "" {
				if text := rowText(sh, s, sl.First, r); text != "" || len(vals) > 0 {
					f.Stray = append(f.Stray, Stray{Row: r, Col: sl.First, Text: text, Amounts: len(vals) > 0 || len(f.Problems) > problems})
				}
				continue
			}
			if _, dup := rows[key]; dup {
				f.Duplicates = append(f.Duplicates, Stray{Row: r, Col: sl.First, Text: rowText(sh, s, sl.First, r), Amounts: len(vals) > 0 || len(f.Problems) > problems})
				continue
			}
			rows[key] = r
			var values []dataset.Value
			if len(vals) > 0 {
				// Up to the row's last amount: most rows have one or two,
				// in the first columns.
				k := 0
				for _, pv := range vals {
					k = max(k, pv.at+1)
				}
				if len(amounts) < k {
					amounts = make([]dataset.Value, n*min(span*len(lay.Sides), 256))
				}
				values, amounts = amounts[:k:k], amounts[k:]
				for _, pv := range vals {
					values[pv.at] = pv.v
				}
			}
			if len(block) == 0 {
				block = make([]dataset.Row, min(span*len(lay.Sides), 256))
			}
			row := &block[0]
			block = block[1:]
			*row = dataset.Row{Line: r, Key: key, Name: m.Name, Values: values}
			td.Rows = append(td.Rows, row)
			td.ByKey[key] = row
		}
	}
	if f.Empty && t.EmptyRows {
		// The rows above the note hold nothing but zeros (an empty 合计):
		// the table has no data, as the note says. A figure other than
		// zero keeps its row, so the checks see it.
		td.Rows = slices.DeleteFunc(td.Rows, func(r *dataset.Row) bool {
			for _, v := range r.Values {
				if !v.Amount.IsZero() {
					return false
				}
			}
			delete(td.ByKey, r.Key)
			return true
		})
	}
	return f
}

// rowText joins the texts of a side's cells in row r, for messages.
func rowText(sh *workbook.Sheet, s *pack.Side, first, r int) string {
	var parts []string
	for i := range s.Columns {
		if c := sh.At(first+i, r); c != nil && c.Value != "" && c.Type == workbook.TypeString {
			parts = append(parts, c.Value)
		}
	}
	return strings.Join(parts, " ")
}

// FindPack loads the pack a workbook was made with: the one its document
// property names, found in packs; without the property (a workbook made by
// hand), the library's default pack (see pack.Library.Default).
func FindPack(wb *workbook.Book, path string, packs pack.Library) (*pack.Pack, error) {
	id := wb.Props[plan.PropPack]
	if id == "" {
		e, ok := packs.Default()
		if !ok {
			return nil, msg.Errorf("%s: the workbook does not name its template pack (no document property %s): give the pack folder with --templates", path, plan.PropPack)
		}
		return e.Load()
	}
	e, ok := packs.Lookup(id)
	if !ok {
		return nil, msg.Errorf("%s: the workbook was made with template pack %s, which is not known (known: %s): give its folder with --templates", path, msg.Cut(id), packs.Known())
	}
	return e.Load()
}

// Unit tells who a workbook is for, from its document properties: the
// unit's name (else from the first table's title that gives it, as in a
// workbook typed by hand), code, department, year (else the title's, else
// the pack's: a dataset of the pack has no other) and the amount unit of
// its data. Nothing is guessed: missing lists the keys of unit.toml that
// the workbook does not give ("name", "code", "department",
// "amount_unit"), for the caller to ask for. An empty property is given:
// a unit without a code. The note is optional.
func Unit(wb *workbook.Book, p *pack.Pack) (u dataset.Unit, missing []string) {
	u = dataset.Unit{Pack: p.ID, Year: p.Year, Note: wb.Props[plan.PropNote]}
	for _, f := range []struct {
		prop, key string
		to        *string
	}{{plan.PropUnit, "name", &u.Name}, {plan.PropUnitCode, "code", &u.Code}, {plan.PropDepartment, "department", &u.Department}} {
		v, ok := wb.Props[f.prop]
		switch {
		case ok && (v != "" || f.key != "name"):
			*f.to = v
		case f.key == "name" && nameFromTitle(wb, p, &u):
		default:
			missing = append(missing, f.key)
		}
	}
	if y, err := strconv.Atoi(wb.Props[plan.PropYear]); err == nil {
		u.Year = y
	}
	if v, ok := wb.Props[plan.PropVariant]; ok {
		u.Variant = v
	} else if len(p.Variants) > 0 {
		u.Variant = variantFromTitle(wb, p)
	}
	switch v := wb.Props[plan.PropAmountUnit]; v {
	case dataset.Yuan, dataset.TenKYuan:
		u.AmountUnit = v
	default:
		missing = append(missing, "amount_unit")
	}
	return u, missing
}

// variantFromTitle is the variant that the first title which has one
// gives ("" when none does: the dataset then takes the pack's first).
func variantFromTitle(wb *workbook.Book, p *pack.Pack) string {
	for _, t := range p.Tables {
		if sh := wb.Sheet(t.Sheet); sh != nil && strings.Contains(t.Title, "{variant") {
			if m, ok := pack.Compile(t.Title).Match(sh.Text(1, 1)); ok {
				return m["variant"]
			}
		}
	}
	return ""
}

// nameFromTitle sets u's name, and its year when no property gives it,
// from the first table title that has them, else from the left part of a
// units line (编制单位：{unit}).
func nameFromTitle(wb *workbook.Book, p *pack.Pack, u *dataset.Unit) bool {
	for _, t := range p.Tables {
		if sh := wb.Sheet(t.Sheet); sh != nil {
			if name, year, ok := UnitFromTitle(t.Title, sh.Text(1, 1)); ok && name != "" {
				u.Name = name
				if _, err := strconv.Atoi(wb.Props[plan.PropYear]); err != nil && year != 0 {
					u.Year = year
				}
				return true
			}
			if t.UnitsLeft != "" && t.Layout != nil {
				if name, _, ok := UnitFromTitle(t.UnitsLeft, sh.Text(1, t.Layout.UnitsRow)); ok && name != "" {
					u.Name = name
					return true
				}
			}
		}
	}
	return false
}

// Inputs reads a workbook's input values back into a dataset of unit u:
// what a clerk typed, not what the formulas derive from it. unread lists
// what it leaves out, each naming its cell: input cells that hold no
// amount (see Amount), rows that hold amounts but match no code or fixed
// row of their table, rows that repeat a row above them. The error is for
// a table whose sheet is missing, or rows the templates cannot lay out.
func Inputs(wb *workbook.Book, p *pack.Pack, u dataset.Unit) (d *dataset.Dataset, unread []error, err error) {
	d, found := Read(wb, p, u)
	var missing []error
	for _, f := range found {
		if f.Sheet == nil {
			missing = append(missing, msg.Errorf("the workbook has no sheet %s (table %s): was it renamed or deleted? Give it back its name, or restore it", f.Table.Sheet, f.Table.ID))
		}
	}
	if err := errors.Join(missing...); err != nil {
		return nil, nil, err
	}
	book, err := plan.Build(p, d)
	if err != nil {
		return nil, nil, err
	}
	input := map[[2]string]bool{} // table id + key, column
	for sh, c := range book.Cells() {
		if c.Kind == plan.Input {
			input[[2]string{sh.Table.ID + "\x00" + c.Key, c.Column}] = true
		}
	}
	for _, f := range found {
		t := f.Table
		for _, pr := range f.Problems {
			if t.Kind == pack.KindForm {
				if fd := t.Form.Field(pr.Column); fd != nil && fd.Expr != nil {
					continue // a formula's value, not an input
				}
			} else if !input[[2]string{t.ID + "\x00" + pr.Key, pr.Column}] {
				continue
			}
			unread = append(unread, pr)
		}
		for _, s := range f.Stray {
			if s.Amounts {
				unread = append(unread, msg.Errorf("%s!%s: row %d (%s) is neither a code of this table nor one of its fixed rows: its amounts are not read", f.Sheet.Name, pack.CellName(s.Col, s.Row), s.Row, msg.Cut(s.Text)))
			}
		}
		for _, s := range f.Duplicates {
			unread = append(unread, msg.Errorf("%s!%s: row %d (%s) repeats a row found above it: it is not read", f.Sheet.Name, pack.CellName(s.Col, s.Row), s.Row, msg.Cut(s.Text)))
		}
	}
	empty := map[string]bool{}
	for _, f := range found {
		empty[f.Table.ID] = f.Empty
	}
	for id, td := range d.Tables {
		amounts := p.Table(id).Layout.Amounts
		for _, r := range td.Rows {
			for i := range r.Values {
				if r.Values[i].Set && !input[[2]string{id + "\x00" + r.Key, amounts[i]}] {
					r.Values[i] = dataset.Value{}
				}
			}
		}
		if empty[id] { // rows without inputs above the empty note carry nothing
			td.Rows = slices.DeleteFunc(td.Rows, func(r *dataset.Row) bool {
				if !r.HasValues() {
					delete(td.ByKey, r.Key)
					return true
				}
				return false
			})
		}
	}
	for id, f := range d.Forms {
		t := p.Table(id)
		for _, r := range f.Records {
			for key := range r.Fields {
				if fd := t.Form.Field(key); fd != nil && fd.Expr != nil {
					delete(r.Fields, key)
				}
			}
			for key, items := range r.Lists {
				r.Lists[key] = slices.DeleteFunc(items, func(it dataset.Item) bool { return len(it.Fields) == 0 })
			}
		}
	}
	unread = append(unread, restorePublished(wb, p, d, book)...)
	return d, unread, nil
}

// restorePublished gives back the published figures that fill kept in its
// hidden sheet: each (sheet, cell) names a formula cell of the plan, whose
// key and column say where the figure belongs in the dataset. A row that
// names no such cell, or whose figure is not an amount, is returned as
// unread: the dataset would otherwise lose a published figure unseen (a
// later fill would show the formula's value as if it were the one
// published).
func restorePublished(wb *workbook.Book, p *pack.Pack, d *dataset.Dataset, book *plan.Book) []error {
	ps := wb.Sheet(plan.PublishedSheet)
	if ps == nil {
		return nil
	}
	var unread []error
	bad := func(r int) {
		unread = append(unread, msg.Errorf("%s!A%d: the row (%s) names no formula cell of the tables: the published figure is not read; fill the workbook again from its dataset", ps.Name, r, msg.Cut(ps.Text(1, r)+" "+ps.Text(2, r)+" "+ps.Text(3, r))))
	}
	for r := 2; r <= ps.LastRow(); r++ {
		if ps.Text(1, r) == "" && ps.Text(2, r) == "" && ps.Text(3, r) == "" {
			continue
		}
		sh := book.Sheet(ps.Text(1, r))
		if sh == nil {
			bad(r)
			continue
		}
		col, row, err := pack.ParseCell(ps.Text(2, r))
		if err != nil {
			bad(r)
			continue
		}
		c, text := sh.Cell(col, row), ps.Text(3, r)
		if c == nil || c.Kind != plan.Formula {
			bad(r)
			continue
		}
		amount, ok, err := dataset.ParseAmount(text, 6)
		if err != nil || !ok {
			why := error(msg.Errorf("the cell is empty"))
			if err != nil {
				why = err
			}
			unread = append(unread, msg.Errorf("%s!C%d: the published figure of %s!%s is not an amount (%v): it is not read", ps.Name, r, sh.Name, pack.CellName(col, row), why))
			continue
		}
		if t := sh.Table; t.Kind == pack.KindForm {
			for _, rec := range d.Forms[t.ID].Records {
				if rec.Label(t) == c.Key {
					rec.Fields[c.Column] = dataset.FieldValue{Text: text, Amount: amount, Number: true}
				}
			}
			continue
		}
		td, lay := d.Tables[sh.Table.ID], sh.Table.Layout
		if td == nil || td.ByKey[c.Key] == nil || lay.Amount(c.Column) < 0 {
			bad(r)
			continue
		}
		td.ByKey[c.Key].SetValue(len(lay.Amounts), lay.Amount(c.Column), dataset.Value{Amount: amount, Text: text, Line: row})
	}
	return unread
}

// UnitFromTitle recovers the unit's name from a title made from template
// title tpl (such as "{unit}部门收支总表"), read by the tolerance policy of
// reading back (pack.Pattern); ok is false when text does not have the
// template's form.
func UnitFromTitle(tpl, text string) (name string, year int, ok bool) {
	m, ok := pack.Compile(tpl).Match(text)
	if !ok {
		return "", 0, false
	}
	year, _ = strconv.Atoi(m["year"])
	return m["unit"], year, true
}
