// Package docx writes and reads the small part of WordprocessingML (.docx,
// ECMA-376) that a 情况说明 needs: a title, headings and body paragraphs in
// named styles with CJK fonts, and tables. Word, WPS and LibreOffice open
// what it writes as an ordinary editable document.
//
// Reading gives a document's text only, one string per paragraph or table
// row; it knows nothing of budgets. It imports only the standard library
// and packages msg and output.
package docx

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"budgetxl/output"
)

// Block styles.
const (
	Title    = "Title"
	Heading1 = "Heading1"
	Heading2 = "Heading2"
	Body     = "Normal"
	Table    = "table"
)

// Doc is a document to write.
type Doc struct {
	Title  string // the document's title property
	Styles Styles
	Blocks []Block
}

// Block is a paragraph in a style, or a table (Style Table) of text cells.
type Block struct {
	Style string
	Text  string
	Rows  [][]string
}

// Styles are the fonts (by the names Word and WPS know) and sizes in points.
type Styles struct {
	TitleFont, HeadingFont, BodyFont string
	TitleSize, HeadingSize, BodySize float64
}

// Write writes d to path as .docx, through a temporary file.
func Write(path string, d *Doc) error {
	return output.File(path, func(f *os.File) error { return Encode(f, d) }, nil)
}

// modified is the time stamp of the parts, fixed so that the same text
// always gives the same bytes.
var modified = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

// Encode writes d as a .docx package.
func Encode(w io.Writer, d *Doc) error {
	z := zip.NewWriter(w)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", packageRels},
		{"docProps/core.xml", coreProps(d.Title)},
		{"docProps/app.xml", appProps},
		{"word/_rels/document.xml.rels", documentRels},
		{"word/styles.xml", styles(d.Styles)},
		{"word/document.xml", document(d)},
	}
	for _, p := range parts {
		f, err := z.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: modified})
		if err != nil {
			return err
		}
		if _, err := io.WriteString(f, p.body); err != nil {
			return err
		}
	}
	return z.Close()
}

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

const contentTypes = xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
	`</Types>`

const packageRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

const documentRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
	`</Relationships>`

const appProps = xmlHeader + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>budgetxl</Application></Properties>`

func coreProps(title string) string {
	return xmlHeader + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">` +
		`<dc:title>` + escape(title) + `</dc:title><dc:creator>budgetxl</dc:creator></cp:coreProperties>`
}

// halfPoints is a size in points as WordprocessingML writes it.
func halfPoints(pt float64) string { return fmt.Sprintf("%d", int(pt*2+0.5)) }

// twips is a length in points, in twentieths of a point.
func twips(pt float64) int { return int(pt*20 + 0.5) }

func rFonts(font string) string {
	f := escape(font)
	return `<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="` + f + `" w:cs="Times New Roman" w:hint="eastAsia"/>`
}

// styles writes styles.xml: Normal (body text, first line indented by two
// characters, fixed line spacing), Title, Heading1, Heading2, TableText
// and a table style with borders.
func styles(s Styles) string {
	body := s.BodySize
	line := twips(body * 1.75) // 16 pt text on 28 pt lines, as official documents are set
	var b strings.Builder
	b.WriteString(xmlHeader + `<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">`)
	fmt.Fprintf(&b, `<w:docDefaults><w:rPrDefault><w:rPr>%s<w:sz w:val="%s"/><w:szCs w:val="%s"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>`+
		`<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="%d" w:lineRule="exact"/></w:pPr></w:pPrDefault></w:docDefaults>`,
		rFonts(s.BodyFont), halfPoints(body), halfPoints(body), line)
	fmt.Fprintf(&b, `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>`+
		`<w:pPr><w:ind w:firstLineChars="200" w:firstLine="%d"/><w:jc w:val="both"/></w:pPr><w:rPr>%s<w:sz w:val="%s"/><w:szCs w:val="%s"/></w:rPr></w:style>`,
		twips(2*body), rFonts(s.BodyFont), halfPoints(body), halfPoints(body))
	fmt.Fprintf(&b, `<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>`+
		`<w:pPr><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/><w:spacing w:before="%d" w:after="%d" w:line="%d" w:lineRule="auto"/></w:pPr>`+
		`<w:rPr>%s<w:sz w:val="%s"/><w:szCs w:val="%s"/></w:rPr></w:style>`,
		twips(s.TitleSize), twips(s.TitleSize), 360, rFonts(s.TitleFont), halfPoints(s.TitleSize), halfPoints(s.TitleSize))
	for i, h := range []struct{ id, name string }{{Heading1, "heading 1"}, {Heading2, "heading 2"}} {
		bold := ""
		font := s.HeadingFont
		if i == 1 {
			bold, font = `<w:b/><w:bCs/>`, s.BodyFont
		}
		fmt.Fprintf(&b, `<w:style w:type="paragraph" w:styleId="%s"><w:name w:val="%s"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>`+
			`<w:pPr><w:keepNext/><w:outlineLvl w:val="%d"/></w:pPr><w:rPr>%s%s<w:sz w:val="%s"/><w:szCs w:val="%s"/></w:rPr></w:style>`,
			h.id, h.name, i, rFonts(font), bold, halfPoints(s.HeadingSize), halfPoints(s.HeadingSize))
	}
	small := body * 0.75
	fmt.Fprintf(&b, `<w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:qFormat/>`+
		`<w:pPr><w:ind w:firstLineChars="0" w:firstLine="0"/><w:spacing w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr>`+
		`<w:rPr><w:sz w:val="%s"/><w:szCs w:val="%s"/></w:rPr></w:style>`, halfPoints(small), halfPoints(small))
	b.WriteString(`<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		fmt.Fprintf(&b, `<w:%s w:val="single" w:sz="4" w:space="0" w:color="000000"/>`, side)
	}
	b.WriteString(`</w:tblBorders><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>`)
	b.WriteString(`</w:styles>`)
	return b.String()
}

// Page: A4 with the margins of official documents (37/35/28/26 mm).
const (
	pageWidth   = 11906
	marginLeft  = 1588
	marginRight = 1474
	textWidth   = pageWidth - marginLeft - marginRight
)

// document writes document.xml.
func document(d *Doc) string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>`)
	for _, blk := range d.Blocks {
		if blk.Style == Table {
			table(&b, blk.Rows)
			paragraph(&b, Body, "")
			continue
		}
		paragraph(&b, blk.Style, blk.Text)
	}
	fmt.Fprintf(&b, `<w:sectPr><w:pgSz w:w="%d" w:h="16838"/><w:pgMar w:top="2098" w:right="%d" w:bottom="1984" w:left="%d" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>`,
		pageWidth, marginRight, marginLeft)
	b.WriteString(`</w:body></w:document>`)
	return b.String()
}

func paragraph(b *strings.Builder, style, text string) {
	fmt.Fprintf(b, `<w:p><w:pPr><w:pStyle w:val="%s"/></w:pPr>`, style)
	if text != "" {
		b.WriteString(`<w:r>`)
		runText(b, text)
		b.WriteString(`</w:r>`)
	}
	b.WriteString(`</w:p>`)
}

// runText writes a run's text: tabs and line breaks as their elements.
func runText(b *strings.Builder, text string) {
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			b.WriteString(`<w:br/>`)
		}
		for j, part := range strings.Split(line, "\t") {
			if j > 0 {
				b.WriteString(`<w:tab/>`)
			}
			if part != "" {
				b.WriteString(`<w:t xml:space="preserve">` + escape(part) + `</w:t>`)
			}
		}
	}
}

// table writes a table across the text width: the first column a third of
// it, the others sharing the rest.
func table(b *strings.Builder, rows [][]string) {
	cols := 0
	for _, r := range rows {
		cols = max(cols, len(r))
	}
	if cols == 0 {
		return
	}
	widths := make([]int, cols)
	first := textWidth
	if cols > 1 {
		first = textWidth / 3
		for i := 1; i < cols; i++ {
			widths[i] = (textWidth - first) / (cols - 1)
		}
	}
	widths[0] = first
	fmt.Fprintf(b, `<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="%d" w:type="dxa"/><w:jc w:val="center"/><w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>`, textWidth)
	for _, w := range widths {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, w)
	}
	b.WriteString(`</w:tblGrid>`)
	for i, r := range rows {
		b.WriteString(`<w:tr>`)
		if i == 0 {
			b.WriteString(`<w:trPr><w:tblHeader/></w:trPr>`)
		}
		for c := 0; c < cols; c++ {
			text := ""
			if c < len(r) {
				text = r[c]
			}
			fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>`, widths[c])
			paragraph(b, "TableText", text)
			b.WriteString(`</w:tc>`)
		}
		b.WriteString(`</w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
}

// escape escapes text for XML, dropping the characters XML 1.0 does not allow.
func escape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r != 0xFFFE && r != 0xFFFF {
			return r
		}
		return -1
	}, s)))
	return b.String()
}
