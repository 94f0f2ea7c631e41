package pdftext

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
)

// pattern is a template text (a title, a header cell, a label or a field
// cell such as "{code}-{name}") compiled to match published text: brackets
// and colons in either width, spaces anywhere between characters, a 4-digit
// number for {year} and any text for every other placeholder or field.
type pattern struct {
	whole  *regexp.Regexp // the text is the template
	prefix *regexp.Regexp // the text starts with the template
	names  []string       // the placeholders or fields, in order
	// literal counts the template's own characters: of two titles that
	// match, the one with more of them is the more specific.
	literal int
}

// folds maps a character to the characters published text may have in
// its place: the other width of a bracket or colon, straight or curly quotes.
var folds = map[rune]string{}

func init() {
	for _, class := range []string{"(（", ")）", ":：", "\"“”"} {
		for _, r := range class {
			folds[r] = class
		}
	}
}

var (
	patternsMu sync.Mutex
	patterns   = map[string]*pattern{}
)

// compile returns the pattern of template tpl; patterns are cached.
func compile(tpl string) *pattern {
	patternsMu.Lock()
	defer patternsMu.Unlock()
	if p, ok := patterns[tpl]; ok {
		return p
	}
	p := &pattern{}
	var b strings.Builder
	rest := tpl
	for rest != "" {
		i := strings.IndexByte(rest, '{')
		j := strings.IndexByte(rest, '}')
		if i < 0 || j < i {
			p.literal += literal(&b, rest)
			break
		}
		p.literal += literal(&b, rest[:i])
		name := rest[i+1 : j]
		p.names = append(p.names, name)
		if name == "year" {
			b.WriteString(`([0-9]{4})`)
		} else {
			b.WriteString(`(.*?)`)
		}
		b.WriteString(`\s*`)
		rest = rest[j+1:]
	}
	body := b.String()
	p.whole = regexp.MustCompile(`^\s*` + body + `$`)
	p.prefix = regexp.MustCompile(`^\s*` + body)
	patterns[tpl] = p
	return p
}

// literal writes the regular expression of a literal text, each character
// followed by optional spaces, and returns the number of characters.
func literal(b *strings.Builder, s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsSpace(r) {
			continue
		}
		n++
		if class, ok := folds[r]; ok {
			b.WriteString("[" + regexp.QuoteMeta(class) + "]")
		} else {
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
		b.WriteString(`\s*`)
	}
	return n
}

// match reports whether text is the template, with the text of each
// placeholder, trimmed.
func (p *pattern) match(text string) (map[string]string, bool) {
	m := p.whole.FindStringSubmatch(text)
	if m == nil {
		return nil, false
	}
	out := map[string]string{}
	for i, name := range p.names {
		out[name] = strings.TrimSpace(m[i+1])
	}
	return out, true
}

// cut reports whether text starts with the template (a label without
// placeholders) and returns the rest, trimmed: "整体绩效目标 根据……" gives
// "根据……" for the label 整体绩效目标.
func (p *pattern) cut(text string) (string, bool) {
	if len(p.names) > 0 {
		return "", false
	}
	loc := p.prefix.FindStringIndex(text)
	if loc == nil {
		return "", false
	}
	rest := strings.TrimSpace(text[loc[1]:])
	return rest, rest != ""
}

// same reports whether text is label, up to bracket width and spaces.
func same(label, text string) bool {
	if label == "" {
		return false
	}
	_, ok := compile(label).match(text)
	return ok
}

// yearOf returns the year a match gives, 0 when none.
func yearOf(m map[string]string) int {
	y, _ := strconv.Atoi(m["year"])
	return y
}

// amountUnit reads the amount unit of a units line or a template's units
// text ("单位：万元"); "" when it names none.
func amountUnit(s string) (unit string, ok bool) {
	m := unitsRe.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return "", false
	}
	return strings.TrimSpace(m[1]), true
}

var unitsRe = regexp.MustCompile(`^(?:金额)?单\s*位\s*[:：]\s*(.+)$`)

// decimals is the power of ten of an amount unit: 元 0, 万元 4.
func decimals(unit string) int32 {
	if unit == "万元" {
		return 4
	}
	return 0
}
