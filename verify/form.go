package verify

import (
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"budgetxl/dataset"
	"budgetxl/extract"
	"budgetxl/msg"
	"budgetxl/pack"
	"budgetxl/plan"
)

// checkForm checks a form table: its labels and formulas against the plan,
// then each record's fields and lists against the template's rules.
func (c *checker) checkForm(t *pack.Table, f *extract.Found, e *plan.Sheet) {
	ff, sh := f.Form, f.Sheet
	c.checkAmounts(f, "form.number")
	if ff.Empty {
		return
	}
	shifted := false
	for _, row := range e.Rows {
		for _, want := range row {
			if want == nil || want.Kind != plan.Text || (want.Style != plan.StyleHeader && want.Style != plan.StyleTitle) || want.Text == "" {
				continue
			}
			if got := sh.Text(int(want.Col), int(want.Row)); !sameText(got, want.Text) {
				shifted = true
				c.finding(Error, "structure.label", sh.Name, want.Address(), want.Text, got,
					"the label should read %q, found %q", want.Text, msg.Cut(got))
			}
		}
	}
	if shifted {
		if c.moved == nil {
			c.moved = map[string]bool{}
		}
		c.moved[sh.Name] = true
		c.finding(Warning, "structure.not-compared", sh.Name, "", "", "",
			"formulas of this sheet were not compared with the templates, because its rows differ from them")
	} else {
		c.cells = append(c.cells, func() { c.checkCells(t, e, sh) })
	}
	for _, blk := range ff.Blocks {
		c.checkRecord(t, sh.Name, blk)
	}
	c.checkBrackets(t, sh.Name, ff.Blocks)
}

// checkRecord checks one record's fields and lists.
func (c *checker) checkRecord(t *pack.Table, sheet string, blk *extract.Block) {
	rec := blk.Record
	who := rec.Label(t)
	if who != "" {
		who += " "
	}
	for _, fd := range t.Fields {
		c.checkField(sheet, who, fd, rec.Fields[fd.Key], blk.At[fd.Key], rec.Fields)
	}
	for _, l := range t.Lists {
		items := rec.Lists[l.Key]
		seen := map[string]int{}
		total := decimal.Zero
		for i, it := range items {
			if len(it.Fields) == 0 {
				continue // an empty row of a form, left for more items
			}
			at := blk.Items[l.Key][i]
			for _, fd := range l.Fields {
				c.checkField(sheet, who, fd, it.Fields[fd.Key], at[fd.Key], it.Fields)
			}
			if len(l.Unique) > 0 {
				var parts []string
				for _, k := range l.Unique {
					parts = append(parts, it.Fields[k].Text)
				}
				key := strings.Join(parts, " / ")
				if prev, dup := seen[key]; dup {
					c.finding(Error, "form.duplicate", sheet, at[l.Unique[len(l.Unique)-1]], "", key,
						"%sthe indicator %s is listed twice (items %d and %d)", who, key, prev, i+1)
				} else {
					seen[key] = i + 1
				}
			}
			if l.Total != "" {
				total = total.Add(it.Fields[l.Total].Amount)
			}
			for _, chk := range t.Checks {
				if chk.List == l.Key {
					c.checkItem(t, sheet, who, chk, it, at, rec)
				}
			}
		}
		if l.Equals != "" && !total.Equal(l.EqualsValue) && !c.badItem(sheet, blk.Items[l.Key], l.Total) {
			cell := ""
			if n := len(blk.Items[l.Key]); n > 0 {
				if ref := blk.Items[l.Key][n-1][l.Total]; ref != "" {
					col, row, _ := pack.ParseCell(ref)
					cell = pack.CellName(col, row+1) // the total row under the list
				}
			}
			c.finding(Error, "form.weight-total", sheet, cell, l.EqualsValue.String(), total.String(),
				"%sthe %s add up to %s; this pack requires %s", who, fieldLabel(t, l.Total), total.String(), l.EqualsValue.String())
		}
	}
}

// checkField checks one field's value against its template rules.
func (c *checker) checkField(sheet, who string, fd *pack.Field, v dataset.FieldValue, at string, all map[string]dataset.FieldValue) {
	if c.bad[place{sheet, at}] {
		return // reported by checkAmounts
	}
	text := strings.TrimSpace(v.Text)
	cut := msg.Cut(text) // for messages; the finding's found field keeps it whole
	label := fd.Label
	if label == "" {
		label = fd.Key
	}
	switch {
	case text == "" && fd.Required && fd.Expr == nil:
		c.finding(Error, "form.required", sheet, at, "", "", "%s%s is empty", who, label)
		return
	case text == "":
		return
	}
	if fd.Kind != pack.FieldText && !v.Number {
		c.finding(Error, "form.number", sheet, at, "", text, "%s%s: %q is not a number", who, label, cut)
		return
	}
	if fd.Re != nil && !fd.Re.MatchString(text) {
		c.finding(Error, "form.pattern", sheet, at, fd.Pattern, text, "%s%s %q is not well formed (pattern %s)", who, label, cut, fd.Pattern)
	}
	if fd.Positive && !v.Amount.IsPositive() {
		c.finding(Error, "form.positive", sheet, at, "> 0", text, "%s%s must be above zero, found %s", who, label, cut)
	}
	if fd.Whole && !v.Amount.IsInteger() {
		c.finding(Error, "form.whole", sheet, at, "", text, "%s%s must be a whole number, found %s", who, label, cut)
	}
	if fd.MaxValue != nil && v.Amount.GreaterThan(*fd.MaxValue) {
		c.finding(Error, "form.max", sheet, at, "≤ "+fd.MaxValue.String(), text, "%s%s must be at most %s, found %s", who, label, fd.MaxValue.String(), cut)
	}
	if len(fd.Choices) > 0 && !slices.Contains(fd.Choices, text) {
		c.finding(Error, "form.choice", sheet, at, strings.Join(fd.Choices, " "), text, "%s%s %q is not one of %s", who, label, cut, strings.Join(fd.Choices, " "))
	}
	if fd.Requires != "" {
		if _, err := decimal.NewFromString(text); err == nil && strings.TrimSpace(all[fd.Requires].Text) == "" {
			c.finding(Error, "form.unit-missing", sheet, at, "", text, "%s%s %s is a number without a unit", who, label, cut)
		}
	}
}

// badItem reports whether the field key of any list item is a cell that
// holds no number: its total is then not checked.
func (c *checker) badItem(sheet string, items []map[string]string, key string) bool {
	for _, at := range items {
		if c.bad[place{sheet, at[key]}] {
			return true
		}
	}
	return false
}

// checkItem runs a template check between a list item and its record.
func (c *checker) checkItem(t *pack.Table, sheet, who string, chk pack.FormCheck, it dataset.Item, at map[string]string, rec *dataset.Record) {
	if chk.When != "" {
		k, want, _ := strings.Cut(chk.When, "=")
		if strings.TrimSpace(it.Fields[strings.TrimSpace(k)].Text) != strings.TrimSpace(want) {
			return
		}
	}
	v, err := decimal.NewFromString(strings.TrimSpace(it.Fields[chk.Field].Text))
	limit := rec.Fields[chk.AtMost]
	if err != nil || !limit.Number || !v.GreaterThan(limit.Amount) {
		return
	}
	f := Finding{Severity: chk.Severity, Rule: "form." + chk.ID, Sheet: sheet, Cell: at[chk.Field],
		Expected: "≤ " + limit.Amount.String(), Found: v.String()}
	format := "%s%s: %s %s > %s %s"
	f.ZH = msg.T(msg.ZH, format, who, chk.Message, fieldLabel(t, chk.Field), v.String(), fieldLabel(t, chk.AtMost), limit.Amount.String())
	f.EN = msg.T(msg.EN, format, who, chk.MessageEN, fieldLabel(t, chk.Field), v.String(), fieldLabel(t, chk.AtMost), limit.Amount.String())
	c.report.Findings = append(c.report.Findings, f)
}

// checkBrackets finds names spelt with half-width brackets where the same
// name is written with full-width ones (the official spelling) elsewhere,
// or in no other way at all.
func (c *checker) checkBrackets(t *pack.Table, sheet string, blocks []*extract.Block) {
	for _, fd := range t.Fields {
		if !fd.FoldBrackets {
			continue
		}
		for _, blk := range blocks {
			text := blk.Record.Fields[fd.Key].Text
			official := fullWidthBrackets(text)
			if text != official {
				c.finding(Warning, "form.brackets", sheet, blk.At[fd.Key], official, text,
					"%s%s %q has half-width brackets; the official spelling is %q", blk.Record.Label(t)+" ", fd.Label, msg.Cut(text), msg.Cut(official))
			}
		}
	}
}

// fullWidthBrackets writes ( ) as （ ）, the brackets of Chinese text.
func fullWidthBrackets(s string) string {
	if !strings.ContainsAny(s, "()") {
		return s
	}
	return fullWidth.Replace(s)
}

var fullWidth = strings.NewReplacer("(", "（", ")", "）")

func fieldLabel(t *pack.Table, key string) string {
	if fd := t.Form.Field(key); fd != nil && fd.Label != "" {
		return fd.Label
	}
	return key
}
