package explain_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"budgetxl/dataset"
	"budgetxl/explain"
	"budgetxl/internal/mutate"
	"budgetxl/pack"
	"budgetxl/plan"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

var templates = filepath.Join("..", "templates")

// qijiangFacts are facts a clerk gives the qijiang sample in its explain.toml.
const qijiangFacts = `duties = "负责全区社会保险经办和就业服务工作。"
procurement = "120.00"
procurement_goods = "20.00"
procurement_works = "0"
procurement_services = "100.00"
vehicles = 1
`

// Qijiang is the qijiang sample with the synthetic prior year of
// testdata named by prior in its unit.toml, and a few facts.
func Qijiang(t *testing.T) string {
	t.Helper()
	dir := mutate.Copy(t, filepath.Join("..", "samples", "qijiang-shebao-2025"), "qijiang-shebao-2025")
	prior, err := filepath.Abs(filepath.Join("testdata", "qijiang-shebao-2024"))
	if err != nil {
		t.Fatal(err)
	}
	mutate.Edit("unit.toml", `amount_unit = "万元"`, "amount_unit = \"万元\"\nprior = "+quote(prior))(t, dir)
	mutate.Write("explain.toml", qijiangFacts)(t, dir)
	return dir
}

func quote(s string) string { return `'` + s + `'` }

// draft drafts the 情况说明 of the dataset in dir, with the prior year's
// dataset that its unit.toml names (or prior, when given; "-" for none).
func draft(t *testing.T, dir, prior string) *explain.Doc {
	t.Helper()
	p, d, err := dataset.Open(dir, templates)
	if err != nil {
		t.Fatal(err)
	}
	if prior == "" {
		prior = d.PriorDir()
	}
	if prior != "-" {
		if d.Prior, err = dataset.OpenPrior(d, p, prior, pack.Library{Dir: templates}); err != nil {
			t.Fatal(err)
		}
	}
	book, err := plan.Build(p, d)
	if err != nil {
		t.Fatal(err)
	}
	return explain.Draft(explain.FromDataset(p, book, d))
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./explain -update creates it)", err)
	}
	if got != string(want) {
		os.WriteFile(path+".actual", []byte(got), 0o644)
		t.Errorf("the draft differs from %s (see %s.actual)", path, path)
	}
}

// TestDraftGolden: the qijiang sample against its synthetic prior year
// (every kind of change: up, down, 持平, a subject new this year and one
// dropped, the threshold's edge at exactly 10%), and the demo sample
// against samples/demo-2024, as text.
func TestDraftGolden(t *testing.T) {
	golden(t, "qijiang", draft(t, Qijiang(t), "").Text())
	golden(t, "demo", draft(t, filepath.Join("..", "samples", "demo-2025"), filepath.Join("..", "samples", "demo-2024")).Text())
}

// TestDraftWithoutPrior: without a prior year's dataset every change is
// the pack's slot, no reason is asked for, and the table's prior year's
// figures are slots too.
func TestDraftWithoutPrior(t *testing.T) {
	doc := draft(t, Qijiang(t), "-")
	all, known := doc.Changes()
	if all == 0 || known != 0 {
		t.Errorf("changes %d, known %d: want some, none known", all, known)
	}
	reasons, facts := doc.Slots()
	if reasons != 0 || facts != 3 {
		t.Errorf("slots: %d reasons, %d facts; want 0 and 3 (structure and two equipment counts)", reasons, facts)
	}
	text := doc.Text()
	for _, want := range []string{
		"收入预算较2024年【请填写增减情况】。",
		"合计\t21.80\t【请填写2024年数】\t【请填写2024年数】\t【请填写2024年数】",
		"（一）职能职责\n负责全区社会保险经办和就业服务工作。\n",
		"政府采购预算总额120.00万元，其中：政府采购货物预算20.00万元，政府采购工程预算0.00万元",
		"本单位共有车辆1辆；单价50万元以上通用设备【请填写单价50万元以上通用设备数】台（套）",
		"实行绩效目标管理的项目48个，涉及资金13361.43万元。",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the draft has no %q", want)
		}
	}
	if strings.Contains(text, "【请填写增减原因】") {
		t.Error("a reason slot without a prior year")
	}
}

// TestMatcherReadsDraft: each drafted line, read by its own template,
// states exactly the draft's figures; an edited figure, a changed
// direction and a filled reason are read as written.
func TestMatcherReadsDraft(t *testing.T) {
	doc := draft(t, Qijiang(t), "")
	p := packOf(t)
	lines := doc.Lines()
	for i, l := range lines {
		m := explain.NewMatcher(l.Segs, p.Explain, 2025)
		r, ok := m.Read(explain.Normalize(l.Text()))
		if !ok {
			t.Fatalf("line %d does not read by its own template: %s", i+1, l.Text())
		}
		for _, st := range r.Figures {
			if st.Seg.Known && (!st.Number || !explain.Matches(st.Value, st.Seg.Value)) {
				t.Errorf("line %d: figure %q read against %s", i+1, st.Text, st.Seg.Value)
			}
		}
		for _, sc := range r.Changes {
			if sc.Dir != sc.Seg.Change.Dir || sc.Why != sc.Seg.Change.NeedsReason {
				t.Errorf("line %d: change read as %s (why %v), drafted %s (why %v)", i+1, sc.Dir, sc.Why, sc.Seg.Change.Dir, sc.Seg.Change.NeedsReason)
			}
		}
	}
	// 三公: a reason filled, the reception's change turned around, an amount edited.
	var sg explain.Line
	for _, l := range lines {
		if strings.HasPrefix(l.Text(), "2025年一般公共预算财政拨款“三公”经费预算数为") {
			sg = l
		}
	}
	text := strings.NewReplacer("21.80万元", "21.90 万元", "公务接待费6.80万元，较2024年减少1.20万元，下降15.00%，主要原因是【请填写增减原因】",
		"公务接待费6.80万元，较2024年增加1.20万元，增长15.00%，主要原因是严控接待").Replace(sg.Text())
	r, ok := explain.NewMatcher(sg.Segs, p.Explain, 2025).Read(explain.Normalize(text))
	if !ok {
		t.Fatalf("the edited line does not read: %s", text)
	}
	if r.Figures[0].Text != "21.90" {
		t.Errorf("first figure read %q, want 21.90", r.Figures[0].Text)
	}
	last := r.Changes[len(r.Changes)-1]
	if last.Dir != explain.DirUp || last.Seg.Change.Dir != explain.DirDown || last.Reason != "严控接待" || last.Rate.Text != "15.00" {
		t.Errorf("the reception's change read as %+v", last)
	}
}

func packOf(t *testing.T) *pack.Pack {
	t.Helper()
	p, err := pack.Load(filepath.Join(templates, "cq-2025"))
	if err != nil {
		t.Fatal(err)
	}
	return p
}
