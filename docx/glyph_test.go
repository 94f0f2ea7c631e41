package docx_test

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"budgetxl/docx"
	"budgetxl/internal/oracle"
)

// glyphs are characters whose simplified Chinese forms differ from the
// Japanese ones the same Noto CJK font also holds.
const glyphs = "骨直角令写真"

// TestChineseGlyphs: the text prints in the simplified Chinese forms of
// its characters. The Noto CJK fonts that stand for 宋体 and 黑体 on Linux
// hold the Japanese, Korean and Chinese forms under one name (pdffonts
// names them NotoSerifCJKjp); the document's language, zh-CN, is what
// picks the Chinese ones. The same page in Japanese prints otherwise.
func TestChineseGlyphs(t *testing.T) {
	oracle.Writer(t)
	pdftoppm := oracle.Tool(t, "pdftoppm")
	dir := t.TempDir()
	zh := filepath.Join(dir, "zh.docx")
	if err := docx.Write(zh, &docx.Doc{Blocks: []docx.Block{{Style: docx.Title, Text: glyphs}, {Style: docx.Body, Text: glyphs}}}); err != nil {
		t.Fatal(err)
	}
	again, ja := filepath.Join(dir, "again.docx"), filepath.Join(dir, "ja.docx")
	rewrite(t, zh, again, "", "")
	rewrite(t, zh, ja, `w:eastAsia="zh-CN"`, `w:eastAsia="ja-JP"`)
	pdfs := oracle.PDF(t, zh, again, ja)
	page := func(pdf string) []byte {
		out := filepath.Join(dir, filepath.Base(pdf))
		if b, err := exec.Command(pdftoppm, "-r", "100", "-f", "1", "-l", "1", "-png", "-singlefile", pdf, out).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v %s", err, b)
		}
		b, err := os.ReadFile(out + ".png")
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	zhPage, againPage, jaPage := page(pdfs[0]), page(pdfs[1]), page(pdfs[2])
	if !bytes.Equal(zhPage, againPage) {
		t.Fatal("the same document prints two ways: the comparison below would mean nothing")
	}
	if bytes.Equal(zhPage, jaPage) {
		t.Errorf("%s prints as in Japanese: the PDF shows Japanese glyphs, not simplified Chinese", glyphs)
	}
}

// rewrite copies the .docx src to dst with old replaced by new in its styles.
func rewrite(t *testing.T, src, dst, old, new string) {
	t.Helper()
	z, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, f := range z.File {
		r, _ := f.Open()
		b, _ := io.ReadAll(r)
		r.Close()
		if f.Name == "word/styles.xml" && old != "" {
			if !bytes.Contains(b, []byte(old)) {
				t.Fatalf("styles.xml has no %s", old)
			}
			b = []byte(strings.ReplaceAll(string(b), old, new))
		}
		fw, _ := w.Create(f.Name)
		fw.Write(b)
	}
	w.Close()
	if err := os.WriteFile(dst, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
