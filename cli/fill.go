package cli

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/shopspring/decimal"

	"budgetxl/dataset"
	"budgetxl/fill"
	"budgetxl/msg"
	"budgetxl/output"
	"budgetxl/pack"
	"budgetxl/plan"
)

func runFill(e *env, args []string) int {
	fs := e.flags("fill")
	out := fs.StringP("out", "o", "", msg.T(e.lang, "workbook to write (default: OUT/<dataset folder>.xlsx, OUT from config.toml)"))
	templates := fs.String("templates", "", msg.T(e.lang, "folder of template packs (default: templates in config.toml)"))
	valueName(fs, "out", "FILE")
	valueName(fs, "templates", "DIR")
	if ok, status := e.parse(fs, "usage: budgetxl fill [flags] [DATASET_DIR]\n\nFills the unit's workbook from DATASET_DIR (default: dataset in config.toml): unit.toml and one CSV file per table.", args); !ok {
		return status
	}
	dir, err := e.datasetArg("fill", fs.Args())
	if err != nil {
		return e.fail(ExitInput, err)
	}
	if *templates == "" {
		*templates = e.config.Templates
	}
	p, d, err := dataset.Open(dir, *templates)
	if err != nil {
		return e.fail(ExitInput, err)
	}
	path := *out
	if path == "" {
		path = filepath.Join(e.config.Out, filepath.Base(filepath.Clean(dir))+".xlsx")
	}
	if err := e.guard(path, dir, p.Dir); err != nil {
		return e.fail(ExitInput, err)
	}
	book, err := plan.Build(p, d)
	if err != nil {
		return e.fail(ExitInput, err)
	}
	if err := fill.Write(book, path, fill.Options{Password: e.config.Password}); err != nil {
		return e.fail(ExitInput, err)
	}
	e.summary(path, book, d)
	return ExitOK
}

// summary prints what was written and every published figure that differs
// from its formula.
func (e *env) summary(path string, book *plan.Book, d *dataset.Dataset) {
	formulas, inputs := 0, 0
	var forms []string
	for _, sh := range book.Sheets {
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
	if len(forms) > 0 {
		e.printf("  records of the forms: %s\n", strings.Join(forms, ", "))
	}
	if len(book.Differences) == 0 {
		e.printf("  every published figure in the dataset equals its formula\n")
		return
	}
	within := 0
	for _, df := range book.Differences {
		if df.Within {
			within++
		}
	}
	e.printf("  %d published figures differ from their formulas (%d within rounding, %d beyond); the workbook shows the formulas' values:\n",
		len(book.Differences), within, len(book.Differences)-within)
	for _, df := range book.Differences {
		verdict := msg.T(e.lang, "within rounding")
		if !df.Within {
			verdict = msg.T(e.lang, "BEYOND rounding")
		}
		e.printf("  %s!%s %s · %s: published %s, computed %s, difference %s, %s (%d parts, ±%s)\n",
			df.Sheet, df.Cell, df.Row, df.Column, plan.Money(df.Published), plan.Money(df.Computed), signed(df.Delta), verdict, df.Parts, df.Tolerance.StringFixed(3))
	}
}

func signed(d decimal.Decimal) string {
	if d.IsPositive() {
		return "+" + plan.Money(d)
	}
	return plan.Money(d)
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

// datasetArg is the dataset folder of a command: its one argument, else
// dataset in config.toml.
func (e *env) datasetArg(cmd string, args []string) (string, error) {
	switch {
	case len(args) == 1:
		return args[0], nil
	case len(args) > 1:
		return "", msg.Errorf("%s takes one dataset folder, got %d arguments", cmd, len(args))
	case e.config.Dataset == "":
		return "", msg.Errorf("no dataset folder: give one (budgetxl %s samples/demo-2025) or set dataset in %s", cmd, e.configPath)
	}
	return e.config.Dataset, nil
}
