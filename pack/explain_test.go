package pack

import (
	"strings"
	"testing"

	"budgetxl/internal/mutate"
)

// TestLoadExplain: what loading the real pack's explain file fills in.
func TestLoadExplain(t *testing.T) {
	p, err := Load(realPack)
	if err != nil {
		t.Fatal(err)
	}
	e := p.Explain
	if e == nil {
		t.Fatal("the real pack has no explain templates")
	}
	if ad, rd := e.Decimals(); ad != 2 || rd != 2 || e.ThresholdValue.String() != "10" || e.Unit != "万元" {
		t.Errorf("decimals %d/%d, threshold %s, unit %s", ad, rd, e.ThresholdValue, e.Unit)
	}
	if f := e.Fact("operating_funds"); f == nil || f.DefaultRef == nil || f.DefaultRef.String() != "4-3!total.public" {
		t.Errorf("operating_funds default = %+v", f)
	}
	if l := e.List("gpb_classes"); l == nil || l.ShareOfRef == nil || l.ItemText == nil {
		t.Errorf("gpb_classes = %+v", l)
	}
	for i, pg := range e.Paragraphs {
		if pg.Sentence == nil && pg.Cells == nil {
			t.Errorf("paragraph[%d] was not parsed", i)
		}
	}
}

func TestParseSentence(t *testing.T) {
	tests := []struct{ src, want string }{
		{"（{n}）{path}：{amount:subtotal}万元", `"（" {n} "）" {path} "：" {amount:subtotal} "万元"`},
		{"{change:4-2!total.subtotal}", `{change:4-2!total.subtotal}`},
		{"{count:projects!amount}个", `{count:projects!amount} "个"`},
		{"{text:facts!duties}", `{text:facts!duties}`},
		{"{amount:4-1!2080101.exp_gpb}", `{amount:4-1!2080101.exp_gpb}`},
		{"无占位符", `"无占位符"`},
		{"{year", `error: "{year": column 1: unclosed {`},
		{"年}", `error: "年}": column 2: } without {`},
		{"a{}", `error: "a{}": column 2: empty {}`},
		{"{amount:}", `error: "{amount:}": column 1: {amount:}: nothing after the colon`},
		{"{amount:4-2!.x}", `error: "{amount:4-2!.x}": column 1: {amount:4-2!.x}: write table!row.column, table!field or a column`},
	}
	for _, tt := range tests {
		s, err := ParseSentence(tt.src)
		var got []string
		if err != nil {
			got = []string{"error: " + err.Error()}
		} else {
			for _, p := range s.Parts {
				if p.Text != "" {
					got = append(got, `"`+p.Text+`"`)
				} else {
					got = append(got, p.placeholderText())
				}
			}
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("ParseSentence(%q) = %s, want %s", tt.src, g, tt.want)
		}
	}
}

// TestExplainErrors: each fault of the explain file is reported at its
// file and line, with what to do.
func TestExplainErrors(t *testing.T) {
	const file = "explain.toml"
	tests := []struct {
		name string
		muts []mutation
		want string
	}{
		{"threshold", []mutation{edit(file, `threshold = "10"`, `threshold = "ten"`)},
			`$PACK/explain.toml:9: threshold: is "ten": give a percentage such as "10"`},
		{"missing slot without label", []mutation{edit(file, `missing = "【请填写{label}】"`, `missing = "【请填写】"`)},
			`$PACK/explain.toml:14: missing: is "【请填写】": give the slot of a missing fact with {label}, such as "【请填写{label}】"`},
		{"change phrase without diff", []mutation{edit(file, `up = "较{prior_year}年增加{diff}万元，增长{rate}%"`, `up = "较{prior_year}年增长{rate}%"`)},
			`$PACK/explain.toml:17: change.up: says no {diff}: the phrase must give the amount of the change`},
		{"unknown placeholder in a change phrase", []mutation{edit(file, `up = "较{prior_year}年增加{diff}万元`, `up = "较{last_year}年增加{diff}万元`)},
			`$PACK/explain.toml:17: change.up: column 2: {last_year}: unknown placeholder: use one of {year}, {prior_year}, {diff}, {rate}`},
		{"fact kind", []mutation{edit(file, "key = \"vehicles\"\nlabel = \"车辆数\"\nkind = \"number\"", "key = \"vehicles\"\nlabel = \"车辆数\"\nkind = \"count\"")},
			`$PACK/explain.toml:69: fact[7].kind: is "count": use "text", "amount" or "number"` + "\n" +
				`$PACK/explain.toml:210: paragraph[29].text: column 42: {count:facts!vehicles}: fact vehicles is of kind count; count needs a fact of kind number`},
		{"list level", []mutation{edit(file, "level = 7", "level = 6")},
			`$PACK/explain.toml:102: list[3].level: is 6: table 4-2 has codes of [3, 5, 7] digits`},
		{"share without share_of", []mutation{edit(file, "share_of = \"4-2!total.subtotal\"\n", "")},
			`$PACK/explain.toml:96: list[2].item: column 28: {share:subtotal}: list gpb_classes has no share_of to divide by`},
		{"unknown row, once a line", []mutation{edit(file, "{amount:4-2!total.subtotal}万元，{change:4-2!total.subtotal}。\"", "{amount:4-2!totl.subtotal}万元，{change:4-2!totl.subtotal}。\"")},
			`$PACK/explain.toml:152: paragraph[11].text: column 41: {amount:4-2!totl.subtotal}: table 4-2 has no row "totl" (its rows: total; or a code)`},
		{"unknown verb", []mutation{edit(file, "{amount:4-2!total.subtotal}万元，{change:4-2!total.subtotal}。\"", "{sum:4-2!total.subtotal}万元，{change:4-2!total.subtotal}。\"")},
			`$PACK/explain.toml:152: paragraph[11].text: column 41: {sum:4-2!total.subtotal}: unknown verb: use amount, prior, diff, rate, change, share, count, text or list`},
		{"a bare column outside a list", []mutation{edit(file, "{amount:4-2!total.subtotal}万元，{change:4-2!total.subtotal}。\"", "{amount:subtotal}万元，{change:4-2!total.subtotal}。\"")},
			`$PACK/explain.toml:152: paragraph[11].text: column 41: {amount:subtotal}: a bare column stands only in a list's item: write table!row.column`},
		{"when on text", []mutation{edit(file, `when = "4-5!total.total"`, `when = "4-5!total.name"`)},
			`$PACK/explain.toml:167: paragraph[17].when: "4-5!total.name": table 4-5 has no amount column "name" (its amount columns: total, basic, project)`},
		{"explain file missing", []mutation{remove(file)},
			`$PACK/pack.toml:18:1: explain: no file explain.toml in this folder: add it or correct the path`},
		{"prior column of a text column", []mutation{edit("4-4.toml", "  key = \"car_buy\"\n  kind = \"amount\"\n", "  key = \"car_buy\"\n  kind = \"amount\"\n  prior = \"receptoin\"\n")},
			`$PACK/4-4.toml:29:3: side[0].column[3].prior: "receptoin" is not an amount column of this table`},
		{"prior column with a formula", []mutation{edit("4-4.toml", "  formula = \"{car_buy} + {car_run}\"\n", "  formula = \"{car_buy} + {car_run}\"\n  prior = \"total\"\n")},
			`$PACK/4-4.toml:26:3: side[0].column[2].prior: a prior year's column is an amount column without formula or ref`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := mutate.Copy(t, realPack, "pack")
			for _, m := range tt.muts {
				m(t, dir)
			}
			_, err := Load(dir)
			if err == nil {
				t.Fatalf("Load succeeded, want\n%s", tt.want)
			}
			if got := strings.ReplaceAll(err.Error(), dir, dirToken); got != tt.want {
				t.Errorf("Load error:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}
