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
	"unicode"

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

// DefaultStyles are the fonts and sizes of Chinese official documents
// (GB/T 9704: the title 二号宋体, headings 三号黑体, text 三号仿宋), as
// template packs give them unless they say otherwise; Encode takes them
// for what a Doc's Styles leave unset.
var DefaultStyles = Styles{TitleFont: "宋体", HeadingFont: "黑体", BodyFont: "仿宋", TitleSize: 22, HeadingSize: 16, BodySize: 16}

// withDefaults fills in what s leaves unset from DefaultStyles.
func (s Styles) withDefaults() Styles {
	d := DefaultStyles
	font := func(f *string, def string) {
		if *f == "" {
			*f = def
		}
	}
	size := func(pt *float64, def float64) {
		if *pt <= 0 {
			*pt = def
		}
	}
	font(&s.TitleFont, d.TitleFont)
	font(&s.HeadingFont, d.HeadingFont)
	font(&s.BodyFont, d.BodyFont)
	size(&s.TitleSize, d.TitleSize)
	size(&s.HeadingSize, d.HeadingSize)
	size(&s.BodySize, d.BodySize)
	return s
}

// Plain lays out lines of plain text (a 情况说明 kept as .txt) as a
// document in styles s: the first line is the title, a run of lines with
// tabs is a table (a row a line, cells between tabs), every other line a
// body paragraph; empty lines are left out.
func Plain(lines []string, s Styles) *Doc {
	d := &Doc{Styles: s}
	for _, l := range lines {
		l = strings.TrimRight(l, " \r")
		switch {
		case strings.TrimSpace(l) == "":
		case d.Title == "":
			d.Title = strings.TrimSpace(l)
			d.Blocks = append(d.Blocks, Block{Style: Title, Text: d.Title})
		case strings.Contains(l, "\t"):
			if n := len(d.Blocks); d.Blocks[n-1].Style == Table {
				d.Blocks[n-1].Rows = append(d.Blocks[n-1].Rows, strings.Split(l, "\t"))
				continue
			}
			d.Blocks = append(d.Blocks, Block{Style: Table, Rows: [][]string{strings.Split(l, "\t")}})
		default:
			d.Blocks = append(d.Blocks, Block{Style: Body, Text: strings.TrimSpace(l)})
		}
	}
	return d
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
		{"word/styles.xml", styles(d.Styles.withDefaults())},
		{"word/footer1.xml", footer},
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
	`<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
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
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>` +
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

// footer is every page's footer: its page number between dashes, centred
// (— 1 —), in 四号宋体 as GB/T 9704 numbers official documents. The
// number is a PAGE field, so that Word, WPS and LibreOffice count the
// pages of the text as a clerk edits it.
const footer = xmlHeader + `<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
	`<w:p><w:pPr><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/><w:spacing w:line="240" w:lineRule="auto"/></w:pPr>` +
	footerRun + `<w:t xml:space="preserve">— </w:t></w:r>` +
	`<w:fldSimple w:instr=" PAGE ">` + footerRun + `<w:t>1</w:t></w:r></w:fldSimple>` +
	footerRun + `<w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>`

// footerRun opens a run of the footer's font: 宋体 and Times New Roman, 14 points.
const footerRun = `<w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体" w:cs="Times New Roman" w:hint="eastAsia"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr>`

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
		text := blk.Text
		if blk.Style == Title {
			text = balanced(text, d.Styles.withDefaults().TitleSize)
		}
		paragraph(&b, blk.Style, text)
	}
	fmt.Fprintf(&b, `<w:sectPr><w:footerReference w:type="default" r:id="rId2"/><w:pgSz w:w="%d" w:h="16838"/><w:pgMar w:top="2098" w:right="%d" w:bottom="1984" w:left="%d" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>`,
		pageWidth, marginRight, marginLeft)
	b.WriteString(`</w:body></w:document>`)
	return b.String()
}

// balanced breaks a title too wide for one line of size points into
// lines, so that no line is left with a few characters: the fewest lines,
// broken where a phrase ends if that can be (before a number, after
// closing punctuation: 重庆市綦江区演示文化馆 / 2025年单位预算情况说明),
// else into lines of even width. It breaks between characters only where
// a line may break: not inside a run of letters and digits, not before
// closing punctuation nor after opening punctuation. A title with a line
// break of its own is left as it is. Widths are estimated: a Chinese
// character one em, others half.
func balanced(title string, size float64) string {
	r := []rune(title)
	if strings.ContainsRune(title, '\n') || len(r) < 2 {
		return title
	}
	em := make([]float64, len(r)+1) // em[i]: width of r[:i]
	for i, c := range r {
		em[i+1] = em[i] + 1
		if c < 0x2E80 {
			em[i+1] = em[i] + 0.5
		}
	}
	total, perLine := em[len(r)], float64(textWidth)/20/size
	if total <= perLine {
		return title
	}
	may := func(i int) bool { // between r[i-1] and r[i]
		a, b := r[i-1], r[i]
		return !(isAlnum(a) && isAlnum(b)) && !strings.ContainsRune(closing, b) && !strings.ContainsRune("（《「『“‘", a)
	}
	phrase := func(i int) bool {
		return may(i) && (unicode.IsDigit(r[i]) && r[i] < 0x80 || strings.ContainsRune(closing, r[i-1]))
	}
	// lines breaks r into lines no wider than w at breaks that ok allows,
	// each as late as it may; nil when it cannot.
	lines := func(w float64, ok func(int) bool) []int {
		var breaks []int
		start, last := 0, 0
		for i := 1; i <= len(r); i++ {
			if i < len(r) && !ok(i) {
				continue
			}
			if em[i]-em[start] > w {
				if last == start {
					return nil
				}
				breaks, start = append(breaks, last), last
				if em[i]-em[start] > w {
					return nil
				}
			}
			last = i
		}
		return breaks
	}
	fewest := lines(perLine, may)
	if fewest == nil {
		return title // no way to break it: Word wraps it
	}
	n := len(fewest) + 1
	best := fewest
	for _, ok := range []func(int) bool{phrase, may} {
		found := false
		for w := total / float64(n); w <= perLine+0.25; w += 0.25 {
			if b := lines(w, ok); b != nil && len(b)+1 == n {
				best, found = b, true
				break
			}
		}
		if found {
			break
		}
	}
	var out strings.Builder
	prev := 0
	for _, i := range best {
		out.WriteString(string(r[prev:i]) + "\n")
		prev = i
	}
	out.WriteString(string(r[prev:]))
	return out.String()
}

// closing is the punctuation no line starts with.
const closing = "，。、；：？！）》」』”’%"

func isAlnum(c rune) bool { return c < 0x80 && (unicode.IsLetter(c) || unicode.IsDigit(c)) }

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
