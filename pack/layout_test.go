package pack

import (
	"slices"
	"strings"
	"testing"
)

// recogniseTable is a side of two code columns' worth of cells: code,
// name, amount; a row without a label first (known by place), the tree,
// two fixed rows of the same label and one with brackets.
func recogniseTable() *Table {
	s := &Side{
		Columns: []*Column{{Key: "code", Kind: KindCode}, {Key: "name", Kind: KindName}, {Key: "amount", Kind: KindAmount}},
		Rows: []*Row{
			{Key: "plain"},
			{Key: "a1", Label: "一般公共预算拨款", At: "name"},
			{Tree: "function", Levels: []int{3, 5, 7}},
			{Key: "a2", Label: "一般公共预算拨款", At: "name"},
		},
		Foot: []*Row{{Key: "total", Label: "合计（万元）", At: "code"}},
	}
	return &Table{Header: [][]string{{"编码", "名称", "金额"}}, Sides: []*Side{s}}
}

// TestRecognise: the one row recogniser of extract and import, row by row
// with the fixed rows used so far.
func TestRecognise(t *testing.T) {
	l := compileLayout(recogniseTable())
	if l.DataFirst != 4 || l.Width != 3 || l.Sides[0].Placed[0] == nil || l.Sides[0].Placed[0].Key != "plain" {
		t.Fatalf("layout %+v", l)
	}
	sl := l.Sides[0]
	cat := Catalog{"201": "一般公共服务支出", "20101": "人大事务（一）"}
	rows := sl.Side.Rows
	cases := []struct {
		name  string
		cells []string
		used  []*Row
		want  string // key, exact, by; or why
	}{
		{"code", []string{" 201 ", "一般公共服务支出", "1"}, nil, "201 exact by 0"},
		{"code of no level", []string{"2010", "x", "1"}, nil, "bad level 2010"},
		{"label", []string{"", "一般公共预算拨款", "1"}, nil, "a1 exact by 1"},
		{"label, spaced", []string{"", "一般 公共预算 拨款", "1"}, nil, "a1 exact by 1"},
		{"same label after the first", []string{"", "一般公共预算拨款", "1"}, []*Row{rows[1]}, "a2 exact by 1"},
		{"same label, both used", []string{"", "一般公共预算拨款", "1"}, []*Row{rows[1], rows[3]}, "again a1"},
		{"half-width brackets", []string{"合计(万元)", "", "1"}, nil, "total loose by 0"},
		{"full-width brackets", []string{"合计（万元）", "", "1"}, nil, "total exact by 0"},
		{"amounts only", []string{"", "", "1"}, nil, "plain exact by -1"},
		{"amounts only, plain used", []string{"", "", "1"}, []*Row{rows[0]}, "none"},
		{"empty", []string{"", "", ""}, nil, "none"},
		{"unknown text", []string{"", "其他", "1"}, nil, "none"},
	}
	for _, c := range cases {
		used := map[*Row]bool{}
		for _, r := range c.used {
			used[r] = true
		}
		m := sl.Recognise(func(i int) string { return c.cells[i] }, used, NewNames(cat))
		if got := describe(m); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}

// TestRecogniseByName: a side with names and no codes knows tree rows by
// the catalog's name, brackets of either width.
func TestRecogniseByName(t *testing.T) {
	tb := recogniseTable()
	s := tb.Sides[0]
	s.Columns = s.Columns[1:]
	s.Foot[0].At = "name"
	sl := compileLayout(tb).Sides[0]
	cat := Catalog{"201": "一般公共服务支出", "20101": "人大事务（一）", "20102": "“三公”事务"}
	for _, c := range []struct{ name, want string }{
		{`"三公"事务`, "20102 loose by 0"},
		{"一般公共服务支出", "201 exact by 0"},
		{"人大事务(一)", "20101 loose by 0"},
		{"人大事务 （一）", "20101 loose by 0"},
		{"人大事务", "none"},
	} {
		m := sl.Recognise(func(i int) string { return []string{c.name, "1"}[i] }, map[*Row]bool{}, NewNames(cat))
		if got := describe(m); got != c.want {
			t.Errorf("%q: %s, want %s", c.name, got, c.want)
		}
	}
}

func describe(m RowMatch) string {
	switch {
	case m.BadLevel != "":
		return "bad level " + m.BadLevel
	case m.Again != nil:
		return "again " + m.Again.Key
	case m.Key == "":
		return "none"
	}
	exact := "exact"
	if !m.Exact {
		exact = "loose"
	}
	return strings.Join([]string{m.Key, exact, "by", itoa(m.By)}, " ")
}

func itoa(n int) string {
	if n < 0 {
		return "-" + itoa(-n)
	}
	return string(rune('0' + n))
}

// TestAmounts: the places of a dataset row's amounts, for a table of two
// sides with an amount key on both.
func TestAmounts(t *testing.T) {
	left := &Side{Columns: []*Column{{Key: "name", Kind: KindName}, {Key: "amount", Kind: KindAmount}, {Key: "basic", Kind: KindAmount}}}
	right := &Side{Columns: []*Column{{Key: "item", Kind: KindName}, {Key: "project", Kind: KindAmount}, {Key: "amount", Kind: KindAmount}}}
	l := compileLayout(&Table{Header: [][]string{{"a", "b", "c", "d", "e", "f"}}, Sides: []*Side{left, right}})
	if got, want := strings.Join(l.Amounts, " "), "amount basic project"; got != want {
		t.Errorf("Amounts = %s, want %s", got, want)
	}
	for _, tt := range []struct {
		side int
		want []int
	}{
		{0, []int{-1, 0, 1}},
		{1, []int{-1, 2, 0}},
	} {
		if got := l.Sides[tt.side].Amounts; !slices.Equal(got, tt.want) {
			t.Errorf("side %d: Amounts = %v, want %v", tt.side, got, tt.want)
		}
	}
	for key, want := range map[string]int{"amount": 0, "project": 2, "name": -1, "none": -1} {
		if got := l.Amount(key); got != want {
			t.Errorf("Amount(%s) = %d, want %d", key, got, want)
		}
	}
}
