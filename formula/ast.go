package formula

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// Node is an element of a formula's syntax tree. String returns the node
// in canonical form (see Formula.String).
type Node interface {
	// Position returns the byte offset of the node in the source: that of
	// its operator for unary, binary and percent nodes, of the name for a
	// call, of the sheet prefix (or the reference) for a reference.
	Position() Pos
	String() string
	write(sb *strings.Builder)
}

// NumberNode is a numeric constant.
type NumberNode struct {
	Pos   Pos
	Value decimal.Decimal
}

// StringNode is a text constant.
type StringNode struct {
	Pos   Pos
	Value string // unquoted
}

// BoolNode is TRUE or FALSE.
type BoolNode struct {
	Pos   Pos
	Value bool
}

// ErrorNode is an error constant such as #REF!.
type ErrorNode struct {
	Pos  Pos
	Code ErrorCode
}

// CellRef is the address part of a reference: 1-based column and row and
// whether each is absolute ($). In a column range the rows are 0, in a row
// range the columns are 0.
type CellRef struct {
	Col, Row       int
	AbsCol, AbsRow bool
}

// RefNode is a reference to a single cell, e.g. A1 or '附件4-2'!$C$5.
type RefNode struct {
	Pos   Pos
	Sheet string // "" for the formula's own sheet
	Cell  CellRef
}

// RangeKind tells cell ranges (A1:B2) from whole columns (A:B) and whole
// rows (1:2).
type RangeKind uint8

// The kinds of range.
const (
	CellRange RangeKind = iota
	ColumnRange
	RowRange
)

// RangeNode is a rectangular range, e.g. C5:C7, Sheet1!$A:$B or 3:4.
type RangeNode struct {
	Pos      Pos
	Sheet    string // "" for the formula's own sheet
	Kind     RangeKind
	From, To CellRef // as written, not normalized
}

// NameNode is a defined name (which this package does not resolve).
type NameNode struct {
	Pos  Pos
	Name string
}

// MissingNode is an omitted function argument, as in IF(A1,,1).
type MissingNode struct {
	Pos Pos
}

// UnaryNode is a prefix - or +.
type UnaryNode struct {
	Pos Pos
	Op  string // "-" or "+"
	X   Node
}

// PercentNode is the postfix % operator.
type PercentNode struct {
	Pos Pos
	X   Node
}

// BinaryNode is an infix operation.
type BinaryNode struct {
	Pos  Pos
	Op   string // one of ^ * / + - & = <> < > <= >=
	X, Y Node
}

// CallNode is a function call. Name is as written (it may carry the
// _xlfn. prefix); see FuncName for the name used for lookup.
type CallNode struct {
	Pos  Pos
	Name string
	Args []Node
}

func (n *NumberNode) Position() Pos  { return n.Pos }
func (n *StringNode) Position() Pos  { return n.Pos }
func (n *BoolNode) Position() Pos    { return n.Pos }
func (n *ErrorNode) Position() Pos   { return n.Pos }
func (n *RefNode) Position() Pos     { return n.Pos }
func (n *RangeNode) Position() Pos   { return n.Pos }
func (n *NameNode) Position() Pos    { return n.Pos }
func (n *MissingNode) Position() Pos { return n.Pos }
func (n *UnaryNode) Position() Pos   { return n.Pos }
func (n *PercentNode) Position() Pos { return n.Pos }
func (n *BinaryNode) Position() Pos  { return n.Pos }
func (n *CallNode) Position() Pos    { return n.Pos }

func (n *NumberNode) String() string  { return nodeString(n) }
func (n *StringNode) String() string  { return nodeString(n) }
func (n *BoolNode) String() string    { return nodeString(n) }
func (n *ErrorNode) String() string   { return nodeString(n) }
func (n *RefNode) String() string     { return nodeString(n) }
func (n *RangeNode) String() string   { return nodeString(n) }
func (n *NameNode) String() string    { return nodeString(n) }
func (n *MissingNode) String() string { return "" }
func (n *UnaryNode) String() string   { return nodeString(n) }
func (n *PercentNode) String() string { return nodeString(n) }
func (n *BinaryNode) String() string  { return nodeString(n) }
func (n *CallNode) String() string    { return nodeString(n) }

func nodeString(n Node) string {
	var sb strings.Builder
	n.write(&sb)
	return sb.String()
}

// Operator precedence, lowest first, as in Excel. Unary minus binds
// tighter than ^, so -2^2 is 4.
const (
	precCompare = iota + 1 // = <> < > <= >=
	precConcat             // &
	precAdd                // + -
	precMul                // * /
	precPow                // ^
	precPercent            // %
	precUnary              // - +
	precPrimary
)

func binaryPrec(op string) int {
	switch op {
	case "^":
		return precPow
	case "*", "/":
		return precMul
	case "+", "-":
		return precAdd
	case "&":
		return precConcat
	}
	return precCompare
}

func precOf(n Node) int {
	switch n := n.(type) {
	case *BinaryNode:
		return binaryPrec(n.Op)
	case *UnaryNode:
		return precUnary
	case *PercentNode:
		return precPercent
	}
	return precPrimary
}

// writeOperand writes n, in parentheses if it binds less tightly than min.
func writeOperand(sb *strings.Builder, n Node, min int) {
	if precOf(n) < min {
		sb.WriteByte('(')
		n.write(sb)
		sb.WriteByte(')')
		return
	}
	n.write(sb)
}

func (n *NumberNode) write(sb *strings.Builder) { sb.WriteString(formatDecimal(n.Value)) }

func (n *StringNode) write(sb *strings.Builder) {
	sb.WriteByte('"')
	sb.WriteString(strings.ReplaceAll(n.Value, `"`, `""`))
	sb.WriteByte('"')
}

func (n *BoolNode) write(sb *strings.Builder) {
	if n.Value {
		sb.WriteString("TRUE")
	} else {
		sb.WriteString("FALSE")
	}
}

func (n *ErrorNode) write(sb *strings.Builder) { sb.WriteString(n.Code.String()) }

func (n *RefNode) write(sb *strings.Builder) {
	writeSheet(sb, n.Sheet)
	n.Cell.write(sb, true)
}

func (n *RangeNode) write(sb *strings.Builder) {
	writeSheet(sb, n.Sheet)
	n.From.write(sb, true)
	sb.WriteByte(':')
	n.To.write(sb, true)
}

func (n *NameNode) write(sb *strings.Builder)    { sb.WriteString(n.Name) }
func (n *MissingNode) write(sb *strings.Builder) {}

func (n *UnaryNode) write(sb *strings.Builder) {
	sb.WriteString(n.Op)
	writeOperand(sb, n.X, precUnary)
}

func (n *PercentNode) write(sb *strings.Builder) {
	writeOperand(sb, n.X, precPercent)
	sb.WriteByte('%')
}

func (n *BinaryNode) write(sb *strings.Builder) {
	p := binaryPrec(n.Op)
	writeOperand(sb, n.X, p)
	sb.WriteString(n.Op)
	writeOperand(sb, n.Y, p+1)
}

func (n *CallNode) write(sb *strings.Builder) {
	sb.WriteString(upperASCII(n.Name))
	sb.WriteByte('(')
	for i, a := range n.Args {
		if i > 0 {
			sb.WriteByte(',')
		}
		a.write(sb)
	}
	sb.WriteByte(')')
}

// write writes r as in A1 notation; dollars are written if withAbs.
// Zero parts (of whole-column or whole-row ranges) are left out.
func (r CellRef) write(sb *strings.Builder, withAbs bool) {
	if r.Col > 0 {
		if withAbs && r.AbsCol {
			sb.WriteByte('$')
		}
		sb.WriteString(ColumnName(r.Col))
	}
	if r.Row > 0 {
		if withAbs && r.AbsRow {
			sb.WriteByte('$')
		}
		sb.WriteString(strconv.Itoa(r.Row))
	}
}

// String returns r in A1 notation, with its dollars.
func (r CellRef) String() string {
	var sb strings.Builder
	r.write(&sb, true)
	return sb.String()
}

// ColumnName returns the letters of 1-based column col: 1 is A, 27 is AA.
func ColumnName(col int) string {
	var b [8]byte
	i := len(b)
	for col > 0 && i > 0 {
		col--
		i--
		b[i] = byte('A' + col%26)
		col /= 26
	}
	return string(b[i:])
}

// writeSheet writes the sheet prefix of a reference, if any.
func writeSheet(sb *strings.Builder, sheet string) {
	if sheet == "" {
		return
	}
	sb.WriteString(QuoteSheet(sheet))
	sb.WriteByte('!')
}

// QuoteSheet returns the sheet name as it must appear before '!' in a
// formula: as is when it is a plain name (letters, digits, '_' and '.',
// not starting with a digit or '.', and not looking like a reference),
// otherwise in single quotes with quotes doubled.
func QuoteSheet(name string) string {
	if !needsQuotes(name) {
		return name
	}
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}

func needsQuotes(name string) bool {
	if name == "" {
		return true
	}
	first, _ := utf8.DecodeRuneInString(name)
	if !(first == '_' || unicode.IsLetter(first)) {
		return true
	}
	for _, r := range name {
		if r == '$' || !isWordRune(r) {
			return true
		}
	}
	// Names like A1, XFD1048576, ABC12, R1C1, R or C could be read as
	// references in A1 or R1C1 notation.
	i := 0
	for i < len(name) && ('A' <= name[i]&^0x20 && name[i]&^0x20 <= 'Z') {
		i++
	}
	j := i
	for j < len(name) && isDigit(name[j]) {
		j++
	}
	if j == len(name) && i > 0 && i <= 3 && j > i {
		return true
	}
	if isR1C1(name) || strings.EqualFold(name, "TRUE") || strings.EqualFold(name, "FALSE") {
		return true
	}
	return false
}

// isR1C1 reports whether s looks like an R1C1 reference: R, C, R1, C1,
// R1C1 (any case).
func isR1C1(s string) bool {
	i := 0
	if i < len(s) && s[i]&^0x20 == 'R' {
		i++
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	}
	if i < len(s) && s[i]&^0x20 == 'C' {
		i++
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	}
	return i > 0 && i == len(s)
}

// upperASCII upper-cases ASCII letters only, so that the result lexes
// like the input.
func upperASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if 'a' <= s[i] && s[i] <= 'z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'a' <= b[j] && b[j] <= 'z' {
					b[j] -= 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// FuncName returns the name under which a function is looked up: upper
// case, without the _xlfn. and _xlws. prefixes that OOXML adds to newer
// functions.
func FuncName(name string) string {
	name = upperASCII(name)
	for {
		switch {
		case strings.HasPrefix(name, "_XLFN."):
			name = name[len("_XLFN."):]
		case strings.HasPrefix(name, "_XLWS."):
			name = name[len("_XLWS."):]
		default:
			return name
		}
	}
}

// walk calls fn for n and every node below it, in source order.
func walk(n Node, fn func(Node)) {
	fn(n)
	switch n := n.(type) {
	case *UnaryNode:
		walk(n.X, fn)
	case *PercentNode:
		walk(n.X, fn)
	case *BinaryNode:
		walk(n.X, fn)
		walk(n.Y, fn)
	case *CallNode:
		for _, a := range n.Args {
			walk(a, fn)
		}
	}
}
