package verify

import (
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"budgetxl/formula"
	"budgetxl/msg"
	"budgetxl/pack"
	"budgetxl/workbook"
)

// values are the workbook's cell values after recomputation: constants as
// they stand, formulas as our decimal evaluation gives them (their cached
// value where that cannot be computed).
type values struct {
	book   *formula.Book                  // the formulas and the constants they read
	sheets []sheetValues                  // the workbook's, the first of each name, in workbook order
	over   map[formula.Addr]formula.Value // formulas not computed: their cached value
	// sameFolded reports sheets whose names differ only in case, which the
	// book takes for one: their constants are not read from the book.
	sameFolded bool
	last       *sheetValues // the sheet found last: the checks read sheet by sheet
}

// sheetValues says where the values of one sheet's cells are: formulas'
// and the constants they read in the book, the other constants parsed
// once read (the checks read many twice), by index in Sheet.Cells.
type sheetValues struct {
	sheet *workbook.Sheet
	vals  []formula.Value
	read  []bool // vals[i] is known
	// given marks the constants that the book holds (all of them if
	// givenAll), which it has parsed.
	given    []bool
	givenAll bool
}

// newValues returns the values of book, on the sheets of wb.
func newValues(book *formula.Book, wb *workbook.Book) *values {
	v := &values{book: book, over: map[formula.Addr]formula.Value{}}
	for _, s := range wb.Sheets {
		for _, o := range v.sheets {
			v.sameFolded = v.sameFolded || strings.EqualFold(o.sheet.Name, s.Name)
		}
		if v.sheetIndex(s.Name) < 0 { // v.last is not set until all are in
			v.sheets = append(v.sheets, sheetValues{sheet: s})
		}
	}
	return v
}

// sheet returns the values of the sheet named name, or nil. A workbook
// has a few sheets: a search is as quick as a map's hashing of the name.
func (v *values) sheet(name string) *sheetValues {
	if v.last != nil && v.last.sheet.Name == name {
		return v.last
	}
	if i := v.sheetIndex(name); i >= 0 {
		v.last = &v.sheets[i]
		return v.last
	}
	return nil
}

// sheetIndex returns the index in v.sheets of the sheet named name, or -1.
func (v *values) sheetIndex(name string) int {
	for i := range v.sheets {
		if v.sheets[i].sheet.Name == name {
			return i
		}
	}
	return -1
}

// index returns the index in Sheet.Cells of the cell at col, row, or -1.
func (sv *sheetValues) index(col, row int) int {
	first, end := sv.sheet.RowSpan(row)
	if first == end {
		return -1
	}
	cells := sv.sheet.Cells[first:end]
	// A row's cells mostly stand side by side from their first column.
	if i := col - cells[0].Col; i >= 0 && i < len(cells) && cells[i].Col == col {
		return first + i
	}
	if i, ok := slices.BinarySearchFunc(cells, col, func(c *workbook.Cell, col int) int { return c.Col - col }); ok {
		return first + i
	}
	return -1
}

func (v *values) get(sheet string, col, row int) formula.Value {
	if len(v.over) > 0 {
		if x, ok := v.over[formula.Addr{Sheet: sheet, Col: col, Row: row}]; ok {
			return x
		}
	}
	sv := v.sheet(sheet)
	if sv == nil {
		return formula.Value{}
	}
	i := sv.index(col, row)
	if i < 0 {
		return formula.Value{}
	}
	if cell := sv.sheet.Cells[i]; cell.Formula == "" && !sv.givenAll && (sv.given == nil || !sv.given[i]) {
		return sv.constant(i)
	}
	return v.book.Cell(sheet, col, row) // a formula's value, or a constant parsed for the book
}

// constant is the value of constant cell i, which the book does not hold,
// parsed once.
func (sv *sheetValues) constant(i int) formula.Value {
	if sv.read == nil {
		sv.vals, sv.read = make([]formula.Value, len(sv.sheet.Cells)), make([]bool, len(sv.sheet.Cells))
	}
	if !sv.read[i] {
		cell := sv.sheet.Cells[i]
		sv.vals[i], sv.read[i] = constant(cell.Value, cell.Type), true
	}
	return sv.vals[i]
}

// num is the number in a cell: 0 for an empty cell, ok false for text.
func (v *values) num(sheet string, col, row int) (decimal.Decimal, bool) {
	x := v.get(sheet, col, row)
	switch x.Kind() {
	case formula.KindNumber:
		return x.Number(), true
	case formula.KindEmpty:
		return decimal.Zero, true
	}
	return decimal.Zero, false
}

// text is a cell's value for messages.
func (v *values) text(sheet string, col, row int) string {
	x := v.get(sheet, col, row)
	if x.Kind() == formula.KindNumber {
		return money(x.Number())
	}
	return x.String()
}

// evaluate recomputes every formula of the workbook in decimal, reports
// cached values that differ (stale or edited) and formulas that cannot be
// computed, and returns the values.
func (c *checker) evaluate() *values {
	b := formula.NewBook()
	v := newValues(b, c.wb)
	uncached := map[formula.Addr]bool{} // formulas stored without a value (few, but for openpyxl's)
	// Room for every cell, at once: the formulas, then the constants they
	// refer to (loadReferenced), which are known only once the formulas
	// are parsed; growing twice copied the formulas' part. A large block
	// that is never written is never touched.
	n, total := map[string]int{}, 0
	for _, s := range c.wb.Sheets {
		b.AddSheet(s.Name)
		n[s.Name] = len(s.Cells)
		for _, cell := range s.Cells {
			if cell.Formula != "" {
				total++
			}
		}
	}
	b.Grow(n)
	b.GrowFormulas(total)
	for _, s := range c.wb.Sheets {
		for _, cell := range s.Cells {
			if cell.Formula != "" {
				a := formula.Addr{Sheet: s.Name, Col: cell.Col, Row: cell.Row}
				b.SetFormula(a, cell.Formula, cachedValue(cell.Value, cell.Type))
				if strings.TrimSpace(cell.Value) == "" {
					uncached[a] = true
				}
			}
		}
	}
	c.loadReferenced(b, v)
	missing := map[string][]formula.Addr{} // by sheet
	problems := b.Evaluate(func(r formula.Result) {
		switch {
		case !r.Evaluated || r.Value.Kind() == formula.KindUnknown: // reported as a problem
			v.over[r.Cell] = r.Cached
		case uncached[r.Cell] && r.Value.String() != "":
			missing[r.Cell.Sheet] = append(missing[r.Cell.Sheet], r.Cell)
		case !sameValue(r.Value, r.Cached):
			c.finding(Error, "value.stale", r.Cell.Sheet, pack.CellName(r.Cell.Col, r.Cell.Row), show(r.Value), show(r.Cached),
				"the cell shows %v, but its formula =%s gives %v: the value is stale or was edited", shown(r.Cached), r.Source, shown(r.Value))
		}
	})
	for _, p := range problems {
		rule, sev := "formula.syntax", Error
		switch p.Kind {
		case formula.ProblemUnsupported:
			rule, sev = "formula.unsupported", Warning
		case formula.ProblemCycle:
			rule = "formula.cycle"
		}
		source := ""
		if sh := c.wb.Sheet(p.Cell.Sheet); sh != nil && sh.At(p.Cell.Col, p.Cell.Row) != nil {
			source = sh.At(p.Cell.Col, p.Cell.Row).Formula
		}
		c.finding(sev, rule, p.Cell.Sheet, pack.CellName(p.Cell.Col, p.Cell.Row), "", "="+source, "the formula =%s cannot be computed: %v", msg.Cut(source), formulaFault(p))
	}
	c.reportMissing(missing)
	return v
}

// loadReferenced gives book the constant cells of the workbook that its
// formulas refer to; the others (most cells of a workbook: labels, and
// amounts that only the checks read) no formula reads. A sheet whose
// referenced areas would cost more to visit than its cells (ranges over
// whole columns, many overlapping ranges) is given all its constants.
// Each cell is given once, sheet by sheet, row by row.
func (c *checker) loadReferenced(book *formula.Book, v *values) {
	type refs struct {
		wanted []bool // by index in Sheet.Cells
		spent  int    // rows and cells visited
		all    bool
	}
	var order []int // sheets with a referenced cell (index in v.sheets), as first met
	bySheet := make([]*refs, len(v.sheets))
	book.Referenced(func(a formula.Area) {
		si := v.sheetIndex(a.Sheet)
		if si < 0 {
			return
		}
		s, x := v.sheets[si].sheet, bySheet[si]
		if x == nil {
			x = &refs{wanted: make([]bool, len(s.Cells))}
			bySheet[si] = x
			order = append(order, si)
		}
		if x.all {
			return
		}
		r1, r2 := max(a.Row1, 1), min(a.Row2, s.LastRow())
		if x.spent+max(r2-r1+1, 0) > 2*len(s.Cells)+64 {
			x.all = true
			return
		}
		for r := r1; r <= r2; r++ {
			first, end := s.RowSpan(r)
			cells := s.Cells[first:end]
			i := 0
			// A row's cells mostly stand side by side from their first column.
			if len(cells) > 0 {
				if i = a.Col1 - cells[0].Col; i < 0 || i >= len(cells) || cells[i].Col != a.Col1 {
					i, _ = slices.BinarySearchFunc(cells, a.Col1, func(c *workbook.Cell, col int) int { return c.Col - col })
				}
			}
			n := 0
			for n < len(cells)-i && cells[i+n].Col <= a.Col2 {
				x.wanted[first+i+n] = true
				n++
			}
			x.spent += 1 + n
		}
	})
	count := map[string]int{}
	for _, si := range order {
		s, x := v.sheets[si].sheet, bySheet[si]
		for i, cell := range s.Cells {
			if (x.all || x.wanted[i]) && cell.Formula == "" {
				count[s.Name]++
			}
		}
	}
	book.Grow(count)
	for _, si := range order {
		sv, x := &v.sheets[si], bySheet[si]
		for i, cell := range sv.sheet.Cells {
			if (x.all || x.wanted[i]) && cell.Formula == "" {
				book.SetValue(formula.Addr{Sheet: sv.sheet.Name, Col: cell.Col, Row: cell.Row}, constant(cell.Value, cell.Type))
			}
		}
		if !v.sameFolded {
			sv.given, sv.givenAll = x.wanted, x.all // the checks read many of them again
		}
	}
}

// reportMissing reports the formulas stored without a cached value (as
// openpyxl writes them), once per sheet: nothing is wrong with the
// formulas, but a viewer that does not recalculate shows them blank. A
// merged range counts once (the reader gives each of its cells the
// top-left cell's formula).
func (c *checker) reportMissing(missing map[string][]formula.Addr) {
	for _, s := range c.wb.Sheets {
		if len(missing[s.Name]) == 0 {
			continue
		}
		covered := map[[2]int]bool{} // cells of merged ranges but the top-left
		for _, m := range s.Merges {
			if r, err := pack.ParseRange(m); err == nil {
				for row := r.Row1; row <= r.Row2; row++ {
					for col := r.Col1; col <= r.Col2; col++ {
						covered[[2]int{col, row}] = row != r.Row1 || col != r.Col1
					}
				}
			}
		}
		var cells []formula.Addr
		for _, a := range missing[s.Name] {
			if !covered[[2]int{a.Col, a.Row}] {
				cells = append(cells, a)
			}
		}
		if len(cells) == 0 {
			continue
		}
		first := cells[0]
		for _, a := range cells[1:] {
			if a.Row < first.Row || (a.Row == first.Row && a.Col < first.Col) {
				first = a
			}
		}
		c.finding(Warning, "value.missing", s.Name, "", "", strconv.Itoa(len(cells)),
			"%d formulas have no cached value (the first at %s): previewers will show blanks; Excel recalculates on open",
			len(cells), pack.CellName(first.Col, first.Row))
	}
}

// sameValue compares a computed value with a cached one to the 15
// significant digits a workbook keeps.
func sameValue(computed, cached formula.Value) bool {
	if computed.Kind() == formula.KindNumber && cached.Kind() == formula.KindEmpty {
		return computed.Number().IsZero()
	}
	if text, ok := cached.Stored(); ok && computed.Kind() == formula.KindNumber {
		if same, ok := sameAsStored(computed.Number(), text); ok {
			return same
		}
	}
	return computed.Significant(15).Equal(cached.Significant(15))
}

// shown is a value as a message shows it, "(empty)" in the message's language.
func shown(v formula.Value) any {
	if v.Kind() == formula.KindEmpty {
		return msg.Errorf("(empty)")
	}
	return show(v)
}

// show is a value as a finding's expected and found fields hold it.
func show(v formula.Value) string {
	if v.Kind() == formula.KindNumber {
		return money(v.Number())
	}
	if v.Kind() == formula.KindEmpty {
		return "(empty)"
	}
	return v.String()
}

// cachedValue is a formula's cached value: a number kept as the text
// stored (formula.StoredNumber), which sameValue compares without making
// its decimal; anything else as constant reads it.
func cachedValue(s string, typ workbook.Type) formula.Value {
	if typ == workbook.TypeNumber || typ == workbook.TypeUnset {
		if v, ok := formula.StoredNumber(strings.TrimSpace(s)); ok {
			return v
		}
	}
	return constant(s, typ)
}

// constant turns a stored cell value into a formula value.
func constant(s string, typ workbook.Type) formula.Value {
	switch typ {
	case workbook.TypeString:
		return formula.StringValue(s)
	case workbook.TypeBool:
		return formula.BoolValue(s == "1" || strings.EqualFold(s, "true"))
	case workbook.TypeError:
		if code, ok := formula.ParseErrorCode(s); ok {
			return formula.ErrorValue(code)
		}
		return formula.StringValue(s)
	}
	t := strings.TrimSpace(s)
	if t == "" {
		return formula.Value{}
	}
	if d, ok := formula.PlainNumber(t); ok {
		return formula.NumberValue(d)
	}
	if d, err := decimal.NewFromString(t); err == nil {
		return formula.NumberValue(d)
	}
	return formula.StringValue(s)
}

// sameAsStored compares d with the number stored as text (plain digits,
// see formula.StoredNumber) when both have at most 15 significant digits,
// where Significant(15) changes neither, without making a decimal of the
// text; ok is false for others, which sameValue compares the long way.
func sameAsStored(d decimal.Decimal, text string) (same, ok bool) {
	c2, e2, plain := formula.PlainParts(text)
	if !plain || d.NumDigits() > 18 {
		return false, false
	}
	c1, e1 := stripZeros(d.CoefficientInt64(), d.Exponent())
	c2, e2 = stripZeros(c2, e2)
	const most = 1e15 // 15 significant digits
	if c1 <= -most || c1 >= most || c2 <= -most || c2 >= most {
		return false, false
	}
	return c1 == c2 && (c1 == 0 || e1 == e2), true
}

// stripZeros drops the trailing zeros of a coefficient.
func stripZeros(c int64, e int32) (int64, int32) {
	for c != 0 && c%10 == 0 {
		c, e = c/10, e+1
	}
	return c, e
}
