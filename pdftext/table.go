package pdftext

import (
	"strconv"
	"strings"

	"budgetxl/dataset"
	"budgetxl/msg"
	"budgetxl/pack"
)

// header reports whether cells are one of the table's header rows (the
// first page's, or one repeated on a later page; a cell merged over
// several header rows printed on any of them: pack.Layout.HeaderLines),
// and the year it gives ("2025年预算数"), 0 if none.
func (ts *table) header(cells []string) (year int, ok bool) {
	if ts.lay == nil {
		return 0, false
	}
	got := nonEmpty(cells)
	for _, want := range ts.lay.HeaderLines {
		if y, ok := headerMatch(want, got); ok {
			return y, true
		}
	}
	return 0, false
}

// headerMatch reports whether the texts got are the header cells want, in
// order, each optional cell there or not, and the year they give.
func headerMatch(want []pack.HeaderCell, got []string) (year int, ok bool) {
	failed := map[[2]int]bool{} // (w, g) that cannot match: each tried once
	var match func(w, g int) bool
	match = func(w, g int) bool {
		if failed[[2]int{w, g}] {
			return false
		}
		switch {
		case w == len(want):
			return g == len(got)
		case g < len(got):
			if m, ok := compile(want[w].Text).Match(got[g]); ok && match(w+1, g+1) {
				if y := yearOf(m); y != 0 {
					year = y
				}
				return true
			}
		}
		if want[w].Optional && match(w+1, g) {
			return true
		}
		failed[[2]int{w, g}] = true
		return false
	}
	if len(got) == 0 || !match(0, 0) {
		return 0, false
	}
	return year, true
}

// nonEmpty returns the cells that hold text, in order.
func nonEmpty(cells []string) []string {
	var out []string
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			out = append(out, c)
		}
	}
	return out
}

// placed is what a line gives a budget table: one row per side it fills.
type placed struct {
	rows  []*dataset.Row
	fixed []*pack.Row // the fixed rows it uses up
}

// fitRow places the cells of a line in the table. A line that lost its
// leading empty cells (a row that starts a new page) is tried shifted
// right, one cell at a time; the first placing that works is taken. strict
// asks in addition that every code row have an amount, so that the first
// half of a row broken across pages is not taken for a whole row.
func (ps *parser) fitRow(ts *table, cells []string, strict bool) (*placed, *msg.Error) {
	lay := ts.lay
	if len(cells) > lay.Width {
		return nil, msg.Errorf("%d cells, but table %s has %d columns", len(cells), ts.t.Sheet, lay.Width)
	}
	var first *msg.Error
	for k := 0; k+len(cells) <= lay.Width; k++ {
		row := make([]string, lay.Width)
		copy(row[k:], cells)
		pl, err := ps.placeRow(ts, row, strict)
		if err == nil {
			return pl, nil
		}
		if first == nil {
			first = err
		}
	}
	return nil, first
}

// placeRow places a row of exactly the table's width.
func (ps *parser) placeRow(ts *table, row []string, strict bool) (*placed, *msg.Error) {
	pl := &placed{}
	for _, sl := range ts.lay.Sides {
		sc := row[sl.First-1 : sl.First-1+len(sl.Side.Columns)]
		if len(nonEmpty(sc)) == 0 {
			continue
		}
		r, fr, err := ps.placeSide(ts, sl, sc, strict)
		if err != nil {
			return nil, err
		}
		pl.rows = append(pl.rows, r)
		if fr != nil {
			pl.fixed = append(pl.fixed, fr)
		}
	}
	return pl, nil
}

// placeSide knows a side's cells as a row, by the row recogniser of the
// pack's layout (pack.SideLayout.Recognise), and reads its amounts.
func (ps *parser) placeSide(ts *table, sl *pack.SideLayout, sc []string, strict bool) (*dataset.Row, *pack.Row, *msg.Error) {
	var cat *pack.Names
	if sl.Tree != nil {
		cat = ps.p.NameIndex(sl.Tree.Tree)
	}
	m := sl.Recognise(func(i int) string { return sc[i] }, ts.used, cat)
	switch {
	case m.BadLevel != "":
		return nil, nil, msg.Errorf("code %s has %d digits; this table's codes have %s digits", m.BadLevel, len(m.BadLevel), levels(sl.Tree))
	case m.Again != nil:
		line := 0
		if r := ts.td.ByKey[m.Again.Key]; r != nil {
			line = r.Line
		}
		return nil, nil, msg.Errorf("row %s appears again (first on line %d)", m.Again.Label, line)
	case m.Key == "":
		return nil, nil, msg.Errorf("no code, row label or subject name of table %s", ts.t.Sheet)
	}
	uses := map[int]bool{m.By: true}
	if m.Fixed == nil && m.By == sl.Code {
		uses[sl.Name] = true
		for _, i := range sl.CodeParts {
			uses[i] = true
		}
	}
	r := &dataset.Row{Key: m.Key, Name: m.Name}
	for i, c := range sl.Side.Columns {
		s := sc[i]
		if s == "" || uses[i] {
			continue
		}
		if c.Kind != pack.KindAmount {
			return nil, nil, msg.Errorf("column %s: unexpected text %q", c.Key, s)
		}
		v, _, err := dataset.ParseAmount(s, 6)
		if err != nil {
			return nil, nil, msg.Errorf("column %s: %v", c.Key, err)
		}
		r.SetValue(len(ts.lay.Amounts), sl.Amounts[i], dataset.Value{Amount: v.Shift(ps.shift(ts)), Text: s})
	}
	if m.Fixed == nil {
		if prev := ts.td.ByKey[m.Key]; prev != nil {
			return nil, nil, msg.Errorf("row %s appears again (first on line %d)", m.Key, prev.Line)
		}
		if strict && !r.HasValues() {
			return nil, nil, msg.Errorf("code row %s has no amounts", m.Key)
		}
	}
	return r, m.Fixed, nil
}

// levels writes a tree's code lengths: "3, 5, 7".
func levels(tree *pack.Row) string {
	s := make([]string, len(tree.Levels))
	for i, l := range tree.Levels {
		s[i] = strconv.Itoa(l)
	}
	return strings.Join(s, ", ")
}

// headerPart reports whether line l, in the header block of the current
// table, holds parts of its header cells only: the words of a header cell
// that the extractor printed on lines of their own ("一般公共预算" above
// "拨款收入" for 一般公共预算\n拨款收入). No amount or code is a part, nor,
// alone on its line, the first words of a row label or subject name (a
// row broken across lines).
func (ps *parser) headerPart(l line) bool {
	cells := nonEmpty(l.cells)
	if len(cells) == 0 {
		return false
	}
	year := ""
	if ps.year != 0 {
		year = strconv.Itoa(ps.year)
	}
	for _, c := range cells {
		part := pack.Fold(c)
		if isAmount(c) || pack.IsDigits(part) {
			return false
		}
		if len(cells) == 1 && ps.startsRowText(part) {
			return false // the first words of a row broken across lines
		}
		found := false
		for _, row := range ps.cur.t.Header {
			for _, h := range row {
				if h = pack.Fold(strings.ReplaceAll(h, "{year}", year)); h != "" && strings.Contains(h, part) {
					found = true
				}
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// startsRowText reports whether part (folded) begins a fixed row's label or
// a subject name of the current table's catalog.
func (ps *parser) startsRowText(part string) bool {
	for _, sl := range ps.cur.lay.Sides {
		for _, r := range sl.Fixed {
			if strings.HasPrefix(pack.Fold(r.Label), part) {
				return true
			}
		}
		if sl.Tree != nil {
			for _, name := range ps.p.Catalogs[sl.Tree.Tree] {
				if strings.HasPrefix(pack.Fold(name), part) {
					return true
				}
			}
		}
	}
	return false
}

// commitRow adds what a line gave to the table.
func (ps *parser) commitRow(ts *table, pl *placed, n int) {
	ts.inHeader = false
	for _, fr := range pl.fixed {
		ts.used[fr] = true
	}
	for _, r := range pl.rows {
		if r.HasValues() {
			ps.needUnit(ts, n)
		}
		r.Line = n
		for i := range r.Values {
			if r.Values[i].Set {
				r.Values[i].Line = n
			}
		}
		ts.td.Rows = append(ts.td.Rows, r)
		ts.td.ByKey[r.Key] = r
	}
}
