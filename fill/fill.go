// Package fill writes a planned workbook to an .xlsx file with excelize:
// styles, merges, print setup, protection, document properties, and every
// formula with its cached value so that previewers which never recalculate
// still show the right totals.
//
// It decides nothing about content (that is the plan's job) and never does
// arithmetic on amounts: decimals become float64 only as the last step,
// checked to round-trip to the same digits.
package fill

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"budgetxl/msg"
	"budgetxl/output"
	"budgetxl/pack"
	"budgetxl/plan"
)

// Options control how a workbook is written.
type Options struct {
	// Password protects every sheet and the workbook structure; empty
	// protects them without a password.
	Password string
	// Form writes a form for clerks to fill: the cells they type into are
	// unlocked, shaded and validated, with an input message in Chinese.
	Form bool
	// Check, when not nil, inspects the written workbook (its temporary
	// file) before it takes the path's place; its error stops the writing.
	Check func(tmp string) error
	// Time is when the workbook says it was created and modified; the zero
	// time is Now().
	Time time.Time
}

// NumFmt is the number format of amounts: two decimals, thousands
// separators, blank for zero, as in the published tables.
const NumFmt = `#,##0.00;-#,##0.00;;@`

// MaxPageBreaks is the most manual page breaks Excel opens in one sheet
// (see plan.MaxBreaks: the plan gives no more).
const MaxPageBreaks = plan.MaxBreaks

// Write writes book to path. It writes a temporary file beside path and
// renames it (see Save), so a failure leaves no half-written workbook behind.
func Write(book *plan.Book, path string, opt Options) error {
	if opt.Time.IsZero() {
		t, err := Now()
		if err != nil {
			return err
		}
		opt.Time = t
	}
	f, err := build(book, opt)
	if err != nil {
		return msg.Errorf("%s: cannot write the workbook: %v", path, err)
	}
	return Save(f, path, opt.Check)
}

// build makes the workbook of book in memory.
func build(book *plan.Book, opt Options) (_ *excelize.File, err error) {
	f := excelize.NewFile()
	defer func() {
		if err != nil {
			f.Close()
		}
	}()
	f.SetZipWriter(newSortedZip)
	if err := f.SetDefaultFont(plan.FontDefault); err != nil { // the unit of column widths (see plan.TextWidth)
		return nil, err
	}
	st, err := newStyles(f)
	if err != nil {
		return nil, err
	}
	// Every sheet is created, and the hidden one hidden and the first one
	// made active, before any is streamed: both calls read every sheet
	// into excelize's model, which after streaming would decode each
	// streamed sheet back and encode it again on save.
	for i, sh := range book.Sheets {
		if i == 0 {
			err = f.SetSheetName("Sheet1", sh.Name)
		} else {
			_, err = f.NewSheet(sh.Name)
		}
		if err != nil {
			return nil, fmt.Errorf("sheet %q: %w", sh.Name, err)
		}
	}
	published := publishedRows(book)
	if len(published) > 0 {
		if _, err := f.NewSheet(plan.PublishedSheet); err != nil {
			return nil, err
		}
		if err := f.SetSheetVisible(plan.PublishedSheet, false); err != nil {
			return nil, err
		}
	}
	f.SetActiveSheet(0)
	for _, sh := range book.Sheets {
		if err := writeSheet(f, sh, st, opt); err != nil {
			return nil, fmt.Errorf("sheet %q: %w", sh.Name, err)
		}
	}
	if err := writePublished(f, published, opt); err != nil {
		return nil, err
	}
	for _, p := range book.Props {
		if err := f.SetCustomProps(excelize.CustomProperty{Name: p.Name, Value: p.Value}); err != nil {
			return nil, err
		}
	}
	if err := setDocProps(f, book, opt.Time); err != nil {
		return nil, err
	}
	yes := true
	if err := f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &yes}); err != nil {
		return nil, err
	}
	if err := f.ProtectWorkbook(&excelize.WorkbookProtectionOptions{Password: opt.Password, LockStructure: true}); err != nil {
		return nil, err
	}
	return f, nil
}

// Save writes f to path through a synced temporary file in path's folder
// (see output.File), so a failure leaves no half-written workbook behind.
// check, when not nil, inspects the temporary file before it takes
// path's place. Save closes f once it is written, before check runs, so
// that check (which reads the workbook back) has the memory f held.
func Save(f *excelize.File, path string, check func(tmp string) error) error {
	defer func() {
		if f != nil {
			f.Close()
		}
	}()
	return output.File(path, func(w *os.File) error {
		err := f.Write(w)
		f.Close()
		f = nil // the caller holds it no more: check need not keep it
		if err != nil {
			return msg.Errorf("%s: cannot write the workbook: %v", path, err)
		}
		return nil
	}, check)
}

func writeSheet(f *excelize.File, sh *plan.Sheet, st *styles, opt Options) error {
	if err := PageSetup(f, sh); err != nil {
		return err
	}
	if sh.HeaderLast >= sh.HeaderFirst { // forms have no header to repeat
		if err := f.SetDefinedName(&excelize.DefinedName{
			Name:     "_xlnm.Print_Titles",
			RefersTo: fmt.Sprintf("%s!$%d:$%d", plan.QuoteSheet(sh.Name), sh.HeaderFirst, sh.HeaderLast),
			Scope:    sh.Name,
		}); err != nil {
			return err
		}
	}
	if err := f.ProtectSheet(sh.Name, &excelize.SheetProtectionOptions{
		Password: opt.Password, SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true,
	}); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sh.Name)
	if err != nil {
		return err
	}
	for i, w := range sh.Widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	for r, row := range sh.Rows {
		values := make([]any, len(row))
		for c, cell := range row {
			if cell == nil {
				continue
			}
			v, err := cellValue(cell, st)
			if err != nil {
				return fmt.Errorf("%s: %w", cell.Address(), err)
			}
			if opt.Form && cell.Entry != nil {
				if v.StyleID, err = st.entry(f, cell.Style); err != nil {
					return err
				}
			}
			values[c] = v
		}
		var opts []excelize.RowOpts
		if h, ok := sh.Heights[r+1]; ok {
			opts = append(opts, excelize.RowOpts{Height: h})
		}
		if err := sw.SetRow(pack.CellName(1, r+1), values, opts...); err != nil {
			return err
		}
	}
	for i, r := range sh.Breaks {
		if i == MaxPageBreaks {
			break // Excel refuses a sheet with more; the rest of the sheet breaks where the pages end
		}
		if err := sw.InsertPageBreak(pack.CellName(1, r)); err != nil {
			return err
		}
	}
	for _, m := range sh.Merges {
		if err := sw.MergeCell(pack.CellName(m.Col1, m.Row1), pack.CellName(m.Col2, m.Row2)); err != nil {
			return err
		}
	}
	if opt.Form {
		if err := validate(f, sh); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// PageSetup writes how the sheet prints, as the plan decided: A4, one page
// wide, fitted to one page or broken into pages, each table numbering its
// own pages from 1 (firstPageNumber, honoured by Excel and LibreOffice);
// the number of pages is written out, since a footer's &N counts every
// page printed at once.
func PageSetup(f *excelize.File, sh *plan.Sheet) error {
	yes, one, tall, a4 := true, 1, 0, 9
	if sh.FitPage {
		tall = 1
	}
	orientation := "portrait"
	if sh.Landscape {
		orientation = "landscape"
	}
	if err := f.SetSheetProps(sh.Name, &excelize.SheetPropsOptions{FitToPage: &yes}); err != nil {
		return err
	}
	layout := &excelize.PageLayoutOptions{Size: &a4, Orientation: &orientation, FitToWidth: &one, FitToHeight: &tall}
	footer := ""
	if sh.PageNumbers != "" {
		first := uint(1)
		layout.FirstPageNumber = &first
		footer = "&C" + strings.NewReplacer("&", "&&", "{page}", "&P", "{pages}", strconv.Itoa(sh.Pages)).Replace(sh.PageNumbers)
	}
	if err := f.SetPageLayout(sh.Name, layout); err != nil {
		return err
	}
	margin, footerMargin := plan.MarginInch, plan.FooterInch
	if err := f.SetPageMargins(sh.Name, &excelize.PageLayoutMarginsOptions{Left: &margin, Right: &margin, Top: &margin, Bottom: &margin,
		Header: &footerMargin, Footer: &footerMargin, Horizontally: &yes}); err != nil {
		return err
	}
	return f.SetHeaderFooter(sh.Name, &excelize.HeaderFooterOptions{OddFooter: footer})
}

// cellValue turns a planned cell into what the stream writer takes.
func cellValue(c *plan.Cell, st *styles) (excelize.Cell, error) {
	out := excelize.Cell{StyleID: st.id[c.Style]}
	switch c.Kind {
	case plan.Text:
		if c.Text != "" {
			out.Value = c.Text
		}
	case plan.Input:
		if !c.Blank {
			v, err := number(c)
			if err != nil {
				return out, err
			}
			out.Value = v
		}
	case plan.Formula:
		v, err := number(c)
		if err != nil {
			return out, err
		}
		out.Formula, out.Value = c.Formula.Text(), v
	}
	return out, nil
}

// number converts a cell's decimal value for writing, and refuses a value
// whose written digits would differ from the decimal's (more than the 15
// significant digits a workbook keeps).
func number(c *plan.Cell) (float64, error) {
	f := c.Value.InexactFloat64()
	if s := strconv.FormatFloat(f, 'f', -1, 64); s != c.Value.String() {
		return 0, fmt.Errorf("%s cannot be stored exactly in a workbook (it keeps 15 significant digits)", c.Value)
	}
	return f, nil
}

// publishedRows lists the dataset's published figures: sheet, cell, figure.
func publishedRows(book *plan.Book) [][]any {
	var rows [][]any
	for _, sh := range book.Sheets {
		for _, row := range sh.Rows {
			for _, c := range row {
				if c != nil && c.Declared != nil {
					rows = append(rows, []any{sh.Name, c.Address(), c.Declared.Text})
				}
			}
		}
	}
	return rows
}

// writePublished keeps the dataset's published figures in a hidden sheet
// (made hidden before the others were streamed): the workbook shows the
// formulas' values, and extract gives the figures back.
func writePublished(f *excelize.File, rows [][]any, opt Options) error {
	if len(rows) == 0 {
		return nil
	}
	name := plan.PublishedSheet
	if err := f.SetSheetRow(name, "A1", &[]any{"工作表", "单元格", "公布数"}); err != nil {
		return err
	}
	for i, r := range rows {
		if err := f.SetSheetRow(name, pack.CellName(1, i+2), &r); err != nil {
			return err
		}
	}
	return f.ProtectSheet(name, &excelize.SheetProtectionOptions{Password: opt.Password, SelectLockedCells: true, SelectUnlockedCells: true})
}
