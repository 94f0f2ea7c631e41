package web

import (
	"archive/zip"
	"bytes"
	"fmt"
	"html"
	"io"
	"io/fs"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"budgetxl/dataset"
	"budgetxl/fill"
	"budgetxl/internal/oracle"
	"budgetxl/msg"
	"budgetxl/pack"
	"budgetxl/plan"
	"budgetxl/verify"
	"budgetxl/workbook"
)

const testAddr = "127.0.0.1:8080"

var testPacks = pack.Library{Dir: "../templates"}

func newServer(t *testing.T, lim Limits) *Server {
	t.Helper()
	s, err := New(Options{Addr: testAddr, Packs: testPacks, Samples: os.DirFS("../samples"), SamplesName: "(built-in) ", Limits: lim})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

var (
	qijiangOnce sync.Once
	qijiangPath string
	qijiangErr  error
)

// qijiang is the workbook of samples/qijiang-shebao-2025, filled once.
func qijiang(t *testing.T) string {
	t.Helper()
	qijiangOnce.Do(func() {
		dir, err := os.MkdirTemp("", "budgetxl-web-test-")
		if err != nil {
			qijiangErr = err
			return
		}
		qijiangPath, qijiangErr = fillSample("../samples/qijiang-shebao-2025", "../templates", filepath.Join(dir, "qijiang-shebao-2025.xlsx"))
	})
	if qijiangErr != nil {
		t.Fatal(qijiangErr)
	}
	return qijiangPath
}

// fillSample fills the dataset folder dir with the packs of templates
// into the workbook out, for tests.
func fillSample(dir, templates, out string) (string, error) {
	p, d, err := dataset.OpenFolder(dataset.Dir(dir), pack.Library{Dir: templates})
	if err != nil {
		return "", err
	}
	book, err := plan.Build(p, d)
	if err != nil {
		return "", err
	}
	return out, fill.Write(book, out, fill.Options{})
}

// part is one part of a multipart body: a field (File false) or a file.
type part struct {
	field, name string
	data        []byte
	file        bool
}

func fileP(field, name string, data []byte) part { return part{field, name, data, true} }
func fieldP(field, value string) part            { return part{field, "", []byte(value), false} }

func multipartBody(t *testing.T, parts ...part) (*bytes.Buffer, string) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for _, p := range parts {
		if p.file {
			fw, err := w.CreateFormFile(p.field, p.name)
			if err != nil {
				t.Fatal(err)
			}
			fw.Write(p.data)
		} else {
			w.WriteField(p.field, string(p.data))
		}
	}
	w.Close()
	return &b, w.FormDataContentType()
}

// post sends parts to path as the page's own form does.
func post(t *testing.T, s *Server, path string, parts ...part) *httptest.ResponseRecorder {
	t.Helper()
	body, ct := multipartBody(t, parts...)
	r := httptest.NewRequest("POST", path, body)
	r.Host = testAddr
	r.Header.Set("Content-Type", ct)
	r.Header.Set(TokenHeader, s.Token())
	r.Header.Set("Origin", "http://"+testAddr)
	r.Header.Set("Sec-Fetch-Site", "same-origin")
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	return w
}

func get(t *testing.T, s *Server, path string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest("GET", path, nil)
	r.Host = testAddr
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	return w
}

// TestPages: every page answers in Chinese, and in English after the switch.
func TestPages(t *testing.T) {
	s := newServer(t, Limits{})
	for _, c := range []struct{ path, zh, en string }{
		{"/", "<h1>审核工作簿</h1>", "<h1>Review workbooks</h1>"},
		{"/form", "<h1>空白填报表</h1>", "<h1>Blank form for clerks</h1>"},
		{"/fill", "<h1>生成工作簿</h1>", "<h1>Fill the workbook</h1>"},
		{"/templates", "<h1>模板包</h1>", "<h1>Template packs</h1>"},
		{"/templates/cq-2025", "<h1>cq-2025 ", "<h1>cq-2025 "},
	} {
		w := get(t, s, c.path)
		if w.Code != 200 || !strings.Contains(w.Body.String(), c.zh) {
			t.Errorf("GET %s: %d, want %q in the page", c.path, w.Code, c.zh)
		}
		w = get(t, s, c.path+"?lang=en")
		if w.Code != 200 || !strings.Contains(w.Body.String(), c.en) {
			t.Errorf("GET %s?lang=en: %d, want %q in the page", c.path, w.Code, c.en)
		}
		if ck := w.Result().Cookies(); len(ck) != 1 || ck[0].Value != "en" {
			t.Errorf("GET %s?lang=en: cookies %v, want lang=en", c.path, ck)
		}
	}
	if w := get(t, s, "/templates/no-such-pack"); w.Code != 404 {
		t.Errorf("an unknown pack: %d", w.Code)
	}
	if w := get(t, s, "/static/app.js"); w.Code != 200 || !strings.Contains(w.Body.String(), "X-Budgetxl-Token") {
		t.Errorf("the script: %d", w.Code)
	}
}

// TestTemplatesPage: a pack's tables with their headers as printed
// (placeholders filled in), columns, rows and rules.
func TestTemplatesPage(t *testing.T) {
	s := newServer(t, Limits{})
	p, err := pack.Load("../templates/cq-2025")
	if err != nil {
		t.Fatal(err)
	}
	body := html.UnescapeString(get(t, s, "/templates/cq-2025").Body.String())
	want := []string{fmt.Sprintf(">%d年预算数<", p.Year), `colspan="3">` + fmt.Sprintf("%d年预算数", p.Year), "<code>{basic} + {project}</code>", ">科目编码<"}
	for _, t2 := range p.Tables {
		want = append(want, `id="t-`+t2.ID+`"`)
	}
	for _, r := range p.Rules {
		want = append(want, "<code>"+r.ID+"</code>")
	}
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("the pack's page has no %q", w)
		}
	}
}

// TestGuard: a request that names another host (DNS rebinding), a POST
// from another site or without the token is refused, before anything is read.
func TestGuard(t *testing.T) {
	s := newServer(t, Limits{})
	wb, err := os.ReadFile(qijiang(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, method, host, origin, site, token, want string
		code                                          int
	}{
		{"page", "GET", testAddr, "", "", "", "", 200},
		{"localhost", "GET", "localhost:8080", "", "", "", "", 200},
		{"ipv6 loopback", "GET", "[::1]:8080", "", "", "", "", 200},
		{"rebinding", "GET", "attacker.example:8080", "", "", "", `本网页只能以 127.0.0.1:8080 访问，不能以 "attacker.example:8080" 访问：请打开 budgetxl serve 显示的地址` + "\n", 403},
		{"other port", "GET", "127.0.0.1:9090", "", "", "", `本网页只能以 127.0.0.1:8080 访问，不能以 "127.0.0.1:9090" 访问：请打开 budgetxl serve 显示的地址` + "\n", 403},
		{"post", "POST", testAddr, "http://" + testAddr, "same-origin", s.Token(), "", 303},
		{"post without origin", "POST", testAddr, "", "", s.Token(), "", 303},
		{"no token", "POST", testAddr, "http://" + testAddr, "same-origin", "", "已拒绝：请求没有带本网页的令牌（请刷新网页后重试）\n", 403},
		{"wrong token", "POST", testAddr, "http://" + testAddr, "same-origin", strings.Repeat("0", 64), "已拒绝：请求没有带本网页的令牌（请刷新网页后重试）\n", 403},
		{"other origin", "POST", testAddr, "http://evil.example", "cross-site", s.Token(), "已拒绝：请求来自其他网站（http://evil.example）\n", 403},
		{"null origin", "POST", testAddr, "null", "", s.Token(), "已拒绝：请求来自其他网站（null）\n", 403},
		{"cross-site", "POST", testAddr, "", "cross-site", s.Token(), "已拒绝：请求来自其他网站（cross-site）\n", 403},
		{"same-site", "POST", testAddr, "", "same-site", s.Token(), "已拒绝：请求来自其他网站（same-site）\n", 403},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := "/"
			var body io.Reader
			ct := ""
			if c.method == "POST" {
				path = "/review?token=" + c.token
				b, typ := multipartBody(t, fileP("workbooks", "a.xlsx", wb))
				body, ct = b, typ
			}
			r := httptest.NewRequest(c.method, path, body)
			r.Host = c.host
			if ct != "" {
				r.Header.Set("Content-Type", ct)
			}
			if c.origin != "" {
				r.Header.Set("Origin", c.origin)
			}
			if c.site != "" {
				r.Header.Set("Sec-Fetch-Site", c.site)
			}
			w := httptest.NewRecorder()
			s.ServeHTTP(w, r)
			if w.Code != c.code {
				t.Errorf("status %d, want %d: %s", w.Code, c.code, w.Body)
			}
			if c.want != "" && w.Body.String() != c.want {
				t.Errorf("body %q, want %q", w.Body, c.want)
			}
		})
	}
}

// TestHostNames: the Host headers a server answers.
func TestHostNames(t *testing.T) {
	for _, c := range []struct {
		addr string
		ok   []string
		no   []string
	}{
		{"127.0.0.1:8080", []string{"127.0.0.1:8080", "localhost:8080", "[::1]:8080", "LOCALHOST:8080"}, []string{"127.0.0.1", "example.com:8080", "127.0.0.2:8080"}},
		{"192.168.1.5:80", []string{"192.168.1.5:80"}, []string{"localhost:80", "192.168.1.5"}},
		{"0.0.0.0:8080", []string{"192.168.1.5:8080", "10.0.0.2:8080", "[fe80::1]:8080", "localhost:8080", "0.0.0.0:8080"}, []string{"rebind.example:8080", "192.168.1.5:80", "192.168.1.5"}},
		{"[::]:8080", []string{"192.168.1.5:8080", "localhost:8080"}, []string{"rebind.example:8080"}},
	} {
		s, err := New(Options{Addr: c.addr, Packs: testPacks})
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range c.ok {
			r := httptest.NewRequest("GET", "/", nil)
			r.Host = h
			if err := s.guard(r); err != nil {
				t.Errorf("%s: Host %s refused: %v", c.addr, h, err)
			}
		}
		for _, h := range c.no {
			r := httptest.NewRequest("GET", "/", nil)
			r.Host = h
			if err := s.guard(r); err == nil {
				t.Errorf("%s: Host %s accepted", c.addr, h)
			}
		}
	}
}

func TestCheckAddr(t *testing.T) {
	for _, c := range []struct {
		addr     string
		loopback bool
		err      string
	}{
		{"127.0.0.1:8080", true, ""},
		{"localhost:0", true, ""},
		{"[::1]:8080", true, ""},
		{"0.0.0.0:8080", false, ""},
		{":8080", false, ""},
		{"192.168.1.5:8080", false, ""},
		{"8080", false, "--addr 为 \"8080\"：请写成 主机:端口，如 127.0.0.1:8080"},
		{"127.0.0.1", false, "--addr 为 \"127.0.0.1\"：请写成 主机:端口，如 127.0.0.1:8080"},
	} {
		loop, err := CheckAddr(c.addr)
		if got := msg.Render(msg.ZH, err); got != c.err || loop != c.loopback {
			t.Errorf("CheckAddr(%q) = %v, %q; want %v, %q", c.addr, loop, got, c.loopback, c.err)
		}
	}
}

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
		`<span class="status st-errors">有错误</span>`,
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
	// The summary as CSV: a BOM, a header and a row per file.
	w = get(t, s, where+"/summary/csv")
	lines := strings.Split(strings.TrimSpace(w.Body.String()), "\r\n")
	if w.Code != 200 || len(lines) != 3 || lines[0] != "\ufeff文件,单位,单位编码,模板包,版本,错误,警告,提示,状态,原因" {
		t.Fatalf("summary: %d %q", w.Code, lines)
	}
	if wantRow := fmt.Sprintf("綦江.xlsx,重庆市綦江区社会保险事务中心,%s,cq-2025,%s,%d,%d,%d,有错误,", want.Unit.Code, want.Pack.Version, want.Count(verify.Error), want.Count(verify.Warning), want.Count(verify.Note)); lines[1] != wantRow {
		t.Errorf("summary row %q, want %q", lines[1], wantRow)
	}
	if !strings.HasPrefix(lines[2], "数据.xlsx,,,,,,,,无法读取,") {
		t.Errorf("summary row %q", lines[2])
	}
	if w := get(t, s, where+"/summary/xlsx"); w.Code != 404 {
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

// TestLimits: an upload too large or of too many files is refused with a
// message that says what to do.
func TestLimits(t *testing.T) {
	for _, c := range []struct {
		name  string
		lim   Limits
		parts []part
		want  string
	}{
		{"too large", Limits{MaxUpload: 1 << 10}, []part{fileP("workbooks", "a.xlsx", make([]byte, 4<<10))}, "提交的内容超过 1 KiB：请一次少提交一些文件"},
		{"too many files", Limits{MaxFiles: 2}, []part{fileP("workbooks", "a.xlsx", []byte("x")), fileP("workbooks", "b.xlsx", []byte("x")), fileP("workbooks", "c.xlsx", []byte("x"))}, "一次提交的文件超过 2 个：请分批提交"},
		{"none", Limits{}, []part{fieldP("x", "y")}, "没有收到工作簿：请选择或拖入一个或多个 .xlsx 文件"},
		{"long field", Limits{}, []part{fieldP("x", strings.Repeat("y", 5000))}, "表单项 x 超过 4096 字节"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := newServer(t, c.lim)
			w := post(t, s, "/review", c.parts...)
			if w.Code != http.StatusUnprocessableEntity || !strings.Contains(html.UnescapeString(w.Body.String()), "<li>"+c.want+"</li>") {
				t.Errorf("%d, want %q in\n%s", w.Code, c.want, problems(w.Body.String()))
			}
		})
	}
}

// problems is the list of problems a page shows.
func problems(page string) string {
	if i := strings.Index(page, `<div class="problems"`); i >= 0 {
		page = page[i:]
		if j := strings.Index(page, "</div>"); j >= 0 {
			return page[:j]
		}
	}
	return "(no problems shown)"
}

func zipOf(t *testing.T, files map[string][]byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for name, data := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	zw.Close()
	return b.Bytes()
}

// sampleFiles are the files of a sample dataset, under prefix.
func sampleFiles(t *testing.T, name, prefix string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	dir := filepath.Join("../samples", name)
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(filepath.Join(dir, p))
		out[prefix+p] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestFillZip: a dataset's zip (its folder zipped) gives the workbook,
// the report and no PDF unless asked; hostile zips are refused, nothing
// of them written anywhere.
func TestFillZip(t *testing.T) {
	s := newServer(t, Limits{MaxZipEntries: 40, MaxZipBytes: 1 << 20})
	good := sampleFiles(t, "demo-2025", "demo-2025/")
	w := post(t, s, "/fill", fileP("dataset", "demo-2025.zip", zipOf(t, good)))
	if w.Code != http.StatusSeeOther {
		t.Fatalf("POST /fill: %d\n%s", w.Code, problems(w.Body.String()))
	}
	where := w.Header().Get("Location")
	page := html.UnescapeString(get(t, s, where).Body.String())
	for _, want := range []string{"重庆市綦江区演示文化馆：10 张表", "审核结果（与 budgetxl verify 相同）：0 个错误，0 个警告，0 个提示", where + "/workbook", where + "/report"} {
		if !strings.Contains(page, want) {
			t.Errorf("the fill's page has no %q:\n%s", want, page)
		}
	}
	if strings.Contains(page, where+"/pdf") {
		t.Error("a PDF was offered that was not asked for")
	}
	if en := get(t, s, where+"?lang=en").Body.String(); !strings.Contains(en, "<li>checked as budgetxl verify checks it: 0 errors, 0 warnings, 0 notes</li>") {
		t.Errorf("the fill's page in English:\n%s", en)
	}
	w = get(t, s, where+"/report")
	if _, params, _ := mime.ParseMediaType(w.Header().Get("Content-Disposition")); params["filename"] != "demo-2025-生成报告.txt" || !strings.HasPrefix(w.Body.String(), "\ufeff重庆市綦江区演示文化馆：10 张表") {
		t.Errorf("report %q: %q", params["filename"], w.Body.String())
	}
	w = get(t, s, where+"/workbook")
	if _, params, _ := mime.ParseMediaType(w.Header().Get("Content-Disposition")); params["filename"] != "demo-2025.xlsx" {
		t.Errorf("workbook named %q", params["filename"])
	}
	if _, err := workbook.Decode("out", bytes.NewReader(w.Body.Bytes()), int64(w.Body.Len()), workbook.Limits{}); err != nil {
		t.Errorf("the workbook: %v", err)
	}
	if w := get(t, s, where+"/pdf"); w.Code != 404 {
		t.Errorf("pdf: %d", w.Code)
	}
	// A zip of Windows' own tool: the folder's Chinese name in GBK,
	// without the UTF-8 flag.
	var gbk bytes.Buffer
	zw := zip.NewWriter(&gbk)
	for name, data := range sampleFiles(t, "demo-2025", "") {
		folder, _ := simplifiedchinese.GBK.NewEncoder().String("我的单位/")
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: folder + name, NonUTF8: true, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(data)
	}
	zw.Close()
	if w := post(t, s, "/fill", fileP("dataset", "我的单位.zip", gbk.Bytes())); w.Code != http.StatusSeeOther {
		t.Errorf("POST /fill of a GBK zip: %d\n%s", w.Code, problems(w.Body.String()))
	}
	// The dataset's files themselves, without a zip.
	var parts []part
	for name, data := range sampleFiles(t, "demo-2025", "") {
		parts = append(parts, fileP("dataset", name, data))
	}
	if w := post(t, s, "/fill", parts...); w.Code != http.StatusSeeOther {
		t.Errorf("POST /fill of files: %d\n%s", w.Code, problems(w.Body.String()))
	}

	many := map[string][]byte{}
	for i := range 41 {
		many[fmt.Sprintf("d/%d.csv", i)] = nil
	}
	two := sampleFiles(t, "demo-2025", "a/")
	for k, v := range sampleFiles(t, "demo-2025", "b/") {
		two[k] = v
	}
	bomb := sampleFiles(t, "demo-2025", "")
	bomb["4-2.csv"] = bytes.Repeat([]byte("0"), 2<<20)
	for _, c := range []struct {
		name  string
		parts []part
		want  string
	}{
		{"traversal", []part{fileP("dataset", "d.zip", zipOf(t, map[string][]byte{"../unit.toml": []byte("x")}))}, `d.zip：条目 "../unit.toml" 的名称不是 zip 内的文件（绝对路径或含有 ..）：已拒绝`},
		{"inner traversal", []part{fileP("dataset", "d.zip", zipOf(t, map[string][]byte{"demo/../../x.csv": []byte("x")}))}, `d.zip：条目 "demo/../../x.csv" 的名称不是 zip 内的文件（绝对路径或含有 ..）：已拒绝`},
		{"absolute", []part{fileP("dataset", "d.zip", zipOf(t, map[string][]byte{"/etc/unit.toml": []byte("x")}))}, `d.zip：条目 "/etc/unit.toml" 的名称不是 zip 内的文件（绝对路径或含有 ..）：已拒绝`},
		{"windows", []part{fileP("dataset", "d.zip", zipOf(t, map[string][]byte{`C:\unit.toml`: []byte("x")}))}, `d.zip：条目 "C:\\unit.toml" 的名称不是 zip 内的文件（绝对路径或含有 ..）：已拒绝`},
		{"many entries", []part{fileP("dataset", "d.zip", zipOf(t, many))}, "d.zip 中有 41 个条目，超过 40 个：一个数据集只有十几个文件"},
		{"bomb", []part{fileP("dataset", "d.zip", zipOf(t, bomb))}, "d.zip 解压后超过 1 MiB：数据集不会这么大"},
		{"two datasets", []part{fileP("dataset", "d.zip", zipOf(t, two))}, "d.zip 中有 2 个数据集（多个文件夹中都有 unit.toml）：请一次提交一个"},
		{"no unit", []part{fileP("dataset", "d.zip", zipOf(t, map[string][]byte{"4-1.csv": nil}))}, "d.zip 中没有 unit.toml：请把数据集文件夹（unit.toml 和各表的文件）压缩为 zip"},
		{"not a zip", []part{fileP("dataset", "d.zip", []byte("PK nothing"))}, "d.zip：不是可读取的 zip 文件"},
		{"nothing", []part{fieldP("source", "upload")}, "没有收到数据集：请选择数据集的 zip 文件，或 unit.toml 和各表的 CSV、TOML 文件"},
		{"dataset fault", []part{fileP("dataset", "unit.toml", []byte("pack = \"cq-2025\"\n"))}, "数据集/unit.toml：缺少 name"},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := post(t, s, "/fill", c.parts...)
			if w.Code != http.StatusUnprocessableEntity || !strings.Contains(html.UnescapeString(w.Body.String()), "<li>"+c.want) {
				t.Errorf("%d, want %q in\n%s", w.Code, c.want, problems(w.Body.String()))
			}
		})
	}
}

func TestSafeEntry(t *testing.T) {
	for _, c := range []struct {
		in, out string
		ok      bool
	}{
		{"unit.toml", "unit.toml", true},
		{"demo/4-2.csv", "demo/4-2.csv", true},
		{`demo\4-2.csv`, "demo/4-2.csv", true},
		{"部门收入总表.csv", "部门收入总表.csv", true},
		{"demo/", "demo", true},
		{"../x", "", false},
		{"a/../../x", "", false},
		{"a/./x", "", false},
		{"/etc/passwd", "", false},
		{`\\server\share\x`, "", false},
		{"C:/x", "", false},
		{"a//b", "", false},
		{"a/\x00b", "", false},
		{" a", "", false},
		{"", "", false},
	} {
		out, ok := safeEntry(c.in)
		if out != c.out || ok != c.ok {
			t.Errorf("safeEntry(%q) = %q, %v; want %q, %v", c.in, out, ok, c.out, c.ok)
		}
	}
	for in, want := range map[string]string{
		`C:\fakepath\审核.xlsx`:              "审核.xlsx",
		"../../etc/passwd":                 "passwd",
		"a\x00b\"c.xlsx":                   "abc.xlsx",
		"..":                               "",
		strings.Repeat("长", 200) + ".xlsx": strings.Repeat("长", 120),
	} {
		if got := displayName(in); got != want {
			t.Errorf("displayName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestForm: a blank form from a sample, from an uploaded dataset with a
// codes file, and from a codes file alone; what is missing is said.
func TestForm(t *testing.T) {
	s := newServer(t, Limits{})
	codes := []byte("table,code,name\n4-2,2080501,\n")
	for _, c := range []struct {
		name  string
		parts []part
		file  string
		rows  []string // codes the form must show
		want  string   // the problem shown, "" for a form
	}{
		{"sample", []part{fieldP("source", "sample"), fieldP("sample", "demo-2025")}, "重庆市綦江区演示文化馆-填报表.xlsx", []string{"2080101"}, ""},
		{"codes alone", []part{fieldP("source", "codes"), fieldP("pack", "cq-2025"), fieldP("name", "某某单位"), fieldP("amount_unit", "元"), fileP("codes", "科目.csv", codes)}, "某某单位-填报表.xlsx", []string{"20805", "2080501"}, ""},
		{"upload and codes", []part{fieldP("source", "upload"), fileP("dataset", "d.zip", zipOf(t, sampleFiles(t, "demo-2025", ""))), fileP("codes", "科目.csv", codes)}, "重庆市綦江区演示文化馆-填报表.xlsx", []string{"2080501"}, ""},
		{"no name", []part{fieldP("source", "codes"), fieldP("pack", "cq-2025"), fieldP("amount_unit", "元"), fileP("codes", "科目.csv", codes)}, "", nil, "缺少单位名称：请填写与表标题一致的单位全称"},
		{"no codes", []part{fieldP("source", "codes"), fieldP("pack", "cq-2025"), fieldP("name", "某")}, "", nil, "没有收到科目文件：请选择列为 table,code,name 的 CSV 文件"},
		{"bad codes", []part{fieldP("source", "codes"), fieldP("pack", "cq-2025"), fieldP("name", "某"), fieldP("amount_unit", "元"), fileP("codes", "科目.csv", []byte("x,y\n"))}, "", nil, "codes.csv:1："},
		{"no sample", []part{fieldP("source", "sample"), fieldP("sample", "../samples")}, "", nil, `没有名为 "../samples" 的示例数据集`},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := post(t, s, "/form", c.parts...)
			if c.want != "" {
				if w.Code != http.StatusUnprocessableEntity || !strings.Contains(html.UnescapeString(w.Body.String()), "<li>"+c.want) {
					t.Errorf("%d, want %q in\n%s", w.Code, c.want, problems(w.Body.String()))
				}
				return
			}
			if w.Code != 200 || w.Header().Get("Content-Type") != typeXLSX {
				t.Fatalf("%d %s\n%s", w.Code, w.Header().Get("Content-Type"), problems(w.Body.String()))
			}
			if _, params, _ := mime.ParseMediaType(w.Header().Get("Content-Disposition")); params["filename"] != c.file {
				t.Errorf("form named %q, want %q", params["filename"], c.file)
			}
			book, err := workbook.Decode("form", bytes.NewReader(w.Body.Bytes()), int64(w.Body.Len()), workbook.Limits{})
			if err != nil {
				t.Fatal(err)
			}
			sh := book.Sheet("附件4-2")
			for _, code := range c.rows {
				found := false
				for _, cell := range sh.Cells {
					found = found || cell.Value == code
				}
				if !found {
					t.Errorf("附件4-2 has no row %s", code)
				}
			}
			unlocked := 0
			for _, cell := range sh.Cells {
				if !cell.Locked {
					unlocked++
				}
			}
			if unlocked == 0 {
				t.Error("the form has no input cell")
			}
		})
	}
}

// TestTexts: every word the templates and the script use is in texts, and
// every one is translated.
func TestTexts(t *testing.T) {
	zh, en := texts(msg.ZH), texts(msg.EN)
	used := map[string]bool{}
	err := fs.WalkDir(assets, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(assets, p)
		for _, m := range regexp.MustCompile(`(?:\.T|\$T|\bT)\.([A-Za-z]+)`).FindAllStringSubmatch(string(b), -1) {
			used[m[1]] = true
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for key := range used {
		if _, ok := zh[key]; !ok {
			t.Errorf("the pages use the word %q, which texts lacks", key)
		}
	}
	for key, e := range en {
		if key != "otherLang" && !msg.Translated(e) {
			t.Errorf("texts[%q] = %q has no Chinese translation", key, e)
		}
		if !used[key] {
			t.Errorf("texts[%q] is used by no page", key)
		}
	}
}

// TestFillPDF: with LibreOffice, a fill asked for the PDF offers it.
func TestFillPDF(t *testing.T) {
	if testing.Short() {
		t.Skip("LibreOffice prints the PDF: skipped with -short")
	}
	oracle.Soffice(t)
	s := newServer(t, Limits{})
	if !strings.Contains(get(t, s, "/fill").Body.String(), `name="pdf"`) {
		t.Error("the fill page does not offer the PDF although LibreOffice is here")
	}
	w := post(t, s, "/fill", fieldP("source", "sample"), fieldP("sample", "demo-2025"), fieldP("pdf", "1"))
	if w.Code != http.StatusSeeOther {
		t.Fatalf("POST /fill: %d\n%s", w.Code, problems(w.Body.String()))
	}
	where := w.Header().Get("Location")
	if page := get(t, s, where).Body.String(); !strings.Contains(page, where+"/pdf") {
		t.Fatalf("no PDF offered:\n%s", problems(page))
	}
	w = get(t, s, where+"/pdf")
	if w.Code != 200 || w.Header().Get("Content-Type") != typePDF || !bytes.HasPrefix(w.Body.Bytes(), []byte("%PDF-")) {
		t.Errorf("pdf: %d %s", w.Code, w.Header().Get("Content-Type"))
	}
	if _, params, _ := mime.ParseMediaType(w.Header().Get("Content-Disposition")); params["filename"] != "demo-2025.pdf" {
		t.Errorf("PDF named %q", params["filename"])
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

// TestBusy: an upload beyond MaxPosts at once is asked to wait.
func TestBusy(t *testing.T) {
	s := newServer(t, Limits{MaxPosts: 1})
	s.posts <- struct{}{}
	w := post(t, s, "/review", fileP("workbooks", "a.xlsx", []byte("x")))
	if w.Code != http.StatusServiceUnavailable || w.Body.String() != "正在接收另外 1 个上传：请稍后再试\n" {
		t.Errorf("%d %q", w.Code, w.Body)
	}
	<-s.posts
	if w := get(t, s, "/"); w.Code != 200 {
		t.Errorf("a page while busy: %d", w.Code)
	}
}

// panicFS is a folder of packs that fails as a bug would.
type panicFS struct{}

func (panicFS) Open(string) (fs.File, error) { panic("boom") }

// TestCheckFilePanic: a fault while checking one file is that file's
// result, not the end of the server.
func TestCheckFilePanic(t *testing.T) {
	wb, err := os.ReadFile(qijiang(t))
	if err != nil {
		t.Fatal(err)
	}
	res := checkFile(File{Name: "a.xlsx", Data: wb}, pack.Library{Builtin: panicFS{}}, workbook.Limits{})
	if got := msg.Render(msg.ZH, res.Err); got != "a.xlsx：budgetxl 审核它时出错（boom）：请把这个文件连同本提示一起报告给开发者" || res.Report != nil {
		t.Errorf("%q", got)
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
