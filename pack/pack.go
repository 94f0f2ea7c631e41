// Package pack loads and validates a template pack: the TOML files that
// describe each official table (titles, headers, columns, where rows come
// from, which cells are formulas) and the classification catalogs they use.
//
// It knows concepts (code trees, fixed rows, column and row sums, references
// to another table's column), never a particular table. It does not read
// unit data or touch workbooks.
package pack

import (
	"budgetxl/msg"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"budgetxl/internal/tomlmsg"
)

// Pack is a loaded, validated template pack.
type Pack struct {
	// Dir is how messages name the pack's folder: its path on disk, or the
	// name of a pack built into the program (see Library).
	Dir string
	// Builtin reports that the pack was read from the packs built into the
	// program, not from a folder on disk.
	Builtin bool
	ID      string `toml:"id"`
	Version string `toml:"version"`
	// Variants are the words that tell apart the packages the pack reads,
	// which differ in them only (["部门", "单位"]: a department's and a
	// unit's); {variant} in a title, units line, header or empty note is
	// the dataset's (unit.toml variant, the first by default).
	Variants []string `toml:"variants"`
	// Extends is the id of the pack this one is made from (see Base).
	Extends string `toml:"extends"`
	// Base is the pack named by Extends, loaded; nil for none.
	Base *Pack `toml:"-"`
	// files are the pack's files: its own folder's, over its base's.
	files fs.FS
	Title string            `toml:"title"`
	Year  int               `toml:"year"`
	Names []string          `toml:"tables"`
	Files map[string]string `toml:"catalogs"`
	// SourcesFile names the CSV file of the public documents that the
	// catalogs' rows cite (id,year,title,publisher,address).
	SourcesFile string             `toml:"sources"`
	Sources     map[string]*Source `toml:"-"`
	// RulesFile names the file of review rules ([[rule]] entries), if any.
	RulesFile string `toml:"rules"`
	// PageNumbers is the footer that numbers each table's own pages, with
	// {page} and {pages} ("第 {page} 页，共 {pages} 页"); empty for none.
	// A table's page_numbers overrides it.
	PageNumbers string  `toml:"page_numbers"`
	Rules       []*Rule `toml:"-"`
	// ExplainFile names the file of the 情况说明's sentence templates, if any.
	ExplainFile string   `toml:"explain"`
	Explain     *Explain `toml:"-"`
	Tables      []*Table `toml:"-"`
	Catalogs    map[string]Catalog
	// CatalogNotes are what the catalogs hold that is no problem but that
	// their author should see: each name that sources give a code and the
	// pack does not use, because a newer source names it otherwise.
	CatalogNotes []error
	// Hash is the SHA-256 of every file of the pack (names and contents),
	// recorded in workbooks so a reviewer knows which templates made them.
	Hash string
	// nameIndex holds each catalog's name index, by catalog (NameIndex).
	nameIndex map[string]*Names
}

// NameIndex returns the name index of the pack's catalog name, one for
// all who read with the pack (a batch's every workbook): it is made on its
// first look-up, if ever. nil, which knows no name, for a catalog the pack
// does not have.
func (p *Pack) NameIndex(catalog string) *Names { return p.nameIndex[catalog] }

// Table describes one official table, one worksheet.
type Table struct {
	File  string `toml:"-"` // path, for error messages
	ID    string `toml:"id"`
	Sheet string `toml:"sheet"`
	Title string `toml:"title"`
	Units string `toml:"units"`
	// UnitsLeft is the left part of a units line of two parts (编制单位：{unit}),
	// Units then standing on the right; "" for a units line of one part.
	UnitsLeft   string `toml:"units_left"`
	Orientation string `toml:"orientation"`
	EmptyNote   string `toml:"empty_note"`
	// EmptyRows keeps the header and the fixed rows (an empty 合计) of a
	// table without data, the empty note below them; else the note
	// stands in place of the rows.
	EmptyRows bool       `toml:"empty_rows"`
	Header    [][]string `toml:"header"`
	Merges    []string   `toml:"merges"`
	Sides     []*Side    `toml:"side"`
	// PageNumbers is the footer that numbers the table's pages: the
	// table's page_numbers when it has one, else the pack's.
	PageNumbers    string  `toml:"-"`
	PageNumbersKey *string `toml:"page_numbers"`
	// Kind is "" for a budget table of sides, or "form" (see Form).
	Kind string `toml:"kind"`
	// Layout is where a budget table's parts stand, compiled once the
	// pack is checked; nil for a form.
	Layout *Layout   `toml:"-"`
	Form   `toml:""` // the form's layout and fields, for kind = "form"
}

// Side is a block of columns with its own rows; most tables have one, the
// two-sided summaries (income | expenditure) have two, placed side by side
// with their foot rows aligned at the bottom.
type Side struct {
	Columns []*Column `toml:"column"`
	Rows    []*Row    `toml:"row"`
	Foot    []*Row    `toml:"foot"`
}

// Column kinds.
const (
	KindCode   = "code"   // classification code of tree rows
	KindName   = "name"   // subject name of tree rows, label of fixed rows
	KindAmount = "amount" // money
)

// Column is one worksheet column of a side.
type Column struct {
	Key     string  `toml:"key"`
	Kind    string  `toml:"kind"`
	Width   float64 `toml:"width"`
	Formula string  `toml:"formula"` // same-row sum of other columns: "{basic} + {project}"
	Ref     string  `toml:"ref"`     // tree rows: the same code's cell in "table.column"
	// Negative allows negative amounts in the column's input cells; without
	// it verify warns of them.
	Negative bool `toml:"negative"`
	// Prior makes the column the prior year's value of another amount
	// column of the table (上年预算数 beside 本年预算数), filled from the
	// prior year's dataset when the dataset does not give it.
	Prior string `toml:"prior"`
	// Level splits the code over several code columns: the column shows
	// the digits the tree's level Level (1-based) adds to the level above
	// (201 | 03 | 01 for 2010301); 0 for a column of the whole code.
	Level int `toml:"level"`
	// Equals is a check beside the column's formula or inputs: on every
	// code, its cell must equal the same code's cell of "table.column"
	// (see EqualsRule); verify reports each code that differs.
	Equals string `toml:"equals"`

	Expr      *Expr  `toml:"-"`
	RefTable  string `toml:"-"`
	RefColumn string `toml:"-"`
}

// Row is an entry of a side's rows or foot: a fixed row (key, label, and
// either inputs or a formula over other rows), a blank spacer, or the tree
// of classification codes.
type Row struct {
	Key     string `toml:"key"`
	Label   string `toml:"label"`
	At      string `toml:"at"`      // column key that shows the label
	Formula string `toml:"formula"` // same-column sum of other rows: "{a} + {b}", "tree"
	Blank   bool   `toml:"blank"`
	// NewSection starts a new section of the side's body: the row stands
	// below the longest earlier section of every side (4-1's 二、上年结转
	// starts below the expenditure side's 类 rows).
	NewSection bool `toml:"new_section"`

	Tree      string   `toml:"tree"` // catalog name
	Levels    []int    `toml:"levels"`
	CodesFrom []string `toml:"codes_from"`
	// Leaf is the code length that amounts must be disclosed to: a code
	// of fewer digits with an amount must have codes below it (the 项 of
	// the function classification, 7). 0: any level may hold amounts.
	Leaf int `toml:"leaf"`
	// Ordinals are the texts written before the names of code rows, level
	// by level ("{n}、" for 一、二、…; "" for none): see Ordinal.
	Ordinals []string `toml:"ordinals"`

	Expr *Expr `toml:"-"`
}

// IsTree reports whether r stands for the rows of a code tree.
func (r *Row) IsTree() bool { return r.Tree != "" }

// HasLevel reports whether code has the length of one of the tree row's levels.
func (r *Row) HasLevel(code string) bool { return slices.Contains(r.Levels, len(code)) }

// Shallow reports whether code, one of the codes of tree row r, is a leaf
// above the depth amounts must be disclosed to (see Leaf): no other of
// the codes lies below it within the tree's levels.
func (r *Row) Shallow(code string, codes []string) bool {
	if len(code) >= r.Leaf {
		return false
	}
	for _, c := range codes {
		if len(c) > len(code) && strings.HasPrefix(c, code) && slices.ContainsFunc(r.Levels, func(l int) bool { return l > len(code) && l <= len(c) }) {
			return false
		}
	}
	return true
}

// Amounts returns the side's amount columns.
func (s *Side) Amounts() []*Column {
	var out []*Column
	for _, c := range s.Columns {
		if c.Kind == KindAmount {
			out = append(out, c)
		}
	}
	return out
}

// TreeRow returns the side's tree entry, or nil.
func (s *Side) TreeRow() *Row {
	for _, r := range s.Rows {
		if r.IsTree() {
			return r
		}
	}
	return nil
}

// Column returns the column with key, or nil.
func (t *Table) Column(key string) *Column {
	for _, s := range t.Sides {
		for _, c := range s.Columns {
			if c.Key == key {
				return c
			}
		}
	}
	return nil
}

// FixedRow returns the fixed row with key, or nil.
func (t *Table) FixedRow(key string) *Row {
	for _, s := range t.Sides {
		for _, r := range append(append([]*Row{}, s.Rows...), s.Foot...) {
			if r.Key == key && !r.IsTree() {
				return r
			}
		}
	}
	return nil
}

// FixedKeys lists the keys of the table's fixed rows, side by side, in
// order: what a message naming a row the table does not have offers.
func (t *Table) FixedKeys() []string {
	var out []string
	for _, s := range t.Sides {
		for _, r := range append(append([]*Row{}, s.Rows...), s.Foot...) {
			if r.Key != "" && !r.IsTree() && !slices.Contains(out, r.Key) {
				out = append(out, r.Key)
			}
		}
	}
	return out
}

// AmountKeys lists the keys of the table's amount columns, side by side.
func (t *Table) AmountKeys() []string {
	var out []string
	for _, s := range t.Sides {
		for _, c := range s.Columns {
			if c.Kind == KindAmount && !slices.Contains(out, c.Key) {
				out = append(out, c.Key)
			}
		}
	}
	return out
}

// Tree returns the table's first tree entry, or nil.
func (t *Table) Tree() *Row {
	for _, s := range t.Sides {
		if r := s.TreeRow(); r != nil {
			return r
		}
	}
	return nil
}

// Table returns the table with id, or nil.
func (p *Pack) Table(id string) *Table {
	for _, t := range p.Tables {
		if t.ID == id {
			return t
		}
	}
	return nil
}

// Load reads the pack in folder dir on disk (its pack.toml, one TOML file
// per table and the catalogs) and validates all of it. The error joins
// every problem found, each naming its file and key.
func Load(dir string) (*Pack, error) { return load(os.DirFS(dir), dir, siblings(dir), 0) }

// LoadFS reads and validates the pack whose files are at the root of fsys,
// as Load does; dir is how messages name the pack's folder (a path on disk,
// or the name of a built-in pack such as "（内置）cq-2025").
// A pack that extends another is read with the packs of the library that
// found it (see Entry.Load); LoadFS finds none.
func LoadFS(fsys fs.FS, dir string) (*Pack, error) { return load(fsys, dir, nil, 0) }

// load reads and validates a pack; resolve finds the pack it extends,
// depth is how many packs extend it.
func load(fsys fs.FS, dir string, resolve resolver, depth int) (*Pack, error) {
	v := &validator{fsys: fsys, dir: dir}
	packFile := v.path("pack.toml")
	p := &Pack{Dir: dir}
	if v.missing("pack.toml") {
		v.errs = append(v.errs, msg.Errorf("%s: no such file: a template pack folder needs pack.toml (see templates/cq-2025)", packFile))
		return nil, v.err()
	}
	md, ok := v.decodeMD("pack.toml", p)
	if !ok {
		return nil, v.err()
	}
	if p.Extends != "" && !v.extend(p, md, packFile, resolve, depth) {
		return nil, v.err()
	}
	p.files = v.fsys
	v.checkPack(p, packFile)
	sum := sha256.New()
	v.hashFile(sum, "pack.toml")
	if p.Base != nil {
		fmt.Fprintf(sum, "extends\x00%s\x00", p.Base.Hash)
	}
	seen := map[string]bool{}
	for i, name := range p.Names {
		where := fmt.Sprintf("tables[%d]", i)
		switch {
		case name == "" || strings.ContainsAny(name, `/\`):
			v.add(packFile, where, "%q is not a table name (one unique file name without .toml)", name)
			continue
		case seen[name]:
			v.add(packFile, where, "%q is listed twice: list each table once", name)
			continue
		}
		seen[name] = true
		if v.missing(name + ".toml") {
			v.add(packFile, where, "no file %s in this folder: add it or remove %q from tables", name+".toml", name)
			continue
		}
		t := &Table{File: v.path(name + ".toml")}
		if !v.decode(name+".toml", t) {
			continue
		}
		v.hashFile(sum, name+".toml")
		if t.ID != name {
			v.add(t.File, "id", "is %q, but pack.toml lists this file as %q: make them the same", t.ID, name)
		}
		p.Tables = append(p.Tables, t)
	}
	p.Catalogs = map[string]Catalog{}
	v.loadCatalogs(p, packFile, sum)
	v.checkTables(p)
	v.loadRules(p)
	if p.RulesFile != "" {
		v.hashFile(sum, p.RulesFile)
	}
	v.loadExplain(p)
	if p.ExplainFile != "" {
		v.hashFile(sum, p.ExplainFile)
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	compile(p)
	if err := v.err(); err != nil {
		return nil, err
	}
	p.Hash = hex.EncodeToString(sum.Sum(nil))
	return p, nil
}

// compile computes what the checked pack's consumers share, once every
// problem is checked: the defaults of keys left out (a table's orientation
// and page numbers, a fixed row's label column, a rule's severity), the
// texts of {variant}, the layout of every budget table, the catalogs'
// name indexes and the rules of columns' equals. Checking sets none of them.
func compile(p *Pack) {
	for _, t := range p.Tables {
		if t.Orientation == "" {
			t.Orientation = "portrait"
		}
		t.PageNumbers = p.PageNumbers
		if t.PageNumbersKey != nil {
			t.PageNumbers = *t.PageNumbersKey
		}
		for _, s := range t.Sides {
			for _, r := range append(append([]*Row{}, s.Rows...), s.Foot...) {
				if !r.IsTree() && !r.Blank && r.At == "" {
					r.At = defaultLabelColumn(s)
				}
			}
		}
	}
	for _, r := range p.Rules {
		if r.Severity == "" {
			r.Severity = SeverityError
		}
	}
	if len(p.Variants) > 0 {
		alt := "{variant:" + strings.Join(p.Variants, "|") + "}"
		for _, t := range p.Tables {
			for _, s := range []*string{&t.Title, &t.Units, &t.UnitsLeft, &t.EmptyNote} {
				*s = strings.ReplaceAll(*s, "{variant}", alt)
			}
			for _, row := range t.Header {
				for i := range row {
					row[i] = strings.ReplaceAll(row[i], "{variant}", alt)
				}
			}
		}
	}
	for _, t := range p.Tables {
		if t.Kind != KindForm {
			t.Layout = compileLayout(t)
		}
	}
	p.nameIndex = make(map[string]*Names, len(p.Catalogs))
	for name, c := range p.Catalogs {
		p.nameIndex[name] = NewNames(c)
	}
	for _, t := range p.Tables {
		for _, s := range t.Sides {
			for _, c := range s.Columns {
				if c.Equals != "" {
					p.Rules = append(p.Rules, equalsRule(p, t, c))
				}
			}
		}
	}
}

// loadCatalogs reads the sources file and every catalog, which must cite
// only the sources listed there; a source that no row cites is an error.
func (v *validator) loadCatalogs(p *Pack, packFile string, sum hash.Hash) {
	if len(p.Files) == 0 && p.SourcesFile == "" {
		return
	}
	if p.SourcesFile == "" {
		v.add(packFile, "sources", "is missing: name the CSV file of the public documents that the catalogs' rows cite (see templates.md of the documentation, which budgetxl docs writes)")
		return
	}
	sourcesFile := v.path(p.SourcesFile)
	if v.missing(p.SourcesFile) {
		v.add(packFile, "sources", "no file %s in this folder: add it or correct the path", p.SourcesFile)
		return
	}
	sources, err := LoadSources(v.fsys, p.SourcesFile, sourcesFile)
	if err != nil {
		v.errs = append(v.errs, err)
		return
	}
	v.hashFile(sum, p.SourcesFile)
	p.Sources = sources
	complete := true
	for _, name := range sortedKeys(p.Files) {
		file := p.Files[name]
		if v.missing(file) {
			v.add(packFile, "catalogs."+name, "no file %s in this folder: add it or correct the path", file)
			complete = false
			continue
		}
		c, notes, err := loadCatalog(v.fsys, file, v.path(file), sources, settleYear(p.Year), catalogLevels(p, name))
		p.CatalogNotes = append(p.CatalogNotes, notes...)
		if err != nil {
			v.errs = append(v.errs, err)
			complete = false
			if len(c) == 0 {
				continue
			}
		}
		v.hashFile(sum, file)
		p.Catalogs[name] = c
	}
	if complete {
		v.errs = append(v.errs, unusedSources(sourcesFile, sources)...)
	}
}

// settleYear is the year up to which sources settle the catalogs' names:
// the pack's year, or, when pack.toml's year is not a year (reported
// there), every source, so that the one mistake is not reported again as
// names that no source settles.
func settleYear(year int) int {
	if year < 2000 || year > 2100 {
		return 2100
	}
	return year
}

// hashFile adds a file's name and contents to the pack hash. A TOML file
// counts by what it says, not how it is written: its decoded values,
// canonically encoded (keys sorted: see canonicalTOML), so that a comment,
// a blank line or the order of keys does not change the hash that
// workbooks record. The TOML files are read and encoded when they are
// decoded (decodeMD); other files are read here.
func (v *validator) hashFile(h hash.Hash, name string) {
	b, ok := v.hashed[name]
	if !ok {
		b, _ = fs.ReadFile(v.fsys, name)
	}
	fmt.Fprintf(h, "%s\x00%d\x00", name, len(b))
	h.Write(b)
}

// canonicalTOML encodes the values of a TOML document, doc of md, as JSON,
// map keys sorted; ok is false for values that JSON cannot encode (nan).
func canonicalTOML(md toml.MetaData, doc toml.Primitive) ([]byte, bool) {
	var m map[string]any
	if err := md.PrimitiveDecode(doc, &m); err != nil {
		return nil, false
	}
	out, err := json.Marshal(m)
	return out, err == nil
}

// validator reads a pack's files and collects every problem.
type validator struct {
	fsys  fs.FS  // the pack's files
	dir   string // how messages name the pack's folder
	errs  []error
	lines map[string]*sourceLines // by file: the lines of its keys, found when a problem needs one
	// hashed holds what the pack hash takes of each TOML file decoded, by
	// name (see hashFile).
	hashed map[string][]byte
	// variants reports that the pack has variants ({variant} may be used).
	variants bool
}

// path is how messages name the pack's file name (a slash-separated path
// inside the pack folder): in the base's folder for a file that a pack
// which extends another takes from it.
func (v *validator) path(name string) string {
	dir := v.dir
	if l, ok := v.fsys.(layered); ok {
		dir = l.dirOf(name)
	}
	return filepath.Join(dir, filepath.FromSlash(name))
}

// missing reports whether the pack has no file name. A name that leaves the
// pack folder (an absolute path, or one with "..") is missing too: a pack is
// one self-contained folder, so that it can be copied, shared and built in.
func (v *validator) missing(name string) bool {
	if !fs.ValidPath(name) {
		return true
	}
	_, err := fs.Stat(v.fsys, name)
	return errors.Is(err, fs.ErrNotExist)
}

// Error is one problem in a template file.
type Error struct {
	File string
	Line int    // 0 when unknown
	Col  int    // the key's column on its line, 0 when unknown
	Key  string // key path, e.g. side[0].column[2].formula
	Msg  *msg.Error
}

func (e *Error) Error() string { return e.In(msg.EN) }

// In renders the error in language l.
func (e *Error) In(l msg.Lang) string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Col > 0 {
			fmt.Fprintf(&b, ":%d", e.Col)
		}
	}
	if e.Key != "" {
		b.WriteString(": " + e.Key)
	}
	b.WriteString(": " + e.Msg.In(l))
	return b.String()
}

// add records a problem of key in file, at the key's position when the
// file was decoded (see keyLines).
func (v *validator) add(file, key, format string, args ...any) {
	pos := v.posOf(file, key)
	v.errs = append(v.errs, &Error{File: file, Line: pos.Line, Col: pos.Col, Key: key, Msg: msg.Errorf(format, args...)})
}

func (v *validator) err() error { return errors.Join(v.errs...) }

// decode reads the pack's TOML file name into dst, rejecting unknown keys.
func (v *validator) decode(name string, dst any) bool {
	_, ok := v.decodeMD(name, dst)
	return ok
}

// decodeMD decodes as decode does, and returns the file's keys.
func (v *validator) decodeMD(name string, dst any) (toml.MetaData, bool) {
	file := v.path(name)
	src, err := fs.ReadFile(v.fsys, name)
	if err != nil {
		v.errs = append(v.errs, msg.Errorf("%s: %v", file, msg.File(err)))
		return toml.MetaData{}, false
	}
	// The file is parsed once, into doc, then decoded into dst and into
	// the values that the pack hash takes.
	var doc toml.Primitive
	md, err := toml.Decode(string(src), &doc)
	if err == nil {
		err = md.PrimitiveDecode(doc, dst)
	}
	if err != nil {
		e := tomlmsg.Explain(err)
		v.errs = append(v.errs, &Error{File: file, Line: e.Line, Key: e.Key, Msg: e.Msg})
		return md, false
	}
	if v.lines == nil {
		v.lines = map[string]*sourceLines{}
	}
	v.lines[file] = &sourceLines{src: string(src), md: md}
	// Unknown keys are reported, but the file is still used, so that other
	// files that refer to it do not report it as missing.
	for _, u := range tomlmsg.Unknown(string(src), md) {
		e := msg.Errorf("unknown key (check its spelling against templates.md of the documentation, which budgetxl docs writes)")
		if near := tomlmsg.Suggest(dst, u.Key); near != "" {
			e = msg.Errorf("unknown key: did you mean %s? (see templates.md of the documentation, which budgetxl docs writes)", near)
		}
		v.errs = append(v.errs, &Error{File: file, Line: u.Line, Col: keyColumn(string(src), u.Line), Key: u.Path, Msg: e})
	}
	// After Undecoded: decoding into a map marks every key decoded.
	canon, ok := canonicalTOML(md, doc)
	if !ok {
		canon = src
	}
	if v.hashed == nil {
		v.hashed = map[string][]byte{}
	}
	v.hashed[name] = canon
	return md, true
}

// keyColumn is the column of the key that line n (1-based) of src
// assigns: its first character that is not a space; 0 for no line.
func keyColumn(src string, n int) int {
	if n <= 0 {
		return 0
	}
	lines := strings.Split(src, "\n")
	if n > len(lines) {
		return 0
	}
	line := lines[n-1]
	return column(line, len(line)-len(strings.TrimLeft(line, " \t")))
}

// Dirs lists the template pack folders in dir, sorted: dir itself when it
// holds pack.toml, else its subfolders that do.
func Dirs(dir string) ([]string, error) {
	if _, err := os.Stat(filepath.Join(dir, "pack.toml")); err == nil {
		return []string{dir}, nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, msg.Errorf("%s: no such folder of template packs", dir)
	}
	var out []string
	for _, en := range entries {
		if _, err := os.Stat(filepath.Join(dir, en.Name(), "pack.toml")); en.IsDir() && err == nil {
			out = append(out, filepath.Join(dir, en.Name()))
		}
	}
	sort.Strings(out)
	if len(out) == 0 {
		return nil, msg.Errorf("%s: no template pack here (a pack is a folder with pack.toml)", dir)
	}
	return out, nil
}
