package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"path"
	"strconv"
	"strings"

	"budgetxl/msg"
	"budgetxl/review"
	"budgetxl/verify"
	"budgetxl/workbook"
)

// reviewPage is the first page: drop workbooks to check.
func (s *Server) reviewPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, "review", "review", nil)
}

// reviewPost starts the review of the workbooks sent and answers with
// where its results will be: JSON for the page's script, a redirect for a
// plain form.
func (s *Server) reviewPost(w http.ResponseWriter, r *http.Request) {
	f, err := s.readForm(w, r)
	if err == nil { // of a folder (a form sent without the script), its workbooks
		for _, u := range f.files["folder"] {
			if strings.EqualFold(path.Ext(u.Name), ".xlsx") && !strings.HasPrefix(u.Name, "~$") {
				f.files["workbooks"] = append(f.files["workbooks"], u)
			}
		}
	}
	if err == nil && len(f.files["workbooks"]) == 0 {
		err = msg.Errorf("no workbook was sent: choose or drop one or more .xlsx files")
	}
	var j *job
	if err == nil {
		size := int64(0)
		for _, u := range f.files["workbooks"] {
			size += int64(len(u.Data))
		}
		j, err = s.jobs.add("review", size)
	}
	if err != nil {
		if wantsJSON(r) {
			writeJSON(w, httpStatus(err), map[string]string{"error": msg.Render(s.lang(r), err)})
			return
		}
		s.render(w, r, "review", "review", nil, err)
		return
	}
	files := pairTexts(f.files["workbooks"])
	for i := range files {
		if files[i].Name == "" {
			files[i].Name = fmt.Sprintf("%d.xlsx", i+1)
		}
	}
	j.files, j.results = files, make([]Result, len(files))
	go func() {
		s.opt.Checker.Check(s.ctx, files, s.opt.Packs, s.lim.Workbook, func(i int, res Result) {
			j.mu.Lock()
			defer j.mu.Unlock()
			if j.results[i].Name == "" { // a file given again keeps its count
				j.done++
			}
			j.results[i] = res
		})
		j.mu.Lock()
		for i, res := range j.results {
			if res.Report == nil && res.Err == nil { // the server stopped before it
				j.results[i] = Result{Name: files[i].Name, Err: msg.Errorf("%s was not checked: the server was stopped", files[i].Name)}
			}
		}
		j.finished = true
		j.mu.Unlock()
	}()
	where := "/review/" + j.id
	if wantsJSON(r) {
		writeJSON(w, http.StatusAccepted, map[string]string{"id": j.id, "url": where})
		return
	}
	http.Redirect(w, r, where, http.StatusSeeOther)
}

// pairTexts gives each workbook the 情况说明 sent with it (a .docx or .txt
// named as verify looks for it beside the workbook: 单位-情况说明.docx or
// 单位.docx for 单位.xlsx); the texts are not checked as workbooks. A text
// of no workbook's name is checked as a file of its own, which says it is
// no workbook.
func pairTexts(files []File) []File {
	texts := map[string]File{}
	var books []File
	for _, f := range files {
		switch strings.ToLower(path.Ext(f.Name)) {
		case ".docx", ".txt":
			texts[f.Name] = f
		default:
			books = append(books, f)
		}
	}
	for i, b := range books {
		for _, name := range verify.TextNames(b.Name) {
			if t, ok := texts[name]; ok {
				books[i].Text = &t
				delete(texts, name)
				break
			}
		}
	}
	for _, f := range files { // the rest, in the order sent
		if _, ok := texts[f.Name]; ok {
			books = append(books, f)
		}
	}
	return books
}

func wantsJSON(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "application/json")
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(v)
}

// reviewStatus is a review's progress, for the page's script.
func (s *Server) reviewStatus(w http.ResponseWriter, r *http.Request) {
	j := s.jobs.get(r.PathValue("id"), "review")
	if j == nil {
		s.notFound(w, r)
		return
	}
	done, total, finished := j.progress()
	writeJSON(w, http.StatusOK, map[string]any{"done": done, "total": total, "finished": finished})
}

// summaryRow is one file of the summary table.
type summaryRow struct {
	Index                   int
	Name, Unit, Code, Pack  string
	Errors, Warnings, Notes int
	Status, StatusText      string
	Reason                  string
	Annotated               bool // findings to mark: an annotated copy to download
}

// reviewView is what the review's page shows.
type reviewView struct {
	ID                      string
	Done, Total             int
	Finished                bool
	Rows                    []summaryRow
	Formats                 []string
	Errors, Warnings, Notes int
	Unreadable              int
	// Detail is the one file's findings and sheets, when one was sent.
	Detail *fileView
}

func (v reviewView) refresh() int {
	if v.Finished {
		return 0
	}
	return 2
}

// reviewResult is the summary table of a review (its progress while it
// runs), and the file's findings when one file was sent.
func (s *Server) reviewResult(w http.ResponseWriter, r *http.Request) {
	j := s.jobs.get(r.PathValue("id"), "review")
	if j == nil {
		s.notFound(w, r)
		return
	}
	l := s.lang(r)
	v := reviewView{ID: j.id}
	v.Done, v.Total, v.Finished = j.progress()
	if v.Finished {
		results := j.snapshot()
		v.Formats = s.opt.Checker.Formats()
		for i, res := range results {
			row := summaryRow{Index: i, Name: res.Name, Status: status(res), StatusText: review.StatusText(status(res), l)}
			if res.Err != nil {
				row.Reason = msg.Render(l, res.Err)
				v.Unreadable++
			} else {
				rep := res.Report
				row.Unit, row.Code, row.Pack = rep.Unit.Name, rep.Unit.Code, rep.Pack.ID+" "+rep.Pack.Version
				row.Errors, row.Warnings, row.Notes = rep.Count(verify.Error), rep.Count(verify.Warning), rep.Count(verify.Note)
				row.Annotated = len(rep.Findings) > 0
				v.Errors += row.Errors
				v.Warnings += row.Warnings
				v.Notes += row.Notes
			}
			v.Rows = append(v.Rows, row)
		}
		if len(results) == 1 && results[0].Err == nil {
			v.Detail = s.fileDetail(j, 0, l)
		}
	}
	s.render(w, r, "review_result", "review", v)
}

// findingView is one finding in the list beside the sheets.
type findingView struct {
	Severity, SeverityText, Rule, Where, Message string
	Expected, Found                              string
	Anchor                                       string // "#c0-D5"; "" when it names no cell
}

// findingGroup is the findings of one sheet, or of the whole workbook.
type findingGroup struct {
	Sheet    string
	Findings []findingView
}

// fileView is one file's page: its findings by sheet and its sheets.
type fileView struct {
	JobID  string
	Index  int
	Name   string
	Text   string // the 情况说明 checked with it, "" for none
	Unit   string
	Pack   string
	Groups []findingGroup
	Sheets []sheetView
	Count  [3]int // errors, warnings, notes
	Error  string
	// Prev and Next are the readable files before and after this one, -1
	// for none.
	Prev, Next int
}

// fileDetail lays out the findings and sheets of file i of job j.
func (s *Server) fileDetail(j *job, i int, l msg.Lang) *fileView {
	results := j.snapshot()
	if i < 0 || i >= len(results) || results[i].Report == nil {
		return nil
	}
	res, f := results[i], j.files[i]
	rep := res.Report
	v := &fileView{JobID: j.id, Index: i, Name: res.Name, Text: rep.Text, Unit: rep.Unit.Name, Pack: rep.Pack.ID + " " + rep.Pack.Version,
		Count: [3]int{rep.Count(verify.Error), rep.Count(verify.Warning), rep.Count(verify.Note)}}
	wb, err := workbook.Decode(f.Name, bytes.NewReader(f.Data), int64(len(f.Data)), s.lim.Workbook)
	if err != nil { // it was read once; it is read the same way again
		v.Error = msg.Render(l, err)
		return v
	}
	index := map[string]int{}
	for si, sh := range wb.Sheets {
		index[sh.Name] = si
	}
	v.Sheets = renderSheets(wb, rep, l, s.lim.MaxRows, s.lim.MaxColumns, s.lim.MaxCells)
	groups := map[string]int{}
	for _, fd := range rep.Findings {
		fv := findingView{Severity: fd.Severity, SeverityText: severityText(l, fd.Severity), Rule: fd.Rule, Message: fd.Message(l), Expected: fd.Expected, Found: fd.Found}
		group := fd.Sheet
		if fd.Text != "" {
			group = fd.Text
			fv.Where = fmt.Sprintf("¶%d", fd.Paragraph)
			if fd.Paragraph == 0 {
				fv.Where = ""
			}
		}
		if si, ok := index[fd.Sheet]; ok {
			fv.Where = fd.Sheet
			fv.Anchor = fmt.Sprintf("#s%d", si)
			if fd.Cell != "" {
				fv.Where += "!" + fd.Cell
				fv.Anchor = "#" + cellID(si, findingCell(fd))
			}
		} else if fd.Sheet != "" {
			fv.Where = fd.Sheet
		}
		g, ok := groups[group]
		if !ok {
			g = len(v.Groups)
			groups[group] = g
			v.Groups = append(v.Groups, findingGroup{Sheet: group})
		}
		v.Groups[g].Findings = append(v.Groups[g].Findings, fv)
	}
	return v
}

func severityText(l msg.Lang, sev string) string {
	switch sev {
	case verify.Error:
		return msg.T(l, "error")
	case verify.Warning:
		return msg.T(l, "warning")
	}
	return msg.T(l, "note")
}

// fileIndex is the file index n of a review's path, or -1.
func fileIndex(r *http.Request, j *job) int {
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 0 || n >= len(j.files) {
		return -1
	}
	return n
}

// reviewFile is one file's findings and sheets.
func (s *Server) reviewFile(w http.ResponseWriter, r *http.Request) {
	j := s.jobs.get(r.PathValue("id"), "review")
	if j == nil || !j.isFinished() {
		s.notFound(w, r)
		return
	}
	n := fileIndex(r, j)
	v := s.fileDetail(j, n, s.lang(r))
	if v == nil {
		s.notFound(w, r)
		return
	}
	results := j.snapshot()
	v.Prev, v.Next = -1, -1
	for i := n - 1; i >= 0 && v.Prev < 0; i-- {
		if results[i].Report != nil {
			v.Prev = i
		}
	}
	for i := n + 1; i < len(results) && v.Next < 0; i++ {
		if results[i].Report != nil {
			v.Next = i
		}
	}
	s.render(w, r, "review_file", "review", v)
}

// annotatedName is the name the annotated copy of the file sent as name
// downloads as, and the summary names it by.
func annotatedName(name string, l msg.Lang) string {
	return stem(name) + msg.T(l, "-annotated") + ".xlsx"
}

// reviewAnnotated sends the annotated copy of a file (package annotate).
func (s *Server) reviewAnnotated(w http.ResponseWriter, r *http.Request) {
	j := s.jobs.get(r.PathValue("id"), "review")
	if j == nil || !j.isFinished() {
		s.notFound(w, r)
		return
	}
	n := fileIndex(r, j)
	results := j.snapshot()
	if n < 0 || results[n].Report == nil {
		s.notFound(w, r)
		return
	}
	l := s.lang(r)
	b, err := annotated(j.files[n], results[n].Report, l)
	if err != nil {
		http.Error(w, msg.Render(l, err), http.StatusInternalServerError)
		return
	}
	download(w, annotatedName(results[n].Name, l), typeXLSX, b)
}

// reviewSummary sends the summary of a review in a format the checker writes.
func (s *Server) reviewSummary(w http.ResponseWriter, r *http.Request) {
	j := s.jobs.get(r.PathValue("id"), "review")
	if j == nil || !j.isFinished() {
		s.notFound(w, r)
		return
	}
	format := r.PathValue("format")
	known := false
	for _, f := range s.opt.Checker.Formats() {
		known = known || f == format
	}
	if !known {
		s.notFound(w, r)
		return
	}
	l := s.lang(r)
	b, err := s.opt.Checker.Summary(j.snapshot(), format, l)
	if err != nil {
		http.Error(w, msg.Render(l, err), http.StatusInternalServerError)
		return
	}
	ct := typeXLSX
	if format == "csv" {
		ct = typeCSV
	}
	download(w, msg.T(l, "review summary")+"."+format, ct, b)
}
