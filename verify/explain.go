package verify

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/shopspring/decimal"

	"budgetxl/dataset"
	"budgetxl/docx"
	"budgetxl/explain"
	"budgetxl/msg"
	"budgetxl/pack"
	"budgetxl/plan"
)

// MaxTextLines is the most paragraphs verify reads of a 情况说明.
const MaxTextLines = 20000

// TextNames are the names a 情况说明 beside a workbook may have, in the
// order TextBeside tries them: the name budgetxl explain gives by default
// (<workbook>-情况说明), then the workbook's own name, each .docx before .txt.
func TextNames(workbook string) []string {
	base := strings.TrimSuffix(workbook, filepath.Ext(workbook))
	return []string{base + "-情况说明.docx", base + "-情况说明.txt", base + ".docx", base + ".txt"}
}

// TextBeside finds the 情况说明 beside a workbook (see TextNames); "" when
// there is none.
func TextBeside(workbook string) string {
	for _, name := range TextNames(workbook) {
		if st, err := os.Stat(name); err == nil && !st.IsDir() {
			return name
		}
	}
	return ""
}

// ReadText reads a 情况说明 as lines: a .docx's paragraphs and table rows,
// or a text file's lines (UTF-8 or GB18030); empty lines are left out.
func ReadText(path string) ([]string, error) {
	var raw []string
	if strings.EqualFold(filepath.Ext(path), ".docx") {
		lines, err := docx.ReadFile(path)
		if err != nil {
			return nil, msg.Errorf("%s: %v", path, msg.File(err))
		}
		raw = lines
	} else {
		st, err := os.Stat(path)
		if err != nil {
			return nil, msg.Errorf("%s: %v", path, msg.File(err))
		}
		if st.Size() > docx.MaxDocument {
			return nil, msg.Errorf("%s: %v", path, docx.ErrTooLarge)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, msg.Errorf("%s: %v", path, msg.File(err))
		}
		text, err := dataset.Decode(b)
		if err != nil {
			return nil, msg.Errorf("%s: not text: save the 情况说明 as .docx, or as text in UTF-8 or GB18030", path)
		}
		raw = strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	}
	var out []string
	for _, l := range raw {
		l = strings.TrimRight(strings.TrimSpace(strings.ReplaceAll(l, "\n", "")), "\r")
		if l != "" {
			out = append(out, l)
		}
	}
	if len(out) > MaxTextLines {
		return nil, msg.Errorf("%s: %d paragraphs, more than the %d a 情况说明 may have", path, len(out), MaxTextLines)
	}
	return out, nil
}

// excerptLength is the most characters of a paragraph's start a finding quotes.
const excerptLength = 16

// textFinding records a finding about paragraph n (0: the whole text).
func (c *checker) textFinding(severity, rule string, n int, expected, found, format string, args ...any) {
	excerpt := ""
	if n > 0 && n <= len(c.textLines) {
		excerpt = cut(strings.ReplaceAll(c.textLines[n-1], "\t", " "), excerptLength) // a table row's cells
	}
	c.report.Findings = append(c.report.Findings, Finding{
		Severity: severity, Rule: rule, Text: c.textName, Paragraph: n, Excerpt: excerpt, Expected: expected, Found: found,
		ZH: msg.T(msg.ZH, format, args...), EN: msg.T(msg.EN, format, args...),
	})
}

// textCheck is the state of the check of one text.
type textCheck struct {
	c         *checker
	e         *pack.Explain
	year      int
	threshold decimal.Decimal
	values    map[string]bool // figures of the tables and the draft, by unit, decimals and text
	unknown   int             // changes stated but not checked: no prior year
}

// checkText checks a 情况说明 against the planned workbook (and the prior
// year's): each paragraph is read by the template of a drafted paragraph
// when it follows one, its figures and changes compared with the draft's;
// a paragraph that follows none has its figures looked up among the
// tables' values. Placeholders, missing reasons and years are found in
// every paragraph.
func (c *checker) checkText(lines []string, prior *dataset.Prior) {
	e := c.p.Explain
	if e == nil {
		c.textFinding(Warning, "explain.no-templates", 0, "", "", "template pack %s has no 情况说明 templates: the text was not checked", c.p.ID)
		return
	}
	in := explain.Input{Pack: c.p, Book: c.expect, Unit: c.report.Unit}
	if prior != nil {
		in.PriorFacts = &explain.Facts{Values: prior.Data.Facts, Shift: prior.Data.Scale()}
	}
	doc := explain.Draft(in)
	drafted := doc.Lines()
	tc := &textCheck{c: c, e: e, year: c.report.Unit.Year, threshold: e.ThresholdValue}
	tc.collect(c.expect, doc)
	matchers := make([]*explain.Matcher, len(drafted))
	used := make([]bool, len(drafted))
	norms := make([]string, len(lines))
	for i, l := range lines {
		norms[i] = explain.Normalize(l)
	}
	next := 0
	for i, norm := range norms {
		n := i + 1
		tc.placeholders(n, lines[i])
		tc.years(n, lines[i], i == 0)
		matched := false
		try := func(j int, wildcard bool) bool {
			if used[j] {
				return false
			}
			if matchers[j] == nil {
				matchers[j] = explain.NewMatcher(drafted[j].Segs, e, tc.year)
			}
			if matchers[j].Wildcard() != wildcard {
				return false
			}
			r, ok := matchers[j].Read(norm)
			if !ok {
				return false
			}
			used[j], next, matched = true, j+1, true
			tc.reading(n, r)
			if wildcard { // a fact's free text: its figures are looked up as a free paragraph's
				tc.figures(n, norm)
			}
			return true
		}
		// A drafted line with literal text reads the line wherever it
		// stands; one that is all free text (a fact's paragraph) reads
		// only a line at its own place that no other line reads.
		for k := 0; k < len(drafted) && !try((next+k)%len(drafted), false); k++ {
		}
		if !matched && next < len(drafted) {
			try(next, true)
		}
		if !matched {
			tc.free(n, norm)
		}
	}
	for j, l := range drafted {
		if (l.Style == pack.StyleHeading1 || l.Style == pack.StyleHeading2) && !used[j] {
			c.textFinding(Warning, "explain.section-missing", 0, l.Text(), "", "the section %q of the pack's templates is not in the text", l.Text())
		}
	}
	switch {
	case tc.unknown > 0 && prior == nil:
		c.textFinding(Note, "explain.prior-missing", 0, "", "", "%d changes against %d were not checked: give the prior year's dataset with --prior", tc.unknown, tc.year-1)
	case tc.unknown > 0:
		c.textFinding(Note, "explain.prior-missing", 0, "", "", "%d changes against %d were not checked: they compare facts of the dataset's explain.toml, which the workbook does not hold", tc.unknown, tc.year-1)
	}
}

// reading judges a paragraph read by its drafted template.
func (tc *textCheck) reading(n int, r *explain.Reading) {
	c := tc.c
	for _, st := range r.Figures {
		s := st.Seg
		if !s.Known {
			continue
		}
		if !st.Number {
			if !hasPlaceholder(tc.e, st.Text) {
				c.textFinding(Error, "explain.figure", n, s.Text, st.Text, "%s: the text gives %q where the tables give %s", s.What, st.Text, s.Text)
			}
			continue
		}
		switch {
		case matchesAny(st.Value, s.Value, s.Alt):
		case s.Percent:
			c.textFinding(Error, "explain.figure", n, s.Text, st.Text, "%s: the text says %s%%, the tables give %s%%", s.What, st.Text, s.Text)
		default:
			c.textFinding(Error, "explain.figure", n, s.Text, st.Text, "%s: the text says %s, the tables give %s", s.What, st.Text, s.Text)
		}
	}
	for _, sc := range r.Changes {
		d := sc.Seg.Change
		if sc.Dir == "" {
			continue // the unknown phrase: its slot is a placeholder
		}
		rate, rated := decimal.Zero, false
		if sc.Rate != nil && sc.Rate.Number {
			rate, rated = sc.Rate.Value, true
		}
		need := false
		switch {
		case d.Known && sc.Dir != d.Dir:
			c.textFinding(Error, "explain.change", n, d.Dir, sc.Dir, "%s: the text says %v against %d, the tables give %v", d.What, dirText(sc.Dir), tc.year-1, dirText(d.Dir))
			need = d.NeedsReason
		case d.Known:
			if sc.Diff != nil && sc.Diff.Number && !matchesAny(sc.Diff.Value, d.Diff.Abs(), absAll(d.DiffAlt)) {
				c.textFinding(Error, "explain.figure", n, amountText(tc.e, d.Diff.Abs()), sc.Diff.Text, "%s: the text says a change of %s, the tables give %s", d.What, sc.Diff.Text, amountText(tc.e, d.Diff.Abs()))
			}
			if rated && !matchesAny(rate, d.Rate.Abs(), absAll(d.RateAlt)) {
				c.textFinding(Error, "explain.figure", n, rateText(tc.e, d.Rate.Abs()), sc.Rate.Text, "%s: the text says a rate of %s%%, the tables give %s%%", d.What, sc.Rate.Text, rateText(tc.e, d.Rate.Abs()))
			}
			need = d.NeedsReason
		default:
			tc.unknown++
			need = sc.Dir == explain.DirNew || (rated && rate.GreaterThan(tc.threshold))
		}
		if need && (!sc.Why || strings.TrimSpace(sc.Reason) == "") {
			c.textFinding(Error, "explain.reason", n, "", "", "%s: a change of more than %s%% needs its reason, and the text gives none", d.What, tc.e.Threshold)
		}
	}
}

// The patterns of the text check, compiled when a text is first checked,
// not at every start of the program.
var (
	freeAmountRe = lazyRe(`(-?[0-9][0-9,]*(?:\.[0-9]+)?)(亿元|万元|元)(以上|以下|以内)?`)
	freeRateRe   = lazyRe(`(增长|下降|增加|减少|增幅|降幅)(?:了|为)?(-?[0-9]+(?:\.[0-9]+)?)%`)
	sentenceRe   = lazyRe(`[^。；;]+`)
	yearRe       = lazyRe(`((?:19|20)[0-9]{2})年`)
)

// lazyRe is a pattern compiled on its first use.
func lazyRe(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// free checks a paragraph that follows no drafted template: its amounts
// must be figures of the tables, and its changes over the threshold need
// a reason.
func (tc *textCheck) free(n int, norm string) {
	c := tc.c
	amounts := freeAmountRe().FindAllStringSubmatch(norm, -1)
	rates := freeRateRe().FindAllStringSubmatch(norm, -1)
	if len(amounts) == 0 && len(rates) == 0 {
		return
	}
	c.textFinding(Note, "explain.free-text", n, "", "", "the paragraph does not follow the pack's templates: its figures were looked up among the tables' values")
	tc.figures(n, norm)
}

// figures checks the figures of a text no template reads: its amounts
// must be figures of the tables, and its changes over the threshold need
// a reason.
func (tc *textCheck) figures(n int, norm string) {
	c := tc.c
	amounts := freeAmountRe().FindAllStringSubmatch(norm, -1)
	for _, m := range amounts {
		if m[3] != "" {
			continue // 单价50万元以上: a threshold, not a figure
		}
		v, ok := explain.ParseNumber(m[1])
		if ok && !tc.known(m[2], v) {
			c.textFinding(Warning, "explain.figure-unknown", n, "", m[1]+m[2], "%s%s is not a figure of the tables or of the draft: check it", m[1], m[2])
		}
	}
	for _, s := range sentenceRe().FindAllString(norm, -1) {
		for _, m := range freeRateRe().FindAllStringSubmatch(s, -1) {
			rate, ok := explain.ParseNumber(m[2])
			if !ok || !rate.Abs().GreaterThan(tc.threshold) {
				continue
			}
			if !strings.Contains(s, "原因") && !strings.Contains(s, "主要是") {
				c.textFinding(Error, "explain.reason", n, "", m[0], "a change of %s%% is more than %s%% and needs its reason, and the sentence gives none", m[2], tc.e.Threshold)
			}
		}
	}
}

// placeholderRes find what a clerk was to replace: the pack's slots and
// the usual marks of text still to write.
var placeholderRes = []func() *regexp.Regexp{
	lazyRe(`【请填写[^】]*】`),
	lazyRe(`待填`),
	lazyRe(`(^|[^A-Za-z])([Xx]{2,}|[Ｘｘ]{2,})([^A-Za-z]|$)`),
	lazyRe(`[×✕╳]{2,}`),
}

// placeholders reports the placeholders left in a paragraph.
func (tc *textCheck) placeholders(n int, line string) {
	var found []string
	for _, re := range placeholderRes {
		for _, m := range re().FindAllStringSubmatch(line, -1) {
			s := m[0]
			if len(m) > 2 {
				s = m[2]
			}
			found = append(found, s)
		}
	}
	for _, slot := range packSlots(tc.e) {
		if slot != "" && strings.Contains(line, slot) && !strings.HasPrefix(slot, "【请填写") {
			found = append(found, slot)
		}
	}
	if len(found) > 0 {
		// each once, in order, with how many times it stands there
		var order []string
		count := map[string]int{}
		for _, f := range found {
			if count[f]++; count[f] == 1 {
				order = append(order, f)
			}
		}
		var list []any
		format := ""
		for i, f := range order {
			if i > 0 {
				format += " "
			}
			format += "%v"
			if count[f] > 1 {
				list = append(list, msg.Errorf("%s (%d places)", f, count[f]))
			} else {
				list = append(list, msg.Errorf("%s", f))
			}
		}
		tc.c.textFinding(Error, "explain.placeholder", n, "", strings.Join(found, " "), "text still to write is left in the paragraph: %v", msg.Errorf(format, list...))
	}
}

// packSlots are the literal slots of the pack: the reason slot, and the
// start of the missing fact's slot.
func packSlots(e *pack.Explain) []string {
	missing, _, _ := strings.Cut(e.Missing, "{label}")
	return []string{e.Reason, missing}
}

// hasPlaceholder reports whether s holds a slot or a placeholder.
func hasPlaceholder(e *pack.Explain, s string) bool {
	for _, re := range placeholderRes {
		if re().MatchString(s) {
			return true
		}
	}
	for _, slot := range packSlots(e) {
		if slot != "" && strings.Contains(s, slot) {
			return true
		}
	}
	return false
}

// years checks the years a paragraph names: the title's must be the
// workbook's, and no paragraph should name a year but it and the one before.
func (tc *textCheck) years(n int, line string, title bool) {
	ms := yearRe().FindAllStringSubmatch(line, -1)
	if title {
		if len(ms) == 0 {
			tc.c.textFinding(Error, "explain.year", n, strconv.Itoa(tc.year), "", "the title names no year; the workbook is for %d", tc.year)
			return
		}
		if y, _ := strconv.Atoi(ms[0][1]); y != tc.year {
			tc.c.textFinding(Error, "explain.year", n, strconv.Itoa(tc.year), ms[0][1], "the title is for %s, the workbook for %d", ms[0][1], tc.year)
			return
		}
	}
	seen := map[int]bool{}
	for _, m := range ms {
		y, _ := strconv.Atoi(m[1])
		if y != tc.year && y != tc.year-1 && !seen[y] {
			seen[y] = true
			tc.c.textFinding(Warning, "explain.year-other", n, "", m[0], "the paragraph names %d, neither the budget year %d nor the year before", y, tc.year)
		}
	}
}

// dirText names a direction of change for messages, in their language.
func dirText(dir string) *msg.Error {
	switch dir {
	case explain.DirUp:
		return msg.Errorf("an increase")
	case explain.DirDown:
		return msg.Errorf("a decrease")
	case explain.DirNew:
		return msg.Errorf("a new item")
	}
	return msg.Errorf("no change")
}

// collect gathers the figures a free paragraph may state: every amount of
// the tables of both years (in 万元, 元 and 亿元, at 0 to 4 decimals) and
// every figure and change of the draft.
func (tc *textCheck) collect(book *plan.Book, doc *explain.Doc) {
	tc.values = map[string]bool{}
	add := func(unit string, v decimal.Decimal) {
		for p := int32(0); p <= 4; p++ {
			tc.values[unit+"|"+v.Round(p).StringFixed(p)] = true
		}
	}
	amount := func(v decimal.Decimal) { // in 万元
		add("万元", v.Abs())
		add("元", v.Abs().Shift(4))
		add("亿元", v.Abs().Shift(-4))
	}
	for _, b := range []*plan.Book{book, book.Prior} {
		if b == nil {
			continue
		}
		for _, sh := range b.Sheets {
			shift := int32(0)
			if sh.Table.AmountUnit() == "元" { // a form, or a budget table that shows 元
				shift = -4
			}
			for _, row := range sh.Rows {
				for _, cell := range row {
					if cell != nil && (cell.Kind == plan.Input || cell.Kind == plan.Formula) && cell.Style == plan.StyleAmount {
						amount(cell.Value.Shift(shift))
					}
				}
			}
			if sh.BlankInputs() { // amount cells too, of zero
				amount(decimal.Zero)
			}
		}
	}
	toWan := decimal.NewFromInt(1)
	if tc.e.Unit == "元" {
		toWan = decimal.New(1, -4)
	}
	for _, l := range doc.Lines() {
		for _, s := range l.Segs {
			switch {
			case s.Kind == explain.Figure && s.Known && s.Percent:
				add("%", s.Value.Abs())
			case s.Kind == explain.Figure && s.Known:
				amount(s.Value.Mul(toWan))
			case s.Kind == explain.Change && s.Change.Known:
				amount(s.Change.Diff.Mul(toWan))
				add("%", s.Change.Rate.Abs())
			}
		}
	}
}

// known reports whether v, stated in unit, is one of the collected figures.
func (tc *textCheck) known(unit string, v decimal.Decimal) bool {
	p := -v.Exponent()
	if p < 0 {
		p = 0
	}
	if p > 4 {
		return false
	}
	return tc.values[unit+"|"+v.Abs().StringFixed(p)]
}

func matchesAny(stated, v decimal.Decimal, alt []decimal.Decimal) bool {
	if explain.Matches(stated, v) {
		return true
	}
	for _, a := range alt {
		if explain.Matches(stated, a) {
			return true
		}
	}
	return false
}

func absAll(list []decimal.Decimal) []decimal.Decimal {
	out := make([]decimal.Decimal, len(list))
	for i, v := range list {
		out[i] = v.Abs()
	}
	return out
}

// amountText and rateText write a figure as the pack's text does.
func amountText(e *pack.Explain, v decimal.Decimal) string {
	ad, _ := e.Decimals()
	return v.Round(ad).StringFixed(ad)
}

func rateText(e *pack.Explain, v decimal.Decimal) string {
	_, rd := e.Decimals()
	return v.Round(rd).StringFixed(rd)
}
