package web

import (
	"net/http"
	"strconv"
	"strings"

	"budgetxl/dataset"
	"budgetxl/msg"
	"budgetxl/pack"
	"budgetxl/plan"
)

func (s *Server) templatesPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, "templates", "templates", s.packOptions(s.lang(r)))
}

// packView is one pack's page.
type packView struct {
	Pack packOption
	// Lineage names the pack and the packs it extends with their
	// versions, for a pack made from another; "" otherwise.
	Lineage string
	Tables  []tableView
	Rules   []ruleView
	// Problems are why the pack cannot be loaded, one a line.
	Problems []string
}

// tableView is one table of a pack: its header as it prints, its columns
// and rows, or a form's grid.
type tableView struct {
	ID, Sheet, Title, Units, Orientation, EmptyNote string
	Form                                            bool
	Header                                          []rowView // title, units line and header rows as the plan lays them out
	Sides                                           []sideView
	Grid                                            [][]string // a form's rows as written ("<" and "^" merge)
	Fields                                          []fieldView
}

type sideView struct {
	Columns []columnView
	Rows    []string // the rows, in words
}

type columnView struct{ Letter, Key, Kind, Rule string }

type fieldView struct{ Key, Label, Kind, Rule string }

// ruleView is one review rule; Terms are its condition and tolerance, in
// words, when it has them.
type ruleView struct{ ID, Severity, Check, Terms, Message string }

// templatesPack shows one pack's tables and rules.
func (s *Server) templatesPack(w http.ResponseWriter, r *http.Request) {
	l := s.lang(r)
	id := r.PathValue("pack")
	var opt *packOption
	for _, o := range s.packOptions(l) {
		if o.ID == id {
			opt = &o
			break
		}
	}
	if opt == nil {
		s.notFound(w, r)
		return
	}
	v := packView{Pack: *opt}
	e, _ := s.opt.Packs.Lookup(id)
	p, err := e.Load()
	if err != nil {
		for _, one := range msg.Split(err) {
			v.Problems = append(v.Problems, msg.Render(l, one))
		}
		s.render(w, r, "pack", "templates", v)
		return
	}
	if p.Base != nil {
		v.Lineage = p.Lineage()
	}
	// The tables laid out for a unit with no rows: their titles, units
	// lines and headers as they print.
	sample := &dataset.Dataset{Unit: dataset.Unit{Pack: p.ID, Name: msg.T(l, "(unit)"), Year: p.Year, AmountUnit: dataset.TenKYuan},
		Tables: map[string]*dataset.Table{}, Forms: map[string]*dataset.Form{}}
	book, _ := plan.Build(p, sample) // without one, the tables show no printed header
	for _, t := range p.Tables {
		tv := tableView{ID: t.ID, Sheet: t.Sheet, Title: t.Title, Units: t.Units, Orientation: orientation(l, t.Orientation), EmptyNote: t.EmptyNote, Form: t.Kind == pack.KindForm}
		if book != nil && !tv.Form {
			if sh := book.Sheet(t.Sheet); sh != nil {
				tv.Header = headerRows(sh)
			}
		}
		if tv.Form {
			for _, row := range t.Form.Rows {
				cells := append([]string(nil), row.Cells...)
				if row.List != "" {
					cells = append(cells, msg.T(l, "(one row per item of %s)", row.List))
				}
				tv.Grid = append(tv.Grid, cells)
			}
			for _, fd := range allFields(t) {
				tv.Fields = append(tv.Fields, fieldView{Key: fd.Key, Label: fd.Label, Kind: fd.Kind, Rule: fieldRule(l, fd)})
			}
		}
		col := 1
		for _, sd := range t.Sides {
			var sv sideView
			for _, c := range sd.Columns {
				sv.Columns = append(sv.Columns, columnView{Letter: pack.ColumnName(col), Key: c.Key, Kind: c.Kind, Rule: columnRule(l, c)})
				col++
			}
			for _, rw := range append(append([]*pack.Row(nil), sd.Rows...), sd.Foot...) {
				sv.Rows = append(sv.Rows, rowText(l, rw))
			}
			tv.Sides = append(tv.Sides, sv)
		}
		v.Tables = append(v.Tables, tv)
	}
	for _, ru := range p.Rules {
		text := ru.Message
		if l == msg.EN && ru.MessageEN != "" {
			text = ru.MessageEN
		}
		sev := ru.Severity
		if sev == "" {
			sev = pack.SeverityError
		}
		var terms []string
		if ru.When != "" {
			terms = append(terms, msg.T(l, "only when %s", ru.When))
		}
		if ru.Tolerance != "" {
			terms = append(terms, msg.T(l, "tolerance ±%s", ru.Tolerance))
		}
		v.Rules = append(v.Rules, ruleView{ID: ru.ID, Severity: severityText(l, sev), Check: ru.Check, Terms: strings.Join(terms, msg.T(l, ", ")), Message: text})
	}
	s.render(w, r, "pack", "templates", v)
}

// columnRule says what a column holds beyond its kind: its formula, the
// cell it refers to or the prior year's figure it is, the cell it must
// equal, and the level of the code it shows.
func columnRule(l msg.Lang, c *pack.Column) string {
	var parts []string
	switch {
	case c.Ref != "":
		parts = append(parts, msg.T(l, "refers to %s", c.Ref))
	case c.Prior != "":
		parts = append(parts, msg.T(l, "the prior year's %s", c.Prior))
	case c.Formula != "":
		parts = append(parts, c.Formula)
	}
	if c.Equals != "" {
		parts = append(parts, msg.T(l, "must equal %s", c.Equals))
	}
	if c.Level > 0 {
		parts = append(parts, msg.T(l, "level %d of the code", c.Level))
	}
	return strings.Join(parts, msg.T(l, ", "))
}

// orientation names a table's page orientation.
func orientation(l msg.Lang, o string) string {
	switch o {
	case "landscape":
		return msg.T(l, "landscape")
	case "portrait":
		return msg.T(l, "portrait")
	}
	return o
}

// headerRows are the rows of a planned sheet above its data: the title,
// the units line and the header, with their merges.
func headerRows(sh *plan.Sheet) []rowView {
	last := sh.DataFirst - 1
	if last <= 0 || last > len(sh.Rows) {
		return nil
	}
	cols := 0
	for _, row := range sh.Rows[:last] {
		cols = max(cols, len(row))
	}
	covered := map[[2]int]bool{}
	spans := map[[2]int][2]int{}
	for _, m := range sh.Merges {
		if m.Row1 > last {
			continue
		}
		spans[[2]int{m.Row1, m.Col1}] = [2]int{min(m.Row2, last) - m.Row1 + 1, m.Col2 - m.Col1 + 1}
		for r := m.Row1; r <= min(m.Row2, last); r++ {
			for c := m.Col1; c <= m.Col2; c++ {
				if r != m.Row1 || c != m.Col1 {
					covered[[2]int{r, c}] = true
				}
			}
		}
	}
	var out []rowView
	for r := 1; r <= last; r++ {
		rv := rowView{Number: r}
		for c := 1; c <= cols; c++ {
			if covered[[2]int{r, c}] {
				continue
			}
			cv := cellView{RowSpan: 1, ColSpan: 1}
			if sp, ok := spans[[2]int{r, c}]; ok {
				cv.RowSpan, cv.ColSpan = sp[0], sp[1]
			}
			if cell := sh.Cell(c, r); cell != nil {
				cv.Text = cell.Text
			}
			rv.Cells = append(rv.Cells, cv)
		}
		out = append(out, rv)
	}
	return out
}

// rowText says what a row entry of a side is.
func rowText(l msg.Lang, r *pack.Row) string {
	switch {
	case r.IsTree():
		levels := make([]string, len(r.Levels))
		for i, n := range r.Levels {
			levels[i] = strconv.Itoa(n)
		}
		text := msg.T(l, "the codes of catalog %s (%s digits) that the unit uses, their parents added", r.Tree, strings.Join(levels, "/"))
		if len(r.Ordinals) > 0 {
			quoted := make([]string, len(r.Ordinals))
			for i, o := range r.Ordinals {
				quoted[i] = strconv.Quote(o)
			}
			text += msg.T(l, ", names numbered %s", strings.Join(quoted, " "))
		}
		return text
	case r.Blank:
		return msg.T(l, "a blank row")
	case r.Formula == "tree":
		return msg.T(l, "%s %s = the sum of the tree's top rows", r.Key, r.Label)
	case r.Formula != "":
		return msg.T(l, "%s %s = %s", r.Key, r.Label, r.Formula)
	}
	return msg.T(l, "%s %s (typed in)", r.Key, r.Label)
}

// allFields are a form's fields, its lists' fields after its own.
func allFields(t *pack.Table) []*pack.Field {
	out := append([]*pack.Field(nil), t.Form.Fields...)
	for _, li := range t.Form.Lists {
		out = append(out, li.Fields...)
	}
	return out
}

// fieldRule says what a form's field must hold.
func fieldRule(l msg.Lang, f *pack.Field) string {
	var parts []string
	if f.Required {
		parts = append(parts, msg.T(l, "required"))
	}
	if f.Formula != "" {
		parts = append(parts, "= "+f.Formula)
	}
	if len(f.Choices) > 0 {
		parts = append(parts, msg.T(l, "one of %s", strings.Join(f.Choices, " ")))
	}
	if f.Max != "" {
		parts = append(parts, msg.T(l, "at most %s", f.Max))
	}
	if f.Whole {
		parts = append(parts, msg.T(l, "whole numbers"))
	}
	return strings.Join(parts, msg.T(l, ", "))
}
