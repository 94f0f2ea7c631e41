package pdfjoin

import (
	"bytes"
	"fmt"
	"html"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"budgetxl/internal/fuzzcheck"
	"budgetxl/internal/oracle"
	"budgetxl/msg"
)

// parts are the two documents the tests join: a text with bookmarks in
// two levels, written with a cross-reference table, and tables written
// with a cross-reference stream and an object stream.
func parts(t *testing.T) (textPDF, tables string) {
	textPDF = save(t, "text.pdf", sample([]string{"A1", "A2", "A3"}, []string{"a1>1", "  a11>2", "a2>3"}, "the text").classic())
	tables = save(t, "tables.pdf", sample([]string{"B1", "B2"}, []string{"b1>1", "b2>2"}, "the tables").compact())
	return textPDF, tables
}

// TestJoin joins the parts, the text under a bookmark of its own, and reads
// the result back: every page, in order, in one page tree, each with the
// attributes it inherited; the outline; the document information of the
// last part; and poppler reads it as the same.
func TestJoin(t *testing.T) {
	textPDF, tables := parts(t)
	var out bytes.Buffer
	counts, err := Join(&out, []Part{{Path: textPDF, Title: "收支预算情况说明"}, {Path: tables}})
	if err != nil {
		t.Fatal(err)
	}
	if len(counts) != 2 || counts[0] != 3 || counts[1] != 2 {
		t.Errorf("pages of the parts %v, want [3 2]", counts)
	}
	joined := save(t, "joined.pdf", out.Bytes())
	if !bytes.HasPrefix(out.Bytes(), []byte("%PDF-1.7\n")) {
		t.Errorf("the joined file starts %q, want the highest version of the parts", out.Bytes()[:9])
	}

	f, err := open(joined)
	if err != nil {
		t.Fatal(err)
	}
	j := &joiner{files: []*file{f}, nums: []map[int]int{{}}, pageDicts: []map[int]*dict{{}}}
	cat, err := f.catalog()
	if err != nil {
		t.Fatal(err)
	}
	pages, err := j.pages(0, f, cat)
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, p := range pages {
		o, _ := f.resolve(ref{p, 0})
		d := o.(*dict)
		if d.get("Parent") != cat.get("Pages") || d.get("Resources") == nil || d.get("MediaBox") == nil {
			t.Errorf("page %d: Parent %v (tree %v), Resources %v, MediaBox %v", p, d.get("Parent"), cat.get("Pages"), d.get("Resources"), d.get("MediaBox"))
		}
		c, _ := f.resolve(d.get("Contents").(ref))
		texts = append(texts, string(c.(*stream).data))
	}
	if got := strings.Join(texts, "|"); !strings.Contains(got, "(A1)") || strings.Count(got, "Tj") != 5 ||
		strings.Index(got, "(A3)") > strings.Index(got, "(B1)") {
		t.Errorf("pages %s", got)
	}
	if got, want := outline(t, f, cat), "收支预算情况说明@1 -3 [a1@1 1 [a11@2] a2@3] b1@4 b2@5 (3 shown)"; got != want {
		t.Errorf("outline\n%s\nwant\n%s", got, want)
	}
	if cat.get("Lang") == nil {
		t.Error("the catalog lost the language of the last part")
	}
	info, _ := f.resolve(f.trailer.get("Info").(ref))
	if got := text(info.(*dict).get("Title")); got != "the tables" {
		t.Errorf("document title %q, want the last part's", got)
	}

	// poppler, independently
	for _, tool := range []string{"pdfinfo", "pdftotext", "pdftohtml"} {
		oracle.Tool(t, tool)
	}
	cmd := exec.Command("pdfinfo", joined)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	infoOut, err := cmd.Output()
	if err != nil || stderr.Len() > 0 {
		t.Fatalf("pdfinfo: %v %s", err, stderr.String())
	}
	if !regexp.MustCompile(`(?m)^Pages:\s+5$`).Match(infoOut) || !regexp.MustCompile(`(?m)^Title:\s+the tables$`).Match(infoOut) {
		t.Errorf("pdfinfo:\n%s", infoOut)
	}
	txt, err := exec.Command("pdftotext", joined, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(strings.Fields(string(txt)), " "); got != "A1 A2 A3 B1 B2" {
		t.Errorf("pdftotext: %q", got)
	}
	if got, want := Bookmarks(t, joined), "收支预算情况说明@1 [a1@1 [a11@2] a2@3] b1@4 b2@5"; got != want {
		t.Errorf("pdftohtml's outline\n%s\nwant\n%s", got, want)
	}
}

// TestJoinUntitled: without titles, the parts' bookmarks stand side by
// side; a part without bookmarks adds none.
func TestJoinUntitled(t *testing.T) {
	textPDF, tables := parts(t)
	plain := save(t, "plain.pdf", sample([]string{"C1"}, nil, "").classic())
	var out bytes.Buffer
	if _, err := Join(&out, []Part{{Path: plain}, {Path: tables}, {Path: textPDF}}); err != nil {
		t.Fatal(err)
	}
	f, err := parse(out.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	cat, _ := f.catalog()
	j := &joiner{files: []*file{f}, nums: []map[int]int{{}}, pageDicts: []map[int]*dict{{}}}
	if _, err := j.pages(0, f, cat); err != nil {
		t.Fatal(err)
	}
	if got, want := outline(t, f, cat), "b1@2 b2@3 a1@4 1 [a11@5] a2@6 (5 shown)"; got != want {
		t.Errorf("outline %s, want %s", got, want)
	}
}

// outline writes the bookmarks of a parsed file: title@page, the Count of
// those with bookmarks under them, and how many the root says are shown.
func outline(t *testing.T, f *file, cat *dict) string {
	t.Helper()
	j := &joiner{files: []*file{f}, nums: []map[int]int{{}}, pageDicts: []map[int]*dict{{}}}
	pages, err := j.pages(0, f, cat)
	if err != nil {
		t.Fatal(err)
	}
	index := map[int]int{}
	for i, p := range pages {
		index[p] = i + 1
	}
	var level func(first object) string
	level = func(first object) string {
		var parts []string
		for next := first; next != nil; {
			o, _ := f.resolve(next.(ref))
			d := o.(*dict)
			dest := d.get("Dest").(array)
			s := text(d.get("Title")) + "@" + strconv.Itoa(index[dest[0].(ref).num])
			if d.get("First") != nil {
				n, _ := intOf(d.get("Count"))
				if c, ok := d.get("Count").(atom); ok && c[0] == '-' {
					n, _ = parseInt(c[1:])
					n = -n
				}
				s += " " + strconv.Itoa(n) + " [" + level(d.get("First")) + "]"
			}
			parts = append(parts, s)
			next = d.get("Next")
		}
		return strings.Join(parts, " ")
	}
	o, _ := f.resolve(cat.get("Outlines").(ref))
	root := o.(*dict)
	n, _ := intOf(root.get("Count"))
	return level(root.get("First")) + " (" + strconv.Itoa(n) + " shown)"
}

var outlineRe = regexp.MustCompile(`<outline>|</outline>|<item page="(\d+)">([^<]*)</item>`)

// Bookmarks is the outline of a PDF as poppler's pdftohtml reads it:
// title@page, the bookmarks under one in brackets.
func Bookmarks(t testing.TB, pdf string) string {
	t.Helper()
	x, err := exec.Command("pdftohtml", "-xml", "-i", "-stdout", pdf).Output()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	depth := 0
	for _, m := range outlineRe.FindAllStringSubmatch(string(x), -1) {
		switch m[0] {
		case "<outline>":
			if depth++; depth > 1 {
				b.WriteString(" [")
			}
		case "</outline>":
			if depth--; depth > 0 {
				b.WriteString("]")
			}
		default:
			if s := b.String(); s != "" && !strings.HasSuffix(s, "[") {
				b.WriteString(" ")
			}
			b.WriteString(html.UnescapeString(m[2]) + "@" + m[1])
		}
	}
	return b.String()
}

// TestJoinErrors: a file Join cannot read is an error that names it and
// says what is wrong; nothing is written.
func TestJoinErrors(t *testing.T) {
	good := sample([]string{"A1"}, []string{"a>1"}, "").classic()
	named := sample([]string{"A1"}, []string{"a>1"}, "")
	for n, body := range named.objs {
		if strings.Contains(body, "/Dest[") {
			named.objs[n] = regexp.MustCompile(`/Dest\[[^\]]*\]`).ReplaceAllString(body, "/Dest(chapter)")
		}
	}
	loop := sample([]string{"A1"}, nil, "")
	loop.objs[3] = "<</Type/Pages/Parent 2 0 R/Kids[2 0 R]/Count 1>>"
	encrypted := sample([]string{"A1"}, nil, "").classic()
	encrypted = bytes.Replace(encrypted, []byte("trailer\n<<"), []byte("trailer\n<</Encrypt 9 0 R"), 1)
	long := bytes.Replace(good, []byte(fmt.Sprintf("/Length %d>", len(content("A1")))), []byte("/Length 99999>"), 1)
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"notpdf", []byte("PK\x03\x04 a zip"), "TMP/notpdf: 不是 PDF 文件"},
		{"truncated", good[:len(good)/2], "TMP/truncated: 文件末尾没有 startxref"},
		{"encrypted", encrypted, "TMP/encrypted: PDF 已加密"},
		{"named", named.classic(), `TMP/named: 书签 "a" 跳转到命名目标，合并时不支持`},
		{"loop", loop.classic(), "TMP/loop: 页面树中对象 2 出现了两次"},
		{"long", long, "TMP/long: 第 "},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := save(t, tc.name, tc.data)
			var out bytes.Buffer
			_, err := Join(&out, []Part{{Path: save(t, "ok.pdf", good)}, {Path: p}})
			got := strings.ReplaceAll(msg.Render(msg.ZH, err), filepath.Dir(p), "TMP")
			if err == nil || !strings.HasPrefix(got, tc.want) || out.Len() > 0 {
				t.Errorf("got %q (%d bytes written)\nwant %s", got, out.Len(), tc.want)
			}
		})
	}
	if _, err := Join(&bytes.Buffer{}, []Part{{Path: filepath.Join(t.TempDir(), "none.pdf")}}); err == nil || !strings.HasSuffix(err.Error(), "none.pdf: no such file") {
		t.Errorf("a missing file: %v", err)
	}
}

// TestUnpredict checks each PNG row filter on the rows 1 2 3 and 4 6 8,
// the second row encoded by hand.
func TestUnpredict(t *testing.T) {
	for _, tc := range []struct {
		name string
		row  []byte
	}{
		{"Sub", []byte{1, 4, 2, 2}},     // less the byte left
		{"Up", []byte{2, 3, 4, 5}},      // less the byte above
		{"Average", []byte{3, 4, 3, 4}}, // less the mean of left and above: 0, 3, 4
		{"Paeth", []byte{4, 3, 2, 2}},   // less the predictor: above, left, left
	} {
		got, err := unpredict(append([]byte{0, 1, 2, 3}, tc.row...), 3)
		if err != nil || string(got) != "\x01\x02\x03\x04\x06\x08" {
			t.Errorf("%s: %v %v", tc.name, got, err)
		}
	}
	if _, err := unpredict([]byte{9, 1, 2, 3}, 3); err == nil {
		t.Error("row filter 9 accepted")
	}
}

// FuzzJoin: any bytes as the parts of a join are answered fast, with one
// of the project's messages or a PDF.
func FuzzJoin(f *testing.F) {
	d := sample([]string{"A1", "A2"}, []string{"a1>1", "  a11>2"}, "t")
	f.Add(d.classic())
	f.Add(d.compact())
	f.Fuzz(func(t *testing.T, b []byte) {
		fuzzcheck.Within(t, "join", func() {
			f, err := parse(b)
			if err == nil {
				f.path = "fuzz.pdf"
				_, err = join(&bytes.Buffer{}, []*file{f}, []string{"说明"})
			}
			fuzzcheck.Error(t, err)
		})
	})
}
