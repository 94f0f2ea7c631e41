package formula

import (
	"sort"
	"strings"
)

// Reference is a cell or range that a formula refers to.
type Reference struct {
	Pos       Pos
	Area      Area // Sheet is resolved: the formula's own sheet if unqualified
	Range     bool // written as a range (A1:B2, A:A, 1:1), not a single cell
	Qualified bool // the formula names the sheet
}

// Refs lists the references of f in source order. sheet is the sheet
// holding the formula, used for unqualified references.
func (f *Formula) Refs(sheet string) []Reference {
	var refs []Reference
	walk(f.Root, func(n Node) {
		switch n := n.(type) {
		case *RefNode:
			s := n.Sheet
			if s == "" {
				s = sheet
			}
			refs = append(refs, Reference{
				Pos:       n.Pos,
				Area:      Area{Sheet: s, Col1: n.Cell.Col, Row1: n.Cell.Row, Col2: n.Cell.Col, Row2: n.Cell.Row},
				Qualified: n.Sheet != "",
			})
		case *RangeNode:
			s := n.Sheet
			if s == "" {
				s = sheet
			}
			refs = append(refs, Reference{Pos: n.Pos, Area: n.area(s), Range: true, Qualified: n.Sheet != ""})
		}
	})
	return refs
}

// maxExpand bounds the cells a range argument of SUM is expanded to by
// Normalized; larger ranges are kept as ranges.
const maxExpand = 10000

// Normalized returns the form of f used to decide equivalence, which is
// also readable for display: the canonical form (see String) without $
// signs, the _xlfn. prefix and unary plus, with sheet names lower-cased
// and quoted only where needed, and with the reference arguments of each
// SUM expanded to single cells, sorted by sheet, row and column and listed
// before its other arguments (which keep their order); a range of more
// than 10000 cells stays a range. If sheet is not empty, unqualified references are
// qualified with it, so that A1 and Sheet1!A1 are the same on Sheet1.
//
// For example SUM(C5:C6,$C$7) and sum(c5,C6,C7) both normalize to
// SUM(C5,C6,C7).
func (f *Formula) Normalized(sheet string) string {
	var sb strings.Builder
	nw := normalizer{sheet: sheet}
	nw.write(&sb, f.Root, 0)
	return sb.String()
}

// Match is how a formula found in a workbook compares with the formula
// the templates give for its cell.
type Match int

// The matches, from the closest.
const (
	// Same is the same formula up to spelling: spaces, the case of names,
	// a leading '=', quoting of sheet names, the notation of numbers and
	// redundant parentheses (equal canonical forms, see Formula.String).
	Same Match = iota
	// Rewritten is a formula written differently that gives the same value
	// (see Compare).
	Rewritten
	// Changed is a formula whose value can differ.
	Changed
)

// Compare tells how formula got compares with formula want, both standing
// on sheet (see Normalized; "" when unknown).
//
// Two formulas that are not the Same are Rewritten when they have the same
// Normalized form ($ signs, a sheet-qualified reference to their own sheet,
// the _xlfn. prefix, SUM(C5:C7) for SUM(C5,C6,C7)), or when both are plain sums that add up
// and subtract the same cells: sums and differences of cell references,
// of SUM calls over references and ranges, and of such sums in
// parentheses, with the same multiset of signed cells once ranges are
// expanded; a 0 among the terms adds nothing. So B6+B7+B8, SUM(B6:B8),
// B8+SUM(B6,B7), SUM($B$6:B8) and B6+B7+B8+0 are all Rewritten forms of
// each other, and so are B7-B6 and -B6+B7; but B6+B7 and SUM(B6:B8), B6-B7
// and B7-B6, SUM(B6:B8)*1 and SUM(B6:B8), B6+B7-B7 and B6, B6+1-1 and B6
// are Changed: anything that is not a plain sum must
// normalize to the same form. A plain sum is compared over cells that
// hold numbers, as the amount cells of a budget table do: SUM skips a
// text where + fails, which the caller reports at that cell. A sum of
// more than 10000 cells is compared by its Normalized form only.
//
// The error is the first syntax error.
func Compare(got, want, sheet string) (Match, error) {
	fg, err := Parse(got)
	if err != nil {
		return Changed, err
	}
	fw, err := Parse(want)
	if err != nil {
		return Changed, err
	}
	if fg.String() == fw.String() {
		return Same, nil
	}
	if fg.Normalized(sheet) == fw.Normalized(sheet) {
		return Rewritten, nil
	}
	nw := normalizer{sheet: sheet}
	tg, okg := nw.sumCells(fg.Root)
	tw, okw := nw.sumCells(fw.Root)
	if okg && okw && sameCounts(tg, tw) {
		return Rewritten, nil
	}
	return Changed, nil
}

// signedCell is a cell that a plain sum adds (or subtracts, neg).
type signedCell struct {
	sheet    string
	col, row int
	neg      bool
}

// sumCells returns how many times a plain sum n adds and subtracts each
// cell; ok is false when n is not a plain sum or adds up too many cells.
func (nw normalizer) sumCells(n Node) (cells map[signedCell]int, ok bool) {
	cells = map[signedCell]int{}
	budget := maxExpand
	var add func(n Node, neg, inSum bool) bool
	add = func(n Node, neg, inSum bool) bool {
		switch n := unplus(n).(type) {
		case *RefNode:
			if budget--; budget < 0 {
				return false
			}
			cells[signedCell{sheet: nw.sheetOf(n.Sheet), col: n.Cell.Col, row: n.Cell.Row, neg: neg}]++
			return true
		case *RangeNode:
			if !inSum { // outside SUM a range is an implicit intersection
				return false
			}
			a := n.area(nw.sheetOf(n.Sheet))
			if a.Size() > int64(budget) {
				return false
			}
			budget -= int(a.Size())
			for row := a.Row1; row <= a.Row2; row++ {
				for col := a.Col1; col <= a.Col2; col++ {
					cells[signedCell{sheet: a.Sheet, col: col, row: row, neg: neg}]++
				}
			}
			return true
		case *NumberNode: // adding 0 adds nothing; any other constant is no plain sum
			return n.Value.IsZero()
		case *UnaryNode: // unplus leaves only minus
			return add(n.X, !neg, false)
		case *BinaryNode:
			switch n.Op {
			case "+":
				return add(n.X, neg, false) && add(n.Y, neg, false)
			case "-":
				return add(n.X, neg, false) && add(n.Y, !neg, false)
			}
		case *CallNode:
			if FuncName(n.Name) != "SUM" || len(n.Args) == 0 {
				return false
			}
			for _, a := range n.Args {
				if !add(a, neg, true) {
					return false
				}
			}
			return true
		}
		return false
	}
	if !add(n, false, false) {
		return nil, false
	}
	return cells, true
}

// sameCounts reports whether two multisets of signed cells are equal.
func sameCounts(a, b map[signedCell]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, n := range a {
		if b[k] != n {
			return false
		}
	}
	return true
}

type normalizer struct {
	sheet string
}

// sheetOf returns the normalized sheet name of a reference.
func (nw normalizer) sheetOf(s string) string {
	if s == "" {
		s = nw.sheet
	}
	return foldName(s)
}

// unplus strips unary plus operators.
func unplus(n Node) Node {
	for {
		u, ok := n.(*UnaryNode)
		if !ok || u.Op != "+" {
			return n
		}
		n = u.X
	}
}

// write writes n in normalized form, in parentheses if it binds less
// tightly than min.
func (nw normalizer) write(sb *strings.Builder, n Node, min int) {
	n = unplus(n)
	if precOf(n) < min {
		sb.WriteByte('(')
		defer sb.WriteByte(')')
	}
	switch n := n.(type) {
	case *RefNode:
		writeSheet(sb, nw.sheetOf(n.Sheet))
		n.Cell.write(sb, false)
	case *RangeNode:
		a := n.area(nw.sheetOf(n.Sheet))
		writeSheet(sb, a.Sheet)
		CellRef{Col: a.Col1, Row: a.Row1}.write(sb, false)
		sb.WriteByte(':')
		CellRef{Col: a.Col2, Row: a.Row2}.write(sb, false)
	case *NameNode:
		sb.WriteString(strings.ToUpper(n.Name))
	case *UnaryNode:
		sb.WriteString(n.Op)
		nw.write(sb, n.X, precUnary)
	case *PercentNode:
		nw.write(sb, n.X, precPercent)
		sb.WriteByte('%')
	case *BinaryNode:
		p := binaryPrec(n.Op)
		nw.write(sb, n.X, p)
		sb.WriteString(n.Op)
		nw.write(sb, n.Y, p+1)
	case *CallNode:
		name := FuncName(n.Name)
		sb.WriteString(name)
		sb.WriteByte('(')
		var args []string
		if name == "SUM" {
			args = nw.sumArgs(n.Args)
		} else {
			for _, a := range n.Args {
				args = append(args, nw.string(a))
			}
		}
		sb.WriteString(strings.Join(args, ","))
		sb.WriteByte(')')
	default:
		n.write(sb)
	}
}

func (nw normalizer) string(n Node) string {
	var sb strings.Builder
	nw.write(&sb, n, 0)
	return sb.String()
}

// sumArgs returns the normalized arguments of SUM: the cells of its
// references, sorted, then its other arguments in order.
func (nw normalizer) sumArgs(args []Node) []string {
	type cellArg struct {
		sheet    string
		row, col int
		text     string
	}
	var cells []cellArg
	var others []string
	addCell := func(sheet string, col, row int) {
		var sb strings.Builder
		writeSheet(&sb, sheet)
		CellRef{Col: col, Row: row}.write(&sb, false)
		cells = append(cells, cellArg{sheet: sheet, row: row, col: col, text: sb.String()})
	}
	for _, a := range args {
		switch a := unplus(a).(type) {
		case *RefNode:
			addCell(nw.sheetOf(a.Sheet), a.Cell.Col, a.Cell.Row)
		case *RangeNode:
			ar := a.area(nw.sheetOf(a.Sheet))
			if ar.Size() > maxExpand {
				cells = append(cells, cellArg{sheet: ar.Sheet, row: ar.Row1, col: ar.Col1, text: nw.string(a)})
				continue
			}
			for row := ar.Row1; row <= ar.Row2; row++ {
				for col := ar.Col1; col <= ar.Col2; col++ {
					addCell(ar.Sheet, col, row)
				}
			}
		default:
			others = append(others, nw.string(a))
		}
	}
	sort.Slice(cells, func(i, j int) bool {
		c, d := cells[i], cells[j]
		switch {
		case c.sheet != d.sheet:
			return c.sheet < d.sheet
		case c.row != d.row:
			return c.row < d.row
		case c.col != d.col:
			return c.col < d.col
		}
		return c.text < d.text
	})
	out := make([]string, 0, len(cells)+len(others))
	for _, c := range cells {
		out = append(out, c.text)
	}
	return append(out, others...)
}
