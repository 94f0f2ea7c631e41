package formula

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// TestShapeIsParse parses formulas of many rows through a Book's shape
// cache and checks that each tree is the one Parse gives.
func TestShapeIsParse(t *testing.T) {
	// Each template's {0} is the formula's row, {N} the row N below.
	templates := []struct {
		src    string
		cached bool // a shape the cache keeps
	}{
		{"D{0}+E{0}", true},
		{"=SUM(D{0}:L{0})", true},
		{"SUM(E{1}:E{50})-ROUND(F{0}*2,2)", true},
		{"sum(e{1},E{3} , $E{7},E$9)", true},
		{"'附件4-2'!C{0}+C{0}%", true},
		{"IF(D{0}=0,\"\",-D{0}/2)", true},
		{"SUM(A:A)+B{0}", true},
		{"Sheet1!A{0}", false},
		{"\"A{0}\"&B{0}", false},
		{"LOG10(A{0})", false},
		{"1E5+A{0}", false},
		{"SUM(3:4)+A{0}", false},
		{"A{0}B{0}", false},
		{"SUM(A{0}:", false},
	}
	b := NewBook()
	for _, tc := range templates {
		for _, row := range []int{1, 2, 8, 9, 10, 11, 99, 100, 101, 999, 1000} {
			src := atRow(tc.src, row)
			got, gotErr := parsed(b, src, row)
			want, wantErr := Parse(src)
			if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
				t.Errorf("%s at row %d: error %v, want %v", src, row, gotErr, wantErr)
				continue
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s at row %d: %#v, want %#v", src, row, got.Root, want.Root)
			}
		}
		key, _ := shapeKey(nil, atRow(tc.src, 1), 1) // the first row parsed
		if _, ok := b.shapes[string(key)]; ok != tc.cached {
			t.Errorf("%s: cached %v, want %v", tc.src, ok, tc.cached)
		}
	}
}

// atRow is a template of TestShapeIsParse for a formula in row row.
func atRow(template string, row int) string {
	for k := 50; k >= 0; k-- {
		template = strings.ReplaceAll(template, fmt.Sprintf("{%d}", k), fmt.Sprint(row+k))
	}
	return template
}

// TestShapeRowsInRange checks that a shape is not used for rows a
// reference cannot have: row 0, leading zeros, beyond MaxRow.
func TestShapeRowsInRange(t *testing.T) {
	b := NewBook()
	for _, c := range []struct {
		src string
		row int
	}{{"A2+B2", 2}, {"A1+B1", 1}, {"A0+B0", 0}, {"A01+B01", 1}, {"A1048577+B1048577", 1048577}} {
		got, gotErr := parsed(b, c.src, c.row)
		want, wantErr := Parse(c.src)
		if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) || !reflect.DeepEqual(got, want) {
			t.Errorf("%s at row %d: %v, %v; want %v, %v", c.src, c.row, got, gotErr, want, wantErr)
		}
	}
}

// parsed is b.parse's formula for a cell of row row as its own tree: the
// shape's tree moved by the cell's delta, with the cell's source, which
// is what Parse gives.
func parsed(b *Book, src string, row int) (*Formula, error) {
	f, delta, err := b.parse(src, row)
	if f == nil || delta == 0 {
		return f, err
	}
	var m mover
	return &Formula{Source: src, Root: m.moved(f.Root, int(delta))}, err
}

// mover copies a tree with its relative rows moved, as parsing the
// formula of a cell that many rows below would give it. It takes the
// nodes from chunks, one allocation for many nodes.
type mover struct {
	refs   slab[RefNode]
	ranges slab[RangeNode]
	binary slab[BinaryNode]
	calls  slab[CallNode]
	args   slab[Node]
}

// slab hands out the elements of chunks of T.
type slab[T any] struct{ free []T }

// chunk is the number of elements a slab allocates at once.
const chunk = 256

// take returns n consecutive elements (n <= chunk), of capacity n.
func (s *slab[T]) take(n int) []T {
	if len(s.free) < n {
		s.free = make([]T, chunk)
	}
	p := s.free[:n:n]
	s.free = s.free[n:]
	return p
}

// moved returns a copy of the tree n with the relative rows of its
// references moved by delta. Constants are shared: trees are not changed
// once parsed.
func (m *mover) moved(n Node, delta int) Node {
	switch n := n.(type) {
	case *RefNode:
		c := &m.refs.take(1)[0]
		*c = *n
		c.Cell = c.Cell.moved(delta)
		return c
	case *RangeNode:
		c := &m.ranges.take(1)[0]
		*c = *n
		c.From, c.To = c.From.moved(delta), c.To.moved(delta)
		return c
	case *UnaryNode:
		c := *n
		c.X = m.moved(n.X, delta)
		return &c
	case *PercentNode:
		c := *n
		c.X = m.moved(n.X, delta)
		return &c
	case *BinaryNode:
		c := &m.binary.take(1)[0]
		*c = *n
		c.X, c.Y = m.moved(n.X, delta), m.moved(n.Y, delta)
		return c
	case *CallNode:
		c := &m.calls.take(1)[0]
		*c = *n
		if n.Args != nil {
			if len(n.Args) <= chunk {
				c.Args = m.args.take(len(n.Args))
			} else {
				c.Args = make([]Node, len(n.Args))
			}
			for i, a := range n.Args {
				c.Args[i] = m.moved(a, delta)
			}
		}
		return c
	}
	return n
}

// TestShapesEvaluate evaluates formulas that share their shapes' trees
// (each moved by its own rows) and checks each value against its own
// formula parsed afresh and evaluated over the book's values: the
// references, the ranges and the order of evaluation all follow the
// cell's rows, not the shape's.
func TestShapesEvaluate(t *testing.T) {
	b := NewBook()
	const n = 60
	for r := 1; r <= n; r++ {
		b.SetValue(Addr{"S", 1, r}, NumberValue(decimal.NewFromInt(int64(r))))
		b.SetValue(Addr{"T", 1, r}, NumberValue(decimal.NewFromInt(int64(100*r))))
	}
	b.SetValue(Addr{"S", 3, 1}, NumberValue(decimal.NewFromInt(7)))
	var forms []Addr
	for r := n; r >= 2; r-- { // bottom up: each refers to the row above, evaluated first
		for col, src := range []string{
			"B%[2]d+A%[1]d",        // a chain down the column
			"SUM(A$1:A%[1]d)*2",    // a range from a fixed row
			"A%[1]d*$C$1+T!A%[1]d", // absolute and on another sheet
			"IF(A%[1]d>30,D%[2]d+1,SUM(A%[2]d:A%[1]d))",
			"SUM(B%[1]d:B%[3]d)+1", // a range over formulas below: the order follows it
		} {
			a := Addr{"S", 2 + col*2, r}
			if col == 0 {
				a.Col = 2
			}
			b.SetFormula(a, fmt.Sprintf(src, r, r-1, r+1), Value{})
			forms = append(forms, a)
		}
	}
	results, problems := evaluate(b)
	if len(problems) != 0 {
		t.Fatalf("problems: %v", problemStrings(problems))
	}
	if len(b.shapes) == 0 {
		t.Fatal("no shape was shared")
	}
	for _, r := range results {
		f, err := Parse(r.Source)
		if err != nil {
			t.Fatal(err)
		}
		if want := f.Eval(b, r.Cell); !r.Value.Equal(want) {
			t.Errorf("%v =%s: %s, its formula parsed on its own gives %s", r.Cell, r.Source, r.Value, want)
		}
	}
	if len(results) != len(forms) {
		t.Errorf("%d results for %d formulas", len(results), len(forms))
	}
}
