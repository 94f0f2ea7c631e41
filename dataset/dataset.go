// Package dataset reads a unit's source data: a folder with unit.toml (who
// the unit is, which template pack, the amount unit) and one CSV file per
// table, keyed by classification code or by the template's fixed row keys.
//
// CSV files may be UTF-8 (with or without BOM) or GB18030, as Excel saves
// them on Chinese Windows; amounts may carry thousands separators. Amounts
// are decimal.Decimal from the text on; this package never uses float64.
// It checks the data against the pack's tables but computes nothing.
package dataset

import (
	"budgetxl/msg"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"budgetxl/internal/tomlmsg"
	"budgetxl/pack"
)

// Unit is the content of unit.toml.
type Unit struct {
	Pack       string `toml:"pack"`        // template pack id, a folder under the templates folder
	Name       string `toml:"name"`        // 单位名称, as in the titles
	Code       string `toml:"code"`        // 单位编码
	Department string `toml:"department"`  // 主管部门
	Year       int    `toml:"year"`        // budget year
	AmountUnit string `toml:"amount_unit"` // "元" or "万元": the unit of every amount in the CSV files
	// Note is an optional remark about the data that fill prints when the
	// workbook has errors, such as why a sample reproduces faults.
	Note string `toml:"note"`
	// Prior is the folder of the unit's dataset of the year before, relative
	// to this dataset's folder; empty when there is none.
	Prior string `toml:"prior"`
	// Variant is which of the pack's variants the unit's package is (部门
	// or 单位: pack.Pack.Variants); the pack's first when not given.
	Variant string `toml:"variant"`
}

// Amount units.
const (
	Yuan      = "元"
	TenKYuan  = "万元"
	UnitFile  = "unit.toml"
	csvSuffix = ".csv"
)

// Folder is a dataset folder: where its files are read, and how messages
// name it.
type Folder struct {
	FS fs.FS // the folder's files
	// Path is how messages name the folder: its path on disk, or the name
	// of a sample built into the program, such as "（内置）demo-2025".
	Path string
}

// Dir is the dataset folder at path on disk.
func Dir(path string) Folder { return Folder{FS: os.DirFS(path), Path: path} }

// File is how messages name the folder's file name.
func (f Folder) File(name string) string { return filepath.Join(f.Path, name) }

// Dataset is a unit's data, checked against a pack.
type Dataset struct {
	Dir    string // how messages name its folder (Folder.Path)
	Unit   Unit
	Tables map[string]*Table // by table id; a table without a CSV file is absent
	Forms  map[string]*Form  // form tables by id, from <id>.toml; absent without a file
	// Facts are the facts of explain.toml by key, in the dataset's amount
	// unit; empty without the file.
	Facts map[string]Fact
	// Prior is the unit's dataset of the year before, when one was opened
	// (see OpenPrior); nil otherwise.
	Prior *Prior
}

// Table is the content of one CSV file.
type Table struct {
	File  string
	Rows  []*Row // in file order
	ByKey map[string]*Row
}

// Find returns the row of key, trying the rows from Rows[*next] on
// before ByKey: for keys asked in about the order of Rows, as a plan asks
// a table's (where *next then moves on), most are found without hashing.
// It gives what ByKey gives only where Rows holds each key once, as a
// table of one side does (extract gives a code that stands on two sides
// a row for each, and ByKey the last).
func (t *Table) Find(key string, next *int) *Row {
	for i := *next; i < len(t.Rows) && i < *next+4; i++ {
		if r := t.Rows[i]; r.Key == key {
			*next = i + 1
			return r
		}
	}
	return t.ByKey[key]
}

// Row is one CSV record: a classification code or a fixed row key, an
// optional name, and its amounts.
type Row struct {
	Line int
	Key  string
	Name string
	// Values are the row's amounts, one place for each amount column of
	// its table in the order of pack.Layout.Amounts; a place without an
	// amount holds the zero Value, and the places after the last amount
	// may be left out (Value reads them as none). nil when the row has no
	// amount.
	Values []Value
}

// Value is one amount as read, in the dataset's amount unit.
type Value struct {
	Amount decimal.Decimal
	Text   string // as written, for messages
	Line   int
	// Set is true for an amount the row has, false in a place of
	// Row.Values whose column it has none in.
	Set bool
}

// Value returns the row's amount in place i of its table's amount columns
// (pack.Layout.Amount), and whether the row has one there.
func (r *Row) Value(i int) (Value, bool) {
	if i < 0 || i >= len(r.Values) || !r.Values[i].Set {
		return Value{}, false
	}
	return r.Values[i], true
}

// SetValue gives the row amount v in place i of its table's n amount
// columns (pack.Layout.Amounts).
func (r *Row) SetValue(n, i int, v Value) {
	if len(r.Values) <= i { // none yet, or fewer than n (see Values)
		r.Values = append(make([]Value, 0, n), r.Values...)[:n]
	}
	v.Set = true
	r.Values[i] = v
}

// HasValues reports whether the row has an amount.
func (r *Row) HasValues() bool {
	for _, v := range r.Values {
		if v.Set {
			return true
		}
	}
	return false
}

// Codes returns the table's classification codes (the rows keyed by digits).
func (t *Table) Codes() []string {
	var out []string
	for _, r := range t.Rows {
		if pack.IsDigits(r.Key) {
			out = append(out, r.Key)
		}
	}
	return out
}

// ReadUnit reads and checks the folder's unit.toml.
func ReadUnit(dir Folder) (Unit, error) {
	file := dir.File(UnitFile)
	var u Unit
	if _, err := fs.Stat(dir.FS, UnitFile); errors.Is(err, fs.ErrNotExist) {
		if sub := subDataset(dir); sub != "" {
			return u, msg.Errorf("%s: no such file: a dataset folder needs unit.toml; %s has one: give that folder", file, sub)
		}
		return u, msg.Errorf("%s: no such file: a dataset folder needs unit.toml (for an example, budgetxl sample writes samples/demo-2025)", file)
	}
	raw, err := ReadFile(dir.FS, UnitFile, file, MaxTOMLBytes)
	if err != nil {
		return u, err
	}
	src, err := decodeTOMLText(file, raw)
	if err != nil {
		return u, err
	}
	md, err := tomlmsg.Decode(src, &u)
	if err != nil {
		// year = "2025年", year = 2025年, year = ２０２５: the general
		// advice (put text in quotes) would lead astray.
		var e *tomlmsg.Error
		if errors.As(err, &e) && e.Line > 0 && e.Line == tomlmsg.KeyLine(src, "year") {
			return u, msg.Errorf("%s: year is the year's digits alone, with no 年 and no quotes: year = 2025", fileLine(file, e.Line))
		}
		return u, tomlError(file, err)
	}
	var errs []error
	for _, k := range tomlmsg.Unknown(src, md) {
		errs = append(errs, msg.Errorf("%s: unknown key %q (known: pack, name, code, department, year, amount_unit, note, prior, variant)", fileLine(file, k.Line), k.Path))
	}
	if u.Pack == "" {
		errs = append(errs, msg.Errorf("%s: pack is missing: name the template pack, such as \"cq-2025\"", file))
	}
	if strings.TrimSpace(u.Name) == "" {
		errs = append(errs, msg.Errorf("%s: name is missing: give the unit's full name as in the titles", file))
	}
	if u.Year == 0 {
		errs = append(errs, msg.Errorf("%s: year is missing: give the budget year, such as 2025", file))
	}
	if u.AmountUnit != Yuan && u.AmountUnit != TenKYuan {
		errs = append(errs, msg.Errorf("%s: amount_unit is %q: use \"元\" or \"万元\"", file, msg.Cut(u.AmountUnit)))
	}
	return u, errors.Join(errs...)
}

// subDataset is the first folder inside dir that holds a unit.toml, as
// where a clerk gave the folder above the dataset; "" when there is none.
func subDataset(dir Folder) string {
	entries, _ := fs.ReadDir(dir.FS, ".")
	for _, e := range entries {
		if isDir(dir.FS, e.Name(), e) {
			if _, err := fs.Stat(dir.FS, e.Name()+"/"+UnitFile); err == nil {
				return dir.File(e.Name())
			}
		}
	}
	return ""
}

// Load reads the dataset in dir against pack p. Every problem is reported,
// each with its file, line and column. Every table's file must be there,
// but that of a table the pack may show empty (one with an empty note):
// a missing file is an error naming it, and so are a folder or a file of
// another type (4-2.xlsx) where the table's file belongs.
func Load(dir Folder, u Unit, p *pack.Pack) (*Dataset, error) {
	return load(dir, u, p, true, false)
}

// load reads the dataset; without tables it reads only the form tables'
// files, for a blank form whose code rows come from elsewhere. A prior
// year's dataset may be of the pack's year or the year before.
func load(dir Folder, u Unit, p *pack.Pack, tables, prior bool) (*Dataset, error) {
	d := &Dataset{Dir: dir.Path, Unit: u, Tables: map[string]*Table{}, Forms: map[string]*Form{}, Facts: map[string]Fact{}}
	var errs []error
	if u.Year != p.Year && !(prior && u.Year == p.Year-1) {
		errs = append(errs, msg.Errorf("%s: year is %d, but template pack %s is for %d", dir.File(UnitFile), u.Year, p.ID, p.Year))
	}
	switch {
	case u.Variant == "" && len(p.Variants) > 0:
		d.Unit.Variant = p.Variants[0]
	case u.Variant != "" && !slices.Contains(p.Variants, u.Variant):
		errs = append(errs, msg.Errorf("%s: variant is %q, but template pack %s has the variants %v", dir.File(UnitFile), msg.Cut(u.Variant), p.ID, variantList(p)))
	}
	entries, err := fs.ReadDir(dir.FS, ".")
	if err != nil {
		return nil, msg.Errorf("%s: %v", dir.Path, msg.File(err))
	}
	var ids []string
	for _, t := range p.Tables {
		ids = append(ids, FileName(t))
	}
	seen := map[string]bool{}       // table ids whose file was there, read or not
	others := map[string][]string{} // table id → files of that name but another type
	for _, e := range entries {
		name := e.Name()
		file := dir.File(name)
		stem := strings.TrimSuffix(name, filepath.Ext(name))
		ext := strings.ToLower(filepath.Ext(name))
		t := p.Table(stem)
		if t != nil && !tables && t.Kind != pack.KindForm {
			continue
		}
		if t != nil && FileName(t) == name {
			seen[t.ID] = true
			if isDir(dir.FS, name, e) {
				errs = append(errs, msg.Errorf("%s is a folder: table %s (%s) is read from a file of this name", file, t.ID, t.Sheet))
				continue
			}
		}
		if e.IsDir() || name == UnitFile {
			continue
		}
		if ext != csvSuffix && ext != ".toml" {
			if t != nil {
				others[t.ID] = append(others[t.ID], file)
			}
			continue
		}
		if name == FactsFile && t == nil {
			maxDec := int32(2)
			if u.AmountUnit == TenKYuan {
				maxDec = 6
			}
			facts, err := readFacts(dir, name, p, maxDec)
			if err != nil {
				errs = append(errs, err)
			}
			d.Facts = facts
			continue
		}
		if t != nil && FileName(t) != name {
			t = nil
		}
		if t != nil && t.Kind == pack.KindForm {
			f, err := readForm(dir, name, t)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			d.Forms[t.ID] = f
			continue
		}
		if t == nil {
			errs = append(errs, msg.Errorf("%s: no table of pack %s has this name: rename it to one of %s", file, p.ID, strings.Join(ids, ", ")))
			continue
		}
		td, err := readTable(dir, name, t, u)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		d.Tables[t.ID] = td
	}
	for _, t := range p.Tables {
		file := dir.File(FileName(t))
		switch {
		case seen[t.ID] || !tables && t.Kind != pack.KindForm:
		case len(others[t.ID]) > 0 && t.Kind == pack.KindForm:
			errs = append(errs, msg.Errorf("%s: no such file; %s is not read: form %s (%s) is read from a TOML file named %s (for an example, budgetxl sample writes samples/demo-2025)", file, others[t.ID][0], t.ID, t.Sheet, FileName(t)))
		case len(others[t.ID]) > 0:
			errs = append(errs, msg.Errorf("%s: no such file; %s is not read: table %s (%s) is read from a CSV file: save the sheet as CSV (UTF-8 or GB18030) named %s", file, others[t.ID][0], t.ID, t.Sheet, FileName(t)))
		case t.EmptyNote != "":
			// the table is written empty, with its note
		case t.Kind == pack.KindForm:
			errs = append(errs, msg.Errorf("%s: no such file: form %s (%s) is read from it", file, t.ID, t.Sheet))
		default:
			errs = append(errs, msg.Errorf("%s: no such file: table %s (%s) is read from it: add it, its first line %s, then the table's rows (a table without data has that line alone)", file, t.ID, t.Sheet, strings.Join(Header(t), ",")))
		}
	}
	errs = append(errs, d.checkDepth(p)...)
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return d, nil
}

// isDir reports whether the folder entry name of fsys is a folder, or a
// link to one.
func isDir(fsys fs.FS, name string, e fs.DirEntry) bool {
	if e.IsDir() {
		return true
	}
	st, err := fs.Stat(fsys, name)
	return err == nil && st.IsDir()
}

// FileName is the name of table t's file in a dataset folder: a CSV file
// for a budget table, a TOML file for a form.
func FileName(t *pack.Table) string {
	if t.Kind == pack.KindForm {
		return t.ID + ".toml"
	}
	return t.ID + csvSuffix
}

// Scale is the factor from the dataset's amount unit to 万元, the unit of
// every workbook cell: 元 amounts are stored as 元/10000, exactly.
func (d *Dataset) Scale() int32 {
	if d.Unit.AmountUnit == Yuan {
		return -4
	}
	return 0
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// Open reads the dataset in folder dir on disk together with the template
// pack its unit.toml names, found in the templates folder on disk.
func Open(dir, templates string) (*pack.Pack, *Dataset, error) {
	return OpenFolder(Dir(dir), pack.Library{Dir: templates})
}

// OpenForms reads what a blank form takes from the dataset in dir when its
// code rows come from elsewhere (a codes file): unit.toml and the files of
// the form tables, not the budget tables' files.
func OpenForms(dir, templates string) (*pack.Pack, *Dataset, error) {
	return OpenFolderForms(Dir(dir), pack.Library{Dir: templates})
}

// OpenFolder reads the dataset in dir together with the template pack its
// unit.toml names, found in packs.
func OpenFolder(dir Folder, packs pack.Library) (*pack.Pack, *Dataset, error) {
	return open(dir, packs, true)
}

// OpenFolderForms is OpenForms for a dataset in dir, its pack found in packs.
func OpenFolderForms(dir Folder, packs pack.Library) (*pack.Pack, *Dataset, error) {
	return open(dir, packs, false)
}

func open(dir Folder, packs pack.Library, tables bool) (*pack.Pack, *Dataset, error) {
	if st, err := fs.Stat(dir.FS, "."); err != nil || !st.IsDir() {
		return nil, nil, msg.Errorf("%s: no such dataset folder", dir.Path)
	}
	u, err := ReadUnit(dir)
	if err != nil {
		return nil, nil, err
	}
	entry, ok := packs.Lookup(u.Pack)
	if !ok {
		return nil, nil, msg.Errorf("%s: pack is %q, but there is no such template pack (known: %s)", dir.File(UnitFile), u.Pack, packs.Known())
	}
	p, err := entry.Load()
	if err != nil {
		return nil, nil, err
	}
	d, err := load(dir, u, p, tables, false)
	if err != nil {
		return nil, nil, err
	}
	return p, d, nil
}

// decodeTOMLText turns the bytes of a dataset's TOML file into text: UTF-8
// with or without BOM, or GB18030 as Notepad saves it on Chinese Windows.
func decodeTOMLText(file string, raw []byte) (string, error) {
	text, err := Decode(raw)
	if err != nil {
		return "", msg.Errorf("%s: neither UTF-8 nor GB18030 text: save it as UTF-8 (in Notepad: Save As, Encoding UTF-8)", file)
	}
	return text, nil
}

// tomlError points at the line, and the key when the type of its value is
// wrong, of a dataset's TOML file that cannot be decoded.
func tomlError(file string, err error) error {
	var e *tomlmsg.Error
	if !errors.As(err, &e) {
		return msg.Errorf("%s: %v", file, err)
	}
	where := fileLine(file, e.Line)
	if e.Key != "" {
		where += ": " + e.Key
	}
	return msg.Errorf("%s: %v", where, e.Msg)
}

// fileLine is "file:line", or file when the line is unknown (0).
func fileLine(file string, line int) string {
	if line == 0 {
		return file
	}
	return file + ":" + strconv.Itoa(line)
}

// variantList names the pack's variants for a message, or says it has none.
func variantList(p *pack.Pack) *msg.Error {
	if len(p.Variants) == 0 {
		return msg.Errorf("none")
	}
	return msg.Errorf("%s", strings.Join(p.Variants, ", "))
}
