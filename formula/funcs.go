package formula

import (
	"fmt"
	"sort"

	"github.com/shopspring/decimal"

	"budgetxl/internal/decsum"
)

// function is a supported spreadsheet function. Functions receive their
// argument nodes unevaluated, so that IF and IFERROR evaluate lazily and
// SUM, MIN, MAX, AND and OR can tell references from values.
type function struct {
	min, max int // number of arguments
	eval     func(e *evaluator, args []Node) Value
}

// maxArgs is Excel's limit on the number of arguments of a function.
const maxArgs = 255

var functions map[string]function

func init() {
	functions = map[string]function{
		"SUM":       {1, maxArgs, fnSum},
		"MIN":       {1, maxArgs, func(e *evaluator, args []Node) Value { return fnMinMax(e, args, -1) }},
		"MAX":       {1, maxArgs, func(e *evaluator, args []Node) Value { return fnMinMax(e, args, 1) }},
		"ROUND":     {2, 2, func(e *evaluator, args []Node) Value { return fnRound(e, args, decimal.Decimal.Round) }},
		"ROUNDUP":   {2, 2, func(e *evaluator, args []Node) Value { return fnRound(e, args, decimal.Decimal.RoundUp) }},
		"ROUNDDOWN": {2, 2, func(e *evaluator, args []Node) Value { return fnRound(e, args, decimal.Decimal.RoundDown) }},
		"ABS":       {1, 1, fnAbs},
		"IF":        {2, 3, fnIf},
		"AND":       {1, maxArgs, func(e *evaluator, args []Node) Value { return fnAndOr(e, args, true) }},
		"OR":        {1, maxArgs, func(e *evaluator, args []Node) Value { return fnAndOr(e, args, false) }},
		"NOT":       {1, 1, fnNot},
		"IFERROR":   {2, 2, fnIfError},
	}
}

// Functions returns the names of the supported functions, sorted.
func Functions() []string {
	names := make([]string, 0, len(functions))
	for name := range functions {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// arityMessage returns why a call of fn with n arguments is invalid, or "".
func arityMessage(name string, fn function, n int) string {
	if n >= fn.min && n <= fn.max {
		return ""
	}
	want := fmt.Sprintf("%d", fn.min)
	switch {
	case fn.max == maxArgs:
		want = fmt.Sprintf("at least %d", fn.min)
	case fn.max != fn.min:
		want = fmt.Sprintf("%d to %d", fn.min, fn.max)
	}
	return fmt.Sprintf("%s takes %s arguments, got %d", name, want, n)
}

// call evaluates a function call. Unsupported functions and calls with a
// wrong number of arguments evaluate to an unknown value.
func (e *evaluator) call(n *CallNode) Value {
	name := FuncName(n.Name)
	fn, ok := functions[name]
	if !ok {
		return UnknownValue("unsupported function " + name)
	}
	if msg := arityMessage(name, fn, len(n.Args)); msg != "" {
		return UnknownValue(msg)
	}
	return fn.eval(e, n.Args)
}

// Unsupported is a part of a formula that this package cannot evaluate: a
// function it does not implement, a call with a wrong number of arguments,
// or a defined name.
type Unsupported struct {
	Pos  Pos
	Name string // the function (as looked up) or defined name
	Msg  string // e.g. "unsupported function VLOOKUP"
}

// Unsupported lists, in source order, the parts of f that cannot be
// evaluated, whether or not evaluation would reach them.
func (f *Formula) Unsupported() []Unsupported {
	var list []Unsupported
	walk(f.Root, func(n Node) {
		switch n := n.(type) {
		case *CallNode:
			name := FuncName(n.Name)
			fn, ok := functions[name]
			switch {
			case !ok:
				list = append(list, Unsupported{Pos: n.Pos, Name: name, Msg: "unsupported function " + name})
			case arityMessage(name, fn, len(n.Args)) != "":
				list = append(list, Unsupported{Pos: n.Pos, Name: name, Msg: arityMessage(name, fn, len(n.Args))})
			}
		case *NameNode:
			list = append(list, Unsupported{Pos: n.Pos, Name: n.Name, Msg: "unsupported name " + n.Name})
		}
	})
	return list
}

// argument evaluates an argument of a function that treats references
// differently from values (SUM, MIN, MAX, AND, OR). It returns the
// reference to read if the argument is one, else the argument's value.
// As in Excel, IF and IFERROR return references: in SUM(IF(c,A1:A3,0)) the
// range is summed, and in MAX(IF(c,A1,0)) a blank or text A1 is ignored.
func (e *evaluator) argument(n Node) (ref Node, v Value) {
	for {
		call, ok := n.(*CallNode)
		if !ok {
			if isRef(n) {
				return n, Value{}
			}
			return nil, e.eval(n)
		}
		name := FuncName(call.Name)
		fn, ok := functions[name]
		if !ok || arityMessage(name, fn, len(call.Args)) != "" {
			return nil, e.eval(n)
		}
		switch name {
		case "IF":
			c, bad, ok := toBool(e.eval(call.Args[0]))
			switch {
			case !ok:
				return nil, bad
			case c:
				n = call.Args[1]
			case len(call.Args) < 3:
				return nil, BoolValue(false)
			default:
				n = call.Args[2]
			}
		case "IFERROR":
			x, isCell := call.Args[0].(*RefNode)
			if !isCell {
				v := e.eval(call.Args[0])
				if v.kind != KindError {
					return nil, v
				}
			} else if e.eval(x).kind != KindError {
				return x, Value{}
			}
			n = call.Args[1]
		default:
			return nil, e.eval(n)
		}
		if _, ok := n.(*MissingNode); ok {
			return nil, NumberValue(decimal.Zero)
		}
	}
}

// number evaluates n and converts it to a number.
func (e *evaluator) number(n Node) (decimal.Decimal, Value, bool) {
	return toNumber(e.eval(n))
}

// fnSum adds its arguments. In references, only numbers count (text,
// booleans and blanks are ignored); direct arguments are converted, so
// SUM("3") is 3, SUM(TRUE) is 1 and SUM("a") is #VALUE!.
func fnSum(e *evaluator, args []Node) Value {
	mark := len(e.nums)
	bad := e.numbers(args)
	var sum decsum.Sum
	for _, d := range e.nums[mark:] {
		sum.Add(d)
	}
	e.nums = e.nums[:mark]
	if bad.failed() {
		return bad
	}
	return normalize(sum.Total())
}

// numbers appends to e.nums each number of args as SUM reads them: the
// numbers among referenced cells (text, booleans and blanks ignored), and
// direct arguments converted. It returns the first error or unknown value
// met, else the empty value. The caller reads e.nums from its length
// before the call, then truncates it back: e.nums is a stack, and
// functions nested in args push and pop above.
func (e *evaluator) numbers(args []Node) Value {
	for _, a := range args {
		ref, v := e.argument(a)
		if ref != nil {
			if bad := e.refNumbers(ref); bad.failed() {
				return bad
			}
			continue
		}
		d, bad, ok := toNumber(v)
		if !ok {
			return bad
		}
		e.nums = append(e.nums, d)
	}
	return Value{}
}

// refNumbers appends to e.nums the numbers among the non-blank cells of
// the reference n, row by row, up to the first error or unknown value,
// which it returns; else it returns the empty value.
func (e *evaluator) refNumbers(n Node) Value {
	switch r := n.(type) {
	case *RefNode:
		v := e.ctx.Cell(e.ref(r))
		if v.kind == KindNumber {
			e.nums = append(e.nums, v.Number())
		}
		return failure(v)
	case *RangeNode:
		if e.book != nil {
			return e.book.appendNumbers(e.area(r), &e.nums)
		}
	}
	return e.cells(n, func(v Value) Value {
		if v.kind == KindNumber {
			e.nums = append(e.nums, v.Number())
		}
		return failure(v)
	})
}

// failure returns v if it is an error or unknown value, else the empty
// value.
func failure(v Value) Value {
	if v.failed() {
		return v
	}
	return Value{}
}

// fnMinMax returns the smallest (sign -1) or largest (sign 1) argument.
// References count only numbers; direct arguments are converted like
// SUM's. Without any number the result is 0.
func fnMinMax(e *evaluator, args []Node, sign int) Value {
	var best decimal.Decimal
	found := false
	mark := len(e.nums)
	bad := e.numbers(args)
	for _, d := range e.nums[mark:] {
		if !found || d.Cmp(best) == sign {
			best, found = d, true
		}
	}
	e.nums = e.nums[:mark]
	if bad.failed() {
		return bad
	}
	if !found {
		return NumberValue(decimal.Zero)
	}
	return NumberValue(best)
}

// maxPlaces bounds the digits argument of the ROUND functions; beyond it
// rounding changes nothing (or gives 0).
const maxPlaces = 400

// fnRound implements ROUND (half away from zero, like Excel), ROUNDUP
// (away from zero) and ROUNDDOWN (toward zero). The number of digits is
// truncated to an integer; negative digits round to tens, hundreds, ...
func fnRound(e *evaluator, args []Node, round func(decimal.Decimal, int32) decimal.Decimal) Value {
	x, bad, ok := e.number(args[0])
	if !ok {
		return bad
	}
	digits, bad, ok := e.number(args[1])
	if !ok {
		return bad
	}
	digits = digits.Truncate(0)
	switch {
	case digits.Cmp(decimal.NewFromInt(maxPlaces)) > 0:
		return NumberValue(x)
	case digits.Cmp(decimal.NewFromInt(-maxPlaces)) < 0:
		return NumberValue(decimal.Zero)
	}
	places := int32(digits.IntPart())
	if x.Exponent() >= -places {
		return NumberValue(x) // no digits beyond places
	}
	return normalize(round(x, places))
}

func fnAbs(e *evaluator, args []Node) Value {
	x, bad, ok := e.number(args[0])
	if !ok {
		return bad
	}
	return NumberValue(x.Abs())
}

// branch evaluates an IF or IFERROR branch; an empty argument is 0.
func (e *evaluator) branch(n Node) Value {
	if _, ok := n.(*MissingNode); ok {
		return NumberValue(decimal.Zero)
	}
	return e.eval(n)
}

// fnIf evaluates only the branch chosen by its condition; an omitted
// else branch is FALSE.
func fnIf(e *evaluator, args []Node) Value {
	c, bad, ok := toBool(e.eval(args[0]))
	if !ok {
		return bad
	}
	if c {
		return e.branch(args[1])
	}
	if len(args) < 3 {
		return BoolValue(false)
	}
	return e.branch(args[2])
}

// fnAndOr implements AND (all true) and OR (any true). Every argument is
// evaluated and errors propagate. In references, numbers and booleans
// count and text and blanks are ignored; direct text must be "TRUE" or
// "FALSE". Without any value the result is #VALUE!.
func fnAndOr(e *evaluator, args []Node, and bool) Value {
	result, found := and, false
	take := func(b bool) {
		found = true
		if and {
			result = result && b
		} else {
			result = result || b
		}
	}
	for _, a := range args {
		ref, v := e.argument(a)
		if ref != nil {
			if bad := e.cells(ref, func(v Value) Value {
				switch v.kind {
				case KindNumber:
					take(!v.Number().IsZero())
				case KindBool:
					take(v.b)
				}
				return failure(v)
			}); bad.failed() {
				return bad
			}
			continue
		}
		b, bad, ok := toBool(v)
		if !ok {
			return bad
		}
		take(b)
	}
	if !found {
		return ErrorValue(ErrValue)
	}
	return BoolValue(result)
}

func fnNot(e *evaluator, args []Node) Value {
	b, bad, ok := toBool(e.eval(args[0]))
	if !ok {
		return bad
	}
	return BoolValue(!b)
}

// fnIfError returns its second argument if the first is an Excel error.
// Unknown values are not errors: they pass through.
func fnIfError(e *evaluator, args []Node) Value {
	v := e.eval(args[0])
	if v.kind == KindError {
		return e.branch(args[1])
	}
	return v
}
