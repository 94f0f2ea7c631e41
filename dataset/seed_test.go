package dataset_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"budgetxl/dataset"
)

// TestPerformanceTablesAsPublished checks the qijiang sample's performance
// tables against the published text: every project's name line, and every
// indicator as a row of tab-separated cells in the published order, in the
// same project block; the counts of projects and indicators; the two
// projects that repeat an indicator are kept as published.
func TestPerformanceTablesAsPublished(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "testdata", "seed.txt"))
	if err != nil {
		t.Fatal(err)
	}
	seed := strings.NewReplacer(`\geq`, "≥", `\leq`, "≤").Replace(string(raw))
	_, d, err := dataset.Open(filepath.Join("..", "samples", "qijiang-shebao-2025"), filepath.Join("..", "templates"))
	if err != nil {
		t.Fatal(err)
	}
	projects := d.Forms["projects"].Records
	if len(projects) != 48 {
		t.Fatalf("%d projects, want 48", len(projects))
	}
	blocks := strings.Split(seed, "2025年财政资金项目支出绩效目标表")[1:]
	if len(blocks) != 48 {
		t.Fatalf("the seed has %d project blocks", len(blocks))
	}
	items := 0
	repeated := map[string]bool{}
	for i, p := range projects {
		block := blocks[i]
		f := func(k string) string { return p.Fields[k].Text }
		if !strings.Contains(block, "项目名称\t"+f("code")+"-"+f("name")) {
			t.Errorf("project %d: %s-%s is not the published name", i+1, f("code"), f("name"))
		}
		for _, k := range []string{"department", "implementer", "overview", "goal"} {
			if !strings.Contains(block, f(k)) {
				t.Errorf("project %s: %s %q is not in the published block", f("code"), k, f(k))
			}
		}
		seen := map[string]bool{}
		for _, it := range p.Lists["indicators"] {
			items++
			v := func(k string) string { return it.Fields[k].Text }
			row := strings.Join([]string{v("level1"), v("level2"), v("level3"), v("value"), v("op"), v("unit"), v("weight")}, "\t")
			if !strings.Contains(block, row) {
				t.Errorf("project %s: indicator row %q is not in the published block", f("code"), row)
			}
			if seen[v("level3")] {
				repeated[f("code")] = true
			}
			seen[v("level3")] = true
		}
	}
	if items != 245 {
		t.Errorf("%d indicators, want 245", items)
	}
	if len(repeated) != 2 || !repeated["50011023T000003385601"] || !repeated["50011023T000003385659"] {
		t.Errorf("projects with a repeated indicator row: %v", repeated)
	}
	overall := d.Forms["overall"].Records[0]
	if got := len(overall.Lists["indicators"]); got != 10 {
		t.Errorf("overall table: %d indicators, want 10", got)
	}
	if !strings.Contains(seed, "整体绩效目标 "+overall.Fields["goal"].Text) {
		t.Error("overall goal is not the published text")
	}
}
