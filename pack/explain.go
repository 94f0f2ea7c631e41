package pack

import (
	"budgetxl/msg"
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
)

// Explain is the pack's 收支预算情况说明: the sentence templates and the
// 名词解释 of the text that `budgetxl explain` drafts from a unit's tables,
// read from the file pack.toml names in explain. A district changes the
// wording here, without code.
type Explain struct {
	File string `toml:"-"`
	// Title is the document's title, such as "{unit}{year}年单位预算情况说明".
	Title string `toml:"title"`
	// Threshold is the rate of change, in percent, above which a change
	// needs its reason: the text leaves Reason in its place.
	Threshold string `toml:"threshold"`
	// Unit is the unit amounts are written in: "万元" (default) or "元".
	Unit string `toml:"unit"`
	// AmountDecimals and RateDecimals are the decimals of amounts and of
	// rates and shares (default 2): values are rounded half up to them.
	AmountDecimals *int `toml:"amount_decimals"`
	RateDecimals   *int `toml:"rate_decimals"`
	// Thousands writes amounts with thousands separators (16,788.71).
	Thousands bool `toml:"thousands"`
	// Reason is the slot left for the reason of a change, "【请填写增减原因】".
	Reason string `toml:"reason"`
	// Missing is the slot left for a fact the dataset does not give; {label}
	// is the fact's label: "【请填写{label}】".
	Missing    string       `toml:"missing"`
	Change     ChangeWords  `toml:"change"`
	Style      TextStyle    `toml:"style"`
	Facts      []*Fact      `toml:"fact"`
	Lists      []*TextList  `toml:"list"`
	Paragraphs []*Paragraph `toml:"paragraph"`
	Glossary   []*Gloss     `toml:"glossary"`

	TitleText      *Sentence       `toml:"-"`
	ThresholdValue decimal.Decimal `toml:"-"`
}

// ChangeWords are the phrases that say how a figure changed against the
// prior year. Up, Down and New may use {diff} (the change, without its
// sign) and {rate} (percent); all may use {year} and {prior_year}. Why is
// added after Up, Down or New when the change needs its reason.
type ChangeWords struct {
	Up      string `toml:"up"`      // "较{prior_year}年增加{diff}万元，增长{rate}%"
	Down    string `toml:"down"`    // "较{prior_year}年减少{diff}万元，下降{rate}%"
	Same    string `toml:"same"`    // "与{prior_year}年持平"
	New     string `toml:"new"`     // last year's figure was zero: no rate
	Unknown string `toml:"unknown"` // no prior year's dataset
	Why     string `toml:"why"`     // "，主要原因是{reason}"
	// NoRate is what {rate:…} writes when last year's figure was zero.
	NoRate string `toml:"no_rate"`
	// NoPrior is what {prior:…}, {diff:…} and {rate:…} write without a
	// prior year's dataset.
	NoPrior string `toml:"no_prior"`

	UpText, DownText, SameText, NewText, UnknownText, WhyText, NoPriorText *Sentence `toml:"-"`
}

// TextStyle is the look of the .docx: fonts by their Chinese names as Word
// and WPS know them, sizes in points; what is left unset (empty, 0) is
// written in the fonts and sizes of official documents (docx.DefaultStyles).
type TextStyle struct {
	TitleFont   string  `toml:"title_font"`
	HeadingFont string  `toml:"heading_font"`
	BodyFont    string  `toml:"body_font"`
	TitleSize   float64 `toml:"title_size"`
	HeadingSize float64 `toml:"heading_size"`
	BodySize    float64 `toml:"body_size"`
}

// Fact kinds.
const (
	FactText   = "text"
	FactAmount = "amount"
	FactNumber = "number"
)

// Fact is a fact the tables do not hold (政府采购, 国有资产, the unit's
// duties), given in the dataset's explain.toml; a missing one is a slot.
type Fact struct {
	Key   string `toml:"key"`
	Label string `toml:"label"`
	Kind  string `toml:"kind"` // text, amount (in the dataset's amount unit) or number
	// Default is a budget table's cell the fact is taken from when the
	// dataset does not give it, such as "4-3!total.public".
	Default string `toml:"default"`

	DefaultRef *TextRef `toml:"-"`
}

// TextList is the code rows of a table at one level, for an inline list
// ({list:key}, items joined by Sep) or a paragraph per item (each = key).
type TextList struct {
	Key   string `toml:"key"`
	Table string `toml:"table"`
	Level int    `toml:"level"` // the length of the codes listed
	Item  string `toml:"item"`  // the template of one item, for {list:key}
	Sep   string `toml:"sep"`   // between items (default "，")
	Empty string `toml:"empty"` // written when no row is listed
	// Nonzero lists only the rows whose column is not zero (this year or,
	// for an item that says its change, the prior year).
	Nonzero string `toml:"nonzero"`
	// ShareOf is the cell {share:column} divides by, such as "4-2!total.subtotal".
	ShareOf string `toml:"share_of"`
	// PathNames name the tree's levels for {path}: ["类", "款", "项"].
	PathNames []string `toml:"path_names"`

	ItemText   *Sentence `toml:"-"`
	ShareOfRef *TextRef  `toml:"-"`
}

// Paragraph styles.
const (
	StyleHeading1 = "heading1"
	StyleHeading2 = "heading2"
	StyleBody     = "body"
	StyleTable    = "table"
)

// GlossaryList is the each of a paragraph written once per 名词解释 entry.
const GlossaryList = "glossary"

// Paragraph is one paragraph of the text (a heading, a body paragraph, a
// table), or one per item of a list (each).
type Paragraph struct {
	Style string     `toml:"style"` // heading1, heading2, body (default) or table
	Text  string     `toml:"text"`
	Rows  [][]string `toml:"rows"` // a table's cells, for style table
	Each  string     `toml:"each"` // a list's key, or "glossary"
	// When and Unless keep the paragraph only when a cell (or an amount
	// fact) is not zero, or is zero: "4-5!total.total".
	When   string `toml:"when"`
	Unless string `toml:"unless"`

	Sentence  *Sentence     `toml:"-"`
	Cells     [][]*Sentence `toml:"-"`
	WhenRef   *TextRef      `toml:"-"`
	UnlessRef *TextRef      `toml:"-"`
}

// Gloss is one term of the 名词解释.
type Gloss struct {
	Term    string `toml:"term"`
	Meaning string `toml:"meaning"`
}

// Verbs of sentence placeholders.
const (
	VerbAmount = "amount" // the figure
	VerbPrior  = "prior"  // the prior year's figure
	VerbDiff   = "diff"   // this year's less the prior year's, signed
	VerbRate   = "rate"   // the change in percent of the prior year's, signed
	VerbChange = "change" // the change phrase (ChangeWords)
	VerbShare  = "share"  // the item's part of the list's share_of, in percent
	VerbCount  = "count"  // a form's records, or a number fact
	VerbText   = "text"   // a text fact
	VerbList   = "list"   // an inline list
)

// Plain placeholders of every sentence, of list items and of the glossary.
var (
	textNames     = []string{"unit", "year", "prior_year", "department", "unit_code"}
	itemNames     = []string{"name", "code", "path", "n"}
	glossaryNames = []string{"n", "term", "meaning"}
)

// AmountUnit is the unit of a table's amounts as its units line says it
// ("单位：万元" → 万元), "" when the line names none.
func (t *Table) AmountUnit() string {
	switch {
	case strings.Contains(t.Units, "万元"):
		return "万元"
	case strings.Contains(t.Units, "元"):
		return "元"
	}
	return ""
}

// Decimals are the amount and rate decimals of the text.
func (e *Explain) Decimals() (amount, rate int32) {
	return int32(*e.AmountDecimals), int32(*e.RateDecimals)
}

// Fact returns the fact with key, or nil.
func (e *Explain) Fact(key string) *Fact {
	for _, f := range e.Facts {
		if f.Key == key {
			return f
		}
	}
	return nil
}

// List returns the list with key, or nil.
func (e *Explain) List(key string) *TextList {
	for _, l := range e.Lists {
		if l.Key == key {
			return l
		}
	}
	return nil
}

// explainChecker checks one explain file, giving each problem its line.
type explainChecker struct {
	v    *validator
	p    *Pack
	e    *Explain
	file string
	src  []byte
	// said are the problems of sentences reported, by line: a problem that
	// repeats in a sentence (the same missing table) is reported once.
	said map[string]bool
	// bad are the table files with problems of their own: references into
	// them are not checked, so that one fault is reported once.
	bad map[string]bool
}

// loadExplain reads and checks the pack's explain file.
func (v *validator) loadExplain(p *Pack) {
	if p.ExplainFile == "" {
		return
	}
	file := v.path(p.ExplainFile)
	if v.missing(p.ExplainFile) {
		v.add(v.path("pack.toml"), "explain", "no file %s in this folder: add it or correct the path", p.ExplainFile)
		return
	}
	e := &Explain{File: file}
	if !v.decode(p.ExplainFile, e) {
		return
	}
	src, _ := fs.ReadFile(v.fsys, p.ExplainFile)
	c := &explainChecker{v: v, p: p, e: e, file: file, src: src, said: map[string]bool{}, bad: map[string]bool{}}
	for _, err := range v.errs {
		if pe, ok := err.(*Error); ok {
			c.bad[pe.File] = true
		}
	}
	c.check()
	p.Explain = e
}

// where is an entry of the explain file: the index-th [[entry]], the table
// [entry] (index < 0), or the top of the file (entry "").
type where struct {
	entry string
	index int
}

// top is the top of the explain file.
var top = where{"", -1}

// add reports a problem at the line of key in entry at.
func (c *explainChecker) add(at where, key, format string, args ...any) {
	name := key
	if at.entry != "" && at.index >= 0 {
		name = fmt.Sprintf("%s[%d].%s", at.entry, at.index, key)
	} else if at.entry != "" {
		name = at.entry + "." + key
	}
	c.v.errs = append(c.v.errs, &Error{File: c.file, Line: entryLine(c.src, at.entry, at.index, key), Key: name, Msg: msg.Errorf(format, args...)})
}

func (c *explainChecker) check() {
	e := c.e
	if e.Title == "" {
		c.add(top, "title", "is missing: give the document's title, such as \"{unit}{year}年单位预算情况说明\"")
	} else {
		e.TitleText = c.sentence(top, "title", e.Title, textNames, nil, false)
	}
	switch t, err := decimal.NewFromString(e.Threshold); {
	case e.Threshold == "":
		c.add(top, "threshold", "is missing: give the rate of change in percent above which a change needs its reason, such as \"10\"")
	case err != nil || t.IsNegative():
		c.add(top, "threshold", "is %q: give a percentage such as \"10\"", e.Threshold)
	default:
		e.ThresholdValue = t
	}
	switch e.Unit {
	case "":
		e.Unit = "万元"
	case "万元", "元":
	default:
		c.add(top, "unit", "is %q: use \"万元\" or \"元\"", e.Unit)
	}
	for _, d := range []struct {
		key string
		n   **int
	}{{"amount_decimals", &e.AmountDecimals}, {"rate_decimals", &e.RateDecimals}} {
		if *d.n == nil {
			two := 2
			*d.n = &two
		} else if **d.n < 0 || **d.n > 6 {
			c.add(top, d.key, "is %d: give 0 to 6 decimals", **d.n)
		}
	}
	if e.Reason == "" {
		c.add(top, "reason", "is missing: give the slot a change's reason goes in, such as \"【请填写增减原因】\"")
	}
	if !strings.Contains(e.Missing, "{label}") {
		c.add(top, "missing", "is %q: give the slot of a missing fact with {label}, such as \"【请填写{label}】\"", e.Missing)
	}
	if c.p.Table(FactsTable) != nil {
		c.add(top, "fact", "the pack has a table named %q, which sentences use for the facts: rename the table", FactsTable)
	}
	c.checkChange()
	c.checkStyle()
	c.checkFacts()
	c.checkLists()
	c.checkParagraphs()
	for i, g := range e.Glossary {
		if strings.TrimSpace(g.Term) == "" || strings.TrimSpace(g.Meaning) == "" {
			c.add(where{"glossary", i}, "term", "give both term and meaning")
		}
	}
}

func (c *explainChecker) checkChange() {
	w := &c.e.Change
	rated := []string{"year", "prior_year", "diff", "rate"}
	plain := []string{"year", "prior_year"}
	for _, ph := range []struct {
		key   string
		src   string
		names []string
		dst   **Sentence
	}{
		{"up", w.Up, rated, &w.UpText}, {"down", w.Down, rated, &w.DownText}, {"new", w.New, []string{"year", "prior_year", "diff"}, &w.NewText},
		{"same", w.Same, plain, &w.SameText}, {"unknown", w.Unknown, plain, &w.UnknownText}, {"why", w.Why, []string{"reason"}, &w.WhyText},
		{"no_prior", w.NoPrior, plain, &w.NoPriorText},
	} {
		if ph.src == "" {
			c.add(where{"change", -1}, ph.key, "is missing: the text says every change with these phrases (see templates.md of the documentation, which budgetxl docs writes)")
			continue
		}
		*ph.dst = c.sentence(where{"change", -1}, ph.key, ph.src, ph.names, nil, false)
	}
	for _, ph := range []struct {
		key string
		s   *Sentence
	}{{"up", w.UpText}, {"down", w.DownText}, {"new", w.NewText}} {
		if ph.s != nil && !ph.s.has("diff") {
			c.add(where{"change", -1}, ph.key, "says no {diff}: the phrase must give the amount of the change")
		}
	}
	if w.WhyText != nil && !w.WhyText.has("reason") {
		c.add(where{"change", -1}, "why", "has no {reason}: it is where the reason slot goes")
	}
	if w.NoRate == "" {
		w.NoRate = "—"
	}
}

// checkStyle checks the sizes the pack gives; what it leaves unset is
// docx.DefaultStyles' (official documents' fonts and sizes), filled in
// where the .docx is written.
func (c *explainChecker) checkStyle() {
	s := &c.e.Style
	for _, d := range []struct {
		key  string
		size float64
	}{{"title", s.TitleSize}, {"heading", s.HeadingSize}, {"body", s.BodySize}} {
		if d.size != 0 && (d.size < 5 || d.size > 72) {
			c.add(where{"style", -1}, d.key+"_size", "is %g: give a size from 5 to 72 points", d.size)
		}
	}
}

var factKeyRe = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

func (c *explainChecker) checkFacts() {
	seen := map[string]bool{}
	for i, f := range c.e.Facts {
		switch {
		case !factKeyRe.MatchString(f.Key):
			c.add(where{"fact", i}, "key", "%q is not a key: use lower-case letters, digits and _", f.Key)
		case seen[f.Key]:
			c.add(where{"fact", i}, "key", "%q is used twice", f.Key)
		}
		seen[f.Key] = true
		if f.Label == "" {
			c.add(where{"fact", i}, "label", "is missing: the slot of a missing fact names it")
		}
		switch f.Kind {
		case FactText, FactAmount, FactNumber:
		default:
			c.add(where{"fact", i}, "kind", "is %q: use \"text\", \"amount\" or \"number\"", f.Kind)
		}
		if f.Default != "" {
			r, err := parseTextRef(f.Default)
			switch {
			case f.Kind != FactAmount:
				c.add(where{"fact", i}, "default", "only an amount fact takes a default from the tables")
			case err != nil:
				c.add(where{"fact", i}, "default", "%q: %v", f.Default, err)
			default:
				if problem := c.cellRef(r); problem != nil {
					c.add(where{"fact", i}, "default", "%q: %v", f.Default, problem)
				} else {
					f.DefaultRef = &r
				}
			}
		}
	}
}

func (c *explainChecker) checkLists() {
	seen := map[string]bool{}
	for i, l := range c.e.Lists {
		switch {
		case l.Key == "" || l.Key == GlossaryList:
			c.add(where{"list", i}, "key", "%q is not a list key (give a name other than glossary)", l.Key)
		case seen[l.Key]:
			c.add(where{"list", i}, "key", "%q is used twice", l.Key)
		}
		seen[l.Key] = true
		if l.Sep == "" {
			l.Sep = "，"
		}
		t := c.p.Table(l.Table)
		if c.broken(l.Table) {
			continue
		}
		if t == nil || t.Tree() == nil {
			c.add(where{"list", i}, "table", "%q is not a table with code rows", l.Table)
			continue
		}
		tree := t.Tree()
		if !tree.HasLevel(strings.Repeat("0", l.Level)) {
			c.add(where{"list", i}, "level", "is %d: table %s has codes of %s digits", l.Level, l.Table, tomlInts(tree.Levels))
		}
		if len(l.PathNames) > 0 && len(l.PathNames) != len(tree.Levels) {
			c.add(where{"list", i}, "path_names", "has %d names, but table %s's tree has %d levels", len(l.PathNames), l.Table, len(tree.Levels))
		}
		if l.Nonzero != "" && !isAmount(t, l.Nonzero) {
			c.add(where{"list", i}, "nonzero", "%q is not an amount column of table %s", l.Nonzero, l.Table)
		}
		if l.ShareOf != "" {
			r, err := parseTextRef(l.ShareOf)
			if err == nil {
				err = c.cellRef(r)
			}
			if err != nil {
				c.add(where{"list", i}, "share_of", "%q: %v", l.ShareOf, err)
			} else {
				l.ShareOfRef = &r
			}
		}
		if l.Item != "" {
			l.ItemText = c.sentence(where{"list", i}, "item", l.Item, append(slices.Clone(textNames), itemNames...), l, false)
		}
	}
}

func (c *explainChecker) checkParagraphs() {
	if len(c.e.Paragraphs) == 0 {
		c.add(top, "paragraph", "is missing: give the text's [[paragraph]]s")
	}
	for i, pg := range c.e.Paragraphs {
		switch pg.Style {
		case "":
			pg.Style = StyleBody
		case StyleHeading1, StyleHeading2, StyleBody, StyleTable:
		default:
			c.add(where{"paragraph", i}, "style", "is %q: use heading1, heading2, body or table", pg.Style)
		}
		names := textNames
		var list *TextList
		switch {
		case pg.Each == GlossaryList:
			names = append(slices.Clone(textNames), glossaryNames...)
		case pg.Each != "":
			if list = c.e.List(pg.Each); list == nil {
				c.add(where{"paragraph", i}, "each", "unknown list %q: give a [[list]] with this key, or \"glossary\"", pg.Each)
			}
			names = append(slices.Clone(textNames), itemNames...)
		}
		if pg.Style == StyleTable {
			if len(pg.Rows) == 0 || pg.Text != "" || pg.Each != "" {
				c.add(where{"paragraph", i}, "rows", "a table paragraph has rows, and no text or each")
			}
			width := 0
			for r, row := range pg.Rows {
				if r == 0 {
					width = len(row)
				} else if len(row) != width {
					c.add(where{"paragraph", i}, "rows", "row %d has %d cells, the first row %d", r+1, len(row), width)
				}
				var cells []*Sentence
				for _, cell := range row {
					cells = append(cells, c.sentence(where{"paragraph", i}, "rows", cell, textNames, nil, false))
				}
				pg.Cells = append(pg.Cells, cells)
			}
		} else {
			if pg.Text == "" || len(pg.Rows) > 0 {
				c.add(where{"paragraph", i}, "text", "is missing: a paragraph has text (rows belong to style = \"table\")")
			} else {
				pg.Sentence = c.sentence(where{"paragraph", i}, "text", pg.Text, names, list, pg.Each == "")
			}
		}
		for _, cond := range []struct {
			key string
			src string
			dst **TextRef
		}{{"when", pg.When, &pg.WhenRef}, {"unless", pg.Unless, &pg.UnlessRef}} {
			if cond.src == "" {
				continue
			}
			r, err := parseTextRef(cond.src)
			if err == nil {
				if r.Table == FactsTable {
					err = c.factRef(r, VerbAmount)
				} else {
					err = c.cellRef(r)
				}
			}
			if err != nil {
				c.add(where{"paragraph", i}, cond.key, "%q: %v", cond.src, err)
				continue
			}
			*cond.dst = &r
		}
	}
}

// sentence parses and checks a template: names are the plain placeholders
// it may use; list is the list whose items it writes (nil: none); lists
// says whether it may hold {list:…}.
func (c *explainChecker) sentence(at where, key, src string, names []string, list *TextList, lists bool) *Sentence {
	s, err := ParseSentence(src)
	if err != nil {
		c.add(at, key, "%v", err)
		return nil
	}
	ok := true
	for _, p := range s.Parts {
		var problem error
		switch {
		case p.Text != "":
			continue
		case !p.Verb:
			if !slices.Contains(names, p.Name) {
				problem = msg.Errorf("unknown placeholder: use one of {%s}", strings.Join(names, "}, {"))
			}
		default:
			problem = c.verb(p, list, lists)
		}
		if problem != nil {
			ok = false
			once := fmt.Sprintf("%d\x00%v", entryLine(c.src, at.entry, at.index, key), problem)
			if c.said[once] {
				continue
			}
			c.said[once] = true
			c.add(at, key, "column %d: %s: %v", col(src, p.Pos), p.placeholderText(), problem)
		}
	}
	if !ok {
		return nil
	}
	return s
}

// verb checks a placeholder with a reference.
func (c *explainChecker) verb(p Part, list *TextList, lists bool) error {
	r := p.Ref
	switch p.Name {
	case VerbList:
		if !lists {
			return msg.Errorf("a list stands only in a paragraph's text")
		}
		if r.Table != "" || c.e.List(r.Column) == nil {
			return msg.Errorf("unknown list: give a [[list]] with this key")
		}
		if c.e.List(r.Column).ItemText == nil && c.e.List(r.Column).Item == "" {
			return msg.Errorf("list %s has no item template", r.Column)
		}
		return nil
	case VerbText, VerbCount:
		if r.Table == FactsTable {
			return c.factRef(r, p.Name)
		}
		if p.Name == VerbCount {
			if c.broken(r.Table) {
				return nil
			}
			if t := c.p.Table(r.Table); t != nil && t.Kind == KindForm && r.Row == "" {
				return c.formRef(t, r, false)
			}
			return msg.Errorf("count counts the records of a form ({count:table!field}) or is a number fact")
		}
		return msg.Errorf("text is a text fact: {text:facts!key}")
	case VerbShare:
		if list == nil || r.Table != "" {
			return msg.Errorf("share stands in a list's item, with one of its columns: {share:column}")
		}
		if list.ShareOf == "" {
			return msg.Errorf("list %s has no share_of to divide by", list.Key)
		}
		return c.itemColumn(list, r)
	case VerbAmount, VerbPrior, VerbDiff, VerbRate, VerbChange:
	default:
		return msg.Errorf("unknown verb: use amount, prior, diff, rate, change, share, count, text or list")
	}
	switch {
	case r.Table == "":
		if list == nil {
			return msg.Errorf("a bare column stands only in a list's item: write table!row.column")
		}
		return c.itemColumn(list, r)
	case r.Table == FactsTable:
		return c.factRef(r, VerbAmount)
	}
	if c.broken(r.Table) {
		return nil
	}
	if t := c.p.Table(r.Table); t != nil && t.Kind == KindForm {
		if r.Row != "" {
			return msg.Errorf("a form's field is {table!field}")
		}
		return c.formRef(t, r, true)
	}
	return c.cellRef(r)
}

// cellRef checks a budget table's cell reference table!row.column.
func (c *explainChecker) cellRef(r TextRef) error {
	t := c.p.Table(r.Table)
	switch {
	case r.Table == FactsTable || r.Table == "":
		return msg.Errorf("write a budget table's cell as table!row.column")
	case c.broken(r.Table):
		return nil
	case t == nil:
		return msg.Errorf("unknown table %q (tables: %s)", r.Table, strings.Join(c.p.Names, ", "))
	case t.Kind == KindForm || r.Row == "":
		return msg.Errorf("table %s: write a budget table's cell as table!row.column", r.Table)
	case !isAmount(t, r.Column):
		return msg.Errorf("table %s has no amount column %q (its amount columns: %s)", r.Table, r.Column, strings.Join(t.AmountKeys(), ", "))
	case IsDigits(r.Row):
		if t.Tree() == nil || !t.Tree().HasLevel(r.Row) {
			return msg.Errorf("table %s has no code rows of %d digits", r.Table, len(r.Row))
		}
	case t.FixedRow(r.Row) == nil && len(t.FixedKeys()) == 0:
		return msg.Errorf("table %s has no row %q, and no fixed rows: write a code", r.Table, r.Row)
	case t.FixedRow(r.Row) == nil:
		return msg.Errorf("table %s has no row %q (its rows: %s; or a code)", r.Table, r.Row, strings.Join(t.FixedKeys(), ", "))
	}
	return nil
}

// formRef checks a form's record field; money says it must be an amount
// whose unit the table's units line gives.
func (c *explainChecker) formRef(t *Table, r TextRef, money bool) error {
	fd := t.Form.Field(r.Column)
	switch {
	case fd == nil || fd.List != nil:
		return msg.Errorf("form %s has no field %q of its records", t.ID, r.Column)
	case money && fd.Kind != FieldAmount:
		return msg.Errorf("field %s of form %s is not an amount", r.Column, t.ID)
	case money && t.AmountUnit() == "":
		return msg.Errorf("form %s's units line (%q) does not say the unit of its amounts: write units = \"单位：万元\" or \"单位：元\"", t.ID, t.Units)
	}
	return nil
}

// factRef checks a fact reference against the verb's kind of fact.
func (c *explainChecker) factRef(r TextRef, verb string) error {
	f := c.e.Fact(r.Column)
	if f == nil {
		return msg.Errorf("unknown fact %q: declare it as a [[fact]]", r.Column)
	}
	want := map[string]string{VerbText: FactText, VerbCount: FactNumber}[verb]
	if want == "" {
		want = FactAmount
	}
	if f.Kind != want {
		return msg.Errorf("fact %s is of kind %s; %s needs a fact of kind %s", f.Key, f.Kind, verb, want)
	}
	return nil
}

// broken reports whether pack.toml lists the table but it could not be
// read or has problems of its own: those are reported, and references to
// it are not.
func (c *explainChecker) broken(table string) bool {
	if t := c.p.Table(table); t != nil {
		return c.bad[t.File]
	}
	return slices.Contains(c.p.Names, table)
}

// itemColumn checks a bare column of a list's table.
func (c *explainChecker) itemColumn(list *TextList, r TextRef) error {
	t := c.p.Table(list.Table)
	if c.broken(list.Table) {
		return nil
	}
	if t == nil {
		return msg.Errorf("unknown table %q (tables: %s)", list.Table, strings.Join(c.p.Names, ", "))
	}
	if !isAmount(t, r.Column) {
		return msg.Errorf("table %s has no amount column %q (its amount columns: %s)", list.Table, r.Column, strings.Join(t.AmountKeys(), ", "))
	}
	return nil
}

// isAmount reports whether t has an amount column key.
func isAmount(t *Table, key string) bool {
	col := t.Column(key)
	return col != nil && col.Kind == KindAmount
}

// has reports whether s uses the plain placeholder name.
func (s *Sentence) has(name string) bool {
	for _, p := range s.Parts {
		if !p.Verb && p.Text == "" && p.Name == name {
			return true
		}
	}
	return false
}

// entryLine finds the line of key: in the index-th [[entry]] of src, in
// the table [entry] (index < 0), or at the top (entry "").
func entryLine(src []byte, entry string, index int, key string) int {
	keyRe := regexp.MustCompile(`^\s*"?` + regexp.QuoteMeta(key) + `"?\s*=`)
	sc := bufio.NewScanner(bytes.NewReader(src))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	inside := entry == ""
	seen := -1
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "[") {
			name := strings.Trim(line, "[] \t")
			if i := strings.IndexByte(name, '#'); i >= 0 {
				name = strings.TrimSpace(name[:i])
			}
			switch {
			case entry != "" && index >= 0 && strings.HasPrefix(line, "[[") && name == entry:
				seen++
				inside = seen == index
			case entry != "" && index < 0:
				inside = name == entry
			default:
				inside = inside && strings.HasPrefix(name, entry+".") && entry != ""
			}
			continue
		}
		if inside && keyRe.MatchString(sc.Text()) {
			return n
		}
	}
	return 0
}
