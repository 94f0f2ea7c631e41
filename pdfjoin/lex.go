package pdfjoin

import (
	"bytes"
	"strconv"

	"budgetxl/msg"
)

// The objects of a PDF file (ISO 32000-1 §7.3), as the joiner keeps them:
// numbers, booleans, null and strings are atoms written back byte for
// byte; names are decoded (#xx) and encoded again when written.
type (
	object any
	name   string
	atom   []byte
	array  []object
	ref    struct{ num, gen int }
	// dict keeps its keys in the order they were read, so that the joined
	// file reads like its parts.
	dict struct {
		keys []name
		vals map[name]object
	}
	// stream is a stream object with its data as stored (still encoded).
	stream struct {
		dict *dict
		data []byte
	}
)

func newDict() *dict { return &dict{vals: map[name]object{}} }

func (d *dict) get(k name) object { return d.vals[k] }

func (d *dict) set(k name, v object) {
	if _, ok := d.vals[k]; !ok {
		d.keys = append(d.keys, k)
	}
	d.vals[k] = v
}

func (d *dict) del(k name) {
	if _, ok := d.vals[k]; !ok {
		return
	}
	delete(d.vals, k)
	for i, key := range d.keys {
		if key == k {
			d.keys = append(d.keys[:i:i], d.keys[i+1:]...)
			break
		}
	}
}

// clone copies d, not the values it holds.
func (d *dict) clone() *dict {
	c := &dict{keys: append([]name{}, d.keys...), vals: make(map[name]object, len(d.vals))}
	for k, v := range d.vals {
		c.vals[k] = v
	}
	return c
}

// maxDepth bounds the nesting of arrays and dictionaries.
const maxDepth = 64

// parser reads objects from b, starting at pos.
type parser struct {
	b   []byte
	pos int
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func isRegular(c byte) bool { return !isSpace(c) && !isDelim(c) }

// skip passes white space and comments.
func (p *parser) skip() {
	for p.pos < len(p.b) {
		c := p.b[p.pos]
		switch {
		case isSpace(c):
			p.pos++
		case c == '%':
			for p.pos < len(p.b) && p.b[p.pos] != '\n' && p.b[p.pos] != '\r' {
				p.pos++
			}
		default:
			return
		}
	}
}

// word reads the regular characters at pos: a number or a keyword.
func (p *parser) word() []byte {
	start := p.pos
	for p.pos < len(p.b) && isRegular(p.b[p.pos]) {
		p.pos++
	}
	return p.b[start:p.pos]
}

// keyword reads the keyword kw (obj, endobj, stream, xref, trailer, ...)
// after white space, or fails.
func (p *parser) keyword(kw string) error {
	p.skip()
	at := p.pos
	if w := p.word(); string(w) != kw {
		return atByte(at, msg.Errorf("%q expected", kw))
	}
	return nil
}

// integer reads a non-negative integer after white space.
func (p *parser) integer() (int, error) {
	p.skip()
	at := p.pos
	n, ok := parseInt(p.word())
	if !ok {
		return 0, atByte(at, msg.Errorf("a number expected"))
	}
	return n, nil
}

// parseInt reads a non-negative decimal integer of at most 12 digits.
func parseInt(w []byte) (int, bool) {
	if len(w) == 0 || len(w) > 12 {
		return 0, false
	}
	n := 0
	for _, c := range w {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// atByte is err at byte pos of the file.
func atByte(pos int, err error) error {
	return msg.Errorf("byte %d: %v", pos, err)
}

// object reads one direct object: an int int R is a reference.
func (p *parser) object(depth int) (object, error) {
	if depth > maxDepth {
		return nil, atByte(p.pos, msg.Errorf("objects nested more than %d deep", maxDepth))
	}
	p.skip()
	if p.pos >= len(p.b) {
		return nil, atByte(p.pos, msg.Errorf("the file ends inside an object"))
	}
	start := p.pos
	switch c := p.b[p.pos]; {
	case c == '/':
		p.pos++
		return decodeName(p.word()), nil
	case c == '(':
		return p.literal()
	case c == '<' && p.pos+1 < len(p.b) && p.b[p.pos+1] == '<':
		p.pos += 2
		d := newDict()
		for {
			p.skip()
			if p.pos+1 < len(p.b) && p.b[p.pos] == '>' && p.b[p.pos+1] == '>' {
				p.pos += 2
				return d, nil
			}
			at := p.pos
			k, err := p.object(depth + 1)
			if err != nil {
				return nil, err
			}
			key, ok := k.(name)
			if !ok {
				return nil, atByte(at, msg.Errorf("a name expected as a dictionary key"))
			}
			v, err := p.object(depth + 1)
			if err != nil {
				return nil, err
			}
			d.set(key, v)
		}
	case c == '<':
		end := bytes.IndexByte(p.b[p.pos:], '>')
		if end < 0 {
			return nil, atByte(start, msg.Errorf("a string without its end"))
		}
		p.pos += end + 1
		return atom(p.b[start:p.pos]), nil
	case c == '[':
		p.pos++
		var a array
		for {
			p.skip()
			if p.pos < len(p.b) && p.b[p.pos] == ']' {
				p.pos++
				return a, nil
			}
			v, err := p.object(depth + 1)
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
	case isRegular(c):
		w := p.word()
		if n, ok := parseInt(w); ok { // a reference is int int R
			save := p.pos
			p.skip()
			if g, ok := parseInt(p.word()); ok {
				p.skip()
				if string(p.word()) == "R" {
					return ref{n, g}, nil
				}
			}
			p.pos = save
		}
		if !isNumber(w) && string(w) != "true" && string(w) != "false" && string(w) != "null" {
			return nil, atByte(start, msg.Errorf("unexpected %q", w))
		}
		return atom(w), nil
	}
	return nil, atByte(start, msg.Errorf("unexpected %q", p.b[start:start+1]))
}

func isNumber(w []byte) bool {
	if len(w) > 0 && (w[0] == '+' || w[0] == '-') {
		w = w[1:]
	}
	digits, dots := 0, 0
	for _, c := range w {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '.':
			dots++
		default:
			return false
		}
	}
	return digits > 0 && dots <= 1
}

// literal reads a (string) with its balanced parentheses and escapes.
func (p *parser) literal() (object, error) {
	start, depth := p.pos, 0
	for ; p.pos < len(p.b); p.pos++ {
		switch p.b[p.pos] {
		case '\\':
			p.pos++
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				p.pos++
				return atom(p.b[start:p.pos]), nil
			}
		}
	}
	return nil, atByte(start, msg.Errorf("a string without its end"))
}

func decodeName(w []byte) name {
	if bytes.IndexByte(w, '#') < 0 {
		return name(w)
	}
	var b []byte
	for i := 0; i < len(w); i++ {
		if w[i] == '#' && i+2 < len(w) {
			if v, err := strconv.ParseUint(string(w[i+1:i+3]), 16, 8); err == nil {
				b = append(b, byte(v))
				i += 2
				continue
			}
		}
		b = append(b, w[i])
	}
	return name(b)
}

// intOf is the value of an integer atom.
func intOf(o object) (int, bool) {
	a, ok := o.(atom)
	if !ok {
		return 0, false
	}
	if len(a) > 0 && a[0] == '+' {
		a = a[1:]
	}
	return parseInt(a)
}

// write appends o to b as PDF, references renumbered by num (0: the
// object is not there).
func write(b *bytes.Buffer, o object, num func(ref) int) {
	switch v := o.(type) {
	case name:
		b.WriteByte('/')
		for i := 0; i < len(v); i++ {
			c := v[i]
			if c < '!' || c > '~' || c == '#' || isDelim(c) {
				b.WriteString("#" + strconv.FormatUint(uint64(c)|0x100, 16)[1:])
				continue
			}
			b.WriteByte(c)
		}
	case atom:
		b.Write(v)
	case ref:
		if n := num(v); n > 0 {
			b.WriteString(strconv.Itoa(n) + " 0 R")
		} else {
			b.WriteString("null") // an object the file does not have is null (§7.3.10)
		}
	case numbered:
		b.WriteString(strconv.Itoa(int(v)) + " 0 R")
	case array:
		b.WriteByte('[')
		for i, x := range v {
			if i > 0 {
				b.WriteByte(' ')
			}
			write(b, x, num)
		}
		b.WriteByte(']')
	case *dict:
		b.WriteString("<<")
		for _, k := range v.keys {
			write(b, k, num)
			b.WriteByte(' ')
			write(b, v.vals[k], num)
		}
		b.WriteString(">>")
	case nil:
		b.WriteString("null")
	}
}
