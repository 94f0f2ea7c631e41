package pdftext

import (
	"strconv"
	"strings"

	"budgetxl/dataset"
	"budgetxl/msg"
	"budgetxl/pack"
)

// layout is where a budget table's sides stand in a published row: side
// after side, each column one cell.
type layout struct {
	width int
	sides []*sideLayout
}

// sideLayout is one side of a budget table.
type sideLayout struct {
	first int // the cell of its first column
	cols  []*pack.Column
	code  int // index in cols of the code column, -1 if none
	name  int // index in cols of the name column, -1 if none
	// fixed are the fixed rows with a label, body then foot: known by it.
	fixed []*pack.Row
	// plain are the fixed rows without a label (附件4-4's one row of
	// amounts): known by their order among rows without text.
	plain []*pack.Row
	tree  *pack.Row
}

// newLayout lays out the sides of budget table t.
func newLayout(t *pack.Table) *layout {
	l := &layout{}
	for _, s := range t.Sides {
		sl := &sideLayout{first: l.width, cols: s.Columns, code: -1, name: -1, tree: s.TreeRow()}
		for i, c := range s.Columns {
			switch {
			case c.Kind == pack.KindCode && sl.code < 0:
				sl.code = i
			case c.Kind == pack.KindName && sl.name < 0:
				sl.name = i
			}
		}
		for _, r := range append(append([]*pack.Row{}, s.Rows...), s.Foot...) {
			switch {
			case r.IsTree() || r.Blank:
			case r.Label == "":
				sl.plain = append(sl.plain, r)
			default:
				sl.fixed = append(sl.fixed, r)
			}
		}
		l.width += len(s.Columns)
		l.sides = append(l.sides, sl)
	}
	return l
}

// index returns the index in sl.cols of the column with key, -1 if none.
func (sl *sideLayout) index(key string) int {
	for i, c := range sl.cols {
		if c.Key == key {
			return i
		}
	}
	return -1
}

// header reports whether cells are one of the table's header rows (the
// first page's, or one repeated on a later page), and the year it gives
// ("2025年预算数"), 0 if none.
func (ts *table) header(cells []string) (year int, ok bool) {
	got := nonEmpty(cells)
	for _, h := range ts.t.Header {
		want := nonEmpty(h)
		if len(want) == 0 || len(want) != len(got) {
			continue
		}
		year, ok = 0, true
		for i := range want {
			m, match := compile(want[i]).match(got[i])
			if !match {
				ok = false
				break
			}
			if y := yearOf(m); y != 0 {
				year = y
			}
		}
		if ok {
			return year, true
		}
	}
	return 0, false
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
	if len(cells) > lay.width {
		return nil, msg.Errorf("%d cells, but table %s has %d columns", len(cells), ts.t.Sheet, lay.width)
	}
	var first *msg.Error
	for k := 0; k+len(cells) <= lay.width; k++ {
		row := make([]string, lay.width)
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
	for _, sl := range ts.lay.sides {
		sc := row[sl.first : sl.first+len(sl.cols)]
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

// placeSide knows a side's cells as a row: by its code, by the label of a
// fixed row not used yet, by a subject name in the catalog (a side with
// names but no codes, as 附件4-1's expenditure), or, cells of amounts
// only, as the next fixed row without a label.
func (ps *parser) placeSide(ts *table, sl *sideLayout, sc []string, strict bool) (*dataset.Row, *pack.Row, *msg.Error) {
	text := func(i int) string {
		if i < 0 {
			return ""
		}
		return sc[i]
	}
	var key, name string
	var fr *pack.Row
	uses := map[int]bool{}
	code := text(sl.code)
	switch {
	case code != "" && pack.IsDigits(code) && sl.tree != nil:
		if !sl.tree.HasLevel(code) {
			return nil, nil, msg.Errorf("code %s has %d digits; this table's codes have %s digits", code, len(code), levels(sl.tree))
		}
		key, name = code, text(sl.name)
		uses[sl.code], uses[sl.name] = true, true
	default:
		var again *pack.Row
		var at int
		fr, again, at = sl.fixedRow(ts.used, text)
		switch {
		case fr != nil:
			key = fr.Key
			uses[at] = true
		case again != nil:
			line := 0
			if r := ts.td.ByKey[again.Key]; r != nil {
				line = r.Line
			}
			return nil, nil, msg.Errorf("row %s appears again (first on line %d)", again.Label, line)
		case sl.tree != nil && sl.code < 0 && text(sl.name) != "":
			name = text(sl.name)
			key = ps.p.Catalogs[sl.tree.Tree].CodeOf(sl.tree, name)
			uses[sl.name] = true
		case !hasText(sl, sc):
			for _, r := range sl.plain {
				if !ts.used[r] {
					fr, key = r, r.Key
					break
				}
			}
		}
	}
	if key == "" {
		return nil, nil, msg.Errorf("no code, row label or subject name of table %s", ts.t.Sheet)
	}
	r := &dataset.Row{Key: key, Name: name, Values: map[string]dataset.Value{}}
	for i, c := range sl.cols {
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
		r.Values[c.Key] = dataset.Value{Amount: v.Shift(ps.shift(ts)), Text: s}
	}
	if fr == nil {
		if prev := ts.td.ByKey[key]; prev != nil {
			return nil, nil, msg.Errorf("row %s appears again (first on line %d)", key, prev.Line)
		}
		if strict && len(r.Values) == 0 {
			return nil, nil, msg.Errorf("code row %s has no amounts", key)
		}
	}
	return r, fr, nil
}

// fixedRow finds the fixed row whose label the side's cells give, in
// column at, among the rows not used yet. Of rows with the same label
// (附件4-1's 一般公共预算拨款 under 一、本年收入 and under 二、上年结转) it
// takes the first that comes after the last row used, so that a row
// missing from the text (or not placed) does not let the next one take its
// place; else the first. again is a row with the label that is used
// already, for the message when none is left.
func (sl *sideLayout) fixedRow(used map[*pack.Row]bool, text func(int) string) (fr, again *pack.Row, at int) {
	last := -1
	for i, r := range sl.fixed {
		if used[r] {
			last = i
		}
	}
	for i, r := range sl.fixed {
		c := sl.index(r.At)
		switch {
		case !same(r.Label, text(c)):
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

// hasText reports whether a side's code or name cells hold text.
func hasText(sl *sideLayout, sc []string) bool {
	for i, c := range sl.cols {
		if c.Kind != pack.KindAmount && sc[i] != "" {
			return true
		}
	}
	return false
}

// levels writes a tree's code lengths: "3, 5, 7".
func levels(tree *pack.Row) string {
	s := make([]string, len(tree.Levels))
	for i, l := range tree.Levels {
		s[i] = strconv.Itoa(l)
	}
	return strings.Join(s, ", ")
}

// commitRow adds what a line gave to the table.
func (ps *parser) commitRow(ts *table, pl *placed, n int) {
	for _, fr := range pl.fixed {
		ts.used[fr] = true
	}
	for _, r := range pl.rows {
		if len(r.Values) > 0 {
			ps.needUnit(ts, n)
		}
		r.Line = n
		for k, v := range r.Values {
			v.Line = n
			r.Values[k] = v
		}
		ts.td.Rows = append(ts.td.Rows, r)
		ts.td.ByKey[r.Key] = r
	}
}
