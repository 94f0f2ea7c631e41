package explain

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/shopspring/decimal"

	"budgetxl/pack"
)

// Reading is what a received line states, read by the template of a
// drafted line: each figure, each change and each free text as written.
type Reading struct {
	Figures []Stated
	Changes []StatedChange
}

// Stated is a figure as a text writes it.
type Stated struct {
	Seg   *Seg
	Text  string
	Value decimal.Decimal
	// Number is false when the text has no number there (a slot left).
	Number bool
}

// StatedChange is a change phrase as a text writes it.
type StatedChange struct {
	Seg        *Seg
	Dir        string  // the direction it says; "" for the unknown phrase
	Diff, Rate *Stated // nil when the phrase has none
	Why        bool    // the why phrase stands
	Reason     string  // the reason the why gives
}

// Matcher reads received lines by one drafted line's template.
type Matcher struct {
	line   []Seg
	re     *regexp.Regexp
	uses   []use
	prefix string // the literal the line starts with, to skip most lines fast
}

// use says what a capture group of a Matcher's expression holds.
type use struct {
	seg   int    // index in line
	what  string // "figure", "free", or a change's: "dir", "diff", "rate", "why", "reason"
	dir   string // the direction of a change's variant
	group int
}

// number is how a figure is written: digits, thousands separators, decimals.
const number = `(-?[0-9][0-9,]*(?:\.[0-9]+)?)`

// NewMatcher compiles the template of a drafted line (see Doc.Lines).
func NewMatcher(line []Seg, e *pack.Explain, year int) *Matcher {
	m := &Matcher{line: line}
	if len(line) > 0 && line[0].Kind == Lit {
		m.prefix = Normalize(line[0].Text)
	}
	var b strings.Builder
	b.WriteString("^")
	group := 0
	next := func() int { group++; return group }
	for i, s := range line {
		switch s.Kind {
		case Lit:
			b.WriteString(regexp.QuoteMeta(Normalize(s.Text)))
		case Figure:
			if s.Known {
				b.WriteString(number)
			} else {
				b.WriteString("(.*?)")
			}
			m.uses = append(m.uses, use{seg: i, what: "figure", group: next()})
		case Free:
			b.WriteString("(.*?)")
			m.uses = append(m.uses, use{seg: i, what: "free", group: next()})
		case Ordinal:
			b.WriteString("[0-9]+")
		case Change:
			w := e.Change
			b.WriteString("(?:")
			for k, v := range []struct {
				dir string
				s   *pack.Sentence
			}{{DirUp, w.UpText}, {DirDown, w.DownText}, {DirNew, w.NewText}, {DirSame, w.SameText}, {"", w.UnknownText}} {
				if k > 0 {
					b.WriteString("|")
				}
				b.WriteString("(")
				m.uses = append(m.uses, use{seg: i, what: "dir", dir: v.dir, group: next()})
				for _, p := range v.s.Parts {
					switch {
					case p.Text != "":
						b.WriteString(regexp.QuoteMeta(Normalize(p.Text)))
					case p.Name == "diff" || p.Name == "rate":
						b.WriteString(number)
						m.uses = append(m.uses, use{seg: i, what: p.Name, dir: v.dir, group: next()})
					default:
						b.WriteString(regexp.QuoteMeta(Normalize(yearName(p.Name, year))))
					}
				}
				b.WriteString(")")
			}
			b.WriteString(")(")
			m.uses = append(m.uses, use{seg: i, what: "why", group: next()})
			for _, p := range w.WhyText.Parts {
				switch {
				case p.Text != "":
					b.WriteString(regexp.QuoteMeta(Normalize(p.Text)))
				case p.Name == "reason":
					b.WriteString("(.*?)")
					m.uses = append(m.uses, use{seg: i, what: "reason", group: next()})
				}
			}
			b.WriteString(")?")
		}
	}
	b.WriteString("$")
	m.re = regexp.MustCompile(b.String())
	return m
}

// yearName is {year} or {prior_year} of a change phrase.
func yearName(name string, year int) string {
	switch name {
	case "year":
		return strconv.Itoa(year)
	case "prior_year":
		return strconv.Itoa(year - 1)
	}
	return ""
}

// Wildcard reports whether the template has no literal text: it reads
// any line (a paragraph that is one text fact).
func (m *Matcher) Wildcard() bool {
	for _, s := range m.line {
		if s.Kind == Lit && strings.TrimSpace(s.Text) != "" {
			return false
		}
	}
	return true
}

// Read reads a received line, normalized (see Normalize); ok is false
// when the line does not follow the template.
func (m *Matcher) Read(norm string) (r *Reading, ok bool) {
	if !strings.HasPrefix(norm, m.prefix) {
		return nil, false
	}
	sub := m.re.FindStringSubmatch(norm)
	if sub == nil {
		return nil, false
	}
	r = &Reading{}
	changes := map[int]*StatedChange{}
	for _, u := range m.uses {
		got := sub[u.group]
		seg := &m.line[u.seg]
		switch u.what {
		case "figure":
			r.Figures = append(r.Figures, stated(seg, got))
		case "dir":
			if got == "" {
				continue
			}
			changes[u.seg] = &StatedChange{Seg: seg, Dir: u.dir}
		case "diff", "rate":
			sc := changes[u.seg]
			if sc == nil || sc.Dir != u.dir {
				continue
			}
			st := stated(seg, got)
			if u.what == "diff" {
				sc.Diff = &st
			} else {
				sc.Rate = &st
			}
		case "why":
			if sc := changes[u.seg]; sc != nil {
				sc.Why = got != ""
			}
		case "reason":
			if sc := changes[u.seg]; sc != nil {
				sc.Reason = got
			}
		}
	}
	for i := range m.line {
		if sc := changes[i]; sc != nil {
			r.Changes = append(r.Changes, *sc)
		}
	}
	return r, true
}

// stated reads a figure as written.
func stated(seg *Seg, text string) Stated {
	st := Stated{Seg: seg, Text: text}
	if v, ok := ParseNumber(text); ok {
		st.Value, st.Number = v, true
	}
	return st
}

var numberRe = regexp.MustCompile(`^` + number + `$`)

// ParseNumber reads a number as texts write it: 16788.71, 16,788.71, -3.
func ParseNumber(s string) (decimal.Decimal, bool) {
	if !numberRe.MatchString(s) {
		return decimal.Zero, false
	}
	v, err := decimal.NewFromString(strings.ReplaceAll(s, ",", ""))
	return v, err == nil
}

// Normalize makes a line comparable with a template: spaces dropped (tabs
// kept, they separate table cells), full-width digits, ％, ．, － and the
// minus sign written as ASCII.
func Normalize(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\t':
			b.WriteRune(r)
		case unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff':
		case r >= '０' && r <= '９':
			b.WriteRune('0' + (r - '０'))
		case r == '％':
			b.WriteRune('%')
		case r == '．':
			b.WriteRune('.')
		case r == '－' || r == '−':
			b.WriteRune('-')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Matches reports whether stated text s gives value v: v rounded half up
// to the decimals s is written with is s.
func Matches(s, v decimal.Decimal) bool {
	places := -s.Exponent()
	if places < 0 {
		places = 0
	}
	return v.Round(places).Equal(s)
}
