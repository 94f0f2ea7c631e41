package pack_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"budgetxl/dataset"
	"budgetxl/internal/fuzzcheck"
	"budgetxl/pack"
	"budgetxl/plan"
)

// The fuzz targets of what a district writes: the files of a template pack
// (FuzzPack), a template formula (FuzzExpr) and a review rule's check
// (FuzzRule). Their seeds are cq-2025's files and expressions, in
// testdata/fuzz (TestFuzzSeeds writes them with -seeds).

const packDir = "../templates/cq-2025"

// packFiles are the files of cq-2025, in the order that FuzzPack's first
// argument picks them by.
var packFiles = []string{"pack.toml", "4-1.toml", "4-2.toml", "4-3.toml", "4-4.toml", "4-5.toml",
	"income-expense.toml", "income.toml", "expense.toml", "overall.toml", "projects.toml", "rules.toml",
	"catalog/function.csv", "catalog/economic.csv", "catalog/sources.csv"}

func TestFuzzSeeds(t *testing.T) {
	p, err := pack.Load(packDir)
	if err != nil {
		t.Fatal(err)
	}
	var files, exprs, rules []fuzzcheck.Seed
	for i, name := range packFiles {
		b, err := os.ReadFile(filepath.Join(packDir, name))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, fuzzcheck.Seed{Name: strings.ReplaceAll(name, "/", "-"), Args: []any{byte(i), b}})
	}
	seen := map[string]bool{}
	addExpr := func(name, src string) {
		if src != "" && !seen[src] {
			seen[src] = true
			exprs = append(exprs, fuzzcheck.Seed{Name: name, Args: []any{src}})
		}
	}
	for _, tb := range p.Tables {
		for _, s := range tb.Sides {
			for _, c := range s.Columns {
				addExpr(tb.ID+"-column-"+c.Key, c.Formula)
			}
			for _, r := range append(append([]*pack.Row{}, s.Rows...), s.Foot...) {
				addExpr(tb.ID+"-row-"+r.Key, r.Formula)
			}
		}
	}
	for _, r := range p.Rules {
		rules = append(rules, fuzzcheck.Seed{Name: r.ID, Args: []any{r.Check}})
	}
	fuzzcheck.Seeds(t, "FuzzPack", files)
	fuzzcheck.Seeds(t, "FuzzExpr", exprs)
	fuzzcheck.Seeds(t, "FuzzRule", rules)
}

// FuzzPack replaces one file of cq-2025 and loads the pack: an error must
// be a message; a pack that loads must load again with the same hash, and
// plan the demo dataset's workbook and its blank form without panicking
// (an error of the dataset or the plan must be a message too).
func FuzzPack(f *testing.F) {
	templates := f.TempDir()
	dir := filepath.Join(templates, "cq-2025")
	if err := os.CopyFS(dir, os.DirFS(packDir)); err != nil {
		f.Fatal(err)
	}
	demo := filepath.Join("..", "samples", "demo-2025")
	f.Fuzz(func(t *testing.T, which byte, content []byte) {
		name := packFiles[int(which)%len(packFiles)]
		file := filepath.Join(dir, filepath.FromSlash(name))
		original, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		defer os.WriteFile(file, original, 0o644)
		if err := os.WriteFile(file, content, 0o644); err != nil {
			t.Fatal(err)
		}
		var p *pack.Pack
		fuzzcheck.Within(t, name, func() { p, err = pack.Load(dir) })
		fuzzcheck.Error(t, err)
		if err != nil {
			return
		}
		again, err := pack.Load(dir)
		if err != nil || again.Hash != p.Hash {
			t.Fatalf("the pack loads, then not the same: %v", err)
		}
		var d *dataset.Dataset
		fuzzcheck.Within(t, "dataset of "+name, func() { _, d, err = dataset.Open(demo, templates) })
		fuzzcheck.Error(t, err)
		if err != nil {
			return
		}
		fuzzcheck.Within(t, "plan of "+name, func() {
			_, err = plan.Build(p, d)
			fuzzcheck.Error(t, err)
			_, err = plan.Build(p, d.Blank(p))
			fuzzcheck.Error(t, err)
		})
	})
}

// FuzzExpr parses a template formula: an error must be a message with its
// column in the formula; a formula that parses writes as a formula that
// parses to the same terms.
func FuzzExpr(f *testing.F) {
	f.Fuzz(func(t *testing.T, src string) {
		e, err := pack.ParseExpr(src)
		fuzzcheck.Error(t, err)
		if err != nil {
			if ee, ok := err.(*pack.ExprError); !ok || ee.Pos < 0 || ee.Pos > len(src) {
				t.Fatalf("ParseExpr(%q): error %#v", src, err)
			}
			return
		}
		again, err := pack.ParseExpr(exprText(e.Terms))
		if err != nil || !sameTerms(e.Terms, again.Terms) {
			t.Fatalf("ParseExpr(%q) = %v, written %q, parses as %v, %v", src, e.Terms, exprText(e.Terms), again, err)
		}
	})
}

// exprText writes the terms of a template formula.
func exprText(terms []pack.Term) string {
	var b strings.Builder
	for i, t := range terms {
		switch {
		case t.Neg:
			b.WriteString(" - ")
		case i > 0:
			b.WriteString(" + ")
		}
		if t.Tree {
			b.WriteString("tree")
		} else {
			b.WriteString("{" + t.Key + "}")
		}
	}
	return b.String()
}

func sameTerms(a, b []pack.Term) bool {
	return slices.EqualFunc(a, b, func(x, y pack.Term) bool { return x.Neg == y.Neg && x.Key == y.Key && x.Tree == y.Tree })
}

// FuzzRule parses a review rule's check: an error must be a message; a
// check that parses writes as a check that parses to the same terms.
func FuzzRule(f *testing.F) {
	f.Fuzz(func(t *testing.T, src string) {
		c, err := pack.ParseRule(src)
		fuzzcheck.Error(t, err)
		if err != nil {
			return
		}
		text := ruleText(c.Left) + " " + c.Op + " " + ruleText(c.Right)
		c2, err := pack.ParseRule(text)
		if err != nil || c2.Op != c.Op || !sameRuleTerms(c.Left, c2.Left) || !sameRuleTerms(c.Right, c2.Right) {
			t.Fatalf("ParseRule(%q) = %v %s %v, written %q, parses as %v %s %v, %v", src, c.Left, c.Op, c.Right, text, c2.Left, c2.Op, c2.Right, err)
		}
	})
}

// ruleText writes one side of a check.
func ruleText(terms []pack.RuleTerm) string {
	var b strings.Builder
	for i, t := range terms {
		switch {
		case t.Neg:
			b.WriteString(" - ")
		case i > 0:
			b.WriteString(" + ")
		}
		if t.Const {
			b.WriteString(t.Factor.String())
			continue
		}
		if !t.Factor.Equal(decimal.NewFromInt(1)) {
			b.WriteString(t.Factor.String() + " * ")
		}
		b.WriteString("{" + t.Table + "!")
		if t.Row != "" {
			b.WriteString(t.Row + ".")
		}
		b.WriteString(t.Column + "}")
	}
	return b.String()
}

func sameRuleTerms(a, b []pack.RuleTerm) bool {
	return slices.EqualFunc(a, b, func(x, y pack.RuleTerm) bool {
		return x.Neg == y.Neg && x.Factor.Equal(y.Factor) && x.Table == y.Table && x.Row == y.Row && x.Column == y.Column && x.Const == y.Const
	})
}
