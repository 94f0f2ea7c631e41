// Package explain drafts a unit's 收支预算情况说明 (the text published
// beside the budget tables) from its planned workbook and the prior year's,
// in the words of the pack's sentence templates, and reads a received text
// back by the same templates so that verify can check it.
//
// Every figure comes from a plan cell (by table, row key and column key) or
// from a fact of the dataset's explain.toml; differences, rates and shares
// are computed in decimal and rounded as the pack says. It computes no
// table sums of its own, writes no files and judges nothing: cli writes the
// draft (package docx for .docx), verify judges what a text states.
package explain

import (
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"budgetxl/dataset"
	"budgetxl/pack"
	"budgetxl/plan"
)

// Input is what a draft is made from.
type Input struct {
	Pack *pack.Pack
	// Book is this year's plan; Book.Prior is the prior year's, nil when
	// there is none (every change is then a slot, or not checked).
	Book *plan.Book
	Unit dataset.Unit
	// Facts are this year's facts of explain.toml; nil when they are not
	// known (verify reads a workbook): a fact then matches any text.
	Facts *Facts
	// PriorFacts are the prior year's facts; nil when not known.
	PriorFacts *Facts
}

// Facts are a dataset's facts with the shift of its amount unit to 万元.
type Facts struct {
	Values map[string]dataset.Fact
	Shift  int32
}

// FromDataset is the Input of dataset d, planned as book with pack p.
func FromDataset(p *pack.Pack, book *plan.Book, d *dataset.Dataset) Input {
	in := Input{Pack: p, Book: book, Unit: d.Unit, Facts: &Facts{Values: d.Facts, Shift: d.Scale()}}
	if d.Prior != nil {
		in.PriorFacts = &Facts{Values: d.Prior.Data.Facts, Shift: d.Prior.Data.Scale()}
	}
	return in
}

// Doc is a drafted text: its title and blocks in order.
type Doc struct {
	Title  string
	Blocks []*Block
	Style  pack.TextStyle
}

// Block is a paragraph (a heading or body text) or a table.
type Block struct {
	Style string  // pack.StyleHeading1, StyleHeading2, StyleBody or StyleTable; "title" for the title
	Segs  []Seg   // a paragraph's text
	Rows  [][]Seg // a table's rows, cells joined by tabs
}

// Style of the title block.
const StyleTitle = "title"

// SegKind is what a piece of a drafted paragraph is.
type SegKind int

// Segment kinds.
const (
	Lit     SegKind = iota // literal text of the template
	Figure                 // a number: an amount, a rate, a share, a count
	Change                 // a change phrase, with its figures and its reason
	Free                   // text the clerk may write: a text fact, a missing fact's slot
	Ordinal                // an item's number ({n}): a clerk may renumber, it is not checked
)

// Seg is a piece of a drafted paragraph.
type Seg struct {
	Kind SegKind
	Text string // what the draft writes
	// Figure: the exact value in the text's unit (or percent), the other
	// values a careful clerk may write (from rounded amounts), and whether
	// it is known at all (a fact or a prior year's figure may not be).
	Value decimal.Decimal
	Alt   []decimal.Decimal
	Known bool
	// What names the figure for messages: "附件4-2 208 社会保障和就业支出 · 小计".
	What string
	// Percent: a rate or share, written before "%".
	Percent bool
	// Change is the change a Change segment says.
	Change *Delta
}

// Delta is a change against the prior year.
type Delta struct {
	Known bool   // the prior year's figure is known
	Dir   string // DirUp, DirDown, DirSame or DirNew
	// Diff is this year's less the prior year's, Rate the change in percent
	// (RateKnown false when the prior year's figure is zero), each with the
	// values computed from rounded amounts.
	Diff, Rate       decimal.Decimal
	DiffAlt, RateAlt []decimal.Decimal
	RateKnown        bool
	NeedsReason      bool
	What             string
}

// Directions of a change.
const (
	DirUp   = "up"
	DirDown = "down"
	DirSame = "same"
	DirNew  = "new"
)

// Text is the paragraph's text as drafted.
func (b *Block) Text() string { return segText(b.Segs) }

// Line is a line of the draft as a text file has it: a paragraph, or a
// table row with its cells joined by tabs.
type Line struct {
	Style string // the block's style
	Segs  []Seg
}

// Text is the line's text as drafted.
func (l Line) Text() string { return segText(l.Segs) }

// Lines are the draft's lines: the title, each paragraph, each table row.
func (d *Doc) Lines() []Line {
	out := []Line{{Style: StyleTitle, Segs: []Seg{{Kind: Lit, Text: d.Title}}}}
	for _, b := range d.Blocks {
		if b.Style == pack.StyleTable {
			for _, r := range b.Rows {
				out = append(out, Line{Style: b.Style, Segs: r})
			}
			continue
		}
		out = append(out, Line{Style: b.Style, Segs: b.Segs})
	}
	return out
}

// Text writes the draft as plain text, one line a paragraph or table row.
func (d *Doc) Text() string {
	var b strings.Builder
	for _, l := range d.Lines() {
		b.WriteString(l.Text())
		b.WriteByte('\n')
	}
	return b.String()
}

// Slots counts the reason slots and the missing facts' slots of the draft.
func (d *Doc) Slots() (reasons, facts int) {
	for _, l := range d.Lines() {
		for _, s := range l.Segs {
			switch {
			case s.Kind == Change && s.Change.Known && s.Change.NeedsReason:
				reasons++
			case s.Kind == Free && !s.Known:
				facts++
			}
		}
	}
	return reasons, facts
}

// Unknown lists what the draft leaves as slots besides reasons: the
// labels of the facts the dataset does not give, each once, and the number
// of the prior year's figures it does not know (no prior year's dataset).
func (d *Doc) Unknown() (facts []string, priorFigures int) {
	seen := map[string]bool{}
	for _, l := range d.Lines() {
		for _, s := range l.Segs {
			switch {
			case s.Kind == Free && !s.Known && !seen[s.What]:
				seen[s.What] = true
				facts = append(facts, s.What)
			case s.Kind == Figure && !s.Known:
				priorFigures++
			}
		}
	}
	return facts, priorFigures
}

// Changes counts the changes the draft says, and how many of them are known.
func (d *Doc) Changes() (all, known int) {
	for _, l := range d.Lines() {
		for _, s := range l.Segs {
			if s.Kind == Change {
				all++
				if s.Change.Known {
					known++
				}
			}
		}
	}
	return all, known
}

func segText(segs []Seg) string {
	var b strings.Builder
	for _, s := range segs {
		b.WriteString(s.Text)
	}
	return b.String()
}

// Draft drafts the 情况说明 of in. The pack must have explain templates.
func Draft(in Input) *Doc {
	e := in.Pack.Explain
	dr := newDrafter(in)
	doc := &Doc{Style: e.Style}
	doc.Title = segText(dr.sentence(e.TitleText, nil))
	for _, pg := range e.Paragraphs {
		if !dr.keep(pg) {
			continue
		}
		switch {
		case pg.Style == pack.StyleTable:
			blk := &Block{Style: pack.StyleTable}
			for _, row := range pg.Cells {
				var segs []Seg
				for i, cell := range row {
					if i > 0 {
						segs = append(segs, Seg{Kind: Lit, Text: "\t"})
					}
					segs = append(segs, dr.sentence(cell, nil)...)
				}
				blk.Rows = append(blk.Rows, segs)
			}
			doc.Blocks = append(doc.Blocks, blk)
		case pg.Each == pack.GlossaryList:
			for i, g := range e.Glossary {
				it := &item{n: i + 1, term: g.Term, meaning: g.Meaning}
				doc.Blocks = append(doc.Blocks, &Block{Style: pg.Style, Segs: dr.sentence(pg.Sentence, it)})
			}
		case pg.Each != "":
			l := e.List(pg.Each)
			items := dr.items(l, pg.Sentence)
			for _, it := range items {
				doc.Blocks = append(doc.Blocks, &Block{Style: pg.Style, Segs: dr.sentence(pg.Sentence, it)})
			}
			if len(items) == 0 && l.Empty != "" {
				doc.Blocks = append(doc.Blocks, &Block{Style: pg.Style, Segs: []Seg{{Kind: Lit, Text: dr.names(l.Empty, nil)}}})
			}
		default:
			doc.Blocks = append(doc.Blocks, &Block{Style: pg.Style, Segs: dr.sentence(pg.Sentence, nil)})
		}
	}
	return doc
}

// names substitutes the plain placeholders of a literal text.
func (dr *drafter) names(s string, it *item) string {
	p, err := pack.ParseSentence(s)
	if err != nil {
		return s
	}
	return segText(dr.sentence(p, it))
}

// plain is the text of a plain placeholder.
func (dr *drafter) plain(name string, it *item) string {
	u := dr.in.Unit
	switch name {
	case "unit":
		return u.Name
	case "year":
		return strconv.Itoa(u.Year)
	case "prior_year":
		return strconv.Itoa(u.Year - 1)
	case "department":
		return u.Department
	case "unit_code":
		return u.Code
	}
	if it == nil {
		return ""
	}
	switch name {
	case "name":
		return it.name
	case "code":
		return it.code
	case "path":
		return it.path
	case "term":
		return it.term
	case "meaning":
		return it.meaning
	}
	return ""
}
