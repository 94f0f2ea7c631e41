package pack

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// The tolerance policy of reading back.
//
// Extract (a workbook) and import (a PDF's text) know a table's titles,
// header cells, row labels and field labels by the template text, read
// with one policy, which Pattern implements:
//
//   - white space is ignored wherever it stands (PDF extractors put spaces
//     between characters, and drop them);
//   - a bracket, a colon or a quote matches either width or form:
//     ( and （, ) and ）, : and ：, " and “ and ”;
//   - {year} is a 4-digit number, {variant} one of the pack's variants
//     (部门, 单位), any other {placeholder} any text.
//
// A row of a code tree is known by its code, or (a side without a code
// column) by its name in the catalog, by the same policy (see Fold).
// Anything else must be the template's text. A text
// that matches only by this tolerance (a half-width bracket) is read, and
// verify says it is not the template's spelling (Exact).

// Pattern is a template text (a title, a header cell, a label or a field
// cell such as "{code}-{name}") compiled to match text read back, by the
// tolerance policy above.
type Pattern struct {
	whole  *regexp.Regexp // the text is the template
	prefix *regexp.Regexp // the text starts with the template
	names  []string       // the placeholders or fields, in order
	// Literal counts the template's own characters: of two titles that
	// match, the one with more of them is the more specific.
	Literal int
}

// folds maps a character to the characters text read back may have in
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
	patterns   = map[string]*Pattern{}
)

// Compile returns the pattern of template tpl; patterns are cached.
func Compile(tpl string) *Pattern {
	patternsMu.Lock()
	defer patternsMu.Unlock()
	if p, ok := patterns[tpl]; ok {
		return p
	}
	p := &Pattern{}
	var b strings.Builder
	rest := tpl
	for rest != "" {
		i := strings.IndexByte(rest, '{')
		j := strings.IndexByte(rest, '}')
		if i < 0 || j < i {
			p.Literal += literal(&b, rest)
			break
		}
		p.Literal += literal(&b, rest[:i])
		name := rest[i+1 : j]
		switch alts, ok := strings.CutPrefix(name, "variant:"); {
		case ok: // {variant:部门|单位}: one of the pack's variants
			name = "variant"
			var quoted []string
			for _, a := range strings.Split(alts, "|") {
				var lb strings.Builder
				literal(&lb, a)
				quoted = append(quoted, lb.String())
			}
			b.WriteString(`(` + strings.Join(quoted, "|") + `)`)
		case name == "year":
			b.WriteString(`([0-9]{4})`)
		default:
			b.WriteString(`(.*?)`)
		}
		p.names = append(p.names, name)
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

// Match reports whether text is the template, with the text of each
// placeholder, trimmed.
func (p *Pattern) Match(text string) (map[string]string, bool) {
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

// Cut reports whether text starts with the template (a label without
// placeholders) and returns the rest, trimmed: "整体绩效目标 根据……" gives
// "根据……" for the label 整体绩效目标.
func (p *Pattern) Cut(text string) (string, bool) {
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

// Same reports whether text is label by the tolerance policy (bracket,
// colon and quote width, spaces). An empty label is nothing's.
func Same(label, text string) bool {
	if label == "" {
		return false
	}
	_, ok := Compile(label).Match(text)
	return ok
}

// Exact reports whether text is label as the template spells it, up to
// white space: what Same accepts beyond it is a misspelling to point out.
func Exact(label, text string) bool {
	for {
		label, text = strings.TrimLeftFunc(label, unicode.IsSpace), strings.TrimLeftFunc(text, unicode.IsSpace)
		if label == "" || text == "" {
			return label == text
		}
		_, n := utf8.DecodeRuneInString(label)
		_, m := utf8.DecodeRuneInString(text)
		if label[:n] != text[:m] {
			return false
		}
		label, text = label[n:], text[m:]
	}
}

// Fold writes s as the catalogs and templates spell it, for a look-up by
// the tolerance policy: white space dropped, brackets and colons in full
// width, every double quote “ (straight, opening or closing). Two texts
// that fold alike are the same by the policy.
func Fold(s string) string {
	if !strings.ContainsFunc(s, foldsRune) {
		return s // as most catalog names are
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
		case r == '(':
			b.WriteRune('（')
		case r == ')':
			b.WriteRune('）')
		case r == ':':
			b.WriteRune('：')
		case r == '"' || r == '”':
			b.WriteRune('“')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// foldsRune reports whether Fold changes rune r.
func foldsRune(r rune) bool {
	return unicode.IsSpace(r) || r == '(' || r == ')' || r == ':' || r == '"' || r == '”'
}
