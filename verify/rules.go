package verify

import (
	"slices"

	"github.com/shopspring/decimal"

	"budgetxl/dataset"
	"budgetxl/internal/decsum"
	"budgetxl/msg"
	"budgetxl/pack"
	"budgetxl/plan"
)

// checkRules checks every review rule of the pack over the workbook's values.
func (c *checker) checkRules() {
	for _, r := range c.p.Rules {
		if !c.sheetsPresent(r) {
			continue // a missing sheet is reported already
		}
		codes := []string{""}
		if len(r.Each) > 0 {
			codes = c.eachCodes(r)
		}
		for _, code := range codes {
			if r.Cond != nil && !c.holds(r.Cond, code) {
				continue // the rule's condition does not hold for this unit
			}
			c.checkRule(r, code)
		}
	}
}

// holds reports whether a rule's condition holds, exactly, for code.
func (c *checker) holds(cond *pack.Cmp, code string) bool {
	return cond.Holds(c.sumTerms(cond.Left, code), c.sumTerms(cond.Right, code))
}

func (c *checker) sheetsPresent(r *pack.Rule) bool {
	terms := append(append([]pack.RuleTerm{}, r.Left...), r.Right...)
	if r.Cond != nil {
		terms = append(append(terms, r.Cond.Left...), r.Cond.Right...)
	}
	for _, t := range terms {
		if t.Const {
			continue
		}
		if f := c.found[t.Table]; f == nil || f.Sheet == nil {
			return false
		}
	}
	return true
}

// eachCodes lists the codes "*" stands for: every code found in the rule's
// tables, of the rule's level when it has one, in code order.
func (c *checker) eachCodes(r *pack.Rule) []string {
	if len(r.Each) == 1 && r.Level == 0 {
		return c.tableCodes(r.Each[0]) // the rule only reads them
	}
	var out []string
	for _, id := range r.Each {
		var codes []string
		for _, code := range c.tableCodes(id) {
			if r.Level == 0 || len(code) == r.Level {
				codes = append(codes, code)
			}
		}
		out = mergeCodes(out, codes)
	}
	return out
}

// mergeCodes merges the sorted lists of distinct codes a and b into one.
func mergeCodes(a, b []string) []string {
	if len(a) == 0 {
		return b
	}
	out := make([]string, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		switch {
		case a[0] < b[0]:
			out, a = append(out, a[0]), a[1:]
		case b[0] < a[0]:
			out, b = append(out, b[0]), b[1:]
		default:
			out, a, b = append(out, a[0]), a[1:], b[1:]
		}
	}
	return append(append(out, a...), b...)
}

// tableCodes lists the codes found in table id, in code order, once for
// all the rules over the table.
func (c *checker) tableCodes(id string) []string {
	if codes, ok := c.codes[id]; ok {
		return codes
	}
	f := c.found[id]
	var codes []string
	for _, rows := range f.Rows {
		// A side's codes stand in code order, parents above children, in
		// a workbook that follows the templates: listed by row, they are
		// sorted with one look at each (slices.Sort finds them sorted).
		last := 0
		if f.Sheet != nil {
			last = f.Sheet.LastRow()
		}
		byRow := make([]string, last+1)
		var other []string // codes that share a row, or stand beyond the last
		for key, r := range rows {
			switch {
			case !pack.IsDigits(key):
			case r >= 0 && r < len(byRow) && byRow[r] == "":
				byRow[r] = key
			default:
				other = append(other, key)
			}
		}
		side := byRow[:0]
		for _, key := range byRow {
			if key != "" {
				side = append(side, key)
			}
		}
		side = append(side, other...)
		slices.Sort(side)
		codes = mergeCodes(codes, slices.Compact(side))
	}
	if c.codes == nil {
		c.codes = map[string][]string{}
	}
	c.codes[id] = codes
	return codes
}

// term is one evaluated rule term.
type term struct {
	value    decimal.Decimal
	factor   decimal.Decimal // the rule's factor: each rounding error counts this much
	raw      decimal.Decimal // the value as the cell holds it, before the factor
	sheet    string
	has      bool   // the workbook has the term's cell: not a constant, nor a row the sheet does not have
	col, row int    // the cell, if has
	at       string // the cell as the template names it (a form's field), "" for pack.CellName(col, row)
}

// ref is the term's cell for a finding, "" if the workbook has none.
func (t term) ref() string {
	switch {
	case !t.has:
		return ""
	case t.at != "":
		return t.at
	}
	return pack.CellName(t.col, t.row)
}

// parts is how many rounded figures the term's value adds up (see
// checker.parts): 1 for a constant or an absent row.
func (c *checker) termParts(t term) int {
	if !t.has {
		return 1
	}
	return max(c.parts(t.sheet, t.col, t.row), 1)
}

// evalTerms sums signed terms for code ("*"'s value, or ""), and lists them.
func (c *checker) evalTerms(ts []pack.RuleTerm, code string) (decimal.Decimal, []term) {
	var sum decsum.Sum
	out := make([]term, 0, len(ts))
	for _, t := range ts {
		x := c.ruleTerm(t, code)
		out = append(out, x)
		if t.Neg {
			sum.Sub(x.value)
		} else {
			sum.Add(x.value)
		}
	}
	return sum.Total(), out
}

// sumTerms is evalTerms' sum alone, for the usual rule that holds: its
// terms are not listed.
func (c *checker) sumTerms(ts []pack.RuleTerm, code string) decimal.Decimal {
	var sum decsum.Sum
	for _, t := range ts {
		if x := c.ruleTerm(t, code); t.Neg {
			sum.Sub(x.value)
		} else {
			sum.Add(x.value)
		}
	}
	return sum.Total()
}

// ruleTerm evaluates one rule term for code.
func (c *checker) ruleTerm(t pack.RuleTerm, code string) term {
	if t.Const {
		return term{value: t.Factor, raw: t.Factor, factor: decimal.Zero}
	}
	row := t.Row
	if row == "*" {
		row = code
	}
	x := c.termValue(t.Table, row, t.Column)
	x.value, x.factor = times(x.value, t.Factor), t.Factor.Abs()
	return x
}

// times is d × factor as decimal.Decimal.Mul gives it, without the
// multiplication for the usual factor 1 (coefficient 1, exponent 0), which
// gives d's own coefficient and exponent.
func times(d, factor decimal.Decimal) decimal.Decimal {
	if factor.Exponent() == 0 && factor.NumDigits() == 1 && factor.CoefficientInt64() == 1 {
		return d
	}
	return d.Mul(factor)
}

// checkRule checks one instance of a rule (code is "*"'s value, or ""):
// its sides compared by its operator, within its tolerance (else within
// rounding).
func (c *checker) checkRule(r *pack.Rule, code string) {
	if r.Holds(c.sumTerms(r.Left, code), c.sumTerms(r.Right, code)) {
		return
	}
	left, lt := c.evalTerms(r.Left, code)
	right, rt := c.evalTerms(r.Right, code)
	delta := left.Sub(right)
	all := append(lt, rt...)
	var vs []decimal.Decimal
	weight := decimal.Zero // rounded figures, each counted by its factor
	for _, t := range all {
		vs = append(vs, t.raw) // rounded or not as the cells hold them
		if !t.value.IsZero() {
			weight = weight.Add(t.factor.Mul(decimal.NewFromInt(int64(c.termParts(t)))))
		}
	}
	at := all[0]
	for _, t := range all { // point at the first term that the workbook has
		if t.has {
			at = t
			break
		}
	}
	id := "rule." + r.ID
	subject := ""
	if code != "" {
		subject = code + " "
	}
	tol := tolerance(vs, 1).Mul(weight)
	severity, format := r.Severity, "%s%s: %s against %s, a difference of %s"
	switch r.Op {
	case pack.OpAtMost:
		format = "%s%s: %s is more than %s, by %s"
	case pack.OpAtLeast:
		format = "%s%s: %s is less than %s, by %s"
	}
	money := c.ruleMoney()
	args := []any{money(left), money(right), money(delta.Abs())}
	if r.Op == pack.OpEqual {
		args[2] = money(delta)
	}
	rounding := false
	switch {
	case r.Tol != nil && delta.Abs().LessThanOrEqual(*r.Tol):
		severity, format = Note, "%s%s: %s against %s, a difference of %s within the rule's tolerance (±%s)"
		args = []any{money(left), money(right), money(delta), money(*r.Tol)}
	case r.Tol == nil && delta.Abs().LessThanOrEqual(tol):
		rounding = true
		severity, format = Note, "%s%s: %s against %s, a difference of %s within rounding (±%s)"
		args = []any{money(left), money(right), money(delta), money(tol)}
	}
	c.report.Findings = append(c.report.Findings, Finding{
		Severity: severity, Rule: id, Rounding: rounding, Sheet: at.sheet, Cell: at.ref(), Expected: money(right), Found: money(left),
		ZH: msg.T(msg.ZH, format, append([]any{subject, r.Message}, args...)...),
		EN: msg.T(msg.EN, format, append([]any{subject, r.MessageEN}, args...)...),
	})
}

// ruleMoney is how a rule's figures (in 万元) are shown: as they stand in
// a workbook filled in 万元, in 元 to the 分 in one filled from 元, whose
// cells hold 元/10000 (223.686316 万元 reads 2,236,863.16 元; no digit is
// lost, since an amount in 元 has at most two decimals).
func (c *checker) ruleMoney() func(decimal.Decimal) string {
	if c.wb == nil || c.wb.Props[plan.PropAmountUnit] != dataset.Yuan {
		return money
	}
	return func(d decimal.Decimal) string { return money(d.Shift(4)) + " " + dataset.Yuan }
}

// termValue is the value of {table!row.column}: 0 when the row is absent;
// a budget table's cell in 万元 (a table that shows 元 divided by 10000), a
// form's field as it is.
func (c *checker) termValue(table, row, column string) term {
	f := c.found[table]
	t := f.Table
	if t.Kind == pack.KindForm { // {table!field} of a form's one record
		if f.Form == nil || len(f.Form.Blocks) == 0 {
			return term{sheet: f.Sheet.Name}
		}
		ref := f.Form.Blocks[0].At[column]
		col, r, err := pack.ParseCell(ref)
		if err != nil {
			return term{sheet: f.Sheet.Name}
		}
		v, _ := c.values.num(f.Sheet.Name, col, r)
		return term{value: v, raw: v, sheet: f.Sheet.Name, has: true, col: col, row: r, at: ref}
	}
	col := 0
	for _, sl := range t.Layout.Sides {
		if c := sl.Column(column); c > 0 {
			col = c
		}
	}
	for _, rows := range f.Rows {
		if r, ok := rows[row]; ok {
			v, _ := c.values.num(f.Sheet.Name, col, r)
			// Rules compare 万元, whatever unit each table shows.
			return term{value: t.Layout.TenK(v), raw: v, sheet: f.Sheet.Name, has: true, col: col, row: r}
		}
	}
	return term{sheet: f.Sheet.Name}
}

// parts is how many rounded figures a cell's value adds up: for a live
// formula, the non-zero inputs the templates' formula adds up; for a
// constant (a typed or published figure, rounded once), 1.
func (c *checker) parts(sheet string, col, row int) int {
	got := c.wb.Sheet(sheet).At(col, row)
	if got == nil || got.Formula == "" {
		return 1
	}
	if e := c.expect.Sheet(sheet); e != nil {
		if cell := e.Cell(col, row); cell != nil && cell.Kind == plan.Formula {
			return int(max(cell.Parts, 1))
		}
	}
	return 1
}
