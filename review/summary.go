package review

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"budgetxl/annotate"
	"budgetxl/fill"
	"budgetxl/msg"
	"budgetxl/output"
	"budgetxl/pack"
	"budgetxl/plan"
	"budgetxl/verify"
)

// maxLinked is how many files of the list get their two links (Excel
// allows 65,530 links in a sheet, and excelize adds each in time that
// grows with the links before it).
const maxLinked = 20_000

// maxRows is the most rows a sheet holds (Excel's limit; tests lower it).
var maxRows = 1_048_576

// mainRules is how many rule ids the summary names per file.
const mainRules = 3

// WriteSummary writes the summary of run to path: a workbook when its name
// ends in .xlsx (WriteXLSX), a CSV file when in .csv (WriteCSV), messages
// in language l. It writes through a temporary file renamed into place
// (package output); the caller checks that path is no input.
func WriteSummary(run *Run, path string, l msg.Lang) error {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx":
		return WriteXLSX(run, path, l)
	case ".csv":
		return WriteCSV(run, path, l)
	}
	return msg.Errorf("%s: the summary is a workbook or a CSV file: give a name that ends in .xlsx or .csv", path)
}

// fileHeader is the header of the summary's list of files.
func fileHeader(l msg.Lang) []string {
	return []string{msg.T(l, "file"), msg.T(l, "unit"), msg.T(l, "unit code"), msg.T(l, "department"), msg.T(l, "template pack"),
		msg.T(l, "errors"), msg.T(l, "warnings"), msg.T(l, "notes"), msg.T(l, "main rules"), msg.T(l, "status"),
		msg.T(l, "annotated copy"), msg.T(l, "reason")}
}

// paths are the columns of the list of files that hold paths: links,
// not wrapped (LibreOffice does not break a word), so left out of the
// rows' heights.
var paths = map[int]bool{0: true, 10: true}

// fileWidths are the widths of the list of files' columns, one landscape A4 page wide.
var fileWidths = []float64{24, 18, 8, 16, 12, 5, 5, 5, 24, 8, 22, 26}

// findingHeader is the header of the summary's list of findings.
func findingHeader(l msg.Lang) []string {
	return []string{msg.T(l, "file"), msg.T(l, "unit"), msg.T(l, "where"), msg.T(l, "severity"), msg.T(l, "rule"),
		msg.T(l, "message"), msg.T(l, "expected"), msg.T(l, "found")}
}

var findingWidths = []float64{22, 18, 16, 6, 20, 64, 12, 12}

// fileRow is a file's row of the list of files, as text; link is the
// annotated copy's path relative to the summary's folder.
func fileRow(f *File, link string, l msg.Lang) []string {
	packText := ""
	switch {
	case f.Made.Pack != "":
		packText = strings.TrimSpace(f.Made.Pack + " " + f.Made.Version)
	case f.Pack != "":
		packText = f.Pack + " " + f.Version
	}
	reason := ""
	if f.Err != nil {
		reason = msg.Render(l, f.Err)
	} else if f.AnnotateErr != nil {
		reason = msg.Render(l, f.AnnotateErr)
	}
	counts := []string{"", "", ""}
	if f.Err == nil {
		counts = []string{fmt.Sprint(f.Count(verify.Error)), fmt.Sprint(f.Count(verify.Warning)), fmt.Sprint(f.Count(verify.Note))}
	}
	return []string{f.Path, f.Unit.Name, f.Unit.Code, f.Unit.Department, packText, counts[0], counts[1], counts[2],
		strings.Join(f.Rules(mainRules), msg.T(l, ", ")), StatusText(f.Status(), l), link, reason}
}

// findingRow is a finding's row of the list of findings.
func findingRow(f *File, fd verify.Finding, l msg.Lang) []string {
	where := fd.Sheet
	if fd.Cell != "" {
		where += "!" + fd.Cell
	}
	if fd.Text != "" {
		where = filepath.Base(fd.Text)
		if fd.Paragraph > 0 {
			where += fmt.Sprintf(" ¶%d", fd.Paragraph)
		}
	}
	return []string{f.Path, f.Unit.Name, where, verify.SeverityText(l, fd.Severity), fd.Rule, fd.Message(l), fd.Expected, fd.Found}
}

// StatusText is a file's status in language l.
func StatusText(status string, l msg.Lang) string {
	switch status {
	case Unreadable:
		return msg.T(l, "cannot be read")
	case Errors:
		return msg.T(l, "with errors")
	case Warnings:
		return msg.T(l, "with warnings")
	case Notes:
		return msg.T(l, "notes only")
	}
	return msg.T(l, "clean")
}

// linkTo is target's path relative to the folder dir (the summary's),
// with forward slashes (Excel and LibreOffice follow them on every
// system); "" for no target.
func linkTo(dir, target string) string {
	if target == "" {
		return ""
	}
	from, err1 := filepath.Abs(dir)
	to, err2 := filepath.Abs(target)
	if err1 != nil || err2 != nil {
		return filepath.ToSlash(target)
	}
	rel, err := filepath.Rel(from, to)
	if err != nil {
		return filepath.ToSlash(to)
	}
	return filepath.ToSlash(rel)
}

// WriteCSV writes the list of files of run (one row per file, as the
// summary workbook's first sheet) to path, as EncodeCSV does, through a
// temporary file renamed into place.
func WriteCSV(run *Run, path string, l msg.Lang) error {
	return output.File(path, func(w *os.File) error {
		if err := EncodeCSV(w, run, filepath.Dir(path), l); err != nil {
			return msg.Errorf("%s: %v", path, msg.File(err))
		}
		return nil
	}, nil)
}

// EncodeCSV writes the list of files of run as CSV in UTF-8 with a
// byte-order mark, which Chinese Excel needs to read it, links relative to
// the folder dir. A text that a spreadsheet would take for a formula (= +
// - @ first) gets a leading apostrophe.
func EncodeCSV(w io.Writer, run *Run, dir string, l msg.Lang) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true // as Excel writes it
	cw.Write(fileHeader(l))
	for _, f := range run.Files {
		row := fileRow(f, linkTo(dir, f.Annotated), l)
		for i, s := range row {
			row[i] = safeCSV(s)
		}
		cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}

// safeCSV keeps a spreadsheet from running a text as a formula.
func safeCSV(s string) string {
	if s != "" && strings.ContainsRune("=+-@", rune(s[0])) {
		return "'" + s
	}
	return s
}

// colors of the status cell by status: fill and font.
var statusColors = map[string][2]string{
	Unreadable: {"C00000", "FFFFFF"},
	Errors:     {"FFC7CE", "9C0006"},
	Warnings:   {"FFEB9C", "9C5700"},
	Notes:      {"DDEBF7", "1F4E78"},
	Clean:      {"C6EFCE", "006100"},
}

// Statuses lists the statuses, worst first.
var Statuses = []string{Unreadable, Errors, Warnings, Notes, Clean}

// summaryStyles are the cell styles of the summary workbook.
type summaryStyles struct {
	head, body, number, link, path int
	status                         map[string]int
}

func newSummaryStyles(f *excelize.File) (*summaryStyles, error) {
	border := []excelize.Border{{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1}}
	font := func(bold bool, color string) *excelize.Font {
		return &excelize.Font{Family: plan.FontBody, Size: plan.SizeBody, Bold: bold, Color: color}
	}
	wrap := &excelize.Alignment{Vertical: "top", WrapText: true}
	st := &summaryStyles{status: map[string]int{}}
	var err error
	styles := []struct {
		to *int
		s  *excelize.Style
	}{
		{&st.head, &excelize.Style{Font: &excelize.Font{Family: plan.FontTitle, Size: plan.SizeBody, Bold: true}, Border: border,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&st.body, &excelize.Style{Font: font(false, ""), Border: border, Alignment: wrap}},
		{&st.number, &excelize.Style{Font: font(false, ""), Border: border, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "right"}}},
		{&st.link, &excelize.Style{Font: &excelize.Font{Family: plan.FontBody, Size: plan.SizeBody, Color: "0563C1", Underline: "single"}, Border: border, Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&st.path, &excelize.Style{Font: font(false, ""), Border: border, Alignment: &excelize.Alignment{Vertical: "top"}}},
	}
	for _, s := range styles {
		if *s.to, err = f.NewStyle(s.s); err != nil {
			return nil, err
		}
	}
	for _, status := range Statuses {
		c := statusColors[status]
		id, err := f.NewStyle(&excelize.Style{Font: font(true, c[1]), Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c[0]}}})
		if err != nil {
			return nil, err
		}
		st.status[status] = id
	}
	return st, nil
}

// WriteXLSX writes the summary workbook of run to path, messages in
// language l. Its first sheet lists the files, one row each: file, unit,
// code, department, pack and version, the counts of errors, warnings and
// notes, the main rule ids, the status in a cell colored by severity, a
// link to the annotated copy and, for a file that cannot be read, the
// reason. The second lists every finding (file, unit, sheet!cell,
// severity, rule, message, expected, found). Both have an autofilter and
// a frozen header, and print on A4 landscape, one page wide, the header
// repeated on every page. The sheets are streamed: memory grows with the
// findings' text, not with a spreadsheet's model of them.
func WriteXLSX(run *Run, path string, l msg.Lang) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := buildXLSX(f, run, filepath.Dir(path), l); err != nil {
		return msg.Errorf("%s: cannot write the summary: %v", path, err)
	}
	return fill.Save(f, path, nil)
}

// EncodeXLSX writes the summary workbook of run (as WriteXLSX does) to w,
// links relative to the folder dir: for a summary that is not a file
// here, such as a web page's download.
func EncodeXLSX(w io.Writer, run *Run, dir string, l msg.Lang) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := buildXLSX(f, run, dir, l); err != nil {
		return err
	}
	return f.Write(w)
}

func buildXLSX(f *excelize.File, run *Run, dir string, l msg.Lang) error {
	if err := f.SetDefaultFont(plan.FontDefault); err != nil { // the unit of column widths
		return err
	}
	st, err := newSummaryStyles(f)
	if err != nil {
		return err
	}
	files, findings := msg.T(l, "Files"), msg.T(l, "All findings")
	if err := f.SetSheetName("Sheet1", files); err != nil {
		return err
	}
	if _, err := f.NewSheet(findings); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	if err := f.SetCustomProps(excelize.CustomProperty{Name: annotate.PropOutput, Value: "summary"}); err != nil {
		return err
	}
	n := 0
	for _, file := range run.Files {
		n += len(file.Findings)
	}
	// Sheet 1: the files.
	sw, err := startSheet(f, files, fileHeader(l), fileWidths, len(run.Files), st)
	if err != nil {
		return err
	}
	for i, file := range run.Files {
		r := i + 2
		link := linkTo(dir, file.Annotated)
		texts := fileRow(file, link, l)
		row := make([]any, len(texts))
		for c, s := range texts {
			style := st.body
			switch {
			case c >= 5 && c <= 7:
				style = st.number
			case c == 9:
				style = st.status[file.Status()]
			case c == 0 || (c == 10 && link != ""):
				style = st.link
			case paths[c]:
				style = st.path
			}
			var v any = cut(s)
			if c >= 5 && c <= 7 && s != "" {
				var k int
				fmt.Sscan(s, &k)
				v = k
			}
			row[c] = excelize.Cell{StyleID: style, Value: v}
		}
		measured := append([]string{}, texts...)
		for c := range paths {
			measured[c] = ""
		}
		if err := sw.SetRow(pack.CellName(1, r), row, excelize.RowOpts{Height: rowHeight(measured, fileWidths)}); err != nil {
			return err
		}
		if i >= maxLinked { // a sheet holds at most 65,530 links; the paths are still there as text
			continue
		}
		if err := f.SetCellHyperLink(files, pack.CellName(1, r), linkTo(dir, file.Path), "External"); err != nil {
			return err
		}
		if link != "" {
			if err := f.SetCellHyperLink(files, pack.CellName(11, r), link, "External"); err != nil {
				return err
			}
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	// Sheet 2: every finding.
	sw, err = startSheet(f, findings, findingHeader(l), findingWidths, n, st)
	if err != nil {
		return err
	}
	r, left := 1, n
	for _, file := range run.Files {
		for _, fd := range file.Findings {
			if r == maxRows-1 && left > 1 { // the sheet's last row counts the rest
				row := []any{excelize.Cell{StyleID: st.body, Value: msg.T(l, "%d more findings: a sheet holds at most %d rows", left, maxRows)}}
				return errors.Join(sw.SetRow(pack.CellName(1, maxRows), row), sw.Flush())
			}
			r++
			left--
			texts := findingRow(file, fd, l)
			row := make([]any, len(texts))
			for c, s := range texts {
				style := st.body
				if c == 3 {
					style = st.status[map[string]string{verify.Error: Errors, verify.Warning: Warnings, verify.Note: Notes}[fd.Severity]]
				}
				row[c] = excelize.Cell{StyleID: style, Value: cut(s)}
			}
			if err := sw.SetRow(pack.CellName(1, r), row, excelize.RowOpts{Height: rowHeight(texts, findingWidths)}); err != nil {
				return err
			}
		}
	}
	return sw.Flush()
}

// startSheet sets up a sheet of the summary (print, autofilter over rows
// data rows, frozen header) and streams its header row.
func startSheet(f *excelize.File, name string, header []string, widths []float64, rows int, st *summaryStyles) (*excelize.StreamWriter, error) {
	// The autofilter first: it replaces the sheet's properties, which
	// hold the fit to the page's width.
	last := pack.CellName(len(header), min(max(rows, 1)+1, maxRows))
	if err := f.AutoFilter(name, "A1:"+last, nil); err != nil {
		return nil, err
	}
	if err := fill.PageSetup(f, &plan.Sheet{Name: name, Landscape: true}); err != nil {
		return nil, err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: plan.QuoteSheet(name) + "!$1:$1", Scope: name}); err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return nil, err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return nil, err
	}
	row := make([]any, len(header))
	for c, h := range header {
		row[c] = excelize.Cell{StyleID: st.head, Value: h}
	}
	return sw, sw.SetRow("A1", row, excelize.RowOpts{Height: rowHeight(header, widths)})
}

// rowHeight is the height of a row that shows every text of the row
// wrapped in its column, at most a spreadsheet's tallest row.
func rowHeight(texts []string, widths []float64) float64 {
	lines := 1
	for c, s := range texts {
		if c < len(widths) && s != "" {
			lines = max(lines, len(plan.Wrap(s, math.Max(plan.ColumnPoints(widths[c])-4, 1), plan.SizeBody)))
		}
	}
	return math.Min(plan.RowHeight(lines, plan.SizeBody), plan.MaxHeight)
}

// cut keeps a text within what a cell may hold.
func cut(s string) string {
	const most = 32767 // Excel's most characters in a cell
	if len(s) <= most {
		return s
	}
	rs := []rune(s)
	if len(rs) <= most {
		return s
	}
	return string(rs[:most-1]) + "…"
}
