package verify

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"budgetxl/extract"
	"budgetxl/formula"
	"budgetxl/msg"
	"budgetxl/pack"
	"budgetxl/plan"
	"budgetxl/workbook"
)

// checkTable compares one sheet with the plan the templates imply.
func (c *checker) checkTable(t *pack.Table, f *extract.Found, e *plan.Sheet) {
	sh := f.Sheet
	// Header texts.
	for r := e.HeaderFirst; r <= e.HeaderLast; r++ {
		for col := 1; col <= len(e.Rows[r-1]); col++ {
			want := e.Cell(col, r)
			if want == nil || want.Text == "" {
				continue
			}
			switch got := sh.Text(col, r); {
			case sameText(got, want.Text):
			case pack.Same(want.Text, got): // the tolerance of reading back: the same header, spelt otherwise
				c.finding(Warning, "structure.label-spelling", sh.Name, pack.CellName(col, r), want.Text, got,
					"the header %q is not the templates' spelling %q (a bracket, colon or quote of the other width)", msg.Cut(got), want.Text)
			default:
				c.finding(Error, "structure.header", sh.Name, pack.CellName(col, r), want.Text, got,
					"header cell should read %q, found %q", want.Text, msg.Cut(got))
			}
		}
	}
	for _, s := range f.Stray {
		if s.Text == "" && s.Row <= len(e.Rows) {
			continue // a value in a cell the templates leave empty: reported below as unexpected
		}
		c.finding(Error, "structure.row-stray", sh.Name, pack.CellName(s.Col, s.Row), "", s.Text,
			"row %d (%s) is neither a code of this table nor one of its fixed rows", s.Row, s.Text)
	}
	for _, m := range f.Misspelt {
		c.finding(Warning, "structure.label-spelling", sh.Name, pack.CellName(m.Col, m.Row), m.Label, m.Text,
			"the label %q is not the templates' spelling %q (a bracket, colon or quote of the other width): the row is read as %s", msg.Cut(m.Text), m.Label, m.Key)
	}
	for _, s := range f.Duplicates {
		c.finding(Error, "structure.row-duplicate", sh.Name, pack.CellName(s.Col, s.Row), "", s.Text,
			"row %d (%s) repeats a row found above it", s.Row, s.Text)
	}
	c.checkAmounts(f, "structure.bad-amount")
	if f.Empty && !t.EmptyRows {
		return
	}
	// Rows: every row the templates place must stand where they place it.
	// A key stands once on its side (codes are unique in a tree, fixed row
	// keys in a table), and a side's cells of a row share its key.
	moved := false
	for si, sl := range t.Layout.Sides {
		var rows map[string]int
		if si < len(f.Rows) {
			rows = f.Rows[si]
		}
		end := sl.First + len(sl.Side.Columns) - 1
		for ri, row := range e.Rows[e.DataFirst-1:] {
			var want *plan.Cell
			for col := sl.First; col <= min(end, len(row)); col++ {
				cell := row[col-1]
				if cell == nil && e.BlankInput(col, e.DataFirst+ri) {
					cell = e.Cell(col, e.DataFirst+ri) // a row of amounts only, none given
				}
				if cell != nil && cell.Key != "" {
					want = cell
					break
				}
			}
			if want == nil {
				continue
			}
			w := int(want.Row)
			r, ok := rows[want.Key]
			switch {
			case !ok:
				moved = true
				c.finding(Error, "structure.row-missing", sh.Name, pack.CellName(1, w), want.Key, "",
					"row %s is missing: the templates place it at row %d", rowName(t, want.Key), w)
			case r != w:
				moved = true
				c.finding(Error, "structure.row-order", sh.Name, pack.CellName(sl.First, r), pack.CellName(sl.First, w), pack.CellName(sl.First, r),
					"row %s stands at row %d; the templates place it at row %d (codes in order, parents above children)", want.Key, r, w)
			}
		}
	}
	c.checkNames(t, f, e)
	if moved {
		if c.moved == nil {
			c.moved = map[string]bool{}
		}
		c.moved[sh.Name] = true
		c.finding(Warning, "structure.not-compared", sh.Name, "", "", "",
			"formulas of this sheet were not compared with the templates, because its rows differ from them")
		return
	}
	c.cells = append(c.cells, func() { c.checkCells(t, e, sh) })
}

// checkCells compares each cell of the data area with the plan.
func (c *checker) checkCells(t *pack.Table, e *plan.Sheet, sh *workbook.Sheet) {
	var hardCoded []*plan.Cell
	live := 0
	var buf []byte // the expected formula's text, made again for each cell
	for off, row := range e.Rows[e.DataFirst-1:] {
		for _, got := range heldBlanks(e, sh, e.DataFirst+off) {
			if got.Formula != "" { // as for an input below
				c.finding(Warning, "formula.in-input", sh.Name, got.Ref, "", "="+got.Formula,
					"an input cell holds a formula =%s: type the amount instead", got.Formula)
			}
		}
		for _, want := range row {
			if want == nil {
				continue
			}
			got := sh.At(int(want.Col), int(want.Row))
			switch want.Kind {
			case plan.Formula:
				if c.refersToMoved(want) {
					continue // its targets are not where the templates put them
				}
				if got == nil || got.Formula == "" {
					hardCoded = append(hardCoded, want)
					continue
				}
				live++
				buf = want.Formula.AppendText(buf[:0])
				if got.Formula == string(buf) {
					continue // the usual case, without parsing both nor making a string
				}
				wantText := string(buf)
				switch m, err := formula.Compare(got.Formula, wantText, sh.Name); {
				case err != nil || m == formula.Changed:
					c.finding(Error, "formula.changed", sh.Name, want.Address(), "="+wantText, "="+got.Formula,
						"the formula was changed: the templates give =%s, the cell has =%s", wantText, got.Formula)
				case m == formula.Rewritten:
					c.finding(Note, "formula.rewritten", sh.Name, want.Address(), "="+wantText, "="+got.Formula,
						"the formula =%s is written differently from the templates' =%s, but gives the same value", got.Formula, wantText)
				}
			case plan.Input:
				if got != nil && got.Formula != "" {
					c.finding(Warning, "formula.in-input", sh.Name, want.Address(), "", "="+got.Formula,
						"an input cell holds a formula =%s: type the amount instead", got.Formula)
				}
			case plan.Empty:
				if got != nil && strings.TrimSpace(got.Value) != "" && !zero(got.Value) {
					c.finding(Warning, "structure.unexpected-value", sh.Name, want.Address(), "", got.Value,
						"this cell should be empty, found %s", got.Value)
				}
			}
		}
	}
	if len(hardCoded) == 0 {
		return
	}
	// A sheet typed by hand has constants where every formula belongs: one
	// warning for the sheet, and every sum checked over the values.
	if live == 0 {
		c.finding(Warning, "formula.not-live", sh.Name, "", "", "",
			"the sheet's totals are typed in, not live formulas (%d cells); each sum was checked over the values", len(hardCoded))
	}
	for _, want := range hardCoded {
		if live > 0 {
			c.finding(Error, "formula.hard-coded", sh.Name, want.Address(), "="+want.Formula.Text(), c.values.text(sh.Name, int(want.Col), int(want.Row)),
				"a total was typed over: the cell should hold =%s", want.Formula.Text())
		}
		c.checkSum(sh.Name, want)
	}
}

// heldBlanks lists the cells of row r of sh that stand on a blank input
// of plan e (see plan.Sheet.Cell), one extract read no amount in, and
// hold something all the same: a formula without a cached number, a
// number extract refuses. The checks of inputs see them as inputs.
func heldBlanks(e *plan.Sheet, sh *workbook.Sheet, r int) []*workbook.Cell {
	var held []*workbook.Cell
	first, end := sh.RowSpan(r)
	for _, got := range sh.Cells[first:end] {
		if (got.Value != "" || got.Formula != "") && e.BlankInput(got.Col, r) {
			held = append(held, got)
		}
	}
	return held
}

// checkAmounts reports the amount cells that hold no amount, as extract
// reads them: a number stored as text under amount.text (Excel's SUM skips
// it), anything else under rule.
func (c *checker) checkAmounts(f *extract.Found, rule string) {
	for _, p := range f.Problems {
		r := rule
		if p.What == extract.NumberText {
			r = "amount.text"
		}
		if f.Table.Kind == pack.KindForm {
			// Indexed verbs: a format of its own, whose translation has a full-width colon.
			c.finding(Error, r, p.Sheet, p.Cell, "", p.Value, "%[1]s: %[2]v", fieldLabel(f.Table, p.Column), p.Message())
			continue
		}
		c.finding(Error, r, p.Sheet, p.Cell, "", p.Value, "%v", p.Message())
	}
}

// checkSum checks one sum relation of the templates over the workbook's
// values, with rounding tolerance when the values are rounded to 0.01. A
// sum over a cell that holds no amount is not checked: the cell is reported.
func (c *checker) checkSum(sheet string, want *plan.Cell) {
	if c.bad[place{sheet, want.Address()}] {
		return
	}
	for i := range want.Formula.Len() {
		term := want.Formula.Term(i)
		s := term.Ref.Sheet
		if s == "" {
			s = sheet
		}
		if c.bad[place{s, pack.CellName(int(term.Ref.Col), int(term.Ref.Row))}] {
			return
		}
	}
	total, _ := c.values.num(sheet, int(want.Col), int(want.Row))
	var terms []decimal.Decimal
	sum := decimal.Zero
	for i := range want.Formula.Len() {
		term := want.Formula.Term(i)
		s := term.Ref.Sheet
		if s == "" {
			s = sheet
		}
		v, _ := c.values.num(s, int(term.Ref.Col), int(term.Ref.Row))
		terms = append(terms, v)
		if term.Neg {
			sum = sum.Sub(v)
		} else {
			sum = sum.Add(v)
		}
	}
	delta := total.Sub(sum)
	if delta.IsZero() {
		return
	}
	parts := nonZero(terms)
	tol := tolerance(append(terms, total), parts+1)
	if delta.Abs().LessThanOrEqual(tol) {
		c.finding(Note, "sum.rounding", sheet, want.Address(), money(sum), money(total),
			"the total %s differs from the sum of its %d parts, %s, by %s: within rounding (±%s)",
			money(total), parts, money(sum), money(delta), tol.String())
		c.report.Findings[len(c.report.Findings)-1].Rounding = true
		return
	}
	c.finding(Error, "sum.mismatch", sheet, want.Address(), money(sum), money(total),
		"the total %s is not the sum of its parts (=%s gives %s): the difference %s is more than rounding",
		money(total), want.Formula.Text(), money(sum), money(delta))
}

// checkNames compares subject names with the pack's catalog.
func (c *checker) checkNames(t *pack.Table, f *extract.Found, e *plan.Sheet) {
	for si, s := range t.Sides {
		tree := s.TreeRow()
		if tree == nil {
			continue
		}
		cat := c.p.Catalogs[tree.Tree]
		sl := t.Layout.Sides[si]
		nameCol, first := 0, sl.First
		if sl.Name >= 0 {
			nameCol = first + sl.Name
		}
		check := func(key string, r int, name func() string) {
			if !pack.IsDigits(key) {
				return
			}
			official, known := cat[key]
			if !known {
				c.finding(Warning, "catalog.code", f.Sheet.Name, pack.CellName(first, r), "", key,
					"code %s is not in catalog %s of the pack", key, tree.Tree)
				return
			}
			if nameCol == 0 {
				return
			}
			if got := name(); got != "" && got != official {
				c.finding(Warning, "catalog.name", f.Sheet.Name, pack.CellName(nameCol, r), official, got,
					"subject %s is named %q; the catalog calls it %q", key, msg.Cut(got), official)
			}
		}
		// A table of one side has its rows in the dataset extract read, in
		// the sheet's order, each with the name it read as the check reads
		// it (pack.SideLayout.Recognise): a pass down the sheet, where the
		// side's map of rows is in no order.
		if td := c.data.Tables[t.ID]; len(t.Sides) == 1 && td != nil && !f.Empty {
			for _, row := range td.Rows {
				check(row.Key, row.Line, func() string { return row.Name })
			}
			continue
		}
		for key, r := range f.Rows[si] {
			check(key, r, func() string { return tree.StripOrdinal(f.Sheet.Text(nameCol, r)) })
		}
	}
}

// checkProtection reports unprotected sheets and an unlocked structure.
func (c *checker) checkProtection() {
	for _, t := range c.p.Tables {
		if sh := c.found[t.ID].Sheet; sh != nil && !sh.Protected {
			c.finding(Warning, "protection.sheet", sh.Name, "", "protected", "unprotected",
				"the sheet is not protected: anyone can type over its formulas")
		}
	}
	if !c.wb.StructureLocked {
		c.finding(Warning, "protection.structure", "", "", "protected", "unprotected",
			"the workbook structure is not protected: sheets can be renamed, moved or deleted (a LibreOffice re-save also drops this lock)")
	}
}

// tolerance is the rounding tolerance of a relation between n rounded
// figures: n × 0.005 when every value is rounded to 0.01, else zero.
func tolerance(values []decimal.Decimal, n int) decimal.Decimal {
	for _, v := range values {
		if !v.Equal(v.Round(2)) {
			return decimal.Zero
		}
	}
	return decimal.New(5, -3).Mul(decimal.NewFromInt(int64(n)))
}

func nonZero(vs []decimal.Decimal) int {
	n := 0
	for _, v := range vs {
		if !v.IsZero() {
			n++
		}
	}
	return n
}

func zero(s string) bool {
	d, err := decimal.NewFromString(strings.TrimSpace(s))
	return err == nil && d.IsZero()
}

// rowName names a row for messages: its label, or its code.
func rowName(t *pack.Table, key string) string {
	if r := t.FixedRow(key); r != nil && r.Label != "" {
		return key + "（" + r.Label + "）"
	}
	return key
}

// sideFirstColumn is the number of the first column of side si, from the
// table's layout.
func sideFirstColumn(t *pack.Table, si int) int { return t.Layout.Sides[si].First }

// sameText reports whether a and b read alike once every space and line
// break is taken out (strings.Fields joined), without making either
// string: labels are compared for every cell of every form.
func sameText(a, b string) bool {
	if a == b {
		return true
	}
	for {
		a = strings.TrimLeftFunc(a, unicode.IsSpace)
		b = strings.TrimLeftFunc(b, unicode.IsSpace)
		if a == "" || b == "" {
			return a == b
		}
		_, na := utf8.DecodeRuneInString(a)
		_, nb := utf8.DecodeRuneInString(b)
		if a[:na] != b[:nb] {
			return false
		}
		a, b = a[na:], b[nb:]
	}
}

// refersToMoved reports whether a planned formula refers into a sheet whose
// rows differ from the templates.
func (c *checker) refersToMoved(cell *plan.Cell) bool {
	for i := range cell.Formula.Len() {
		if t := cell.Formula.Term(i); t.Ref.Sheet != "" && c.moved[t.Ref.Sheet] {
			return true
		}
	}
	return false
}
