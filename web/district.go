package web

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"budgetxl/msg"
	"budgetxl/pack"
	"budgetxl/review"
	"budgetxl/verify"
	"budgetxl/workbook"
)

// reviewChecker checks a review's workbooks with package review, the
// batch verify of the command line (budgetxl verify FOLDER): in parallel,
// with its checks across the files of one run (the same unit twice, one
// pack in different versions), and writes its summary workbook or CSV.
//
// review reads files on disk: each upload is written, under a name this
// package chooses (0001.xlsx, its 情况说明 beside it as
// 0001-情况说明.docx), in a temporary folder removed when the run ends;
// the messages name the files by the names they were sent under.
type reviewChecker struct{}

func (reviewChecker) Check(ctx context.Context, files []File, packs pack.Library, lim workbook.Limits, done func(i int, r Result)) {
	dir, err := os.MkdirTemp("", "budgetxl-serve-")
	if err != nil {
		for i, f := range files {
			done(i, Result{Name: f.Name, Err: msg.Errorf("cannot make a temporary folder: %v", msg.File(err))})
		}
		return
	}
	defer os.RemoveAll(dir)
	names := map[string]string{} // temporary path → name sent under
	inputs := make([]review.Input, len(files))
	for i, f := range files {
		path := filepath.Join(dir, fmt.Sprintf("%04d.xlsx", i+1))
		inputs[i] = review.Input{Path: path, Name: f.Name}
		names[path] = f.Name
		err := os.WriteFile(path, f.Data, 0o600)
		if err == nil && f.Text != nil { // beside the workbook, where verify looks for it
			text := filepath.Join(dir, fmt.Sprintf("%04d-情况说明%s", i+1, strings.ToLower(filepath.Ext(f.Text.Name))))
			names[text] = f.Text.Name
			err = os.WriteFile(text, f.Text.Data, 0o600)
		}
		if err != nil {
			inputs[i].Err = msg.Errorf("cannot write a temporary file: %v", msg.File(err))
		}
	}
	loaded := map[string]*pack.Pack{}
	result := func(f *review.File) Result {
		res := Result{Name: f.Name}
		if f.Err != nil {
			res.Err = scrubbed{zh: rename(msg.Render(msg.ZH, f.Err), names, dir), en: rename(msg.Render(msg.EN, f.Err), names, dir)}
			return res
		}
		p := loaded[f.Pack]
		if p == nil { // the pack the file was checked with, for its annotated copy
			p = &pack.Pack{ID: f.Pack, Version: f.Version, Dir: f.PackDir, Builtin: f.Builtin}
			if e, ok := packs.Lookup(f.Pack); ok {
				if lp, err := e.Load(); err == nil {
					p = lp
				}
			}
			loaded[f.Pack] = p
		}
		r := &verify.Report{File: f.Name, Pack: p, Unit: f.Unit, Findings: append([]verify.Finding(nil), f.Findings...)}
		if f.Text != "" {
			r.Text = names[f.Text]
		}
		for i := range r.Findings {
			fd := &r.Findings[i]
			fd.ZH, fd.EN = rename(fd.ZH, names, dir), rename(fd.EN, names, dir)
			if fd.Text != "" {
				fd.Text = names[fd.Text]
			}
		}
		res.Report = r
		return res
	}
	next := 0
	opt := review.Options{
		Verify: verify.Options{Templates: packs.Dir, Builtin: packs.Builtin, BuiltinName: packs.BuiltinName, Limits: lim},
		Each:   func(f *review.File) { done(next, result(f)); next++ },
	}
	run, err := review.Check(ctx, inputs, opt)
	if err != nil {
		for i, f := range files {
			done(i, Result{Name: f.Name, Err: err})
		}
		return
	}
	// The checks across the files come after each file's own: the files
	// they added findings to are given again.
	for i, f := range run.Files {
		done(i, result(f))
	}
}

func (reviewChecker) Formats() []string { return []string{"xlsx", "csv"} }

// Summary writes review's summary of the results: the workbook a reviewer
// forwards, or its list of files as CSV. The files are named as they were
// sent, and each file with findings names its annotated copy as the page
// downloads it: the link works once both are saved in one folder.
func (reviewChecker) Summary(results []Result, format string, l msg.Lang) ([]byte, error) {
	run := &review.Run{}
	for _, r := range results {
		f := &review.File{Input: review.Input{Path: r.Name, Name: r.Name, Err: r.Err}}
		if rep := r.Report; rep != nil {
			f.Unit, f.Text, f.Findings = rep.Unit, rep.Text, rep.Findings
			f.Pack, f.Version, f.PackDir, f.Builtin = rep.Pack.ID, rep.Pack.Version, rep.Pack.Dir, rep.Pack.Builtin
			if len(rep.Findings) > 0 {
				f.Annotated = annotatedName(r.Name, l)
			}
		}
		run.Files = append(run.Files, f)
	}
	var b bytes.Buffer
	var err error
	switch format {
	case "xlsx":
		err = review.EncodeXLSX(&b, run, "", l)
	case "csv":
		err = review.EncodeCSV(&b, run, "", l)
	default:
		return nil, msg.Errorf("no summary as %s", format)
	}
	return b.Bytes(), err
}
