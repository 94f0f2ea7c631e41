// Package pdftext reads published budget tables back into a dataset: the
// text a PDF extractor gives of them (one table row a line, cells separated
// by tabs: titles, 单位 lines, header rows, data rows, project blocks), read
// in the layout of a template pack. Each table is known by its title, each
// budget row by its code, its label or its place, each form field by the
// label before it or by its column.
//
// It undoes what extraction does to a table: LaTeX operators (\geq),
// thousands separators, blank lines and rules of dashes, header rows and
// titles repeated on a new page, a row broken across a page, a row that
// lost its leading empty cells, half-width brackets in labels, a label and
// its text in one cell. It lists every line it cannot place, with why.
//
// It keeps the published text as it is (misspelt names, repeated rows,
// mixed brackets): it neither corrects nor judges values, and writes no
// files; dataset.Write does.
package pdftext

import (
	"errors"
	"regexp"
	"sort"
	"strings"

	"budgetxl/dataset"
	"budgetxl/msg"
	"budgetxl/pack"
)

// Options are the facts of unit.toml that published tables may not give.
// An option that is set wins over the text.
type Options struct {
	Name       string // 单位名称; default: the titles
	Code       string // 单位编码; published tables do not give it
	Department string // 主管部门; default: a form's department field (预算部门)
}

// Unplaced is a non-empty line that is neither a title, a units line, a
// header or data row, nor known boilerplate.
type Unplaced struct {
	Line int    // 1-based
	Text string // the line as read
	Why  *msg.Error
}

// Parse reads text in the layout of pack p. It returns the dataset found
// (every table whose title it saw, and unit.toml's facts from the titles,
// the units lines and opt) and the lines it could not place, in order. The
// error is set when no line is the title of a table of the pack, when
// neither the titles nor opt name the unit, or when the amounts of a table
// cannot be read because their unit is not known (no units line above
// them, or one that names neither 元 nor 万元): each a *LineError.
func Parse(text string, p *pack.Pack, opt Options) (*dataset.Dataset, []Unplaced, error) {
	ps := &parser{
		p:        p,
		lines:    split(text),
		tables:   map[string]*table{},
		done:     map[int]bool{},
		unitless: map[*table]bool{},
		prev:     -1,
		d:        &dataset.Dataset{Tables: map[string]*dataset.Table{}, Forms: map[string]*dataset.Form{}},
	}
	ps.run()
	for _, ts := range ps.tables {
		if ts.empty && ts.td != nil {
			kept := ts.td.Rows[:0]
			for _, r := range ts.td.Rows {
				if r.HasValues() {
					kept = append(kept, r)
				} else {
					delete(ts.td.ByKey, r.Key)
				}
			}
			ts.td.Rows = kept
		}
	}
	if len(ps.tables) == 0 {
		return nil, ps.out, msg.Errorf("no line is the title of a table of pack %s (such as %q)", p.ID, p.Tables[0].Title)
	}
	sort.SliceStable(ps.out, func(i, j int) bool { return ps.out[i].Line < ps.out[j].Line })
	if len(ps.stop) > 0 {
		return nil, ps.out, errors.Join(ps.stop...)
	}
	u := dataset.Unit{Pack: p.ID, Name: ps.name, Code: ps.code, Department: ps.department, Year: ps.year, AmountUnit: ps.amountUnit, Variant: ps.variant}
	if u.Variant == "" && len(p.Variants) > 0 {
		u.Variant = p.Variants[0] // no title says: as the dataset reader takes it
	}
	if u.Department == "" {
		u.Department = ps.formDepartment()
	}
	if u.Year == 0 {
		u.Year = p.Year
	}
	if u.AmountUnit == "" {
		u.AmountUnit = dataset.TenKYuan // no budget table has a units line, nor amounts
	}
	for _, s := range []struct {
		to   *string
		from string
	}{{&u.Name, opt.Name}, {&u.Code, opt.Code}, {&u.Department, opt.Department}} {
		if s.from != "" {
			*s.to = s.from
		}
	}
	if u.Name == "" {
		return nil, ps.out, msg.Errorf("the titles do not name the unit: give its name with --name")
	}
	ps.d.Unit = u
	return ps.d, ps.out, nil
}

// parser reads the lines in order; the current table is the one whose
// title came last.
type parser struct {
	p     *pack.Pack
	lines []line
	d     *dataset.Dataset
	out   []Unplaced

	tables map[string]*table // by table id, once its title was seen
	cur    *table            // nil before the first title
	// lost is the line of a title that cannot be used (no table of the
	// pack, another unit): the lines under it are not placed.
	lost int

	name, code, department string
	variant                string // of the titles: 部门 or 单位 (pack.Pack.Variants)
	nameLine               int
	year, yearLine         int
	amountUnit             string // of the dataset: the first budget table's

	done map[int]bool // lines read together with the line before
	prev int          // the last data line before this one, -1 if none

	// stop lists the problems that keep the import from giving a dataset:
	// amounts whose unit is not known, each table once (unitless).
	stop     []error
	unitless map[*table]bool
}

// LineError is a problem of one line that stops the import.
type LineError struct {
	Line int // 1-based
	Why  *msg.Error
}

// Error renders the problem in English, with its line.
func (e *LineError) Error() string { return e.In(msg.EN) }

// In renders the problem in language l: "line 7: ...".
func (e *LineError) In(l msg.Lang) string { return msg.T(l, "line %d: %v", e.Line, e.Why) }

// table is a table whose title was seen, and how far it was read.
type table struct {
	t    *pack.Table
	unit string // the amount unit of its units line, "" before one

	// A budget table.
	lay  *pack.Layout
	td   *dataset.Table
	used map[*pack.Row]bool // its fixed rows found

	// A form.
	form *formLayout
	f    *dataset.Form
	rec  *dataset.Record
	pos  int            // the form row last found
	set  map[string]int // the current record's fields found, and where
	last string         // the text field the last line ended with

	lastLine int // the index of the last line placed, -1 if none
	// inHeader reports that no data row was placed since the table's title
	// or a header row: a line may still be part of the header.
	inHeader bool
	// empty reports that the table's empty note was seen: the rows above
	// it (empty_rows: an empty 合计) carry nothing.
	empty bool
}

// run reads the lines in order, each as a title, a units line, a header,
// boilerplate or data, and notes the lines it cannot place.
func (ps *parser) run() {
	for i := 0; i < len(ps.lines); i++ {
		l := ps.lines[i]
		if ps.done[i] || len(l.cells) == 0 || l.dashes() {
			continue
		}
		if us, ok := l.units(); ok {
			ps.units(l, us)
			continue
		}
		if s, ok := l.only(); ok && ps.single(l, s) {
			continue
		}
		switch {
		case ps.lost > 0:
			ps.unplaced(l, msg.Errorf("follows the title on line %d, which was not read", ps.lost))
		case ps.cur == nil:
			ps.unplaced(l, msg.Errorf("is above the first table title"))
		case ps.cur.lay != nil && ps.isHeader(l):
			ps.cur.inHeader = true
		case ps.cur.lay != nil && ps.cur.inHeader && ps.headerPart(l):
		default:
			ps.data(i)
			ps.prev = i
		}
	}
}

// single handles a line of one cell that is not data: a title, a units
// line, boilerplate, a table's empty note. It reports whether it did.
func (ps *parser) single(l line, s string) bool {
	if ps.title(l, s) {
		return true
	}
	if boilerplate(s) {
		return true
	}
	for _, t := range ps.p.Tables {
		if same(t.Sheet, s) {
			return true // 附件4-5 above its table
		}
	}
	if ps.cur != nil && ps.lost == 0 && ps.cur.t.EmptyNote != "" {
		if _, ok := compile(ps.cur.t.EmptyNote).Match(s); ok {
			ps.cur.empty = true
			return true
		}
	}
	if maybeTitle(s) && !ps.continuesText(l.n-1) {
		ps.unplaced(l, msg.Errorf("matches no title of pack %s", ps.p.ID))
		ps.lost = l.n
		return true
	}
	return false
}

// units reads a units line: the amount unit of the current table's
// amounts below it, the one of units. A unit other than 元 and 万元, or two
// units on the line, stops the import: the table's amounts cannot be read.
func (ps *parser) units(l line, units []string) {
	u := units[0]
	switch {
	case ps.lost > 0:
		ps.unplaced(l, msg.Errorf("follows the title on line %d, which was not read", ps.lost))
	case ps.cur == nil:
		ps.unplaced(l, msg.Errorf("is above the first table title"))
	case len(units) > 1:
		ps.unitless[ps.cur] = true
		ps.stop = append(ps.stop, &LineError{l.n, msg.Errorf("the units line of %s names %d units of amounts (%s): its amounts are in one of them; keep that one on the line", ps.cur.t.Sheet, len(units), strings.Join(units, "、"))})
	case u != dataset.Yuan && u != dataset.TenKYuan:
		ps.unitless[ps.cur] = true
		ps.stop = append(ps.stop, &LineError{l.n, msg.Errorf("the units line of %s names %q: its amounts can be read in 元 or 万元 only", ps.cur.t.Sheet, u)})
	default:
		ps.cur.unit = u
		if ps.cur.lay != nil && ps.amountUnit == "" {
			ps.amountUnit = u
		}
		ps.unitsLeft(l)
	}
}

// unitsLeft reads the left part of a units line of two (编制单位：{unit}),
// when the current table has one: the unit's name, as a title gives it.
func (ps *parser) unitsLeft(l line) {
	tpl := ps.cur.t.UnitsLeft
	if tpl == "" {
		return
	}
	for _, c := range l.cells {
		m, ok := compile(tpl).Match(c)
		if !ok {
			continue
		}
		name := m["unit"]
		switch {
		case name == "":
		case ps.name == "":
			ps.name, ps.nameLine = name, l.n
		case !same(ps.name, name):
			ps.unplaced(l, msg.Errorf("the units line names unit %q, but line %d names %q", name, ps.nameLine, ps.name))
		}
		if v := m["department"]; v != "" && ps.department == "" {
			ps.department = v
		}
		return
	}
}

// needUnit notes, at line n, amounts of table ts read before any units
// line of it: their unit is not known, and the import stops.
func (ps *parser) needUnit(ts *table, n int) {
	if ts.unit != "" || ps.unitless[ts] {
		return
	}
	ps.unitless[ts] = true
	want := ts.t.Units
	if want == "" {
		want = "单位：万元"
	}
	ps.stop = append(ps.stop, &LineError{n, msg.Errorf("the amounts of %s come before any units line (such as %s): their unit cannot be determined; give the table's units line as published", ts.t.Sheet, want)})
}

// title reads a line as the title of a table: the table the next lines
// belong to. Titles give the unit's name and the year, and must agree; a
// title without the name ({unit} empty, as 部门收支总表 printed above its
// table) names no unit. A title that disagrees gives nothing.
func (ps *parser) title(l line, s string) bool {
	best, m := ps.titleOf(s)
	if best == nil {
		return false
	}
	name := m["unit"]
	if name != "" && ps.name != "" && !same(ps.name, name) {
		ps.unplaced(l, msg.Errorf("the title names unit %q, but the title on line %d names %q", name, ps.nameLine, ps.name))
		ps.lost = l.n
		return true
	}
	if !ps.sameYear(l, yearOf(m)) {
		ps.lost = l.n
		return true
	}
	if name != "" && ps.name == "" {
		ps.name, ps.nameLine = name, l.n
	}
	if v := m["department"]; v != "" && ps.department == "" {
		ps.department = v
	}
	if v := m["variant"]; v != "" && ps.variant == "" {
		ps.variant = v
	}
	if v := m["unit_code"]; v != "" && ps.code == "" {
		ps.code = v
	}
	ps.lost = 0
	ts := ps.tables[best.ID]
	if ts == nil {
		ts = ps.newTable(best)
		ps.tables[best.ID] = ts
	}
	ps.cur = ts
	ts.inHeader = true
	return true
}

// sameYear checks a year that a title or a header row gives (0: none)
// against the first one found.
func (ps *parser) sameYear(l line, y int) bool {
	switch {
	case y == 0:
	case ps.year == 0:
		ps.year, ps.yearLine = y, l.n
	case y != ps.year:
		ps.unplaced(l, msg.Errorf("the year is %d, but line %d says %d", y, ps.yearLine, ps.year))
		return false
	}
	return true
}

// isHeader reports whether a line is a header row of the current budget
// table; a header of another year is reported.
func (ps *parser) isHeader(l line) bool {
	y, ok := ps.cur.header(l.cells)
	if ok {
		ps.sameYear(l, y)
	}
	return ok
}

// newTable starts table t in the dataset, on its first title: an empty
// budget table, or a form with its first record unless it repeats.
func (ps *parser) newTable(t *pack.Table) *table {
	ts := &table{t: t, pos: -1, lastLine: -1, set: map[string]int{}}
	if t.Kind == pack.KindForm {
		ts.form = newFormLayout(t)
		ts.f = &dataset.Form{File: t.ID + ".toml"}
		ps.d.Forms[t.ID] = ts.f
		if t.Repeat == "" {
			ps.record(ts, false)
		}
		return ts
	}
	ts.lay = t.Layout
	ts.used = map[*pack.Row]bool{}
	ts.td = &dataset.Table{File: t.ID + ".csv", ByKey: map[string]*dataset.Row{}}
	ps.d.Tables[t.ID] = ts.td
	return ts
}

// data places line i in the current table: alone; else together with the
// next line, as one row broken across a page; else, in a form, as the rest
// of the text the line before ended with; else alone again, not strictly
// (a code row without amounts, an item with an empty field). A line that
// cannot be placed but starts a record of a repeated form still starts it.
func (ps *parser) data(i int) {
	ts, l := ps.cur, ps.lines[i]
	fit := func(cells []string, strict bool) (func(), *msg.Error) {
		if ts.form != nil {
			f, err := ps.fitForm(ts, cells, strict)
			if err != nil {
				return nil, err
			}
			return func() {
				if err := ps.commitForm(ts, f, l.n); err != nil {
					ps.unplaced(l, err)
				}
			}, nil
		}
		pl, err := ps.fitRow(ts, cells, strict)
		if err != nil {
			return nil, err
		}
		return func() { ps.commitRow(ts, pl, l.n) }, nil
	}
	if commit, err := fit(l.cells, true); err == nil {
		commit()
		ts.lastLine = i
		return
	}
	if j := ps.next(i); j >= 0 {
		for _, cells := range rejoin(l.cells, ps.lines[j].cells) {
			if commit, err := fit(cells, true); err == nil {
				commit()
				ps.done[j] = true
				ts.lastLine = i
				return
			}
		}
	}
	if s, ok := l.only(); ok && ps.textOpen() && ps.appendText(ts, s) {
		ts.lastLine = i
		return
	}
	commit, err := fit(l.cells, false)
	if err == nil {
		commit()
		ts.lastLine = i
		return
	}
	ps.unplaced(l, err)
	if ps.startsRecord(ts, l) {
		// The lines below belong to the next record (project), not
		// to the one before: start it, without the fields this line
		// would have given.
		ps.record(ts, true)
		ts.pos, ts.last = ts.form.start, ""
	}
}

// startsRecord reports whether line l, in a repeated form, begins with the
// label of the row that starts a record (项目名称).
func (ps *parser) startsRecord(ts *table, l line) bool {
	if ts.form == nil || ts.t.Repeat == "" || ts.form.start < 0 {
		return false
	}
	toks := ts.form.rows[ts.form.start].tokens
	first := nonEmpty(l.cells)
	return len(toks) > 0 && !toks[0].field && len(first) > 0 && (same(toks[0].text, first[0]) || cuts(toks[0].text, first[0]))
}

// textOpen reports whether the line before this one, in the current form,
// ended with a text field: a line of one cell may continue it.
func (ps *parser) textOpen() bool {
	ts := ps.cur
	return ts != nil && ps.lost == 0 && ts.form != nil && ts.last != "" && ts.lastLine >= 0 && ts.lastLine == ps.prev
}

// continuesText reports whether line i, one cell that looks like a title
// no template has (short, ending in 表), rather continues the text field
// the line before ended with: a page break cut "……按时填报各类统计" from
// "报表", and the line after it is a row of the current form again. A title
// of another table is followed by lines of that table, not of this one.
func (ps *parser) continuesText(i int) bool {
	if !ps.textOpen() {
		return false
	}
	j := ps.next(i)
	if j < 0 {
		return false
	}
	_, err := ps.fitForm(ps.cur, ps.lines[j].cells, true)
	return err == nil
}

// rejoin returns the ways to read the cells of a row broken across a page,
// a before the break and b after it, in the order to try them: the cell
// cut in two joined again ("其他人力资源和社会保障管理" + "事务支出"), then
// the cells side by side. An amount is not joined to a text: "基本工资"
// then "583.78", the empty cell before it lost, are two cells.
func rejoin(a, b []string) [][]string {
	last := a[len(a)-1]
	side := append(append([]string{}, a...), b...)
	if isAmount(b[0]) && !isAmount(last) {
		return [][]string{side}
	}
	joined := append(append(append([]string{}, a[:len(a)-1]...), last+b[0]), b[1:]...)
	return [][]string{joined, side}
}

// isAmount reports whether s reads as an amount.
func isAmount(s string) bool {
	_, ok, err := dataset.ParseAmount(s, 6)
	return ok && err == nil
}

// next returns the line that continues line i, a row broken across a page:
// the next line with cells that is not a rule, boilerplate, a units line,
// the current table's title again or one of its header rows. -1 when there
// is none, or when another table starts first.
func (ps *parser) next(i int) int {
	for j := i + 1; j < len(ps.lines); j++ {
		l := ps.lines[j]
		if len(l.cells) == 0 || l.dashes() {
			continue
		}
		if _, ok := l.units(); ok {
			continue
		}
		if s, ok := l.only(); ok {
			if boilerplate(s) {
				continue
			}
			switch t, _ := ps.titleOf(s); {
			case t == ps.cur.t:
				continue
			case t != nil || maybeTitle(s):
				return -1
			}
		}
		if _, ok := ps.cur.header(l.cells); ps.cur.lay != nil && ok {
			continue
		}
		return j
	}
	return -1
}

// titleOf returns the table whose title s is, or nil, and the texts of
// the title's placeholders. Of two titles that s matches, the one with
// more characters of its own is taken ({unit}部门收支总表 before {unit}收支总表).
func (ps *parser) titleOf(s string) (*pack.Table, map[string]string) {
	var best *pack.Table
	var m map[string]string
	for _, t := range ps.p.Tables {
		pt := compile(t.Title)
		got, ok := pt.Match(s)
		if ok && (best == nil || pt.Literal > compile(best.Title).Literal) {
			best, m = t, got
		}
	}
	return best, m
}

// shift is the power of ten from the amounts of a table's text (in the
// unit of its units line) to the dataset's: budget tables to the dataset's
// unit, forms to their template's units. Amounts before any units line
// are not shifted: needUnit stops the import.
func (ps *parser) shift(ts *table) int32 {
	to := ps.amountUnit
	if ts.lay == nil {
		to, _ = amountUnit(ts.t.Units)
	}
	if ts.unit == "" || to == "" {
		return 0
	}
	return decimals(ts.unit) - decimals(to)
}

// formDepartment is the unit's department as a form gives it: the field
// named department of a single-record form (预算部门), else of the first
// record of a repeated one (主管部门), without a leading code ("212-").
func (ps *parser) formDepartment() string {
	var found string
	for _, single := range []bool{true, false} {
		for _, t := range ps.p.Tables {
			f := ps.d.Forms[t.ID]
			if found != "" || f == nil || (t.Repeat == "") != single || len(f.Records) == 0 {
				continue
			}
			found = f.Records[0].Fields["department"].Text
		}
	}
	return strings.TrimSpace(leadingCode.ReplaceAllString(found, ""))
}

var leadingCode = regexp.MustCompile(`^\s*[0-9]+\s*[-－]\s*`)

// unplaced notes that line l cannot be placed, and why.
func (ps *parser) unplaced(l line, why *msg.Error) {
	ps.out = append(ps.out, Unplaced{Line: l.n, Text: l.text, Why: why})
}
