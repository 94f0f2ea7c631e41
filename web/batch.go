package web

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"budgetxl/annotate"
	"budgetxl/extract"
	"budgetxl/msg"
	"budgetxl/pack"
	"budgetxl/verify"
	"budgetxl/workbook"
)

// Result is one workbook of a review: verify's report, or why the file
// could not be read (Err).
type Result struct {
	Name   string
	Report *verify.Report // nil when Err is not nil
	Err    error
}

// Checker is what the review page needs from a batch verify: each
// workbook's result, with progress, and the summary a reviewer forwards.
// It is the one seam between this package and the batch verify of the
// command line: the default (fileChecker) verifies the files one by one
// with package verify and writes a summary of one row per file as CSV; a
// batch package that writes the summary workbook replaces it by
// implementing these three methods (Options.Checker, set in cli/serve.go).
type Checker interface {
	// Check checks every file, calling done once per file with its index
	// (from any goroutine, in any order); it returns when all are done
	// or ctx is cancelled.
	Check(ctx context.Context, files []File, packs pack.Library, lim workbook.Limits, done func(i int, r Result))
	// Formats are the summary formats Summary writes (file extensions:
	// "csv", "xlsx").
	Formats() []string
	// Summary writes the summary of results in format, in language l.
	Summary(results []Result, format string, l msg.Lang) ([]byte, error)
}

// fileChecker verifies files one at a time with package verify.
type fileChecker struct{}

func (fileChecker) Check(ctx context.Context, files []File, packs pack.Library, lim workbook.Limits, done func(i int, r Result)) {
	for i, f := range files {
		if ctx.Err() != nil {
			return
		}
		done(i, checkFile(f, packs, lim))
	}
}

func (fileChecker) Formats() []string { return []string{"csv"} }

// Summary writes one row per file as CSV, UTF-8 with a BOM (which Chinese
// Excel needs to open it ungarbled).
func (fileChecker) Summary(results []Result, format string, l msg.Lang) ([]byte, error) {
	if format != "csv" {
		return nil, msg.Errorf("no summary as %s", format)
	}
	var b bytes.Buffer
	b.WriteString("\ufeff")
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	head := []string{msg.T(l, "file"), msg.T(l, "unit"), msg.T(l, "unit code"), msg.T(l, "template pack id"), msg.T(l, "version"),
		msg.T(l, "errors"), msg.T(l, "warnings"), msg.T(l, "notes"), msg.T(l, "status"), msg.T(l, "reason")}
	if err := w.Write(head); err != nil {
		return nil, err
	}
	for _, r := range results {
		row := []string{r.Name, "", "", "", "", "", "", "", statusText(l, r), ""}
		if r.Err != nil {
			row[9] = msg.Render(l, r.Err)
		} else {
			rep := r.Report
			row[1], row[2], row[3], row[4] = rep.Unit.Name, rep.Unit.Code, rep.Pack.ID, rep.Pack.Version
			row[5], row[6], row[7] = strconv.Itoa(rep.Count(verify.Error)), strconv.Itoa(rep.Count(verify.Warning)), strconv.Itoa(rep.Count(verify.Note))
		}
		for i := range row {
			row[i] = csvSafe(row[i])
		}
		if err := w.Write(row); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return b.Bytes(), w.Error()
}

// csvSafe keeps a spreadsheet from running a cell as a formula: a value
// that begins with = + - or @ gets a leading apostrophe.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@", rune(s[0])) {
		return "'" + s
	}
	return s
}

// checkFile verifies one uploaded workbook. It is read from memory under
// its displayed name; the report's messages name that name. verify looks
// for a 情况说明 beside the path it is given, so the path is one in a new
// empty temporary folder: nothing of the browser's reaches the disk.
func checkFile(f File, packs pack.Library, lim workbook.Limits) (res Result) {
	res = Result{Name: f.Name}
	defer func() { // the review runs beside the server: a fault must not stop it
		if p := recover(); p != nil {
			res = Result{Name: f.Name, Err: msg.Errorf("%s: checking it failed inside budgetxl (%v): please report this, with the file", f.Name, p)}
		}
	}()
	wb, err := workbook.Decode(f.Name, bytes.NewReader(f.Data), int64(len(f.Data)), lim)
	if err != nil {
		res.Err = err
		return res
	}
	p, err := extract.FindPack(wb, f.Name, packs)
	if err != nil {
		res.Err = err
		return res
	}
	dir, err := os.MkdirTemp("", "budgetxl-serve-")
	if err != nil {
		res.Err = msg.Errorf("cannot make a temporary folder: %v", msg.File(err))
		return res
	}
	defer os.RemoveAll(dir)
	names := map[string]string{filepath.Join(dir, "workbook.xlsx"): f.Name}
	if f.Text != nil { // beside the workbook, where verify looks for it
		text := filepath.Join(dir, "workbook-情况说明"+strings.ToLower(filepath.Ext(f.Text.Name)))
		if err := os.WriteFile(text, f.Text.Data, 0o600); err != nil {
			res.Err = msg.Errorf("cannot write a temporary file: %v", msg.File(err))
			return res
		}
		names[text] = f.Text.Name
	}
	r, err := verify.Book(filepath.Join(dir, "workbook.xlsx"), wb, p)
	if err != nil {
		res.Err = scrubbed{zh: rename(msg.Render(msg.ZH, err), names, dir), en: rename(msg.Render(msg.EN, err), names, dir)}
		return res
	}
	r.File = f.Name
	if r.Text != "" {
		r.Text = f.Text.Name
	}
	for i := range r.Findings {
		fd := &r.Findings[i]
		fd.ZH, fd.EN = rename(fd.ZH, names, dir), rename(fd.EN, names, dir)
		if fd.Text != "" {
			fd.Text = f.Text.Name
		}
	}
	res.Report = r
	return res
}

// annotated writes the annotated copy of a checked upload (see package
// annotate) and returns its bytes. The workbook and its copy are written
// under this package's names in a temporary folder, removed at the end.
func annotated(f File, r *verify.Report, l msg.Lang) ([]byte, error) {
	dir, err := os.MkdirTemp("", "budgetxl-serve-")
	if err != nil {
		return nil, msg.Errorf("cannot make a temporary folder: %v", msg.File(err))
	}
	defer os.RemoveAll(dir)
	in, out := filepath.Join(dir, "workbook.xlsx"), filepath.Join(dir, "annotated.xlsx")
	if err := os.WriteFile(in, f.Data, 0o600); err != nil {
		return nil, msg.Errorf("cannot write a temporary file: %v", msg.File(err))
	}
	rc := *r
	rc.File = in
	if err := annotate.Write(&rc, out, l); err != nil {
		return nil, scrubError(err, dir)
	}
	return os.ReadFile(out)
}

// rename writes the files of a temporary folder in a message by the names
// they were sent under, and takes the folder out of the rest.
func rename(s string, names map[string]string, dir string) string {
	for path, name := range names {
		s = strings.ReplaceAll(s, path, name)
	}
	return scrub(s, dir)
}

// scrub takes a temporary folder's path out of a message: the file inside
// it is named by its own name.
func scrub(s, dir string) string {
	return strings.ReplaceAll(s, dir+string(filepath.Separator), "")
}

// scrubbed is an error rendered in each language with the temporary
// folder taken out.
type scrubbed struct{ zh, en string }

func (e scrubbed) Error() string { return e.en }

// In renders the error in language l.
func (e scrubbed) In(l msg.Lang) string {
	if l == msg.EN {
		return e.en
	}
	return e.zh
}

func scrubError(err error, dir string) error {
	return scrubbed{zh: scrub(msg.Render(msg.ZH, err), dir), en: scrub(msg.Render(msg.EN, err), dir)}
}

// status keys of a result, worst first.
const (
	statusUnreadable = "unreadable"
	statusErrors     = "errors"
	statusWarnings   = "warnings"
	statusNotes      = "notes"
	statusClean      = "clean"
)

// status is a result's status key.
func status(r Result) string {
	switch {
	case r.Err != nil:
		return statusUnreadable
	case r.Report.Count(verify.Error) > 0:
		return statusErrors
	case r.Report.Count(verify.Warning) > 0:
		return statusWarnings
	case r.Report.Count(verify.Note) > 0:
		return statusNotes
	}
	return statusClean
}

// statusText is a result's status in words.
func statusText(l msg.Lang, r Result) string {
	switch status(r) {
	case statusUnreadable:
		return msg.T(l, "cannot be read")
	case statusErrors:
		return msg.T(l, "has errors")
	case statusWarnings:
		return msg.T(l, "warnings only")
	case statusNotes:
		return msg.T(l, "notes only")
	}
	return msg.T(l, "no findings")
}
