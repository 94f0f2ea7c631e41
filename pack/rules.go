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

	Left, Right []RuleTerm `toml:"-"`
}

// RuleTerm is one signed cell reference of a rule: {table!row.column}, or
// {table!field} for a form's field, with an optional factor: 10000 * {…}.
type RuleTerm struct {
	Neg    bool
	Factor decimal.Decimal // 1 unless written
	Table  string
	Row    string // fixed row key, code, or "*" for each code; "" for a form field
	Column string // column key, or the form's field
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

// ParseRule parses a rule's check: signed {table!row.column} terms on each
// side of one "=".
//
//	check = side "=" side
//	side  = term { ("+" | "-") term }
//	term  = "{" table "!" row "." column "}"
func ParseRule(src string) (left, right []RuleTerm, err error) {
	l, r, ok := strings.Cut(src, "=")
	if !ok || strings.Contains(r, "=") {
		return nil, nil, msg.Errorf("%q: write one \"=\" between two sums of {table!row.column}", src)
	}
	if left, err = parseRuleSide(src, l); err != nil {
		return nil, nil, err
	}
	right, err = parseRuleSide(src, r)
	return left, right, err
}

func parseRuleSide(src, s string) ([]RuleTerm, error) {
	var out []RuleTerm
	neg := false
	s = strings.TrimSpace(s)
	for {
		factor := decimal.NewFromInt(1)
		if i := strings.Index(s, "*"); i > 0 && !strings.Contains(s[:i], "{") {
			f, err := decimal.NewFromString(strings.TrimSpace(s[:i]))
			if err != nil {
				return nil, msg.Errorf("%q: %q is not a number to multiply by", src, strings.TrimSpace(s[:i]))
			}
			factor, s = f, strings.TrimSpace(s[i+1:])
		}
		if !strings.HasPrefix(s, "{") {
			return nil, msg.Errorf("%q: expected {table!row.column} at %q", src, s)
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
		case "":
			r.Severity = SeverityError
		case SeverityError, SeverityWarning:
		default:
			v.add(file, key+".severity", "is %q: use \"error\" or \"warning\"", r.Severity)
		}
		if r.Message == "" || r.MessageEN == "" {
			v.add(file, key, "give message (Chinese) and message_en (English): they are what reviewers read")
		}
		left, right, err := ParseRule(r.Check)
		if err != nil {
			v.add(file, key+".check", "%v", err)
			continue
		}
		r.Left, r.Right = left, right
		each := false
		for _, term := range append(append([]RuleTerm{}, left...), right...) {
			t := p.Table(term.Table)
			switch {
			case t == nil && slices.Contains(p.Names, term.Table):
				continue // listed but broken: its own problems are reported
			case t == nil:
				v.add(file, key+".check", "unknown table %q", term.Table)
				continue
			case t.Kind == KindForm:
				if fd := t.Form.Field(term.Column); term.Row != "" || t.Repeat != "" || fd == nil || fd.List != nil || fd.Kind == FieldText {
					v.add(file, key+".check", "{%s!%s}: write a form's number field as {table!field}, of a form that is not repeated", term.Table, term.Column)
				}
				continue
			case term.Row == "":
				v.add(file, key+".check", "%q: {%s} is not {table!row.column}", r.Check, term.Table+"!"+term.Column)
				continue
			case t.Column(term.Column) == nil || t.Column(term.Column).Kind != KindAmount:
				v.add(file, key+".check", "table %q has no amount column %q", term.Table, term.Column)
			}
			switch {
			case term.Row == "*":
				each = true
				if t.Tree() == nil {
					v.add(file, key+".check", "table %q has no code rows for \"*\"", term.Table)
				}
			case IsDigits(term.Row):
				if t.Tree() == nil {
					v.add(file, key+".check", "table %q has no code rows for %s", term.Table, term.Row)
				}
			case t.FixedRow(term.Row) == nil:
				v.add(file, key+".check", "table %q has no row %q", term.Table, term.Row)
			}
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
