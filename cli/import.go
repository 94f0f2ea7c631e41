package cli

import (
	"errors"
	"path/filepath"
	"strings"

	"budgetxl/dataset"
	"budgetxl/msg"
	"budgetxl/pack"
	"budgetxl/pdftext"
)

// runImport reads published tables, as text extracted from a PDF, into a
// dataset folder. Exit status 1 when lines could not be placed or a table
// that fill needs is not in the text (the folder is written all the same,
// and the files to add are named), 2 when nothing could be read.
func runImport(e *env, args []string) int {
	fs := e.flags("import")
	out := fs.StringP("out", "o", "", msg.T(e.lang, "dataset folder to write (required)"))
	templates := fs.String("templates", "", msg.T(e.lang, "a template pack folder, or a folder of packs (default: templates in config.toml)"))
	packID := fs.String("pack", "", msg.T(e.lang, "the template pack, when the templates folder holds several"))
	name := fs.String("name", "", msg.T(e.lang, "the unit's name (default: from the titles)"))
	code := fs.String("code", "", msg.T(e.lang, "the unit's code, which published tables do not give (default: empty)"))
	department := fs.String("department", "", msg.T(e.lang, "the unit's department (default: from the performance-target tables)"))
	encoding := e.encodingFlag(fs)
	valueName(fs, "out", "DIR")
	valueName(fs, "templates", "DIR")
	valueName(fs, "pack", "PACK")
	valueName(fs, "name", "NAME")
	valueName(fs, "code", "CODE")
	valueName(fs, "department", "DEPARTMENT")
	if ok, status := e.parse(fs, "usage: budgetxl import FILE -o DIR\n\nReads published budget tables, as text extracted from a PDF (one table row a line, cells separated by tabs), into a dataset folder in canonical form. Lists every line it could not place, with its line number, and every table fill needs that the text does not hold, with the file to add; exit status 1 when there is any. See import.md of the documentation, which budgetxl docs writes.", args); !ok {
		return status
	}
	if fs.NArg() != 1 || *out == "" {
		return e.fail(ExitInput, msg.Errorf("usage: budgetxl import FILE -o DIR"))
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
	raw, err := dataset.ReadPath(path, pdftext.MaxTextBytes)
	if err != nil {
		return e.fail(ExitInput, err)
	}
	text, err := dataset.Decode(raw)
	if err != nil {
		return e.fail(ExitInput, msg.Errorf("%s: not text: save the extracted text as UTF-8 or GB18030", path))
	}
	if err := dataset.CheckLines(path, text, pdftext.MaxLineBytes, pdftext.MaxLines); err != nil {
		return e.fail(ExitInput, err)
	}
	p, err := importPack(packs, *packID)
	if err != nil {
		return e.fail(ExitInput, err)
	}
	if err := e.guard(*out, path, p.Dir); err != nil {
		return e.fail(ExitInput, err)
	}
	d, unplaced, err := pdftext.Parse(text, p, pdftext.Options{Name: *name, Code: *code, Department: *department})
	if err != nil {
		var errs []error
		for _, err := range msg.Split(err) {
			if le, ok := err.(*pdftext.LineError); ok {
				errs = append(errs, msg.Errorf("%s:%d: %v", path, le.Line, le.Why))
			} else {
				errs = append(errs, msg.Errorf("%s: %v", path, err))
			}
		}
		return e.fail(ExitInput, errors.Join(errs...))
	}
	if err := dataset.WriteEncoded(d, p, *out, enc); err != nil {
		return e.fail(ExitInput, err)
	}
	e.printf("wrote dataset %s (%s, pack %s)\n", *out, d.Unit.Name, e.packName(p))
	var forms, empty []string
	var needed []*pack.Table
	for _, t := range p.Tables {
		switch f := d.Forms[t.ID]; {
		case f != nil:
			forms = append(forms, msg.T(e.lang, "%s %d", t.Sheet, len(f.Records)))
		case d.Tables[t.ID] != nil:
		case t.EmptyNote != "":
			empty = append(empty, t.Sheet)
		default:
			needed = append(needed, t)
		}
	}
	e.printf("  %d budget tables, amounts in %s\n", len(d.Tables), d.Unit.AmountUnit)
	if len(forms) > 0 {
		e.printf("  records of the forms: %s\n", e.list(forms))
	}
	if len(empty) > 0 {
		e.printf("  not in the text, so fill writes them empty with the pack's note: %s\n", e.list(empty))
	}
	if len(needed) > 0 {
		e.printf("  not in the text, and fill needs them: add each file, or import a text that holds these tables too:\n")
		for _, t := range needed {
			file := filepath.Join(*out, dataset.FileName(t))
			if t.Kind == pack.KindForm {
				e.printf("    %s (%s): the form's records, as extract and import write them (for an example, budgetxl sample writes samples/demo-2025/%s)\n", file, t.Sheet, dataset.FileName(t))
			} else {
				e.printf("    %s (%s): first line %s, then the table's rows\n", file, t.Sheet, strings.Join(dataset.Header(t), ","))
			}
		}
	}
	if d.Unit.Code == "" {
		e.printf("  unit.toml: code is empty (published tables do not give it): set it with --code\n")
	}
	if d.Unit.Department == "" {
		e.printf("  unit.toml: department is empty (no form gives it): set it with --department\n")
	}
	if len(unplaced) > 0 {
		e.printf("%d lines could not be placed:\n", len(unplaced))
		for i, u := range unplaced {
			if i == msg.MaxErrors {
				e.printf("  %d more lines not listed\n", len(unplaced)-i)
				break
			}
			e.printf("  %s:%d: %v: %q\n", path, u.Line, u.Why, msg.Cut(u.Text))
		}
	}
	if len(unplaced) > 0 || len(needed) > 0 {
		return ExitProblems
	}
	return ExitOK
}

// importPack loads the template pack to read with: the one with id, else
// the library's default (see pack.Library.Default).
func importPack(packs pack.Library, id string) (*pack.Pack, error) {
	if id != "" {
		e, ok := packs.Lookup(id)
		if !ok {
			return nil, msg.Errorf("there is no template pack %q (known: %s)", id, packs.Known())
		}
		return e.Load()
	}
	e, ok := packs.Default()
	if !ok {
		return nil, msg.Errorf("there are several template packs (%s): choose one with --pack", packs.Known())
	}
	return e.Load()
}
