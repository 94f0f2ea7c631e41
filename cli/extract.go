package cli

import (
	"budgetxl/dataset"
	"budgetxl/extract"
	"budgetxl/msg"
	"budgetxl/workbook"
)

// runExtract reads a workbook's input values back into a dataset folder.
func runExtract(e *env, args []string) int {
	fs := e.flags("extract")
	out := fs.StringP("out", "o", "", msg.T(e.lang, "dataset folder to write (required)"))
	templates := fs.String("templates", "", msg.T(e.lang, "a template pack folder, or a folder of packs (default: templates in config.toml)"))
	valueName(fs, "out", "DIR")
	valueName(fs, "templates", "DIR")
	if ok, status := e.parse(fs, "usage: budgetxl extract FILE -o DIR\n\nReads the input values of a workbook in a pack's layout (ours, a filled form, or one typed by hand) back into a dataset folder: unit.toml and one file per table, in canonical form.", args); !ok {
		return status
	}
	if fs.NArg() != 1 || *out == "" {
		return e.fail(ExitInput, msg.Errorf("usage: budgetxl extract FILE -o DIR"))
	}
	if *templates == "" {
		*templates = e.config.Templates
	}
	path := fs.Arg(0)
	wb, err := workbook.Read(path)
	if err != nil {
		return e.fail(ExitInput, err)
	}
	p, err := extract.FindPack(wb, path, *templates)
	if err != nil {
		return e.fail(ExitInput, err)
	}
	d, err := extract.Inputs(wb, p, extract.Unit(wb, p))
	if err != nil {
		return e.fail(ExitInput, msg.Errorf("%s: %v", path, err))
	}
	if err := dataset.Write(d, p, *out); err != nil {
		return e.fail(ExitInput, err)
	}
	e.printf("wrote dataset %s (%s, pack %s)\n", *out, d.Unit.Name, p.ID)
	return ExitOK
}
