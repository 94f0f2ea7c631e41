package formula

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/shopspring/decimal"
)

// Book holds the cells of a workbook's sheets, each a constant or a
// formula, and evaluates all the formulas in dependency order. Sheet names
// are case-insensitive, as in Excel. A Book is not safe for concurrent use.
//
// Book implements RangeContext: after Evaluate, formula cells read as their
// computed values.
type Book struct {
	sheets  []*sheet
	byKey   map[string]*sheet // by folded name
	byName  map[string]*sheet // by name as seen, a cache of byKey
	last    *sheet            // the sheet sheet found last: cells come sheet by sheet
	cells   []cell
	forms   []formCell       // the formula parts of formula cells, by cell.form
	indexed bool             // the sheets' row indexes are up to date
	shapes  map[string]shape // parsed formulas by shape (see shape.go)
	keyBuf  []byte           // for shapeKey

	evals int // formula evaluations, for tests
}

type sheet struct {
	name  string
	order int
	// ids are the sheet's cells (index in Book.cells) in the order they
	// were first set, keys their cellKeys; runs are the starts in ids of
	// its runs of ascending keys, in which find searches. Cells are mostly
	// set in a few runs (verify sets a sheet's formulas row by row, then
	// the constants they read); once they come in more than maxRuns runs,
	// find looks them up in cells instead, nil until then.
	ids   []int32
	keys  []uint64
	runs  []int
	cells map[uint64]int32 // cellKey(col, row) -> index in Book.cells
	all   rowIndex         // every cell
	forms rowIndex         // formula cells only
}

// find returns the index in Book.cells of the cell of s with key k.
func (s *sheet) find(k uint64) (int32, bool) {
	if s.cells != nil {
		i, ok := s.cells[k]
		return i, ok
	}
	for r, lo := range s.runs {
		hi := len(s.ids)
		if r+1 < len(s.runs) {
			hi = s.runs[r+1]
		}
		if j, ok := slices.BinarySearch(s.keys[lo:hi], k); ok {
			return s.ids[lo+j], true
		}
	}
	return 0, false
}

// add adds cell id, of key k and not yet on s, to s.
func (s *sheet) add(k uint64, id int32) {
	if n := len(s.ids); s.cells == nil && (n == 0 || k < s.keys[n-1]) {
		s.runs = append(s.runs, n)
		if len(s.runs) > maxRuns { // runs are no longer counted
			s.cells = make(map[uint64]int32, 2*len(s.ids))
			for j, i := range s.ids {
				s.cells[s.keys[j]] = i
			}
		}
	}
	s.ids, s.keys = append(s.ids, id), append(s.keys, k)
	if s.cells != nil {
		s.cells[k] = id
	}
}

// key is the cellKey of cell id.
func (b *Book) key(id int32) uint64 {
	c := &b.cells[id]
	return cellKey(int(c.col), int(c.row))
}

// cell is one cell of a Book. It is kept small (a workbook has many):
// what only formulas need is in a formCell.
type cell struct {
	sheet    int32 // index in Book.sheets
	col, row int32
	form     int32 // index in Book.forms; -1 for a constant
	value    Value // the constant, or the computed value of a formula
}

// formCell is the formula part of a formula cell.
type formCell struct {
	src    string   // formula source
	cached Value    // formula's cached value, as supplied
	f      *Formula // parsed formula; nil before parsing or on error
	err    error    // parse error
	// delta is how many rows below f's the cell stands: the formulas of
	// a shape share one tree (see Book.parse), whose relative rows each
	// moves by its own delta when it is evaluated.
	delta  int32
	node   int32 // index of the formula in the dependency graph
	cyclic bool  // the formula is part of a cycle
}

func (c *cell) isFormula() bool { return c.form >= 0 }

// addr is the address of cell c.
func (b *Book) addr(c *cell) Addr {
	return Addr{Sheet: b.sheets[c.sheet].name, Col: int(c.col), Row: int(c.row)}
}

// rowIndex lists cells of a sheet sorted by row, then column.
type rowIndex struct {
	rows []int32 // distinct rows, ascending
	off  []int32 // cells of rows[i] are ids[off[i]:off[i+1]]
	cols []int32 // column of each cell
	ids  []int32 // index in Book.cells

	// byRow, if not nil, finds a row's cells without a search: they are
	// ids[byRow[r]:byRow[r+1]] (for rows 0 to len(byRow)-2). Kept for a
	// sheet whose rows are not much sparser than its cells.
	byRow []int32
}

// find returns the index in Book.cells of the cell at col, row, using
// byRow, which must not be nil.
func (x *rowIndex) find(col, row int) (int32, bool) {
	if row < 0 || row+1 >= len(x.byRow) {
		return 0, false
	}
	lo, hi := int(x.byRow[row]), int(x.byRow[row+1])
	if j, ok := slices.BinarySearch(x.cols[lo:hi], clamp32(col)); ok {
		return x.ids[lo+j], true
	}
	return 0, false
}

// lookup returns the index in Book.cells of the cell at col, row of sheet
// s: through the row index once it is up to date, else by find.
func (b *Book) lookup(s *sheet, col, row int) (int32, bool) {
	if b.indexed && s.all.byRow != nil {
		return s.all.find(col, row)
	}
	if col < 1 || col > MaxCol || row < 1 || row > MaxRow {
		return 0, false
	}
	return s.find(cellKey(col, row))
}

func cellKey(col, row int) uint64 { return uint64(row)<<20 | uint64(col) }

func foldName(name string) string { return strings.ToLower(name) }

// NewBook returns an empty book.
func NewBook() *Book {
	return &Book{byKey: map[string]*sheet{}, byName: map[string]*sheet{}}
}

// AddSheet adds an empty sheet if there is none of that name. References
// to a sheet that was never added or given a cell are #REF!.
func (b *Book) AddSheet(name string) {
	b.sheet(name, true)
}

// Grow makes room for more cells: n[name] more on the sheet named name
// (added if needed), so that a caller that knows how many cells it sets
// spares the book's growing.
func (b *Book) Grow(n map[string]int) {
	total := 0
	for name, k := range n {
		s := b.sheet(name, true)
		if k <= 0 {
			continue
		}
		total += k
		s.ids, s.keys = slices.Grow(s.ids, k), slices.Grow(s.keys, k)
	}
	b.cells = slices.Grow(b.cells, total)
}

// GrowFormulas makes room for n more formula cells, beyond what Grow
// makes room for: the part of a cell that only formulas have.
func (b *Book) GrowFormulas(n int) {
	b.forms = slices.Grow(b.forms, n)
}

// Sheets returns the names of the sheets in the order they were added.
func (b *Book) Sheets() []string {
	names := make([]string, len(b.sheets))
	for i, s := range b.sheets {
		names[i] = s.name
	}
	return names
}

func (b *Book) sheet(name string, create bool) *sheet {
	if b.last != nil && b.last.name == name {
		return b.last
	}
	if s, ok := b.byName[name]; ok {
		b.last = s
		return s
	}
	key := foldName(name)
	s, ok := b.byKey[key]
	if !ok {
		if !create {
			return nil
		}
		s = &sheet{name: name, order: len(b.sheets)}
		b.sheets = append(b.sheets, s)
		b.byKey[key] = s
	}
	b.byName[name] = s
	b.last = s
	return s
}

// set returns the cell at a, creating it (and its sheet) if needed.
func (b *Book) set(a Addr) *cell {
	if a.Col < 1 || a.Col > MaxCol || a.Row < 1 || a.Row > MaxRow {
		panic(fmt.Sprintf("formula: cell address %v out of range", a))
	}
	s := b.sheet(a.Sheet, true)
	k := cellKey(a.Col, a.Row)
	b.indexed = false
	if i, ok := s.find(k); ok {
		return &b.cells[i]
	}
	id := int32(len(b.cells))
	b.cells = append(b.cells, cell{sheet: int32(s.order), col: int32(a.Col), row: int32(a.Row), form: -1})
	s.add(k, id)
	return &b.cells[id]
}

// SetValue sets a constant cell. It panics if the address is outside a
// worksheet.
func (b *Book) SetValue(a Addr, v Value) {
	c := b.set(a)
	c.form, c.value = -1, v
}

// SetFormula sets a formula cell: its source as stored in the file (with
// or without '=') and its cached value, the empty Value if the file has
// none. The cached value is kept for the caller and not used otherwise.
func (b *Book) SetFormula(a Addr, src string, cached Value) {
	c := b.set(a)
	fc := formCell{src: src, cached: cached}
	if c.form >= 0 {
		b.forms[c.form] = fc
	} else {
		c.form = int32(len(b.forms))
		b.forms = append(b.forms, fc)
	}
	c.value = UnknownValue("not evaluated")
}

// Cell returns the value of a cell: a constant, the computed value of a
// formula (unknown before Evaluate), the empty value for an absent cell,
// or #REF! if there is no such sheet.
func (b *Book) Cell(sheetName string, col, row int) Value {
	s := b.sheet(sheetName, false)
	if s == nil {
		return ErrorValue(ErrRef)
	}
	if i, ok := b.lookup(s, col, row); ok {
		return b.cells[i].value
	}
	return Value{}
}

// Range calls fn for each non-blank cell of a, row by row; it returns
// false if the sheet does not exist.
func (b *Book) Range(a Area, fn func(col, row int, v Value) bool) bool {
	s := b.sheet(a.Sheet, false)
	if s == nil {
		return false
	}
	b.index()
	s.all.each(a, func(col, row int, id int32) bool {
		v := b.cells[id].value
		return v.kind == KindEmpty || fn(col, row, v)
	})
	return true
}

// appendNumbers appends to nums the numbers among the cells of area a,
// row by row, up to the first error or unknown value, which it returns,
// as SUM reads a range; without the sheet, it returns #REF!. It does what
// Range with a function that collects numbers does, without the function.
func (b *Book) appendNumbers(a Area, nums *[]decimal.Decimal) Value {
	s := b.sheet(a.Sheet, false)
	if s == nil {
		return ErrorValue(ErrRef)
	}
	b.index()
	x := &s.all
	i, _ := slices.BinarySearch(x.rows, clamp32(a.Row1))
	for ; i < len(x.rows) && int(x.rows[i]) <= a.Row2; i++ {
		lo, hi := int(x.off[i]), int(x.off[i+1])
		j, _ := slices.BinarySearch(x.cols[lo:hi], clamp32(a.Col1))
		for j += lo; j < hi && int(x.cols[j]) <= a.Col2; j++ {
			switch v := &b.cells[x.ids[j]].value; v.kind {
			case KindNumber:
				*nums = append(*nums, v.Number())
			case KindError, KindUnknown:
				return *v
			}
		}
	}
	return Value{}
}

// each calls fn for the indexed cells in area a, row by row, until fn
// returns false.
func (x *rowIndex) each(a Area, fn func(col, row int, id int32) bool) {
	i, _ := slices.BinarySearch(x.rows, clamp32(a.Row1))
	for ; i < len(x.rows) && int(x.rows[i]) <= a.Row2; i++ {
		lo, hi := int(x.off[i]), int(x.off[i+1])
		j, _ := slices.BinarySearch(x.cols[lo:hi], clamp32(a.Col1))
		for j += lo; j < hi && int(x.cols[j]) <= a.Col2; j++ {
			if !fn(int(x.cols[j]), int(x.rows[i]), x.ids[j]) {
				return
			}
		}
	}
}

// clamp32 is n as an int32, bounded to int32's range (an area's bounds
// are compared with cells', which are within a worksheet).
func clamp32(n int) int32 { return int32(min(max(n, math.MinInt32), math.MaxInt32)) }

// index rebuilds the row indexes of all sheets if cells were added.
func (b *Book) index() {
	if b.indexed {
		return
	}
	for _, s := range b.sheets {
		cells := s.sorted(b)
		s.all = b.buildIndex(cells, false)
		s.forms = b.buildIndex(cells, true)
	}
	b.indexed = true
}

// maxRuns bounds the ascending runs of a sheet's cells that find searches
// and sorted merges.
const maxRuns = 8

// sorted returns the cells of s (index in Book.cells) sorted by cellKey:
// in row order, then column. Its runs are merged in linear time per run;
// cells in more than maxRuns runs are sorted. The result may be s.ids
// itself: it must not be changed.
func (s *sheet) sorted(b *Book) []int32 {
	if len(s.runs) <= 1 {
		return s.ids
	}
	if len(s.runs) > maxRuns {
		ids := slices.Clone(s.ids)
		slices.SortFunc(ids, func(x, y int32) int { return cmp.Compare(b.key(x), b.key(y)) })
		return ids
	}
	n := len(s.ids)
	runs := append(slices.Clone(s.runs), n)
	src := s.ids
	var bufs [2][]int32 // merged into in turn, so that s.ids is left as it is
	for i := 0; len(runs) > 2; i++ {
		if bufs[i%2] == nil {
			bufs[i%2] = make([]int32, n)
		}
		dst := bufs[i%2]
		var merged []int
		for r := 0; r+1 < len(runs); r += 2 {
			lo, hi := runs[r], runs[min(r+2, len(runs)-1)]
			b.merge(dst[lo:hi], src[lo:runs[r+1]], src[runs[r+1]:hi])
			merged = append(merged, lo)
		}
		runs = append(merged, n)
		src = dst
	}
	return src
}

// merge merges the cells x and y, each sorted by cellKey, into dst, of
// their length.
func (b *Book) merge(dst, x, y []int32) {
	i, j := 0, 0
	for k := range dst {
		if j == len(y) || (i < len(x) && b.key(x[i]) < b.key(y[j])) {
			dst[k] = x[i]
			i++
		} else {
			dst[k] = y[j]
			j++
		}
	}
}

// buildIndex indexes the cells (of one sheet, sorted), or only the
// formulas among them.
func (b *Book) buildIndex(sorted []int32, formulasOnly bool) rowIndex {
	n, rows := 0, 0
	last := int32(-1)
	for _, id := range sorted {
		c := &b.cells[id]
		if formulasOnly && !c.isFormula() {
			continue
		}
		n++
		if c.row != last {
			rows++
			last = c.row
		}
	}
	x := rowIndex{
		rows: make([]int32, 0, rows),
		off:  make([]int32, 0, rows+1),
		cols: make([]int32, 0, n),
		ids:  make([]int32, 0, n),
	}
	for _, id := range sorted {
		c := &b.cells[id]
		if formulasOnly && !c.isFormula() {
			continue
		}
		if len(x.rows) == 0 || x.rows[len(x.rows)-1] != c.row {
			x.rows = append(x.rows, c.row)
			x.off = append(x.off, int32(len(x.ids)))
		}
		x.cols = append(x.cols, c.col)
		x.ids = append(x.ids, id)
	}
	x.off = append(x.off, int32(len(x.ids)))
	if !formulasOnly && len(x.rows) > 0 {
		if last := int(x.rows[len(x.rows)-1]); last <= 4*n+1024 {
			x.byRow = make([]int32, last+2)
			i := 0 // in x.rows
			for r := range x.byRow {
				for i < len(x.rows) && int(x.rows[i]) < r {
					i++
				}
				x.byRow[r] = x.off[i]
			}
		}
	}
	return x
}

// ProblemKind classifies the problems found by Evaluate.
type ProblemKind uint8

// The kinds of Problem.
const (
	ProblemSyntax      ProblemKind = iota + 1 // the formula does not parse
	ProblemUnsupported                        // unsupported function or name, wrong argument count
	ProblemCycle                              // circular reference
)

func (k ProblemKind) String() string {
	switch k {
	case ProblemSyntax:
		return "syntax error"
	case ProblemUnsupported:
		return "unsupported"
	case ProblemCycle:
		return "circular reference"
	}
	return "problem"
}

// Problem is something about a formula cell that the caller should report.
type Problem struct {
	Kind  ProblemKind
	Cell  Addr   // the formula's cell; for a cycle, its first cell
	Pos   Pos    // byte offset in the formula (syntax and unsupported)
	Msg   string // what is wrong
	Err   error  // the *SyntaxError of a ProblemSyntax
	Cycle []Addr // for ProblemCycle: every cell of the cycle
}

// String returns e.g. "附件4-2!C5: circular reference: 附件4-2!C5 →
// 附件4-2!C6 → 附件4-2!C5".
func (p Problem) String() string {
	if p.Kind == ProblemSyntax && p.Err != nil {
		return p.Cell.String() + ": " + p.Err.Error()
	}
	return p.Cell.String() + ": " + p.Msg
}

// Result is the outcome of one formula cell.
type Result struct {
	Cell      Addr
	Source    string
	Cached    Value // as given to SetFormula
	Value     Value // computed
	Evaluated bool  // false for syntax errors and cells in a cycle
}

// Evaluate parses every formula, orders the formulas by their references
// (across sheets, ranges included), evaluates each exactly once, then
// calls each with one Result per formula cell, by sheet then row then
// column (a Result is not kept: 28,000 formulas would take 4 MB), and
// returns the problems found, in the same order. Cells in a cycle
// evaluate to an unknown value (there is no Excel error for a cycle);
// formulas that use them get that unknown value; all others are
// evaluated normally.
func (b *Book) Evaluate(each func(Result)) []Problem {
	b.index()
	// Formula cells in result order.
	var forms []int32
	for _, s := range b.sheets {
		forms = append(forms, s.forms.ids...)
	}
	// The problems with the formula they are found in (few: most books
	// have none), put in result order at the end.
	type found struct {
		n int32
		p Problem
	}
	var probs []found
	for n, id := range forms {
		cl := &b.cells[id]
		c := &b.forms[cl.form]
		c.node = int32(n)
		cl.value = UnknownValue("not evaluated")
		c.cyclic = false
		if c.f == nil && c.err == nil {
			c.f, c.delta, c.err = b.parse(c.src, int(cl.row))
		}
		if c.err != nil {
			cl.value = UnknownValue("syntax error")
			p := Problem{Kind: ProblemSyntax, Cell: b.addr(cl), Msg: c.err.Error(), Err: c.err}
			var se *SyntaxError
			if errors.As(c.err, &se) {
				p.Pos, p.Msg = se.Pos, se.Msg
			}
			probs = append(probs, found{int32(n), p})
			continue
		}
		for _, u := range c.f.Unsupported() {
			probs = append(probs, found{int32(n), Problem{Kind: ProblemUnsupported, Cell: b.addr(cl), Pos: u.Pos, Msg: u.Msg}})
		}
	}
	start, adj := b.graph(forms)
	e := newEvaluator(b)
	cycles := b.order(forms, start, adj, func(n int32) {
		cl := &b.cells[forms[n]]
		if c := &b.forms[cl.form]; c.f != nil {
			e.delta = int(c.delta)
			cl.value = c.f.evalAt(e, b.addr(cl))
			b.evals++
		}
	})
	for _, cyc := range cycles {
		probs = append(probs, found{int32(cyc.first), cyc.problem})
	}
	slices.SortStableFunc(probs, func(x, y found) int { return cmp.Compare(x.n, y.n) })
	var problems []Problem
	for _, f := range probs {
		problems = append(problems, f.p)
	}
	for _, id := range forms {
		cl := &b.cells[id]
		c := &b.forms[cl.form]
		each(Result{
			Cell:      b.addr(cl),
			Source:    c.src,
			Cached:    c.cached,
			Value:     cl.value,
			Evaluated: c.f != nil && !c.cyclic,
		})
	}
	return problems
}

const cycleReason = "circular reference"

// graph builds the dependency graph of the formulas in compressed form:
// the formulas that formula n references are adj[start[n]:start[n+1]].
func (b *Book) graph(forms []int32) (start []int32, adj []int32) {
	start = make([]int32, len(forms)+1)
	for n, id := range forms {
		start[n] = int32(len(adj))
		own := b.sheets[b.cells[id].sheet]
		c := &b.forms[b.cells[id].form]
		if c.f == nil {
			continue
		}
		delta := int(c.delta)
		walk(c.f.Root, func(node Node) {
			switch r := node.(type) {
			case *RefNode:
				s := own
				if r.Sheet != "" {
					s = b.sheet(r.Sheet, false)
				}
				if s == nil {
					return
				}
				at := r.Cell.moved(delta)
				if i, ok := b.lookup(s, at.Col, at.Row); ok && b.cells[i].isFormula() {
					adj = append(adj, b.forms[b.cells[i].form].node)
				}
			case *RangeNode:
				s := own
				if r.Sheet != "" {
					s = b.sheet(r.Sheet, false)
				}
				if s == nil {
					return
				}
				s.forms.each(r.areaAt(s.name, delta), func(_, _ int, i int32) bool {
					adj = append(adj, b.forms[b.cells[i].form].node)
					return true
				})
			}
		})
	}
	start[len(forms)] = int32(len(adj))
	return start, adj
}

type cycle struct {
	first   int32 // the formula the problem is reported at
	problem Problem
}

// order visits the dependency graph with Tarjan's strongly connected
// components algorithm, without recursion. Components come out
// dependencies first, so eval is called for each formula after all the
// formulas it references. Formulas in a cycle are not evaluated: they
// get an unknown value, and a cycle is returned per component.
func (b *Book) order(forms []int32, start, adj []int32, eval func(n int32)) []cycle {
	n := len(forms)
	index := make([]int32, n) // 0: not visited; else visit order + 1
	low := make([]int32, n)
	onStack := make([]bool, n)
	var stack []int32
	type frame struct{ v, e int32 }
	var calls []frame
	var counter int32
	var cycles []cycle
	visit := func(v int32) {
		counter++
		index[v], low[v] = counter, counter
		stack = append(stack, v)
		onStack[v] = true
		calls = append(calls, frame{v, start[v]})
	}
	for root := int32(0); root < int32(n); root++ {
		if index[root] != 0 {
			continue
		}
		visit(root)
		for len(calls) > 0 {
			fr := &calls[len(calls)-1]
			v := fr.v
			if fr.e < start[v+1] {
				w := adj[fr.e]
				fr.e++
				if index[w] == 0 {
					visit(w)
				} else if onStack[w] && index[w] < low[v] {
					low[v] = index[w]
				}
				continue
			}
			calls = calls[:len(calls)-1]
			if len(calls) > 0 {
				if p := calls[len(calls)-1].v; low[v] < low[p] {
					low[p] = low[v]
				}
			}
			if low[v] != index[v] {
				continue
			}
			i := len(stack) - 1
			for stack[i] != v {
				i--
			}
			comp := stack[i:]
			stack = stack[:i]
			for _, w := range comp {
				onStack[w] = false
			}
			if len(comp) == 1 && !hasEdge(start, adj, v, v) {
				eval(v)
				continue
			}
			cycles = append(cycles, b.cycleProblem(forms, start, adj, comp))
		}
	}
	return cycles
}

func hasEdge(start, adj []int32, v, w int32) bool {
	for _, x := range adj[start[v]:start[v+1]] {
		if x == w {
			return true
		}
	}
	return false
}

// cycleProblem marks the formulas of a strongly connected component as
// circular and describes the component: a shortest cycle through its first
// formula, then any other formulas of the component.
func (b *Book) cycleProblem(forms []int32, start, adj []int32, comp []int32) cycle {
	members := make(map[int32]bool, len(comp))
	first := comp[0]
	for _, v := range comp {
		members[v] = true
		if v < first {
			first = v
		}
		cl := &b.cells[forms[v]]
		cl.value = UnknownValue(cycleReason)
		b.forms[cl.form].cyclic = true
	}
	// Breadth-first search from first back to first.
	parent := map[int32]int32{}
	queue := []int32{first}
	last := int32(-1)
	for len(queue) > 0 && last < 0 {
		u := queue[0]
		queue = queue[1:]
		for _, w := range adj[start[u]:start[u+1]] {
			if w == first {
				last = u
				break
			}
			if _, seen := parent[w]; !seen && members[w] {
				parent[w] = u
				queue = append(queue, w)
			}
		}
	}
	var path []int32
	for v := last; v != first; v = parent[v] {
		path = append(path, v)
	}
	path = append(path, first)
	for i, j := 0, len(path)-1; i < j; i, j = i+1, j-1 {
		path[i], path[j] = path[j], path[i]
	}
	onPath := map[int32]bool{}
	addr := func(v int32) Addr { return b.addr(&b.cells[forms[v]]) }
	var cells []Addr
	var sb strings.Builder
	sb.WriteString(cycleReason + ": ")
	for _, v := range path {
		onPath[v] = true
		cells = append(cells, addr(v))
		sb.WriteString(addr(v).String())
		sb.WriteString(" → ")
	}
	sb.WriteString(addr(first).String())
	var rest []int32
	for _, v := range comp {
		if !onPath[v] {
			rest = append(rest, v)
		}
	}
	sort.Slice(rest, func(i, j int) bool { return rest[i] < rest[j] })
	for i, v := range rest {
		if i == 0 {
			sb.WriteString("; also in the same cycle: ")
		} else {
			sb.WriteString(", ")
		}
		cells = append(cells, addr(v))
		sb.WriteString(addr(v).String())
	}
	return cycle{first: first, problem: Problem{
		Kind: ProblemCycle, Cell: addr(first), Msg: sb.String(), Cycle: cells,
	}}
}

// Referenced parses the formulas (Evaluate does not parse them again) and
// calls fn for each cell and range a formula refers to, as an Area on the
// sheet's name as added (a reference to a sheet never added is left out:
// it is #REF!). A caller with many constant cells, most of which no
// formula reads, gives the Book only those in these areas: the values
// computed are the same.
func (b *Book) Referenced(fn func(Area)) {
	for i := range b.cells {
		cl := &b.cells[i]
		if !cl.isFormula() {
			continue
		}
		own := b.sheets[cl.sheet]
		c := &b.forms[cl.form]
		if c.f == nil && c.err == nil {
			c.f, c.delta, c.err = b.parse(c.src, int(cl.row))
		}
		if c.f == nil {
			continue
		}
		delta := int(c.delta)
		walk(c.f.Root, func(node Node) {
			switch r := node.(type) {
			case *RefNode:
				if s := b.refSheet(own, r.Sheet); s != nil {
					at := r.Cell.moved(delta)
					fn(Area{Sheet: s.name, Col1: at.Col, Row1: at.Row, Col2: at.Col, Row2: at.Row})
				}
			case *RangeNode:
				if s := b.refSheet(own, r.Sheet); s != nil {
					fn(r.areaAt(s.name, delta))
				}
			}
		})
	}
}

// refSheet is the sheet a reference written with sheet name (""
// for none) in a formula of sheet own refers to, or nil.
func (b *Book) refSheet(own *sheet, name string) *sheet {
	if name == "" {
		return own
	}
	return b.sheet(name, false)
}
