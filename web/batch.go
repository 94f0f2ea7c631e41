package web

import (
	"context"
	"os"
	"path/filepath"
	"strings"

	"budgetxl/annotate"
	"budgetxl/msg"
	"budgetxl/pack"
	"budgetxl/review"
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
// command line: reviewChecker (district.go) implements it with package
// review; a test or another batch verify implements these three methods
// and is given as Options.Checker.
type Checker interface {
	// Check checks every file, calling done with each file's index and
	// result (from any goroutine, one call at a time; a file may be given
	// again with more findings, such as the checks across files); it
	// returns when all are done or ctx is cancelled.
	Check(ctx context.Context, files []File, packs pack.Library, lim workbook.Limits, done func(i int, r Result))
	// Formats are the summary formats Summary writes (file extensions:
	// "xlsx", "csv").
	Formats() []string
	// Summary writes the summary of results in format, in language l.
	Summary(results []Result, format string, l msg.Lang) ([]byte, error)
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
	if !strings.Contains(s, dir) {
		return s
	}
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

// status is a result's status, as review words it for a district's
// summary: review.Unreadable, review.Errors, review.Warnings, review.Notes
// or review.Clean (review.StatusText words it).
func status(r Result) string {
	f := review.File{Input: review.Input{Err: r.Err}}
	if r.Report != nil {
		f.Findings = r.Report.Findings
	}
	return f.Status()
}
