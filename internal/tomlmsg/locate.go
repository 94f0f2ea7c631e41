package tomlmsg

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// Undecoded is an unknown key of a decoded file: where it stands and what
// to call it.
type Undecoded struct {
	Key  toml.Key
	Line int    // 1-based; 0 when it cannot be found
	Path string // the key with the index (from 0) of each table array element it is in: side[0].column[3].widht
}

// Unknown lists md's undecoded keys in document order, each with its line
// and its path. The decoder gives a key in a table array without the
// element it is in ("side.column.widht" for each element that has it);
// the line tells the n-th of them apart, and the path names the element.
// A key written inside an inline table has no path of elements: its line
// is the n-th that names it inside braces, among the lines of the same
// key written as key = value.
func Unknown(src string, md toml.MetaData) []Undecoded {
	keys := md.Undecoded()
	if len(keys) == 0 {
		return nil
	}
	count := map[string]int{} // how many of each key are unknown
	for _, k := range keys {
		count[k.String()]++
	}
	sites := assignments(src)
	placed := map[string][]site{} // each key's places, in document order
	for _, s := range sites {
		name := s.key.String()
		if count[name] > 0 {
			placed[name] = append(placed[name], s)
		}
	}
	for name, ss := range placed {
		if len(ss) < count[name] { // some stand in inline tables
			placed[name] = mergeSites(ss, inlineLines(src, ss[0].key[len(ss[0].key)-1]), name)
		}
	}
	seen := map[string]int{}     // how many of a key were placed so far
	inline := map[string][]int{} // the inline lines of a key without sites
	var out []Undecoded
	for _, k := range keys {
		u := Undecoded{Key: k, Path: k.String()}
		name := k.String()
		if ss := placed[name]; seen[name] < len(ss) {
			u.Line, u.Path = ss[seen[name]].line, ss[seen[name]].path
		}
		seen[name]++
		if u.Line == 0 {
			lines, ok := inline[name]
			if !ok {
				lines = inlineLines(src, k[len(k)-1])
				inline[name] = lines
			}
			if seen[name] <= len(lines) {
				u.Line = lines[seen[name]-1]
			} else {
				u.Line = anyLine(src, k[len(k)-1])
			}
		}
		out = append(out, u)
	}
	return out
}

// mergeSites puts the lines of key name inside inline tables (one entry
// for each time a line names it) among its key = value sites, in line
// order.
func mergeSites(ss []site, inline []int, name string) []site {
	out := make([]site, 0, len(ss)+len(inline))
	for len(ss) > 0 || len(inline) > 0 {
		if len(inline) == 0 || len(ss) > 0 && ss[0].line < inline[0] {
			out, ss = append(out, ss[0]), ss[1:]
			continue
		}
		out = append(out, site{line: inline[0], path: name})
		inline = inline[1:]
	}
	return out
}

// inlineLines lists the lines of src that assign key inside an inline
// table ({ key = 1 }), a line once for each time it does.
func inlineLines(src, key string) []int {
	re := regexp.MustCompile(`[\s{,]"?` + regexp.QuoteMeta(key) + `"?\s*=`)
	var out []int
	for n, line := range strings.Split(src, "\n") {
		for _, m := range re.FindAllStringIndex(line, -1) {
			if braced(line[:m[0]+1]) {
				out = append(out, n+1)
			}
		}
	}
	return out
}

// braced reports whether the end of line prefix s stands inside braces,
// outside quotes.
func braced(s string) bool {
	depth := 0
	var quote byte
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '{':
			depth++
		case c == '}':
			depth--
		case c == '#':
			return false
		}
	}
	return depth > 0
}

// site is one key = value line of a file, or a table's header.
type site struct {
	key  toml.Key
	line int
	path string
}

// assignments reads the key = value lines of src with the table or table
// array each stands in, written as [a.b] and [[a.b]] headers, and the
// headers themselves (an unknown table is an unknown key). Inline
// tables and multi-line values are not followed: a key inside an inline
// table is found by inlineLines (see Unknown) instead.
func assignments(src string) []site {
	var (
		out    []site
		table  toml.Key           // the current header's key
		arrays = map[string]int{} // each table array's element count so far
		open   string             // the delimiter of the multi-line string the line is in, "" outside one
	)
	for n, line := range strings.Split(src, "\n") {
		t := strings.TrimSpace(line)
		if open != "" {
			if strings.Contains(t, open) {
				open = ""
			}
			continue
		}
		switch {
		case t == "" || t[0] == '#':
			continue
		case strings.HasPrefix(t, "[["):
			end := strings.Index(t, "]]")
			if end < 0 {
				continue
			}
			table = splitKey(t[2:end])
			name := table.String()
			arrays[name]++
			for a := range arrays { // a new element starts its own arrays afresh
				if strings.HasPrefix(a, name+".") {
					delete(arrays, a)
				}
			}
			out = append(out, site{key: table, line: n + 1, path: indexed(table, arrays)})
			continue
		case t[0] == '[':
			end := strings.IndexByte(t, ']')
			if end < 0 {
				continue
			}
			table = splitKey(t[1:end])
			out = append(out, site{key: table, line: n + 1, path: indexed(table, arrays)})
			continue
		}
		eq := keyEnd(t)
		if eq < 0 {
			continue
		}
		k := append(append(toml.Key{}, table...), splitKey(t[:eq])...)
		out = append(out, site{key: k, line: n + 1, path: indexed(k, arrays)})
		v := strings.TrimSpace(t[eq+1:])
		for _, q := range []string{`"""`, `'''`} {
			if strings.HasPrefix(v, q) && strings.Count(v, q) == 1 {
				open = q
			}
		}
	}
	return out
}

// indexed writes k with the current element of each table array it is
// in, counted from 0.
func indexed(k toml.Key, arrays map[string]int) string {
	var b strings.Builder
	for i := range k {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(toml.Key{k[i]}.String())
		if n, ok := arrays[k[:i+1].String()]; ok && i < len(k)-1 {
			b.WriteString("[" + strconv.Itoa(n-1) + "]")
		}
	}
	return b.String()
}

// keyEnd is the index of the = that ends the key of line t, outside
// quotes; -1 when t assigns nothing.
func keyEnd(t string) int {
	var quote byte
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '=':
			return i
		case c == '#':
			return -1
		}
	}
	return -1
}

// splitKey splits a dotted key, bare or quoted parts, as TOML does.
func splitKey(s string) toml.Key {
	var k toml.Key
	var part strings.Builder
	var quote byte
	quoted := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			} else {
				part.WriteByte(c)
			}
		case c == '"' || c == '\'':
			quote, quoted = c, true
		case c == '.':
			k = append(k, part.String())
			part.Reset()
			quoted = false
		case c == ' ' || c == '\t':
		default:
			part.WriteByte(c)
		}
	}
	if part.Len() > 0 || quoted {
		k = append(k, part.String())
	}
	return k
}

// anyLine is the first line of src that assigns key, at its start or
// inside an inline table; 0 when there is none.
func anyLine(src, key string) int {
	re := regexp.MustCompile(`(^|[\s{,.])"?` + regexp.QuoteMeta(key) + `"?\s*=`)
	for n, line := range strings.Split(src, "\n") {
		if re.MatchString(line) {
			return n + 1
		}
	}
	return 0
}
