package cli

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"budgetxl/dataset"
	"budgetxl/msg"
)

// SampleDir is the folder sample writes into when given none, and the
// folder of samples/ in the repository: after budgetxl sample, the names
// messages give (samples/demo-2025) are there.
const SampleDir = "samples"

// runSample writes the datasets built into the program (the demo unit and
// its prior year) into new folders, so that a user of the binary alone has
// an example dataset to read, copy and fill.
func runSample(e *env, args []string) int {
	flags := e.flags("sample")
	if ok, status := e.parse(flags, "usage: budgetxl sample [DIR]\n\nWrites the example datasets built into the program, each into a new folder of DIR (default: samples): the demo unit's (unit.toml and a file per table) and its prior year's. Never writes over a folder that exists and is not empty.", args); !ok {
		return status
	}
	dir, err := folderArg("sample", flags.Args(), SampleDir)
	if err != nil {
		return e.fail(ExitInput, err)
	}
	names := e.builtinSamples()
	if len(names) == 0 {
		return e.fail(ExitInput, msg.Errorf("this program has no example datasets built in"))
	}
	for _, name := range names { // every folder is checked before any is written
		target := filepath.Join(dir, name)
		switch entries, err := os.ReadDir(target); {
		case err == nil && len(entries) > 0:
			return e.fail(ExitInput, msg.Errorf("%s already exists and is not empty: sample writes only into new or empty folders, so that it never writes over files; give another folder (budgetxl sample FOLDER)", target))
		case err == nil, errors.Is(err, fs.ErrNotExist):
		default:
			return e.fail(ExitInput, msg.Errorf("%s: %v", target, msg.File(err)))
		}
	}
	var written []string
	for _, name := range names {
		target := filepath.Join(dir, name)
		if entries, err := os.ReadDir(target); err == nil && len(entries) == 0 {
			if err := os.Remove(target); err != nil {
				return e.fail(ExitInput, msg.Errorf("%s: %v", target, msg.File(err)))
			}
		}
		n, err := exportPack(e.builtinDir(path.Join(SampleDir, name)), target)
		if err != nil {
			return e.fail(ExitInput, msg.Errorf("%s: cannot write the example dataset: %v", target, msg.File(err)))
		}
		written = append(written, msg.T(e.lang, "%s (%d files)", target, n))
	}
	e.printf("wrote the example datasets built into the program: %s\n", strings.Join(written, msg.T(e.lang, ", ")))
	main, prior := e.sampleYears(names)
	e.printf("  budgetxl fill %s   fills its workbook\n", filepath.Join(dir, main))
	if prior != "" {
		e.printf("  budgetxl explain %s --prior %s   drafts its 情况说明 against the prior year\n", filepath.Join(dir, main), filepath.Join(dir, prior))
	}
	e.printf("  a dataset of your own is a folder like these: your unit.toml and a file per table\n")
	return ExitOK
}

// sampleYears picks among the built-in samples the one to fill first (the
// one the built-in configuration fills, else the first) and its prior
// year's: the sample of the same unit a year before; "" for none.
func (e *env) sampleYears(names []string) (main, prior string) {
	main = names[0]
	if base := path.Base(e.config.Dataset); e.config.Builtin && slices.Contains(names, base) {
		main = base
	}
	unit := func(name string) (dataset.Unit, error) {
		return dataset.ReadUnit(dataset.Folder{FS: e.builtinDir(path.Join(SampleDir, name)), Path: name})
	}
	u, err := unit(main)
	if err != nil {
		return main, ""
	}
	for _, name := range names {
		if p, err := unit(name); err == nil && p.Name == u.Name && p.Code == u.Code && p.Year == u.Year-1 {
			return main, name
		}
	}
	return main, ""
}

// builtinSamples are the names of the dataset folders built into the
// program under samples/ (those holding a unit.toml), in name order: the
// prior year before its year.
func (e *env) builtinSamples() []string {
	dir := e.builtinDir(SampleDir)
	if dir == nil {
		return nil
	}
	entries, err := fs.ReadDir(dir, ".")
	if err != nil {
		return nil
	}
	var names []string
	for _, en := range entries {
		if _, err := fs.Stat(dir, path.Join(en.Name(), "unit.toml")); en.IsDir() && err == nil {
			names = append(names, en.Name())
		}
	}
	return names
}
