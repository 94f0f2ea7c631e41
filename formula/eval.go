package formula

import (
	"math"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"budgetxl/internal/decsum"
)

// Addr is the address of a cell: a sheet name and a 1-based column and row.
type Addr struct {
	Sheet    string
	Col, Row int
}

// String returns the address for messages, e.g. 附件4-2!C5 (the sheet name
// is not quoted).
func (a Addr) String() string {
	return Area{Sheet: a.Sheet, Col1: a.Col, Row1: a.Row, Col2: a.Col, Row2: a.Row}.String()
}

// Area is a rectangle of cells on one sheet; Col1 <= Col2 and Row1 <= Row2,
// all 1-based and inclusive. Whole columns span rows 1 to MaxRow, whole
// rows columns 1 to MaxCol.
type Area struct {
	Sheet      string
	Col1, Row1 int
	Col2, Row2 int
}

// String returns the area for messages, e.g. Sheet1!A1:B3.
func (a Area) String() string {
	var sb strings.Builder
	if a.Sheet != "" {
		sb.WriteString(a.Sheet)
		sb.WriteByte('!')
	}
	CellRef{Col: a.Col1, Row: a.Row1}.write(&sb, false)
	if a.Col1 != a.Col2 || a.Row1 != a.Row2 {
		sb.WriteByte(':')
		CellRef{Col: a.Col2, Row: a.Row2}.write(&sb, false)
	}
	return sb.String()
}

// Size returns the number of cells in a.
func (a Area) Size() int64 { return int64(a.Col2-a.Col1+1) * int64(a.Row2-a.Row1+1) }

// area returns the area of a range node on the given sheet.
func (n *RangeNode) area(sheet string) Area { return n.areaAt(sheet, 0) }

// areaAt is area with the relative rows moved by delta (see
// formCell.delta).
func (n *RangeNode) areaAt(sheet string, delta int) Area {
	from, to := n.From.moved(delta), n.To.moved(delta)
	a := Area{Sheet: sheet, Col1: from.Col, Row1: from.Row, Col2: to.Col, Row2: to.Row}
	switch n.Kind {
	case ColumnRange:
		a.Row1, a.Row2 = 1, MaxRow
	case RowRange:
		a.Col1, a.Col2 = 1, MaxCol
	}
	if a.Col1 > a.Col2 {
		a.Col1, a.Col2 = a.Col2, a.Col1
	}
	if a.Row1 > a.Row2 {
		a.Row1, a.Row2 = a.Row2, a.Row1
	}
	return a
}

// Context supplies the values of cells to Eval.
type Context interface {
	// Cell returns the value of a cell: the empty Value for a blank or
	// absent cell, ErrorValue(ErrRef) if the sheet does not exist.
	Cell(sheet string, col, row int) Value
}

// RangeContext is a Context that can list the non-blank cells of an area,
// so that ranges such as A:A cost only the cells that exist. Without it,
// Eval reads every cell of a range through Cell.
type RangeContext interface {
	Context
	// Range calls fn for each non-blank cell of a, row by row, until fn
	// returns false. It returns false if the sheet does not exist.
	Range(a Area, fn func(col, row int, v Value) bool) bool
}

// maxScan bounds the cells of one range read through Context.Cell when
// the context is not a RangeContext.
const maxScan = 1 << 22

// Eval evaluates the formula as the content of the cell at: unqualified
// references are to at.Sheet, and a range used where one value is
// expected is intersected with at's row or column, as Excel does. A
// formula whose result is a blank cell evaluates to 0.
func (f *Formula) Eval(ctx Context, at Addr) Value {
	return f.evalAt(newEvaluator(ctx), at)
}

// evalAt is Eval with an evaluator, which Book.Evaluate reuses from one
// formula to the next.
func (f *Formula) evalAt(e *evaluator, at Addr) Value {
	e.at = at
	v := e.eval(f.Root)
	if v.kind == KindEmpty {
		return NumberValue(decimal.Zero)
	}
	return v
}

type evaluator struct {
	ctx   Context
	rctx  RangeContext
	book  *Book // ctx if it is a Book, whose ranges are read directly
	at    Addr
	delta int               // rows the relative references move by: the formula shares its shape's tree (see formCell)
	nums  []decimal.Decimal // the numbers functions gather, a stack (see numbers)
}

// ref is the cell a reference of the formula being evaluated names.
func (e *evaluator) ref(n *RefNode) (sheet string, col, row int) {
	c := n.Cell.moved(e.delta)
	return e.sheet(n.Sheet), c.Col, c.Row
}

// area is the area a range of the formula being evaluated names.
func (e *evaluator) area(n *RangeNode) Area { return n.areaAt(e.sheet(n.Sheet), e.delta) }

func newEvaluator(ctx Context) *evaluator {
	e := &evaluator{ctx: ctx}
	e.rctx, _ = ctx.(RangeContext)
	e.book, _ = ctx.(*Book)
	return e
}

func (e *evaluator) sheet(s string) string {
	if s == "" {
		return e.at.Sheet
	}
	return s
}

// eval evaluates n where a single value is expected.
func (e *evaluator) eval(n Node) Value {
	switch n := n.(type) {
	case *NumberNode:
		return NumberValue(n.Value)
	case *StringNode:
		return StringValue(n.Value)
	case *BoolNode:
		return BoolValue(n.Value)
	case *ErrorNode:
		return ErrorValue(n.Code)
	case *MissingNode:
		return Value{}
	case *RefNode:
		return e.ctx.Cell(e.ref(n))
	case *RangeNode:
		return e.intersect(n)
	case *NameNode:
		return UnknownValue("unsupported name " + n.Name)
	case *UnaryNode:
		v := e.eval(n.X)
		if n.Op == "+" {
			return v // unary plus does not convert in Excel: =+"a" is "a"
		}
		d, bad, ok := toNumber(v)
		if !ok {
			return bad
		}
		return NumberValue(d.Neg())
	case *PercentNode:
		d, bad, ok := toNumber(e.eval(n.X))
		if !ok {
			return bad
		}
		return normalize(d.Shift(-2))
	case *BinaryNode:
		return e.binary(n)
	case *CallNode:
		return e.call(n)
	}
	return UnknownValue("unknown node")
}

// intersect returns the value of the cell of range n that is on the row
// (for a single column) or the column (for a single row) of the formula's
// cell: Excel's implicit intersection. Otherwise it is #VALUE!.
func (e *evaluator) intersect(n *RangeNode) Value {
	a := e.area(n)
	switch {
	case a.Col1 == a.Col2 && a.Row1 == a.Row2:
		return e.ctx.Cell(a.Sheet, a.Col1, a.Row1)
	case a.Col1 == a.Col2 && a.Row1 <= e.at.Row && e.at.Row <= a.Row2:
		return e.ctx.Cell(a.Sheet, a.Col1, e.at.Row)
	case a.Row1 == a.Row2 && a.Col1 <= e.at.Col && e.at.Col <= a.Col2:
		return e.ctx.Cell(a.Sheet, e.at.Col, a.Row1)
	}
	return ErrorValue(ErrValue)
}

// isRef reports whether n is a reference, which functions such as SUM
// treat differently from a value.
func isRef(n Node) bool {
	switch n.(type) {
	case *RefNode, *RangeNode:
		return true
	}
	return false
}

// cells calls fn for each non-blank cell of the reference n, row by row,
// and stops at the first failed value fn returns, which it returns.
func (e *evaluator) cells(n Node, fn func(Value) Value) Value {
	if r, ok := n.(*RefNode); ok {
		v := e.ctx.Cell(e.ref(r))
		if v.kind == KindEmpty {
			return Value{}
		}
		return fn(v)
	}
	a := e.area(n.(*RangeNode))
	var res Value
	if e.rctx != nil {
		if !e.rctx.Range(a, func(_, _ int, v Value) bool {
			res = fn(v)
			return !res.failed()
		}) {
			return ErrorValue(ErrRef)
		}
		return res
	}
	if a.Size() > maxScan {
		return UnknownValue("range " + a.String() + " too large to scan")
	}
	for row := a.Row1; row <= a.Row2; row++ {
		for col := a.Col1; col <= a.Col2; col++ {
			v := e.ctx.Cell(a.Sheet, col, row)
			if v.kind == KindEmpty {
				continue
			}
			if res = fn(v); res.failed() {
				return res
			}
		}
	}
	return Value{}
}

// binary evaluates an infix operation. Both operands are evaluated; the
// left one is converted first, so its error wins.
func (e *evaluator) binary(n *BinaryNode) Value {
	x := e.eval(n.X)
	y := e.eval(n.Y)
	switch n.Op {
	case "&":
		s, bad, ok := toText(x)
		if !ok {
			return bad
		}
		t, bad, ok := toText(y)
		if !ok {
			return bad
		}
		return StringValue(s + t)
	case "=", "<>", "<", ">", "<=", ">=":
		if x.failed() {
			return x
		}
		if y.failed() {
			return y
		}
		c := compare(x, y)
		switch n.Op {
		case "=":
			return BoolValue(c == 0)
		case "<>":
			return BoolValue(c != 0)
		case "<":
			return BoolValue(c < 0)
		case ">":
			return BoolValue(c > 0)
		case "<=":
			return BoolValue(c <= 0)
		}
		return BoolValue(c >= 0)
	}
	a, bad, ok := toNumber(x)
	if !ok {
		return bad
	}
	b, bad, ok := toNumber(y)
	if !ok {
		return bad
	}
	switch n.Op {
	case "+":
		return normalize(decsum.Add2(a, b, false))
	case "-":
		return normalize(decsum.Add2(a, b, true))
	case "*":
		return normalize(a.Mul(b))
	case "/":
		return divide(a, b)
	case "^":
		return power(a, b)
	}
	return UnknownValue("unknown operator " + n.Op)
}

// compare orders two values as Excel's comparison operators do: a blank
// takes the type of the other side (0, "" or FALSE); numbers sort before
// text, text before booleans; text compares case-insensitively (by code
// point of the lower-cased text, not by locale collation).
func compare(x, y Value) int {
	if x.kind == KindEmpty && y.kind == KindEmpty {
		return 0
	}
	if x.kind == KindEmpty {
		x = zeroOf(y.kind)
	}
	if y.kind == KindEmpty {
		y = zeroOf(x.kind)
	}
	if r, s := typeRank(x.kind), typeRank(y.kind); r != s {
		if r < s {
			return -1
		}
		return 1
	}
	switch x.kind {
	case KindNumber:
		return x.Number().Cmp(y.Number())
	case KindString:
		if strings.EqualFold(x.str, y.str) {
			return 0
		}
		return strings.Compare(strings.ToLower(x.str), strings.ToLower(y.str))
	case KindBool:
		switch {
		case x.b == y.b:
			return 0
		case y.b:
			return -1
		}
		return 1
	}
	return 0
}

func zeroOf(k Kind) Value {
	switch k {
	case KindString:
		return StringValue("")
	case KindBool:
		return BoolValue(false)
	}
	return NumberValue(decimal.Zero)
}

func typeRank(k Kind) int {
	switch k {
	case KindString:
		return 1
	case KindBool:
		return 2
	}
	return 0
}

// divide returns a/b rounded half away from zero to Precision significant
// digits (exact quotients such as 1/4 or 10/3*3 inputs stay exact as long
// as they fit), or #DIV/0!.
func divide(a, b decimal.Decimal) Value {
	if b.IsZero() {
		return ErrorValue(ErrDiv0)
	}
	if a.IsZero() {
		return NumberValue(decimal.Zero)
	}
	// The quotient has magnitude(a)-magnitude(b) or one more digits
	// before the point.
	places := Precision - (magnitude(a) - magnitude(b) + 1)
	return normalize(a.DivRound(b, int32(places)))
}

// maxExactPower bounds the integer exponents computed exactly.
const maxExactPower = 1024

// power returns a^b. Integer exponents are computed exactly by repeated
// multiplication (then rounded to Precision significant digits if longer);
// other exponents go through float64 math.Pow, the only place where this
// package uses floating point on values: amounts are never raised to a
// fractional power. Like Excel, 0^0 is #NUM!, 0^-1 #DIV/0!, a negative base
// with a fractional exponent #NUM!, and overflow #NUM!.
func power(a, b decimal.Decimal) Value {
	if a.IsZero() {
		switch b.Sign() {
		case 0:
			return ErrorValue(ErrNum)
		case -1:
			return ErrorValue(ErrDiv0)
		}
		return NumberValue(decimal.Zero)
	}
	if b.IsInteger() && magnitude(b) <= 4 && b.Abs().IntPart() <= maxExactPower {
		n := b.IntPart()
		neg := n < 0
		if neg {
			n = -n
		}
		result := decimal.NewFromInt(1)
		base := a
		for n > 0 {
			if n&1 == 1 {
				v := normalize(result.Mul(base))
				if v.kind != KindNumber {
					return overflowOrZero(v, neg)
				}
				result = v.Number()
			}
			n >>= 1
			if n > 0 {
				v := normalize(base.Mul(base))
				if v.kind != KindNumber {
					return overflowOrZero(v, neg)
				}
				base = v.Number()
			}
		}
		if neg {
			if result.IsZero() { // underflow of a^|n|
				return ErrorValue(ErrNum)
			}
			return divide(decimal.NewFromInt(1), result)
		}
		return NumberValue(result)
	}
	if a.Sign() < 0 && !b.IsInteger() {
		return ErrorValue(ErrNum)
	}
	f := math.Pow(a.InexactFloat64(), b.InexactFloat64())
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return ErrorValue(ErrNum)
	}
	d, err := decimal.NewFromString(strconv.FormatFloat(f, 'g', -1, 64))
	if err != nil {
		return ErrorValue(ErrNum)
	}
	return normalize(d)
}

// overflowOrZero handles an intermediate result of power that left the
// range of numbers: #NUM! for a positive exponent; for a negative one, an
// overflow of a^|n| means the result underflows to zero.
func overflowOrZero(v Value, neg bool) Value {
	if neg {
		return NumberValue(decimal.Zero)
	}
	return v
}
