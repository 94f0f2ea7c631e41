// Package bench makes synthetic units and districts for benchmarks: a
// deterministic generator (a seed and a size give the same bytes every
// time) whose amounts keep every rule of the cq-2025 pack, so that fill
// and verify report nothing about them and any finding is a regression.
//
// It is test tooling: nothing in the tool imports it. bench/gen is its
// command line, bench/calcloop the excelize baseline of bench/compare.sh.
package bench

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"

	"github.com/shopspring/decimal"

	"budgetxl/dataset"
	"budgetxl/pack"
)

// Spec is the size of a synthetic unit.
type Spec struct {
	Seed     uint64
	Projects int // project performance-target tables (one block each)
	Codes    int // leaf function codes (7 digits) of the budget tables
}

// PackID is the pack the generator writes: a copy of the real pack whose
// catalogs also name the synthetic codes.
const PackID = "cq-2025"

// Synthetic function codes live in classes 250 and up, which the real
// catalog does not use; each class has up to perClass 款 of up to perClass 项.
const (
	firstClass = 250
	perClass   = 20
)

// economic lists the economic codes the generator spreads basic spending
// over: staff costs (the staff column) and goods and services (public).
// 30108, 30109 and 30113 are left out (their rules tie them to particular
// function codes), and 30217 and 30231 tie to the 三公 table.
var economic = []struct {
	code  string
	staff bool
}{
	{"30101", true}, {"30102", true}, {"30103", true}, {"30107", true}, {"30110", true},
	{"30201", false}, {"30211", false}, {"30217", false}, {"30228", false}, {"30231", false},
}

// FunctionCodes returns the n synthetic leaf codes, in order.
func FunctionCodes(n int) []string {
	out := make([]string, 0, n)
	for i := 0; i < n; i++ {
		class := firstClass + i/(perClass*perClass)
		kuan := i/perClass%perClass + 1
		xiang := i%perClass + 1
		out = append(out, fmt.Sprintf("%03d%02d%02d", class, kuan, xiang))
	}
	return out
}

// WritePack copies the pack at src (templates/cq-2025) into
// templates/PackID under dir and adds the synthetic codes of up to codes
// leaves to its function catalog. It returns the templates folder.
func WritePack(dir, src string, codes int) (string, error) {
	templates := filepath.Join(dir, "templates")
	dst := filepath.Join(templates, PackID)
	err := filepath.WalkDir(src, func(path string, e os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if e.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		return "", err
	}
	p, err := pack.Load(src)
	if err != nil {
		return "", err
	}
	file := filepath.Join(dst, filepath.FromSlash(p.Files["function"]))
	f, err := os.OpenFile(file, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return "", err
	}
	w := bufio.NewWriter(f)
	seen := map[string]bool{}
	for _, c := range FunctionCodes(codes) {
		for _, code := range []string{c[:3], c[:5], c} {
			if !seen[code] {
				seen[code] = true
				fmt.Fprintf(w, "%s,%s,%s\n", code, syntheticName(code), sourceID)
			}
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return "", err
	}
	if err := f.Close(); err != nil {
		return "", err
	}
	// The synthetic codes cite the generator as their source.
	sources := filepath.Join(filepath.Dir(file), "sources.csv")
	sf, err := os.OpenFile(sources, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return "", err
	}
	fmt.Fprintf(sf, "%s,%d,budgetxl 基准测试的合成科目（不是真实科目）,budgetxl,bench/gen.go\n", sourceID, p.Year)
	return templates, sf.Close()
}

// sourceID is the source the synthetic codes cite in the copied catalog.
const sourceID = "budgetxl-bench"

func syntheticName(code string) string {
	switch len(code) {
	case 3:
		return "合成类" + code
	case 5:
		return "合成款" + code
	}
	return "合成项" + code
}

// Unit builds a synthetic unit's dataset for pack p (which WritePack made):
// amounts in 元 with 分, every rule of the pack kept.
func Unit(p *pack.Pack, s Spec) *dataset.Dataset {
	r := rand.New(rand.NewPCG(s.Seed, 0x62756467657478))
	cents := func(lo, hi int64) decimal.Decimal { return decimal.New(lo*100+r.Int64N((hi-lo)*100), -2) }
	u := dataset.Unit{Pack: p.ID, Name: fmt.Sprintf("合成单位%d", s.Seed), Code: fmt.Sprintf("9%05d", s.Seed%100000),
		Department: "合成主管部门", Year: p.Year, AmountUnit: dataset.Yuan}
	d := &dataset.Dataset{Unit: u, Tables: map[string]*dataset.Table{}, Forms: map[string]*dataset.Form{}}
	layouts := map[*dataset.Table]*pack.Layout{}
	table := func(id string) *dataset.Table {
		t := &dataset.Table{ByKey: map[string]*dataset.Row{}}
		d.Tables[id] = t
		layouts[t] = p.Table(id).Layout
		return t
	}
	add := func(t *dataset.Table, key, name string, values map[string]decimal.Decimal) {
		lay := layouts[t]
		row := &dataset.Row{Key: key, Name: name}
		for k, v := range values {
			if !v.IsZero() {
				row.SetValue(len(lay.Amounts), lay.Amount(k), dataset.Value{Amount: v, Text: v.StringFixed(2)})
			}
		}
		t.Rows = append(t.Rows, row)
		t.ByKey[key] = row
	}
	fn := p.Catalogs["function"]
	t42, tin, tex, t41, tie := table("4-2"), table("income"), table("expense"), table("4-1"), table("income-expense")
	table("4-5")
	basic, project := decimal.Zero, decimal.Zero
	var classes []string
	for i, code := range FunctionCodes(max(s.Codes, 1)) {
		b, pr := cents(1000, 2000000), decimal.Zero
		if i%3 == 1 {
			b, pr = decimal.Zero, cents(1000, 500000)
		}
		basic, project = basic.Add(b), project.Add(pr)
		add(t42, code, fn[code], map[string]decimal.Decimal{"basic": b, "project": pr})
		add(tex, code, fn[code], map[string]decimal.Decimal{"basic": b, "project": pr})
		add(tin, code, fn[code], map[string]decimal.Decimal{"gpb": b.Add(pr)})
		if len(classes) == 0 || classes[len(classes)-1] != code[:3] {
			classes = append(classes, code[:3])
		}
	}
	all := basic.Add(project)
	add(t41, "gpb", "", map[string]decimal.Decimal{"amount": all})
	add(tie, "gpb", "", map[string]decimal.Decimal{"amount": all})
	for _, c := range classes {
		add(t41, c, fn[c], nil)
		add(tie, c, fn[c], nil)
	}

	// 4-3 spreads the basic spending over the economic codes, cent by cent exact.
	t43, ec := table("4-3"), p.Catalogs["economic"]
	left, values := basic, map[string]decimal.Decimal{}
	for i, e := range economic {
		v := left
		if i < len(economic)-1 {
			v = left.Mul(decimal.NewFromInt(int64(5 + r.IntN(20)))).Div(decimal.NewFromInt(100)).Round(2)
		}
		left = left.Sub(v)
		values[e.code] = v
		col := "public"
		if e.staff {
			col = "staff"
		}
		add(t43, e.code, ec[e.code], map[string]decimal.Decimal{col: v})
	}
	add(table("4-4"), "budget", "", map[string]decimal.Decimal{"reception": values["30217"], "car_run": values["30231"]})

	d.Forms["overall"] = &dataset.Form{Records: []*dataset.Record{overall(u, basic, project)}}
	projects := &dataset.Form{}
	for i := 0; i < s.Projects; i++ {
		projects.Records = append(projects.Records, projectRecord(r, u, i))
	}
	if s.Projects > 0 {
		d.Forms["projects"] = projects
	}
	return d
}

func text(s string) dataset.FieldValue { return dataset.FieldValue{Text: s} }

func amount(d decimal.Decimal) dataset.FieldValue {
	return dataset.FieldValue{Text: d.StringFixed(2), Amount: d, Number: true}
}

func number(n int) dataset.FieldValue {
	return dataset.FieldValue{Text: fmt.Sprint(n), Amount: decimal.NewFromInt(int64(n)), Number: true}
}

// indicators builds a list of n indicators whose weights add up to total.
func indicators(r *rand.Rand, n, total int, level3 string) []dataset.Item {
	levels := [][2]string{{"产出指标", "数量指标"}, {"产出指标", "质量指标"}, {"产出指标", "时效指标"},
		{"效益指标", "社会效益指标"}, {"满意度指标", "服务对象满意度指标"}}
	var items []dataset.Item
	left := total
	for i := 0; i < n; i++ {
		w := total / n
		if i == n-1 {
			w = left
		}
		left -= w
		lv := levels[i%len(levels)]
		f := map[string]dataset.FieldValue{
			"level1": text(lv[0]), "level2": text(lv[1]), "level3": text(fmt.Sprintf("%s%d", level3, i+1)),
			"value": text(fmt.Sprint(80 + r.IntN(20))), "op": text("≥"), "unit": text("%"), "weight": number(w),
		}
		items = append(items, dataset.Item{Fields: f})
	}
	return items
}

// overall is the unit's overall performance-target table: its funds in 元.
func overall(u dataset.Unit, basic, project decimal.Decimal) *dataset.Record {
	return &dataset.Record{Index: 1,
		Fields: map[string]dataset.FieldValue{
			"department": text(u.Department), "total": amount(basic.Add(project)),
			"basic_total": amount(basic), "basic_fiscal": amount(basic),
			"project_total": amount(project), "project_fiscal": amount(project),
			"goal": text("保障单位正常运转，完成年度各项工作任务。"),
		},
		Lists: map[string][]dataset.Item{"indicators": indicators(rand.New(rand.NewPCG(1, 2)), 5, 100, "整体指标")},
	}
}

// projectRecord is the i-th project's performance-target table.
func projectRecord(r *rand.Rand, u dataset.Unit, i int) *dataset.Record {
	return &dataset.Record{Index: i + 1,
		Fields: map[string]dataset.FieldValue{
			"code":        text(fmt.Sprintf("50011025T%012d", i+1)),
			"name":        text(fmt.Sprintf("合成项目%d", i+1)),
			"department":  text("999-" + u.Department),
			"implementer": text(u.Code + "-" + u.Name + "（本级）"),
			"amount":      amount(decimal.New(100+r.Int64N(100000), -2)),
			"attribute":   text("延续"), "start": text("2025年"), "end": text("2025年"),
			"overview": text(fmt.Sprintf("合成项目%d的项目概况。", i+1)),
			"goal":     text(fmt.Sprintf("完成合成项目%d的年度绩效目标。", i+1)),
		},
		Lists: map[string][]dataset.Item{"indicators": indicators(r, 4+r.IntN(3), 90, "项目指标")},
	}
}

// WriteUnit writes the unit of spec s as a dataset folder dir, for pack p.
func WriteUnit(p *pack.Pack, s Spec, dir string) error {
	return dataset.Write(Unit(p, s), p, dir)
}

// District writes n units (seeds 1 … n, each of spec s otherwise) under
// dir/units, with the pack they follow under dir/templates (made from
// the pack at src), and returns the templates folder and the unit folders.
func District(dir, src string, n int, s Spec) (string, []string, error) {
	templates, err := WritePack(dir, src, s.Codes)
	if err != nil {
		return "", nil, err
	}
	p, err := pack.Load(filepath.Join(templates, PackID))
	if err != nil {
		return "", nil, err
	}
	var units []string
	for i := 1; i <= n; i++ {
		us := s
		us.Seed = uint64(i)
		if n == 1 {
			us.Seed = s.Seed
		}
		u := filepath.Join(dir, "units", fmt.Sprintf("unit-%04d", i))
		if err := WriteUnit(p, us, u); err != nil {
			return "", nil, err
		}
		units = append(units, u)
	}
	return templates, units, nil
}
