// Package verify checks a workbook that claims to follow a template pack:
// it rebuilds the plan the templates imply from the workbook's own input
// cells, compares it cell by cell (structure, formula integrity), recomputes
// every formula in decimal against its cached value, and checks the pack's
// review rules over the values, telling rounding differences from errors.
//
// It reports findings and changes nothing; reading, planning and formula
// evaluation are the other packages' work.
package verify

import (
	"io/fs"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"budgetxl/dataset"
	"budgetxl/extract"
	"budgetxl/msg"
	"budgetxl/pack"
	"budgetxl/plan"
	"budgetxl/workbook"
)

// Severities of findings, worst first.
const (
	Error   = "error"
	Warning = "warning"
	Note    = "note"
)

// Finding is one thing verify reports about a cell, a sheet or the workbook.
type Finding struct {
	Severity string `json:"severity"`
	Rule     string `json:"rule"`
	Sheet    string `json:"sheet,omitempty"`
	Cell     string `json:"cell,omitempty"`
	// Text and Paragraph locate a finding about the 情况说明 (Paragraph 0:
	// the whole text); Sheet and Cell are empty then.
	Text      string `json:"text,omitempty"`
	Paragraph int    `json:"paragraph,omitempty"`
	// Excerpt is the start of the paragraph, for a reader to find it in
	// Word or WPS, which do not number paragraphs.
	Excerpt  string `json:"excerpt,omitempty"`
	Expected string `json:"expected,omitempty"`
	Found    string `json:"found,omitempty"`
	// Rounding marks a note about a difference within rounding, which
	// summaries count rather than list.
	Rounding bool `json:"-"`
	// ZH and EN are the message in each language.
	ZH string `json:"-"`
	EN string `json:"-"`
}

// Message returns the finding's message in language l.
func (f Finding) Message(l msg.Lang) string {
	if l == msg.EN {
		return f.EN
	}
	return f.ZH
}

// Report is the result of checking one workbook.
type Report struct {
	File string
	Pack *pack.Pack
	Unit dataset.Unit
	// Text is the 情况说明 checked with the workbook; "" for none.
	Text     string
	Findings []Finding
	// Made is what the workbook's document properties say of the pack
	// that made it (all empty for a workbook typed by hand).
	Made Stamp
}

// Count returns the number of findings of a severity.
func (r *Report) Count(severity string) int {
	n := 0
	for _, f := range r.Findings {
		if f.Severity == severity {
			n++
		}
	}
	return n
}

// Options say where to find template packs, the 情况说明 and the prior year.
type Options struct {
	// Templates is a pack folder (it holds pack.toml), or a folder of packs
	// in which the workbook's document property names its pack.
	Templates string
	// Limits bound the reading of the workbook (zero: the defaults).
	Limits workbook.Limits
	// Builtin holds the packs built into the program, used when Templates
	// has no pack of the workbook's id (see pack.Library); nil for none.
	Builtin     fs.FS
	BuiltinName string
	// Explain is the 情况说明 (.docx or text) to check with the workbook;
	// "" checks the one beside it (TextBeside), if any.
	Explain string
	// Prior is the prior year's dataset folder: its figures check the
	// changes the text states and the workbook's prior year's columns.
	Prior string
}

// library is where the options find template packs.
func (o Options) library() pack.Library {
	return pack.Library{Dir: o.Templates, Builtin: o.Builtin, BuiltinName: o.BuiltinName}
}

// File checks the workbook at path. The error is for a file that cannot
// be read or whose pack cannot be found; everything else is a finding.
func File(path string, opt Options) (*Report, error) {
	wb, err := workbook.ReadLimited(path, opt.Limits)
	if err != nil {
		return nil, err
	}
	p, err := extract.FindPack(wb, path, opt.library())
	if err != nil {
		return nil, err
	}
	return check(path, wb, p, opt)
}

// SeverityText is severity s in words of language l, as reports print it
// (ERROR in English, to stand out among the warnings and notes).
func SeverityText(l msg.Lang, s string) string {
	switch s {
	case Error:
		return msg.T(l, "ERROR")
	case Warning:
		return msg.T(l, "warning")
	}
	return msg.T(l, "note")
}

// Written is the check of a workbook that fill writes to Path: its Check,
// given as fill.Options.Check, reads the temporary file back and checks it
// as verify would check it at Path, so that the verdict is verify's on the
// bytes written; Report holds the result once fill has run.
type Written struct {
	Path   string
	Pack   *pack.Pack
	Report *Report
}

// Check reads and checks the temporary file tmp (see Written).
func (w *Written) Check(tmp string) error {
	wb, err := workbook.Read(tmp)
	if err != nil {
		return err
	}
	w.Report, err = Book(w.Path, wb, w.Pack)
	return err
}

// Book checks a read workbook against pack p.
func Book(path string, wb *workbook.Book, p *pack.Pack) (*Report, error) {
	return check(path, wb, p, Options{})
}

func check(path string, wb *workbook.Book, p *pack.Pack, opt Options) (*Report, error) {
	c := &checker{wb: wb, p: p, report: &Report{File: path, Pack: p, Made: stampOf(wb)}, opt: opt}
	c.report.Unit = c.unit()
	text := opt.Explain
	if text == "" {
		text = TextBeside(path)
	}
	var lines []string
	if text != "" {
		var err error
		if lines, err = ReadText(text); err != nil {
			return nil, err
		}
		c.textName, c.textLines = text, lines
	}
	if err := c.run(); err != nil {
		return nil, err
	}
	if text != "" && c.expect != nil {
		c.checkText(lines, c.prior)
	}
	c.sortFindings()
	c.report.Text = text
	c.report.detach()
	return c.report, nil
}

// detach gives the report strings of its own: the workbook reader cuts a
// cell's value and reference out of its sheet's XML, and a finding that
// kept such a piece would keep the whole part in memory for as long as
// the report lives (a district's run keeps the reports of all its files).
func (r *Report) detach() {
	for i := range r.Findings {
		f := &r.Findings[i]
		f.Sheet, f.Cell, f.Text, f.Excerpt = strings.Clone(f.Sheet), strings.Clone(f.Cell), strings.Clone(f.Text), strings.Clone(f.Excerpt)
		f.Expected, f.Found, f.ZH, f.EN = strings.Clone(f.Expected), strings.Clone(f.Found), strings.Clone(f.ZH), strings.Clone(f.EN)
	}
	u := &r.Unit
	u.Pack, u.Name, u.Code, u.Department = strings.Clone(u.Pack), strings.Clone(u.Name), strings.Clone(u.Code), strings.Clone(u.Department)
	u.AmountUnit, u.Note, u.Prior, u.Variant = strings.Clone(u.AmountUnit), strings.Clone(u.Note), strings.Clone(u.Prior), strings.Clone(u.Variant)
	r.Made = Stamp{Pack: strings.Clone(r.Made.Pack), Version: strings.Clone(r.Made.Version), Hash: strings.Clone(r.Made.Hash)}
}

// checker holds the state of one check.
type checker struct {
	wb     *workbook.Book
	p      *pack.Pack
	report *Report
	found  map[string]*extract.Found // by table id
	data   *dataset.Dataset          // what extract read
	expect *plan.Book
	// moved lists the sheets whose rows differ from the templates; formulas
	// that refer into them are not compared. cells are the comparisons
	// waiting until every sheet's rows are known.
	moved  map[string]bool
	cells  []func()
	values *values
	// bad holds the amount cells that extract cannot read, reported once
	// at the cell and not again by the checks they upset.
	bad map[place]bool
	opt Options
	// prior is the prior year's dataset (Options.Prior); textName the text,
	// textLines its paragraphs.
	prior     *dataset.Prior
	textName  string
	textLines []string
	// codes lists the codes found in each table (by id), for the rules
	// over all its codes (see tableCodes).
	codes map[string][]string
}

// place is a cell of a sheet: its sheet's name and its A1 name. A map
// keyed by it is looked up without joining the two.
type place struct{ sheet, cell string }

// finding records a finding; format is an English message with a Chinese translation.
func (c *checker) finding(severity, rule, sheet, cell, expected, found, format string, args ...any) {
	c.report.Findings = append(c.report.Findings, Finding{
		Severity: severity, Rule: rule, Sheet: sheet, Cell: cell, Expected: expected, Found: found,
		ZH: msg.T(msg.ZH, format, args...), EN: msg.T(msg.EN, format, args...),
	})
}

// unit tells who the workbook is for: from its document properties, else
// from the first table's title. Amounts are read as they stand, in 万元.
func (c *checker) unit() dataset.Unit {
	u, _ := extract.Unit(c.wb, c.p) // what the properties do not say, a report does not need
	u.AmountUnit = dataset.TenKYuan // cells hold 万元; verify reads them as they stand
	return u
}

// run runs the checks; the error is for a prior year's dataset that
// cannot be read.
func (c *checker) run() error {
	d, found := extract.Read(c.wb, c.p, c.report.Unit)
	d.Dir = c.report.File
	c.data = d
	if c.opt.Prior != "" {
		prior, err := dataset.OpenPrior(d, c.p, c.opt.Prior, c.opt.library())
		if err != nil {
			return err
		}
		c.prior, d.Prior = prior, prior
	}
	c.found = map[string]*extract.Found{}
	c.bad = map[place]bool{}
	for _, f := range found {
		c.found[f.Table.ID] = f
		for _, p := range f.Problems {
			c.bad[place{p.Sheet, p.Cell}] = true
		}
	}
	c.checkSheets()
	c.checkHidden()
	expect, err := plan.BuildContent(c.p, d) // verify compares no print layout
	if err != nil {
		c.finding(Error, "structure.plan", "", "", "", "", "the workbook's rows cannot be laid out by the templates: %v", err)
		return nil
	}
	c.expect = expect
	for _, pc := range expect.PriorConflicts {
		c.finding(Error, "prior.column", pc.Sheet, pc.Cell, money(pc.Prior), money(pc.Given), "%s: %s, but the prior year's dataset gives %s", pc.Label(), money(pc.Given), money(pc.Prior))
	}
	c.values = c.evaluate()
	for _, t := range c.p.Tables {
		f := c.found[t.ID]
		switch {
		case f.Sheet == nil:
		case t.Kind == pack.KindForm:
			c.checkForm(t, f, expect.Sheet(t.Sheet))
		default:
			c.checkTable(t, f, expect.Sheet(t.Sheet))
		}
	}
	for _, check := range c.cells {
		check()
	}
	for _, t := range c.p.Tables {
		c.checkStray(t, c.found[t.ID], expect.Sheet(t.Sheet))
	}
	for _, t := range c.p.Tables {
		c.checkInputs(t, c.found[t.ID])
	}
	c.checkRules()
	c.checkProtection()
	c.checkStamp()
	return nil
}

// checkSheets reports missing and extra sheets.
func (c *checker) checkSheets() {
	known := map[string]bool{}
	for _, t := range c.p.Tables {
		known[t.Sheet] = true
		if c.found[t.ID].Sheet == nil {
			c.finding(Error, "structure.sheet-missing", t.Sheet, "", t.Sheet, "", "sheet %s of table %s is missing (was it renamed?)", t.Sheet, t.ID)
		}
	}
	known[plan.PublishedSheet] = true // fill's hidden sheet of published figures
	for _, s := range c.wb.Sheets {
		if !known[s.Name] {
			c.finding(Warning, "structure.sheet-extra", s.Name, "", "", s.Name, "sheet %s is not part of template pack %s", s.Name, c.p.ID)
		}
	}
}

// money formats an amount for findings.
func money(d decimal.Decimal) string { return plan.Money(d) }

// sortFindings groups findings by sheet in workbook order (findings about
// the whole workbook last), then orders them by row, column and rule.
func (c *checker) sortFindings() {
	order := map[string]int{}
	for i, s := range c.wb.Sheets {
		order[s.Name] = i
	}
	rank := func(f Finding) int {
		if i, ok := order[f.Sheet]; ok {
			return i
		}
		switch {
		case f.Text != "":
			return len(order) + 2 // the 情况说明
		case f.Sheet != "":
			return len(order) // a missing sheet
		}
		return len(order) + 1 // the workbook
	}
	fs := c.report.Findings
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra < rb
		}
		if a.Paragraph != b.Paragraph {
			return a.Paragraph < b.Paragraph
		}
		ac, ar := splitRef(a.Cell)
		bc, br := splitRef(b.Cell)
		if ar != br {
			return ar < br
		}
		if ac != bc {
			return ac < bc
		}
		return a.Rule < b.Rule
	})
}

// splitRef splits "AB12" into column number and row.
func splitRef(ref string) (int, int) {
	col, row, err := pack.ParseCell(ref)
	if err != nil {
		return 0, 0
	}
	return col, row
}
