package pack

import (
	"budgetxl/internal/mutate"
	"budgetxl/msg"
	"regexp"
	"strings"
	"testing"
)

// realPack is the template pack shipped with the tool; the broken packs of
// TestLoadErrors are copies of it with one or a few edits.
const realPack = "../templates/cq-2025"

// dirToken replaces the temporary pack folder in expected error text.
const dirToken = "$PACK"

func TestLoadRealPack(t *testing.T) {
	p, err := Load(realPack)
	if err != nil {
		t.Fatalf("Load(%s): %v", realPack, err)
	}
	var ids []string
	for _, tb := range p.Tables {
		ids = append(ids, tb.ID)
	}
	if got, want := strings.Join(ids, " "), "4-1 4-2 4-3 4-4 4-5 income-expense income expense overall projects"; got != want {
		t.Errorf("tables = %s, want %s", got, want)
	}
	if p.ID != "cq-2025" || p.Year != 2025 {
		t.Errorf("id, year = %q, %d, want \"cq-2025\", 2025", p.ID, p.Year)
	}
	if !regexp.MustCompile(`^[0-9a-f]{64}$`).MatchString(p.Hash) {
		t.Errorf("hash %q is not 64 lower-case hex digits", p.Hash)
	}
	for _, name := range []string{"function", "economic"} {
		if len(p.Catalogs[name]) == 0 {
			t.Errorf("catalog %s is empty", name)
		}
	}

	// What validation fills in.
	t42 := p.Table("4-2")
	sub := t42.Column("subtotal")
	if sub.Expr == nil || len(sub.Expr.Terms) != 2 || sub.Expr.Terms[0].Key != "basic" || sub.Expr.Terms[1].Key != "project" {
		t.Errorf("4-2 subtotal expr = %+v, want {basic} + {project}", sub.Expr)
	}
	gpb := p.Table("4-1").Column("exp_gpb")
	if gpb.RefTable != "4-2" || gpb.RefColumn != "subtotal" {
		t.Errorf("4-1 exp_gpb ref = %q.%q, want 4-2.subtotal", gpb.RefTable, gpb.RefColumn)
	}
	if got := p.Table("4-3").FixedRow("total").At; got != "name" {
		t.Errorf("4-3 total row label column = %q, want the name column", got)
	}
	if got := p.Table("4-4").Orientation; got != "landscape" {
		t.Errorf("4-4 orientation = %q, want landscape", got)
	}

	// The hash depends on the files only, not on where they are.
	dir := mutate.Copy(t, realPack, "pack")
	p2, err := Load(dir)
	if err != nil {
		t.Fatalf("Load(copy): %v", err)
	}
	if p2.Hash != p.Hash {
		t.Errorf("hash of a copy = %s, want %s", p2.Hash, p.Hash)
	}
	p3, err := Load(dir)
	if err != nil {
		t.Fatalf("Load(copy) again: %v", err)
	}
	if p3.Hash != p.Hash {
		t.Errorf("hash of a second load = %s, want %s", p3.Hash, p.Hash)
	}

	// Any file's change changes it, even a comment or a catalog name.
	for _, m := range []struct {
		file, old, new string
	}{
		{"pack.toml", "# Template pack", "# The template pack"},
		{"4-4.toml", "# 附件4-4", "# 附件 4-4"},
		{"catalog/function.csv", "行政运行", "行政运行 "},
		{"catalog/economic.csv", "基本工资", "基本工资（改）"},
	} {
		dir := mutate.Copy(t, realPack, "pack")
		edit(m.file, m.old, m.new)(t, dir)
		pm, err := Load(dir)
		if err != nil {
			t.Fatalf("Load after editing %s: %v", m.file, err)
		}
		if pm.Hash == p.Hash {
			t.Errorf("hash unchanged after editing %s", m.file)
		}
	}
}

// The mutations of the error tests.
type mutation = mutate.Mutation

var edit, remove = mutate.Edit, mutate.Remove

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name string
		muts []mutation
		want string
	}{
		// Reading files.
		{
			name: "no pack.toml",
			muts: []mutation{remove("pack.toml")},
			want: `$PACK/pack.toml: no such file: a template pack folder needs pack.toml (see templates/cq-2025)`,
		},
		{
			name: "table file missing",
			muts: []mutation{remove("4-4.toml")},
			want: `$PACK/pack.toml: tables[3]: no file 4-4.toml in this folder: add it or remove "4-4" from tables`,
		},
		{
			name: "unknown key",
			muts: []mutation{edit("4-2.toml", "  key = \"basic\"\n", "  key = \"basic\"\n  widht = 12\n")},
			want: `$PACK/4-2.toml:26: side.column.widht: unknown key (check its spelling against docs/templates.md)`,
		},
		{
			name: "unknown key in pack.toml",
			muts: []mutation{edit("pack.toml", "year = 2025", "year = 2025\nyaer = 2025")},
			want: `$PACK/pack.toml:7: yaer: unknown key (check its spelling against docs/templates.md)`,
		},
		{
			name: "toml syntax",
			muts: []mutation{edit("4-3.toml", `units = "单位：万元"`, `units = "单位：万元`)},
			want: `$PACK/4-3.toml:5: strings cannot contain newlines`,
		},
		{
			name: "toml type",
			muts: []mutation{edit("4-3.toml", `levels = [3, 5]`, `levels = "3, 5"`)},
			want: `$PACK/4-3.toml:37: side.row.levels: incompatible types: TOML value has type string; destination has type slice`,
		},

		// pack.toml.
		{
			name: "pack.toml fields",
			muts: []mutation{
				edit("pack.toml", `id = "cq-2025"`, `id = ""`),
				edit("pack.toml", `version = "1.0.0"`, ``),
				edit("pack.toml", `year = 2025`, `year = 25`),
			},
			want: `$PACK/pack.toml: id: is missing: give the pack a short id such as "cq-2025"
$PACK/pack.toml: version: is missing: give the pack a version such as "1.0.0"
$PACK/pack.toml: year: is 25: give the budget year, such as 2025`,
		},
		{
			name: "table names",
			muts: []mutation{edit("pack.toml", `"overall", "projects"]`, `"overall", "projects", "../expense", "4-2"]`)},
			want: `$PACK/pack.toml: tables[10]: "../expense" is not a table name (one unique file name without .toml)
$PACK/pack.toml: tables[11]: "4-2" is listed twice: list each table once`,
		},
		{
			name: "id differs from file name",
			muts: []mutation{edit("4-3.toml", `id = "4-3"`, `id = "4-3a"`)},
			want: `$PACK/4-3.toml: id: is "4-3a", but pack.toml lists this file as "4-3": make them the same`,
		},

		// Sheet, title, orientation.
		{
			name: "sheet too long",
			muts: []mutation{edit("4-3.toml", `sheet = "附件4-3"`, `sheet = "附件4-3 一般公共预算财政拨款基本支出预算表（按经济分类填列）"`)},
			want: `$PACK/4-3.toml: sheet: "附件4-3 一般公共预算财政拨款基本支出预算表（按经济分类填列）" is longer than 31 characters, Excel's limit`,
		},
		{
			name: "sheet forbidden char",
			muts: []mutation{edit("4-3.toml", `sheet = "附件4-3"`, `sheet = "附件4/3"`)},
			want: `$PACK/4-3.toml: sheet: "附件4/3" has a character Excel does not allow in sheet names ([ ] : * ? / \ or a leading ')`,
		},
		{
			name: "sheet duplicate",
			muts: []mutation{edit("4-3.toml", `sheet = "附件4-3"`, `sheet = "附件4-2"`)},
			want: `$PACK/4-3.toml: sheet: "附件4-2" is also the sheet of table "4-2": sheet names must differ`,
		},
		{
			name: "sheet missing",
			muts: []mutation{edit("4-3.toml", `sheet = "附件4-3"`, ``)},
			want: `$PACK/4-3.toml: sheet: is missing: name the worksheet`,
		},
		{
			name: "unknown placeholder in title",
			muts: []mutation{edit("4-3.toml", `title = "{unit}`, `title = "{unit_name}`)},
			want: `$PACK/4-3.toml: title: unknown placeholder {unit_name}: use one of {unit}, {year}, {unit_code}, {department}`,
		},
		{
			name: "bad orientation",
			muts: []mutation{edit("4-3.toml", `orientation = "portrait"`, `orientation = "vertical"`)},
			want: `$PACK/4-3.toml: orientation: is "vertical": use "portrait" or "landscape"`,
		},

		// Header and merges.
		{
			name: "header row with too few cells",
			muts: []mutation{edit("4-3.toml", `"人员经费", "公用经费"]`, `"人员经费"]`)},
			want: `$PACK/4-3.toml: header[1]: has 4 cells, but the sides have 5 columns`,
		},
		{
			name: "unknown placeholder in header",
			muts: []mutation{edit("4-3.toml", `"{year}年基本支出"`, `"{yaer}年基本支出"`)},
			want: `$PACK/4-3.toml: header[0][2]: unknown placeholder {yaer}: use one of {unit}, {year}, {unit_code}, {department}`,
		},
		{
			name: "bad merge range",
			muts: []mutation{edit("4-3.toml", `merges = ["A1:B1", "C1:E1"]`, `merges = ["A1-B1", "E1:C1"]`)},
			want: `$PACK/4-3.toml: merges[0]: "A1-B1" is not a range such as "A1:B2"
$PACK/4-3.toml: merges[1]: "E1:C1": write the top-left cell first`,
		},
		{
			name: "overlapping merges",
			muts: []mutation{edit("4-3.toml", `merges = ["A1:B1", "C1:E1"]`, `merges = ["A1:B1", "C1:E1", "B1:C2"]`)},
			want: `$PACK/4-3.toml: merges[2]: "B1:C2" overlaps "A1:B1"`,
		},
		{
			name: "merge beyond header",
			muts: []mutation{edit("4-3.toml", `merges = ["A1:B1", "C1:E1"]`, `merges = ["A1:B1", "C1:F1", "A2:A3"]`)},
			want: `$PACK/4-3.toml: merges[1]: "C1:F1" reaches beyond the header block (2 rows × 5 columns, A1 is its top-left cell)
$PACK/4-3.toml: merges[2]: "A2:A3" reaches beyond the header block (2 rows × 5 columns, A1 is its top-left cell)`,
		},

		// Columns.
		{
			name: "column key duplicate",
			muts: []mutation{edit("4-3.toml", `key = "public"`, `key = "staff"`)},
			want: `$PACK/4-3.toml: side[0].column[4].key: "staff" is used twice in this table: column keys name CSV columns and must be unique
$PACK/4-3.toml: side[0].column[2].formula: unknown column {public}: use an amount column of the same side (staff, total)`,
		},
		{
			name: "bad kind",
			muts: []mutation{edit("4-3.toml", "key = \"staff\"\n  kind = \"amount\"", "key = \"staff\"\n  kind = \"money\"")},
			want: `$PACK/4-3.toml: side[0].column[3].kind: is "money": use "code", "name" or "amount"
$PACK/4-3.toml: side[0].column[2].formula: {staff} is a money column: use an amount column of the same side (public, total)`,
		},
		{
			name: "formula unknown column",
			muts: []mutation{edit("4-2.toml", `formula = "{basic} + {project}"`, `formula = "{basci} + {project}"`)},
			want: `$PACK/4-2.toml: side[0].column[2].formula: unknown column {basci}: use an amount column of the same side (basic, project, subtotal)`,
		},
		{
			name: "formula syntax",
			muts: []mutation{edit("4-2.toml", `formula = "{basic} + {project}"`, `formula = "{basic} + + {project}"`)},
			want: `$PACK/4-2.toml: side[0].column[2].formula: "{basic} + + {project}": column 11: expected {key} or tree`,
		},
		{
			name: "formula on its own column",
			muts: []mutation{edit("4-2.toml", `formula = "{basic} + {project}"`, `formula = "{basic} + {project} + {subtotal}"`)},
			want: `$PACK/4-2.toml: side[0].column[2].formula: refers to its own column {subtotal}`,
		},
		{
			name: "column formula cycle",
			muts: []mutation{edit("4-4.toml", `formula = "{car_buy} + {car_run}"`, `formula = "{car_buy} + {total}"`)},
			want: `$PACK/4-4.toml: side[0].column: formulas refer to each other in a circle: car → total → car`,
		},
		{
			name: "tree in a column formula",
			muts: []mutation{edit("4-2.toml", `formula = "{basic} + {project}"`, `formula = "tree"`)},
			want: `$PACK/4-2.toml: side[0].column[2].formula: tree sums rows; a column formula sums {columns} of the same row`,
		},
		{
			name: "ref to unknown table",
			muts: []mutation{edit("4-1.toml", `ref = "4-5.total"`, `ref = "4-6.total"`)},
			want: `$PACK/4-1.toml: side[1].column[3].ref: "4-6.total": unknown table "4-6"`,
		},
		{
			name: "ref to unknown column",
			muts: []mutation{edit("4-1.toml", `ref = "4-5.total"`, `ref = "4-5.sum"`)},
			want: `$PACK/4-1.toml: side[1].column[3].ref: "4-5.sum": table "4-5" has no amount column "sum"`,
		},
		{
			name: "ref to a table without tree",
			muts: []mutation{edit("4-1.toml", `ref = "4-5.total"`, `ref = "4-4.total"`)},
			want: `$PACK/4-1.toml: side[1].column[3].ref: "4-4.total": table "4-4" has no code tree to match codes in`,
		},
		{
			name: "ref without a table",
			muts: []mutation{edit("4-1.toml", `ref = "4-5.total"`, `ref = "total"`)},
			want: `$PACK/4-1.toml: side[1].column[3].ref: "total": write the referenced cell's column as "table.column", such as "4-2.subtotal"`,
		},

		// Rows.
		{
			name: "row formula unknown row",
			muts: []mutation{edit("4-1.toml", `formula = "{gpb} + {fund} + {soe}"`, `formula = "{gpb} + {fund} + {soe_x}"`)},
			want: `$PACK/4-1.toml: side[0]: row "this_year" formula: unknown row {soe_x}: use a fixed row of the same side (carry, carry_fund, carry_gpb, carry_soe, fund, gpb, soe, this_year, total)`,
		},
		{
			name: "row formula on its own row",
			muts: []mutation{edit("4-1.toml", `formula = "{gpb} + {fund} + {soe}"`, `formula = "{gpb} + {this_year}"`)},
			want: `$PACK/4-1.toml: side[0]: row "this_year" formula: refers to its own row {this_year}`,
		},
		{
			name: "row formula cycle",
			muts: []mutation{edit("4-1.toml", `formula = "{carry_gpb} + {carry_fund} + {carry_soe}"`, `formula = "{carry_gpb} + {total}"`)},
			want: `$PACK/4-1.toml: side[0].row: formulas refer to each other in a circle: carry → total → carry`,
		},
		{
			name: "tree in a side without tree",
			muts: []mutation{edit("4-1.toml", `formula = "{this_year} + {carry}"`, `formula = "tree"`)},
			want: `$PACK/4-1.toml: side[0]: row "total" formula: uses tree, but this side has no code tree`,
		},
		{
			name: "two trees in one side",
			muts: []mutation{edit("4-3.toml", "levels = [3, 5]", "levels = [3, 5]\n  [[side.row]]\n  tree = \"function\"\n  levels = [3]")},
			want: `$PACK/4-3.toml: side[0].row: has 2 code trees: a side has at most one`,
		},
		{
			name: "tree in foot",
			muts: []mutation{edit("4-3.toml", "levels = [3, 5]", "levels = [3, 5]\n  [[side.foot]]\n  tree = \"economic\"\n  levels = [3]")},
			want: `$PACK/4-3.toml: side[0].foot[0].tree: a code tree belongs in [[side.row]], not in the foot`,
		},
		{
			name: "unknown catalog",
			muts: []mutation{edit("4-3.toml", `tree = "economic"`, `tree = "economy"`)},
			want: `$PACK/4-3.toml: side[0].row[1].tree: unknown catalog "economy": pack.toml [catalogs] has economic, function`,
		},
		{
			name: "bad levels",
			muts: []mutation{edit("4-3.toml", `levels = [3, 5]`, `levels = [5, 3]`)},
			want: `$PACK/4-3.toml: side[0].row[1].levels: is [5, 3]: give positive code lengths in increasing order, such as [3, 5, 7]`,
		},
		{
			name: "levels missing",
			muts: []mutation{edit("4-3.toml", `levels = [3, 5]`, ``)},
			want: `$PACK/4-3.toml: side[0].row[1].levels: is missing: give the code lengths of each level, such as [3, 5, 7]`,
		},
		{
			name: "codes from unknown table",
			muts: []mutation{edit("4-1.toml", `codes_from = ["4-2", "4-5"]`, `codes_from = ["4-2", "4-6"]`)},
			want: `$PACK/4-1.toml: side[1].row[1].codes_from[1]: unknown table "4-6"`,
		},
		{
			name: "codes from table without tree or with another catalog",
			muts: []mutation{edit("4-1.toml", `codes_from = ["4-2", "4-5"]`, `codes_from = ["4-4", "4-3"]`)},
			want: `$PACK/4-1.toml: side[1].row[1].codes_from[0]: table "4-4" has no code tree
$PACK/4-1.toml: side[1].row[1].codes_from[1]: table "4-3" uses catalog "economic", not "function"`,
		},
		{
			name: "all-digit row key",
			muts: []mutation{edit("4-4.toml", `key = "budget"`, `key = "2025"`)},
			want: `$PACK/4-4.toml: side[0].row[0].key: "2025" is all digits and would be taken for a classification code
$PACK/rules.toml: rule[7].check: table "4-4" has no row "budget"
$PACK/rules.toml: rule[8].check: table "4-4" has no row "budget"
$PACK/rules.toml: rule[9].check: table "4-4" has no row "budget"`,
		},
		{
			name: "row key missing",
			muts: []mutation{edit("4-4.toml", `key = "budget"`, `label = "预算数"`)},
			want: `$PACK/4-4.toml: side[0].row[0].key: is missing: a fixed row needs a key (its name in the CSV), or blank = true
$PACK/4-4.toml: side[0].row[0].label: this side has no code or name column to show it in
$PACK/rules.toml: rule[7].check: table "4-4" has no row "budget"
$PACK/rules.toml: rule[8].check: table "4-4" has no row "budget"
$PACK/rules.toml: rule[9].check: table "4-4" has no row "budget"`,
		},
		{
			name: "row key duplicate",
			muts: []mutation{edit("4-1.toml", `key = "carry_soe"`, `key = "carry_fund"`)},
			want: `$PACK/4-1.toml: side[0].row[7].key: "carry_fund" is used twice in this table
$PACK/4-1.toml: side[0]: row "carry" formula: unknown row {carry_soe}: use a fixed row of the same side (carry, carry_fund, carry_gpb, fund, gpb, soe, this_year, total)
$PACK/rules.toml: rule[3].check: table "4-1" has no row "carry_soe"`,
		},

		// Forms.
		{
			name: "form field rules",
			muts: []mutation{
				edit("projects.toml", "label = \"项目名称\"\nrequired = true", "label = \"项目名称\"\nrequired = true\npositive = true\nmax = \"9\""),
				edit("projects.toml", "kind = \"amount\"\nrequired = true", "kind = \"amount\"\nrequired = true\nwhole = true\nmax = \"lots\""),
				edit("projects.toml", `choices = ["产出指标",`, `choices = ["`+strings.Repeat("指标", 130)+`", "产出指标",`),
			},
			want: `$PACK/projects.toml: field[1].positive: applies to amount and number fields
$PACK/projects.toml: field[1].max: applies to amount and number fields
$PACK/projects.toml: field[4].whole: applies to number fields
$PACK/projects.toml: field[4].max: "lots" is not a number: give the largest value, such as "100"
$PACK/projects.toml: list[0].field[0].choices: take 281 characters with their commas; a form's drop-down list holds at most 255: shorten or drop some`,
		},

		// Rules.
		{
			name: "rule syntax",
			muts: []mutation{edit("rules.toml", `check = "{4-1!total.amount} = {4-1!exp_sum.exp_total}"`, `check = "{4-1!total.amount} == {4-1!exp_sum}"`)},
			want: `$PACK/rules.toml: rule[0].check: "{4-1!total.amount} == {4-1!exp_sum}": write one "=" between two sums of {table!row.column}`,
		},
		{
			name: "rule term",
			muts: []mutation{edit("rules.toml", `check = "{4-1!total.amount} = {4-1!exp_sum.exp_total}"`, `check = "{4-1!total.amount} = {4-1!exp_sum}"`)},
			want: `$PACK/rules.toml: rule[0].check: "{4-1!total.amount} = {4-1!exp_sum}": {4-1!exp_sum} is not {table!row.column}`,
		},
		{
			name: "rule references",
			muts: []mutation{edit("rules.toml", `check = "{4-1!total.amount} = {4-1!exp_sum.exp_total}"`, `check = "{4-9!total.amount} = {4-1!exp_summ.exp_total} + {4-1!total.name}"`)},
			want: `$PACK/rules.toml: rule[0].check: unknown table "4-9"
$PACK/rules.toml: rule[0].check: table "4-1" has no row "exp_summ"
$PACK/rules.toml: rule[0].check: table "4-1" has no amount column "name"`,
		},
		{
			name: "rule each, severity, message, id",
			muts: []mutation{
				edit("rules.toml", `each = ["4-1", "4-2"]`, ``),
				edit("rules.toml", `id = "4-2.basic-4-3"`, `id = "4-1.balance"`+"\nseverity = \"fatal\""),
				edit("rules.toml", `message_en = "4-3: 30212 official travel abroad must equal that in 4-4"`, ``),
			},
			want: `$PACK/rules.toml: rule[4].each: is missing: list the tables whose codes "*" stands for
$PACK/rules.toml: rule[6].id: "4-1.balance" is used twice
$PACK/rules.toml: rule[6].severity: is "fatal": use "error" or "warning"
$PACK/rules.toml: rule[9]: give message (Chinese) and message_en (English): they are what reviewers read`,
		},

		// Catalogs.
		{
			name: "catalog file missing",
			muts: []mutation{remove("catalog/economic.csv")},
			want: `$PACK/pack.toml: catalogs.economic: no file catalog/economic.csv in this folder: add it or correct the path`,
		},
		{
			name: "catalog bad header",
			muts: []mutation{edit("catalog/economic.csv", "code,name", "编码,名称")},
			want: `$PACK/catalog/economic.csv:1: header is "编码,名称", want "code,name"`,
		},
		{
			name: "catalog duplicate code",
			muts: []mutation{edit("catalog/economic.csv", "30102,津贴补贴", "30101,津贴补贴")},
			want: `$PACK/catalog/economic.csv:4: code 30101 appears twice`,
		},
		{
			name: "catalog code not digits",
			muts: []mutation{edit("catalog/economic.csv", "30102,津贴补贴", "30102a,津贴补贴")},
			want: `$PACK/catalog/economic.csv:4: code "30102a" is not a number of digits`,
		},
		{
			name: "catalog wrong number of fields",
			muts: []mutation{edit("catalog/economic.csv", "30102,津贴补贴", "30102,津贴,补贴")},
			want: `$PACK/catalog/economic.csv:4: wrong number of fields (want two columns: code,name)`,
		},

		// Everything is reported at once.
		{
			name: "three problems in three files",
			muts: []mutation{
				edit("4-2.toml", `formula = "{basic} + {project}"`, `formula = "{basci} + {project}"`),
				edit("4-3.toml", `orientation = "portrait"`, `orientation = "vertical"`),
				edit("catalog/function.csv", "code,name", "code;name"),
			},
			want: `$PACK/catalog/function.csv:1: wrong number of fields (want two columns: code,name)
$PACK/4-2.toml: side[0].column[2].formula: unknown column {basci}: use an amount column of the same side (basic, project, subtotal)
$PACK/4-3.toml: orientation: is "vertical": use "portrait" or "landscape"`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := mutate.Copy(t, realPack, "pack")
			for _, m := range tt.muts {
				m(t, dir)
			}
			p, err := Load(dir)
			if err == nil {
				t.Fatalf("Load succeeded (%d tables), want\n%s", len(p.Tables), tt.want)
			}
			if got := strings.ReplaceAll(err.Error(), dir, dirToken); got != tt.want {
				t.Errorf("Load error:\n%s\nwant:\n%s", got, tt.want)
			}
			// Each problem renders itself, in English or Chinese.
			for _, e := range msg.Split(err) {
				if _, ok := e.(msg.Localizer); !ok {
					t.Errorf("problem %T (%v) cannot be rendered in Chinese", e, e)
				}
			}
		})
	}
}
