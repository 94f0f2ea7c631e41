package cli

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"

	"github.com/shopspring/decimal"

	"budgetxl/dataset"
	"budgetxl/docx"
	"budgetxl/fill"
	"budgetxl/msg"
	"budgetxl/office"
	"budgetxl/output"
	"budgetxl/pack"
	"budgetxl/plan"
	"budgetxl/review"
	"budgetxl/verify"
)

// listed is how many errors and warnings (and published figures beyond
// rounding) fill lists without --all; the rest are counted.
const listed = 8

// A dataset of at most smallDataset bytes fills within fillHeap bytes of
// heap (a unit of 100 projects and 20 codes: 90 KB of files, a 33 MB
// peak).
const (
	smallDataset = 256 << 10
	fillHeap     = 64 << 20
)

func runFill(e *env, args []string) int {
	fs := e.flags("fill")
	out := fs.StringP("out", "o", "", msg.T(e.lang, "workbook to write (default: OUT/<dataset folder>.xlsx, OUT from config.toml)"))
	templates := fs.String("templates", "", msg.T(e.lang, "folder of template packs (default: templates in config.toml)"))
	all := fs.BoolP("all", "v", false, msg.T(e.lang, "list every finding and every published figure that differs from its formula"))
	pdf := fs.Bool("pdf", false, msg.T(e.lang, "also write the PDF a unit publishes beside the workbook, the 情况说明 beside it first (through LibreOffice)"))
	noExplain := fs.Bool("no-explain", false, msg.T(e.lang, "with --pdf: print the tables only, without the 情况说明"))
	prior := fs.String("prior", "", msg.T(e.lang, "the prior year's dataset folder, for columns of the prior year's figures (default: prior in unit.toml)"))
	valueName(fs, "out", "FILE")
	valueName(fs, "templates", "DIR")
	valueName(fs, "prior", "DIR")
	districtFlags(e, fs)
	lo := officeFlags(e, fs)
	if ok, status := e.parse(fs, "usage: budgetxl fill [flags] [DATASET_DIR]\n\nFills the unit's workbook from DATASET_DIR (default: dataset in config.toml): unit.toml and one CSV file per table. The written workbook is then checked as budgetxl verify checks it; exit status 0 when it finds no error, 1 when it finds errors or published figures that differ from their formulas by more than rounding (the workbook is written all the same), 2 when nothing could be written. DATASET_DIR may also be a folder of unit folders (a district's): each unit is filled into OUT/<its folder>.xlsx (-o names the folder OUT), in parallel (--jobs), checked and reported in one line, and --summary writes the summary of them all; exit status 2 when a unit could not be written.", args); !ok {
		return status
	}
	if fs.NArg() == 1 && review.IsDistrict(fs.Arg(0)) {
		return e.fillDistrict(fs, fs.Arg(0), *out, *templates, *pdf, *all)
	}
	if s, _ := fs.GetString("summary"); s != "" {
		return e.fail(ExitInput, msg.Errorf("--summary is for a folder of unit folders; %s is not one (no folder under it holds a unit.toml)", strings.Join(fs.Args(), " ")))
	}
	dir, err := e.datasetArg("fill", fs.Args())
	if err != nil {
		return e.fail(ExitInput, err)
	}
	// A small unit's fill never collects (a district fills hundreds, each
	// in its own process: collections were a third of its time); a larger
	// one collects as Go does by default, which keeps a 1,000-project fill
	// within its 100 MB (a limit near its peak made the collector run
	// again and again: twice the CPU for 7,000 codes).
	if review.Largest([]review.Input{{Path: dir.disk}}) <= smallDataset {
		defer review.SetGCWithin(fillHeap)()
	}
	packs, err := e.packs(*templates)
	if err != nil {
		return e.fail(ExitInput, err)
	}
	p, d, err := openDataset(dir, *prior, packs)
	if err != nil {
		return e.fail(ExitInput, err)
	}
	path := *out
	if path == "" {
		path = filepath.Join(e.config.Out, dir.name+".xlsx")
	}
	if err := e.guard(path, inputsOf(dir, p, d)...); err != nil {
		return e.fail(ExitInput, err)
	}
	if err := fileType(path, ".xlsx"); err != nil {
		return e.fail(ExitInput, err)
	}
	if *pdf {
		if err := e.guard(pdfPath(path), inputsOf(dir, p, d)...); err != nil {
			return e.fail(ExitInput, err)
		}
		if _, err := office.Find(lo.Soffice); err != nil { // LibreOffice missing: say so before writing anything
			return e.fail(ExitInput, err)
		}
	}
	book, err := plan.Build(p, d)
	if err != nil {
		return e.fail(ExitInput, err)
	}
	if len(book.PriorConflicts) > 0 {
		var errs []error
		for _, pc := range book.PriorConflicts {
			errs = append(errs, msg.Errorf("%s!%s %s: the dataset gives %s, the prior year's dataset %s: correct one of them", pc.Sheet, pc.Cell, pc.Label(), plan.Money(pc.Given), plan.Money(pc.Prior)))
		}
		return e.fail(ExitInput, errors.Join(errs...))
	}
	// The verdict is verify's, on the bytes written: the temporary file is
	// read back and checked before it takes the path's place.
	written := &verify.Written{Path: path, Pack: p}
	// The summary is worded before the workbook is written and printed
	// once it is, so that the plan's memory is free while check reads the
	// workbook back.
	var summary bytes.Buffer
	stdout := e.stdout
	e.stdout = &summary
	beyond := e.summary(path, book, d, p, *all)
	e.stdout = stdout
	if err := fill.Write(book, path, fill.Options{Password: e.config.Password, Check: written.Check}); err != nil {
		return e.fail(ExitInput, err)
	}
	if e.config.Builtin && fs.NArg() == 0 {
		e.printf("no dataset given and no %s here: filled the sample unit built into the program (budgetxl sample writes its dataset for you to copy; budgetxl fill DATASET_DIR fills yours)\n", DefaultConfig)
	}
	e.stdout.Write(summary.Bytes())
	e.verdict(written.Report, book, d, *all)
	if *pdf { // the PDF shows the workbook as written, and the text beside it that the verdict above checked
		text, styles := "", docx.Styles{}
		if !*noExplain {
			text = verify.TextBeside(path)
		}
		if p.Explain != nil {
			styles = docxStyles(p.Explain.Style)
		}
		pub, err := e.writePDF(lo, path, text, styles, pdfPath(path))
		if err != nil {
			return e.fail(ExitInput, err)
		}
		e.printPublication(pdfPath(path), path, pub, *noExplain)
	}
	if written.Report.Count(verify.Error) > 0 || beyond > 0 {
		return ExitProblems
	}
	return ExitOK
}

// summary prints what was written, the tables written empty, the plan's
// warnings, and the published figures that differ from their formulas:
// those within rounding counted, those beyond listed (all with --all). It
// returns the number beyond rounding.
func (e *env) summary(path string, book *plan.Book, d *dataset.Dataset, p *pack.Pack, all bool) int {
	formulas, inputs := 0, 0
	var forms, empty []string
	for _, sh := range book.Sheets {
		if sh.Empty {
			empty = append(empty, sh.Name)
		}
		if sh.Table.Kind == pack.KindForm {
			if f := d.Forms[sh.Table.ID]; f != nil {
				forms = append(forms, msg.T(e.lang, "%s %d", sh.Name, len(f.Records)))
			}
		}
		for _, row := range sh.Rows {
			for _, c := range row {
				switch {
				case c == nil:
				case c.Kind == plan.Formula:
					formulas++
				case c.Kind == plan.Input && !c.Blank && sh.Table.Kind != pack.KindForm:
					inputs++
				}
			}
		}
	}
	e.printf("wrote %s\n", path)
	e.printf("  %s, %d sheets, %d formulas, %d input amounts (%s)\n", d.Unit.Name, len(book.Sheets), formulas, inputs, d.Unit.AmountUnit)
	e.printf("  template pack %s\n", e.packName(p))
	if len(forms) > 0 {
		e.printf("  records of the forms: %s\n", e.list(forms))
	}
	if len(empty) > 0 {
		e.printf("  written empty, with the pack's note (no data): %s\n", e.list(empty))
	}
	e.planWarnings(book, d)
	var within, beyond []plan.Difference
	for _, df := range book.Differences {
		if df.Within {
			within = append(within, df)
		} else {
			beyond = append(beyond, df)
		}
	}
	switch {
	case len(book.Differences) == 0:
		e.printf("  every published figure in the dataset equals its formula\n")
	case all:
		e.printf("  %d published figures differ from their formulas (%d within rounding, %d beyond); the workbook shows the formulas' values:\n",
			len(book.Differences), len(within), len(beyond))
		for _, df := range book.Differences {
			e.difference(df)
		}
		return len(beyond)
	case len(within) > 0:
		e.printf("  %d published figures differ from their formulas within rounding; the workbook shows the formulas' values (--all lists them)\n", len(within))
	}
	if len(beyond) > 0 {
		e.printf("  %d published figures differ from their formulas by more than rounding; the workbook shows the formulas' values:\n", len(beyond))
		for i, df := range beyond {
			if i == listed {
				e.printf("  %d more not listed (--all lists them)\n", len(beyond)-listed)
				break
			}
			e.difference(df)
		}
	}
	return len(beyond)
}

// planWarnings prints what the plan gave way on (rows cut to a
// spreadsheet's height), each naming where in dataset d the text is, else
// its cell.
func (e *env) planWarnings(book *plan.Book, d *dataset.Dataset) {
	for _, w := range book.Warnings {
		if tr, ok := w.(*plan.TallRow); ok {
			w = tallRowSource(tr, d)
		}
		e.printf("  %s %v\n", verify.SeverityText(e.lang, verify.Warning), w)
	}
}

// list joins items as the user's language writes a list.
func (e *env) list(items []string) string { return strings.Join(items, msg.T(e.lang, ", ")) }

// difference prints one published figure that differs from its formula.
func (e *env) difference(df plan.Difference) {
	verdict := msg.T(e.lang, "within rounding")
	if !df.Within {
		verdict = msg.T(e.lang, "BEYOND rounding")
	}
	e.printf("  %s!%s %s · %s: published %s, computed %s, difference %s, %s (%d parts, ±%s)\n",
		df.Sheet, df.Cell, df.Row, df.Column, plan.Money(df.Published), plan.Money(df.Computed), signed(df.Delta), verdict, df.Parts, df.Tolerance.StringFixed(3))
}

// verdict prints what verify finds in the written workbook: the counts, the
// errors and warnings (the first few, all with --all, which prints verify's
// whole report), and the dataset's note when there are errors.
func (e *env) verdict(r *verify.Report, book *plan.Book, d *dataset.Dataset, all bool) {
	errs, warns, notes := r.Count(verify.Error), r.Count(verify.Warning), r.Count(verify.Note)
	switch {
	case all:
		e.printf("checked as budgetxl verify checks it:\n")
		shown := *r // findings about a typed amount at the dataset's line, as below
		shown.Findings = append([]verify.Finding(nil), r.Findings...)
		for i, f := range shown.Findings {
			if w, t, ok := sourced(f, book, d); ok {
				shown.Findings[i].Cell, shown.Findings[i].ZH, shown.Findings[i].EN = w, t.In(msg.ZH), t.In(msg.EN)
			}
		}
		e.printReport(&shown)
	case errs+warns+notes == 0 && r.Text != "":
		e.printf("checked as budgetxl verify checks it, with the 情况说明 %s beside it: no errors, no warnings, no notes\n", r.Text)
	case errs+warns+notes == 0:
		e.printf("checked as budgetxl verify checks it: no errors, no warnings, no notes\n")
	default:
		if r.Text != "" {
			e.printf("checked as budgetxl verify checks it, with the 情况说明 %s beside it: %d errors, %d warnings, %d notes\n", r.Text, errs, warns, notes)
		} else {
			e.printf("checked as budgetxl verify checks it: %d errors, %d warnings, %d notes\n", errs, warns, notes)
		}
		shown := map[string]int{}
		for _, sev := range []string{verify.Error, verify.Warning} {
			for _, f := range r.Findings {
				if f.Severity != sev || shown[verify.Error]+shown[verify.Warning] == listed {
					continue
				}
				shown[sev]++
				where, text := f.Sheet, f.Message(e.lang)
				if f.Cell != "" {
					where += "!" + f.Cell
				}
				if f.Text != "" { // the 情况说明: its file and paragraph
					where = strings.TrimSpace(f.Text + " " + e.paragraph(f))
				}
				if w, t, ok := sourced(f, book, d); ok { // the clerk's file and line, the amount as typed
					where, text = w, msg.Render(e.lang, t)
				}
				if where == "" {
					where = "-"
				}
				e.printf("  %s %s %s: %s\n", verify.SeverityText(e.lang, f.Severity), where, f.Rule, strings.ReplaceAll(text, "\n", "\n      "))
			}
		}
		if errs+warns > shown[verify.Error]+shown[verify.Warning] || notes > 0 {
			rounding := 0
			for _, f := range r.Findings {
				if f.Rounding {
					rounding++
				}
			}
			var rest []string // only the kinds there are more of
			for _, n := range []struct {
				n      int
				format string
			}{{errs - shown[verify.Error], "%d errors"}, {warns - shown[verify.Warning], "%d warnings"}, {notes, "%d notes"}} {
				if n.n > 0 {
					rest = append(rest, msg.T(e.lang, n.format, n.n))
				}
			}
			text := e.list(rest)
			if rounding > 0 {
				text += msg.T(e.lang, " (%d of them within rounding)", rounding)
			}
			e.printf("  %s not listed: --all lists them\n", text)
		}
	}
	if errs > 0 && d.Unit.Note != "" {
		e.printf("  note of %s: %s\n", dataset.UnitFile, d.Unit.Note)
	}
}

// guard refuses an output path that is one of the command's inputs or lies
// inside an input folder (see output.Check); the configuration file, when
// there is one, is an input of every command.
func (e *env) guard(out string, inputs ...string) error {
	if _, err := os.Stat(e.configPath); err == nil {
		inputs = append(inputs, e.configPath)
	}
	return output.Check(out, inputs...)
}

// fileType refuses an output path whose extension is not ext: a workbook
// written as 单位.csv or a PDF written as 单位.xlsx would replace a file of
// that kind with one no program opens under its name.
func fileType(path, ext string) error {
	if !strings.EqualFold(filepath.Ext(path), ext) {
		return msg.Errorf("%s: this command writes a %s file: give a name that ends in %s", path, ext, ext)
	}
	return nil
}

func signed(d decimal.Decimal) string {
	if d.IsPositive() {
		return "+" + plan.Money(d)
	}
	return plan.Money(d)
}
