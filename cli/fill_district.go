package cli

import (
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"budgetxl/msg"
	"budgetxl/review"
	"budgetxl/verify"
)

// districtFlags adds fill's flags for a folder of unit folders.
func districtFlags(e *env, fs *pflag.FlagSet) {
	fs.String("summary", "", msg.T(e.lang, "with a folder of unit folders: write a summary of every unit's workbook (.xlsx or .csv), as verify --summary does"))
	fs.IntP("jobs", "j", 0, msg.T(e.lang, "with a folder of unit folders: how many units to fill at once (default: the number of cores)"))
	fs.BoolP("quiet", "q", false, msg.T(e.lang, "show no progress on the terminal"))
	valueName(fs, "summary", "FILE")
	valueName(fs, "jobs", "N")
}

// fillDistrict fills every unit folder under dir (a district: a folder of
// unit folders) into the output folder, one workbook each, checks each as
// verify does, and writes the summary. Exit status 2 when a unit could not
// be written, else 1 when one has errors, else 0.
func (e *env) fillDistrict(fs *pflag.FlagSet, dir, out, templates string, pdf, all bool) int {
	summary, _ := fs.GetString("summary")
	jobs, _ := fs.GetInt("jobs")
	quiet, _ := fs.GetBool("quiet")
	if pdf {
		return e.fail(ExitInput, msg.Errorf("--pdf fills one unit: with a folder of unit folders, print each workbook with budgetxl pdf"))
	}
	if jobs < 0 {
		return e.fail(ExitInput, msg.Errorf("--jobs is %d: give 1 or more (0: the number of cores)", jobs))
	}
	if out == "" {
		out = e.config.Out
	}
	if strings.EqualFold(filepath.Ext(out), ".xlsx") {
		return e.fail(ExitInput, msg.Errorf("%s: with a folder of unit folders, -o is the folder that receives one workbook per unit", out))
	}
	if summary != "" {
		if err := summaryType(summary); err != nil {
			return e.fail(ExitInput, err)
		}
		if err := e.guard(summary, dir); err != nil {
			return e.fail(ExitInput, err)
		}
	}
	packs, err := e.packs(templates)
	if err != nil {
		return e.fail(ExitInput, err)
	}
	if err := e.guard(out, dir, packs.Dir); err != nil {
		return e.fail(ExitInput, err)
	}
	p := e.progress(quiet)
	listed := 0
	opt := review.FillOptions{Packs: packs, Out: out, Password: e.config.Password, Jobs: jobs, Protect: []string{e.configPath}, Progress: p.show}
	opt.Each = func(f *review.File) {
		p.clear()
		switch {
		case f.Err != nil:
			e.fail(ExitInput, f.Err)
			e.printf("not written: %v\n", f.Err)
		case all:
			e.printFile(f)
		default:
			listed += e.printShort(f, listedAll-listed)
		}
	}
	ctx, stop := interrupted()
	defer stop()
	units := review.Units(dir)
	defer review.SetGC(jobs, len(units), review.Largest(units))()
	run, err := review.Fill(ctx, units, opt)
	p.clear()
	if err != nil {
		return e.fail(ExitInput, err)
	}
	if ctx.Err() != nil {
		return e.fail(ExitInput, msg.Errorf("interrupted: %d of %d units filled; no summary written", len(run.Files), len(units)))
	}
	e.printCross(run)
	e.printTotals(run, listed+len(run.Cross))
	status := ExitOK
	for _, f := range run.Files {
		switch {
		case f.Err != nil:
			status = ExitInput
		case f.Count(verify.Error) > 0 && status == ExitOK:
			status = ExitProblems
		}
	}
	if summary != "" {
		if err := review.WriteSummary(run, summary, e.lang); err != nil {
			return e.fail(ExitInput, err)
		}
		e.printf("wrote the summary %s\n", summary)
	}
	return status
}
