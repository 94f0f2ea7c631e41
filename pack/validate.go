package pack

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"budgetxl/msg"
)

// Placeholders are the names a title or header text may use in braces.
var Placeholders = []string{"unit", "year", "unit_code", "department", "variant"}

var placeholderRe = regexp.MustCompile(`\{([^{}]*)\}`)

func (v *validator) checkPack(p *Pack, file string) {
	if p.ID == "" {
		v.add(file, "id", "is missing: give the pack a short id such as \"cq-2025\"")
	}
	if p.Version == "" {
		v.add(file, "version", "is missing: give the pack a version such as \"1.0.0\"")
	}
	if p.Year < 2000 || p.Year > 2100 {
		v.add(file, "year", "is %d: give the budget year, such as 2025", p.Year)
	}
	if len(p.Names) == 0 {
		v.add(file, "tables", "is empty: list the table files in workbook order")
	}
	v.checkPageNumbers(file, p.PageNumbers)
	seen := map[string]bool{}
	for i, w := range p.Variants {
		switch {
		case strings.TrimSpace(w) == "" || strings.ContainsAny(w, "{}|:"):
			v.add(file, fmt.Sprintf("variants[%d]", i), "%q is not a variant: give the word that differs, such as \"部门\" or \"单位\"", w)
		case seen[w]:
			v.add(file, fmt.Sprintf("variants[%d]", i), "%q is used twice", w)
		}
		seen[w] = true
	}
	v.variants = len(p.Variants) > 0
}

// PagePlaceholders are the names a page_numbers text may use in braces.
var PagePlaceholders = []string{"page", "pages"}

// checkPageNumbers checks the text of a page_numbers key.
func (v *validator) checkPageNumbers(file, s string) {
	if s == "" {
		return
	}
	for _, m := range placeholderRe.FindAllStringSubmatch(s, -1) {
		if !slices.Contains(PagePlaceholders, m[1]) {
			v.add(file, "page_numbers", "unknown placeholder {%s}: use {page} and {pages}", m[1])
		}
	}
	switch {
	case !strings.Contains(s, "{page}"):
		v.add(file, "page_numbers", "%q has no {page}: write where the page number goes, or \"\" for no page numbers", s)
	case utf8.RuneCountInString(s) > 100:
		v.add(file, "page_numbers", "is longer than 100 characters")
	}
}

func (v *validator) checkTables(p *Pack) {
	sheets := map[string]string{}
	for _, t := range p.Tables {
		v.checkTable(p, t)
		if t.Sheet != "" {
			if other, dup := sheets[t.Sheet]; dup {
				v.add(t.File, "sheet", "%q is also the sheet of table %q: sheet names must differ", t.Sheet, other)
			}
			sheets[t.Sheet] = t.ID
		}
	}
}

func (v *validator) checkTable(p *Pack, t *Table) {
	f := t.File
	if t.ID == "" {
		v.add(f, "id", "is missing")
	}
	switch {
	case t.Sheet == "":
		v.add(f, "sheet", "is missing: name the worksheet")
	case utf8.RuneCountInString(t.Sheet) > 31:
		v.add(f, "sheet", "%q is longer than 31 characters, Excel's limit", t.Sheet)
	case strings.ContainsAny(t.Sheet, `[]:*?/\`) || strings.HasPrefix(t.Sheet, "'"):
		v.add(f, "sheet", "%q has a character Excel does not allow in sheet names ([ ] : * ? / \\ or a leading ')", t.Sheet)
	}
	if t.Title == "" {
		v.add(f, "title", "is missing")
	}
	if t.PageNumbersKey != nil {
		v.checkPageNumbers(f, *t.PageNumbersKey)
	}
	v.checkPlaceholders(f, "title", t.Title)
	v.checkPlaceholders(f, "units", t.Units)
	v.checkPlaceholders(f, "units_left", t.UnitsLeft)
	switch t.Orientation {
	case "", "portrait", "landscape":
	default:
		v.add(f, "orientation", "is %q: use \"portrait\" or \"landscape\"", t.Orientation)
	}
	switch t.Kind {
	case KindForm:
		v.checkForm(t)
		return
	case "":
	default:
		v.add(f, "kind", "is %q: leave it out for a budget table, or write \"form\"", t.Kind)
		return
	}
	if len(t.Rows) > 0 || len(t.Fields) > 0 || len(t.Lists) > 0 || t.Repeat != "" {
		v.add(f, "kind", "rows, fields and lists belong to a form: write kind = \"form\"")
	}
	if len(t.Sides) == 0 {
		v.add(f, "side", "is missing: a table needs at least one [[side]] with columns")
		return
	}
	width := 0
	colKeys := map[string]bool{}
	rowKeys := map[string]bool{}
	for si, s := range t.Sides {
		width += len(s.Columns)
		v.checkSide(p, t, si, s, colKeys, rowKeys)
	}
	v.checkPriorColumns(t)
	if t.EmptyRows && t.EmptyNote == "" {
		v.add(f, "empty_rows", "goes with empty_note: give the note written below the rows of a table without data")
	}
	if t.UnitsLeft != "" && width < 2 {
		v.add(f, "units_left", "needs a table of two columns or more: the units line's parts stand side by side")
	}
	if len(t.Header) == 0 {
		v.add(f, "header", "is missing: give at least one header row")
	}
	for i, row := range t.Header {
		if len(row) != width {
			v.add(f, fmt.Sprintf("header[%d]", i), "has %d cells, but the sides have %d columns", len(row), width)
		}
		for j, s := range row {
			v.checkPlaceholders(f, fmt.Sprintf("header[%d][%d]", i, j), s)
		}
	}
	v.checkMerges(t, width)
}

// checkPriorColumns checks the columns that hold the prior year's value
// of another column of the table.
func (v *validator) checkPriorColumns(t *Table) {
	for si, s := range t.Sides {
		for ci, c := range s.Columns {
			if c.Prior == "" {
				continue
			}
			key := fmt.Sprintf("side[%d].column[%d].prior", si, ci)
			target := t.Column(c.Prior)
			switch {
			case c.Kind != KindAmount || c.Formula != "" || c.Ref != "":
				v.add(t.File, key, "a prior year's column is an amount column without formula or ref")
			case target == nil || target.Kind != KindAmount:
				v.add(t.File, key, "%q is not an amount column of this table", c.Prior)
			case target == c:
				v.add(t.File, key, "refers to its own column")
			case target.Prior != "":
				v.add(t.File, key, "%q is itself a prior year's column: name the column of this year", c.Prior)
			}
		}
	}
}

func (v *validator) checkPlaceholders(file, key, s string) {
	for _, m := range placeholderRe.FindAllStringSubmatch(s, -1) {
		switch {
		case !slices.Contains(Placeholders, m[1]):
			v.add(file, key, "unknown placeholder {%s}: use one of {%s}", m[1], strings.Join(Placeholders, "}, {"))
		case m[1] == "variant" && !v.variants:
			v.add(file, key, "{variant}: the pack has no variants: list the words in pack.toml, such as variants = [\"部门\", \"单位\"]")
		}
	}
}

func (v *validator) checkMerges(t *Table, width int) {
	used := map[[2]int]string{}
	for i, m := range t.Merges {
		key := fmt.Sprintf("merges[%d]", i)
		r, err := ParseRange(m)
		if err != nil {
			v.add(t.File, key, "%v", err)
			continue
		}
		if r.Col2 > width || r.Row2 > len(t.Header) {
			v.add(t.File, key, "%q reaches beyond the header block (%d rows × %d columns, A1 is its top-left cell)", m, len(t.Header), width)
			continue
		}
		for row := r.Row1; row <= r.Row2; row++ {
			for col := r.Col1; col <= r.Col2; col++ {
				if other, ok := used[[2]int{row, col}]; ok {
					v.add(t.File, key, "%q overlaps %q at %s: a cell belongs to one merged range; shrink one of them, or merge both as one range", m, other, CellName(col, row))
					goto next
				}
				used[[2]int{row, col}] = m
			}
		}
	next:
	}
}

func (v *validator) checkSide(p *Pack, t *Table, si int, s *Side, colKeys, rowKeys map[string]bool) {
	f := t.File
	at := fmt.Sprintf("side[%d]", si)
	if len(s.Columns) == 0 {
		v.add(f, at+".column", "is missing: a side needs columns")
	}
	amounts := map[string]*Column{}
	text := map[string]bool{}
	kinds := map[string]string{}
	for _, c := range s.Columns {
		kinds[c.Key] = c.Kind
	}
	for ci, c := range s.Columns {
		key := fmt.Sprintf("%s.column[%d]", at, ci)
		switch {
		case c.Key == "":
			v.add(f, key+".key", "is missing")
		case colKeys[c.Key]:
			v.add(f, key+".key", "%q is used twice in this table: column keys name CSV columns and must be unique", c.Key)
		}
		colKeys[c.Key] = true
		switch c.Kind {
		case KindAmount:
			amounts[c.Key] = c
		case KindCode, KindName:
			text[c.Key] = true
			if c.Formula != "" || c.Ref != "" {
				v.add(f, key, "a %s column cannot have a formula or ref", c.Kind)
			}
			if c.Negative {
				v.add(f, key+".negative", "is for amount columns: a %s column has no amounts", c.Kind)
			}
		default:
			v.add(f, key+".kind", "is %q: use \"code\", \"name\" or \"amount\"", c.Kind)
		}
		if c.Width < 0 || c.Width > 255 {
			v.add(f, key+".width", "is %g: give a width from 1 to 255 characters", c.Width)
		}
		if c.Formula != "" && c.Ref != "" {
			v.add(f, key, "has both formula and ref: a column is one or the other")
		}
	}
	for ci, c := range s.Columns {
		key := fmt.Sprintf("%s.column[%d]", at, ci)
		if c.Formula != "" {
			e, err := ParseExpr(c.Formula)
			if err != nil {
				v.add(f, key+".formula", "%v", err)
			} else {
				c.Expr = e
				for _, term := range e.Terms {
					switch {
					case term.Tree:
						v.add(f, key+".formula", "tree sums rows; a column formula sums {columns} of the same row")
					case amounts[term.Key] == nil && kinds[term.Key] != "":
						v.add(f, key+".formula", "{%s} is a %s column: use an amount column of the same side (%s)", term.Key, kinds[term.Key], keyList(amounts))
					case amounts[term.Key] == nil:
						v.add(f, key+".formula", "unknown column {%s}: use an amount column of the same side (%s)", term.Key, keyList(amounts))
					case term.Key == c.Key:
						v.add(f, key+".formula", "refers to its own column {%s}", term.Key)
					}
				}
			}
		}
		if c.Ref != "" {
			v.checkRef(p, t, key+".ref", c)
		}
		if c.Equals != "" {
			v.checkEquals(p, t, key+".equals", c)
		}
	}
	if cyc := columnCycle(s); cyc != "" {
		v.add(f, at+".column", "formulas refer to each other in a circle: %s", cyc)
	}
	trees := 0
	rows := map[string]*Row{}
	for _, list := range []struct {
		name string
		rows []*Row
	}{{"row", s.Rows}, {"foot", s.Foot}} {
		for ri, r := range list.rows {
			key := fmt.Sprintf("%s.%s[%d]", at, list.name, ri)
			if r.IsTree() {
				if list.name == "foot" {
					v.add(f, key+".tree", "a code tree belongs in [[side.row]], not in the foot")
				} else {
					trees++
				}
				v.checkTree(p, t, key, r)
				continue
			}
			if r.Levels != nil || r.CodesFrom != nil {
				v.add(f, key, "levels and codes_from belong to a tree row (tree = \"catalog\")")
			}
			if r.Ordinals != nil {
				v.add(f, key+".ordinals", "belongs to a tree row (tree = \"catalog\")")
			}
			if r.Leaf != 0 {
				v.add(f, key+".leaf", "belongs to a tree row (tree = \"catalog\")")
			}
			if r.Blank {
				if r.Key != "" || r.Label != "" || r.Formula != "" {
					v.add(f, key, "a blank row has no key, label or formula")
				}
				continue
			}
			switch {
			case r.Key == "":
				v.add(f, key+".key", "is missing: a fixed row needs a key (its name in the CSV), or blank = true")
			case IsDigits(r.Key):
				v.add(f, key+".key", "%q is all digits and would be taken for a classification code", r.Key)
			case rowKeys[r.Key]:
				v.add(f, key+".key", "%q is used twice in this table", r.Key)
			}
			rowKeys[r.Key] = true
			rows[r.Key] = r
			if r.At != "" && !text[r.At] {
				v.add(f, key+".at", "%q is not a code or name column of this side", r.At)
			}
			if r.Label != "" && r.At == "" && defaultLabelColumn(s) == "" {
				v.add(f, key+".label", "this side has no code or name column to show it in")
			}
		}
	}
	if trees > 1 {
		v.add(f, at+".row", "has %d code trees: a side has at most one", trees)
	}
	v.checkCodeParts(f, at, s)
	for _, list := range [][]*Row{s.Rows, s.Foot} {
		for _, r := range list {
			if r.Formula == "" || r.IsTree() || r.Blank {
				continue
			}
			key := fmt.Sprintf("%s: row %q formula", at, r.Key)
			e, err := ParseExpr(r.Formula)
			if err != nil {
				v.add(f, key, "%v", err)
				continue
			}
			r.Expr = e
			for _, term := range e.Terms {
				switch {
				case term.Tree && s.TreeRow() == nil:
					v.add(f, key, "uses tree, but this side has no code tree")
				case term.Tree:
				case rows[term.Key] == nil:
					v.add(f, key, "unknown row {%s}: use a fixed row of the same side (%s)", term.Key, keyList(rows))
				case term.Key == r.Key:
					v.add(f, key, "refers to its own row {%s}", term.Key)
				}
			}
		}
	}
	if cyc := rowCycle(s); cyc != "" {
		v.add(f, at+".row", "formulas refer to each other in a circle: %s", cyc)
	}
}

// checkCodeParts checks the code columns of a side that split its codes
// (level): one column for each of the tree's first levels, in order.
func (v *validator) checkCodeParts(f, at string, s *Side) {
	tree := s.TreeRow()
	split, whole := 0, 0
	for ci, c := range s.Columns {
		key := fmt.Sprintf("%s.column[%d].level", at, ci)
		switch {
		case c.Level == 0 && c.Kind == KindCode:
			whole++
		case c.Level == 0:
		case c.Kind != KindCode:
			v.add(f, key, "is for code columns: a %s column shows no part of a code", c.Kind)
		case tree == nil:
			v.add(f, key, "this side has no code tree whose codes the column could split")
		case c.Level != split+1 || c.Level > len(tree.Levels):
			v.add(f, key, "is %d: the code columns that split a code show the levels 1, 2, … of the tree (%s) in order", c.Level, tomlInts(tree.Levels))
			split++
		default:
			split++
		}
	}
	if split > 0 && whole > 0 {
		v.add(f, at+".column", "has code columns with and without level: split the code over columns of levels 1, 2, …, or show it whole in one")
	}
}

func (v *validator) checkTree(p *Pack, t *Table, key string, r *Row) {
	if r.Key != "" || r.Label != "" || r.Formula != "" || r.Blank || r.At != "" {
		v.add(t.File, key, "a tree row has only tree, levels, leaf, ordinals and codes_from")
	}
	if _, ok := p.Files[r.Tree]; !ok {
		v.add(t.File, key+".tree", "unknown catalog %q: pack.toml [catalogs] has %s", r.Tree, keyList(p.Files))
	}
	if len(r.Levels) == 0 {
		v.add(t.File, key+".levels", "is missing: give the code lengths of each level, such as [3, 5, 7]")
	}
	for i, n := range r.Levels {
		if n <= 0 || (i > 0 && n <= r.Levels[i-1]) {
			v.add(t.File, key+".levels", "is %s: give positive code lengths in increasing order, such as [3, 5, 7]", tomlInts(r.Levels))
			break
		}
	}
	if len(r.Ordinals) > len(r.Levels) {
		v.add(t.File, key+".ordinals", "has %d formats, but the tree has %d levels: give one a level, \"\" for a level without", len(r.Ordinals), len(r.Levels))
	}
	for i, f := range r.Ordinals {
		if f != "" && strings.Count(f, "{n}") != 1 {
			v.add(t.File, fmt.Sprintf("%s.ordinals[%d]", key, i), "%q: write {n} once where the number goes, such as \"{n}、\"", f)
		}
	}
	if r.Leaf != 0 && len(r.Levels) > 0 && !slices.Contains(r.Levels, r.Leaf) {
		v.add(t.File, key+".leaf", "is %d: give the code length amounts are disclosed to, one of the levels %s (or leave it out)", r.Leaf, tomlInts(r.Levels))
	}
	for i, id := range r.CodesFrom {
		other := p.Table(id)
		switch {
		case other == nil && slices.Contains(p.Names, id):
			// listed but broken: its own problems are reported
		case other == nil:
			v.add(t.File, fmt.Sprintf("%s.codes_from[%d]", key, i), "unknown table %q (tables: %s)", id, strings.Join(p.Names, ", "))
		case other.Tree() == nil:
			v.add(t.File, fmt.Sprintf("%s.codes_from[%d]", key, i), "table %q has no code tree", id)
		case other.Tree().Tree != r.Tree:
			v.add(t.File, fmt.Sprintf("%s.codes_from[%d]", key, i), "table %q uses catalog %q, not %q", id, other.Tree().Tree, r.Tree)
		}
	}
}

func (v *validator) checkRef(p *Pack, t *Table, key string, c *Column) {
	table, col, ok := strings.Cut(c.Ref, ".")
	if !ok {
		v.add(t.File, key, "%q: write the referenced cell's column as \"table.column\", such as \"4-2.subtotal\"", c.Ref)
		return
	}
	other := p.Table(table)
	if other == nil {
		if !slices.Contains(p.Names, table) { // else listed but broken: its own problems are reported
			v.add(t.File, key, "%q: unknown table %q (tables: %s)", c.Ref, table, strings.Join(p.Names, ", "))
		}
		return
	}
	oc := other.Column(col)
	if oc == nil || oc.Kind != KindAmount {
		v.add(t.File, key, "%q: table %q has no amount column %q (its amount columns: %s)", c.Ref, table, col, strings.Join(other.AmountKeys(), ", "))
		return
	}
	if other.Tree() == nil {
		v.add(t.File, key, "%q: table %q has no code tree to match codes in", c.Ref, table)
		return
	}
	if cellUnit(t) != cellUnit(other) {
		v.add(t.File, key, "%q: table %q shows its amounts in %s, this one in %s: a reference copies a cell, so both must show the same unit", c.Ref, table, cellUnit(other), cellUnit(t))
		return
	}
	c.RefTable, c.RefColumn = table, col
}

// checkEquals checks a column's equals: an amount column of a table with
// codes, and "table.column" an amount column of another such table.
func (v *validator) checkEquals(p *Pack, t *Table, key string, c *Column) {
	table, col, ok := strings.Cut(c.Equals, ".")
	other := p.Table(table)
	switch {
	case c.Kind != KindAmount:
		v.add(t.File, key, "is for amount columns: a %s column has no amounts", c.Kind)
	case t.Tree() == nil:
		v.add(t.File, key, "this table has no code tree: equals compares the cells of the same code")
	case !ok:
		v.add(t.File, key, "%q: write the referenced cell's column as \"table.column\", such as \"4-2.subtotal\"", c.Equals)
	case other == nil && slices.Contains(p.Names, table):
		// listed but broken: its own problems are reported
	case other == nil:
		v.add(t.File, key, "%q: unknown table %q (tables: %s)", c.Equals, table, strings.Join(p.Names, ", "))
	case other.Column(col) == nil || other.Column(col).Kind != KindAmount:
		v.add(t.File, key, "%q: table %q has no amount column %q (its amount columns: %s)", c.Equals, table, col, strings.Join(other.AmountKeys(), ", "))
	case other.Tree() == nil:
		v.add(t.File, key, "%q: table %q has no code tree to match codes in", c.Equals, table)
	case other == t && col == c.Key:
		v.add(t.File, key, "refers to its own column")
	}
}

// cellUnit is the unit budget table t's cells hold (see Layout.AmountUnit).
func cellUnit(t *Table) string {
	if t.AmountUnit() == "元" {
		return "元"
	}
	return "万元"
}

// defaultLabelColumn is where a fixed row's label goes: the name column,
// else the first code column.
func defaultLabelColumn(s *Side) string {
	first := ""
	for _, c := range s.Columns {
		if c.Kind == KindName {
			return c.Key
		}
		if c.Kind == KindCode && first == "" {
			first = c.Key
		}
	}
	return first
}

// columnCycle names a cycle among a side's column formulas, or "".
func columnCycle(s *Side) string {
	deps := map[string][]string{}
	for _, c := range s.Columns {
		if c.Expr != nil {
			for _, t := range c.Expr.Terms {
				if t.Key != c.Key { // reported as "refers to its own column"
					deps[c.Key] = append(deps[c.Key], t.Key)
				}
			}
		}
	}
	return findCycle(deps)
}

// rowCycle names a cycle among a side's row formulas, or "".
func rowCycle(s *Side) string {
	deps := map[string][]string{}
	for _, list := range [][]*Row{s.Rows, s.Foot} {
		for _, r := range list {
			if r.Expr != nil {
				for _, t := range r.Expr.Terms {
					if !t.Tree && t.Key != r.Key { // a self reference is reported on its own
						deps[r.Key] = append(deps[r.Key], t.Key)
					}
				}
			}
		}
	}
	return findCycle(deps)
}

func findCycle(deps map[string][]string) string {
	const (
		unseen = iota
		active
		done
	)
	state := map[string]int{}
	var stack []string
	var visit func(string) string
	visit = func(k string) string {
		switch state[k] {
		case active:
			i := indexOf(stack, k)
			return strings.Join(append(append([]string{}, stack[i:]...), k), " → ")
		case done:
			return ""
		}
		state[k] = active
		stack = append(stack, k)
		for _, d := range deps[k] {
			if c := visit(d); c != "" {
				return c
			}
		}
		stack = stack[:len(stack)-1]
		state[k] = done
		return ""
	}
	keys := make([]string, 0, len(deps))
	for k := range deps {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if c := visit(k); c != "" {
			return c
		}
	}
	return ""
}

// keyList lists the keys of m, sorted, for a message: "none" in the
// message's language when m is empty.
func keyList[V any](m map[string]V) *msg.Error {
	ks := sortedKeys(m)
	if len(ks) == 0 {
		return msg.Errorf("none")
	}
	return msg.Errorf("%s", strings.Join(ks, ", "))
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// tomlInts writes a list of numbers as TOML does: [5, 3].
func tomlInts(list []int) string {
	s := make([]string, len(list))
	for i, n := range list {
		s[i] = fmt.Sprint(n)
	}
	return "[" + strings.Join(s, ", ") + "]"
}

// IsDigits reports whether s is a non-empty run of ASCII digits: a classification code.
func IsDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ { // bytes: those of a rune beyond ASCII are no digits
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
