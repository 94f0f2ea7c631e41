package pack

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"budgetxl/msg"
)

// Expr is a template formula: a signed list of terms, each a key in braces
// ({basic}) or the word tree (the sum of a side's top-level tree rows).
//
//	expr = term { ("+" | "-") term }
//	term = "{" key "}" | "tree"
type Expr struct {
	Src   string
	Terms []Term
}

// Term is one operand of an Expr.
type Term struct {
	Neg  bool   // subtracted
	Key  string // the key in braces; empty for tree
	Tree bool   // the sum of the side's top-level tree rows
	Pos  int    // byte offset in Src, for error messages
}

// ParseExpr parses a template formula. Errors quote the formula and give
// the column (in characters) of the fault, e.g.
// `"{a} + + {b}": column 7: expected {key} or tree`.
func ParseExpr(src string) (*Expr, error) {
	e := &Expr{Src: src}
	i := 0
	skip := func() {
		for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
			i++
		}
	}
	fail := func(at int, format string, args ...any) error {
		return &ExprError{Src: src, Pos: at, Msg: msg.Errorf(format, args...)}
	}
	neg := false
	for {
		skip()
		start := i
		switch {
		case strings.HasPrefix(src[i:], "{"):
			end := strings.IndexByte(src[i:], '}')
			if end < 0 {
				return nil, fail(start, "unclosed {")
			}
			key := strings.TrimSpace(src[i+1 : i+end])
			if key == "" {
				return nil, fail(start, "empty {}")
			}
			e.Terms = append(e.Terms, Term{Neg: neg, Key: key, Pos: start})
			i += end + 1
		case strings.HasPrefix(src[i:], "tree"):
			e.Terms = append(e.Terms, Term{Neg: neg, Tree: true, Pos: start})
			i += len("tree")
		case i == len(src):
			return nil, fail(start, "expected {key} or tree at the end")
		default:
			return nil, fail(start, "expected {key} or tree")
		}
		skip()
		if i == len(src) {
			return e, nil
		}
		switch src[i] {
		case '+':
			neg = false
		case '-':
			neg = true
		default:
			return nil, fail(i, "expected + or -")
		}
		i++
	}
}

// ExprError is a syntax error in a template formula.
type ExprError struct {
	Src string
	Pos int // byte offset in Src
	Msg *msg.Error
}

func (e *ExprError) Error() string { return e.In(msg.EN) }

// In renders the error in language l.
func (e *ExprError) In(l msg.Lang) string {
	col := utf8.RuneCountInString(e.Src[:e.Pos]) + 1
	return fmt.Sprintf("%q: ", e.Src) + msg.T(l, "column %d: %v", col, e.Msg)
}
