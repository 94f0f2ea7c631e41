package pack

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"
)

// keyLines maps the keys of a decoded TOML file to their lines. Keys are
// written as validation messages name them, with the index of each array
// of tables: "side[0].row[1].leaf", "rule[3].check". The toml package keeps
// the keys in source order but not their lines, so the lines come from
// the source: the n-th key of a name is the n-th line that assigns that
// name (or, for a table, the n-th header of that table). A key without
// such a line (a dotted or inline-table key) has no entry.
func keyLines(src string, md toml.MetaData) map[string]int {
	// The source's assignments and table headers, by name, in order.
	lines := map[string][]int{}
	for n, line := range strings.Split(src, "\n") {
		if m := headerRe.FindStringSubmatch(line); m != nil {
			name := "[" + strings.Join(strings.Fields(m[1]), "") + "]"
			lines[name] = append(lines[name], n+1)
		} else if m := assignRe.FindStringSubmatch(line); m != nil {
			lines[m[1]] = append(lines[m[1]], n+1)
		}
	}
	out := map[string]int{}
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

// sourceLines finds the lines of a TOML file's keys (see keyLines) the
// first time a problem asks for one: a pack without problems, as every
// pack that is used, never pays for it.
type sourceLines struct {
	src   string
	md    toml.MetaData
	lines map[string]int
}

func (s *sourceLines) of(key string) (int, bool) {
	if s == nil {
		return 0, false
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

// lineOf is the line of key (a key path as keyLines writes it) in file,
// else of the nearest enclosing key that has one, else 0.
func (v *validator) lineOf(file, key string) int {
	lines := v.lines[file]
	for key != "" {
		if n, ok := lines.of(key); ok {
			return n
		}
		i := strings.LastIndexAny(key, ".[")
		if i < 0 {
			break
		}
		key = key[:i]
	}
	return 0
}

// addAt records a problem of key in file, with the key's line.
func (v *validator) addAt(file, key, format string, args ...any) {
	v.add(file, key, format, args...)
	v.errs[len(v.errs)-1].(*Error).Line = v.lineOf(file, key)
}
