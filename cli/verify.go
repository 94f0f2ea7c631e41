package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	"budgetxl/msg"
	"budgetxl/review"
	"budgetxl/verify"
	"budgetxl/workbook"
)

// Bounds of verify's output for many files: the findings listed under each
// file, and in all; the rest are counted (the summary lists them all).
const (
	perFile   = 3
	listedAll = 200
)

func runVerify(e *env, args []string) int {
	fs := e.flags("verify")
	templates := fs.String("templates", "", msg.T(e.lang, "a template pack folder, or a folder of packs (default: templates in config.toml)"))
	asJSON := fs.Bool("json", false, msg.T(e.lang, "print JSON Lines: one object per file, with its counts and findings (clean and unreadable files too)"))
	summary := fs.String("summary", "", msg.T(e.lang, "write a summary of every file to forward: a workbook (.xlsx: one row per file, every finding on the second sheet) or a CSV file (.csv, UTF-8 with BOM)"))
	annotateDir := fs.String("annotate-dir", "", msg.T(e.lang, "write an annotated copy of each file with findings into this folder, under the file's name"))
	annotateTo := fs.String("annotate", "", msg.T(e.lang, "write a copy of the workbook with each finding's cell highlighted and commented, and a first sheet listing the findings (one FILE only)"))
	jobs := fs.IntP("jobs", "j", 0, msg.T(e.lang, "how many files to check at once (default: the number of cores)"))
	quiet := fs.BoolP("quiet", "q", false, msg.T(e.lang, "show no progress on the terminal"))
	all := fs.BoolP("all", "v", false, msg.T(e.lang, "with several files: print every file's whole report"))
	maxCells := fs.Int("max-cells", workbook.DefaultMaxCells, msg.T(e.lang, "refuse a workbook with more cells than this (a hostile or broken file); raise it for a genuine larger one"))
	text := fs.String("explain", "", msg.T(e.lang, "the 情况说明 (.docx or .txt) to check with the workbook (default: the file beside it with the same name, if any; one FILE only)"))
	prior := fs.String("prior", "", msg.T(e.lang, "the prior year's dataset folder, for the changes the 情况说明 states (one FILE only)"))
	valueName(fs, "summary", "FILE")
	valueName(fs, "annotate-dir", "DIR")
	valueName(fs, "annotate", "OUT.xlsx")
	valueName(fs, "jobs", "N")
	valueName(fs, "explain", "FILE")
	valueName(fs, "prior", "DIR")
	valueName(fs, "templates", "DIR")
	if ok, status := e.parse(fs, verifyUsage, args); !ok {
		return status
	}
	if fs.NArg() == 0 {
		return e.fail(ExitInput, msg.Errorf("verify needs at least one workbook: budgetxl verify FILE.xlsx"))
	}
	if *jobs < 0 {
		return e.fail(ExitInput, msg.Errorf("--jobs is %d: give 1 or more (0: the number of cores)", *jobs))
	}
	if *summary != "" {
		if err := summaryType(*summary); err != nil {
			return e.fail(ExitInput, err)
		}
	}
	inputs := review.Expand(fs.Args())
	if *annotateTo != "" && len(inputs) > 1 {
		return e.fail(ExitInput, msg.Errorf("--annotate takes one workbook, got %d", len(inputs)))
	}
	if *annotateTo != "" {
		if err := fileType(*annotateTo, ".xlsx"); err != nil {
			return e.fail(ExitInput, err)
		}
	}
	if *text != "" && len(inputs) > 1 {
		return e.fail(ExitInput, msg.Errorf("--explain takes one workbook, got %d", len(inputs)))
	}
	if *prior != "" && len(inputs) > 1 {
		return e.fail(ExitInput, msg.Errorf("--prior is one unit's prior year: it takes one workbook, got %d", len(inputs)))
	}
	packs, err := e.packs(*templates)
	if err != nil {
		return e.fail(ExitInput, err)
	}
	var paths []string
	for _, in := range inputs {
		paths = append(paths, in.Path)
	}
	if *summary != "" {
		if err := e.guard(*summary, append(paths, packs.Dir)...); err != nil {
			return e.fail(ExitInput, err)
		}
	}
	if *annotateDir != "" {
		if err := e.guard(*annotateDir, packs.Dir); err != nil {
			return e.fail(ExitInput, err)
		}
	}
	opt := review.Options{
		Verify: verify.Options{Templates: packs.Dir, Builtin: packs.Builtin, BuiltinName: packs.BuiltinName,
			Limits: workbook.Limits{MaxCells: *maxCells}, Explain: *text, Prior: *prior},
		Jobs: *jobs, AnnotateDir: *annotateDir, AnnotateFile: *annotateTo, Lang: e.lang, Protect: []string{e.configPath},
	}
	one := len(inputs) == 1
	p := e.progress(*quiet)
	opt.Progress = p.show
	listed := 0
	// Each file is printed once the run is over, with what the checks
	// across the files found in it: a file printed as clean while it was
	// checked could be the second of two workbooks with one unit code.
	show := func(f *review.File) {
		if f.Err != nil {
			e.fail(ExitInput, f.Err)
		}
		if f.AnnotateErr != nil {
			e.fail(ExitInput, f.AnnotateErr)
		}
		switch {
		case *asJSON:
		case one || *all:
			if f.Err == nil {
				e.printFile(f)
			}
		default:
			listed += e.printShort(f, listedAll-listed)
		}
	}
	ctx, stop := interrupted()
	defer stop()
	defer review.SetGC(*jobs, len(inputs), review.Largest(inputs))()
	run, err := review.Check(ctx, inputs, opt)
	p.clear()
	if err != nil {
		return e.fail(ExitInput, err)
	}
	for _, f := range run.Files {
		show(f)
	}
	if ctx.Err() != nil {
		return e.fail(ExitInput, msg.Errorf("interrupted: %d of %d files checked; no summary written", len(run.Files), len(inputs)))
	}
	status := ExitOK
	for _, f := range run.Files {
		switch {
		case f.Err != nil || f.AnnotateErr != nil:
			status = ExitInput
		case f.Count(verify.Error) > 0 && status == ExitOK:
			status = ExitProblems
		}
	}
	switch {
	case *asJSON:
		for _, f := range run.Files {
			b, _ := json.Marshal(review.JSON(f, e.lang))
			fmt.Fprintln(e.stdout, string(b))
		}
	case !one: // the findings across files are in each file's lines
		e.printTotals(run, listed)
	}
	if *summary != "" {
		if err := review.WriteSummary(run, *summary, e.lang); err != nil {
			return e.fail(ExitInput, err)
		}
		if !*asJSON {
			e.printf("wrote the summary %s\n", *summary)
		}
	}
	return status
}

const verifyUsage = "usage: budgetxl verify [flags] FILE|FOLDER|PATTERN...\n\nChecks workbooks against their template pack: structure, formulas, every value recomputed, review rules. A folder gives every .xlsx workbook in it and its subfolders (not Excel's lock files ~$*.xlsx); a pattern such as \"*.xlsx\" is expanded by budgetxl itself, as Windows' cmd does not. Files are checked in parallel (--jobs); with several files each gets one line and its first findings, then the checks across the files (the same unit code twice, different versions of one pack) and the totals; --summary writes everything to forward. Exit status 0 when no file has errors, 1 when a file has errors, 2 when a file cannot be read."

// interrupted returns a context cancelled by Ctrl-C (an interrupt): a run
// then starts no more files, lets those being checked or written finish
// (no temporary file is left behind) and writes no summary of part of
// them. A second Ctrl-C stops the program as usual.
func interrupted() (context.Context, context.CancelFunc) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	go func() { <-ctx.Done(); stop() }() // the next interrupt is the default one
	return ctx, stop
}

// summaryType refuses a summary that is neither a workbook nor a CSV file.
func summaryType(path string) error {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".csv":
		return nil
	}
	return msg.Errorf("%s: the summary is a workbook or a CSV file: give a name that ends in .xlsx or .csv", path)
}

// printReport prints one workbook's findings grouped by sheet, and a summary.
func (e *env) printReport(r *verify.Report) {
	e.printFindings(r.File, e.packName(r.Pack), r.Unit.Name, r.Text, r.Findings)
}

// printFile prints the whole report of a file of a run.
func (e *env) printFile(f *review.File) {
	e.printFindings(f.Path, e.packWhere(f.Lineage, f.Builtin, f.PackDir), f.Unit.Name, f.Text, f.Findings)
}

func (e *env) printFindings(file string, packName, unit, text string, findings []verify.Finding) {
	e.printf("%s: pack %s, %s\n", file, packName, unit)
	if text != "" {
		e.printf("  with the 情况说明 %s\n", text)
	}
	sheet := "\x00"
	for _, f := range findings {
		if group := f.Sheet + f.Text; group != sheet {
			sheet = group
			if sheet == "" {
				e.printf("  (workbook)\n")
			} else {
				fmt.Fprintf(e.stdout, "  %s\n", sheet)
			}
		}
		fmt.Fprintf(e.stdout, "    %s\n", e.findingLine(f))
	}
	count := func(sev string) int {
		n := 0
		for _, f := range findings {
			if f.Severity == sev {
				n++
			}
		}
		return n
	}
	e.printf("  %d errors, %d warnings, %d notes\n", count(verify.Error), count(verify.Warning), count(verify.Note))
}

// findingLine is a finding in one line (more when its message has them):
// severity, cell, rule, message.
func (e *env) findingLine(f verify.Finding) string {
	where := f.Cell
	switch {
	case f.Text != "" && f.Paragraph > 0:
		where = e.paragraph(f)
	case where == "":
		where = "-"
	}
	sev := verify.SeverityText(e.lang, f.Severity)
	sev += strings.Repeat(" ", max(0, 7-displayWidth(sev)))
	text := strings.ReplaceAll(f.Message(e.lang), "\n", "\n      ")
	return fmt.Sprintf("%s %-5s %s: %s", sev, where, f.Rule, text)
}

// printShort prints a file of a run in one line and its first errors and
// warnings (at most perFile, and at most budget); it returns how many
// findings it listed.
func (e *env) printShort(f *review.File, budget int) int {
	if f.Err != nil {
		e.printf("cannot be read: %v\n", f.Err)
		return 0
	}
	errs, warns, notes := f.Count(verify.Error), f.Count(verify.Warning), f.Count(verify.Note)
	unit := f.Unit.Name
	if unit == "" {
		unit = msg.T(e.lang, "unit not named")
	}
	if f.Unit.Code != "" {
		unit = msg.T(e.lang, "%s (%s)", unit, f.Unit.Code)
	}
	if errs+warns+notes == 0 {
		e.printf("%s: %s: clean\n", f.Path, unit)
		return 0
	}
	e.printf("%s: %s: %d errors, %d warnings, %d notes\n", f.Path, unit, errs, warns, notes)
	n := 0
	for _, sev := range []string{verify.Error, verify.Warning} {
		for _, fd := range f.Findings {
			if fd.Severity != sev || n == min(perFile, budget) {
				continue
			}
			n++
			where := fd.Sheet
			if fd.Cell != "" {
				where += "!" + fd.Cell
			}
			if where == "" {
				where = "-"
			}
			e.printf("    %s %s %s: %s\n", verify.SeverityText(e.lang, fd.Severity), where, fd.Rule, strings.ReplaceAll(fd.Message(e.lang), "\n", " "))
		}
	}
	if rest := errs + warns + notes - n; rest > 0 {
		e.printf("    and %d more findings\n", rest)
	}
	return n
}

// printCross prints the findings of the checks across the files.
func (e *env) printCross(run *review.Run) {
	if len(run.Cross) == 0 {
		return
	}
	e.printf("across the files:\n")
	for _, c := range run.Cross {
		e.printf("  %s %s %s: %s\n", verify.SeverityText(e.lang, c.Severity), c.File, c.Rule, c.Message(e.lang))
	}
}

// printTotals prints the last line of a run of several files.
func (e *env) printTotals(run *review.Run, listed int) {
	all := 0
	for _, f := range run.Files {
		all += len(f.Findings)
	}
	if rest := all - listed; rest > 0 && listed >= listedAll {
		e.printf("%d findings not listed: --summary writes them all, --all prints every report\n", rest)
	}
	e.printf("%d files: %d with errors, %d with warnings, %d with notes only, %d clean, %d cannot be read\n",
		len(run.Files), run.Count(review.Errors), run.Count(review.Warnings), run.Count(review.Notes), run.Count(review.Clean), run.Count(review.Unreadable))
}
