// Package workbook reads an .xlsx file into a plain model of what a
// reviewer checks: each cell's constant or formula with its cached value,
// number format and lock; merges, protection, page setup and document
// properties. Dump renders that model as stable text for golden tests.
//
// It reads any workbook (ours, re-saved by LibreOffice, or typed by hand)
// and judges nothing; verify does that.
package workbook

import (
	"archive/zip"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"budgetxl/msg"
)

// Book is a read workbook.
type Book struct {
	Sheets          []*Sheet
	Props           map[string]string // custom document properties
	FullCalcOnLoad  bool
	StructureLocked bool
}

// Sheet is a read worksheet.
type Sheet struct {
	Name        string
	Cells       []*Cell // row by row, left to right: cells with content, and unlocked cells
	Merges      []string
	Protected   bool
	Password    bool // the protection has a password
	Orientation string
	Paper       int
	FitToWidth  int
	PrintTitles string

	at map[[2]int]*Cell
}

// Cell is a read cell.
type Cell struct {
	Ref      string
	Col, Row int
	Formula  string // without "="; empty for a constant
	Value    string // the constant, or the formula's cached value, as stored
	Type     string // excelize's cell type: number, string, bool, error, formula, unset
	NumFmt   string
	Locked   bool
}

// Read reads the workbook at path.
func Read(path string) (*Book, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, msg.Errorf("%s: not a readable .xlsx workbook: %v", path, err)
	}
	defer f.Close()
	b := &Book{Props: map[string]string{}}
	props, err := f.GetCustomProps()
	if err == nil {
		for _, p := range props {
			b.Props[p.Name] = fmt.Sprint(p.Value)
		}
	}
	if calc, err := f.GetCalcProps(); err == nil && calc.FullCalcOnLoad != nil {
		b.FullCalcOnLoad = *calc.FullCalcOnLoad
	}
	raw, err := rawParts(path)
	if err != nil {
		return nil, msg.Errorf("%s: not a readable .xlsx workbook: %v", path, err)
	}
	b.StructureLocked = regexp.MustCompile(`<workbookProtection[^>]*lockStructure="(1|true)"`).MatchString(raw["xl/workbook.xml"])
	titles := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" {
			titles[dn.Scope] = dn.RefersTo
		}
	}
	for i, name := range f.GetSheetList() {
		sh, err := readSheet(f, name, raw[sheetPart(raw, i)])
		if err != nil {
			return nil, msg.Errorf("%s: sheet %s: %v", path, name, err)
		}
		sh.PrintTitles = titles[name]
		part := raw[sheetPart(raw, i)]
		sh.Protected = regexp.MustCompile(`<sheetProtection[^>]*sheet="(1|true)"`).MatchString(part)
		sh.Password = regexp.MustCompile(`<sheetProtection[^>]*(password|hashValue)="`).MatchString(part)
		b.Sheets = append(b.Sheets, sh)
	}
	return b, nil
}

// rawParts reads the workbook and worksheet XML parts, for the few facts
// excelize does not report (whether protection is on).
func rawParts(path string) (map[string]string, error) {
	z, err := zip.OpenReader(path)
	if err != nil {
		return nil, err
	}
	defer z.Close()
	out := map[string]string{}
	for _, f := range z.File {
		if f.Name != "xl/workbook.xml" && f.Name != "xl/_rels/workbook.xml.rels" && !strings.HasPrefix(f.Name, "xl/worksheets/sheet") {
			continue
		}
		r, err := f.Open()
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			return nil, err
		}
		out[f.Name] = string(b)
	}
	return out, nil
}

// sheetPart finds the XML part of the i-th sheet through the workbook's relationships.
func sheetPart(raw map[string]string, i int) string {
	sheets := regexp.MustCompile(`<sheet [^>]*?r:id="([^"]+)"`).FindAllStringSubmatch(raw["xl/workbook.xml"], -1)
	if i >= len(sheets) {
		return ""
	}
	rel := regexp.MustCompile(`<Relationship [^>]*?Id="` + regexp.QuoteMeta(sheets[i][1]) + `"[^>]*?Target="([^"]+)"|<Relationship [^>]*?Target="([^"]+)"[^>]*?Id="` + regexp.QuoteMeta(sheets[i][1]) + `"`).
		FindStringSubmatch(raw["xl/_rels/workbook.xml.rels"])
	if rel == nil {
		return ""
	}
	target := rel[1] + rel[2]
	target = strings.TrimPrefix(target, "/")
	if !strings.HasPrefix(target, "xl/") {
		target = "xl/" + target
	}
	return target
}

var cellRef = regexp.MustCompile(`<c r="([A-Z]+[0-9]+)"`)

// readSheet reads one sheet; part is its XML, whose cell elements give the
// extent of the sheet including styled cells without a value.
func readSheet(f *excelize.File, name, part string) (*Sheet, error) {
	sh := &Sheet{Name: name}
	if pl, err := f.GetPageLayout(name); err == nil {
		if pl.Orientation != nil {
			sh.Orientation = *pl.Orientation
		}
		if pl.Size != nil {
			sh.Paper = *pl.Size
		}
		if pl.FitToWidth != nil {
			sh.FitToWidth = *pl.FitToWidth
		}
	}
	merges, err := f.GetMergeCells(name, true)
	if err != nil {
		return nil, err
	}
	for _, m := range merges {
		sh.Merges = append(sh.Merges, m.GetStartAxis()+":"+m.GetEndAxis())
	}
	sort.Strings(sh.Merges)
	rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, err
	}
	width := 0
	for _, r := range rows {
		width = max(width, len(r))
	}
	for _, m := range cellRef.FindAllStringSubmatch(part, -1) {
		if c, r, err := excelize.CellNameToCoordinates(m[1]); err == nil {
			width = max(width, c)
			for len(rows) < r {
				rows = append(rows, nil)
			}
		}
	}
	styles := map[int]*excelize.Style{}
	for r := 1; r <= len(rows); r++ {
		for c := 1; c <= width; c++ {
			ref, _ := excelize.CoordinatesToCellName(c, r)
			cell := &Cell{Ref: ref, Col: c, Row: r, Locked: true}
			if c <= len(rows[r-1]) {
				cell.Value = rows[r-1][c-1]
			}
			if cell.Formula, err = f.GetCellFormula(name, ref); err != nil {
				return nil, err
			}
			if cell.Value == "" && cell.Formula != "" {
				cell.Value, _ = f.GetCellValue(name, ref, excelize.Options{RawCellValue: true})
			}
			id, err := f.GetCellStyle(name, ref)
			if err != nil {
				return nil, err
			}
			st, ok := styles[id]
			if !ok {
				if st, err = f.GetStyle(id); err != nil {
					return nil, err
				}
				styles[id] = st
			}
			if st.Protection != nil {
				cell.Locked = st.Protection.Locked
			}
			cell.NumFmt = numFmt(st)
			if cell.Value == "" && cell.Formula == "" && cell.Locked {
				continue
			}
			if t, err := f.GetCellType(name, ref); err == nil {
				cell.Type = typeName(t)
			}
			if cell.Type == "unset" && cell.Value != "" {
				cell.Type = "number" // a number is stored without a type attribute
			}
			sh.Cells = append(sh.Cells, cell)
		}
	}
	return sh, nil
}

func numFmt(st *excelize.Style) string {
	switch {
	case st.CustomNumFmt != nil:
		return *st.CustomNumFmt
	case st.NumFmt == 0:
		return "General"
	case st.NumFmt == 49:
		return "@"
	}
	return fmt.Sprintf("builtin %d", st.NumFmt)
}

func typeName(t excelize.CellType) string {
	switch t {
	case excelize.CellTypeBool:
		return "bool"
	case excelize.CellTypeDate:
		return "date"
	case excelize.CellTypeError:
		return "error"
	case excelize.CellTypeFormula:
		return "formula"
	case excelize.CellTypeInlineString, excelize.CellTypeSharedString:
		return "string"
	case excelize.CellTypeNumber:
		return "number"
	}
	return "unset"
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
	col, row, err := excelize.CellNameToCoordinates(ref)
	if err != nil {
		return nil
	}
	return s.At(col, row)
}

// At returns the cell at (col, row), 1-based, or nil.
func (s *Sheet) At(col, row int) *Cell {
	if s.at == nil {
		s.at = make(map[[2]int]*Cell, len(s.Cells))
		for _, c := range s.Cells {
			s.at[[2]int{c.Col, c.Row}] = c
		}
	}
	return s.at[[2]int{col, row}]
}

// Text returns the text of the cell at (col, row), trimmed; "" when empty.
func (s *Sheet) Text(col, row int) string {
	if c := s.At(col, row); c != nil {
		return strings.TrimSpace(c.Value)
	}
	return ""
}

// LastRow is the number of the last row with a cell.
func (s *Sheet) LastRow() int {
	last := 0
	for _, c := range s.Cells {
		last = max(last, c.Row)
	}
	return last
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
