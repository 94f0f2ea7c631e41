package workbook

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"budgetxl/msg"
)

// scanner is a small pull tokenizer for the XML of workbook parts, held
// in memory as one string. It reads elements, attributes and text in one
// pass with no allocation per token (names, values and texts are cut from
// the part's string), which makes a sheet part of 10 MB cost tens of
// milliseconds where encoding/xml's Decoder costs half a second.
//
// It is lenient about what SpreadsheetML never holds (it does not match
// end tags to start tags) and strict about what could hurt: a document
// type declaration (entity expansion) is refused, and every entity
// reference must be one of XML's five or a character reference.
type scanner struct {
	data string
	pos  int

	kind  tokKind
	name  string // local name of a start or end element
	attrs string // raw attribute text of a start element
	empty bool   // the start element closes itself (<c/>)
	text  string // raw text (tokText), entities not yet decoded
	cdata bool   // text is a CDATA section: no entities to decode
}

type tokKind int

const (
	tokEOF tokKind = iota
	tokStart
	tokEnd
	tokText
)

var errDTD = msg.Errorf("the part declares a document type (DTD), which workbooks never do")

// next moves to the next token.
func (s *scanner) next() error {
	d := s.data
	if s.pos >= len(d) {
		s.kind = tokEOF
		return nil
	}
	if d[s.pos] != '<' {
		end := strings.IndexByte(d[s.pos:], '<')
		if end < 0 {
			end = len(d) - s.pos
		}
		s.kind, s.text, s.cdata = tokText, d[s.pos:s.pos+end], false
		s.pos += end
		return nil
	}
	rest := d[s.pos:]
	switch {
	case len(rest) > 1 && rest[1] != '!' && rest[1] != '?':
		// an element: the usual case, tested first
	case strings.HasPrefix(rest, "<!--"):
		end := strings.Index(rest[4:], "-->")
		if end < 0 {
			return msg.Errorf("a comment is not closed")
		}
		s.pos += 4 + end + 3
		return s.next()
	case strings.HasPrefix(rest, "<![CDATA["):
		end := strings.Index(rest[9:], "]]>")
		if end < 0 {
			return msg.Errorf("a CDATA section is not closed")
		}
		s.kind, s.text, s.cdata = tokText, rest[9:9+end], true
		s.pos += 9 + end + 3
		return nil
	case strings.HasPrefix(rest, "<?"):
		end := strings.Index(rest[2:], "?>")
		if end < 0 {
			return msg.Errorf("a processing instruction is not closed")
		}
		s.pos += 2 + end + 2
		return s.next()
	case strings.HasPrefix(rest, "<!"):
		return errDTD
	}
	end := tagEnd(rest)
	if end < 0 {
		return msg.Errorf("an element tag is not closed")
	}
	tag := rest[1:end]
	s.pos += end + 1
	if len(tag) > 0 && tag[0] == '/' {
		s.kind, s.name = tokEnd, localName(strings.TrimSpace(tag[1:]))
		return nil
	}
	s.empty = len(tag) > 0 && tag[len(tag)-1] == '/'
	if s.empty {
		tag = tag[:len(tag)-1]
	}
	n := 0
	for n < len(tag) && !isSpace(tag[n]) {
		n++
	}
	s.kind, s.name, s.attrs = tokStart, localName(tag[:n]), tag[n:]
	return nil
}

// tagEnd finds the '>' that closes the tag at the start of b, skipping
// quoted attribute values; -1 when there is none.
func tagEnd(b string) int {
	for i := 1; i < len(b); i++ {
		switch c := b[i]; c {
		case '>':
			return i
		case '"', '\'':
			for i++; i < len(b) && b[i] != c; i++ {
			}
		}
	}
	return -1
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// localName drops a namespace prefix: x:c is c.
func localName(b string) string {
	if i := strings.LastIndexByte(b, ':'); i >= 0 {
		return b[i+1:]
	}
	return b
}

// attr returns the decoded value of the current start element's attribute
// with the local name name, and whether it is there.
func (s *scanner) attr(name string) (v string, ok bool) {
	s.eachAttr(func(key, val string) bool {
		if key != name {
			return true
		}
		if u, err := unescape(val); err == nil {
			v, ok = u, true
		}
		return false
	})
	return v, ok
}

// eachAttr calls fn with the local name and raw value of each attribute
// of the current start element, in order, until fn returns false.
func (s *scanner) eachAttr(fn func(key, val string) bool) {
	a := s.attrs
	for len(a) > 0 {
		i := 0
		for i < len(a) && isSpace(a[i]) {
			i++
		}
		a = a[i:]
		// Names and values are short: bytes are looked at one by one, where
		// strings.IndexByte would cost more to call than to run.
		eq, plain, colon := 0, true, -1 // plain: the name is letters, digits, colons
		for ; eq < len(a) && a[eq] != '='; eq++ {
			switch c := a[eq]; {
			case c == ':':
				colon = eq
			case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9':
			default:
				plain = false
			}
		}
		if eq == len(a) {
			return
		}
		key := a[colon+1 : eq]
		if !plain {
			key = localName(strings.TrimSpace(a[:eq]))
		}
		a = a[eq+1:]
		i = 0
		for i < len(a) && isSpace(a[i]) {
			i++
		}
		a = a[i:]
		if len(a) == 0 || (a[0] != '"' && a[0] != '\'') {
			return
		}
		end := 1
		for end < len(a) && a[end] != a[0] {
			end++
		}
		if end == len(a) {
			return
		}
		val := a[1:end]
		a = a[end+1:]
		if !fn(key, val) {
			return
		}
	}
}

// attrBytes returns the raw value of an attribute (entities not decoded)
// when it holds no entity reference, whether it is there, and whether it
// is there but holds one (attr decodes it).
func (s *scanner) attrBytes(name string) (v string, ok, entity bool) {
	s.eachAttr(func(key, val string) bool {
		if key != name {
			return true
		}
		if strings.IndexByte(val, '&') >= 0 {
			entity = true
		} else {
			v, ok = val, true
		}
		return false
	})
	return v, ok, entity
}

// attrInt returns an attribute as a number; 0 when it is missing or not one.
func (s *scanner) attrInt(name string) int {
	b, ok, entity := s.attrBytes(name)
	switch {
	case entity:
		v, _ := s.attr(name)
		n, _ := strconv.Atoi(v)
		return n
	case !ok || len(b) == 0:
		return 0
	case len(b) > 9:
		n, _ := strconv.Atoi(b)
		return n
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			n, _ = strconv.Atoi(b) // a sign, or not a number (0)
			return n
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// attrBool tells whether an attribute is "1" or "true".
func (s *scanner) attrBool(name string) bool {
	v, _ := s.attr(name)
	return v == "1" || v == "true"
}

// textOf returns the current text token decoded.
func (s *scanner) textOf() (string, error) {
	if s.cdata {
		return s.text, nil
	}
	return unescape(s.text)
}

// unescape decodes XML's entity and character references.
func unescape(b string) (string, error) {
	amp := strings.IndexByte(b, '&')
	if amp < 0 {
		return b, nil
	}
	out := make([]byte, 0, len(b))
	for amp >= 0 {
		out = append(out, b[:amp]...)
		b = b[amp:]
		semi := strings.IndexByte(b, ';')
		if semi < 0 || semi > 12 {
			return "", msg.Errorf("an entity reference is not closed")
		}
		ref := b[1:semi]
		switch ref {
		case "lt":
			out = append(out, '<')
		case "gt":
			out = append(out, '>')
		case "amp":
			out = append(out, '&')
		case "quot":
			out = append(out, '"')
		case "apos":
			out = append(out, '\'')
		default:
			if len(ref) < 2 || ref[0] != '#' {
				return "", msg.Errorf("unknown entity &%s;", ref)
			}
			var n uint64
			var err error
			if ref[1] == 'x' {
				n, err = strconv.ParseUint(ref[2:], 16, 32)
			} else {
				n, err = strconv.ParseUint(ref[1:], 10, 32)
			}
			if err != nil || !utf8.ValidRune(rune(n)) {
				return "", msg.Errorf("bad character reference &%s;", ref)
			}
			out = utf8.AppendRune(out, rune(n))
		}
		b = b[semi+1:]
		amp = strings.IndexByte(b, '&')
	}
	return string(append(out, b...)), nil
}

// unescapeOOXML decodes the _xHHHH_ escapes with which SpreadsheetML
// stores characters XML cannot hold (_x000D_ is a carriage return, and
// _x005F_ an underscore that starts no escape).
func unescapeOOXML(s string) string {
	i := indexEscape(s, 0)
	if i < 0 {
		return s
	}
	var b []byte
	last := 0
	for ; i >= 0; i = indexEscape(s, i) {
		n, _ := strconv.ParseUint(s[i+2:i+6], 16, 32)
		b = append(b, s[last:i]...)
		b = utf8.AppendRune(b, rune(n))
		i += 7
		last = i
	}
	return string(append(b, s[last:]...))
}

// indexEscape finds the next _xHHHH_ escape in s at or after from; -1 when none.
func indexEscape(s string, from int) int {
	for i := from; i+7 <= len(s); i++ {
		if s[i] == '_' && s[i+1] == 'x' && s[i+6] == '_' && isHex(s[i+2:i+6]) {
			return i
		}
	}
	return -1
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}
