package pack

import (
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"budgetxl/msg"
)

// Rule is a review rule between cells of one or several tables, declared
// in the pack's rules file and checked by verify over the workbook's values.
type Rule struct {
	ID        string   `toml:"id"`
	Severity  string   `toml:"severity"` // "error" (default) or "warning"
	Check     string   `toml:"check"`    // "{4-1!total.amount} = {4-1!exp_sum.exp_total}"
	Message   string   `toml:"message"`  // Chinese
	MessageEN string   `toml:"message_en"`
	Each      []string `toml:"each"`  // for rows "*": every code found in these tables
	Level     int      `toml:"level"` // for rows "*": only codes of this length
	// Tolerance is the largest difference between the two sides that
	// still holds, in the unit the sides are written in ("50" for a figure
	// in 万元 times 10000 against one in 元); "" for rounding (see verify).
	Tolerance string `toml:"tolerance"`
	// When is a comparison that must hold, exactly, for the rule to be
	// checked: "{4-1!fund.amount} = 0" for a rule of units without fund
	// income. "" checks it always.
	When string `toml:"when"`

	Cmp
	// Tol is Tolerance read; nil for rounding.
	Tol *decimal.Decimal `toml:"-"`
	// Cond is When read; nil for none.
	Cond *Cmp `toml:"-"`
}

// Comparison operators of a check.
const (
	OpEqual     = "="
	OpAtMost    = "<="
	OpAtLeast   = ">="
	opOperators = "=<>≤≥"
)

// Cmp is a comparison of two sums of terms: a rule's check or its condition.
type Cmp struct {
	Left, Right []RuleTerm `toml:"-"`
	Op          string     `toml:"-"` // OpEqual, OpAtMost or OpAtLeast
}

// Holds reports whether left Op right.
func (c *Cmp) Holds(left, right decimal.Decimal) bool {
	switch c.Op {
	case OpAtMost:
		return left.LessThanOrEqual(right)
	case OpAtLeast:
		return left.GreaterThanOrEqual(right)
	}
	return left.Equal(right)
}

// RuleTerm is one signed cell reference of a rule: {table!row.column}, or
// {table!field} for a form's field, with an optional factor: 10000 * {…}.
type RuleTerm struct {
	Neg    bool
	Factor decimal.Decimal // 1 unless written
	Table  string
	Row    string // fixed row key, code, or "*" for each code; "" for a form field
	Column string // column key, or the form's field
	// Const is a number standing alone (Table ""): "{4-1!fund.amount} = 0".
	Const bool
}

// Severities of rules and findings.
const (
	SeverityError   = "error"
	SeverityWarning = "warning"
)

// rulesFile is the content of the rules file.
type rulesFile struct {
	Rules []*Rule `toml:"rule"`
}

// ParseRule parses a rule's check or condition: signed terms on each side
// of one comparison operator.
//
//	check = side op side
//	op    = "=" | "<=" | ">=" | "≤" | "≥"
//	side  = term { ("+" | "-") term }
//	term  = [ number "*" ] "{" table "!" row "." column "}" | number
func ParseRule(src string) (Cmp, error) {
	var c Cmp
	depth, at, n := 0, -1, 0
	for i, r := range src {
		switch {
		case r == '{':
			depth++
		case r == '}':
			depth--
		case depth == 0 && strings.ContainsRune(opOperators, r):
			if at < 0 || i != at+n { // "<=" is one operator
				if at >= 0 {
					return c, msg.Errorf("%q: write one comparison (=, <= or >=) between two sums of {table!row.column}", src)
				}
				at = i
			}
			n += len(string(r))
		}
	}
	if at < 0 {
		return c, msg.Errorf("%q: write one comparison (=, <= or >=) between two sums of {table!row.column}", src)
	}
	switch op := src[at : at+n]; op {
	case "=":
		c.Op = OpEqual
	case "<=", "≤":
		c.Op = OpAtMost
	case ">=", "≥":
		c.Op = OpAtLeast
	default:
		return c, msg.Errorf("%q: %q is no comparison: use =, <= (≤) or >= (≥)", src, op)
	}
	var err error
	if c.Left, err = parseRuleSide(src, src[:at]); err != nil {
		return c, err
	}
	c.Right, err = parseRuleSide(src, src[at+n:])
	return c, err
}

func parseRuleSide(src, s string) ([]RuleTerm, error) {
	var out []RuleTerm
	neg := false
	s = strings.TrimSpace(s)
	for {
		factor := decimal.NewFromInt(1)
		if i := strings.Index(s, "*"); i > 0 && !strings.ContainsAny(s[:i], "{+-") {
			f, err := decimal.NewFromString(strings.TrimSpace(s[:i]))
			if err != nil {
				return nil, msg.Errorf("%q: %q is not a number to multiply by", src, strings.TrimSpace(s[:i]))
			}
			factor, s = f, strings.TrimSpace(s[i+1:])
		}
		if !strings.HasPrefix(s, "{") {
			num := s
			if i := strings.IndexAny(s, "+-"); i > 0 {
				num = s[:i]
			}
			f, err := decimal.NewFromString(strings.TrimSpace(num))
			if err != nil || strings.TrimSpace(num) == "" {
				return nil, msg.Errorf("%q: expected {table!row.column} at %q", src, s)
			}
			out = append(out, RuleTerm{Neg: neg, Factor: factor.Mul(f), Const: true})
			s = strings.TrimSpace(s[len(num):])
			if s == "" {
				return out, nil
			}
			neg = s[0] == '-'
			s = strings.TrimSpace(s[1:])
			continue
		}
		end := strings.IndexByte(s, '}')
		if end < 0 {
			return nil, msg.Errorf("%q: unclosed {", src)
		}
		ref := s[1:end]
		table, rest, ok1 := strings.Cut(ref, "!")
		dot := strings.LastIndexByte(rest, '.')
		switch {
		case !ok1 || table == "" || rest == "" || dot == 0 || dot == len(rest)-1:
			return nil, msg.Errorf("%q: {%s} is not {table!row.column}", src, ref)
		case dot < 0: // a form's field
			out = append(out, RuleTerm{Neg: neg, Factor: factor, Table: table, Column: rest})
		default:
			out = append(out, RuleTerm{Neg: neg, Factor: factor, Table: table, Row: rest[:dot], Column: rest[dot+1:]})
		}
		s = strings.TrimSpace(s[end+1:])
		if s == "" {
			return out, nil
		}
		switch s[0] {
		case '+':
			neg = false
		case '-':
			neg = true
		default:
			return nil, msg.Errorf("%q: expected + or - at %q", src, s)
		}
		s = strings.TrimSpace(s[1:])
	}
}

// checkRuleTerms checks the terms of a check or condition src of key, and
// reports whether one of them has the row "*".
func (v *validator) checkRuleTerms(p *Pack, file, key, src string, terms []RuleTerm) (each bool) {
	for _, term := range terms {
		if term.Const {
			continue
		}
		t := p.Table(term.Table)
		switch {
		case t == nil && slices.Contains(p.Names, term.Table):
			continue // listed but broken: its own problems are reported
		case t == nil:
			v.add(file, key, "unknown table %q (tables: %s)", term.Table, strings.Join(p.Names, ", "))
			continue
		case t.Kind == KindForm:
			if fd := t.Form.Field(term.Column); term.Row != "" || t.Repeat != "" || fd == nil || fd.List != nil || fd.Kind == FieldText {
				v.add(file, key, "{%s!%s}: write a form's number field as {table!field}, of a form that is not repeated", term.Table, term.Column)
			}
			continue
		case term.Row == "":
			v.add(file, key, "%q: {%s} is not {table!row.column}", src, term.Table+"!"+term.Column)
			continue
		case t.Column(term.Column) == nil || t.Column(term.Column).Kind != KindAmount:
			v.add(file, key, "table %q has no amount column %q (its amount columns: %s)", term.Table, term.Column, strings.Join(t.AmountKeys(), ", "))
		}
		switch {
		case term.Row == "*":
			each = true
			if t.Tree() == nil {
				v.add(file, key, "table %q has no code rows for \"*\"", term.Table)
			}
		case IsDigits(term.Row):
			if t.Tree() == nil {
				v.add(file, key, "table %q has no code rows for %s", term.Table, term.Row)
			}
		case t.FixedRow(term.Row) == nil && len(t.FixedKeys()) == 0:
			v.add(file, key, "table %q has no row %q, and no fixed rows: write a code, or * for every code", term.Table, term.Row)
		case t.FixedRow(term.Row) == nil:
			v.add(file, key, "table %q has no row %q (its rows: %s; or a code, or * for every code)", term.Table, term.Row, strings.Join(t.FixedKeys(), ", "))
		}
	}
	return each
}

// loadRules reads and checks the pack's rules file.
func (v *validator) loadRules(p *Pack) {
	if p.RulesFile == "" {
		return
	}
	file := v.path(p.RulesFile)
	if v.missing(p.RulesFile) {
		v.add(v.path("pack.toml"), "rules", "no file %s in this folder: add it or correct the path", p.RulesFile)
		return
	}
	var rf rulesFile
	if !v.decode(p.RulesFile, &rf) {
		return
	}
	p.Rules = rf.Rules
	ids := map[string]bool{}
	for i, r := range rf.Rules {
		key := fmt.Sprintf("rule[%d]", i)
		switch {
		case r.ID == "":
			v.add(file, key+".id", "is missing: give the rule a stable id, such as \"4-1.balance\"")
		case ids[r.ID]:
			v.add(file, key+".id", "%q is used twice", r.ID)
		}
		ids[r.ID] = true
		switch r.Severity {
		case "", SeverityError, SeverityWarning:
		default:
			v.add(file, key+".severity", "is %q: use \"error\" or \"warning\"", r.Severity)
		}
		if r.Message == "" || r.MessageEN == "" {
			v.add(file, key, "give message (Chinese) and message_en (English): they are what reviewers read")
		}
		cmp, err := ParseRule(r.Check)
		each := false
		if err != nil {
			v.add(file, key+".check", "%v", err)
		} else {
			r.Cmp = cmp
			each = v.checkRuleTerms(p, file, key+".check", r.Check, append(append([]RuleTerm{}, cmp.Left...), cmp.Right...))
		}
		if r.When != "" {
			cond, err := ParseRule(r.When)
			if err != nil {
				v.add(file, key+".when", "%v", err)
			} else {
				r.Cond = &cond
				each = v.checkRuleTerms(p, file, key+".when", r.When, append(append([]RuleTerm{}, cond.Left...), cond.Right...)) || each
			}
		}
		if r.Tolerance != "" {
			tol, err := decimal.NewFromString(r.Tolerance)
			if err != nil || tol.IsNegative() {
				v.add(file, key+".tolerance", "is %q: give the largest difference that holds as a number ≥ 0, such as \"0.05\", or leave it out for rounding", r.Tolerance)
			} else {
				r.Tol = &tol
			}
		}
		if err != nil {
			continue
		}
		if each && len(r.Each) == 0 {
			v.add(file, key+".each", "is missing: list the tables whose codes \"*\" stands for")
		}
		if !each && (len(r.Each) > 0 || r.Level != 0) {
			v.add(file, key, "each and level go with a \"*\" row in check")
		}
		for j, id := range r.Each {
			if t := p.Table(id); (t == nil && !slices.Contains(p.Names, id)) || (t != nil && t.Tree() == nil) {
				v.add(file, fmt.Sprintf("%s.each[%d]", key, j), "%q is not a table with code rows", id)
			}
		}
	}
}

// equalsRule is the review rule of column c's equals (Column.Equals): on
// every code of either table, c's cell equals the other table's. Its id is
// "<table>.<column>.equals"; its message names both columns by their
// sheets and headers.
func equalsRule(p *Pack, t *Table, c *Column) *Rule {
	table, col, _ := strings.Cut(c.Equals, ".")
	other := p.Table(table)
	left := t.Sheet + "「" + ColumnTitle(t, c.Key) + "」"
	right := other.Sheet + "「" + ColumnTitle(other, col) + "」"
	one := decimal.NewFromInt(1)
	r := &Rule{
		ID: t.ID + "." + c.Key + ".equals", Severity: SeverityError,
		Check:     "{" + t.ID + "!*." + c.Key + "} = {" + table + "!*." + col + "}",
		Message:   msg.T(msg.ZH, "%s must equal %s of the same code", left, right),
		MessageEN: msg.T(msg.EN, "%s must equal %s of the same code", left, right),
		Each:      []string{t.ID},
		Cmp: Cmp{Op: OpEqual,
			Left:  []RuleTerm{{Factor: one, Table: t.ID, Row: "*", Column: c.Key}},
			Right: []RuleTerm{{Factor: one, Table: table, Row: "*", Column: col}}},
	}
	if table != t.ID {
		r.Each = append(r.Each, table)
	}
	return r
}

// ColumnTitle is the header text of table t's column key: its lowest
// non-empty header cell, on one line; the key when it has none.
func ColumnTitle(t *Table, key string) string {
	col := 0
	for _, sl := range t.Layout.Sides {
		if c := sl.Column(key); c > 0 {
			col = c
		}
	}
	for i := len(t.Header) - 1; i >= 0; i-- {
		if col > 0 && col <= len(t.Header[i]) && strings.TrimSpace(t.Header[i][col-1]) != "" {
			return strings.ReplaceAll(t.Header[i][col-1], "\n", "")
		}
	}
	return key
}
