// Package workbook reads an .xlsx file into a plain model of what a
// reviewer checks: each cell's constant or formula with its cached value,
// number format and lock; merges, protection, page setup and document
// properties; and what a workbook should not hide: hidden sheets, macro
// parts, links to other files, values far outside any table. Dump renders
// that model as stable text for golden tests.
//
// It reads any workbook (ours, re-saved by LibreOffice, or typed by hand)
// and judges nothing; verify does that. It reads each part of the package
// once, in one pass, within Limits, so that its time and memory grow with
// the cells a workbook holds and a hostile file is refused in seconds.
package workbook

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"budgetxl/msg"
)

// Book is a read workbook.
type Book struct {
	Sheets          []*Sheet
	Props           map[string]string // custom document properties
	FullCalcOnLoad  bool
	StructureLocked bool
	// Macros lists the parts that hold code: a VBA project, Excel 4 macro
	// or dialog sheets, ActiveX controls.
	Macros []string
	// ExternalLinks lists the other files the workbook's formulas or
	// names link to (the link's target, else its part).
	ExternalLinks []string
	// Limits are the limits the workbook was read within.
	Limits Limits
}

// Sheet states.
const (
	Visible    = "visible"
	Hidden     = "hidden"
	VeryHidden = "veryHidden" // hidden so that only code can show it again
)

// Sheet is a read worksheet.
type Sheet struct {
	Name        string
	State       string  // Visible, Hidden or VeryHidden
	Cells       []*Cell // row by row, left to right: cells with content, and unlocked cells
	Merges      []string
	Protected   bool
	Password    bool // the protection has a password
	Orientation string
	Paper       int
	FitToWidth  int
	PrintTitles string
	// UsedRows and UsedColumns are the last row and column that a cell
	// element of the sheet stands in (with content or only a style), far
	// cells left out.
	UsedRows, UsedColumns int
	// Far are the first cells with content beyond Limits.FarRow or
	// FarColumn, which are not among Cells; FarCount counts all of them.
	Far      []Far
	FarCount int

	rows []int32 // index of Cells: the first cell of row r is Cells[rows[r]]
	cols []int32 // the column of each of Cells, which At searches without loading the cells
}

// Far is a cell with content far outside any table.
type Far struct {
	Ref, Value, Formula string
}

// Cell is a read cell.
type Cell struct {
	Ref      string
	Col, Row int
	Formula  string // without "="; empty for a constant
	Value    string // the constant, or the formula's cached value, as stored
	NumFmt   string
	Type     Type
	Locked   bool
}

// Type is a cell's type, from its type attribute.
type Type uint8

// Cell types.
const (
	TypeUnset   Type = iota // no type attribute and no value, or a type SpreadsheetML does not define
	TypeNumber              // a number (a value without a type attribute is one)
	TypeString              // a shared or inline string
	TypeBool                // TRUE or FALSE
	TypeError               // an error value such as #DIV/0!
	TypeFormula             // a formula's text result (str)
	TypeDate                // a date in ISO 8601
)

var typeNames = [...]string{"unset", "number", "string", "bool", "error", "formula", "date"}

// String names the type as Dump writes it: unset, number, string, bool,
// error, formula, date.
func (t Type) String() string {
	if int(t) < len(typeNames) {
		return typeNames[t]
	}
	return "unset"
}

// Read reads the workbook at path within the default limits.
func Read(path string) (*Book, error) { return ReadLimited(path, Limits{}) }

// ReadLimited reads the workbook at path within lim.
func ReadLimited(path string, lim Limits) (*Book, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, msg.Errorf("%s: %v", path, msg.File(err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, msg.Errorf("%s: %v", path, msg.File(err))
	}
	if st.IsDir() {
		return nil, msg.Errorf("%s is a folder, not an .xlsx workbook", path)
	}
	return Decode(path, f, st.Size(), lim)
}

// Decode reads a workbook from r (size bytes); name names it in errors.
func Decode(name string, r io.ReaderAt, size int64, lim Limits) (*Book, error) {
	lim = lim.withDefaults()
	p, err := openPkg(name, r, size, lim)
	if err != nil {
		return nil, msg.Errorf("%s: not a readable .xlsx workbook: %v", name, notZip(r, size))
	}
	b, err := p.book()
	if err != nil {
		return nil, msg.Errorf("%s: not a readable .xlsx workbook: %v", name, err)
	}
	return b, nil
}

// notZip says what a file that is no zip package is, from its first
// bytes: empty, a zip package cut short (a download or copy that stopped),
// an OLE2 compound file (an .xls workbook, or an .xlsx encrypted with a
// password to open), a PDF, text (a CSV file, say), or something
// else.
func notZip(r io.ReaderAt, size int64) *msg.Error {
	head := make([]byte, 8)
	n, _ := r.ReadAt(head, 0)
	head = head[:n]
	switch {
	case size == 0:
		return msg.Errorf("the file is empty (0 bytes): get the workbook again")
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return msg.Errorf("it is damaged or incomplete (a download or copy that stopped before the end?): get the workbook again, or open it in Excel and save it again")
	case bytes.HasPrefix(head, []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")):
		return msg.Errorf("it is an .xls workbook (Excel 97-2003), or an .xlsx with a password to open: open it in Excel or WPS and save it as an .xlsx workbook (Excel 工作簿) without a password to open")
	case bytes.HasPrefix(head, []byte("%PDF")):
		return msg.Errorf("it is a PDF, not a workbook: budgetxl reads .xlsx workbooks; the text of a published PDF can be read into a dataset with budgetxl import (see import.md of the documentation, which budgetxl docs writes)")
	case isText(r, size):
		return msg.Errorf("it is a text file (such as CSV), not a workbook: open it in Excel or WPS and save it as an .xlsx workbook (Excel 工作簿)")
	}
	return msg.Errorf("it is not a zip package (another kind of file renamed .xlsx?): open it in Excel or WPS and save it as an .xlsx workbook (Excel 工作簿)")
}

// isText reports whether the first KiB of a file looks like text: no NUL
// or other control byte but tab and line ends (binary formats have many).
func isText(r io.ReaderAt, size int64) bool {
	b := make([]byte, min(size, 1024))
	n, _ := r.ReadAt(b, 0)
	for _, c := range b[:n] {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return n > 0
}

// book reads the package's parts: relationships, the workbook part,
// styles and shared strings once, then each sheet part once.
func (p *pkg) book() (*Book, error) {
	top, err := p.rels("")
	if err != nil {
		return nil, err
	}
	wbName := relOfType(top, "/officeDocument", "xl/workbook.xml")
	wbXML, err := p.part(wbName)
	if err != nil {
		return nil, err
	}
	if p.parts[wbName] == nil {
		return nil, msg.Errorf("it has no workbook part (%s)", wbName)
	}
	wp, err := readWorkbookPart(wbXML)
	if err != nil {
		return nil, msg.Errorf("part %s: %v", wbName, err)
	}
	b := &Book{Limits: p.lim, Props: map[string]string{}, FullCalcOnLoad: wp.fullCalcOnLoad, StructureLocked: wp.structureLocked}
	if props, err := p.part(relOfType(top, "/custom-properties", "docProps/custom.xml")); err != nil {
		return nil, err
	} else if props != "" {
		if err := readCustomProps(props, b.Props); err != nil {
			return nil, msg.Errorf("part %s: %v", "docProps/custom.xml", err)
		}
	}
	rels, err := p.rels(wbName)
	if err != nil {
		return nil, err
	}
	var styles []style
	if name := relOfType(rels, "/styles", "xl/styles.xml"); name != "" {
		sb, err := p.part(name)
		if err != nil {
			return nil, err
		}
		if styles, err = readStyles(sb); err != nil {
			return nil, msg.Errorf("part %s: %v", name, err)
		}
	}
	var sst []string
	if name := relOfType(rels, "/sharedStrings", "xl/sharedStrings.xml"); name != "" {
		sb, err := p.part(name)
		if err != nil {
			return nil, err
		}
		if sst, err = readSharedStrings(sb); err != nil {
			return nil, msg.Errorf("part %s: %v", name, err)
		}
	}
	b.Macros = p.macros()
	if b.ExternalLinks, err = p.externalLinks(rels); err != nil {
		return nil, err
	}
	target := map[string]string{}
	for _, r := range rels {
		target[r.id] = r.target
	}
	cells := 0
	for i, ref := range wp.sheets {
		part := target[ref.rid]
		var data string
		if part != "" {
			if data, err = p.part(part); err != nil {
				return nil, msg.Errorf("sheet %s: %v", ref.name, err)
			}
		}
		r := &sheetReader{name: ref.name, lim: p.lim, sst: sst, styles: styles, cells: &cells}
		sh, err := r.read(data)
		if err != nil {
			return nil, err
		}
		sh.State = Visible
		if ref.state == Hidden || ref.state == VeryHidden {
			sh.State = ref.state
		}
		sh.PrintTitles = wp.titles[i]
		b.Sheets = append(b.Sheets, sh)
	}
	return b, nil
}

// macros lists the parts that hold code.
func (p *pkg) macros() []string {
	var out []string
	for name := range p.parts {
		lower := strings.ToLower(name)
		if strings.HasSuffix(lower, "vbaproject.bin") || strings.HasPrefix(lower, "xl/macrosheets/") ||
			strings.HasPrefix(lower, "xl/dialogsheets/") || strings.HasPrefix(lower, "xl/activex/") {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// externalLinks lists the targets of the workbook's external link parts.
func (p *pkg) externalLinks(rels []rel) ([]string, error) {
	var out []string
	for _, r := range rels {
		if !strings.HasSuffix(r.typ, "/externalLink") {
			continue
		}
		link := r.target
		if !r.external {
			lr, err := p.rels(r.target)
			if err != nil {
				return nil, err
			}
			for _, l := range lr {
				if l.external {
					link = l.target
					break
				}
			}
		}
		out = append(out, link)
	}
	return out, nil
}

// Sheet returns the sheet named name, or nil.
func (b *Book) Sheet(name string) *Sheet {
	for _, s := range b.Sheets {
		if s.Name == name {
			return s
		}
	}
	return nil
}

// Cell returns the cell at ref, or nil.
func (s *Sheet) Cell(ref string) *Cell {
	col, row, ok := parseRef(ref)
	if !ok {
		return nil
	}
	return s.At(col, row)
}

// At returns the cell at (col, row), 1-based, or nil.
func (s *Sheet) At(col, row int) *Cell {
	if s.rows == nil {
		s.index()
	}
	if row < 1 || row >= len(s.rows)-1 {
		return nil
	}
	first := int(s.rows[row])
	cols := s.cols[first:s.rows[row+1]]
	if len(cols) == 0 {
		return nil
	}
	// A row's cells mostly stand side by side from their first column:
	// look where col would stand so, before searching.
	if i := col - int(cols[0]); i >= 0 && i < len(cols) && int(cols[i]) == col {
		return s.Cells[first+i]
	}
	if int(int32(col)) != col {
		return nil
	}
	if i, ok := slices.BinarySearch(cols, int32(col)); ok {
		return s.Cells[first+i]
	}
	return nil
}

// Row returns the cells of a row, 1-based, left to right (none for a row without cells).
func (s *Sheet) Row(row int) []*Cell {
	first, end := s.RowSpan(row)
	return s.Cells[first:end]
}

// RowSpan returns where a row's cells stand in Cells: Cells[first:end]
// (first == end for a row without cells).
func (s *Sheet) RowSpan(row int) (first, end int) {
	if s.rows == nil {
		s.index()
	}
	if row < 1 || row >= len(s.rows)-1 {
		return 0, 0
	}
	return int(s.rows[row]), int(s.rows[row+1])
}

// index makes the row and column index of Cells, which are in row order
// and, within a row, in column order.
func (s *Sheet) index() {
	last := s.LastRow()
	s.cols = make([]int32, len(s.Cells))
	s.rows = make([]int32, last+2)
	r := 0 // the rows before r are indexed: each by the first cell in or below it
	for i, c := range s.Cells {
		s.cols[i] = int32(c.Col)
		for ; r <= min(c.Row, last+1); r++ {
			s.rows[r] = int32(i)
		}
	}
	for ; r <= last+1; r++ {
		s.rows[r] = int32(len(s.Cells))
	}
}

// Text returns the text of the cell at (col, row), trimmed; "" when empty.
func (s *Sheet) Text(col, row int) string {
	if c := s.At(col, row); c != nil {
		return trimSpace(c.Value)
	}
	return ""
}

// LastRow is the number of the last row with a cell.
func (s *Sheet) LastRow() int {
	if len(s.Cells) == 0 {
		return 0
	}
	return s.Cells[len(s.Cells)-1].Row
}

// Dump writes the workbook as stable text: workbook facts, then each sheet's
// facts and cells, one per line. Volatile parts (zip metadata, style ids)
// are left out, so a dump changes only when the content does.
func (b *Book) Dump(w io.Writer) {
	keys := make([]string, 0, len(b.Props))
	for k := range b.Props {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Fprintf(w, "workbook: fullCalcOnLoad=%v structureLocked=%v\n", b.FullCalcOnLoad, b.StructureLocked)
	for _, k := range keys {
		fmt.Fprintf(w, "property %s = %q\n", k, b.Props[k])
	}
	for _, s := range b.Sheets {
		fmt.Fprintf(w, "\n== %s: protected=%v password=%v paper=%d orientation=%s fitToWidth=%d printTitles=%s\n",
			s.Name, s.Protected, s.Password, s.Paper, s.Orientation, s.FitToWidth, s.PrintTitles)
		fmt.Fprintf(w, "merges: %s\n", strings.Join(s.Merges, " "))
		for _, c := range s.Cells {
			lock := "locked"
			if !c.Locked {
				lock = "UNLOCKED"
			}
			if c.Formula != "" {
				fmt.Fprintf(w, "%s =%s → %s [%s] %s\n", c.Ref, c.Formula, c.Value, c.NumFmt, lock)
			} else {
				fmt.Fprintf(w, "%s %s %q [%s] %s\n", c.Ref, c.Type, c.Value, c.NumFmt, lock)
			}
		}
	}
}

// trimSpace is strings.TrimSpace, quick for the texts of a workbook,
// which mostly begin and end with a character that is no space:
// strings.TrimSpace decodes the runes at both ends of any text that does
// not begin with ASCII, as a Chinese label does.
func trimSpace(s string) string {
	if s == "" {
		return s
	}
	last := len(s) - 1 // the first byte of the last rune
	for last > 0 && last > len(s)-utf8.UTFMax && s[last]&0xC0 == 0x80 {
		last--
	}
	if !maySpace(s) && !maySpace(s[last:]) {
		return s
	}
	return strings.TrimSpace(s)
}

// maySpace reports whether s begins with a rune unicode.IsSpace takes,
// looking at the rune only when its first byte can begin one: ASCII
// white space, or C2 (U+0085, U+00A0), E1 (U+1680), E2 (U+2000 to
// U+205F) and E3 (U+3000; 、 and 。 begin with it too).
func maySpace(s string) bool {
	switch c := s[0]; {
	case c == ' ' || '\t' <= c && c <= '\r':
		return true
	case c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xE3:
		r, _ := utf8.DecodeRuneInString(s)
		return unicode.IsSpace(r)
	}
	return false
}
