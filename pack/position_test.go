package pack

import (
	"reflect"
	"testing"

	"github.com/BurntSushi/toml"
)

func TestKeyLines(t *testing.T) {
	src := `id = "x"      # line 1
tables = ["a", "b"]

[catalogs]
function = "f.csv"

[[side]]
  [[side.column]]
  key = "code"
  [[side.column]]
  "key" = "amount"
  negative = true
  [[side.row]]
  tree = "function"
  leaf = 7
[[side]]
  [[ side.column ]]   # spaces in the header
  key = "other"
  inline = { a = 1 }
`
	var v map[string]any
	md, err := toml.Decode(src, &v)
	if err != nil {
		t.Fatal(err)
	}
	got := keyLines(src, md)
	want := map[string]Pos{
		"id": {1, 1}, "tables": {2, 1}, "catalogs": {4, 1}, "catalogs.function": {5, 1},
		"side[0]": {7, 1}, "side[0].column[0]": {8, 3}, "side[0].column[0].key": {9, 3},
		"side[0].column[1]": {10, 3}, "side[0].column[1].key": {11, 3}, "side[0].column[1].negative": {12, 3},
		"side[0].row[0]": {13, 3}, "side[0].row[0].tree": {14, 3}, "side[0].row[0].leaf": {15, 3},
		"side[1]": {16, 1}, "side[1].column[0]": {17, 3}, "side[1].column[0].key": {18, 3}, "side[1].column[0].inline": {19, 3},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("keyLines:\n got %v\nwant %v", got, want)
	}
	vd := &validator{lines: map[string]*sourceLines{"f": {src: src, md: md}}} // found on the first posOf
	for key, pos := range map[string]Pos{
		"side[0].row[0].leaf": {15, 3}, "side[0].row[0].levels": {13, 3}, "tables[1]": {2, 1}, "side[1].column[0].inline.a": {19, 3},
		`side[0]: row "total" formula`: {7, 1}, "nothing": {},
	} {
		if p := vd.posOf("f", key); p != pos {
			t.Errorf("posOf(%s) = %v, want %v", key, p, pos)
		}
	}
}

func TestShallow(t *testing.T) {
	tree := &Row{Tree: "function", Levels: []int{3, 5, 7}, Leaf: 7}
	codes := []string{"208", "20805", "2080505", "210", "21011", "221", "22102", "2210201", "223"}
	for code, want := range map[string]bool{
		"208": false, "20805": false, "2080505": false, // a branch down to 项
		"21011": true, "210": false, // 款 without 项: 21011 is the shallow leaf, not its parent
		"22102": false, "223": true,
	} {
		if got := tree.Shallow(code, codes); got != want {
			t.Errorf("Shallow(%s) = %v, want %v", code, got, want)
		}
	}
	if (&Row{Levels: []int{3, 5, 7}}).Shallow("208", nil) {
		t.Error("Shallow without leaf = true")
	}
}
