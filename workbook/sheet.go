package workbook

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/xuri/efp"

	"budgetxl/msg"
)

// xcell is a cell as its sheet part writes it.
//
// Its Cell is the cell the sheet hands out, filled in place: Value is the
// value with shared strings resolved, Formula the formula as written (a
// shared one resolved by finish), Ref the r attribute when it is written
// as cellName writes it ("" otherwise, until finish names it).
type xcell struct {
	Cell
	si     int      // the shared formula's group index (si), when shared
	style  int32    // after falling back on the row's and the column's style; -1 for one out of range
	t      cellType // the type attribute
	hasF   bool
	shared bool // the formula is one of a shared group: t="shared" with an si
	master bool // the shared formula gives its group's range (ref), so it is the group's formula
}

// cellType is a cell's type attribute (t).
type cellType uint8

const (
	tNone   cellType = iota // none, or an empty one
	tOther                  // one SpreadsheetML does not define
	tBool                   // b
	tDate                   // d
	tError                  // e
	tStr                    // str: a formula's text
	tShared                 // s: an index of the shared strings
	tInline                 // inlineStr
	tNumber                 // n
)

// parseType reads a type attribute.
func parseType(t string) cellType {
	switch t {
	case "":
		return tNone
	case "b":
		return tBool
	case "d":
		return tDate
	case "e":
		return tError
	case "str":
		return tStr
	case "s":
		return tShared
	case "inlineStr":
		return tInline
	case "n":
		return tNumber
	}
	return tOther
}

// styleID is a style attribute as a cell keeps it: -1 for a number no
// style index can be (every such number reads as the same missing style).
func styleID(n int) int32 {
	if n < 0 || n > math.MaxInt32 {
		return -1
	}
	return int32(n)
}

func (c *xcell) key() int { return c.Row<<15 | c.Col }

// name is the cell's reference: A1.
func (c *xcell) name() string {
	if c.Ref != "" {
		return c.Ref
	}
	return cellName(c.Col, c.Row)
}

// canonicalRef reports whether ref is written as cellName writes it:
// capital letters, then a number without leading zeros.
func canonicalRef(ref string) bool {
	i := 0
	for i < len(ref) && 'A' <= ref[i] && ref[i] <= 'Z' {
		i++
	}
	return i > 0 && i < len(ref) && ref[i] != '0'
}

// merge is a merged range, corners sorted.
type merge struct {
	ref                    string
	col1, row1, col2, row2 int
	tl                     *xcell // its top-left cell's own content, once seen
	tlFormula              string
}

// colStyle is a <col> element's style over a range of columns.
type colStyle struct{ min, max, style int }

// sheetReader reads one sheet part in one pass.
type sheetReader struct {
	name   string
	lim    Limits
	sst    []string
	styles []style
	cells  *int // cells kept so far in the workbook, for MaxCells

	sh        *Sheet
	xs        []*xcell
	merges    []*merge
	cols      []colStyle
	rowStyles map[int]int32
	colStyle  []int32 // style of each column, from cols
	slab      []xcell // cells to hand out (newCell)
	spare     *xcell  // a cell place dropped, handed out again first
	maxRow    int
	maxCol    int
	lastKey   int  // key of the last cell kept
	disorder  bool // a cell kept stands before or at the one kept before it
	shared    bool // a cell's formula is one of a shared group
}

func (r *sheetReader) fail(format string, args ...any) error {
	return msg.Errorf("sheet %s: %v", r.name, msg.Errorf(format, args...))
}

func (r *sheetReader) locked(style int32) bool {
	if style >= 0 && int(style) < len(r.styles) {
		return r.styles[style].locked
	}
	return true
}

func (r *sheetReader) numFmt(style int32) string {
	if style >= 0 && int(style) < len(r.styles) {
		return r.styles[style].numFmt
	}
	return "General"
}

// fallback is the style of a position whose cell names none: its row's,
// else its column's (as Excel and excelize read it).
func (r *sheetReader) fallback(col, row int) int32 {
	if s := r.rowStyles[row]; s != 0 {
		return s
	}
	return r.columnStyle(col)
}

// columnStyle is the style the <col> elements give a column, 0 for none.
func (r *sheetReader) columnStyle(col int) int32 {
	if r.colStyle == nil { // <cols> comes before <sheetData>: known by the first cell
		last := 0 // the last column with a style
		for _, c := range r.cols {
			if c.style != 0 && c.min <= maxColumns {
				last = max(last, min(c.max, maxColumns))
			}
		}
		r.colStyle = make([]int32, last+1)
		for _, c := range r.cols {
			for i := max(c.min, 1); i <= min(c.max, last) && c.style != 0; i++ {
				if r.colStyle[i] == 0 {
					r.colStyle[i] = styleID(c.style)
				}
			}
		}
	}
	if col >= 1 && col < len(r.colStyle) {
		return r.colStyle[col]
	}
	return 0
}

func (r *sheetReader) keep() error {
	*r.cells++
	if *r.cells > r.lim.MaxCells {
		return msg.Errorf("the workbook has more than %d cells; if it is genuine, raise the limit with --max-cells", r.lim.MaxCells)
	}
	return nil
}

// read makes the sheet from its part.
func (r *sheetReader) read(b string) (*Sheet, error) {
	r.sh = &Sheet{Name: r.name, Orientation: "portrait"}
	r.rowStyles = map[int]int32{}
	// Room for a cell every 16 bytes of the part (a cell fill writes
	// takes 25 and more), so that the cells are not copied as they come;
	// what is not used is never touched.
	r.xs = make([]*xcell, 0, min(len(b)/16, r.lim.MaxCells)+1)
	s := &scanner{data: b}
	row, col := 0, 0
	for {
		if err := s.next(); err != nil {
			return nil, r.fail("%v", err)
		}
		if s.kind == tokEOF {
			break
		}
		if s.kind != tokStart {
			continue
		}
		switch s.name {
		case "row":
			if n := s.attrInt("r"); n > 0 {
				row = n
			} else {
				row++
			}
			if row > maxRows {
				return nil, r.fail("row %d is beyond the last row of a sheet (%d)", row, maxRows)
			}
			col = 0
			if st := s.attrInt("s"); st != 0 {
				r.rowStyles[row] = styleID(st)
			}
		case "c":
			x, err := r.cell(s, row, col+1)
			if err != nil {
				return nil, err
			}
			col = x.Col
			if err := r.place(x); err != nil {
				return nil, err
			}
		case "col":
			if len(r.cols) >= maxColumns {
				return nil, r.fail("the sheet defines more than %d columns", maxColumns)
			}
			r.cols = append(r.cols, colStyle{s.attrInt("min"), s.attrInt("max"), s.attrInt("style")})
		case "mergeCell":
			ref, _ := s.attr("ref")
			if err := r.addMerge(ref); err != nil {
				return nil, err
			}
		case "sheetProtection":
			r.sh.Protected = s.attrBool("sheet")
			_, pw := s.attr("password")
			_, hash := s.attr("hashValue")
			r.sh.Password = pw || hash
		case "pageSetup":
			if v, ok := s.attr("orientation"); ok && v != "" {
				r.sh.Orientation = v
			}
			r.sh.Paper = s.attrInt("paperSize")
			r.sh.FitToWidth = s.attrInt("fitToWidth")
		}
	}
	return r.finish()
}

// cell reads a <c> element and its value and formula.
func (r *sheetReader) cell(s *scanner, row, col int) (*xcell, error) {
	x := r.newCell()
	x.Row, x.Col = row, col
	// The attributes r, t and s in one pass, as raw bytes; one that holds
	// an entity reference (no writer does that) is decoded by attr.
	var ref, typ, style string
	var hasRef, hasType, entity bool
	amp := strings.IndexByte(s.attrs, '&') >= 0 // some attribute holds an entity reference
	s.eachAttr(func(key, val string) bool {
		switch key {
		case "r":
			ref, hasRef = val, true
		case "t":
			typ, hasType = val, true
		case "s":
			style = val
		default:
			return true
		}
		entity = entity || amp && strings.IndexByte(val, '&') >= 0
		return true
	})
	if entity {
		ref, hasRef = s.attr("r")
		typ, _ = s.attr("t")
		hasType = typ != ""
		style, _ = s.attr("s")
	}
	if hasRef {
		c, rw, ok := parseRef(ref)
		if !ok {
			return nil, r.fail("%q is not a cell reference", ref)
		}
		x.Col, x.Row = c, rw
		if canonicalRef(ref) {
			x.Ref = ref
		}
	}
	if x.Row == 0 {
		x.Row = 1
	}
	if hasType {
		x.t = parseType(typ)
	}
	x.style = styleID(atoi(style))
	if s.empty {
		return x, nil
	}
	var inline strings.Builder // the text of an inline string after its first piece
	first, pieces := "", 0     // its first piece, and how many
	piece := func(t string) {
		if pieces++; pieces == 1 {
			first = t
		} else {
			if pieces == 2 {
				inline.WriteString(first)
			}
			inline.WriteString(t)
		}
	}
	// The children as fill and Excel write them (<v>1</v>, <f>A1</f>,
	// <is><t>a</t></is>, then </c>) are read straight from the part; from
	// the first that is written otherwise (attributes, a prefix, spaces,
	// CDATA, rich text), the tokenizer below reads the rest.
	closed := false
straight:
	for !closed && !tokenizeChildren {
		rest := s.data[s.pos:]
		var open, end string
		switch {
		case strings.HasPrefix(rest, "</c>"):
			s.pos += len("</c>")
			closed = true
			continue
		case strings.HasPrefix(rest, "<v>"):
			open, end = "<v>", "</v>"
		case strings.HasPrefix(rest, "<f>"):
			open, end = "<f>", "</f>"
		case strings.HasPrefix(rest, "<is><t>"):
			open, end = "<is><t>", "</t></is>"
		default:
			break straight
		}
		text, n, ok := element(rest, open, end)
		if !ok {
			break
		}
		t, err := unescape(text)
		if err != nil {
			return nil, r.fail("%s: %v", x.name(), err)
		}
		s.pos += n
		switch open {
		case "<v>":
			x.Value += t
		case "<f>":
			x.hasF = true
			x.Formula += t
		default:
			piece(t)
		}
	}
	in := "" // the child element whose text is being read: v, f or is
	phonetic := 0
	for depth := 1; depth > 0 && !closed; {
		if err := s.next(); err != nil {
			return nil, r.fail("%s: %v", x.name(), err)
		}
		switch s.kind {
		case tokEOF:
			depth = 0
		case tokStart:
			name := s.name
			switch {
			case depth == 1 && name == "v":
				in = "v"
			case depth == 1 && name == "is":
				in = "is"
			case depth == 1 && name == "f":
				in, x.hasF = "f", true
				ft, _ := s.attr("t")
				fref, _ := s.attr("ref")
				si, hasSI := s.attr("si")
				if ft == "shared" && hasSI {
					x.shared, x.master, r.shared = true, fref != "", true
					x.si, _ = strconv.Atoi(si)
				}
			case name == "rPh":
				if !s.empty {
					phonetic++
				}
			}
			if !s.empty {
				depth++
			}
		case tokEnd:
			depth--
			switch {
			case s.name == "rPh":
				phonetic = max(phonetic-1, 0)
			case depth == 1:
				in = ""
			}
		case tokText:
			if in == "" || (in == "is" && (phonetic > 0 || depth < 3)) {
				continue
			}
			t, err := s.textOf()
			if err != nil {
				return nil, r.fail("%s: %v", x.name(), err)
			}
			switch in {
			case "v":
				x.Value += t
			case "f":
				x.Formula += t
			case "is":
				piece(t)
			}
		}
	}
	switch x.t {
	case tShared:
		if x.Value != "" {
			i, err := strconv.Atoi(strings.TrimSpace(x.Value))
			if err != nil || i < 0 || i >= len(r.sst) {
				return nil, r.fail("%s: shared string %s does not exist", x.name(), x.Value)
			}
			x.Value = r.sst[i]
		}
	case tInline:
		if pieces > 1 {
			first = inline.String()
		}
		if first != "" {
			x.Value = unescapeOOXML(first)
		}
	}
	for _, text := range []string{x.Value, x.Formula} {
		if len(text) > MaxTextLength && utf8.RuneCountInString(text) > MaxTextLength {
			return nil, r.fail("%s holds %d characters, more than the %d a cell can hold", x.name(), utf8.RuneCountInString(text), MaxTextLength)
		}
	}
	return x, nil
}

// tokenizeChildren makes cell read every child with the tokenizer, as if
// none were written as fill and Excel write them: FuzzCellChildren sets it
// to compare the two ways. Nothing else does.
var tokenizeChildren bool

// element cuts the text of an element written open, text, end at the
// start of b, text without markup; n is the length of all three.
func element(b, open, end string) (text string, n int, ok bool) {
	i := strings.IndexByte(b[len(open):], '<')
	if i < 0 || !strings.HasPrefix(b[len(open)+i:], end) {
		return "", 0, false
	}
	return b[len(open) : len(open)+i], len(open) + i + len(end), true
}

// atoi is strconv.Atoi of b, 0 for anything but a number.
func atoi(b string) int {
	if len(b) == 0 {
		return 0
	}
	if len(b) <= 9 {
		n := 0
		for _, c := range b {
			if c < '0' || c > '9' {
				n, _ = strconv.Atoi(b)
				return n
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	n, _ := strconv.Atoi(b)
	return n
}

// slabCells is how many cells newCell allocates at once: as many as
// 32 KiB holds, the largest size the allocator hands out without rounding
// up to whole pages (256 cells of 120 bytes, 30 KiB, took 32 KiB).
const slabCells = 32 << 10 / int(unsafe.Sizeof(xcell{}))

// newCell returns a zero cell from a block allocated for many.
func (r *sheetReader) newCell() *xcell {
	if x := r.spare; x != nil {
		r.spare = nil
		*x = xcell{}
		return x
	}
	if len(r.slab) == 0 {
		r.slab = make([]xcell, slabCells)
	}
	x := &r.slab[0]
	r.slab = r.slab[1:]
	return x
}

// place keeps a cell that may be read, notes a far one, and drops an
// empty locked one (it only widens the sheet's extent).
func (r *sheetReader) place(x *xcell) error {
	content := x.Value != "" || x.hasF
	if x.Row > r.lim.FarRow || x.Col > r.lim.FarColumn {
		if content {
			if len(r.sh.Far) < maxFar {
				r.sh.Far = append(r.sh.Far, Far{Ref: x.name(), Value: x.Value, Formula: x.Formula})
			}
			r.sh.FarCount++
		}
		r.spare = x
		return nil
	}
	r.maxRow, r.maxCol = max(r.maxRow, x.Row), max(r.maxCol, x.Col)
	if x.style == 0 {
		x.style = r.fallback(x.Col, x.Row)
	}
	if !content && x.t == tNone && r.locked(x.style) {
		r.spare = x
		return nil
	}
	if k := x.key(); len(r.xs) > 0 && k <= r.lastKey {
		r.disorder = true
	} else {
		r.lastKey = k
	}
	if len(r.xs) == cap(r.xs) {
		r.xs = slices.Grow(r.xs, len(r.xs)) // doubled: append grows a large slice by a quarter
	}
	r.xs = append(r.xs, x)
	return r.keep()
}

func (r *sheetReader) addMerge(ref string) error {
	if !strings.Contains(ref, ":") {
		ref += ":" + ref
	}
	a, b, _ := strings.Cut(ref, ":")
	c1, r1, ok1 := parseRef(a)
	c2, r2, ok2 := parseRef(b)
	if !ok1 || !ok2 {
		return r.fail("merged range %q is not a range of cells", ref)
	}
	m := &merge{ref: ref, col1: min(c1, c2), row1: min(r1, r2), col2: max(c1, c2), row2: max(r1, r2)}
	r.merges = append(r.merges, m)
	r.sh.Merges = append(r.sh.Merges, ref)
	return nil
}

// finish resolves shared formulas and merged ranges and makes the cells.
//
// Within a merged range every position reads as its top-left cell reads
// (its formula, its type, and its value when the position has none), and
// positions without a cell element count when they are unlocked by their
// row's or column's style or lie in a merged range whose top-left cell
// holds a formula: the model excelize's getters gave, kept so that a
// workbook reads as it always did.
func (r *sheetReader) finish() (*Sheet, error) {
	sh := r.sh
	slices.Sort(sh.Merges)
	// Writers put rows and cells in order: then the cells need no sort,
	// and hold no two cells in one place.
	if r.disorder {
		slices.SortStableFunc(r.xs, func(a, b *xcell) int { return cmp.Compare(a.key(), b.key()) })
		r.xs = slices.CompactFunc(r.xs, func(a, b *xcell) bool { return a.key() == b.key() })
	}
	sh.UsedRows, sh.UsedColumns = r.maxRow, r.maxCol
	if r.shared {
		r.shareFormulas()
	}
	find := func(col, row int) *xcell {
		k := row<<15 | col
		i, ok := slices.BinarySearchFunc(r.xs, k, func(x *xcell, k int) int { return cmp.Compare(x.key(), k) })
		if ok {
			return r.xs[i]
		}
		return nil
	}
	// Positions without a cell element that still read as cells: first
	// bound how many there can be, so that a hostile style or merge over
	// the whole sheet is refused before anything is made.
	var phantom []*merge
	bound := 0
	for _, m := range r.merges {
		if tl := find(m.col1, m.row1); tl != nil && tl.hasF && tl.Formula != "" && m.row1 <= r.maxRow && m.col1 <= r.maxCol {
			phantom = append(phantom, m)
			bound += (min(m.row2, r.maxRow) - m.row1 + 1) * (min(m.col2, r.maxCol) - m.col1 + 1)
		}
	}
	for row, st := range r.rowStyles {
		if !r.locked(st) && row <= r.maxRow {
			bound += r.maxCol
		}
	}
	unlockedCols := 0
	for col := 1; col <= r.maxCol; col++ {
		if st := r.columnStyle(col); st != 0 && !r.locked(st) {
			unlockedCols++
		}
	}
	bound += unlockedCols * r.maxRow
	if *r.cells+bound > r.lim.MaxCells {
		return nil, msg.Errorf("the workbook has more than %d cells; if it is genuine, raise the limit with --max-cells", r.lim.MaxCells)
	}
	var virtual []*xcell
	add := func(col, row int) {
		if find(col, row) == nil {
			virtual = append(virtual, &xcell{Cell: Cell{Col: col, Row: row}, style: r.fallback(col, row)})
		}
	}
	for _, m := range phantom {
		for row := m.row1; row <= min(m.row2, r.maxRow); row++ {
			for col := m.col1; col <= min(m.col2, r.maxCol); col++ {
				add(col, row)
			}
		}
	}
	for row, st := range r.rowStyles {
		if !r.locked(st) && row <= r.maxRow {
			for col := 1; col <= r.maxCol; col++ {
				add(col, row)
			}
		}
	}
	for col := 1; col <= r.maxCol && unlockedCols > 0; col++ {
		if st := r.columnStyle(col); st == 0 || r.locked(st) {
			continue
		}
		for row := 1; row <= r.maxRow; row++ {
			if r.rowStyles[row] == 0 {
				add(col, row)
			}
		}
	}
	all := r.xs
	if len(virtual) > 0 {
		all = append(slices.Clip(r.xs), virtual...)
		slices.SortFunc(all, func(a, b *xcell) int { return cmp.Compare(a.key(), b.key()) })
		all = slices.CompactFunc(all, func(a, b *xcell) bool { return a.key() == b.key() })
		*r.cells += len(all) - len(r.xs)
	}
	r.redirect(all)
	sh.Cells = make([]*Cell, 0, len(all))
	for _, x := range all {
		c := &x.Cell
		c.Type, c.NumFmt, c.Locked = cellTypeOf(x.t), r.numFmt(x.style), r.locked(x.style)
		if c.Value == "" && c.Formula == "" && c.Locked {
			continue
		}
		if c.Type == TypeUnset && c.Value != "" {
			c.Type = TypeNumber // a number is stored without a type attribute
		}
		if c.Ref == "" {
			c.Ref = cellName(c.Col, c.Row)
		}
		sh.Cells = append(sh.Cells, c)
	}
	return sh, nil
}

// shareFormulas gives each cell of a shared-formula group the formula of
// the group's first cell that gives the range, shifted.
func (r *sheetReader) shareFormulas() {
	type master struct {
		col, row int
		f        string
	}
	masters := map[int]master{}
	for _, x := range r.xs {
		if _, ok := masters[x.si]; x.shared && x.master && !ok {
			masters[x.si] = master{x.Col, x.Row, x.Formula}
		}
	}
	for _, x := range r.xs {
		if x.shared {
			x.Formula = ""
			if m, ok := masters[x.si]; ok {
				x.Formula = shiftFormula(m.f, x.Col-m.col, x.Row-m.row)
			}
		}
	}
}

// redirect gives every position inside a merged range its top-left
// cell's formula and type, and its value when it has none. cells are in
// row order; a sweep keeps the ranges that cover the current row, sorted
// by first column.
func (r *sheetReader) redirect(cells []*xcell) {
	if len(r.merges) == 0 {
		return
	}
	byRow := slices.Clone(r.merges)
	slices.SortStableFunc(byRow, func(a, b *merge) int { return cmp.Compare(a.row1, b.row1) })
	var active []*merge
	next, row := 0, 0
	for _, x := range cells {
		if x.Row != row {
			row = x.Row
			active = slices.DeleteFunc(active, func(m *merge) bool { return m.row2 < row })
			for next < len(byRow) && byRow[next].row1 <= row {
				if byRow[next].row2 >= row {
					active = append(active, byRow[next])
				}
				next++
			}
			if len(active) == 0 && next == len(byRow) {
				return // no range covers this row or any below it
			}
			slices.SortStableFunc(active, func(a, b *merge) int { return cmp.Compare(a.col1, b.col1) })
		}
		i, _ := slices.BinarySearchFunc(active, x.Col, func(m *merge, col int) int {
			if m.col1 <= col {
				return -1
			}
			return 1
		})
		if i == 0 {
			continue
		}
		m := active[i-1]
		if x.Col > m.col2 {
			continue
		}
		if x.Col == m.col1 && x.Row == m.row1 {
			own := *x
			m.tl = &own
			continue
		}
		tl := m.tl
		if tl == nil {
			tl = &xcell{}
		}
		x.t, x.hasF, x.Formula = tl.t, tl.hasF, tl.Formula
		if x.Value == "" && tl.hasF && tl.Formula != "" {
			x.Value = tl.Value
		}
	}
}

// shiftFormula moves the relative references of a shared formula by
// (dCol, dRow), as Excel reads each cell of a shared-formula group.
func shiftFormula(f string, dCol, dRow int) string {
	if dCol == 0 && dRow == 0 {
		return f
	}
	p := efp.ExcelParser()
	tokens := p.Parse(f)
	for i, t := range tokens {
		if t.TType == efp.TokenTypeOperand && t.TSubType == efp.TokenSubTypeRange {
			tokens[i].TValue = shiftRange(t.TValue, dCol, dRow)
		}
	}
	return p.Render()
}

// shiftRange shifts A1, $A1, A$1, A1:B2 and Sheet!A1 references.
func shiftRange(v string, dCol, dRow int) string {
	prefix := ""
	if i := strings.LastIndexByte(v, '!'); i >= 0 {
		prefix, v = v[:i+1], v[i+1:]
	}
	parts := strings.Split(v, ":")
	for j, p := range parts {
		absCol := strings.HasPrefix(p, "$")
		q := strings.TrimPrefix(p, "$")
		k := 0
		for k < len(q) && ('A' <= q[k] && q[k] <= 'Z' || 'a' <= q[k] && q[k] <= 'z') {
			k++
		}
		letters, digits := q[:k], q[k:]
		absRow := strings.HasPrefix(digits, "$")
		digits = strings.TrimPrefix(digits, "$")
		col := columnNumber(letters)
		row, err := strconv.Atoi(digits)
		switch {
		case letters != "" && digits != "" && col > 0 && err == nil:
			if !absCol {
				col += dCol
			}
			if !absRow {
				row += dRow
			}
			if col < 1 || row < 1 {
				return "#REF!"
			}
			parts[j] = dollar(absCol) + columnName(col) + dollar(absRow) + strconv.Itoa(row)
		case letters != "" && digits == "" && !absRow && col > 0: // a whole column
			if !absCol {
				col += dCol
			}
			parts[j] = dollar(absCol) + columnName(col)
		case letters == "" && err == nil: // a whole row
			if !absCol {
				row += dRow
			}
			parts[j] = dollar(absCol) + strconv.Itoa(row)
		}
	}
	return prefix + strings.Join(parts, ":")
}

func dollar(abs bool) string {
	if abs {
		return "$"
	}
	return ""
}

// The last row and column of a sheet.
const (
	maxRows    = 1 << 20
	maxColumns = 1 << 14
)

// parseRef parses A1 into (1, 1); ok false for anything else or a cell
// outside the sheet.
func parseRef(s string) (col, row int, ok bool) {
	i := 0
	for i < len(s) && i < 4 {
		c := s[i]
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c < 'A' || c > 'Z' {
			break
		}
		col = col*26 + int(c-'A'+1)
		i++
	}
	if i == 0 || i == len(s) || len(s)-i > 7 || col > maxColumns {
		return 0, 0, false
	}
	for ; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, 0, false
		}
		row = row*10 + int(c-'0')
	}
	if row < 1 || row > maxRows {
		return 0, 0, false
	}
	return col, row, true
}

// columnNumber is 1 for A, 27 for AA; 0 for anything else.
func columnNumber(s string) int {
	if s == "" || len(s) > 3 {
		return 0
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		n = n*26 + int(c-'A'+1)
	}
	if n > maxColumns {
		return 0
	}
	return n
}

// columnName is A for 1, AA for 27.
func columnName(n int) string {
	var b [4]byte
	i := len(b)
	for n > 0 && i > 0 {
		n--
		i--
		b[i] = byte('A' + n%26)
		n /= 26
	}
	return string(b[i:])
}

func cellName(col, row int) string {
	var b [16]byte
	i := len(b)
	for r := max(row, 0); ; {
		i--
		b[i] = byte('0' + r%10)
		r /= 10
		if r == 0 || i == 4 {
			break
		}
	}
	for c := col; c > 0 && i > 0; {
		c--
		i--
		b[i] = byte('A' + c%26)
		c /= 26
	}
	return string(b[i:])
}

// cellTypeOf is the Cell.Type of a type attribute.
func cellTypeOf(t cellType) Type {
	switch t {
	case tBool:
		return TypeBool
	case tDate:
		return TypeDate
	case tError:
		return TypeError
	case tStr:
		return TypeFormula
	case tShared, tInline:
		return TypeString
	case tNumber:
		return TypeNumber
	}
	return TypeUnset
}
