package explain

import (
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"budgetxl/pack"
	"budgetxl/plan"
)

var hundred = decimal.NewFromInt(100)

// drafter holds the state of one Draft.
type drafter struct {
	in     Input
	e      *pack.Explain
	ad, rd int32           // decimals of amounts and rates
	toText decimal.Decimal // 万元 → the text's unit
}

func newDrafter(in Input) *drafter {
	e := in.Pack.Explain
	ad, rd := e.Decimals()
	f := decimal.NewFromInt(1)
	if e.Unit == "元" {
		f = decimal.NewFromInt(10000)
	}
	return &drafter{in: in, e: e, ad: ad, rd: rd, toText: f}
}

// item is the row (or glossary entry) a list's template is written for.
type item struct {
	list             *pack.TextList
	n                int
	code, name, path string
	term, meaning    string
}

// value is a figure read for a placeholder, in 万元 (amounts) or as it is
// (counts).
type value struct {
	v       decimal.Decimal
	known   bool       // false: no prior year, or the facts are not known
	missing *pack.Fact // a fact the dataset does not give: a slot
	text    string     // a text fact
	what    string
}

// year is this year's plan and facts, or the prior year's.
type year struct {
	book  *plan.Book // nil: not known
	facts *Facts     // nil: not known
}

func (dr *drafter) cur() year   { return year{dr.in.Book, dr.in.Facts} }
func (dr *drafter) prior() year { return year{dr.in.Book.Prior, dr.in.PriorFacts} }

// read reads ref (a bare column of it's row, a budget table's cell, a
// form's field summed over its records, a fact) in year y.
func (dr *drafter) read(ref pack.TextRef, it *item, y year, count bool) value {
	if ref.Table == pack.FactsTable {
		return dr.fact(ref.Column, y)
	}
	if y.book == nil {
		return value{what: dr.describe(ref, it)}
	}
	table, row := ref.Table, ref.Row
	if table == "" {
		table, row = it.list.Table, it.code
	}
	t := dr.in.Pack.Table(table)
	if t != nil && t.Kind == pack.KindForm {
		if count {
			return value{v: decimal.NewFromInt(int64(records(y.book, t, ref.Column))), known: true, what: t.Sheet + " " + countLabel}
		}
		cells := y.book.Column(table, ref.Column)
		sum := decimal.Zero
		for _, c := range cells {
			if !c.Blank {
				sum = sum.Add(c.Value)
			}
		}
		if t.AmountUnit() == "元" {
			sum = sum.Shift(-4)
		}
		return value{v: sum, known: true, what: dr.describe(ref, it)}
	}
	v := decimal.Zero // a row the plan does not have counts as zero, as in the rules
	if c := y.book.Lookup(table, row, ref.Column); c != nil {
		v = c.Value
		if t != nil && t.Layout != nil {
			v = t.Layout.TenK(v) // a table that shows 元
		}
	}
	return value{v: v, known: true, what: dr.describe(ref, it)}
}

// countLabel and shareLabel name what a count of a form's records and a
// share of a total are, after the table or figure, for messages.
const (
	countLabel = "记录数"
	shareLabel = "占比"
)

// records counts a form's records by the cells of one of its fields:
// one a record, whatever it holds (a field that is not a number still
// stands for its record; verify reports it).
func records(b *plan.Book, t *pack.Table, field string) int {
	sh := b.Sheet(t.Sheet)
	if sh == nil {
		return 0
	}
	n := 0
	for _, row := range sh.Rows {
		for _, c := range row {
			if c != nil && c.Column == field {
				n++
			}
		}
	}
	return n
}

// fact reads a fact in year y: the dataset's, else its default cell.
func (dr *drafter) fact(key string, y year) value {
	f := dr.e.Fact(key)
	if y.facts == nil {
		return value{what: f.Label}
	}
	if fv, ok := y.facts.Values[key]; ok {
		switch f.Kind {
		case pack.FactText:
			return value{text: fv.Text, known: true, what: f.Label}
		case pack.FactAmount:
			return value{v: fv.Amount.Shift(y.facts.Shift), known: true, what: f.Label}
		}
		return value{v: fv.Amount, known: true, what: f.Label}
	}
	if f.DefaultRef != nil && y.book != nil {
		v := dr.read(*f.DefaultRef, nil, y, false)
		v.what = f.Label
		return v
	}
	return value{missing: f, what: f.Label}
}

// describe names a reference for messages: the sheet, row and column.
func (dr *drafter) describe(ref pack.TextRef, it *item) string {
	table, row := ref.Table, ref.Row
	if table == "" {
		table, row = it.list.Table, it.code
	}
	t := dr.in.Pack.Table(table)
	if t == nil {
		return ref.String()
	}
	if t.Kind == pack.KindForm {
		if fd := t.Form.Field(ref.Column); fd != nil {
			return t.Sheet + " " + fd.Label
		}
		return t.Sheet + " " + ref.Column
	}
	sh := dr.in.Book.Sheet(t.Sheet)
	if c := dr.in.Book.Lookup(table, row, ref.Column); c != nil && sh != nil {
		if label := plan.RowLabel(sh, c); label != "" {
			return t.Sheet + " " + label + " · " + plan.ColumnTitle(sh, c.Col)
		}
		return t.Sheet + " " + plan.ColumnTitle(sh, c.Col)
	}
	return t.Sheet + " " + row + " · " + ref.Column
}

// delta is the change from prior to cur, both known, amounts in 万元.
func (dr *drafter) delta(cur, prior value) *Delta {
	d := &Delta{What: cur.what}
	if !cur.known || !prior.known || cur.missing != nil || prior.missing != nil {
		return d
	}
	d.Known = true
	c, p := cur.v.Mul(dr.toText), prior.v.Mul(dr.toText)
	rc, rp := c.Round(dr.ad), p.Round(dr.ad)
	d.Diff = c.Sub(p)
	d.DiffAlt = []decimal.Decimal{rc.Sub(rp)}
	if !p.IsZero() {
		d.Rate, d.RateKnown = d.Diff.Mul(hundred).DivRound(p, 12), true
		if !rp.IsZero() {
			d.RateAlt = []decimal.Decimal{rc.Sub(rp).Mul(hundred).DivRound(rp, 12)}
		}
	}
	switch {
	case d.Diff.Round(dr.ad).IsZero():
		d.Dir = DirSame
	case rp.IsZero() && d.Diff.IsPositive():
		d.Dir, d.NeedsReason = DirNew, true
	case d.Diff.IsPositive():
		d.Dir = DirUp
	default:
		d.Dir = DirDown
	}
	if d.Dir == DirUp || d.Dir == DirDown {
		d.NeedsReason = !d.RateKnown || d.Rate.Abs().Round(dr.rd).GreaterThan(dr.e.ThresholdValue)
	}
	return d
}

// items lists the rows of list l: this year's codes of its level (and the
// prior year's, when the template says their change), kept by nonzero.
func (dr *drafter) items(l *pack.TextList, tpl *pack.Sentence) []*item {
	withPrior := false
	if tpl != nil {
		for _, p := range tpl.Parts {
			if p.Verb && (p.Name == pack.VerbChange || p.Name == pack.VerbPrior || p.Name == pack.VerbDiff || p.Name == pack.VerbRate) {
				withPrior = true
			}
		}
	}
	t := dr.in.Pack.Table(l.Table)
	names := map[string]string{}
	var codes []string
	collect := func(b *plan.Book) {
		if b == nil {
			return
		}
		sh := b.Sheet(t.Sheet)
		if sh == nil {
			return
		}
		nameCol := nameColumn(t)
		for _, row := range sh.Rows {
			for _, c := range row {
				if c == nil || len(c.Key) != l.Level || !pack.IsDigits(c.Key) || c.Column != nameCol {
					continue
				}
				if _, seen := names[c.Key]; !seen {
					names[c.Key] = c.Text
					codes = append(codes, c.Key)
				}
			}
		}
	}
	collect(dr.in.Book)
	if withPrior {
		collect(dr.in.Book.Prior)
	}
	sort.Strings(codes)
	var out []*item
	for _, code := range codes {
		it := &item{list: l, code: code, name: names[code]}
		if l.Nonzero != "" {
			ref := pack.TextRef{Column: l.Nonzero}
			cur := dr.read(ref, it, dr.cur(), false)
			keep := !cur.v.IsZero()
			if withPrior {
				if p := dr.read(ref, it, dr.prior(), false); p.known && !p.v.IsZero() {
					keep = true
				}
			}
			if !keep {
				continue
			}
		}
		it.n = len(out) + 1
		it.path = dr.path(t, l, code)
		out = append(out, it)
	}
	return out
}

// path names a code and its parents with the list's level names:
// 社会保障和就业支出（类）就业补助（款）其他就业补助支出（项）.
func (dr *drafter) path(t *pack.Table, l *pack.TextList, code string) string {
	if len(l.PathNames) == 0 {
		return ""
	}
	nameCol := nameColumn(t)
	var b strings.Builder
	for i, n := range t.Tree().Levels {
		if n > len(code) {
			break
		}
		name := ""
		for _, bk := range []*plan.Book{dr.in.Book, dr.in.Book.Prior} {
			if bk == nil {
				continue
			}
			if c := bk.Lookup(t.ID, code[:n], nameCol); c != nil && c.Text != "" {
				name = c.Text
				break
			}
		}
		b.WriteString(name)
		b.WriteString(dr.names(l.PathNames[i], nil))
	}
	return b.String()
}

// nameColumn is the key of the name column of the side with t's code tree.
func nameColumn(t *pack.Table) string {
	for _, s := range t.Sides {
		if s.TreeRow() == nil {
			continue
		}
		for _, c := range s.Columns {
			if c.Kind == pack.KindName {
				return c.Key
			}
		}
	}
	return ""
}

// keep reports whether a paragraph's when and unless let it stand. A
// condition on a value that is not known keeps it.
func (dr *drafter) keep(pg *pack.Paragraph) bool {
	for _, cond := range []struct {
		ref     *pack.TextRef
		nonzero bool
	}{{pg.WhenRef, true}, {pg.UnlessRef, false}} {
		if cond.ref == nil {
			continue
		}
		v := dr.read(*cond.ref, nil, dr.cur(), false)
		if v.missing != nil || !v.known {
			continue
		}
		if v.v.IsZero() == cond.nonzero {
			return false
		}
	}
	return true
}
