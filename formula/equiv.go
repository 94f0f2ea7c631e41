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

// Equivalent reports whether two formulas are the same for review, i.e.
// have the same Normalized form: it ignores $, case, spaces, a leading
// '=', the _xlfn. prefix and quoting of sheet names, and treats
// SUM(C5:C7), SUM(C5,C6,C7) and SUM(C5:C6,C7) as equal. Operands are not
// reordered: A1+B1 and B1+A1 differ. sheet is the sheet holding both
// formulas (see Normalized), or "". The error is the first syntax error.
func Equivalent(a, b, sheet string) (bool, error) {
	fa, err := Parse(a)
	if err != nil {
		return false, err
	}
	fb, err := Parse(b)
	if err != nil {
		return false, err
	}
	return fa.Normalized(sheet) == fb.Normalized(sheet), nil
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
