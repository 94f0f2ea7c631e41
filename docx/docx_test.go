package docx_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"budgetxl/docx"
	"budgetxl/internal/oracle"
)

var sample = &docx.Doc{
	Title:  "测试单位2025年单位预算情况说明",
	Styles: docx.DefaultStyles,
	Blocks: []docx.Block{
		{Style: docx.Title, Text: "测试单位2025年单位预算情况说明"},
		{Style: docx.Heading1, Text: "一、单位收支总体情况"},
		{Style: docx.Heading2, Text: "（一）收入预算"},
		{Style: docx.Body, Text: "2025年年初预算数16788.71万元，较2024年增加1489.54万元，增长9.74%。<&>"},
		{Style: docx.Table, Rows: [][]string{{"项目", "2025年预算数", "2024年预算数"}, {"合计", "21.80", "23.00"}, {"公务接待费", "6.80", ""}}},
		{Style: docx.Body, Text: "八、专业名词解释"},
	},
}

var sampleLines = []string{
	"测试单位2025年单位预算情况说明",
	"一、单位收支总体情况",
	"（一）收入预算",
	"2025年年初预算数16788.71万元，较2024年增加1489.54万元，增长9.74%。<&>",
	"项目\t2025年预算数\t2024年预算数",
	"合计\t21.80\t23.00",
	"公务接待费\t6.80\t",
	"", // the paragraph after a table
	"八、专业名词解释",
}

func write(t *testing.T, d *docx.Doc) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "情况说明.docx")
	if err := docx.Write(path, d); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestRoundTrip: what Write writes, ReadFile reads back paragraph by paragraph.
func TestRoundTrip(t *testing.T) {
	lines, err := docx.ReadFile(write(t, sample))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(lines, "\n"), strings.Join(sampleLines, "\n"); got != want {
		t.Errorf("read back:\n%s\nwant:\n%s", got, want)
	}
	var a, b bytes.Buffer
	if err := docx.Encode(&a, sample); err != nil {
		t.Fatal(err)
	}
	if err := docx.Encode(&b, sample); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same document gives different bytes")
	}
}

// TestLibreOffice: LibreOffice opens what Write writes (its text export has
// every paragraph), and a document it saves again as .docx (runs split,
// its own styles and properties) reads back to the same text.
func TestLibreOffice(t *testing.T) {
	path := write(t, sample)
	oracle.Writer(t)
	txt := oracle.Convert(t, path, "txt:Text (encoded):UTF8")
	b, err := os.ReadFile(txt)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	for _, l := range sampleLines {
		for _, cell := range strings.Split(l, "\t") {
			if !strings.Contains(text, cell) {
				t.Errorf("LibreOffice's text has no %q:\n%s", cell, text)
			}
		}
	}
	resaved := oracle.Convert(t, path, "docx")
	lines, err := docx.ReadFile(resaved)
	if err != nil {
		t.Fatal(err)
	}
	var got, want []string
	for _, l := range lines {
		if l != "" {
			got = append(got, l)
		}
	}
	for _, l := range sampleLines {
		if l != "" {
			want = append(want, l)
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("re-saved by LibreOffice, read back:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestPlain: a text kept as plain lines becomes a document whose first
// line is the title and whose tab-separated runs are tables, read back as
// the same lines; unset styles are the official documents' defaults.
func TestPlain(t *testing.T) {
	in := []string{"", "测试单位2025年单位预算情况说明 ", "一、单位收支总体情况", "", "项目\t2025年预算数\t2024年预算数", "合计\t21.80\t23.00\r", "八、专业名词解释"}
	d := docx.Plain(in, docx.Styles{BodySize: 14})
	var styles []string
	for _, b := range d.Blocks {
		styles = append(styles, b.Style)
	}
	if got, want := d.Title+" | "+strings.Join(styles, " "), "测试单位2025年单位预算情况说明 | Title Normal table Normal"; got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
	path := write(t, d)
	lines, err := docx.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := "测试单位2025年单位预算情况说明|一、单位收支总体情况|项目\t2025年预算数\t2024年预算数|合计\t21.80\t23.00||八、专业名词解释"
	if got := strings.Join(lines, "|"); got != want {
		t.Errorf("read back %q\nwant %q", got, want)
	}
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	for _, f := range z.File {
		if f.Name != "word/styles.xml" {
			continue
		}
		r, _ := f.Open()
		var b bytes.Buffer
		b.ReadFrom(r)
		for _, want := range []string{`w:eastAsia="宋体"`, `w:eastAsia="黑体"`, `w:eastAsia="仿宋"`, `<w:sz w:val="44"/>`, `<w:sz w:val="28"/>`} {
			if !strings.Contains(b.String(), want) {
				t.Errorf("styles.xml lacks %s", want)
			}
		}
	}
}

// TestDefaultStyles: what a document's styles leave unset is written in
// DefaultStyles' fonts and sizes; what they give is kept.
func TestDefaultStyles(t *testing.T) {
	for _, c := range []struct {
		styles docx.Styles
		want   []string
	}{
		{docx.Styles{}, []string{`w:eastAsia="宋体"`, `w:eastAsia="黑体"`, `w:eastAsia="仿宋"`, `<w:sz w:val="44"/>`, `<w:sz w:val="32"/>`}},
		{docx.Styles{BodyFont: "楷体", TitleSize: 18}, []string{`w:eastAsia="宋体"`, `w:eastAsia="黑体"`, `w:eastAsia="楷体"`, `<w:sz w:val="36"/>`, `<w:sz w:val="32"/>`}},
	} {
		var buf bytes.Buffer
		if err := docx.Encode(&buf, &docx.Doc{Styles: c.styles, Blocks: sample.Blocks}); err != nil {
			t.Fatal(err)
		}
		z, _ := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		for _, f := range z.File {
			if f.Name != "word/styles.xml" {
				continue
			}
			r, _ := f.Open()
			var b bytes.Buffer
			b.ReadFrom(r)
			for _, want := range c.want {
				if !strings.Contains(b.String(), want) {
					t.Errorf("%+v: styles.xml lacks %s", c.styles, want)
				}
			}
			if c.styles.BodyFont != "" && strings.Contains(b.String(), `w:eastAsia="仿宋"`) {
				t.Errorf("%+v: the default body font is still written", c.styles)
			}
		}
	}
}

// TestFooter: every page of the text carries its number, a PAGE field
// between dashes in the footer the section refers to.
func TestFooter(t *testing.T) {
	var buf bytes.Buffer
	if err := docx.Encode(&buf, sample); err != nil {
		t.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]string{}
	for _, f := range z.File {
		r, _ := f.Open()
		var b bytes.Buffer
		b.ReadFrom(r)
		parts[f.Name] = b.String()
	}
	for _, c := range []struct{ part, want string }{
		{"[Content_Types].xml", `<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>`},
		{"word/_rels/document.xml.rels", `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>`},
		{"word/document.xml", `<w:sectPr><w:footerReference w:type="default" r:id="rId2"/>`},
		{"word/footer1.xml", `<w:t xml:space="preserve">— </w:t></w:r><w:fldSimple w:instr=" PAGE ">`},
		{"word/footer1.xml", `<w:jc w:val="center"/>`},
	} {
		if !strings.Contains(parts[c.part], c.want) {
			t.Errorf("%s lacks %s", c.part, c.want)
		}
	}
	// the footer is not text of the document
	lines, err := docx.Read(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil || strings.Contains(strings.Join(lines, "\n"), "—") {
		t.Errorf("read back %q, %v", lines, err)
	}
}

// TestReadParts: tracked deletions, field codes and the fallback copy of
// a text box are left out; a text box's paragraphs join their paragraph.
func TestReadParts(t *testing.T) {
	body := `<w:p><w:r><w:t>本年</w:t></w:r><w:del><w:r><w:delText>删去</w:delText></w:r></w:del><w:ins><w:r><w:t>新增</w:t></w:r></w:ins></w:p>` +
		`<w:p><w:r><w:instrText>PAGE</w:instrText><w:t>第</w:t><w:tab/><w:t>1</w:t><w:br/><w:t>页</w:t></w:r></w:p>` +
		`<w:p><w:r><mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></mc:Choice><mc:Fallback><w:t>重复</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>`
	lines, err := docx.Read(docxBytes(t, body))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(lines, "|"), "本年新增|第\t1\n页|框内"; got != want {
		t.Errorf("lines %q, want %q", got, want)
	}
}

// TestReadErrors: what is not a .docx, or too large, is refused.
func TestReadErrors(t *testing.T) {
	dir := t.TempDir()
	notZip := filepath.Join(dir, "a.docx")
	os.WriteFile(notZip, []byte("文本"), 0o644)
	if _, err := docx.ReadFile(notZip); !errors.Is(err, docx.ErrNotDocx) {
		t.Errorf("text file: %v, want ErrNotDocx", err)
	}
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	w, _ := z.Create("word/other.xml")
	w.Write([]byte("<x/>"))
	z.Close()
	if _, err := docx.Read(bytes.NewReader(buf.Bytes()), int64(buf.Len())); !errors.Is(err, docx.ErrNotDocx) {
		t.Errorf("no document.xml: %v, want ErrNotDocx", err)
	}
	r, size := docxBytes(t, `<w:p><w:r><w:t>未闭合`)
	if _, err := docx.Read(r, size); !errors.Is(err, docx.ErrNotDocx) {
		t.Errorf("broken XML: %v, want ErrNotDocx", err)
	}
	// A document that inflates past the limit stops at the limit.
	buf.Reset()
	z = zip.NewWriter(&buf)
	w, _ = z.Create("word/document.xml")
	w.Write([]byte(`<w:document><w:body><w:p><w:r><w:t>`))
	chunk := bytes.Repeat([]byte("重"), 1<<20)
	for n := 0; n <= docx.MaxDocument/len(chunk); n++ {
		w.Write(chunk)
	}
	z.Close()
	if _, err := docx.Read(bytes.NewReader(buf.Bytes()), int64(buf.Len())); !errors.Is(err, docx.ErrTooLarge) {
		t.Errorf("a large document: %v, want ErrTooLarge", err)
	}
}

// docxBytes wraps body in a minimal document.xml.
func docxBytes(t *testing.T, body string) (*bytes.Reader, int64) {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	w, err := z.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>` + body + `</w:body></w:document>`))
	z.Close()
	return bytes.NewReader(buf.Bytes()), int64(buf.Len())
}
