package web

import (
	"bytes"
	"fmt"
	"html"
	"mime"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"budgetxl/msg"
	"budgetxl/verify"
	"budgetxl/workbook"
)

// waitJob follows a review until it has finished.
func waitJob(t *testing.T, s *Server, id string) {
	t.Helper()
	for {
		j := s.jobs.get(id, "review")
		if j == nil {
			t.Fatalf("no review %s", id)
		}
		if j.isFinished() {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestReview: two workbooks, one of them no workbook at all: the summary
// gives each its counts (verify's) or its reason; the detail marks every
// cell of a finding; the annotated copy and the summary download.
func TestReview(t *testing.T) {
	s := newServer(t, Limits{})
	path := qijiang(t)
	wb, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want, err := verify.File(path, verify.Options{Templates: "../templates"})
	if err != nil {
		t.Fatal(err)
	}
	w := post(t, s, "/review", fileP("workbooks", "綦江.xlsx", wb), fileP("workbooks", `C:\fakepath\..\数据.xlsx`, []byte("code,name\n")))
	if w.Code != http.StatusSeeOther {
		t.Fatalf("POST /review: %d %s", w.Code, w.Body)
	}
	where := w.Header().Get("Location")
	id := strings.TrimPrefix(where, "/review/")
	waitJob(t, s, id)
	page := html.UnescapeString(get(t, s, where).Body.String())
	for _, s := range []string{
		"<td>重庆市綦江区社会保险事务中心",
		fmt.Sprintf(`<td class="num">%d</td><td class="num">%d</td><td class="num">%d</td>`, want.Count(verify.Error), want.Count(verify.Warning), want.Count(verify.Note)),
		`<span class="status st-error">有错误</span>`,
		`<span class="status st-unreadable">无法读取</span><div class="reason">数据.xlsx：不是可读取的 .xlsx 工作簿：`,
		`/review/` + id + `/summary/csv`,
		`/review/` + id + `/annotated/0`,
	} {
		if !strings.Contains(page, s) {
			t.Errorf("the summary has no %q", s)
		}
	}
	detail := get(t, s, where+"/file/0").Body.String()
	if strings.Contains(detail, `id="prev-file"`) || strings.Contains(detail, `id="next-file"`) {
		t.Error("the only readable file links to another")
	}
	book, err := workbook.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	index := map[string]int{}
	for i, sh := range book.Sheets {
		index[sh.Name] = i
	}
	income := 0
	for _, f := range want.Findings {
		if f.Cell == "" || f.Severity != verify.Error {
			continue
		}
		if f.Sheet == "部门收入总表" {
			income++
		}
		id := cellID(index[f.Sheet], f.Cell)
		re := regexp.MustCompile(`<td id="` + regexp.QuoteMeta(id) + `"[^>]* class="[^"]*f-error`)
		if !re.MatchString(detail) {
			t.Errorf("%s!%s (%s) is not marked as an error", f.Sheet, f.Cell, f.Rule)
		}
		if !strings.Contains(detail, `href="#`+id+`"`) {
			t.Errorf("no finding links to %s!%s", f.Sheet, f.Cell)
		}
	}
	if income == 0 {
		t.Error("the sample has no error in 部门收入总表: the test tests nothing there")
	}
	// The annotated copy: a workbook whose first sheet lists the findings.
	w = get(t, s, where+"/annotated/0")
	if w.Code != 200 || w.Header().Get("Content-Type") != typeXLSX {
		t.Fatalf("annotated: %d %s", w.Code, w.Header().Get("Content-Type"))
	}
	if _, params, _ := mime.ParseMediaType(w.Header().Get("Content-Disposition")); params["filename"] != "綦江-审核标注.xlsx" {
		t.Errorf("annotated copy named %q", params["filename"])
	}
	ab, err := workbook.Decode("annotated", bytes.NewReader(w.Body.Bytes()), int64(w.Body.Len()), workbook.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if ab.Sheets[0].Name != "审核结果" || len(ab.Sheets) != len(book.Sheets)+1 {
		t.Errorf("annotated copy: first sheet %s, %d sheets", ab.Sheets[0].Name, len(ab.Sheets))
	}
	if w := get(t, s, where+"/annotated/1"); w.Code != 404 {
		t.Errorf("annotated copy of an unreadable file: %d", w.Code)
	}
	// The summary as package review writes it, the files named as sent
	// (nothing of the temporary folder): as CSV, a BOM, a header and a
	// row per file; as a workbook, the same rows.
	w = get(t, s, where+"/summary/csv")
	lines := strings.Split(strings.TrimSpace(w.Body.String()), "\r\n")
	if w.Code != 200 || len(lines) != 3 || !strings.HasPrefix(lines[0], "\ufeff文件,单位,") {
		t.Fatalf("summary: %d %q", w.Code, lines)
	}
	counts := fmt.Sprintf(",%d,%d,%d,", want.Count(verify.Error), want.Count(verify.Warning), want.Count(verify.Note))
	if !strings.HasPrefix(lines[1], "綦江.xlsx,重庆市綦江区社会保险事务中心,") || !strings.Contains(lines[1], counts) || !strings.Contains(lines[1], ",有错误,綦江-审核标注.xlsx,") {
		t.Errorf("summary row %q, want the counts %s", lines[1], counts)
	}
	if !strings.HasPrefix(lines[2], "数据.xlsx,") || !strings.Contains(lines[2], ",无法读取,") || strings.Contains(w.Body.String(), os.TempDir()) {
		t.Errorf("summary row %q", lines[2])
	}
	w = get(t, s, where+"/summary/xlsx")
	if _, params, _ := mime.ParseMediaType(w.Header().Get("Content-Disposition")); w.Code != 200 || params["filename"] != "审核汇总.xlsx" {
		t.Fatalf("summary workbook: %d %q", w.Code, params["filename"])
	}
	sum, err := workbook.Decode("summary", bytes.NewReader(w.Body.Bytes()), int64(w.Body.Len()), workbook.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range sum.Sheets[0].Cells {
		if c.Col == 1 && c.Row > 1 {
			names = append(names, c.Value)
		}
	}
	if !slices.Contains(names, "綦江.xlsx") || !slices.Contains(names, "数据.xlsx") {
		t.Errorf("the summary workbook's files: %q", names)
	}
	if w := get(t, s, where+"/summary/pdf"); w.Code != 404 {
		t.Errorf("a summary format the checker does not write: %d", w.Code)
	}
	// The script's progress.
	if body := get(t, s, where+"/status").Body.String(); body != `{"done":2,"finished":true,"total":2}`+"\n" {
		t.Errorf("status %s", body)
	}
	if w := get(t, s, "/review/0123/file/0"); w.Code != 404 {
		t.Errorf("an unknown review: %d", w.Code)
	}
}

// TestReviewFolder: of a folder sent without the script, the workbooks
// are checked, other files and Excel's lock files left out.
func TestReviewFolder(t *testing.T) {
	s := newServer(t, Limits{})
	wb, _ := os.ReadFile(qijiang(t))
	w := post(t, s, "/review", fileP("folder", "区/甲.xlsx", wb), fileP("folder", "区/说明.docx", []byte("x")), fileP("folder", "区/~$甲.xlsx", []byte("x")), fileP("folder", "区/乙/丙.XLSX", wb))
	where := w.Header().Get("Location")
	waitJob(t, s, strings.TrimPrefix(where, "/review/"))
	var names []string
	for _, r := range s.jobs.get(strings.TrimPrefix(where, "/review/"), "review").snapshot() {
		names = append(names, r.Name)
	}
	if strings.Join(names, " ") != "甲.xlsx 丙.XLSX" {
		t.Errorf("checked %v", names)
	}
}

// TestReviewJSON: the page's script gets where the review is as JSON.
func TestReviewJSON(t *testing.T) {
	s := newServer(t, Limits{})
	wb, _ := os.ReadFile(qijiang(t))
	body, ct := multipartBody(t, fileP("workbooks", "a.xlsx", wb))
	r := httptest.NewRequest("POST", "/review", body)
	r.Host = testAddr
	r.Header.Set("Content-Type", ct)
	r.Header.Set("Accept", "application/json")
	r.Header.Set(TokenHeader, s.Token())
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	if w.Code != http.StatusAccepted || !regexp.MustCompile(`^\{"id":"[0-9a-f]{32}","url":"/review/[0-9a-f]{32}"\}\n$`).MatchString(w.Body.String()) {
		t.Errorf("%d %s", w.Code, w.Body)
	}
}

// TestJobs: the oldest finished jobs go to make room, by count and by
// bytes; running ones stay, and a new one is refused then.
func TestJobs(t *testing.T) {
	js := newJobs(3, 100)
	finished := func(j *job) *job { j.finished = true; return j }
	a, _ := js.add("review", 60)
	finished(a)
	b, err := js.add("review", 60) // a goes: 120 bytes would be too many
	if err != nil || js.get(a.id, "review") != nil || js.get(b.id, "review") != b {
		t.Fatalf("a kept or b refused: %v", err)
	}
	if js.get(b.id, "fill") != nil {
		t.Error("a review found as a fill")
	}
	if _, err := js.add("review", 60); msg.Render(msg.ZH, err) != "正在进行 1 项审核，暂时不能再接收：请等其中一项完成" {
		t.Errorf("b still running: %v", err)
	}
	finished(b)
	c, _ := js.add("fill", 10)
	d, _ := js.add("fill", 10)
	e, err := js.add("fill", 10) // three jobs at most: b goes
	if err != nil || js.get(b.id, "review") != nil || js.get(c.id, "fill") != c || js.get(d.id, "fill") != d || js.get(e.id, "fill") != e || js.bytes != 30 {
		t.Errorf("after three fills: %v, %d bytes", err, js.bytes)
	}
}

// TestReviewNav: a file's page links to the readable files before and
// after it, skipping those that could not be read.
func TestReviewNav(t *testing.T) {
	s := newServer(t, Limits{})
	wb, _ := os.ReadFile(qijiang(t))
	w := post(t, s, "/review", fileP("workbooks", "a.xlsx", wb), fileP("workbooks", "b.xlsx", nil), fileP("workbooks", "c.xlsx", wb))
	where := w.Header().Get("Location")
	waitJob(t, s, strings.TrimPrefix(where, "/review/"))
	first, last := get(t, s, where+"/file/0").Body.String(), get(t, s, where+"/file/2").Body.String()
	if !strings.Contains(first, `href="`+where+`/file/2" id="next-file"`) || strings.Contains(first, `id="prev-file"`) {
		t.Error("the first file does not lead to the third alone")
	}
	if !strings.Contains(last, `href="`+where+`/file/0" id="prev-file"`) || strings.Contains(last, `id="next-file"`) {
		t.Error("the third file does not lead back to the first alone")
	}
	if w := get(t, s, where+"/file/1"); w.Code != 404 {
		t.Errorf("the page of an unreadable file: %d", w.Code)
	}
	if page := get(t, s, where).Body.String(); strings.Contains(page, `class="detail"`) {
		t.Error("the summary of three files shows one file's detail")
	}
}

// TestClose: a review that the server's closing cuts short names the files
// it did not check.
func TestClose(t *testing.T) {
	s := newServer(t, Limits{})
	s.Close()
	wb, _ := os.ReadFile(qijiang(t))
	w := post(t, s, "/review", fileP("workbooks", "a.xlsx", wb))
	where := w.Header().Get("Location")
	waitJob(t, s, strings.TrimPrefix(where, "/review/"))
	if page := get(t, s, where).Body.String(); !strings.Contains(page, `<div class="reason">a.xlsx 没有审核：服务已停止</div>`) {
		t.Errorf("the summary:\n%s", page)
	}
}

// TestReviewText: a 情况说明 sent with its workbook is checked with it,
// its findings listed under its name by paragraph; one of no workbook's
// name is a file that cannot be read.
func TestReviewText(t *testing.T) {
	s := newServer(t, Limits{})
	wb, _ := os.ReadFile(qijiang(t))
	text := []byte("重庆市綦江区社会保险事务中心2025年部门预算情况说明\n一、收支预算总体情况\n收入预算XX万元。\n")
	w := post(t, s, "/review", fileP("workbooks", "说明.txt", text), fileP("workbooks", "綦江-情况说明.txt", text), fileP("workbooks", "綦江.xlsx", wb))
	where := w.Header().Get("Location")
	id := strings.TrimPrefix(where, "/review/")
	waitJob(t, s, id)
	results := s.jobs.get(id, "review").snapshot()
	if len(results) != 2 || results[0].Name != "綦江.xlsx" || results[0].Report == nil || results[0].Report.Text != "綦江-情况说明.txt" || results[1].Name != "说明.txt" || results[1].Err == nil {
		t.Fatalf("results %+v", results)
	}
	texts := 0
	for _, f := range results[0].Report.Findings {
		if f.Text == "綦江-情况说明.txt" {
			texts++
		}
		if strings.Contains(f.ZH, os.TempDir()) {
			t.Errorf("a finding names the temporary folder: %s", f.ZH)
		}
	}
	if texts == 0 {
		t.Fatal("no finding about the 情况说明")
	}
	page := html.UnescapeString(get(t, s, where+"/file/0").Body.String())
	for _, want := range []string{"连同情况说明 綦江-情况说明.txt", "<h4>綦江-情况说明.txt</h4>", `<span class="where">¶3</span>`} {
		if !strings.Contains(page, want) {
			t.Errorf("the file's page has no %q", want)
		}
	}
}

// TestReviewCross: package review's checks across the files of a run
// reach the page, the other file named as it was sent.
func TestReviewCross(t *testing.T) {
	path, err := fillSample("../samples/demo-2025", "../templates", filepath.Join(t.TempDir(), "demo.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	wb, _ := os.ReadFile(path)
	s := newServer(t, Limits{})
	w := post(t, s, "/review", fileP("workbooks", "甲.xlsx", wb), fileP("workbooks", "乙.xlsx", wb))
	id := strings.TrimPrefix(w.Header().Get("Location"), "/review/")
	waitJob(t, s, id)
	j := s.jobs.get(id, "review")
	if done, total, _ := j.progress(); done != 2 || total != 2 {
		t.Errorf("progress %d/%d", done, total)
	}
	for i, other := range []string{"乙.xlsx", "甲.xlsx"} {
		found := false
		for _, f := range j.snapshot()[i].Report.Findings {
			if f.Rule == "district.unit-code" {
				found = true
				if !strings.Contains(f.ZH, other) || strings.Contains(f.ZH, os.TempDir()) {
					t.Errorf("file %d: %s", i, f.ZH)
				}
			}
		}
		if !found {
			t.Errorf("file %d has no finding of the unit sent twice", i)
		}
	}
}
