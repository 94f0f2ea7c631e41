package cli

import (
	"encoding/json"
	"fmt"
	"strings"

	"budgetxl/annotate"
	"budgetxl/msg"
	"budgetxl/verify"
	"budgetxl/workbook"
)

func runVerify(e *env, args []string) int {
	fs := e.flags("verify")
	templates := fs.String("templates", "", msg.T(e.lang, "a template pack folder, or a folder of packs (default: templates in config.toml)"))
	asJSON := fs.Bool("json", false, msg.T(e.lang, "print findings as JSON, one object per finding"))
	maxCells := fs.Int("max-cells", workbook.DefaultMaxCells, msg.T(e.lang, "refuse a workbook with more cells than this (a hostile or broken file); raise it for a genuine larger one"))
	annotateTo := fs.String("annotate", "", msg.T(e.lang, "write a copy of the workbook with each finding's cell highlighted and commented, and a first sheet listing the findings (one FILE only)"))
	text := fs.String("explain", "", msg.T(e.lang, "the 情况说明 (.docx or .txt) to check with the workbook (default: the file beside it with the same name, if any; one FILE only)"))
	prior := fs.String("prior", "", msg.T(e.lang, "the prior year's dataset folder, for the changes the 情况说明 states"))
	valueName(fs, "annotate", "OUT.xlsx")
	valueName(fs, "explain", "FILE")
	valueName(fs, "prior", "DIR")
	valueName(fs, "templates", "DIR")
	if ok, status := e.parse(fs, "usage: budgetxl verify [flags] FILE...\n\nChecks workbooks against their template pack: structure, formulas, every value recomputed, review rules. Exit status 0 without errors, 1 with errors, 2 when a file cannot be read.", args); !ok {
		return status
	}
	if fs.NArg() == 0 {
		return e.fail(ExitInput, msg.Errorf("verify needs at least one workbook: budgetxl verify FILE.xlsx"))
	}
	if *annotateTo != "" && fs.NArg() > 1 {
		return e.fail(ExitInput, msg.Errorf("--annotate takes one workbook, got %d", fs.NArg()))
	}
	if *annotateTo != "" {
		if err := fileType(*annotateTo, ".xlsx"); err != nil {
			return e.fail(ExitInput, err)
		}
	}
	if *text != "" && fs.NArg() > 1 {
		return e.fail(ExitInput, msg.Errorf("--explain takes one workbook, got %d", fs.NArg()))
	}
	packs, err := e.packs(*templates)
	if err != nil {
		return e.fail(ExitInput, err)
	}
	status := ExitOK
	var all []jsonFinding
	for _, path := range fs.Args() {
		r, err := verify.File(path, verify.Options{Templates: packs.Dir, Builtin: packs.Builtin, BuiltinName: packs.BuiltinName, Limits: workbook.Limits{MaxCells: *maxCells}, Explain: *text, Prior: *prior})
		if err != nil {
			e.fail(ExitInput, err)
			status = ExitInput
			continue
		}
		if r.Count(verify.Error) > 0 && status == ExitOK {
			status = ExitProblems
		}
		if *annotateTo != "" {
			if err := e.guard(*annotateTo, path, r.Pack.Dir); err != nil {
				return e.fail(ExitInput, err)
			}
			if err := annotate.Write(r, *annotateTo, e.lang); err != nil {
				return e.fail(ExitInput, err)
			}
		}
		if *asJSON {
			for _, f := range r.Findings {
				all = append(all, jsonFinding{File: path, Finding: f, Message: f.Message(e.lang)})
			}
			continue
		}
		e.printReport(r)
	}
	if *asJSON {
		if all == nil {
			all = []jsonFinding{}
		}
		b, _ := json.MarshalIndent(all, "", "  ")
		fmt.Fprintln(e.stdout, string(b))
	}
	return status
}

// jsonFinding is a finding as --json prints it.
type jsonFinding struct {
	File string `json:"file"`
	verify.Finding
	Message string `json:"message"`
}

// printReport prints one workbook's findings grouped by sheet, and a summary.
func (e *env) printReport(r *verify.Report) {
	e.printf("%s: pack %s, %s\n", r.File, e.packName(r.Pack), r.Unit.Name)
	if r.Text != "" {
		e.printf("  with the 情况说明 %s\n", r.Text)
	}
	sheet := "\x00"
	for _, f := range r.Findings {
		if group := f.Sheet + f.Text; group != sheet {
			sheet = group
			if sheet == "" {
				e.printf("  (workbook)\n")
			} else {
				fmt.Fprintf(e.stdout, "  %s\n", sheet)
			}
		}
		where := f.Cell
		switch {
		case f.Text != "" && f.Paragraph > 0:
			where = e.paragraph(f)
		case where == "":
			where = "-"
		}
		sev := e.severity(f.Severity)
		sev += strings.Repeat(" ", max(0, 7-displayWidth(sev)))
		text := strings.ReplaceAll(f.Message(e.lang), "\n", "\n      ")
		fmt.Fprintf(e.stdout, "    %s %-5s %s: %s\n", sev, where, f.Rule, text)
	}
	e.printf("  %d errors, %d warnings, %d notes\n", r.Count(verify.Error), r.Count(verify.Warning), r.Count(verify.Note))
}

func (e *env) severity(s string) string {
	switch s {
	case verify.Error:
		return msg.T(e.lang, "ERROR")
	case verify.Warning:
		return msg.T(e.lang, "warning")
	}
	return msg.T(e.lang, "note")
}
