package pack

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"budgetxl/msg"
)

// Sentence is a parsed sentence template of the 情况说明: literal text and
// placeholders in braces, each with its position.
//
//	sentence    = { literal | "{" placeholder "}" }
//	placeholder = name | verb ":" ref
//	ref         = table "!" row "." column   (a budget table's cell)
//	            | table "!" field            (a form's field, over all its records)
//	            | "facts!" key               (a fact of the dataset's explain.toml)
//	            | column                     (a column of a list item's row)
//	            | key                        (after list: a [[list]] of the file)
//
// Which names and verbs a sentence may use depends on where it stands; the
// explain file's checks say so with the sentence's file and line.
type Sentence struct {
	Src   string
	Parts []Part
}

// Part is a literal run or a placeholder of a Sentence.
type Part struct {
	Text string  // literal text; empty for a placeholder
	Name string  // a plain placeholder such as year, or the verb of one with a ref
	Ref  TextRef // the verb's reference; zero for a plain placeholder
	Verb bool    // Name is a verb with Ref
	Pos  int     // byte offset in Src
}

// TextRef is what a placeholder's verb reads. Table is "" for a column of a
// list item's row, FactsTable for a fact; Row is "" for a form's field, a fact,
// a list key or a list item's column.
type TextRef struct {
	Table, Row, Column string
}

// FactsTable is the table name by which sentences refer to the dataset's facts.
const FactsTable = "facts"

// String writes the reference as a template does.
func (r TextRef) String() string {
	switch {
	case r.Table == "":
		return r.Column
	case r.Row == "":
		return r.Table + "!" + r.Column
	}
	return r.Table + "!" + r.Row + "." + r.Column
}

// ParseSentence parses a sentence template. Errors quote the template and
// give the column (in characters) of the fault.
func ParseSentence(src string) (*Sentence, error) {
	s := &Sentence{Src: src}
	fail := func(at int, format string, args ...any) error {
		return &ExprError{Src: src, Pos: at, Msg: msg.Errorf(format, args...)}
	}
	lit := func(from, to int) {
		if to > from {
			s.Parts = append(s.Parts, Part{Text: src[from:to], Pos: from})
		}
	}
	i, start := 0, 0
	for i < len(src) {
		switch src[i] {
		case '}':
			return nil, fail(i, "} without {")
		case '{':
			lit(start, i)
			end := strings.IndexByte(src[i:], '}')
			if end < 0 {
				return nil, fail(i, "unclosed {")
			}
			inner := strings.TrimSpace(src[i+1 : i+end])
			if strings.Contains(inner, "{") {
				return nil, fail(i, "unclosed {")
			}
			p := Part{Pos: i}
			if verb, ref, ok := strings.Cut(inner, ":"); ok {
				p.Name, p.Verb = strings.TrimSpace(verb), true
				r, err := parseTextRef(strings.TrimSpace(ref))
				if err != nil {
					return nil, fail(i, "{%s}: %v", inner, err)
				}
				p.Ref = r
			} else {
				p.Name = inner
			}
			if p.Name == "" {
				return nil, fail(i, "empty {}")
			}
			s.Parts = append(s.Parts, p)
			i += end + 1
			start = i
		default:
			i++
		}
	}
	lit(start, len(src))
	return s, nil
}

// parseTextRef reads table!row.column, table!field or a bare key.
func parseTextRef(s string) (TextRef, error) {
	if s == "" {
		return TextRef{}, msg.Errorf("nothing after the colon")
	}
	table, rest, ok := strings.Cut(s, "!")
	if !ok {
		return TextRef{Column: s}, nil
	}
	if table == "" || rest == "" {
		return TextRef{}, msg.Errorf("write table!row.column, table!field or a column")
	}
	if table == FactsTable {
		return TextRef{Table: table, Column: rest}, nil
	}
	dot := strings.LastIndexByte(rest, '.')
	switch {
	case dot < 0:
		return TextRef{Table: table, Column: rest}, nil
	case dot == 0 || dot == len(rest)-1:
		return TextRef{}, msg.Errorf("write table!row.column, table!field or a column")
	}
	return TextRef{Table: table, Row: rest[:dot], Column: rest[dot+1:]}, nil
}

// col is the character column of byte offset pos in s, for messages.
func col(s string, pos int) int { return utf8.RuneCountInString(s[:pos]) + 1 }

// placeholderText writes a part back as the template had it, for messages.
func (p Part) placeholderText() string {
	if p.Verb {
		return fmt.Sprintf("{%s:%s}", p.Name, p.Ref)
	}
	return "{" + p.Name + "}"
}
