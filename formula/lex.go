package formula

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// Pos is a byte offset in the source text of a formula.
type Pos int

// itemType identifies the type of lexical items.
type itemType uint8

const (
	itemError    itemType = iota // lexing error; val is the message
	itemEOF                      // end of the formula
	itemNumber                   // 1.5, .5, 1E3; num holds the value
	itemString                   // "a""b"; val is the unquoted text
	itemBool                     // TRUE, FALSE (any case)
	itemErrorLit                 // #REF!, #N/A, ...
	itemCell                     // A1, $A$1
	itemRange                    // A1:B2, $A:$C, 1:3
	itemSheet                    // Sheet1! or 'x y'!; val is the unquoted name
	itemFunc                     // a name immediately followed by '('
	itemName                     // any other name (defined names)
	itemLParen                   // (
	itemRParen                   // )
	itemComma                    // ,
	itemOp                       // + - * / ^ & % = <> < > <= >=
)

// item is a token: its type, its byte span in the input and its value.
type item struct {
	typ itemType
	pos Pos    // offset of the first byte
	end Pos    // offset just past the last byte
	val string // see itemType
	num decimal.Decimal
}

// lexer holds the state of the scanner.
type lexer struct {
	input string
	start int // start of the current item
	pos   int // current position
	items []item
}

// stateFn represents the state of the scanner as a function that returns
// the next state; nil stops the scanner.
type stateFn func(*lexer) stateFn

// lexInto scans the whole input with lexer l, whose item slice it reuses,
// and returns its items, ending with itemEOF or itemError.
func lexInto(l *lexer, input string) []item {
	*l = lexer{input: input, items: l.items[:0]}
	for state := lexAny; state != nil; {
		state = state(l)
	}
	return l.items
}

// emit appends the item input[start:pos] and moves start to pos.
func (l *lexer) emit(t itemType, val string) {
	l.items = append(l.items, item{typ: t, pos: Pos(l.start), end: Pos(l.pos), val: val})
	l.start = l.pos
}

// errorf appends an error item at offset pos and stops the scanner.
func (l *lexer) errorf(pos int, format string, args ...any) stateFn {
	l.items = append(l.items, item{typ: itemError, pos: Pos(pos), end: Pos(pos), val: fmt.Sprintf(format, args...)})
	return nil
}

// peekRune returns the rune at offset i, or -1 at the end of input.
func (l *lexer) runeAt(i int) (rune, int) {
	if i >= len(l.input) {
		return -1, 0
	}
	return utf8.DecodeRuneInString(l.input[i:])
}

// isSpace reports whether c separates tokens.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// isWordStart reports whether r can start a name, a reference or an
// unquoted sheet name.
func isWordStart(r rune) bool {
	return r == '_' || r == '\\' || r == '$' || unicode.IsLetter(r)
}

// isWordRune reports whether r can continue a name or a reference.
func isWordRune(r rune) bool {
	return r == '_' || r == '\\' || r == '$' || r == '.' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// lexAny scans the next item, skipping spaces.
func lexAny(l *lexer) stateFn {
	for l.pos < len(l.input) && isSpace(l.input[l.pos]) {
		l.pos++
	}
	l.start = l.pos
	if l.pos >= len(l.input) {
		l.emit(itemEOF, "")
		return nil
	}
	c := l.input[l.pos]
	switch {
	case c == '"':
		return lexString
	case c == '\'':
		return lexQuotedSheet
	case c == '#':
		return lexErrorLiteral
	case isDigit(c) || c == '.' && l.pos+1 < len(l.input) && isDigit(l.input[l.pos+1]):
		return lexNumber
	case c == '(':
		l.pos++
		l.emit(itemLParen, "(")
		return lexAny
	case c == ')':
		l.pos++
		l.emit(itemRParen, ")")
		return lexAny
	case c == ',':
		l.pos++
		l.emit(itemComma, ",")
		return lexAny
	case strings.IndexByte("+-*/^&%=", c) >= 0:
		l.pos++
		l.emit(itemOp, l.input[l.start:l.pos])
		return lexAny
	case c == '<' || c == '>':
		l.pos++
		if l.pos < len(l.input) && (l.input[l.pos] == '=' || c == '<' && l.input[l.pos] == '>') {
			l.pos++
		}
		l.emit(itemOp, l.input[l.start:l.pos])
		return lexAny
	}
	r, _ := l.runeAt(l.pos)
	if isWordStart(r) {
		return lexWord
	}
	return l.errorf(l.pos, "unexpected character %q", string(r))
}

// quoted scans the text between the quote at l.pos and its closing quote;
// a doubled quote stands for one. It returns the text and the position
// after the closing quote, or ok false when there is none.
func (l *lexer) quoted(q byte) (text string, end int, ok bool) {
	var sb strings.Builder
	i := l.pos + 1
	for {
		j := strings.IndexByte(l.input[i:], q)
		if j < 0 {
			return "", 0, false
		}
		sb.WriteString(l.input[i : i+j])
		i += j + 1
		if i < len(l.input) && l.input[i] == q {
			sb.WriteByte(q)
			i++
			continue
		}
		return sb.String(), i, true
	}
}

// lexString scans a string constant; a doubled quote stands for a quote.
func lexString(l *lexer) stateFn {
	text, end, ok := l.quoted('"')
	if !ok {
		return l.errorf(l.start, "unterminated string")
	}
	l.pos = end
	l.emit(itemString, text)
	return lexAny
}

// lexQuotedSheet scans a quoted sheet name and the '!' that must follow.
func lexQuotedSheet(l *lexer) stateFn {
	name, i, ok := l.quoted('\'')
	if !ok {
		return l.errorf(l.start, "unterminated quoted sheet name")
	}
	if i >= len(l.input) || l.input[i] != '!' {
		return l.errorf(i, "expected \"!\" after quoted sheet name")
	}
	if name == "" {
		return l.errorf(l.start, "empty sheet name")
	}
	l.pos = i + 1
	l.emit(itemSheet, name)
	return lexAny
}

// lexErrorLiteral scans an error constant such as #DIV/0!.
func lexErrorLiteral(l *lexer) stateFn {
	rest := l.input[l.pos:]
	for c := ErrNull; int(c) < len(errorNames); c++ {
		name := errorNames[c]
		if len(rest) >= len(name) && strings.EqualFold(rest[:len(name)], name) {
			l.pos += len(name)
			l.emit(itemErrorLit, name)
			return lexAny
		}
	}
	i := 1
	for i < len(rest) && (isDigit(rest[i]) || rest[i] == '_' || rest[i] == '/' || rest[i] == '!' || rest[i] == '?' ||
		'A' <= rest[i]&^0x20 && rest[i]&^0x20 <= 'Z') {
		i++
	}
	return l.errorf(l.start, "unknown error literal %q", rest[:i])
}

// lexNumber scans a number, or a row range such as 1:3.
func lexNumber(l *lexer) stateFn {
	i := l.pos
	for i < len(l.input) && isDigit(l.input[i]) {
		i++
	}
	if i > l.pos && i < len(l.input) && l.input[i] == ':' {
		if _, kind := parseRefPart(l.input[l.start:i]); kind == refRow {
			l.pos = i
			return lexRef(l, l.input[l.start:i])
		}
	}
	d, n, msg := scanNumber(l.input[l.pos:])
	if msg != "" {
		return l.errorf(l.start, "%s %q", msg, l.input[l.start:l.pos+n])
	}
	l.pos += n
	l.items = append(l.items, item{typ: itemNumber, pos: Pos(l.start), end: Pos(l.pos), val: l.input[l.start:l.pos], num: d})
	l.start = l.pos
	return lexAny
}

// scanWord returns the end of the word starting at offset i.
func (l *lexer) scanWord(i int) int {
	for {
		r, w := l.runeAt(i)
		if r < 0 || !isWordRune(r) {
			return i
		}
		i += w
	}
}

// lexWord scans a word: a sheet name followed by '!', a function name
// followed by '(', a reference or range, TRUE/FALSE, or a defined name.
func lexWord(l *lexer) stateFn {
	l.pos = l.scanWord(l.pos)
	w := l.input[l.start:l.pos]
	next := byte(0)
	if l.pos < len(l.input) {
		next = l.input[l.pos]
	}
	switch next {
	case '!':
		if strings.Contains(w, "$") {
			return l.errorf(l.start, "invalid sheet name %q", w)
		}
		l.pos++
		l.emit(itemSheet, w)
		return lexAny
	case '(':
		if strings.Contains(w, "$") {
			return l.errorf(l.start, "invalid function name %q", w)
		}
		l.emit(itemFunc, w)
		return lexAny
	}
	return lexRef(l, w)
}

// lexRef classifies the word w = input[start:pos] that is not a sheet or
// function name.
func lexRef(l *lexer, w string) stateFn {
	_, kind := parseRefPart(w)
	if kind != refNone && l.pos < len(l.input) && l.input[l.pos] == ':' {
		end := l.scanWord(l.pos + 1)
		w2 := l.input[l.pos+1 : end]
		if _, kind2 := parseRefPart(w2); kind2 != kind {
			return l.errorf(l.start, "invalid range %q", l.input[l.start:end])
		}
		l.pos = end
		l.emit(itemRange, l.input[l.start:end])
		return lexAny
	}
	switch {
	case kind == refCell:
		l.emit(itemCell, w)
	case strings.EqualFold(w, "TRUE") || strings.EqualFold(w, "FALSE"):
		l.emit(itemBool, w)
	case strings.Contains(w, "$") || kind == refRow:
		return l.errorf(l.start, "invalid reference %q", w)
	default:
		l.emit(itemName, w)
	}
	return lexAny
}

// Limits of a worksheet.
const (
	MaxCol = 16384   // column XFD
	MaxRow = 1048576 // rows
)

// refKind classifies a word that may be part of a reference.
type refKind uint8

const (
	refNone refKind = iota
	refCell         // A1
	refCol          // A (only valid in a column range)
	refRow          // 1 (only valid in a row range)
)

// parseRefPart parses w as a cell reference ($A$1), a column ($A) or a row
// ($1), within the limits of a worksheet.
func parseRefPart(w string) (CellRef, refKind) {
	var r CellRef
	i := 0
	if i < len(w) && w[i] == '$' {
		r.AbsCol = true
		i++
	}
	j := i
	for j < len(w) && j-i < 4 && ('A' <= w[j]&^0x20 && w[j]&^0x20 <= 'Z') {
		r.Col = r.Col*26 + int(w[j]&^0x20-'A'+1)
		j++
	}
	letters := j - i
	i = j
	if i < len(w) && w[i] == '$' {
		if letters == 0 {
			return CellRef{}, refNone
		}
		r.AbsRow = true
		i++
	}
	j = i
	for j < len(w) && isDigit(w[j]) && r.Row <= MaxRow {
		r.Row = r.Row*10 + int(w[j]-'0')
		j++
	}
	digits := j - i
	if j != len(w) || letters > 3 || r.Col > MaxCol || r.Row > MaxRow {
		return CellRef{}, refNone
	}
	switch {
	case letters > 0 && digits > 0 && r.Row > 0:
		return r, refCell
	case letters > 0 && digits == 0 && !r.AbsRow:
		return r, refCol
	case letters == 0 && digits > 0 && r.Row > 0:
		// A '$' before the digits was read as AbsCol.
		r.AbsRow, r.AbsCol = r.AbsCol, false
		return r, refRow
	}
	return CellRef{}, refNone
}
