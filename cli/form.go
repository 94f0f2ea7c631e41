package cli

import (
	"path/filepath"

	"budgetxl/dataset"
	"budgetxl/fill"
	"budgetxl/msg"
	"budgetxl/plan"
)

// runForm writes a blank form of a unit's workbook for a clerk to fill.
func runForm(e *env, args []string) int {
	fs := e.flags("form")
	out := fs.StringP("out", "o", "", msg.T(e.lang, "form to write (default: OUT/<dataset folder>-form.xlsx, OUT from config.toml)"))
	codes := fs.String("codes", "", msg.T(e.lang, "take the code rows from this CSV file (columns table,code,name) instead of the dataset's tables"))
	templates := fs.String("templates", "", msg.T(e.lang, "folder of template packs (default: templates in config.toml)"))
	valueName(fs, "out", "FILE")
	valueName(fs, "codes", "FILE")
	valueName(fs, "templates", "DIR")
	if ok, status := e.parse(fs, "usage: budgetxl form [flags] [DATASET_DIR]\n\nWrites a blank form of the unit's workbook: titles, the rows of the unit's codes (from DATASET_DIR, whose amounts are ignored, or from --codes), live formulas, and input cells unlocked, shaded and validated. The projects of the dataset keep their texts and get blank indicator rows.", args); !ok {
		return status
	}
	dir, err := e.datasetArg("form", fs.Args())
	if err != nil {
		return e.fail(ExitInput, err)
	}
	packs, err := e.packs(*templates)
	if err != nil {
		return e.fail(ExitInput, err)
	}
	open := dataset.OpenFolder
	if *codes != "" { // the code rows come from the codes file, not the tables' files
		open = dataset.OpenFolderForms
	}
	p, d, err := open(dir.Folder, packs)
	if err != nil {
		return e.fail(ExitInput, err)
	}
	path := *out
	if path == "" {
		path = filepath.Join(e.config.Out, dir.name+"-form.xlsx")
	}
	if err := e.guard(path, dir.disk, packDir(p), *codes); err != nil {
		return e.fail(ExitInput, err)
	}
	if err := fileType(path, ".xlsx"); err != nil {
		return e.fail(ExitInput, err)
	}
	blank := d.Blank(p)
	if *codes != "" {
		if blank.Tables, err = dataset.ReadCodes(*codes, p); err != nil {
			return e.fail(ExitInput, err)
		}
	}
	book, err := plan.Build(p, blank)
	if err != nil {
		return e.fail(ExitInput, err)
	}
	if err := fill.Write(book, path, fill.Options{Password: e.config.Password, Form: true}); err != nil {
		return e.fail(ExitInput, err)
	}
	entries, formulas := 0, 0
	for _, sh := range book.Sheets {
		for _, row := range sh.Rows {
			for _, c := range row {
				switch {
				case c == nil:
				case c.Entry != nil:
					entries++
				case c.Kind == plan.Formula:
					formulas++
				}
			}
		}
	}
	e.printf("wrote %s\n", path)
	e.printf("  blank form of %s: %d sheets, %d input cells (unlocked, shaded, validated), %d live formulas\n", d.Unit.Name, len(book.Sheets), entries, formulas)
	e.printf("  template pack %s\n", e.packName(p))
	e.planWarnings(book, d)
	return ExitOK
}
