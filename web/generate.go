package web

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"budgetxl/dataset"
	"budgetxl/fill"
	"budgetxl/msg"
	"budgetxl/office"
	"budgetxl/pack"
	"budgetxl/plan"
	"budgetxl/verify"
)

// fillResult is what a fill wrote: the workbook, its report, the PDF.
type fillResult struct {
	Name     string // the workbook's file name
	Unit     string
	Workbook []byte
	PDF      []byte
	// PDFError says why no PDF was written when one was asked for.
	PDFError error
	// Report is the fill report, one line each, in each language.
	Report map[msg.Lang][]string
	Errors int // verify's errors in the written workbook
}

// fillView is the fill page's state.
type fillView struct {
	Office  bool // LibreOffice is here: the PDF can be asked for
	ID      string
	Result  *fillResult
	Samples []string
	// Report and PDFError are the result's, in the language of the page.
	Report   []string
	PDFError string
}

func (s *Server) hasOffice() bool {
	_, err := office.Find(s.opt.Office.Soffice)
	return err == nil
}

func (s *Server) fillPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, "fill", "fill", fillView{Office: s.hasOffice(), Samples: s.samples()})
}

// fillPost fills the workbook of the dataset sent and shows what was written.
func (s *Server) fillPost(w http.ResponseWriter, r *http.Request) {
	l := s.lang(r)
	res, err := s.fill(w, r, l)
	if err != nil {
		s.render(w, r, "fill", "fill", fillView{Office: s.hasOffice(), Samples: s.samples()}, err)
		return
	}
	j, err := s.jobs.add("fill", int64(len(res.Workbook)+len(res.PDF)))
	if err != nil {
		s.render(w, r, "fill", "fill", fillView{Office: s.hasOffice(), Samples: s.samples()}, err)
		return
	}
	j.mu.Lock()
	j.fill, j.finished = res, true
	j.mu.Unlock()
	http.Redirect(w, r, "/fill/"+j.id, http.StatusSeeOther)
}

// fill reads the dataset of a request and writes its workbook, checked as
// verify checks it, and its PDF when asked for.
func (s *Server) fill(w http.ResponseWriter, r *http.Request, l msg.Lang) (*fillResult, error) {
	f, err := s.readForm(w, r)
	if err != nil {
		return nil, err
	}
	src := f.value("source")
	if src != "sample" {
		src = "upload"
	}
	folder, err := s.datasetFolder(f, src, l)
	if err != nil {
		return nil, err
	}
	p, d, err := dataset.OpenFolder(folder, s.opt.Packs)
	if err != nil {
		return nil, err
	}
	book, err := plan.Build(p, d)
	if err != nil {
		return nil, err
	}
	if len(book.PriorConflicts) > 0 {
		var errs []error
		for _, pc := range book.PriorConflicts {
			errs = append(errs, msg.Errorf("%s!%s %s: the dataset gives %s, the prior year's dataset %s: correct one of them", pc.Sheet, pc.Cell, pc.Label(), plan.Money(pc.Given), plan.Money(pc.Prior)))
		}
		return nil, errors.Join(errs...)
	}
	dir, err := os.MkdirTemp("", "budgetxl-serve-")
	if err != nil {
		return nil, msg.Errorf("cannot make a temporary folder: %v", msg.File(err))
	}
	defer os.RemoveAll(dir)
	// The workbook is named as its dataset's folder: the sample's, the
	// zip's; files sent without a zip are named by the unit, as a blank
	// form is, so that the workbooks of many units are told apart.
	name := filepath.Base(folder.Path)
	if src == "upload" {
		name = folder.Path
		if u := displayName(d.Unit.Name); u != "" && !zipped(f.files["dataset"]) {
			name = u
		}
	}
	res := &fillResult{Name: strings.TrimPrefix(name, s.opt.SamplesName) + ".xlsx", Unit: d.Unit.Name, Report: map[msg.Lang][]string{}}
	out := filepath.Join(dir, "workbook.xlsx")
	written := &verify.Written{Path: out, Pack: p}
	if err := fill.Write(book, out, fill.Options{Password: s.opt.Password, Check: written.Check}); err != nil {
		return nil, scrubError(err, dir)
	}
	if res.Workbook, err = os.ReadFile(out); err != nil {
		return nil, msg.Errorf("cannot read the written workbook: %v", msg.File(err))
	}
	res.Errors = written.Report.Count(verify.Error)
	for _, lang := range []msg.Lang{msg.ZH, msg.EN} {
		res.Report[lang] = fillReport(lang, book, d, p, written.Report, dir)
		if d.Unit.Prior != "" {
			res.Report[lang] = append(res.Report[lang], msg.T(lang, "unit.toml names a prior year's dataset (prior = %q): the web page does not read it; fill it with budgetxl fill to compare with the prior year", msg.Cut(d.Unit.Prior)))
		}
	}
	if f.value("pdf") != "" {
		pdf, err := s.printPDF(out)
		if err != nil {
			res.PDFError = scrubError(err, dir)
		}
		res.PDF = pdf
	}
	return res, nil
}

// printPDF prints the workbook at path through LibreOffice.
func (s *Server) printPDF(path string) ([]byte, error) {
	run, err := office.New(s.opt.Office)
	if err != nil {
		return nil, err
	}
	var pdf []byte
	err = run.Convert(context.Background(), office.PDF, []string{path}, func(_ int, result string) error {
		b, err := os.ReadFile(result)
		pdf = b
		return err
	})
	return pdf, err
}

// fillReport is what a fill wrote and what verify finds in it, line by
// line: the counts, the tables written empty, the plan's warnings, every
// published figure that differs from its formula, every finding.
func fillReport(l msg.Lang, book *plan.Book, d *dataset.Dataset, p *pack.Pack, r *verify.Report, dir string) []string {
	var out []string
	printf := func(format string, args ...any) { out = append(out, msg.T(l, format, args...)) }
	formulas, inputs := 0, 0
	var empty []string
	for _, sh := range book.Sheets {
		if sh.Empty {
			empty = append(empty, sh.Name)
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
	printf("%s: %d sheets, %d formulas, %d input amounts (%s)", d.Unit.Name, len(book.Sheets), formulas, inputs, d.Unit.AmountUnit)
	where := p.Dir
	if p.Builtin {
		where = msg.T(l, "built-in")
	}
	printf("template pack %s %s (%s)", p.ID, p.Version, where)
	if len(empty) > 0 {
		printf("written empty, with the pack's note (no data): %s", strings.Join(empty, msg.T(l, ", ")))
	}
	for _, w := range book.Warnings {
		out = append(out, severityText(l, verify.Warning)+" "+scrub(msg.Render(l, w), dir))
	}
	if len(book.Differences) == 0 {
		printf("every published figure in the dataset equals its formula")
	} else {
		within := 0
		for _, df := range book.Differences {
			if df.Within {
				within++
			}
		}
		printf("%d published figures differ from their formulas (%d within rounding, %d beyond); the workbook shows the formulas' values:", len(book.Differences), within, len(book.Differences)-within)
		for _, df := range book.Differences {
			verdict := msg.T(l, "within rounding")
			if !df.Within {
				verdict = msg.T(l, "BEYOND rounding")
			}
			printf("%s!%s %s · %s: published %s, computed %s, difference %s, %s", df.Sheet, df.Cell, df.Row, df.Column, plan.Money(df.Published), plan.Money(df.Computed), plan.Money(df.Delta), verdict)
		}
	}
	printf("checked as budgetxl verify checks it: %d errors, %d warnings, %d notes", r.Count(verify.Error), r.Count(verify.Warning), r.Count(verify.Note))
	for _, f := range r.Findings {
		where := f.Sheet
		if f.Cell != "" {
			where += "!" + f.Cell
		}
		out = append(out, severityText(l, f.Severity)+" "+where+" "+f.Rule+": "+scrub(f.Message(l), dir))
	}
	if r.Count(verify.Error) > 0 && d.Unit.Note != "" {
		printf("note of %s: %s", dataset.UnitFile, d.Unit.Note)
	}
	return out
}

// fillResultPage shows what a fill wrote, with its downloads.
func (s *Server) fillResultPage(w http.ResponseWriter, r *http.Request) {
	j := s.jobs.get(r.PathValue("id"), "fill")
	if j == nil {
		s.notFound(w, r)
		return
	}
	l := s.lang(r)
	v := fillView{ID: j.id, Result: j.fill, Report: j.fill.Report[l]}
	if j.fill.PDFError != nil {
		v.PDFError = msg.Render(l, j.fill.PDFError)
	}
	s.render(w, r, "fill_result", "fill", v)
}

// fillDownload sends one file a fill wrote: the workbook, the PDF, the report.
func (s *Server) fillDownload(w http.ResponseWriter, r *http.Request) {
	j := s.jobs.get(r.PathValue("id"), "fill")
	if j == nil {
		s.notFound(w, r)
		return
	}
	res := j.fill
	switch r.PathValue("file") {
	case "workbook":
		download(w, res.Name, typeXLSX, res.Workbook)
	case "pdf":
		if res.PDF == nil {
			s.notFound(w, r)
			return
		}
		download(w, stem(res.Name)+".pdf", typePDF, res.PDF)
	case "report":
		l := s.lang(r)
		download(w, stem(res.Name)+msg.T(l, "-fill report")+".txt", typeText, []byte("\ufeff"+strings.Join(res.Report[l], "\r\n")+"\r\n"))
	default:
		s.notFound(w, r)
	}
}
