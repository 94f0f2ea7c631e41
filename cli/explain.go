package cli

import (
	"io"
	"os"
	"path/filepath"
	"strings"

	"budgetxl/dataset"
	"budgetxl/docx"
	"budgetxl/explain"
	"budgetxl/msg"
	"budgetxl/output"
	"budgetxl/pack"
	"budgetxl/plan"
)

// runExplain drafts the 收支预算情况说明 of a unit from its dataset (and
// the prior year's) as .docx or plain text.
func runExplain(e *env, args []string) int {
	fs := e.flags("explain")
	out := fs.StringP("out", "o", "", msg.T(e.lang, "text to write, .docx or .txt (default: OUT/<dataset folder>-情况说明.docx, OUT from config.toml)"))
	prior := fs.String("prior", "", msg.T(e.lang, "the prior year's dataset folder (default: prior in unit.toml)"))
	templates := fs.String("templates", "", msg.T(e.lang, "folder of template packs (default: templates in config.toml)"))
	valueName(fs, "out", "FILE")
	valueName(fs, "prior", "DIR")
	valueName(fs, "templates", "DIR")
	if ok, status := e.parse(fs, "usage: budgetxl explain [flags] [DATASET_DIR]\n\nDrafts the unit's 收支预算情况说明 from its tables, section by section in the words of the pack's templates: every figure from the planned workbook, changes against the prior year's dataset, a slot for each reason a change over the pack's threshold needs and for each fact the dataset does not give. Writes .docx (for Word and WPS) or plain text.", args); !ok {
		return status
	}
	dir, err := e.datasetArg("explain", fs.Args())
	if err != nil {
		return e.fail(ExitInput, err)
	}
	packs, err := e.packs(*templates)
	if err != nil {
		return e.fail(ExitInput, err)
	}
	path := *out
	if path == "" {
		path = filepath.Join(e.config.Out, dir.name+"-情况说明.docx")
	}
	ext := strings.ToLower(filepath.Ext(path))
	if ext != ".docx" && ext != ".txt" {
		return e.fail(ExitInput, msg.Errorf("%s: write the text as .docx or .txt", path))
	}
	p, d, err := openDataset(dir, *prior, packs)
	if err != nil {
		return e.fail(ExitInput, err)
	}
	if err := e.guard(path, inputsOf(dir, p, d)...); err != nil {
		return e.fail(ExitInput, err)
	}
	book, err := plan.Build(p, d)
	if err != nil {
		return e.fail(ExitInput, err)
	}
	if p.Explain == nil {
		return e.fail(ExitInput, msg.Errorf("template pack %s has no 情况说明 templates (explain in pack.toml): see templates.md of the documentation, which budgetxl docs writes", p.ID))
	}
	doc := explain.Draft(explain.FromDataset(p, book, d))
	err = output.File(path, func(f *os.File) error {
		if ext == ".docx" {
			return docx.Encode(f, docxOf(doc))
		}
		_, err := io.WriteString(f, doc.Text())
		return err
	}, nil)
	if err != nil {
		return e.fail(ExitInput, msg.Errorf("%s: cannot write the text: %v", path, err))
	}
	e.printf("wrote %s\n", path)
	e.printf("  %s, %d paragraphs\n", doc.Title, len(doc.Blocks))
	all, known := doc.Changes()
	missing, priorFigures := doc.Unknown()
	switch {
	case d.Prior == nil && priorFigures > 0:
		e.printf("  no prior year's dataset (--prior or prior in unit.toml): the %d changes and %d figures of %d are left as slots\n", all, priorFigures, d.Unit.Year-1)
	case d.Prior == nil:
		e.printf("  no prior year's dataset (--prior or prior in unit.toml): the %d changes are left as slots\n", all)
	case known < all:
		e.printf("  prior year: %s; %d of %d changes are left as slots (a fact of either year is missing)\n", d.Prior.Data.Dir, all-known, all)
	default:
		e.printf("  prior year: %s; %d changes computed\n", d.Prior.Data.Dir, all)
	}
	if n := len(book.Differences); n > 0 {
		e.printf("  %d published figures of the dataset differ from their formulas: the text gives the formulas' values, as the workbook does (budgetxl fill lists them)\n", n)
	}
	reasons, facts := doc.Slots()
	var todo []string // only what there is to fill in
	if reasons > 0 {
		todo = append(todo, msg.T(e.lang, "%d reasons of changes over %s%%", reasons, p.Explain.Threshold))
	}
	if facts > 0 {
		todo = append(todo, msg.T(e.lang, "%d facts the dataset does not give (%s; explain.toml in the dataset gives them)", facts, e.list(missing)))
	}
	switch {
	case len(todo) > 0:
		e.printf("  to fill in before publishing: %s\n", strings.Join(todo, msg.T(e.lang, "; ")))
	case d.Prior != nil && known == all:
		e.printf("  nothing is left to fill in; budgetxl verify checks the text beside the workbook\n")
	}
	return ExitOK
}

// openDataset reads a dataset and its prior year's: prior, else the one
// its unit.toml names, if any.
func openDataset(dir datasetIn, prior string, packs pack.Library) (*pack.Pack, *dataset.Dataset, error) {
	p, d, err := dataset.OpenFolder(dir.Folder, packs)
	if err != nil {
		return nil, nil, err
	}
	if prior == "" {
		prior = d.PriorDir()
	}
	if prior != "" {
		if d.Prior, err = dataset.OpenPrior(d, p, prior, packs); err != nil {
			return nil, nil, err
		}
	}
	return p, d, nil
}

// inputsOf are the folders a command reads for dataset d in dir: the
// dataset's, its pack's, and the prior year's dataset and pack; no output
// may be one. Folders built into the program are none of them.
func inputsOf(dir datasetIn, p *pack.Pack, d *dataset.Dataset) []string {
	in := []string{dir.disk, packDir(p)}
	if d.Prior != nil {
		in = append(in, d.Prior.Data.Dir, packDir(d.Prior.Pack))
	}
	return in
}

// docxOf turns a draft into the .docx model.
func docxOf(d *explain.Doc) *docx.Doc {
	out := &docx.Doc{Title: d.Title, Styles: docxStyles(d.Style)}
	out.Blocks = append(out.Blocks, docx.Block{Style: docx.Title, Text: d.Title})
	for _, b := range d.Blocks {
		switch b.Style {
		case pack.StyleTable:
			var rows [][]string
			for _, r := range b.Rows {
				var text strings.Builder
				for _, s := range r {
					text.WriteString(s.Text)
				}
				rows = append(rows, strings.Split(text.String(), "\t"))
			}
			out.Blocks = append(out.Blocks, docx.Block{Style: docx.Table, Rows: rows})
		case pack.StyleHeading1:
			out.Blocks = append(out.Blocks, docx.Block{Style: docx.Heading1, Text: b.Text()})
		case pack.StyleHeading2:
			out.Blocks = append(out.Blocks, docx.Block{Style: docx.Heading2, Text: b.Text()})
		default:
			out.Blocks = append(out.Blocks, docx.Block{Style: docx.Body, Text: b.Text()})
		}
	}
	return out
}
