package verify_test

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// addParts copies an .xlsx file with more parts in it.
func addParts(t *testing.T, path string, parts map[string]string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		r, _ := f.Open()
		b, _ := io.ReadAll(r)
		r.Close()
		w, _ := zw.Create(f.Name)
		w.Write(b)
	}
	for name, text := range parts {
		w, _ := zw.Create(name)
		w.Write([]byte(text))
	}
	zw.Close()
	out := filepath.Join(t.TempDir(), "added.xlsx")
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestHidden: what a workbook carries without showing it is named, each
// with its rule: a hidden or very hidden sheet, macro parts, links to
// other files, values far outside the tables.
func TestHidden(t *testing.T) {
	demo := filled(t, "demo-2025", false)
	const (
		wbx  = "xl/workbook.xml"
		rels = "xl/_rels/workbook.xml.rels"
		s42  = "xl/worksheets/sheet2.xml"
	)
	link := addParts(t, alter(t, demo, rels, `</Relationships>`,
		`<Relationship Id="rIdX1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink" Target="externalLinks/externalLink1.xml"/></Relationships>`),
		map[string]string{
			"xl/externalLinks/externalLink1.xml":            `<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><externalBook r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></externalLink>`,
			"xl/externalLinks/_rels/externalLink1.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" Target="其他单位.xlsx" TargetMode="External"/></Relationships>`,
		})
	cases := []struct {
		name, path, want string
	}{
		{"hidden official sheet", alter(t, demo, wbx, `name="附件4-2"`, `name="附件4-2" state="hidden"`),
			"error structure.sheet-hidden 附件4-2! [visible|hidden] 工作表被隐藏（hidden）：阅读工作簿的人看不到这张表\n"},
		{"very hidden official sheet", alter(t, demo, wbx, `name="附件4-3"`, `name="附件4-3" state="veryHidden"`),
			"error structure.sheet-hidden 附件4-3! [visible|veryHidden] 工作表被隐藏（veryHidden）：阅读工作簿的人看不到这张表\n"},
		{"macro part", addParts(t, demo, map[string]string{"xl/vbaProject.bin": "VBA"}),
			"error workbook.macros ! [|xl/vbaProject.bin] 工作簿带有代码（宏或控件：xl/vbaProject.bin）；预算工作簿不需要代码，而代码可以改变它显示的内容\n"},
		{"external link", link,
			"error workbook.external-links ! [|其他单位.xlsx] 工作簿链接到其他文件（其他单位.xlsx）：它的值会随这些文件变化，阅读的人也无从核对\n"},
		{"a stray value at XFD1048576", alter(t, demo, s42, `</sheetData>`, `<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>藏起来的数</t></is></c></row></sheetData>`),
			"warning structure.far-cells 附件4-2!XFD1048576 [|藏起来的数] 有 1 个单元格的值远在各表之外（第 200000 行以下或 GR 列以右），没有人会看到：XFD1048576 藏起来的数\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, line := range strings.SplitAfter(lines(check(t, c.path), "zh", false), "\n") {
				if strings.Contains(line, "sheet-hidden") || strings.Contains(line, "workbook.") || strings.Contains(line, "far-cells") {
					got = append(got, line)
				}
			}
			if strings.Join(got, "") != c.want {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, ""), c.want)
			}
		})
	}
	// The published figures' sheet is hidden by fill: no finding.
	if out := lines(check(t, filled(t, "qijiang-shebao-2025", false)), "zh", false); strings.Contains(out, "sheet-hidden") {
		t.Errorf("the published figures' sheet was reported:\n%s", out)
	}
}
