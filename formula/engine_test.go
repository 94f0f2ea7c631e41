package formula

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// results maps "Sheet!A1" to the computed value, for tests.
func resultMap(results []Result) map[string]Value {
	m := map[string]Value{}
	for _, r := range results {
		m[r.Cell.String()] = r.Value
	}
	return m
}

func problemStrings(problems []Problem) []string {
	var s []string
	for _, p := range problems {
		s = append(s, p.String())
	}
	return s
}

func TestBookCrossSheetOrder(t *testing.T) {
	b := NewBook()
	// 汇总 is declared first and depends on formulas of 明细, declared later,
	// which themselves depend on each other in reverse order.
	b.SetFormula(Addr{"汇总", 2, 2}, "=SUM('明细'!C1:C3)*2", num("0"))
	b.SetFormula(Addr{"汇总", 2, 3}, "B2+明细!C3", Value{})
	b.SetFormula(Addr{"明细", 3, 3}, "C2+1", Value{})
	b.SetFormula(Addr{"明细", 3, 2}, "C1*10", Value{})
	b.SetValue(Addr{"明细", 3, 1}, num("1.5"))
	results, problems := evaluate(b)
	if len(problems) != 0 {
		t.Errorf("problems: %q", problemStrings(problems))
	}
	got := resultMap(results)
	want := map[string]Value{
		"汇总!B2": num("65"), // (1.5 + 15 + 16) * 2
		"汇总!B3": num("81"),
		"明细!C2": num("15"),
		"明细!C3": num("16"),
	}
	for cell, v := range want {
		if !got[cell].Equal(v) {
			t.Errorf("%s = %s, want %s", cell, got[cell], v)
		}
	}
	// Results come by sheet (in order of appearance), row, column; the
	// cached value is kept.
	var order []string
	for _, r := range results {
		order = append(order, r.Cell.String())
	}
	if s := strings.Join(order, " "); s != "汇总!B2 汇总!B3 明细!C2 明细!C3" {
		t.Errorf("result order: %s", s)
	}
	if !results[0].Cached.Equal(num("0")) || !results[0].Evaluated || results[0].Source != "=SUM('明细'!C1:C3)*2" {
		t.Errorf("result 0: %+v", results[0])
	}
	if b.evals != 4 {
		t.Errorf("%d evaluations, want 4", b.evals)
	}
	// The book reads as the computed values.
	if v := b.Cell("汇总", 2, 2); !v.Equal(num("65")) {
		t.Errorf("Cell(汇总!B2) = %s", v)
	}
}

func TestBookEvaluatesEachFormulaOnce(t *testing.T) {
	// A diamond repeated: every formula is referenced by several others.
	b := NewBook()
	b.SetValue(Addr{"S", 1, 1}, num("1"))
	const n = 200
	for i := 2; i <= n; i++ {
		src := fmt.Sprintf("A%d+SUM(A1:A%d)+A%d", i-1, i-1, (i+1)/2)
		b.SetFormula(Addr{"S", 1, i}, src, Value{})
		b.SetFormula(Addr{"S", 2, i}, fmt.Sprintf("A%d*2+B%d", i, i-1), Value{})
	}
	results, problems := evaluate(b)
	if len(problems) != 0 {
		t.Fatalf("problems: %q", problemStrings(problems))
	}
	if b.evals != len(results) || len(results) != 2*(n-1) {
		t.Errorf("%d evaluations of %d formulas, want %d", b.evals, len(results), 2*(n-1))
	}
	for _, r := range results {
		if r.Value.Kind() != KindNumber {
			t.Errorf("%s = %s", r.Cell, r.Value)
		}
	}
	// Evaluate again: the same, each formula once more.
	b.evals = 0
	results2, _ := evaluate(b)
	if b.evals != len(results2) {
		t.Errorf("second Evaluate: %d evaluations of %d formulas", b.evals, len(results2))
	}
}

func TestBookCycles(t *testing.T) {
	b := NewBook()
	s := "附件4-2"
	b.SetFormula(Addr{s, 3, 5}, "C6+1", Value{})
	b.SetFormula(Addr{s, 3, 6}, "C5+1", Value{})
	b.SetFormula(Addr{s, 3, 7}, "C5+1", Value{})                    // depends on the cycle
	b.SetFormula(Addr{s, 3, 8}, "1+1", Value{})                     // independent
	b.SetFormula(Addr{s, 3, 9}, "IFERROR(C5,0)", Value{})           // unknown, not an error
	b.SetFormula(Addr{"S", 4, 1}, "D1+1", Value{})                  // self-reference
	b.SetFormula(Addr{"S", 5, 1}, "E2+E3", Value{})                 // a cycle group of three
	b.SetFormula(Addr{"S", 5, 2}, "E1", Value{})                    //
	b.SetFormula(Addr{"S", 5, 3}, "E1*2", Value{})                  //
	b.SetFormula(Addr{"S", 6, 5}, "SUM(F1:F10)", Value{})           // through a range
	b.SetFormula(Addr{"S", 7, 1}, "'附件4-2'!C8+S!F5", Value{})       // across sheets
	b.SetFormula(Addr{"T", 1, 1}, "S!G2", Value{})                  // cross-sheet cycle
	b.SetFormula(Addr{"S", 7, 2}, "T!A1", Value{})                  //
	b.SetFormula(Addr{"S", 8, 1}, "IF(TRUE,1,'附件4-2'!C5)", Value{}) // static reference only
	results, problems := evaluate(b)
	want := []string{
		"附件4-2!C5: circular reference: 附件4-2!C5 → 附件4-2!C6 → 附件4-2!C5",
		"S!D1: circular reference: S!D1 → S!D1",
		"S!E1: circular reference: S!E1 → S!E2 → S!E1; also in the same cycle: S!E3",
		"S!G2: circular reference: S!G2 → T!A1 → S!G2",
		"S!F5: circular reference: S!F5 → S!F5",
	}
	if got := problemStrings(problems); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(problems) > 2 {
		c := problems[2].Cycle
		if len(c) != 3 || c[0] != (Addr{"S", 5, 1}) || c[2] != (Addr{"S", 5, 3}) {
			t.Errorf("cycle cells: %v", c)
		}
	}
	got := resultMap(results)
	cyc := UnknownValue("circular reference")
	wantValues := map[string]Value{
		"附件4-2!C5": cyc,
		"附件4-2!C6": cyc,
		"附件4-2!C7": cyc,
		"附件4-2!C8": num("2"),
		"附件4-2!C9": cyc,
		"S!D1":     cyc,
		"S!F5":     cyc,
		"S!G1":     cyc,
		"S!G2":     cyc,
		"T!A1":     cyc,
		"S!H1":     num("1"),
	}
	for cell, v := range wantValues {
		if !got[cell].Equal(v) {
			t.Errorf("%s = %s, want %s", cell, got[cell], v)
		}
	}
	for _, r := range results {
		inCycle := len(r.Cell.Sheet) > 0 && strings.Contains("附件4-2!C5 附件4-2!C6 S!D1 S!E1 S!E2 S!E3 S!F5 S!G2 T!A1", r.Cell.String())
		if r.Evaluated == inCycle {
			t.Errorf("%s: Evaluated = %v", r.Cell, r.Evaluated)
		}
	}
}

func TestBookProblems(t *testing.T) {
	b := NewBook()
	b.SetFormula(Addr{"附件1", 1, 1}, "SUM(A2,", Value{})
	b.SetFormula(Addr{"附件1", 1, 2}, "VLOOKUP(A3,B:C,2,FALSE)+_xlfn.XLOOKUP(1,B:B,C:C)", num("7"))
	b.SetFormula(Addr{"附件1", 1, 3}, "A1+1", Value{})
	b.SetFormula(Addr{"附件1", 1, 4}, "NoSuchSheet!A1+1", Value{})
	b.SetFormula(Addr{"附件1", 1, 5}, "SUM(NoSuchSheet!A1:B9)", Value{})
	results, problems := evaluate(b)
	want := []string{
		`附件1!A1: formula "SUM(A2,": 1:8: unexpected end of formula, expected an argument`,
		"附件1!A2: unsupported function VLOOKUP",
		"附件1!A2: unsupported function XLOOKUP",
	}
	if got := problemStrings(problems); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if p := problems[0]; p.Kind != ProblemSyntax || p.Pos != 7 || p.Msg != "unexpected end of formula, expected an argument" {
		t.Errorf("syntax problem: %+v", p)
	}
	if p := problems[2]; p.Kind != ProblemUnsupported || p.Pos != 24 {
		t.Errorf("unsupported problem: %+v", p)
	}
	got := resultMap(results)
	wantValues := map[string]Value{
		"附件1!A1": UnknownValue("syntax error"),
		"附件1!A2": UnknownValue("unsupported function VLOOKUP"),
		"附件1!A3": UnknownValue("syntax error"),
		"附件1!A4": ErrorValue(ErrRef),
		"附件1!A5": ErrorValue(ErrRef),
	}
	for cell, v := range wantValues {
		if !got[cell].Equal(v) {
			t.Errorf("%s = %s, want %s", cell, got[cell], v)
		}
	}
	if results[0].Evaluated || !results[1].Cached.Equal(num("7")) {
		t.Errorf("results: %+v", results[:2])
	}
}

// TestBookSparseRanges checks that whole-column ranges see formulas and
// constants of that column, and only those.
func TestBookSparseRanges(t *testing.T) {
	b := NewBook()
	b.SetFormula(Addr{"S", 2, 1}, "SUM(A:A)", Value{})
	b.SetFormula(Addr{"S", 2, 2}, "SUM(S!1000000:1048576)", Value{})
	b.SetFormula(Addr{"T", 1, 1}, "MAX(S!A1:XFD1048576)", Value{})
	b.SetValue(Addr{"S", 1, 1048576}, num("5"))
	b.SetFormula(Addr{"S", 1, 500000}, "A1048576*2", Value{})
	b.SetValue(Addr{"S", 3, 1}, StringValue("x"))
	start := time.Now()
	results, problems := evaluate(b)
	if len(problems) != 0 {
		t.Fatalf("problems: %q", problemStrings(problems))
	}
	got := resultMap(results)
	for cell, v := range map[string]Value{"S!B1": num("15"), "S!B2": num("5"), "T!A1": num("15")} {
		if !got[cell].Equal(v) {
			t.Errorf("%s = %s, want %s", cell, got[cell], v)
		}
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("sparse ranges took %v", d)
	}
}

// TestBookLongChain evaluates a chain of 100,000 formulas, declared from
// the end, so that a recursive evaluation would be 100,000 calls deep.
func TestBookLongChain(t *testing.T) {
	const n = 100000
	b := NewBook()
	for i := n; i >= 2; i-- {
		b.SetFormula(Addr{"Chain", 1, i}, fmt.Sprintf("A%d+1", i-1), Value{})
	}
	b.SetValue(Addr{"Chain", 1, 1}, num("1"))
	start := time.Now()
	results, problems := evaluate(b)
	elapsed := time.Since(start)
	if len(problems) != 0 {
		t.Fatalf("problems: %q", problemStrings(problems)[:1])
	}
	if len(results) != n-1 || b.evals != n-1 {
		t.Fatalf("%d results, %d evaluations", len(results), b.evals)
	}
	if last := results[len(results)-1]; last.Cell != (Addr{"Chain", 1, n}) || !last.Value.Equal(NumberValue(decimal.NewFromInt(n))) {
		t.Errorf("last: %s = %s", last.Cell, last.Value)
	}
	t.Logf("%d chained formulas evaluated in %v", n-1, elapsed)

	// The same chain closed into a cycle is reported once, naming every cell.
	b.SetFormula(Addr{"Chain", 1, 1}, fmt.Sprintf("A%d+1", n), Value{})
	_, problems = evaluate(b)
	if len(problems) != 1 || len(problems[0].Cycle) != n {
		t.Fatalf("cycle problems: %d", len(problems))
	}
	if msg := problems[0].Msg; !strings.HasPrefix(msg, "circular reference: Chain!A1 → Chain!A100000 → Chain!A99999 → ") ||
		!strings.HasSuffix(msg, "→ Chain!A2 → Chain!A1") {
		t.Errorf("cycle message: %.100s…%s", msg, msg[len(msg)-50:])
	}
}

func TestBookSheetNames(t *testing.T) {
	b := NewBook()
	b.SetValue(Addr{"Sheet1", 1, 1}, num("1"))
	b.SetFormula(Addr{"sheet1", 1, 2}, "SHEET1!A1+'sheet1'!A1", Value{})
	b.AddSheet("Empty")
	b.AddSheet("EMPTY")
	results, _ := evaluate(b)
	if len(results) != 1 || results[0].Cell.Sheet != "Sheet1" || !results[0].Value.Equal(num("2")) {
		t.Errorf("results: %+v", results)
	}
	if got := strings.Join(b.Sheets(), ","); got != "Sheet1,Empty" {
		t.Errorf("Sheets() = %s", got)
	}
	if v := b.Cell("Nope", 1, 1); !v.Equal(ErrorValue(ErrRef)) {
		t.Errorf("missing sheet: %s", v)
	}
	if v := b.Cell("empty", 1, 1); !v.IsEmpty() {
		t.Errorf("empty sheet: %s", v)
	}
}

// sumTreeBook builds a synthetic book of about n formula cells: a binary
// tree of SUMs over constants on a data sheet, with range subtotals on a
// summary sheet.
func sumTreeBook(n int) *Book {
	b := NewBook()
	for i := 1; i <= n; i++ {
		b.SetValue(Addr{"数据", 1, i}, NumberValue(decimal.New(int64(i*137%100000), -2)))
	}
	// Tree node i has children 2i and 2i+1; leaves are the data cells.
	ref := func(i int) string {
		if i >= n {
			return fmt.Sprintf("'数据'!A%d", i-n+1)
		}
		return fmt.Sprintf("B%d", i)
	}
	for i := 1; i < n; i++ {
		b.SetFormula(Addr{"树", 2, i}, fmt.Sprintf("SUM(%s,%s)", ref(2*i), ref(2*i+1)), Value{})
	}
	for i := 1; i*100 <= n; i++ {
		b.SetFormula(Addr{"汇总", 3, i}, fmt.Sprintf("ROUND(SUM('数据'!A%d:A%d)-'树'!B1/%d,2)", i*100-99, i*100, n/100), Value{})
	}
	return b
}

func BenchmarkEvaluate(b *testing.B) {
	book := sumTreeBook(20000)
	b.ReportAllocs()
	for b.Loop() {
		results, problems := evaluate(book)
		if len(problems) != 0 || len(results) < 20000 {
			b.Fatalf("%d results, %d problems", len(results), len(problems))
		}
	}
}

func TestSumTreeBook(t *testing.T) {
	book := sumTreeBook(2000)
	results, problems := evaluate(book)
	if len(problems) != 0 {
		t.Fatal(problemStrings(problems))
	}
	total := decimal.Zero
	for i := 1; i <= 2000; i++ {
		total = total.Add(decimal.New(int64(i*137%100000), -2))
	}
	if got := book.Cell("树", 2, 1); !got.Equal(NumberValue(total)) {
		t.Errorf("root = %s, want %s (%d results)", got, total, len(results))
	}
}

// TestSorted: a sheet's cells, set in runs of ascending keys (some set
// again), come out of sorted in key order, each once, however many runs
// they come in; setting a cell again finds it.
func TestSorted(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for runs := 0; runs <= maxRuns+3; runs++ {
		b := NewBook()
		var want []uint64
		for range runs {
			row := r.IntN(50) + 1
			for range r.IntN(20) + 1 {
				row += r.IntN(5)
				col := r.IntN(3) + 1
				b.SetValue(Addr{"s", col, row}, NumberValue(decimal.NewFromInt(int64(row))))
				want = append(want, cellKey(col, row))
			}
		}
		slices.Sort(want)
		want = slices.Compact(want)
		if len(b.cells) != len(want) {
			t.Errorf("%d runs: %d cells for %d addresses", runs, len(b.cells), len(want))
		}
		var got []uint64
		if len(b.sheets) > 0 {
			for _, id := range b.sheets[0].sorted(b) {
				got = append(got, b.key(id))
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%d runs: sorted gives %v, want %v", runs, got, want)
		}
	}
}

// TestCellAfterIndex reads cells through the row index that Evaluate
// builds, on a dense sheet (rows looked up directly) and a sparse one (found
// by its runs), and after a cell is added again.
func TestCellAfterIndex(t *testing.T) {
	b := NewBook()
	for row := 1; row <= 50; row += 3 {
		for col := 2; col <= 6; col += 2 {
			b.SetValue(Addr{"dense", col, row}, NumberValue(decimal.NewFromInt(int64(100*row+col))))
		}
	}
	b.SetValue(Addr{"sparse", 3, 1}, NumberValue(decimal.NewFromInt(1)))
	b.SetValue(Addr{"sparse", 3, MaxRow}, NumberValue(decimal.NewFromInt(2)))
	b.SetFormula(Addr{"sparse", 4, MaxRow}, "C1048576+dense!D49", Value{})
	check := func(when string) {
		for row := 0; row <= 52; row++ {
			for col := 1; col <= 7; col++ {
				want := Value{}
				if row%3 == 1 && row <= 50 && col%2 == 0 && col >= 2 && col <= 6 {
					want = NumberValue(decimal.NewFromInt(int64(100*row + col)))
				}
				if got := b.Cell("dense", col, row); !got.Equal(want) {
					t.Errorf("%s: dense!%s = %v, want %v", when, Addr{"", col, row}, got, want)
				}
			}
		}
		if got := b.Cell("sparse", 3, MaxRow); !got.Equal(NumberValue(decimal.NewFromInt(2))) {
			t.Errorf("%s: sparse!C%d = %v, want 2", when, MaxRow, got)
		}
		if got := b.Cell("sparse", 3, 2); !got.IsEmpty() {
			t.Errorf("%s: sparse!C2 = %v, want empty", when, got)
		}
	}
	check("before Evaluate")
	if _, problems := evaluate(b); len(problems) > 0 {
		t.Fatal(problemStrings(problems))
	}
	if got := b.Cell("sparse", 4, MaxRow); !got.Equal(NumberValue(decimal.NewFromInt(4906))) {
		t.Errorf("sparse!D%d = %v, want 4906", MaxRow, got)
	}
	check("after Evaluate")
	b.SetValue(Addr{"dense", 4, 49}, NumberValue(decimal.NewFromInt(7)))
	if got := b.Cell("dense", 4, 49); !got.Equal(NumberValue(decimal.NewFromInt(7))) {
		t.Errorf("dense!D49 set again = %v, want 7", got)
	}
}

// evaluate evaluates b's formulas and keeps every Result.
func evaluate(b *Book) ([]Result, []Problem) {
	var results []Result
	problems := b.Evaluate(func(r Result) { results = append(results, r) })
	return results, problems
}
