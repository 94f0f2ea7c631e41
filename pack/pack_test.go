package pack

import (
	"budgetxl/internal/mutate"
	"budgetxl/msg"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
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
	if got := p.Table("4-4").PageNumbers; got != "第 {page} 页，共 {pages} 页" {
		t.Errorf("4-4 page numbers = %q, want the pack's", got)
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

	// Any change of what a file says changes it, even a catalog name (a
	// comment does not: see TestHashIgnoresComments).
	for _, m := range []struct {
		file, old, new string
	}{
		{"pack.toml", `title = "`, `title = "新`},
		{"4-4.toml", `sheet = "附件4-4"`, `sheet = "附件 4-4"`},
		{"catalog/function.csv", "行政运行", "行政运行 "},
		{"catalog/economic.csv", "30101,基本工资,", "30101,基本工资,docs360-2017 "},
		{"catalog/sources.csv", "爱问共享资料", "爱问共享"},
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

// rowLine is the line of the real pack's catalog file whose row begins
// with prefix, so that the expected messages follow rows added above it.
func rowLine(file, prefix string) int {
	b, err := os.ReadFile(filepath.Join(realPack, "catalog", file))
	if err != nil {
		panic(err)
	}
	for i, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, prefix) {
			return i + 1
		}
	}
	panic("no row " + prefix + " in " + file)
}

// editRow replaces the whole line of file that begins with prefix (a
// catalog row, whatever sources it cites today) by line; an empty line
// removes the row.
func editRow(file, prefix, line string) mutation {
	return func(t testing.TB, dir string) {
		t.Helper()
		path := filepath.Join(dir, filepath.FromSlash(file))
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.SplitAfter(string(b), "\n")
		for i, l := range lines {
			if strings.HasPrefix(l, prefix) {
				if line == "" {
					lines = slices.Delete(lines, i, i+1)
				} else {
					lines[i] = line + "\n"
				}
				if err := os.WriteFile(path, []byte(strings.Join(lines, "")), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
		}
		t.Fatalf("mutation: %s has no row %q", file, prefix)
	}
}

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
			want: `$PACK/pack.toml:9:1: tables[3]: no file 4-4.toml in this folder: add it or remove "4-4" from tables`,
		},
		{
			name: "unknown key",
			muts: []mutation{edit("4-2.toml", "  key = \"basic\"\n", "  key = \"basic\"\n  widht = 12\n")},
			want: `$PACK/4-2.toml:26:3: side[0].column[3].widht: unknown key: did you mean width? (see templates.md of the documentation, which budgetxl docs writes)`,
		},
		{
			name: "unknown key, nothing near",
			muts: []mutation{edit("4-2.toml", "  key = \"basic\"\n", "  key = \"basic\"\n  colour = 12\n")},
			want: `$PACK/4-2.toml:26:3: side[0].column[3].colour: unknown key (check its spelling against templates.md of the documentation, which budgetxl docs writes)`,
		},
		{
			name: "the same unknown key in two elements",
			muts: []mutation{edit("4-2.toml", "  key = \"name\"\n", "  key = \"name\"\n  widht = 12\n"), edit("4-2.toml", "  key = \"basic\"\n", "  key = \"basic\"\n  widht = 12\n")},
			want: `$PACK/4-2.toml:19:3: side[0].column[1].widht: unknown key: did you mean width? (see templates.md of the documentation, which budgetxl docs writes)
$PACK/4-2.toml:27:3: side[0].column[3].widht: unknown key: did you mean width? (see templates.md of the documentation, which budgetxl docs writes)`,
		},
		{
			name: "unknown key in pack.toml",
			muts: []mutation{edit("pack.toml", "year = 2025", "year = 2025\nyaer = 2025")},
			want: `$PACK/pack.toml:7:1: yaer: unknown key: did you mean year? (see templates.md of the documentation, which budgetxl docs writes)`,
		},
		{
			name: "toml syntax",
			muts: []mutation{edit("4-3.toml", `units = "单位：万元"`, `units = "单位：万元`)},
			want: `$PACK/4-3.toml:5: a quoted text is not closed: end it with the same quote it starts with`,
		},
		{
			name: "toml type",
			muts: []mutation{edit("4-3.toml", `levels = [3, 5]`, `levels = "3, 5"`)},
			want: `$PACK/4-3.toml:37: side.row.levels: the value is text in double quotes, but must be a list [ ... ]`,
		},

		// pack.toml.
		{
			name: "pack.toml fields",
			muts: []mutation{
				edit("pack.toml", `id = "cq-2025"`, `id = ""`),
				edit("pack.toml", `version = "1.1.0"`, ``),
				edit("pack.toml", `year = 2025`, `year = 25`),
			},
			want: `$PACK/pack.toml:3:1: id: is missing: give the pack a short id such as "cq-2025"
$PACK/pack.toml: version: is missing: give the pack a version such as "1.0.0"
$PACK/pack.toml:6:1: year: is 25: give the budget year, such as 2025`,
		},
		{
			name: "table names",
			muts: []mutation{edit("pack.toml", `"overall", "projects"]`, `"overall", "projects", "../expense", "4-2"]`)},
			want: `$PACK/pack.toml:9:1: tables[10]: "../expense" is not a table name (one unique file name without .toml)
$PACK/pack.toml:9:1: tables[11]: "4-2" is listed twice: list each table once`,
		},
		{
			name: "id differs from file name",
			muts: []mutation{edit("4-3.toml", `id = "4-3"`, `id = "4-3a"`)},
			want: `$PACK/4-3.toml:2:1: id: is "4-3a", but pack.toml lists this file as "4-3": make them the same`,
		},

		{
			name: "page numbers",
			muts: []mutation{
				edit("pack.toml", `page_numbers = "第 {page} 页，共 {pages} 页"`, `page_numbers = "第 {page} 页，共 {total} 页"`),
				edit("4-3.toml", `orientation = "portrait"`, `orientation = "portrait"`+"\npage_numbers = \"共 {pages} 页\""),
				edit("4-4.toml", `orientation = "landscape"`, `orientation = "landscape"`+"\npage_numbers = \""+strings.Repeat("页", 99)+"{page}\""),
			},
			want: `$PACK/pack.toml:12:1: page_numbers: unknown placeholder {total}: use {page} and {pages}
$PACK/4-3.toml:7:1: page_numbers: "共 {pages} 页" has no {page}: write where the page number goes, or "" for no page numbers
$PACK/4-4.toml:7:1: page_numbers: is longer than 100 characters`,
		},

		// Sheet, title, orientation.
		{
			name: "sheet too long",
			muts: []mutation{edit("4-3.toml", `sheet = "附件4-3"`, `sheet = "附件4-3 一般公共预算财政拨款基本支出预算表（按经济分类填列）"`)},
			want: `$PACK/4-3.toml:3:1: sheet: "附件4-3 一般公共预算财政拨款基本支出预算表（按经济分类填列）" is longer than 31 characters, Excel's limit`,
		},
		{
			name: "sheet forbidden char",
			muts: []mutation{edit("4-3.toml", `sheet = "附件4-3"`, `sheet = "附件4/3"`)},
			want: `$PACK/4-3.toml:3:1: sheet: "附件4/3" has a character Excel does not allow in sheet names ([ ] : * ? / \ or a leading ')`,
		},
		{
			name: "sheet duplicate",
			muts: []mutation{edit("4-3.toml", `sheet = "附件4-3"`, `sheet = "附件4-2"`)},
			want: `$PACK/4-3.toml:3:1: sheet: "附件4-2" is also the sheet of table "4-2": sheet names must differ`,
		},
		{
			name: "sheet missing",
			muts: []mutation{edit("4-3.toml", `sheet = "附件4-3"`, ``)},
			want: `$PACK/4-3.toml: sheet: is missing: name the worksheet`,
		},
		{
			name: "unknown placeholder in title",
			muts: []mutation{edit("4-3.toml", `title = "{unit}`, `title = "{unit_name}`)},
			want: `$PACK/4-3.toml:4:1: title: unknown placeholder {unit_name}: use one of {unit}, {year}, {unit_code}, {department}, {variant}`,
		},
		{
			name: "bad orientation",
			muts: []mutation{edit("4-3.toml", `orientation = "portrait"`, `orientation = "vertical"`)},
			want: `$PACK/4-3.toml:6:1: orientation: is "vertical": use "portrait" or "landscape"`,
		},

		// Header and merges.
		{
			name: "header row with too few cells",
			muts: []mutation{edit("4-3.toml", `"人员经费", "公用经费"]`, `"人员经费"]`)},
			want: `$PACK/4-3.toml:7:1: header[1]: has 4 cells, but the sides have 5 columns`,
		},
		{
			name: "unknown placeholder in header",
			muts: []mutation{edit("4-3.toml", `"{year}年基本支出"`, `"{yaer}年基本支出"`)},
			want: `$PACK/4-3.toml:7:1: header[0][2]: unknown placeholder {yaer}: use one of {unit}, {year}, {unit_code}, {department}, {variant}`,
		},
		{
			name: "bad merge range",
			muts: []mutation{edit("4-3.toml", `merges = ["A1:B1", "C1:E1"]`, `merges = ["A1-B1", "E1:C1"]`)},
			want: `$PACK/4-3.toml:11:1: merges[0]: "A1-B1" is not a range such as "A1:B2"
$PACK/4-3.toml:11:1: merges[1]: "E1:C1": write the top-left cell first`,
		},
		{
			name: "overlapping merges",
			muts: []mutation{edit("4-3.toml", `merges = ["A1:B1", "C1:E1"]`, `merges = ["A1:B1", "C1:E1", "B1:C2"]`)},
			want: `$PACK/4-3.toml:11:1: merges[2]: "B1:C2" overlaps "A1:B1" at B1: a cell belongs to one merged range; shrink one of them, or merge both as one range`,
		},
		{
			name: "merge beyond header",
			muts: []mutation{edit("4-3.toml", `merges = ["A1:B1", "C1:E1"]`, `merges = ["A1:B1", "C1:F1", "A2:A3"]`)},
			want: `$PACK/4-3.toml:11:1: merges[1]: "C1:F1" reaches beyond the header block (2 rows × 5 columns, A1 is its top-left cell)
$PACK/4-3.toml:11:1: merges[2]: "A2:A3" reaches beyond the header block (2 rows × 5 columns, A1 is its top-left cell)`,
		},

		// Columns.
		{
			name: "column key duplicate",
			muts: []mutation{edit("4-3.toml", `key = "public"`, `key = "staff"`)},
			want: `$PACK/4-3.toml:28:3: side[0].column[4].key: "staff" is used twice in this table: column keys name CSV columns and must be unique
$PACK/4-3.toml:23:3: side[0].column[2].formula: unknown column {public}: use an amount column of the same side (staff, total)`,
		},
		{
			name: "bad kind",
			muts: []mutation{edit("4-3.toml", "key = \"staff\"\n  kind = \"amount\"", "key = \"staff\"\n  kind = \"money\"")},
			want: `$PACK/4-3.toml:26:3: side[0].column[3].kind: is "money": use "code", "name" or "amount"
$PACK/4-3.toml:23:3: side[0].column[2].formula: {staff} is a money column: use an amount column of the same side (public, total)`,
		},
		{
			name: "formula unknown column",
			muts: []mutation{edit("4-2.toml", `formula = "{basic} + {project}"`, `formula = "{basci} + {project}"`)},
			want: `$PACK/4-2.toml:23:3: side[0].column[2].formula: unknown column {basci}: use an amount column of the same side (basic, project, subtotal)`,
		},
		{
			name: "formula syntax",
			muts: []mutation{edit("4-2.toml", `formula = "{basic} + {project}"`, `formula = "{basic} + + {project}"`)},
			want: `$PACK/4-2.toml:23:3: side[0].column[2].formula: "{basic} + + {project}": column 11: expected {key} or tree`,
		},
		{
			name: "formula on its own column",
			muts: []mutation{edit("4-2.toml", `formula = "{basic} + {project}"`, `formula = "{basic} + {project} + {subtotal}"`)},
			want: `$PACK/4-2.toml:23:3: side[0].column[2].formula: refers to its own column {subtotal}`,
		},
		{
			name: "column formula cycle",
			muts: []mutation{edit("4-4.toml", `formula = "{car_buy} + {car_run}"`, `formula = "{car_buy} + {total}"`)},
			want: `$PACK/4-4.toml:14:1: side[0].column: formulas refer to each other in a circle: car → total → car`,
		},
		{
			name: "tree in a column formula",
			muts: []mutation{edit("4-2.toml", `formula = "{basic} + {project}"`, `formula = "tree"`)},
			want: `$PACK/4-2.toml:23:3: side[0].column[2].formula: tree sums rows; a column formula sums {columns} of the same row`,
		},
		{
			name: "ref to unknown table",
			muts: []mutation{edit("4-1.toml", `ref = "4-5.total"`, `ref = "4-6.total"`)},
			want: `$PACK/4-1.toml:72:3: side[1].column[3].ref: "4-6.total": unknown table "4-6" (tables: 4-1, 4-2, 4-3, 4-4, 4-5, income-expense, income, expense, overall, projects)`,
		},
		{
			name: "ref to unknown column",
			muts: []mutation{edit("4-1.toml", `ref = "4-5.total"`, `ref = "4-5.sum"`)},
			want: `$PACK/4-1.toml:72:3: side[1].column[3].ref: "4-5.sum": table "4-5" has no amount column "sum" (its amount columns: total, basic, project)`,
		},
		{
			name: "ref to a table without tree",
			muts: []mutation{edit("4-1.toml", `ref = "4-5.total"`, `ref = "4-4.total"`)},
			want: `$PACK/4-1.toml:72:3: side[1].column[3].ref: "4-4.total": table "4-4" has no code tree to match codes in`,
		},
		{
			name: "ref without a table",
			muts: []mutation{edit("4-1.toml", `ref = "4-5.total"`, `ref = "total"`)},
			want: `$PACK/4-1.toml:72:3: side[1].column[3].ref: "total": write the referenced cell's column as "table.column", such as "4-2.subtotal"`,
		},

		// Rows.
		{
			name: "row formula unknown row",
			muts: []mutation{edit("4-1.toml", `formula = "{gpb} + {fund} + {soe}"`, `formula = "{gpb} + {fund} + {soe_x}"`)},
			want: `$PACK/4-1.toml:14:1: side[0]: row "this_year" formula: unknown row {soe_x}: use a fixed row of the same side (carry, carry_fund, carry_gpb, carry_soe, fund, gpb, soe, this_year, total)`,
		},
		{
			name: "row formula on its own row",
			muts: []mutation{edit("4-1.toml", `formula = "{gpb} + {fund} + {soe}"`, `formula = "{gpb} + {this_year}"`)},
			want: `$PACK/4-1.toml:14:1: side[0]: row "this_year" formula: refers to its own row {this_year}`,
		},
		{
			name: "row formula cycle",
			muts: []mutation{edit("4-1.toml", `formula = "{carry_gpb} + {carry_fund} + {carry_soe}"`, `formula = "{carry_gpb} + {total}"`)},
			want: `$PACK/4-1.toml:14:1: side[0].row: formulas refer to each other in a circle: carry → total → carry`,
		},
		{
			name: "tree in a side without tree",
			muts: []mutation{edit("4-1.toml", `formula = "{this_year} + {carry}"`, `formula = "tree"`)},
			want: `$PACK/4-1.toml:14:1: side[0]: row "total" formula: uses tree, but this side has no code tree`,
		},
		{
			name: "two trees in one side",
			muts: []mutation{edit("4-3.toml", "leaf = 5", "leaf = 5\n  [[side.row]]\n  tree = \"function\"\n  levels = [3]")},
			want: `$PACK/4-3.toml:13:1: side[0].row: has 2 code trees: a side has at most one`,
		},
		{
			name: "tree in foot",
			muts: []mutation{edit("4-3.toml", "leaf = 5", "leaf = 5\n  [[side.foot]]\n  tree = \"economic\"\n  levels = [3]")},
			want: `$PACK/4-3.toml:40:3: side[0].foot[0].tree: a code tree belongs in [[side.row]], not in the foot`,
		},
		{
			name: "unknown catalog",
			muts: []mutation{edit("4-3.toml", `tree = "economic"`, `tree = "economy"`)},
			want: `$PACK/4-3.toml:36:3: side[0].row[1].tree: unknown catalog "economy": pack.toml [catalogs] has economic, function`,
		},
		{
			name: "negative on a name column",
			muts: []mutation{edit("4-3.toml", "  key = \"name\"\n  kind = \"name\"\n", "  key = \"name\"\n  kind = \"name\"\n  negative = true\n")},
			want: `$PACK/4-3.toml:20:3: side[0].column[1].negative: is for amount columns: a name column has no amounts`,
		},
		{
			name: "leaf not a level",
			muts: []mutation{edit("4-2.toml", "leaf = 7", "leaf = 6")},
			want: `$PACK/4-2.toml:39:3: side[0].row[1].leaf: is 6: give the code length amounts are disclosed to, one of the levels [3, 5, 7] (or leave it out)`,
		},
		{
			name: "leaf of a second side's tree",
			muts: []mutation{edit("4-1.toml", "levels = [3]", "levels = [3]\n  leaf = 5")},
			want: `$PACK/4-1.toml:84:3: side[1].row[1].leaf: is 5: give the code length amounts are disclosed to, one of the levels [3] (or leave it out)`,
		},
		{
			name: "leaf on a fixed row",
			muts: []mutation{edit("4-3.toml", "  formula = \"tree\"\n", "  formula = \"tree\"\n  leaf = 5\n")},
			want: `$PACK/4-3.toml:35:3: side[0].row[0].leaf: belongs to a tree row (tree = "catalog")`,
		},
		{
			name: "bad levels",
			muts: []mutation{edit("4-3.toml", `levels = [3, 5]`, `levels = [5, 3]`)},
			want: `$PACK/4-3.toml:37:3: side[0].row[1].levels: is [5, 3]: give positive code lengths in increasing order, such as [3, 5, 7]`,
		},
		{
			name: "levels missing",
			muts: []mutation{edit("4-3.toml", `levels = [3, 5]`, ``)},
			want: `$PACK/4-3.toml:35:3: side[0].row[1].levels: is missing: give the code lengths of each level, such as [3, 5, 7]`,
		},
		{
			name: "codes from unknown table",
			muts: []mutation{edit("4-1.toml", `codes_from = ["4-2", "4-5"]`, `codes_from = ["4-2", "4-6"]`)},
			want: `$PACK/4-1.toml:84:3: side[1].row[1].codes_from[1]: unknown table "4-6" (tables: 4-1, 4-2, 4-3, 4-4, 4-5, income-expense, income, expense, overall, projects)`,
		},
		{
			name: "codes from table without tree or with another catalog",
			muts: []mutation{edit("4-1.toml", `codes_from = ["4-2", "4-5"]`, `codes_from = ["4-4", "4-3"]`)},
			want: `$PACK/4-1.toml:84:3: side[1].row[1].codes_from[0]: table "4-4" has no code tree
$PACK/4-1.toml:84:3: side[1].row[1].codes_from[1]: table "4-3" uses catalog "economic", not "function"`,
		},
		{
			name: "all-digit row key",
			muts: []mutation{edit("4-4.toml", `key = "budget"`, `key = "2025"`)},
			want: `$PACK/4-4.toml:37:3: side[0].row[0].key: "2025" is all digits and would be taken for a classification code
$PACK/rules.toml:57:1: rule[7].check: table "4-4" has no row "budget" (its rows: 2025; or a code, or * for every code)
$PACK/rules.toml:63:1: rule[8].check: table "4-4" has no row "budget" (its rows: 2025; or a code, or * for every code)
$PACK/rules.toml:69:1: rule[9].check: table "4-4" has no row "budget" (its rows: 2025; or a code, or * for every code)`,
		},
		{
			name: "row key missing",
			muts: []mutation{edit("4-4.toml", `key = "budget"`, `label = "预算数"`)},
			want: `$PACK/4-4.toml:36:3: side[0].row[0].key: is missing: a fixed row needs a key (its name in the CSV), or blank = true
$PACK/4-4.toml:37:3: side[0].row[0].label: this side has no code or name column to show it in
$PACK/rules.toml:57:1: rule[7].check: table "4-4" has no row "budget", and no fixed rows: write a code, or * for every code
$PACK/rules.toml:63:1: rule[8].check: table "4-4" has no row "budget", and no fixed rows: write a code, or * for every code
$PACK/rules.toml:69:1: rule[9].check: table "4-4" has no row "budget", and no fixed rows: write a code, or * for every code`,
		},
		{
			name: "row key duplicate",
			muts: []mutation{edit("4-1.toml", `key = "carry_soe"`, `key = "carry_fund"`)},
			want: `$PACK/4-1.toml:48:3: side[0].row[7].key: "carry_fund" is used twice in this table
$PACK/4-1.toml:14:1: side[0]: row "carry" formula: unknown row {carry_soe}: use a fixed row of the same side (carry, carry_fund, carry_gpb, fund, gpb, soe, this_year, total)
$PACK/rules.toml:29:1: rule[3].check: table "4-1" has no row "carry_soe" (its rows: this_year, gpb, fund, soe, carry, carry_gpb, carry_fund, total, exp_this_year, carry_next, exp_sum; or a code, or * for every code)`,
		},

		// Forms.
		{
			name: "form field rules",
			muts: []mutation{
				edit("projects.toml", "label = \"项目名称\"\nrequired = true", "label = \"项目名称\"\nrequired = true\npositive = true\nmax = \"9\""),
				edit("projects.toml", "kind = \"amount\"\nrequired = true", "kind = \"amount\"\nrequired = true\nwhole = true\nmax = \"lots\""),
				edit("projects.toml", `choices = ["产出指标",`, `choices = ["`+strings.Repeat("指标", 130)+`", "产出指标",`),
			},
			want: `$PACK/projects.toml:21:1: field[1].positive: applies to amount and number fields
$PACK/projects.toml:22:1: field[1].max: applies to amount and number fields
$PACK/projects.toml:38:1: field[4].whole: applies to number fields
$PACK/projects.toml:39:1: field[4].max: "lots" is not a number: give the largest value, such as "100"
$PACK/projects.toml:69:3: list[0].field[0].choices: take 281 characters with their commas; a form's drop-down list holds at most 255: shorten or drop some`,
		},

		// Rules.
		{
			name: "rule syntax",
			muts: []mutation{edit("rules.toml", `check = "{4-1!total.amount} = {4-1!exp_sum.exp_total}"`, `check = "{4-1!total.amount} == {4-1!exp_sum}"`)},
			want: `$PACK/rules.toml:11:1: rule[0].check: "{4-1!total.amount} == {4-1!exp_sum}": "==" is no comparison: use =, <= (≤) or >= (≥)`,
		},
		{
			name: "rule comparison, tolerance and condition",
			muts: []mutation{
				edit("rules.toml", `check = "{4-1!total.amount} = {4-1!exp_sum.exp_total}"`, `check = "{4-1!total.amount} <= {4-1!exp_sum.exp_total} >= 0"`+"\ntolerance = \"-1\"\nwhen = \"{4-1!fund.amont} = 0\""),
				edit("rules.toml", `check = "{4-1!gpb.amount} + {4-1!carry_gpb.amount}`, `when = "{4-1!fund.amount} < 0"`+"\ncheck = \"{4-1!gpb.amount} + {4-1!carry_gpb.amount}"),
			},
			want: `$PACK/rules.toml:11:1: rule[0].check: "{4-1!total.amount} <= {4-1!exp_sum.exp_total} >= 0": write one comparison (=, <= or >=) between two sums of {table!row.column}
$PACK/rules.toml:13:1: rule[0].when: table "4-1" has no amount column "amont" (its amount columns: amount, exp_total, exp_gpb, exp_fund, exp_soe)
$PACK/rules.toml:12:1: rule[0].tolerance: is "-1": give the largest difference that holds as a number ≥ 0, such as "0.05", or leave it out for rounding
$PACK/rules.toml:19:1: rule[1].when: "{4-1!fund.amount} < 0": "<" is no comparison: use =, <= (≤) or >= (≥)`,
		},
		{
			name: "ordinals",
			muts: []mutation{
				edit("4-2.toml", "levels = [3, 5, 7]", "levels = [3, 5, 7]\n  ordinals = [\"{n}、\", \"n\", \"\", \"\"]"),
				edit("4-2.toml", `label = "合计"`, `label = "合计"`+"\n  ordinals = [\"{n}、\"]"),
			},
			want: `$PACK/4-2.toml:34:3: side[0].row[0].ordinals: belongs to a tree row (tree = "catalog")
$PACK/4-2.toml:40:3: side[0].row[1].ordinals: has 4 formats, but the tree has 3 levels: give one a level, "" for a level without
$PACK/4-2.toml:40:3: side[0].row[1].ordinals[1]: "n": write {n} once where the number goes, such as "{n}、"`,
		},
		{
			name: "equals",
			muts: []mutation{
				edit("4-2.toml", "  key = \"basic\"\n", "  key = \"basic\"\n  equals = \"4-9.total\"\n"),
				edit("4-2.toml", "  key = \"project\"\n", "  key = \"project\"\n  equals = \"4-4.total\"\n"),
				edit("4-2.toml", "  key = \"name\"\n", "  key = \"name\"\n  equals = \"4-3.total\"\n"),
			},
			want: `$PACK/4-2.toml:19:3: side[0].column[1].equals: is for amount columns: a name column has no amounts
$PACK/4-2.toml:27:3: side[0].column[3].equals: "4-9.total": unknown table "4-9" (tables: 4-1, 4-2, 4-3, 4-4, 4-5, income-expense, income, expense, overall, projects)
$PACK/4-2.toml:31:3: side[0].column[4].equals: "4-4.total": table "4-4" has no code tree to match codes in`,
		},
		{
			name: "variants",
			muts: []mutation{edit("pack.toml", "year = 2025", "year = 2025\nvariants = [\"部门\", \"部门\", \"a|b\"]")},
			want: `$PACK/pack.toml:7:1: variants[1]: "部门" is used twice
$PACK/pack.toml:7:1: variants[2]: "a|b" is not a variant: give the word that differs, such as "部门" or "单位"`,
		},
		{
			name: "variant without variants",
			muts: []mutation{edit("4-3.toml", `title = "{unit}`, `title = "{unit}{variant}`)},
			want: `$PACK/4-3.toml:4:1: title: {variant}: the pack has no variants: list the words in pack.toml, such as variants = ["部门", "单位"]`,
		},
		{
			name: "rule term",
			muts: []mutation{edit("rules.toml", `check = "{4-1!total.amount} = {4-1!exp_sum.exp_total}"`, `check = "{4-1!total.amount} = {4-1!exp_sum}"`)},
			want: `$PACK/rules.toml:11:1: rule[0].check: "{4-1!total.amount} = {4-1!exp_sum}": {4-1!exp_sum} is not {table!row.column}`,
		},
		{
			name: "rule references",
			muts: []mutation{edit("rules.toml", `check = "{4-1!total.amount} = {4-1!exp_sum.exp_total}"`, `check = "{4-9!total.amount} = {4-1!exp_summ.exp_total} + {4-1!total.name}"`)},
			want: `$PACK/rules.toml:11:1: rule[0].check: unknown table "4-9" (tables: 4-1, 4-2, 4-3, 4-4, 4-5, income-expense, income, expense, overall, projects)
$PACK/rules.toml:11:1: rule[0].check: table "4-1" has no row "exp_summ" (its rows: this_year, gpb, fund, soe, carry, carry_gpb, carry_fund, carry_soe, total, exp_this_year, carry_next, exp_sum; or a code, or * for every code)
$PACK/rules.toml:11:1: rule[0].check: table "4-1" has no amount column "name" (its amount columns: amount, exp_total, exp_gpb, exp_fund, exp_soe)`,
		},
		{
			name: "rule each, severity, message, id",
			muts: []mutation{
				edit("rules.toml", `each = ["4-1", "4-2"]`, ``),
				edit("rules.toml", `id = "4-2.basic-4-3"`, `id = "4-1.balance"`+"\nseverity = \"fatal\""),
				edit("rules.toml", `message_en = "4-3: 30212 official travel abroad must equal that in 4-4"`, ``),
			},
			want: `$PACK/rules.toml:33:1: rule[4].each: is missing: list the tables whose codes "*" stands for
$PACK/rules.toml:50:1: rule[6].id: "4-1.balance" is used twice
$PACK/rules.toml:51:1: rule[6].severity: is "fatal": use "error" or "warning"
$PACK/rules.toml:68:1: rule[9]: give message (Chinese) and message_en (English): they are what reviewers read`,
		},

		// Catalogs and their sources.
		{
			name: "catalog file missing",
			muts: []mutation{remove("catalog/economic.csv")},
			want: `$PACK/pack.toml:27:1: catalogs.economic: no file catalog/economic.csv in this folder: add it or correct the path`,
		},
		{
			name: "catalog empty",
			muts: []mutation{mutate.Write("catalog/economic.csv", "")},
			want: `$PACK/catalog/economic.csv:1: the file is empty: its first line must be "code,name,source"`,
		},
		{
			name: "catalog bad header",
			muts: []mutation{edit("catalog/economic.csv", "code,name,source", "编码,名称,来源")},
			want: `$PACK/catalog/economic.csv:1: header is "编码,名称,来源", want "code,name,source"`,
		},
		{
			name: "catalog malformed rows, each at its line",
			muts: []mutation{
				editRow("catalog/economic.csv", "30102,", "30102,津贴补贴"),
				edit("catalog/economic.csv", "30106,伙食补助费,", "30106a,伙食补助费,"),
				edit("catalog/economic.csv", "30111,公务员医疗补助缴费,", "30111,,"),
				editRow("catalog/economic.csv", "30199,", "30199,其他工资福利支出, "),
				edit("catalog/economic.csv", "30204,手续费,ishare-2020", "30204,手续费,ishare-2002"),
			},
			want: `$PACK/catalog/economic.csv:4: wrong number of fields (want the columns code,name,source)
$PACK/catalog/economic.csv:6: code "30106a" is not a number of digits
$PACK/catalog/economic.csv:11: code 30111 has no name
$PACK/catalog/economic.csv:15: code 30199 names no source: give the id of the public document that lists it
$PACK/catalog/economic.csv:19: source "ishare-2002" is not in the pack's sources file: add it there or correct the id`,
		},
		{
			name: "catalog duplicate code",
			muts: []mutation{editRow("catalog/economic.csv", "30102,", "30101,基本工资,1synews-2023")},
			want: `$PACK/catalog/economic.csv:4: code 30101 is listed again with the same name (line 3): give all its sources in one row`,
		},
		{
			name: "catalog source gives two names",
			muts: []mutation{editRow("catalog/economic.csv", "30102,", "30101,津贴补贴,hdu-2020")},
			want: `$PACK/catalog/economic.csv:4: source hdu-2020 gives code 30101 two names (here and at line 3): a source gives each code one name`,
		},
		{
			name: "catalog names that sources of the same year give differently",
			muts: []mutation{
				edit("catalog/sources.csv", "docs360-2017,2017,", "docs360-2017,2025,"),
				edit("catalog/economic.csv", "30102,津贴补贴,", "30101,基本工资（岗位工资）,docs360-2017\n30102,津贴补贴,"),
			},
			want: `$PACK/catalog/economic.csv:4: code 30101 is "基本工资（岗位工资）" here and "基本工资" at line 3, by equally recent sources: keep the right row and delete the other, or cite a newer source`,
		},
		{
			name: "catalog code of no tree level",
			muts: []mutation{edit("catalog/economic.csv", "30102,津贴补贴,", "3010,津贴补贴,")},
			want: `$PACK/catalog/economic.csv:4: code 3010 has 4 digits: the tables that use this catalog take codes of these lengths: 3, 5`,
		},
		{
			name: "catalog child without its parent",
			muts: []mutation{
				edit("catalog/economic.csv", "30309,奖励金,", "30409,奖励金,"),
				editRow("catalog/function.csv", "21011,", ""),
			},
			// The rows after the removed 21011 move up a line.
			want: fmt.Sprintf(`$PACK/catalog/economic.csv:%d: code 30409 has no parent 304 in this catalog: add the parent's row, with its source
$PACK/catalog/function.csv:%d: code 2101101 has no parent 21011 in this catalog: add the parent's row, with its source
$PACK/catalog/function.csv:%d: code 2101102 has no parent 21011 in this catalog: add the parent's row, with its source
$PACK/catalog/function.csv:%d: code 2101103 has no parent 21011 in this catalog: add the parent's row, with its source
$PACK/catalog/function.csv:%d: code 2101199 has no parent 21011 in this catalog: add the parent's row, with its source`,
				rowLine("economic.csv", "30309,"), rowLine("function.csv", "2101101,")-1, rowLine("function.csv", "2101102,")-1,
				rowLine("function.csv", "2101103,")-1, rowLine("function.csv", "2101199,")-1),
		},
		{
			name: "sources key missing",
			muts: []mutation{edit("pack.toml", "sources = \"catalog/sources.csv\"\n", "")},
			want: `$PACK/pack.toml: sources: is missing: name the CSV file of the public documents that the catalogs' rows cite (see templates.md of the documentation, which budgetxl docs writes)`,
		},
		{
			name: "sources file missing",
			muts: []mutation{remove("catalog/sources.csv")},
			want: `$PACK/pack.toml:21:1: sources: no file catalog/sources.csv in this folder: add it or correct the path`,
		},
		{
			name: "sources malformed rows, each at its line",
			muts: []mutation{
				edit("catalog/sources.csv", "xzcs-2023-20809,2023,", "XZCS,2023,"),
				edit("catalog/sources.csv", "hdu-2020,2020,", "hdu-2020,20x0,"),
				edit("catalog/sources.csv", ",1synews.com,", ",,"),
				edit("catalog/sources.csv", "docs360-2017,2017,", "ishare-2020,2017,"),
			},
			want: `$PACK/catalog/sources.csv:3: id "XZCS" is not lower-case letters, digits and hyphens
$PACK/catalog/sources.csv:4: year "20x0" is not a year such as 2025 (the budget year of the classification the source gives)
$PACK/catalog/sources.csv:6: source 1synews-2023 needs a title, a publisher and an address (where a reader finds it)
$PACK/catalog/sources.csv:7: id ishare-2020 is used twice (line 5)`,
		},
		{
			name: "sources bad header",
			muts: []mutation{edit("catalog/sources.csv", "id,year,title,publisher,address", "id,year,title,url,publisher")},
			want: `$PACK/catalog/sources.csv:1: header is "id,year,title,url,publisher", want "id,year,title,publisher,address"`,
		},
		{
			name: "source cited by no row",
			muts: []mutation{edit("catalog/sources.csv", "docs360-2017,", "extra-2025,2025,标题,发布者,https://example.invalid/\ndocs360-2017,")},
			want: `$PACK/catalog/sources.csv:7: source extra-2025 is cited by no catalog row: cite it or delete it`,
		},

		// Everything is reported at once.
		{
			name: "three problems in three files",
			muts: []mutation{
				edit("4-2.toml", `formula = "{basic} + {project}"`, `formula = "{basci} + {project}"`),
				edit("4-3.toml", `orientation = "portrait"`, `orientation = "vertical"`),
				edit("catalog/function.csv", "code,name", "code;name"),
			},
			want: `$PACK/catalog/function.csv:1: wrong number of fields (want the columns code,name,source)
$PACK/4-2.toml:23:3: side[0].column[2].formula: unknown column {basci}: use an amount column of the same side (basic, project, subtotal)
$PACK/4-3.toml:6:1: orientation: is "vertical": use "portrait" or "landscape"`,
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

// TestCatalogSettles: when sources name a code differently, the pack
// settles on the name of the newest source not newer than the pack's
// year; Load reports no problem, and the name it does not use is a note,
// at its row.
func TestCatalogSettles(t *testing.T) {
	tests := []struct {
		name  string
		muts  []mutation
		want  string
		notes string // the pack's catalog notes, English; one a line
	}{
		{
			name:  "an older source's name gives way",
			muts:  []mutation{edit("catalog/economic.csv", "30102,津贴补贴,", "30101,基本工资（旧称）,docs360-2017\n30102,津贴补贴,")},
			want:  "基本工资",
			notes: `$PACK/catalog/economic.csv:4: code 30101 is "基本工资（旧称）" by the sources of this row and "基本工资" at line 3 by qijiang-2025 (2025), the most recent source not after the pack's year: the pack uses "基本工资"`,
		},
		{
			name: "the newer source's name wins, whichever row comes first",
			muts: []mutation{
				editRow("catalog/economic.csv", "30101,", "30101,基本工资（旧称）,hdu-2020 ishare-2020"),
				edit("catalog/economic.csv", "30102,津贴补贴,", "30101,基本工资,qijiang-2025\n30102,津贴补贴,"),
			},
			want:  "基本工资",
			notes: `$PACK/catalog/economic.csv:3: code 30101 is "基本工资（旧称）" by the sources of this row and "基本工资" at line 4 by qijiang-2025 (2025), the most recent source not after the pack's year: the pack uses "基本工资"`,
		},
		{
			name: "a source newer than the pack does not settle a name",
			muts: []mutation{
				edit("catalog/sources.csv", "docs360-2017,2017,", "docs360-2017,2026,"),
				edit("catalog/economic.csv", "30102,津贴补贴,", "30101,基本工资（2026年）,docs360-2017\n30102,津贴补贴,"),
			},
			want:  "基本工资",
			notes: `$PACK/catalog/economic.csv:4: code 30101 is "基本工资（2026年）" by the sources of this row and "基本工资" at line 3 by qijiang-2025 (2025), the most recent source not after the pack's year: the pack uses "基本工资"`,
		},
		{
			name: "names of the same code in both catalogs, each noted in its file",
			muts: []mutation{
				edit("catalog/economic.csv", "30102,津贴补贴,", "30101,基本工资（旧称）,docs360-2017\n30102,津贴补贴,"),
				edit("catalog/function.csv", "2080101,行政运行,qijiang-2025\n", "2080101,行政运行,qijiang-2025\n2080101,行政运行（旧称）,xzcs-2023-20809\n"),
			},
			want: "基本工资",
			notes: fmt.Sprintf(`$PACK/catalog/economic.csv:4: code 30101 is "基本工资（旧称）" by the sources of this row and "基本工资" at line 3 by qijiang-2025 (2025), the most recent source not after the pack's year: the pack uses "基本工资"
$PACK/catalog/function.csv:%d: code 2080101 is "行政运行（旧称）" by the sources of this row and "行政运行" at line %d by qijiang-2025 (2025), the most recent source not after the pack's year: the pack uses "行政运行"`,
				rowLine("function.csv", "2080101,")+1, rowLine("function.csv", "2080101,")),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := mutate.Copy(t, realPack, "pack")
			for _, m := range tt.muts {
				m(t, dir)
			}
			p, err := Load(dir)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if got := p.Catalogs["economic"]["30101"]; got != tt.want {
				t.Errorf("30101 is named %q, want %q", got, tt.want)
			}
			// The notes about the codes the case changes (the real
			// catalogs have notes of their own: TestRealCatalogsCiteSources).
			changed := map[string]bool{}
			for _, m := range noteCode.FindAllStringSubmatch(tt.notes, -1) {
				changed[m[1]] = true
			}
			var notes []string
			for _, n := range p.CatalogNotes {
				if m := noteCode.FindStringSubmatch(n.Error()); m == nil || !changed[m[1]] {
					continue
				}
				notes = append(notes, strings.ReplaceAll(n.Error(), dir, dirToken))
				if _, ok := n.(msg.Localizer); !ok {
					t.Errorf("note %T (%v) cannot be rendered in Chinese", n, n)
				}
			}
			if got := strings.Join(notes, "\n"); got != tt.notes {
				t.Errorf("notes:\n%s\nwant:\n%s", got, tt.notes)
			}
		})
	}
}

// noteCode finds the code a catalog note is about.
var noteCode = regexp.MustCompile(`: code ([0-9]+) is `)

// TestRealCatalogsCiteSources: every row of the shipped catalogs cites a
// source of the pack's sources file, the counts per level are what
// docs/templates.md reports, and the names that the sources give
// differently are the notes that docs/templates.md names.
func TestRealCatalogsCiteSources(t *testing.T) {
	p, err := Load(realPack)
	if err != nil {
		t.Fatal(err)
	}
	var notes []string
	for _, n := range p.CatalogNotes {
		notes = append(notes, strings.ReplaceAll(n.Error(), realPack, dirToken))
	}
	want := fmt.Sprintf(`$PACK/catalog/function.csv:%d: code 2100409 is "重大公共卫生专项" by the sources of this row and "重大公共卫生服务" at line %d by cangnan-2021-2100409 (2021), the most recent source not after the pack's year: the pack uses "重大公共卫生服务"`, rowLine("function.csv", "2100409,重大公共卫生专项,"), rowLine("function.csv", "2100409,重大公共卫生服务,"))
	if got := strings.Join(notes, "\n"); got != want {
		t.Errorf("notes:\n%s\nwant:\n%s", got, want)
	}
	for _, s := range p.Sources {
		if s.Cited == 0 {
			t.Errorf("source %s is cited by no row", s.ID)
		}
	}
	count := func(name string) map[int]int {
		n := map[int]int{}
		for code := range p.Catalogs[name] {
			n[len(code)]++
		}
		return n
	}
	if got, want := count("function"), map[int]int{3: 16, 5: 47, 7: 112}; !maps.Equal(got, want) {
		t.Errorf("function codes per length = %v, want %v", got, want)
	}
	if got, want := count("economic"), map[int]int{3: 9, 5: 90}; !maps.Equal(got, want) {
		t.Errorf("economic codes per length = %v, want %v", got, want)
	}
}
