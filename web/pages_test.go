package web

import (
	"bytes"
	"fmt"
	"html"
	"io/fs"
	"mime"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"budgetxl/internal/oracle"
	"budgetxl/msg"
	"budgetxl/pack"
	"budgetxl/workbook"
)

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
	want := []string{fmt.Sprintf(">%d年预算数<", p.Year), "· 纵向", "· 横向", `colspan="3">` + fmt.Sprintf("%d年预算数", p.Year), "<code>{basic} + {project}</code>", ">科目编码<"}
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

// TestTemplatesPageFeatures: a pack's page says what the template language
// of docs/templates.md adds: the pack it extends, a rule's condition and
// tolerance, a column's check beside its formula and the level of a split
// code, and the ordinals of a tree's names.
func TestTemplatesPageFeatures(t *testing.T) {
	for _, c := range []struct {
		dir, id string
		lang    string
		want    []string
	}{
		{"../testdata/features/extends", "extends-demo", "", []string{"继承: extends-demo 2.0.0 ← extends-base 1.0.0"}},
		{"../testdata/features/extends", "extends-demo", "en", []string{"Made from: extends-demo 2.0.0 ← extends-base 1.0.0"}},
		{"../testdata/features/rules/pack", "rules-demo", "", []string{"<small>允许误差 ±0.05</small>", "<small>仅当 {summary!fund.amount} = 0 时</small>"}},
		{"../testdata/features/rules/pack", "rules-demo", "en", []string{"<small>tolerance ±0.05</small>", "<small>only when {summary!fund.amount} = 0</small>"}},
		{"../testdata/features/formula-check/pack", "formula-check-demo", "", []string{"<code>{basic} + {project}、应等于 gpb.amount</code>"}},
		{"../testdata/features/code-columns/pack", "code-columns-demo", "", []string{"<code>编码第 1 级</code>", "<code>编码第 2 级</code>", "<code>编码第 3 级</code>"}},
		{"../testdata/features/ordinals/pack", "ordinals-demo", "", []string{`自动补上级，名称前编序号 "{n}、" "（{n}）"`}},
		{"../testdata/features/ordinals/pack", "ordinals-demo", "en", []string{`their parents added, names numbered "{n}、" "（{n}）"`}},
	} {
		s, err := New(Options{Addr: testAddr, Packs: pack.Library{Dir: c.dir}})
		if err != nil {
			t.Fatal(err)
		}
		path := "/templates/" + c.id
		if c.lang != "" {
			path += "?lang=" + c.lang
		}
		w := get(t, s, path)
		body := html.UnescapeString(w.Body.String())
		if w.Code != 200 || strings.Contains(body, `class="problems"`) {
			t.Errorf("%s: %d, problems in %s", path, w.Code, body)
			continue
		}
		for _, want := range c.want {
			if !strings.Contains(body, want) {
				t.Errorf("%s %s: the page has no %q", c.dir, path, want)
			}
		}
	}
}
