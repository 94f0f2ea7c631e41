package cli

import (
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"budgetxl/internal/oracle"
)

// TestPDFErrors: every wrong call of pdf says what is wrong, exits 2 and
// writes nothing; so does a 情况说明 that is missing, broken or empty,
// named or found beside the workbook, before LibreOffice starts.
func TestPDFErrors(t *testing.T) {
	tmp := t.TempDir()
	os.WriteFile(filepath.Join(tmp, "a.xlsx"), []byte("PK\x03\x04 not really"), 0o644)
	os.WriteFile(filepath.Join(tmp, "notes.txt"), []byte("hello"), 0o644)
	os.WriteFile(filepath.Join(tmp, "broken.docx"), []byte("文本，不是 .docx"), 0o644)
	os.WriteFile(filepath.Join(tmp, "empty.txt"), []byte("\r\n \n"), 0o644)
	os.WriteFile(filepath.Join(tmp, "soffice"), []byte("#!/bin/sh\nexit 1\n"), 0o755)
	os.Mkdir(filepath.Join(tmp, "b"), 0o755)
	os.WriteFile(filepath.Join(tmp, "b", "a.xlsx"), []byte("PK\x03\x04 not really"), 0o644)
	os.WriteFile(filepath.Join(tmp, "b", "a.docx"), []byte("PK\x03\x04 a broken zip"), 0o644)
	os.Mkdir(filepath.Join(tmp, "f"), 0o755)
	os.WriteFile(filepath.Join(tmp, "f", "d.docx"), []byte("not a docx"), 0o644)
	notDocx := "不是 .docx 文档：请在 Word 或 WPS 中另存为 .docx（Word 2007 及以后的格式）"
	tests := []struct {
		args []string
		env  string
		want string
	}{
		{[]string{"pdf"}, "", "错误：pdf 需要一个工作簿，给了 0 个参数：budgetxl pdf 文件.xlsx\n"},
		{[]string{"pdf", "TMP/a.xlsx", "TMP/b.xlsx"}, "", "错误：pdf 需要一个工作簿，给了 2 个参数：budgetxl pdf 文件.xlsx\n"},
		{[]string{"pdf", "TMP/none.xlsx"}, "", "错误：TMP/none.xlsx: 文件不存在\n"},
		{[]string{"pdf", "TMP"}, "", "错误：TMP 是一个文件夹：请给出工作簿（.xlsx）\n"},
		{[]string{"pdf", "TMP/notes.txt"}, "", "错误：TMP/notes.txt 不是 .xlsx 工作簿\n"},
		{[]string{"pdf", "TMP/a.xlsx", "-o", "TMP/./a.xlsx"}, "", "错误：TMP/./a.xlsx 是本命令读取的输入（TMP/a.xlsx），写入会覆盖它：请写到别的路径\n"},
		{[]string{"pdf", "TMP/a.xlsx", "--soffice", "TMP/nope"}, "", "错误：TMP/nope（由 --soffice 给出）：文件不存在；请给出 LibreOffice 的 soffice 的路径\n"},
		{[]string{"pdf", "TMP/a.xlsx"}, "TMP/nope", "错误：TMP/nope（由 BUDGETXL_SOFFICE 给出）：文件不存在；请给出 LibreOffice 的 soffice 的路径\n"},
		{[]string{"fill", "../samples/demo-2025", "--templates", "../templates", "-o", "TMP/d.xlsx", "--pdf"}, "TMP/nope",
			"错误：TMP/nope（由 BUDGETXL_SOFFICE 给出）：文件不存在；请给出 LibreOffice 的 soffice 的路径\n"},
		// the 情况说明
		{[]string{"pdf", "TMP/a.xlsx", "--explain", "TMP/notes.pdf"}, "TMP/soffice", "错误：TMP/notes.pdf：情况说明应为 .docx 或 .txt\n"},
		{[]string{"pdf", "TMP/a.xlsx", "--explain", "TMP/notes.txt", "--no-explain"}, "TMP/soffice", "错误：--explain 与 --no-explain 只能给出一个\n"},
		{[]string{"pdf", "TMP/a.xlsx", "--explain", "TMP/none.docx"}, "TMP/soffice", "错误：TMP/none.docx: 文件不存在\n"},
		{[]string{"pdf", "TMP/a.xlsx", "--explain", "TMP/broken.docx"}, "TMP/soffice", "错误：TMP/broken.docx: " + notDocx + "\n"},
		{[]string{"pdf", "TMP/a.xlsx", "--explain", "TMP/empty.txt"}, "TMP/soffice",
			"错误：TMP/empty.txt：情况说明是空的：请写好它（budgetxl explain 可起草），或用 --no-explain 不印情况说明\n"},
		{[]string{"pdf", "TMP/a.xlsx", "--explain", "TMP/notes.txt", "-o", "TMP/notes.txt"}, "TMP/soffice",
			"错误：TMP/notes.txt 是本命令读取的输入（TMP/notes.txt），写入会覆盖它：请写到别的路径\n"},
		{[]string{"pdf", "TMP/b/a.xlsx"}, "TMP/soffice", "错误：TMP/b/a.docx: " + notDocx + "\n"},
		{[]string{"fill", "../samples/demo-2025", "--templates", "../templates", "-o", "TMP/f/d.xlsx", "--pdf"}, "TMP/soffice",
			"错误：TMP/f/d.docx: " + notDocx + "\n"},
	}
	for _, tc := range tests {
		t.Setenv("BUDGETXL_SOFFICE", strings.ReplaceAll(tc.env, "TMP", tmp))
		code, stdout, stderr := run(t, tmp, tc.args...)
		if code != ExitInput || stdout != "" || stderr != tc.want {
			t.Errorf("%v: exit %d, stdout %q, stderr\n%s\nwant\n%s", tc.args, code, stdout, stderr, tc.want)
		}
	}
	if got := files(t, tmp); got != "a.xlsx b broken.docx empty.txt f notes.txt soffice" {
		t.Errorf("the folder holds %s", got)
	}
	if got := files(t, filepath.Join(tmp, "b")) + " | " + files(t, filepath.Join(tmp, "f")); got != "a.docx a.xlsx | d.docx" {
		t.Errorf("the folders hold %s", got)
	}
}

// demoSentences are sentences of the demo's 情况说明 drafted with its
// prior year.
var demoSentences = []string{
	"重庆市綦江区演示文化馆2025年单位预算情况说明",
	"（一）收入预算：2025年年初预算数228.69万元，其中：一般公共预算拨款217.69万元",
	"公务接待费1.20万元，较2024年减少0.30万元，下降20.00%，主要原因是【请填写增减原因】。",
}

// TestPDF: the demo's workbook with its drafted 情况说明 beside it, printed
// to one PDF by fill --pdf: the text's title and sentences on the first
// pages, then every table as LibreOffice prints the workbook alone (pdf
// --no-explain), each numbering its own pages; the fonts embedded; one
// bookmark for the 情况说明, its headings under it, and one per table.
// pdf --explain prints a text kept as .txt in GB18030 the same way.
func TestPDF(t *testing.T) {
	oracle.Writer(t)
	for _, tool := range []string{"pdftotext", "pdffonts", "pdftohtml", "pdfinfo"} {
		oracle.Tool(t, tool)
	}
	tmp := t.TempDir()
	code, _, stderr := run(t, tmp, "explain", "../samples/demo-2025", "--prior", "../samples/demo-2024", "--templates", "../templates", "-o", "TMP/out/demo.docx")
	if code != ExitOK {
		t.Fatalf("explain: exit %d %s", code, stderr)
	}
	code, stdout, stderr := run(t, tmp, "fill", "../samples/demo-2025", "--templates", "../templates", "-o", "TMP/out/demo.xlsx", "--pdf")
	// exit 1: fill's check finds the text's reasons still to be written
	m := regexp.MustCompile(`已写入 TMP/out/demo.pdf\n  先是情况说明 TMP/out/demo.docx（(\d+) 页），后是各表（(\d+) 页）；情况说明一个书签，每张表一个书签\n$`).FindStringSubmatch(stdout)
	if code != ExitProblems || m == nil || !strings.Contains(stdout, "explain.placeholder") {
		t.Fatalf("fill --pdf: exit %d\n%s%s", code, stdout, stderr)
	}
	textPages, _ := strconv.Atoi(m[1])
	tablePages, _ := strconv.Atoi(m[2])
	code, stdout, stderr = run(t, tmp, "--lang", "en", "pdf", "TMP/out/demo.xlsx", "--no-explain", "-o", "TMP/pub/公开.pdf")
	if code != ExitOK || stdout != "wrote TMP/pub/公开.pdf\n  the tables only (--no-explain)\n" {
		t.Fatalf("pdf: exit %d\n%s%s", code, stdout, stderr)
	}
	joined, tables := filepath.Join(tmp, "out", "demo.pdf"), filepath.Join(tmp, "pub", "公开.pdf")

	pages := pdfPages(t, joined)
	alone := pdfPages(t, tables)
	if textPages < 2 || len(pages) != textPages+tablePages || len(alone) != tablePages {
		t.Fatalf("%d pages, the text %d and the tables %d; the tables alone %d", len(pages), textPages, tablePages, len(alone))
	}
	text := squeeze(strings.Join(pages[:textPages], ""))
	for _, s := range demoSentences {
		if !strings.Contains(text, squeeze(s)) {
			t.Errorf("the text's pages have no %q", s)
		}
	}
	for i, p := range alone {
		if pages[textPages+i] != p {
			t.Errorf("page %d of the tables differs from the workbook printed alone:\n%s\nwant\n%s", i+1, pages[textPages+i], p)
		}
	}
	// the bookmarks: the text's title with its headings, then the tables'
	outline, tablesOutline := bookmarks(t, joined), bookmarks(t, tables)
	if len(outline) == 0 || outline[0] != (bookmark{"重庆市綦江区演示文化馆2025年单位预算情况说明", 1, 1}) {
		t.Fatalf("the outline starts %v", outline)
	}
	var headings, top []string
	for _, b := range outline[1:] {
		if b.depth == 1 {
			top = append(top, b.title+"@"+strconv.Itoa(b.page-textPages))
		} else if b.depth == 2 {
			headings = append(headings, b.title)
			if b.page > textPages {
				t.Errorf("heading %s on page %d, after the text", b.title, b.page)
			}
		}
	}
	var want []string
	for _, b := range tablesOutline {
		want = append(want, b.title+"@"+strconv.Itoa(b.page))
	}
	if len(want) != 10 || strings.Join(top, " ") != strings.Join(want, " ") {
		t.Errorf("bookmarks of the tables %v, want those of the workbook printed alone %v", top, want)
	}
	if len(headings) == 0 || headings[0] != "一、单位基本情况" {
		t.Errorf("headings of the text %v", headings)
	}
	// each table numbers its own pages
	footer := regexp.MustCompile(`第 (\d+) 页，共 (\d+) 页`)
	for i, b := range tablesOutline {
		end := len(alone) + 1
		if i+1 < len(tablesOutline) {
			end = tablesOutline[i+1].page
		}
		for pg := b.page; pg < end; pg++ {
			f := footer.FindStringSubmatch(pages[textPages+pg-1])
			if f == nil || f[1] != strconv.Itoa(pg-b.page+1) || f[2] != strconv.Itoa(end-b.page) {
				t.Errorf("%s page %d: footer %v, want 第 %d 页，共 %d 页", b.title, pg, f, pg-b.page+1, end-b.page)
			}
		}
	}
	if footer.MatchString(strings.Join(pages[:textPages], "")) {
		t.Error("the text's pages carry a table's page numbers")
	}
	// the text numbers its own pages: — 1 — at the foot of each
	for i, p := range pages[:textPages] {
		if want := "—" + strconv.Itoa(i+1) + "—"; !strings.HasSuffix(squeeze(p), want) {
			t.Errorf("page %d of the text does not end with its number %s:\n%s", i+1, want, p)
		}
	}
	oracle.Fonts(t, joined)

	// a text kept as .txt, in GB18030
	os.MkdirAll(filepath.Join(tmp, "txt"), 0o755)
	var plain strings.Builder
	for _, s := range demoSentences {
		plain.WriteString(s + "\r\n")
	}
	gb, err := simplifiedchinese.GB18030.NewEncoder().String(plain.String())
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(tmp, "txt", "情况说明.txt"), []byte(gb), 0o644)
	code, stdout, stderr = run(t, tmp, "pdf", "TMP/out/demo.xlsx", "--explain", "TMP/txt/情况说明.txt", "-o", "TMP/txt/公开.pdf")
	if code != ExitOK || !strings.HasPrefix(stdout, "已写入 TMP/txt/公开.pdf\n  先是情况说明 TMP/txt/情况说明.txt（1 页），后是各表（") {
		t.Fatalf("pdf --explain: exit %d\n%s%s", code, stdout, stderr)
	}
	txtPages := pdfPages(t, filepath.Join(tmp, "txt", "公开.pdf"))
	if first := squeeze(txtPages[0]); !strings.Contains(first, squeeze(demoSentences[1])) || !strings.Contains(first, squeeze(demoSentences[2])) {
		t.Errorf("the first page of the .txt's PDF:\n%s", txtPages[0])
	}
	if !strings.HasSuffix(squeeze(txtPages[0]), "—1—") {
		t.Errorf("the .txt's page has no page number:\n%s", txtPages[0])
	}
	if got := bookmarks(t, filepath.Join(tmp, "txt", "公开.pdf")); got[0].title != demoSentences[0] || len(got) != 11 {
		t.Errorf("bookmarks of the .txt's PDF: %v", got)
	}
	if got := files(t, filepath.Join(tmp, "out")) + " | " + files(t, filepath.Join(tmp, "pub")) + " | " + files(t, filepath.Join(tmp, "txt")); got != "demo.docx demo.pdf demo.xlsx | 公开.pdf | 公开.pdf 情况说明.txt" {
		t.Errorf("the folders hold %s", got)
	}
}

// pdfPages is the text of each page of a PDF, from pdftotext.
func pdfPages(t *testing.T, pdf string) []string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(string(out), "\f")
	return pages[:len(pages)-1]
}

// squeeze drops the white space of s: pdftotext puts spaces between
// Chinese and digits, and breaks lines.
func squeeze(s string) string { return strings.Join(strings.Fields(s), "") }

// bookmark is one entry of a PDF's outline: its title, page (from 1) and
// depth (1: the top).
type bookmark struct {
	title       string
	page, depth int
}

var outlineRe = regexp.MustCompile(`<outline>|</outline>|<item page="(\d+)">([^<]*)</item>`)

// bookmarks reads the outline of a PDF with poppler's pdftohtml.
func bookmarks(t *testing.T, pdf string) []bookmark {
	t.Helper()
	x, err := exec.Command("pdftohtml", "-xml", "-i", "-stdout", pdf).Output()
	if err != nil {
		t.Fatal(err)
	}
	var out []bookmark
	depth := 0
	for _, m := range outlineRe.FindAllStringSubmatch(string(x), -1) {
		switch m[0] {
		case "<outline>":
			depth++
		case "</outline>":
			depth--
		default:
			n, _ := strconv.Atoi(m[1])
			out = append(out, bookmark{html.UnescapeString(m[2]), n, depth})
		}
	}
	return out
}

// files lists the names in dir, sorted.
func files(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return strings.Join(names, " ")
}
