package formula

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// formulaGen generates random formulas over small integers and numbers
// with two decimals, for cross-checking with excelize.
type formulaGen struct {
	r   *rand.Rand
	row int // the row of the formula being generated, in column C
	// cmps collects the two sides of every comparison generated for the
	// current formula.
	cmps [][2]string
	// ranges counts the ranges generated; fragile is set when a
	// comparison in the current formula has a range or another
	// comparison in an operand.
	ranges  int
	fragile bool
}

func (g *formulaGen) number() string {
	var d decimal.Decimal
	if g.r.Intn(2) == 0 {
		d = decimal.NewFromInt(int64(g.r.Intn(41) - 20))
	} else {
		d = decimal.New(int64(g.r.Intn(19999)-9999), -2)
	}
	if d.IsNegative() {
		return "(" + formatDecimal(d) + ")"
	}
	return formatDecimal(d)
}

// constRef refers to a numeric or blank cell of A1:B9 or A10 (B10 holds
// text, which only ranges include).
func (g *formulaGen) constRef() string {
	if g.r.Intn(19) == 0 {
		return "A10"
	}
	return fmt.Sprintf("%c%d", 'A'+g.r.Intn(2), 1+g.r.Intn(9))
}

// factor is a number or a constant cell: products of two factors stay
// below 10^4 with at most 4 decimals, exact in float64's 15 digits.
func (g *formulaGen) factor() string {
	if g.r.Intn(2) == 0 {
		return g.number()
	}
	return g.constRef()
}

func (g *formulaGen) leaf() string {
	switch n := g.r.Intn(10); {
	case n < 4:
		return g.number()
	case n < 7:
		return g.constRef()
	case n < 8 && g.row > 1:
		// An earlier formula, wrapped so that chains do not grow.
		return fmt.Sprintf("ROUND(C%d/100,2)", max(1, g.row-1-g.r.Intn(5)))
	}
	return g.factor() + "*" + g.factor()
}

func (g *formulaGen) rangeRef() string {
	g.ranges++
	col := 'A' + rune(g.r.Intn(2))
	r1 := 1 + g.r.Intn(10)
	r2 := r1 + g.r.Intn(11-r1)
	if g.r.Intn(4) == 0 {
		return fmt.Sprintf("A%d:B%d", r1, r2)
	}
	return fmt.Sprintf("%c%d:%c%d", col, r1, col, r2)
}

func (g *formulaGen) args(depth int) string {
	n := 1 + g.r.Intn(4)
	var args []string
	for range n {
		if g.r.Intn(3) == 0 {
			args = append(args, g.rangeRef())
		} else {
			args = append(args, g.expr(depth-1))
		}
	}
	return strings.Join(args, ",")
}

func (g *formulaGen) expr(depth int) string {
	if depth == 0 {
		return g.leaf()
	}
	switch g.r.Intn(9) {
	case 0:
		return g.expr(depth-1) + "+" + g.expr(depth-1)
	case 1:
		return g.expr(depth-1) + "-(" + g.expr(depth-1) + ")"
	case 2:
		return g.factor() + "*" + g.factor()
	case 3:
		return "SUM(" + g.args(depth) + ")"
	case 4:
		return fmt.Sprintf("ROUND(%s,%d)", g.expr(depth-1), g.r.Intn(4)-1)
	case 5:
		return "ABS(" + g.expr(depth-1) + ")"
	case 6:
		return "MIN(" + g.args(depth) + ")"
	case 7:
		return "MAX(" + g.args(depth) + ")"
	}
	ops := []string{"<", ">", "<=", ">=", "=", "<>"}
	ranges, cmps := g.ranges, len(g.cmps)
	l, r := g.expr(depth-1), g.expr(depth-1)
	if g.ranges > ranges || len(g.cmps) > cmps {
		g.fragile = true
	}
	g.cmps = append(g.cmps, [2]string{l, r})
	return fmt.Sprintf("IF(%s%s%s,%s,%s)", l, ops[g.r.Intn(len(ops))], r, g.expr(depth-1), g.expr(depth-1))
}

// TestCrossCheckExcelize evaluates a few hundred random formulas with
// excelize's CalcCellValue (float64) and with this package (decimal), and
// compares the results rounded to 10 decimals: all values stay below
// 10^5 with few decimals, so float64 holds them with digits to spare.
//
// Known differences are skipped, not tolerated: a comparison whose two
// sides are exactly equal in decimal may be unequal in float64 (0.1+0.2
// versus 0.3; Excel itself hides most of these by comparing with 15
// significant digits, excelize does not), so a formula that contains
// such a tie, or refers to a formula that does, is skipped when the
// results differ. So is a formula whose result is a blank cell, as in
// IF(c,1,A10) with A10 blank, or one that refers to such a formula:
// Excel's result is 0, excelize's "" (which we compare as 0, but
// excelize then computes dependent formulas differently).
//
// And excelize 2.11 mishandles comparisons in IF conditions whose
// operands hold a range argument or another comparison: it fails to parse
// IF(1<5-(MAX(A2:A9)),1,2) ("formula not valid") and
// IF(1>=2+MAX(3,A10:B10),4,5) ("IF accepts at most 3 arguments"), returns
// #VALUE! for IF(-13>IF(ROUND(A9*8,0)<IF(B1<>(-4),0.38,A3),16.38,0),1,2),
// and sometimes takes the wrong branch without an error. Formulas with
// such a comparison, and formulas that use them, are skipped when they
// differ or excelize fails on them.
func TestCrossCheckExcelize(t *testing.T) {
	const formulas = 400
	g := &formulaGen{r: rand.New(rand.NewSource(20240501))}
	x := excelize.NewFile()
	defer x.Close()
	const sheet = "Sheet1"
	book := NewBook()
	for row := 1; row <= 10; row++ {
		for col := 1; col <= 2; col++ {
			cell, _ := excelize.CoordinatesToCellName(col, row)
			switch {
			case col == 1 && row == 10:
				continue // a blank cell
			case col == 2 && row == 10:
				book.SetValue(Addr{sheet, col, row}, StringValue("text"))
				if err := x.SetCellValue(sheet, cell, "text"); err != nil {
					t.Fatal(err)
				}
				continue
			}
			s := strings.Trim(g.number(), "()")
			d := decimal.RequireFromString(s)
			book.SetValue(Addr{sheet, col, row}, NumberValue(d))
			f, _ := d.Float64()
			if err := x.SetCellValue(sheet, cell, f); err != nil {
				t.Fatal(err)
			}
		}
	}
	sources := make([]string, formulas+1)
	sensitive := make([]bool, formulas+1)    // has a comparison tie
	sides := make([][][2]string, formulas+1) // comparisons in each formula
	for row := 1; row <= formulas; row++ {
		g.row, g.cmps, g.fragile = row, nil, false
		src := g.expr(1 + g.r.Intn(3))
		sources[row] = src
		sensitive[row] = g.fragile
		book.SetFormula(Addr{sheet, 3, row}, src, Value{})
		if err := x.SetCellFormula(sheet, fmt.Sprintf("C%d", row), src); err != nil {
			t.Fatal(err)
		}
		sides[row] = g.cmps
	}
	results, problems := evaluate(book)
	if len(problems) != 0 {
		t.Fatalf("problems: %q", problemStrings(problems))
	}
	at := func(row int) Addr { return Addr{sheet, 3, row} }
	for row := 1; row <= formulas; row++ {
		for _, c := range sides[row] {
			l, r := mustParse(t, c[0]), mustParse(t, c[1])
			lv, rv := l.Eval(book, at(row)), r.Eval(book, at(row))
			if lv.Kind() == KindNumber && rv.Kind() == KindNumber && lv.Number().Cmp(rv.Number()) == 0 &&
				l.String() != r.String() {
				sensitive[row] = true
			}
		}
	}
	// Results from excelize, in row order: formulas only refer to earlier
	// rows.
	compared, skipped := 0, 0
	for i, res := range results {
		row := i + 1
		want, err := x.CalcCellValue(sheet, fmt.Sprintf("C%d", row), excelize.Options{RawCellValue: true})
		if err != nil && (sensitive[row] || strings.Contains(err.Error(), "formula not valid") ||
			strings.Contains(err.Error(), "accepts at most 3 arguments")) {
			skipped++
			sensitive[row] = true // formulas using this one differ too
			t.Logf("skipped C%d = %s: excelize: %v", row, sources[row], err)
			continue
		}
		if err != nil {
			t.Errorf("C%d = %s: excelize: %v", row, sources[row], err)
			continue
		}
		if want == "" {
			// Excel's result of a formula returning a blank cell is 0,
			// excelize's is "" (and 0 for formulas using it).
			sensitive[row] = true
			want = "0"
		}
		for _, ref := range mustParse(t, sources[row]).Refs(sheet) {
			if ref.Area.Col1 == 3 && sensitive[ref.Area.Row1] {
				sensitive[row] = true
			}
		}
		got := res.Value
		if got.Kind() == KindError && got.String() == want {
			compared++
			continue
		}
		if got.Kind() != KindNumber {
			t.Errorf("C%d = %s: got %s, excelize %s", row, sources[row], got, want)
			continue
		}
		wd, err := decimal.NewFromString(want)
		if err != nil {
			t.Errorf("C%d = %s: excelize result %q: %v", row, sources[row], want, err)
			continue
		}
		if got.Number().Round(10).Equal(wd.Round(10)) {
			compared++
			continue
		}
		if sensitive[row] {
			skipped++
			t.Logf("skipped C%d = %s: ours %s, excelize %s (comparison tie, blank result or range in a comparison)", row, sources[row], got, want)
			continue
		}
		t.Errorf("C%d = %s: got %s, excelize %s", row, sources[row], got, want)
	}
	t.Logf("%d formulas agree with excelize, %d skipped", compared, skipped)
	if compared < formulas*9/10 {
		t.Errorf("only %d of %d formulas compared", compared, formulas)
	}
}

func mustParse(t *testing.T, src string) *Formula {
	t.Helper()
	f, err := Parse(src)
	if err != nil {
		t.Fatalf("Parse(%q): %v", src, err)
	}
	return f
}
