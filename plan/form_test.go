package plan

import (
	"strings"
	"testing"

	"budgetxl/dataset"
	"budgetxl/pack"
)

// TestFormCellText checks a form cell's text against substituting each
// field in turn in place of the first "{name}" left, braces in the
// template and in the values too.
func TestFormCellText(t *testing.T) {
	tbl := &pack.Table{ID: "t"}
	b := &builder{d: &dataset.Dataset{Unit: dataset.Unit{Name: "某单位", Year: 2025}}}
	values := map[string]dataset.FieldValue{
		"code": {Text: "P01"}, "name": {Text: "修路"}, "a": {Text: "{b}"}, "b": {Text: "B"}, "open": {Text: "x}"},
	}
	rec := &dataset.Record{Fields: map[string]dataset.FieldValue{"own": {Text: "自有"}}}
	for _, tpl := range []string{
		"", "标签", "{code}", "{code}-{name}", "项目：{name}（{code}）", "{name}{name}", "{unit}{year}年{name}",
		"{a}{b}", "{{a}}{b}", "{x{name}", "{name}}", "{{code}}{P01}", "{{code}}-{P01}", "{own}/{code}", "{missing}-{code}",
		"{{open}{b}", pack.MergeLeft, pack.MergeUp,
	} {
		fc := b.formCell(tbl, tpl)
		want := tpl
		if tpl == pack.MergeLeft || tpl == pack.MergeUp {
			want = ""
		}
		for _, name := range fc.fields {
			v, ok := values[name]
			if !ok {
				v = rec.Fields[name]
			}
			text := v.Text
			if name == "unit" || name == "year" {
				text = Expand("{"+name+"}", b.d.Unit)
			}
			want = strings.Replace(want, "{"+name+"}", text, 1)
		}
		if got := fc.text(values, rec); got != want {
			t.Errorf("%q: got %q, want %q", tpl, got, want)
		}
	}
}
