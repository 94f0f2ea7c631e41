// Package formula parses and evaluates spreadsheet formulas as they are
// stored in OOXML workbooks (the text of <f> elements), so that budgetxl's
// verifier can recompute every formula of a workbook and compare the
// results with the values cached in the file.
//
// It covers the formulas our generator writes and what Excel, WPS and
// LibreOffice write back when they re-save a workbook: numbers, strings,
// booleans, error literals, A1 references and ranges (optionally with $,
// sheet-qualified, quoted sheet names), Excel's operators and precedence,
// and calls of SUM, ROUND, ROUNDUP, ROUNDDOWN, ABS, IF, AND, OR, NOT, MIN,
// MAX and IFERROR. Any other function parses, and evaluates to an unknown
// value that callers report as a finding.
//
// Amounts are decimals (github.com/shopspring/decimal): arithmetic on them
// never goes through float64, so 0.1+0.2 is exactly 0.3 and ROUND rounds
// half away from zero on the decimal digits. See Precision for the limits
// of division.
//
// The package must not depend on a workbook library (excelize is only used
// by tests, to cross-check results), must not read or write files, and
// must never panic on any input: every syntax error is a *SyntaxError,
// every evaluation problem a Value.
//
// Book evaluates all the formulas of a workbook in dependency order, and
// reports syntax errors, unsupported functions and circular references.
// Compare and Formula.Normalized compare formulas for review.
package formula

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Formula is a parsed formula.
type Formula struct {
	Source string // the text given to Parse
	Root   Node
}

// String returns the formula in canonical form, without the leading '=':
// no spaces, upper-case function names and column letters, $ signs kept,
// sheet names quoted only where needed, numbers in plain decimal notation,
// and only the parentheses that precedence requires. Parsing the canonical
// form gives the same canonical form.
func (f *Formula) String() string { return f.Root.String() }

// SyntaxError is a formula that does not parse.
type SyntaxError struct {
	Source string // the formula
	Pos    Pos    // byte offset of the error in Source
	Line   int    // 1-based line of Pos
	Col    int    // 1-based column of Pos, in characters
	Msg    string // what is wrong
}

// Error returns e.g. `formula "SUM(A1,": 1:8: unexpected end of formula,
// expected an argument`.
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("formula %q: %d:%d: %s", e.Source, e.Line, e.Col, e.Msg)
}

// Excerpt returns the line of the formula holding the error and, below it,
// a caret under the error position. East Asian wide characters are counted
// as two columns, so the caret lines up in a terminal.
func (e *SyntaxError) Excerpt() string {
	start := strings.LastIndexByte(e.Source[:e.Pos], '\n') + 1
	end := strings.IndexByte(e.Source[e.Pos:], '\n')
	if end < 0 {
		end = len(e.Source)
	} else {
		end += int(e.Pos)
	}
	line := strings.TrimRight(e.Source[start:end], "\r")
	var sb strings.Builder
	sb.WriteString(line)
	sb.WriteByte('\n')
	for _, r := range e.Source[start:e.Pos] {
		switch {
		case r == '\t':
			sb.WriteByte('\t')
		case isWide(r):
			sb.WriteString("  ")
		default:
			sb.WriteByte(' ')
		}
	}
	sb.WriteByte('^')
	return sb.String()
}

// isWide reports whether r is displayed two columns wide (CJK and
// full-width forms).
func isWide(r rune) bool {
	return r >= 0x1100 && r <= 0x115F || r >= 0x2E80 && r <= 0xA4CF && r != 0x303F ||
		r >= 0xAC00 && r <= 0xD7A3 || r >= 0xF900 && r <= 0xFAFF || r >= 0xFE30 && r <= 0xFE4F ||
		r >= 0xFF00 && r <= 0xFF60 || r >= 0xFFE0 && r <= 0xFFE6 || r >= 0x20000 && r <= 0x3FFFD
}

func newSyntaxError(src string, pos Pos, msg string) *SyntaxError {
	before := src[:pos]
	line := 1 + strings.Count(before, "\n")
	col := 1 + utf8.RuneCountInString(before[strings.LastIndexByte(before, '\n')+1:])
	return &SyntaxError{Source: src, Pos: pos, Line: line, Col: col, Msg: msg}
}

// maxDepth bounds the nesting of parentheses, calls and prefix operators
// (Excel allows 64 levels of nested functions).
const maxDepth = 256

// scratch is what a Parse needs only while it runs: the lexer and its
// items, and the arguments of the calls being parsed. Scratches are reused
// from one Parse to the next (a workbook has thousands of formulas).
type scratch struct {
	lexer lexer
	args  []Node // arguments of the calls being parsed, innermost last
}

var scratches = sync.Pool{New: func() any { return new(scratch) }}

// parser holds the state of a recursive-descent parse.
type parser struct {
	src   string
	items []item
	i     int
	depth int
	args  *[]Node // the scratch's
}

// Parse parses a formula as stored in OOXML; a leading '=' is allowed.
// Errors are of type *SyntaxError.
func Parse(src string) (f *Formula, err error) {
	s := scratches.Get().(*scratch)
	p := &parser{src: src, items: lexInto(&s.lexer, src), args: &s.args}
	defer func() {
		// The pool keeps nothing of this formula alive.
		clear(s.lexer.items)
		s.lexer.items = s.lexer.items[:0]
		s.lexer.input = ""
		clear(s.args[:cap(s.args)])
		s.args = s.args[:0]
		scratches.Put(s)
	}()
	defer func() {
		if r := recover(); r != nil {
			se, ok := r.(*SyntaxError)
			if !ok {
				panic(r)
			}
			f, err = nil, se
		}
	}()
	root := p.parseFormula()
	return &Formula{Source: src, Root: root}, nil
}

// peek returns the next item without consuming it. A lexing error is
// reported as soon as the parser reaches it.
func (p *parser) peek() item {
	it := p.items[p.i]
	if it.typ == itemError {
		panic(newSyntaxError(p.src, it.pos, it.val))
	}
	return it
}

// next consumes and returns the next item.
func (p *parser) next() item {
	it := p.peek()
	if it.typ != itemEOF {
		p.i++
	}
	return it
}

// errorf stops the parse with a syntax error at pos.
func (p *parser) errorf(pos Pos, format string, args ...any) {
	panic(newSyntaxError(p.src, pos, fmt.Sprintf(format, args...)))
}

// unexpected stops the parse at it, saying what was expected instead.
func (p *parser) unexpected(it item, expected string) {
	p.errorf(it.pos, "unexpected %s, expected %s", p.describe(it), expected)
}

// describe names an item for error messages.
func (p *parser) describe(it item) string {
	text := p.src[it.pos:it.end]
	switch it.typ {
	case itemEOF:
		return "end of formula"
	case itemNumber:
		return "number " + text
	case itemString:
		return "string " + text
	case itemBool:
		return "boolean " + text
	case itemErrorLit:
		return "error " + text
	case itemCell:
		return "reference " + text
	case itemRange:
		return "range " + text
	case itemSheet:
		return "sheet name " + text
	case itemFunc:
		return "function " + text
	case itemName:
		return "name " + text
	}
	return fmt.Sprintf("%q", text)
}

func (p *parser) enter(pos Pos) {
	p.depth++
	if p.depth > maxDepth {
		p.errorf(pos, "formula nested too deeply")
	}
}

func (p *parser) leave() { p.depth-- }

// parseFormula parses a whole formula.
//
//	formula = [ "=" ] expr EOF
func (p *parser) parseFormula() Node {
	if it := p.peek(); it.typ == itemOp && it.val == "=" {
		p.next()
	}
	n := p.parseExpr()
	if it := p.next(); it.typ != itemEOF {
		p.unexpected(it, "an operator or end of formula")
	}
	return n
}

// isOp reports whether it is one of the operators ops.
func isOp(it item, ops ...string) bool {
	if it.typ != itemOp {
		return false
	}
	for _, op := range ops {
		if it.val == op {
			return true
		}
	}
	return false
}

// parseBinary parses a left-associative chain of operands joined by ops.
func (p *parser) parseBinary(operand func() Node, ops ...string) Node {
	x := operand()
	for isOp(p.peek(), ops...) {
		op := p.next()
		y := operand()
		x = &BinaryNode{Pos: op.pos, Op: op.val, X: x, Y: y}
	}
	return x
}

// parseExpr parses comparisons, the lowest precedence level.
//
//	expr = concat { ( "=" | "<>" | "<" | ">" | "<=" | ">=" ) concat }
func (p *parser) parseExpr() Node {
	return p.parseBinary(p.parseConcat, "=", "<>", "<", ">", "<=", ">=")
}

// parseConcat parses text concatenation.
//
//	concat = additive { "&" additive }
func (p *parser) parseConcat() Node {
	return p.parseBinary(p.parseAdditive, "&")
}

// parseAdditive parses sums and differences.
//
//	additive = term { ( "+" | "-" ) term }
func (p *parser) parseAdditive() Node {
	return p.parseBinary(p.parseTerm, "+", "-")
}

// parseTerm parses products and quotients.
//
//	term = power { ( "*" | "/" ) power }
func (p *parser) parseTerm() Node {
	return p.parseBinary(p.parsePower, "*", "/")
}

// parsePower parses exponentiation, which is left-associative in Excel
// (2^3^2 is 64).
//
//	power = percent { "^" percent }
func (p *parser) parsePower() Node {
	return p.parseBinary(p.parsePercent, "^")
}

// parsePercent parses the postfix percent operator.
//
//	percent = unary { "%" }
func (p *parser) parsePercent() Node {
	x := p.parseUnary()
	for isOp(p.peek(), "%") {
		op := p.next()
		x = &PercentNode{Pos: op.pos, X: x}
	}
	return x
}

// parseUnary parses prefix signs, which bind tighter than any infix
// operator in Excel (-2^2 is 4).
//
//	unary = ( "-" | "+" ) unary | primary
func (p *parser) parseUnary() Node {
	if it := p.peek(); isOp(it, "-", "+") {
		p.next()
		p.enter(it.pos)
		x := p.parseUnary()
		p.leave()
		return &UnaryNode{Pos: it.pos, Op: it.val, X: x}
	}
	return p.parsePrimary()
}

// parsePrimary parses an operand.
//
//	primary = number | string | bool | error | reference | call | name
//	        | "(" expr ")"
func (p *parser) parsePrimary() Node {
	it := p.next()
	switch it.typ {
	case itemNumber:
		return &NumberNode{Pos: it.pos, Value: it.num}
	case itemString:
		return &StringNode{Pos: it.pos, Value: it.val}
	case itemBool:
		return &BoolNode{Pos: it.pos, Value: strings.EqualFold(it.val, "TRUE")}
	case itemErrorLit:
		code, _ := ParseErrorCode(it.val)
		return &ErrorNode{Pos: it.pos, Code: code}
	case itemCell, itemRange, itemSheet:
		return p.parseReference(it)
	case itemFunc:
		return p.parseCall(it)
	case itemName:
		return &NameNode{Pos: it.pos, Name: it.val}
	case itemLParen:
		p.enter(it.pos)
		x := p.parseExpr()
		if close := p.next(); close.typ != itemRParen {
			p.unexpected(close, `")"`)
		}
		p.leave()
		return x
	}
	p.unexpected(it, "an operand")
	return nil
}

// parseReference parses a reference whose first item is it.
//
//	reference = [ sheet ] ( cell | range ) | sheet error
func (p *parser) parseReference(it item) Node {
	pos, sheet := it.pos, ""
	if it.typ == itemSheet {
		sheet = it.val
		it = p.next()
		if it.typ == itemErrorLit {
			// LibreOffice writes Sheet1!#REF! for a deleted reference.
			code, _ := ParseErrorCode(it.val)
			return &ErrorNode{Pos: pos, Code: code}
		}
	}
	switch it.typ {
	case itemCell:
		r, _ := parseRefPart(it.val)
		return &RefNode{Pos: pos, Sheet: sheet, Cell: r}
	case itemRange:
		colon := strings.IndexByte(it.val, ':')
		from, kind := parseRefPart(it.val[:colon])
		to, _ := parseRefPart(it.val[colon+1:])
		rk := CellRange
		switch kind {
		case refCol:
			rk = ColumnRange
		case refRow:
			rk = RowRange
		}
		return &RangeNode{Pos: pos, Sheet: sheet, Kind: rk, From: from, To: to}
	}
	p.unexpected(it, "a reference after the sheet name")
	return nil
}

// parseCall parses a function call; an argument may be empty.
//
//	call = func "(" [ arg { "," arg } ] ")"
//	arg  = [ expr ]
func (p *parser) parseCall(name item) Node {
	p.enter(name.pos)
	defer p.leave()
	call := &CallNode{Pos: name.pos, Name: name.val}
	p.next() // the '(' that made the name a function
	if p.peek().typ == itemRParen {
		p.next()
		return call
	}
	// The arguments gather on the scratch stack (a nested call's above
	// this one's), then move to a slice of their number.
	mark := len(*p.args)
	for {
		it := p.peek()
		switch it.typ {
		case itemComma, itemRParen:
			*p.args = append(*p.args, &MissingNode{Pos: it.pos})
		case itemEOF:
			p.errorf(it.pos, "unexpected end of formula, expected an argument")
		default:
			arg := p.parseExpr()
			*p.args = append(*p.args, arg)
		}
		sep := p.next()
		switch sep.typ {
		case itemComma:
			continue
		case itemRParen:
			call.Args = slices.Clone((*p.args)[mark:])
			clear((*p.args)[mark:])
			*p.args = (*p.args)[:mark]
			return call
		}
		p.unexpected(sep, `"," or ")"`)
	}
}
