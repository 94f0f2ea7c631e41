package pdftext

import (
	"slices"
	"strings"

	"budgetxl/dataset"
	"budgetxl/msg"
	"budgetxl/pack"
)

// formLayout is a form table's grid, read for matching published rows.
type formLayout struct {
	t     *pack.Table
	rows  []*formRow
	width int
	// start is the first row with a field: in a repeated form, a record
	// starts where this row is found again.
	start int
}

// formRow is one row of a form's grid.
type formRow struct {
	index  int
	cells  []string
	list   *pack.List
	tokens []token // its labels and field cells, merge markers and empty cells left out
	labels int     // how many of the tokens are labels
	fields int     // how many are field cells
	// origin is, for each merge marker, the label of the cell it merges
	// with: after a page break the published text may repeat it (绩效指标).
	origin []string
}

// token is a label or a field cell of a form row.
type token struct {
	text  string
	field bool
}

// newFormLayout reads the grid of form t: each row's labels and field
// cells, and the label each merge marker continues.
func newFormLayout(t *pack.Table) *formLayout {
	fl := &formLayout{t: t, width: len(t.Form.Widths), start: -1}
	for _, r := range t.Form.Rows {
		fl.width = max(fl.width, len(r.Cells))
	}
	isField := func(cell string) bool {
		for _, k := range pack.CellFields(cell) {
			if strings.HasPrefix(k, "sum:") || t.Form.Field(k) != nil {
				return true
			}
		}
		return false
	}
	cell := func(r, c int) string {
		if r < len(t.Form.Rows) && c < len(t.Form.Rows[r].Cells) {
			return t.Form.Rows[r].Cells[c]
		}
		return ""
	}
	grid := make([][]string, len(t.Form.Rows))
	for i, r := range t.Form.Rows {
		grid[i] = r.Cells
	}
	owner := pack.MergeOwners(grid, fl.width)
	for i, r := range t.Form.Rows {
		fr := &formRow{index: i, cells: r.Cells, list: t.Form.List(r.List), origin: make([]string, fl.width)}
		for c := 0; c < fl.width; c++ {
			s := cell(i, c)
			switch s {
			case "", pack.MergeLeft, pack.MergeUp:
				// The label the merge continues.
				if o := owner[i][c]; o != [2]int{i, c} {
					if s := cell(o[0], o[1]); s != "" && !isField(s) {
						fr.origin[c] = s
					}
				}
				continue
			}
			tok := token{text: s, field: isField(s)}
			if tok.field {
				fr.fields++
			} else {
				fr.labels++
			}
			fr.tokens = append(fr.tokens, tok)
		}
		if fr.list == nil && fr.fields > 0 && fl.start < 0 {
			fl.start = i
		}
		fl.rows = append(fl.rows, fr)
	}
	return fl
}

// formFit is a line read as a form row: the text of each field it gives.
type formFit struct {
	row  *formRow
	vals map[string]string
	keys []string // the fields in the row's order
}

// fitForm reads the cells of a line as a row of the form. A row with
// labels is known by them, wherever its cells stand; a row without (a list
// item, a row of amounts) by the position of its cells, tried shifted
// right when it lost its leading empty cells. strict asks in addition that
// a list item give every required field, with a value among the choices.
func (ps *parser) fitForm(ts *table, cells []string, strict bool) (*formFit, *msg.Error) {
	fl := ts.form
	var why *msg.Error
	for _, fr := range fl.rows {
		if fr.labels == 0 {
			continue
		}
		fit, err := ps.labelled(ts, fr, cells)
		if err == nil {
			return fit, nil
		}
		if why == nil && len(fr.tokens) > 0 && !fr.tokens[0].field {
			if first := nonEmpty(cells); len(first) > 0 && (same(fr.tokens[0].text, first[0]) || cuts(fr.tokens[0].text, first[0])) {
				why = err
			}
		}
	}
	var near *msg.Error
	for _, fr := range fl.rows {
		if fr.labels > 0 || fr.fields == 0 || (fr.list == nil && fr.index <= ts.pos) {
			continue
		}
		fit, err, shaped := ps.positional(ts, fr, cells, strict)
		if err == nil {
			return fit, nil
		}
		if near == nil && shaped {
			near = err
		}
	}
	switch {
	case why != nil:
		return nil, why
	case near != nil:
		return nil, near
	}
	return nil, msg.Errorf("matches no row of table %s", fl.t.Sheet)
}

// cuts reports whether text starts with label and goes on: a label and its
// field's text in one cell.
func cuts(label, text string) bool {
	_, ok := compile(label).Cut(text)
	return ok
}

// labelled reads cells as row fr, its labels as anchors: the cells between
// two labels are the fields between them, one cell a field cell, however
// many empty cells the extraction put around them. A label may share its
// cell with the field after it ("整体绩效目标 根据……").
func (ps *parser) labelled(ts *table, fr *formRow, cells []string) (*formFit, *msg.Error) {
	cs := nonEmpty(cells)
	fit := &formFit{row: fr, vals: map[string]string{}}
	ci := 0
	toks := fr.tokens
	for ti := 0; ti < len(toks); {
		tok := toks[ti]
		if !tok.field {
			switch {
			case ci < len(cs) && same(tok.text, cs[ci]):
				ci++
			case ci < len(cs) && ti+1 < len(toks) && toks[ti+1].field && cuts(tok.text, cs[ci]):
				cs[ci], _ = compile(tok.text).Cut(cs[ci])
			case ci < len(cs):
				return nil, msg.Errorf("expected %q, found %q", tok.text, cs[ci])
			default:
				return nil, msg.Errorf("expected %q, found the end of the line", tok.text)
			}
			ti++
			continue
		}
		// The field cells up to the next label, and the cells up to it.
		tj := ti
		for tj < len(toks) && toks[tj].field {
			tj++
		}
		end := len(cs)
		if tj < len(toks) {
			next := toks[tj].text
			for end = ci; end < len(cs); end++ {
				if same(next, cs[end]) || (tj+1 < len(toks) && toks[tj+1].field && cuts(next, cs[end])) {
					break
				}
			}
		}
		group := cs[ci:end]
		switch {
		case len(group) == 0:
			for _, t := range toks[ti:tj] {
				if err := ps.fieldCell(ts, fit, t.text, ""); err != nil {
					return nil, err
				}
			}
		case len(group) == tj-ti:
			for k, t := range toks[ti:tj] {
				if err := ps.fieldCell(ts, fit, t.text, group[k]); err != nil {
					return nil, err
				}
			}
		default:
			var names []string
			for _, t := range toks[ti:tj] {
				names = append(names, t.text)
			}
			return nil, msg.Errorf("%d cells, but %d fields belong here (%s)", len(group), tj-ti, strings.Join(names, " "))
		}
		ci, ti = end, tj
	}
	if ci < len(cs) {
		return nil, msg.Errorf("cells left over: %q", strings.Join(cs[ci:], " "))
	}
	return fit, nil
}

// positional reads cells as row fr, cell by cell, shifted right by 0, 1,
// ... cells; the first reading that works is taken. shaped reports that
// the error is about a value in a line of the row's shape.
func (ps *parser) positional(ts *table, fr *formRow, cells []string, strict bool) (fit *formFit, err *msg.Error, shaped bool) {
	width := ts.form.width
	if len(cells) > width {
		return nil, msg.Errorf("%d cells, but table %s has %d columns", len(cells), ts.t.Sheet, width), false
	}
	var first, near *msg.Error
	for k := 0; k+len(cells) <= width; k++ {
		fit, err, shape := ps.place(ts, fr, cells, k, strict)
		switch {
		case err == nil:
			return fit, nil, true
		case shape && near == nil:
			near = err
		case first == nil:
			first = err
		}
	}
	if near != nil {
		return nil, near, true
	}
	return nil, first, false
}

// place reads cells as row fr from column k on. Strictly, a list item
// gives every required field, with a value among its choices; otherwise
// (an item published with an empty field or an unusual value), at least
// one field with choices holds one of them. shape reports that the cells
// fit the row's shape: the error is about a value.
func (ps *parser) place(ts *table, fr *formRow, cells []string, k int, strict bool) (*formFit, *msg.Error, bool) {
	fit := &formFit{row: fr, vals: map[string]string{}}
	var bad *msg.Error // a field that does not read
	for c := 0; c < ts.form.width; c++ {
		text := ""
		if c-k >= 0 && c-k < len(cells) {
			text = cells[c-k]
		}
		tpl := ""
		if c < len(fr.cells) {
			tpl = fr.cells[c]
		}
		switch {
		case tpl != "" && tpl != pack.MergeLeft && tpl != pack.MergeUp:
			if err := ps.fieldCell(ts, fit, tpl, text); err != nil && bad == nil {
				bad = err
			}
		case text != "" && !same(fr.origin[c], text):
			return nil, msg.Errorf("column %d: unexpected text %q", c+1, text), false
		}
	}
	filled, chosen, choices := false, false, false
	for _, key := range fit.keys {
		v := fit.vals[key]
		filled = filled || v != ""
		if fd := ts.t.Form.Field(key); fd != nil && fr.list != nil && len(fd.Choices) > 0 {
			choices = true
			chosen = chosen || slices.Contains(fd.Choices, v)
		}
	}
	switch {
	case !filled:
		return nil, msg.Errorf("no field of table %s in this line", ts.t.Sheet), false
	case choices && !chosen:
		return nil, msg.Errorf("matches no row of table %s", ts.t.Sheet), false
	case bad != nil:
		return nil, bad, true
	}
	for _, key := range fit.keys {
		v, fd := fit.vals[key], ts.t.Form.Field(key)
		if !strict || fd == nil || fr.list == nil {
			continue
		}
		switch {
		case v == "" && fd.Required:
			return nil, msg.Errorf("%s is empty", fd.Label), true
		case v != "" && len(fd.Choices) > 0 && !slices.Contains(fd.Choices, v):
			return nil, msg.Errorf("%s %q is not one of %s", fd.Label, v, strings.Join(fd.Choices, " ")), true
		}
	}
	return fit, nil, true
}

// fieldCell reads the text of a field cell ("{goal}", "{code}-{name}");
// a number or amount field must read as a number.
func (ps *parser) fieldCell(ts *table, fit *formFit, tpl, text string) *msg.Error {
	keys := pack.CellFields(tpl)
	vals := map[string]string{}
	if text != "" {
		m, ok := compile(tpl).Match(text)
		if !ok {
			return msg.Errorf("%q does not read as %s", text, tpl)
		}
		vals = m
	}
	var bad *msg.Error
	for _, key := range keys {
		if strings.HasPrefix(key, "sum:") {
			continue // a sum the workbook computes
		}
		fd := ts.t.Form.Field(key)
		if fd == nil {
			continue
		}
		v := vals[key]
		if v != "" && fd.Kind != pack.FieldText && bad == nil {
			if _, _, err := dataset.ParseAmount(v, 6); err != nil {
				bad = msg.Errorf("%s: %v", fd.Label, err)
			}
		}
		if _, dup := fit.vals[key]; !dup {
			fit.keys = append(fit.keys, key)
		}
		fit.vals[key] = v
	}
	return bad
}

// commitForm adds what a line gave to the form: a list item, or fields of
// the record (a new record where a repeated form's first row comes again).
func (ps *parser) commitForm(ts *table, fit *formFit, n int) *msg.Error {
	fr := fit.row
	ts.pos = fr.index
	ts.last = ""
	if fr.list != nil {
		rec := ps.record(ts, false)
		it := dataset.Item{Fields: map[string]dataset.FieldValue{}}
		for _, key := range fit.keys {
			if v := fit.vals[key]; v != "" {
				it.Fields[key] = ps.fieldValue(ts, key, v, n)
			}
		}
		rec.Lists[fr.list.Key] = append(rec.Lists[fr.list.Key], it)
		return nil
	}
	if fr.fields == 0 {
		return nil // a row of labels: a header
	}
	rec := ps.record(ts, ts.t.Repeat != "" && fr.index == ts.form.start)
	for _, key := range fit.keys {
		if fit.vals[key] == "" {
			continue
		}
		if first, ok := ts.set[key]; ok {
			return msg.Errorf("%s is given again (first on line %d)", ts.t.Form.Field(key).Label, first)
		}
	}
	for _, key := range fit.keys {
		v := fit.vals[key]
		if v == "" {
			continue
		}
		rec.Fields[key] = ps.fieldValue(ts, key, v, n)
		ts.set[key] = n
		if fd := ts.t.Form.Field(key); fd.Kind == pack.FieldText {
			ts.last = key
		}
	}
	return nil
}

// record returns the record the lines fill, a new one when fresh asks for
// it and the current one has content, or when there is none.
func (ps *parser) record(ts *table, fresh bool) *dataset.Record {
	if ts.rec != nil && (!fresh || len(ts.set) == 0 && len(ts.rec.Lists) == 0) {
		return ts.rec
	}
	ts.rec = &dataset.Record{Index: len(ts.f.Records) + 1, Fields: map[string]dataset.FieldValue{}, Lists: map[string][]dataset.Item{}}
	ts.f.Records = append(ts.f.Records, ts.rec)
	ts.set = map[string]int{}
	return ts.rec
}

// fieldValue is a field's value as the dataset holds it, read at line n:
// amounts and numbers parsed, amounts in the template's unit.
func (ps *parser) fieldValue(ts *table, key, text string, n int) dataset.FieldValue {
	fd := ts.t.Form.Field(key)
	fv := dataset.FieldValue{Text: text}
	if fd == nil || fd.Kind == pack.FieldText {
		return fv
	}
	v, ok, _ := dataset.ParseAmount(text, 6)
	if fd.Kind == pack.FieldAmount {
		if _, units := amountUnit(ts.t.Units); units {
			ps.needUnit(ts, n)
		}
		v = v.Shift(ps.shift(ts))
	}
	fv.Amount, fv.Number = v, ok
	return fv
}

// appendText continues the text field the last line ended with: a long
// text that a page break cut in two.
func (ps *parser) appendText(ts *table, text string) bool {
	if ts.last == "" || ts.rec == nil {
		return false
	}
	fv := ts.rec.Fields[ts.last]
	fv.Text += text
	ts.rec.Fields[ts.last] = fv
	return true
}
