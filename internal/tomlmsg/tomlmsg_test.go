package tomlmsg

import (
	"fmt"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"budgetxl/msg"
)

// TestExplain: the decoder's usual complaints, with their line, in both
// languages; the Chinese holds no English words but the user's own text.
func TestExplain(t *testing.T) {
	var dst struct {
		Name string
		Year int
		List []string
	}
	cases := []struct {
		src  string
		line int
		zh   string
	}{
		{"name = 某单位\n", 1, "值应为英文双引号括起的文字、数字、true 或 false，这里是 \"某单位\"：文字请用英文双引号括起来"},
		{"name = \"a\"\nyear\n", 2, "键后面应为 = 和它的值，这里是 行尾"},
		{"name = \"a\" b\n", 1, "值后面还有多余的内容（'b'）：每行写一个“键 = 值”，文字用英文双引号括起来"},
		{"name = \"a\n", 1, "引号中的文字没有结束：请用开头的同一种引号结束它"},
		{"name = \"a\"\nname = \"b\"\n", 2, "键 name 写了两次"},
		{"year = 0123\n", 1, "数字 0123 以 0 开头：编码是文字，请用英文双引号括起来"},
		{"name = \"\xff\"\n", 1, "文件不是 UTF-8 文本（字节 0xff）：请另存为 UTF-8"},
		{"[x\n", 2, "[ ] 或 [[ ]] 中的表名没有结束，这里是 行尾"},
		{"list = [\"a\" \"b\"]\n", 1, "列表 [ ... ] 没有结束，或者各项之间缺少逗号，这里是 '\"'"},
		{"year = \"2025\"\n", 1, "值是英文双引号括起的文字，应为整数"},
		{"name = 3\n", 1, "值是整数，应为英文双引号括起的文字"},
		{"year = 99999999999999999999\n", 1, "数字 99999999999999999999 太大"},
		{"= 1\n", 1, "= 前面缺少键"},
	}
	for _, c := range cases {
		_, err := Decode(c.src, &dst)
		e, ok := err.(*Error)
		if !ok {
			t.Errorf("%q: %T %v", c.src, err, err)
			continue
		}
		if e.Line != c.line || e.Msg.In(msg.ZH) != c.zh {
			t.Errorf("%q: line %d %q\nwant line %d %q (en: %s)", c.src, e.Line, e.Msg.In(msg.ZH), c.line, c.zh, e.Msg.In(msg.EN))
		}
		if en := e.Msg.In(msg.EN); en == "" || strings.ContainsAny(en, "值键") {
			t.Errorf("%q: English %q", c.src, en)
		}
	}
}

// TestEveryTranslationTranslated: the formats and type names reach msg
// through variables, which the catalog test cannot see.
func TestEveryTranslationTranslated(t *testing.T) {
	for _, tr := range translations() {
		if !msg.Translated(tr.format) {
			t.Errorf("no Chinese for %q", tr.format)
		}
	}
	for _, name := range typeNames {
		if !msg.Translated(name) {
			t.Errorf("no Chinese for %q", name)
		}
	}
	if u := untranslated("x"); u.In(msg.ZH) == "" || u.In(msg.EN) != "not valid TOML: x" {
		t.Errorf("untranslated: %q, %q", u.In(msg.ZH), u.In(msg.EN))
	}
}

func TestSuggest(t *testing.T) {
	type column struct {
		Key   string `toml:"key"`
		Level int    `toml:"level"`
		Width int    `toml:"width"`
	}
	type Base struct {
		Title string `toml:"title"`
	}
	type file struct {
		Base
		Year    int                `toml:"year"`
		Columns []column           `toml:"column"`
		Side    *struct{ Row int } `toml:"side"`
		Names   map[string]string  `toml:"names"`
		Skipped int                `toml:"-"`
	}
	tests := []struct {
		key  toml.Key
		want string
	}{
		{toml.Key{"yaer"}, "year"},   // two letters swapped: one edit
		{toml.Key{"titel"}, "title"}, // from an embedded struct
		{toml.Key{"column", "widht"}, "width"},
		{toml.Key{"column", "levle"}, "level"},
		{toml.Key{"column", "colour"}, ""}, // nothing near
		{toml.Key{"side", "rwo"}, "Row"},   // an untagged field's own name
		{toml.Key{"yr"}, ""},               // two edits from a four-letter key: too far
		{toml.Key{"Skipped"}, ""},          // a field the decoder never fills
		{toml.Key{"nope", "year"}, ""},     // the table itself is unknown
		{toml.Key{"names", "x", "y"}, ""},  // below a map of texts
		{toml.Key{}, ""},
	}
	for _, tt := range tests {
		if got := Suggest(&file{}, tt.key); got != tt.want {
			t.Errorf("Suggest(%v) = %q, want %q", tt.key, got, tt.want)
		}
	}
}

// TestUnknown: each unknown key at its own line, with the element of each
// table array it stands in; a key inside an inline table gets the line
// of its place among the key's inline and key = value lines.
func TestUnknown(t *testing.T) {
	type column struct{ Key string }
	type side struct {
		Column []column
		Title  string
	}
	var dst struct {
		Name string
		Side []side
		Sub  struct{ A int }
		Text string
	}
	cases := []struct {
		name, src string
		want      []string // line:path
	}{
		{"top level", "name = \"a\"\nnmae = \"b\"\n", []string{"2:nmae"}},
		{"nested arrays", "[[side]]\n  [[side.column]]\n  key = \"a\"\n  [[side.column]]\n  key = \"b\"\n  widht = 1\n[[side]]\n  [[side.column]]\n  widht = 2\n",
			[]string{"6:side[0].column[1].widht", "9:side[1].column[0].widht"}},
		{"a table", "[sub]\na = 1\nb = 2\n", []string{"3:sub.b"}},
		{"dotted and quoted keys", "sub.\"c d\" = 1\n", []string{"1:sub.\"c d\""}},
		{"multi-line text", "text = \"\"\"\nx = 1\n\"\"\"\nx = 2\n", []string{"4:x"}},
		{"multi-line literal text holding the other quotes", "text = '''\nsays \"\"\"\nx = 1\n'''\nx = 2\n", []string{"5:x"}},
		{"multi-line text holding the other quotes", "text = \"\"\"\nsays '''\nx = 1\n\"\"\"\nx = 2\n", []string{"5:x"}},
		{"comments and = in text", "# x = 0\nname = \"x = 1\"\nx = 2 # x = 3\n", []string{"3:x"}},
		{"inline table", "sub = { a = 1, zz = 2 }\n", []string{"1:sub.zz"}},
		{"unknown tables", "name = \"a\"\n[extra]\nfoo = 1\n[[more]]\n[[more]]\nbar.baz = 2\n", []string{"2:extra", "3:extra.foo", "4:more", "5:more", "6:more[1].bar.baz"}},
		{"elements inline and in headers", "[[side]]\ncolumn = [{key = \"a\", widht = 1}]\n[[side]]\n  [[side.column]]\n  key = \"b\"\n  widht = 2\n",
			[]string{"2:side.column.widht", "6:side[1].column[0].widht"}},
		{"elements in headers and inline", "[[side]]\n  [[side.column]]\n  widht = 1\n[[side]]\ncolumn = [\n  {key = \"a\"}, { widht = 2 },\n  {widht = 3}]\n",
			[]string{"3:side[0].column[0].widht", "6:side.column.widht", "7:side.column.widht"}},
	}
	for _, c := range cases {
		md, err := Decode(c.src, &dst)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		var got []string
		for _, u := range Unknown(c.src, md) {
			got = append(got, fmt.Sprintf("%d:%s", u.Line, u.Path))
		}
		if strings.Join(got, " ") != strings.Join(c.want, " ") {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
