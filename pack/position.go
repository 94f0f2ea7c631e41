package pack

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// Pos is where a key stands in its file: its line and the column (in
// characters, 1-based) of its first character.
type Pos struct{ Line, Col int }

// keyLines maps the keys of a decoded TOML file to their positions. Keys are
// written as validation messages name them, with the index of each array
// of tables: "side[0].row[1].leaf", "rule[3].check". The toml package keeps
// the keys in source order but not their lines, so the lines come from
// the source: the n-th key of a name is the n-th line that assigns that
// name (or, for a table, the n-th header of that table). A key without
// such a line (a dotted or inline-table key) has no entry.
func keyLines(src string, md toml.MetaData) map[string]Pos {
	// The source's assignments and table headers, by name, in order.
	lines := map[string][]Pos{}
	for n, line := range strings.Split(src, "\n") {
		if m := headerRe.FindStringSubmatchIndex(line); m != nil {
			name := "[" + strings.Join(strings.Fields(line[m[2]:m[3]]), "") + "]"
			lines[name] = append(lines[name], Pos{n + 1, column(line, strings.IndexByte(line, '['))})
		} else if m := assignRe.FindStringSubmatchIndex(line); m != nil {
			lines[line[m[2]:m[3]]] = append(lines[line[m[2]:m[3]]], Pos{n + 1, column(line, m[2])})
		}
	}
	out := map[string]Pos{}
	used := map[string]int{}  // lines taken, by name
	index := map[string]int{} // the current element of each array of tables
	for _, k := range md.Keys() {
		path := k.String()
		name := k[len(k)-1]
		if t := md.Type(k...); t == "Hash" || t == "ArrayHash" {
			if header := "[" + path + "]"; used[header] < len(lines[header]) {
				name = header // else an inline table: its assignment
			}
			if t == "ArrayHash" {
				index[path]++
				for p := range index {
					if strings.HasPrefix(p, path+".") {
						delete(index, p) // a new element: its own arrays start again
					}
				}
			}
		}
		i := used[name]
		used[name]++
		if i >= len(lines[name]) {
			continue
		}
		var b strings.Builder
		for j := range k {
			if j > 0 {
				b.WriteByte('.')
			}
			b.WriteString(k[j])
			if n, ok := index[k[:j+1].String()]; ok && (j < len(k)-1 || md.Type(k...) == "ArrayHash") {
				fmt.Fprintf(&b, "[%d]", n-1)
			}
		}
		out[b.String()] = lines[name][i]
	}
	return out
}

// column is the 1-based character column of byte offset i of line.
func column(line string, i int) int {
	if i > 0 && line[i-1] == '"' {
		i-- // a quoted key starts at its quote
	}
	return utf8.RuneCountInString(line[:i]) + 1
}

// sourceLines finds the lines of a TOML file's keys (see keyLines) the
// first time a problem asks for one: a pack without problems, as every
// pack that is used, never pays for it.
type sourceLines struct {
	src   string
	md    toml.MetaData
	lines map[string]Pos
}

func (s *sourceLines) of(key string) (Pos, bool) {
	if s == nil {
		return Pos{}, false
	}
	if s.lines == nil {
		s.lines = keyLines(s.src, s.md)
	}
	n, ok := s.lines[key]
	return n, ok
}

var (
	headerRe = regexp.MustCompile(`^\s*\[\[?\s*([A-Za-z0-9_.\- ]+?)\s*\]\]?\s*(#.*)?$`)
	assignRe = regexp.MustCompile(`^\s*"?([A-Za-z0-9_-]+)"?\s*=`)
)

// posOf is the position of key (a key path as keyLines writes it, perhaps
// followed by words: "side[0]: row \"total\" formula") in file, else of the
// nearest enclosing key that has one, else the zero Pos.
func (v *validator) posOf(file, key string) Pos {
	lines := v.lines[file]
	if i := strings.IndexAny(key, ": "); i >= 0 {
		key = key[:i]
	}
	for key != "" {
		if p, ok := lines.of(key); ok {
			return p
		}
		i := strings.LastIndexAny(key, ".[")
		if i < 0 {
			break
		}
		key = key[:i]
	}
	return Pos{}
}
