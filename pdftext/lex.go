package pdftext

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// line is one line of the input: a title, a units line, a header or data
// row, or something to skip.
type line struct {
	n    int    // 1-based line number
	text string // as read, without the line end
	// cells are the tab-separated cells, LaTeX operators replaced, each
	// trimmed, trailing empty cells dropped: a blank line has none.
	cells []string
}

// split cuts text into lines.
func split(text string) []line {
	raw := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	if len(raw) > 0 && raw[len(raw)-1] == "" {
		raw = raw[:len(raw)-1]
	}
	out := make([]line, len(raw))
	for i, s := range raw {
		s = strings.TrimSuffix(s, "\r")
		out[i] = line{n: i + 1, text: s, cells: cells(s)}
	}
	return out
}

// cells splits a line at its tabs.
func cells(s string) []string {
	s = mathRe.ReplaceAllString(s, "$1") // $\geq 20$ → \geq 20
	var b strings.Builder
	last := 0
	for _, m := range latexRe.FindAllStringSubmatchIndex(s, -1) {
		if end := m[1]; end < len(s) && isLetter(s[end]) {
			continue // another command, such as \left
		}
		b.WriteString(s[last:m[0]])
		b.WriteString(latexOps[s[m[2]:m[3]]])
		last = m[1]
	}
	s = b.String() + s[last:]
	s = strings.ReplaceAll(s, `\%`, "%")
	cs := strings.Split(s, "\t")
	for i := range cs {
		cs[i] = strings.TrimSpace(cs[i])
	}
	for len(cs) > 0 && cs[len(cs)-1] == "" {
		cs = cs[:len(cs)-1]
	}
	return cs
}

// latexRe finds the comparison operators that PDF extraction writes as
// LaTeX (`\geq`, `$\leq$`); cells also replaces an escaped percent sign.
var latexRe = regexp.MustCompile(`\$?\\(geqslant|leqslant|geq|leq|neq|ge|le|ne|gt|lt)\$?`)

// mathRe finds a math span in dollars that holds a command.
var mathRe = regexp.MustCompile(`\$([^$\t]*\\[a-z]+[^$\t]*)\$`)

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// latexOps are the characters of the LaTeX operators, by command name.
var latexOps = map[string]string{
	"geqslant": "≥", "geq": "≥", "ge": "≥",
	"leqslant": "≤", "leq": "≤", "le": "≤",
	"neq": "≠", "ne": "≠", "gt": ">", "lt": "<",
}

// only returns the line's one non-empty cell.
func (l line) only() (string, bool) {
	found := ""
	for _, c := range l.cells {
		if c == "" {
			continue
		}
		if found != "" {
			return "", false
		}
		found = c
	}
	return found, found != ""
}

// units reads a units line: a cell 单位：万元 (or 金额单位：元), alone or
// beside cells of the same form (编制单位：某单位 ⇥ 单位：元), and returns the
// units it names, each once, in order: more than one is the publication's
// fault (单位：万元 单位：元), which the caller reports.
func (l line) units() ([]string, bool) {
	var units []string
	for _, c := range l.cells {
		if c == "" {
			continue
		}
		if us := amountUnits(c); len(us) > 0 {
			for _, u := range us {
				if !slices.Contains(units, u) {
					units = append(units, u)
				}
			}
			continue
		}
		if !strings.ContainsAny(c, ":：") {
			return nil, false // a row of a table, not a units line
		}
	}
	return units, len(units) > 0
}

// amountUnits reads the units a cell of a units line names: 单位：万元, or
// several after one another (单位：万元 单位：元).
func amountUnits(c string) []string {
	if _, ok := amountUnit(c); !ok {
		return nil
	}
	var out []string
	for _, m := range unitsInCellRe.FindAllStringSubmatch(c, -1) {
		out = append(out, m[1])
	}
	if len(out) == 0 { // a unit with spaces in it: read whole, as the one unit
		u, _ := amountUnit(c)
		out = append(out, u)
	}
	return out
}

// unitsInCellRe finds each 单位：X of a cell that starts a word.
var unitsInCellRe = regexp.MustCompile(`(?:^|\s)(?:金额)?单\s*位\s*[:：]\s*(\S+)`)

// dashes reports whether the line only draws a rule: cells of two dashes
// or more. (A lone dash may stand for an amount of zero: not a rule.)
func (l line) dashes() bool {
	seen := false
	for _, c := range l.cells {
		if c == "" {
			continue
		}
		if strings.Trim(c, "-－—–_=─") != "" || utf8.RuneCountInString(c) < 2 {
			return false
		}
		seen = true
	}
	return seen
}

// boilerplate reports whether a one-cell text is known page furniture: an
// attachment number (附件4-5) or a page number (第 3 页, - 3 -, or a bare
// 3 of at most two digits: amounts have two decimals, codes three digits
// or more).
func boilerplate(s string) bool {
	return attachmentRe.MatchString(s) || pageRe.MatchString(s)
}

var (
	attachmentRe = regexp.MustCompile(`^附\s*件\s*[0-9０-９]+(\s*[-－—][0-9０-９]+)*$`)
	pageRe       = regexp.MustCompile(`^(第\s*[0-9]+\s*页(\s*[,，/]?\s*共\s*[0-9]+\s*页)?|[-－—]\s*[0-9]+\s*[-－—]|[0-9]{1,2})$`)
)

// maybeTitle reports whether a one-cell text looks like a table title that
// no template has: short, ending in 表.
func maybeTitle(s string) bool {
	return strings.HasSuffix(s, "表") && utf8.RuneCountInString(s) <= 60
}
