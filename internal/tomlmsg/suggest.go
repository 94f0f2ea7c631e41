package tomlmsg

import (
	"reflect"
	"strings"

	"github.com/BurntSushi/toml"
)

// Suggest returns the key that an unknown key of a file decoded into dst
// was most likely meant to be: a key that the same table accepts, at most
// two edits away (one for a key of up to four letters; case aside, as the
// decoder matches), the nearest first found; "" when there is none. It reads the accepted keys from dst's type
// (its fields' toml tags), so it never suggests a key the decoder would
// not take.
func Suggest(dst any, key toml.Key) string {
	if len(key) == 0 {
		return ""
	}
	t := reflect.TypeOf(dst)
	for _, k := range key[:len(key)-1] {
		t = field(elem(t), k)
		if t == nil {
			return ""
		}
	}
	t = elem(t)
	if t.Kind() != reflect.Struct {
		return ""
	}
	want := strings.ToLower(key[len(key)-1])
	limit := 2
	if len(want) <= 4 {
		limit = 1
	}
	best, bestD := "", limit+1
	for _, name := range keys(t) {
		if d := distance(want, strings.ToLower(name), limit); d < bestD {
			best, bestD = name, d
		}
	}
	return best
}

// elem is t without its pointers, slices, arrays and maps: the type of the
// tables a key goes into.
func elem(t reflect.Type) reflect.Type {
	for {
		switch t.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
			t = t.Elem()
		default:
			return t
		}
	}
}

// field is the type of struct t's field that decodes key k, nil for none.
func field(t reflect.Type, k string) reflect.Type {
	if t.Kind() != reflect.Struct {
		return nil
	}
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous && elem(f.Type).Kind() == reflect.Struct {
			if ft := field(elem(f.Type), k); ft != nil {
				return ft
			}
			continue
		}
		if name, ok := keyName(f); ok && name == k {
			return f.Type
		}
	}
	return nil
}

// keys lists the keys struct t accepts, embedded structs' included.
func keys(t reflect.Type) []string {
	var out []string
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous && elem(f.Type).Kind() == reflect.Struct {
			out = append(out, keys(elem(f.Type))...)
			continue
		}
		if name, ok := keyName(f); ok {
			out = append(out, name)
		}
	}
	return out
}

// keyName is the key that decodes into field f, as the TOML library
// matches it: its tag's name, else the field's name; ok is false for an
// unexported or skipped field.
func keyName(f reflect.StructField) (string, bool) {
	if !f.IsExported() {
		return "", false
	}
	tag, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
	switch tag {
	case "-":
		return "", false
	case "":
		return f.Name, true
	}
	return tag, true
}

// distance is the edit distance (insertions, deletions, substitutions and
// swaps of two neighbours) between a and b, or limit+1 when it is more
// than limit.
func distance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return limit + 1
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	if prev[len(rb)] > limit {
		return limit + 1
	}
	return prev[len(rb)]
}
