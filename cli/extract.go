package cli

import (
	"errors"
	"slices"

	"budgetxl/dataset"
	"budgetxl/extract"
	"budgetxl/msg"
	"budgetxl/pack"
	"budgetxl/plan"
	"budgetxl/workbook"
)

// runExtract reads a workbook's input values back into a dataset folder.
// Exit status 2, and nothing written, when a cell cannot be read as an
// amount, a table's sheet is missing or a fact of unit.toml is neither in
// the workbook nor given by flag; with --skip-bad the unreadable cells are
// left out and listed, and the exit status is 1.
func runExtract(e *env, args []string) int {
	fs := e.flags("extract")
	out := fs.StringP("out", "o", "", msg.T(e.lang, "dataset folder to write (required)"))
	templates := fs.String("templates", "", msg.T(e.lang, "a template pack folder, or a folder of packs (default: templates in config.toml)"))
	packID := fs.String("pack", "", msg.T(e.lang, "the template pack, when the workbook does not name it and the templates folder holds several"))
	skipBad := fs.Bool("skip-bad", false, msg.T(e.lang, "write the dataset without the cells that hold no amount (text, TRUE/FALSE, error values, numbers out of range) and the rows that match no row of their table, and list them; exit status 1"))
	given := []struct {
		key, flag string
		value     *string
	}{
		{"name", "name", fs.String("name", "", msg.T(e.lang, "the unit's name, when the workbook's document properties and titles do not give it"))},
		{"code", "code", fs.String("code", "", msg.T(e.lang, "the unit's code, when the document properties do not give it (--code \"\" for none)"))},
		{"department", "department", fs.String("department", "", msg.T(e.lang, "the unit's department, when the document properties do not give it"))},
		{"amount_unit", "amount-unit", fs.String("amount-unit", "", msg.T(e.lang, "the amount unit of the dataset to write, 元 or 万元, when the document properties do not give it"))},
	}
	encoding := e.encodingFlag(fs)
	valueName(fs, "out", "DIR")
	valueName(fs, "templates", "DIR")
	valueName(fs, "pack", "PACK")
	valueName(fs, "name", "NAME")
	valueName(fs, "code", "CODE")
	valueName(fs, "department", "DEPARTMENT")
	valueName(fs, "amount-unit", "元|万元")
	if ok, status := e.parse(fs, "usage: budgetxl extract FILE -o DIR\n\nReads the input values of a workbook in a pack's layout (ours, a filled form, or one typed by hand) back into a dataset folder: unit.toml and one file per table, in canonical form. Every amount cell must hold a number: a cell with text (a number stored as text included), TRUE/FALSE, an error value or a number out of range (10^15 万元 or more, more than 6 decimals) is listed with its sheet and cell, and nothing is written (exit status 2) unless --skip-bad is given. Facts of unit.toml that the workbook's document properties do not give are asked for by flag, never guessed. See extract.md of the documentation, which budgetxl docs writes.", args); !ok {
		return status
	}
	if fs.NArg() != 1 || *out == "" {
		return e.fail(ExitInput, msg.Errorf("usage: budgetxl extract FILE -o DIR"))
	}
	enc, err := parseEncoding(*encoding)
	if err != nil {
		return e.fail(ExitInput, err)
	}
	packs, err := e.packs(*templates)
	if err != nil {
		return e.fail(ExitInput, err)
	}
	path := fs.Arg(0)
	wb, err := workbook.Read(path)
	if err != nil {
		return e.fail(ExitInput, err)
	}
	var p *pack.Pack
	if *packID != "" {
		p, err = importPack(packs, *packID)
	} else {
		p, err = extract.FindPack(wb, path, packs)
	}
	if err != nil {
		return e.fail(ExitInput, err)
	}
	if err := e.guard(*out, path, p.Dir); err != nil {
		return e.fail(ExitInput, err)
	}
	u, missing := extract.Unit(wb, p)
	fields := map[string]*string{"name": &u.Name, "code": &u.Code, "department": &u.Department, "amount_unit": &u.AmountUnit}
	var errs []error
	for _, g := range given {
		if fs.Changed(g.flag) {
			*fields[g.key] = *g.value
			missing = slices.DeleteFunc(missing, func(k string) bool { return k == g.key })
		}
	}
	if fs.Changed("amount-unit") && u.AmountUnit != dataset.Yuan && u.AmountUnit != dataset.TenKYuan {
		errs = append(errs, msg.Errorf("--amount-unit is %q: use 元 or 万元", u.AmountUnit))
	}
	for _, key := range missing {
		switch key {
		case "name":
			errs = append(errs, msg.Errorf("%s: the workbook does not name its unit (no document property %s, no title with the name): give it with --name", path, plan.PropUnit))
		case "code":
			errs = append(errs, msg.Errorf("%s: the workbook does not give the unit's code (no document property %s): give it with --code (--code \"\" for none)", path, plan.PropUnitCode))
		case "department":
			errs = append(errs, msg.Errorf("%s: the workbook does not give the unit's department (no document property %s): give it with --department", path, plan.PropDepartment))
		case "amount_unit":
			errs = append(errs, msg.Errorf("%s: the workbook does not say whether its data were in 元 or 万元 (no document property %s): give --amount-unit 元 or --amount-unit 万元 for the dataset to write (the cells hold 万元 either way)", path, plan.PropAmountUnit))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return e.fail(ExitInput, err)
	}
	d, unread, err := extract.Inputs(wb, p, u)
	if err != nil {
		return e.fail(ExitInput, msg.Errorf("%s: %v", path, err))
	}
	if len(unread) > 0 && !*skipBad {
		return e.fail(ExitInput, errors.Join(append([]error{msg.Errorf("%s: %d cells or rows cannot be read; nothing was written (correct them, or give --skip-bad to write the dataset without them):", path, len(unread))}, unread...)...))
	}
	if err := dataset.WriteEncoded(d, p, *out, enc); err != nil {
		return e.fail(ExitInput, err)
	}
	e.printf("wrote dataset %s (%s, pack %s)\n", *out, d.Unit.Name, e.packName(p))
	if len(unread) == 0 {
		return ExitOK
	}
	e.printf("%d cells or rows could not be read and were left out (--skip-bad):\n", len(unread))
	for _, err := range unread {
		e.printf("  %v\n", err)
	}
	return ExitProblems
}
