package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"budgetxl/msg"
)

// xlsx builds a minimal workbook package: one sheet (its <sheetData>
// content and what follows it), optional styles, and extra parts.
func xlsx(t testing.TB, sheetData, after string, extra map[string]string) []byte {
	t.Helper()
	parts := map[string]string{
		"_rels/.rels":                `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":            `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="表" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml":   `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + sheetData + `</sheetData>` + after + `</worksheet>`,
	}
	for k, v := range extra {
		parts[k] = v
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, text := range parts {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, text)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func decode(b []byte, lim Limits) (*Book, error) {
	return Decode("t.xlsx", bytes.NewReader(b), int64(len(b)), lim)
}

// unlockedStyles has style 1 unlocked.
const unlockedStyles = `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="0" applyProtection="1"><protection locked="0"/></xf></cellXfs></styleSheet>`

// bomb is a zip whose one sheet part inflates to n bytes of spaces.
func bomb(t testing.TB, n int) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, text := range map[string]string{
		"xl/workbook.xml":            `<workbook><sheets><sheet name="表" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
	} {
		w, _ := zw.Create(name)
		io.WriteString(w, text)
	}
	w, _ := zw.Create("xl/worksheets/sheet1.xml")
	io.WriteString(w, "<worksheet><sheetData>")
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	for ; n > 0; n -= len(chunk) {
		w.Write(chunk[:min(n, len(chunk))])
	}
	zw.Close()
	return buf.Bytes()
}

// TestHostile: files built to hurt a reader get a clear error, or are
// read with what they hide named, within the limits. (Time and memory are
// measured by the benchmarks, never here.)
func TestHostile(t *testing.T) {
	cols := strings.Repeat(`<c r="A1" t="inlineStr"><is><t>x</t></is></c>`, 1)
	var many strings.Builder
	for r := 1; r <= 2000; r++ {
		fmt.Fprintf(&many, `<row r="%d"><c r="A%d"><v>%d</v></c></row>`, r, r, r)
	}
	cases := []struct {
		name string
		data []byte
		lim  Limits
		want string
	}{
		{"zip bomb: a part inflating past the limit", bomb(t, DefaultMaxPartBytes+1), Limits{},
			"t.xlsx: not a readable .xlsx workbook: sheet 表: part xl/worksheets/sheet1.xml inflates to more than 64 MiB (a zip bomb?)"},
		{"all parts inflating past the limit", bomb(t, 3<<20), Limits{MaxTotalBytes: 2 << 20},
			"t.xlsx: not a readable .xlsx workbook: sheet 表: the parts of the workbook inflate to more than 2 MiB (a zip bomb?)"},
		{"too many cells", xlsx(t, many.String(), "", nil), Limits{MaxCells: 1000},
			"t.xlsx: not a readable .xlsx workbook: the workbook has more than 1000 cells; if it is genuine, raise the limit with --max-cells"},
		{"an unlocked column over 200,000 rows (read)", xlsx(t, "", "",
			map[string]string{"xl/styles.xml": unlockedStyles, "xl/worksheets/sheet1.xml": `<worksheet><cols><col min="1" max="1" style="1"/></cols><sheetData><row r="200000"><c r="GR200000"><v>1</v></c></row></sheetData></worksheet>`}), Limits{},
			""},
		{"unlocked columns A:XFD over 200,000 rows", xlsx(t, `<row r="200000"><c r="GR200000"><v>1</v></c></row>`, "",
			map[string]string{"xl/styles.xml": unlockedStyles, "xl/worksheets/sheet1.xml": `<worksheet><cols><col min="1" max="16384" style="1"/></cols><sheetData><row r="200000"><c r="GR200000"><v>1</v></c></row></sheetData></worksheet>`}), Limits{},
			"t.xlsx: not a readable .xlsx workbook: the workbook has more than 1500000 cells; if it is genuine, raise the limit with --max-cells"},
		{"a text longer than a cell holds", xlsx(t, `<row r="1"><c r="A1" t="inlineStr"><is><t>`+strings.Repeat("长", MaxTextLength+1)+`</t></is></c></row>`, "", nil), Limits{},
			"t.xlsx: not a readable .xlsx workbook: sheet 表: A1 holds 32768 characters, more than the 32767 a cell can hold"},
		{"a document type declaration", xlsx(t, "", "", map[string]string{"xl/worksheets/sheet1.xml": `<!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet><sheetData/></worksheet>`}), Limits{},
			"t.xlsx: not a readable .xlsx workbook: sheet 表: the part declares a document type (DTD), which workbooks never do"},
		{"a shared string that does not exist", xlsx(t, `<row r="1"><c r="A1" t="s"><v>7</v></c></row>`, "", nil), Limits{},
			"t.xlsx: not a readable .xlsx workbook: sheet 表: A1: shared string 7 does not exist"},
		{"a cell outside the sheet", xlsx(t, `<row r="1"><c r="XFE1"><v>1</v></c></row>`+cols, "", nil), Limits{},
			`t.xlsx: not a readable .xlsx workbook: sheet 表: "XFE1" is not a cell reference`},
		{"a zip cut short", []byte("PK\x03\x04 but no more"), Limits{},
			"t.xlsx: not a readable .xlsx workbook: it is damaged or incomplete (a download or copy that stopped before the end?): get the workbook again, or open it in Excel and save it again"},
		{"a workbook cut short", xlsx(t, "", "", nil)[:200], Limits{},
			"t.xlsx: not a readable .xlsx workbook: it is damaged or incomplete (a download or copy that stopped before the end?): get the workbook again, or open it in Excel and save it again"},
		{"empty", nil, Limits{}, "t.xlsx: not a readable .xlsx workbook: the file is empty (0 bytes): get the workbook again"},
		{"an .xls workbook", append([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), make([]byte, 512)...), Limits{},
			"t.xlsx: not a readable .xlsx workbook: it is an .xls workbook (Excel 97-2003), or an .xlsx with a password to open: open it in Excel or WPS and save it as an .xlsx workbook (Excel 工作簿) without a password to open"},
		{"a PDF", []byte("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\x00"), Limits{},
			"t.xlsx: not a readable .xlsx workbook: it is a PDF, not a workbook: budgetxl reads .xlsx workbooks; the text of a published PDF can be read into a dataset with budgetxl import (see import.md of the documentation, which budgetxl docs writes)"},
		{"a CSV file", []byte("\xEF\xBB\xBFcode,name,subtotal\r\n2080101,行政运行,12\r\n"), Limits{},
			"t.xlsx: not a readable .xlsx workbook: it is a text file (such as CSV), not a workbook: open it in Excel or WPS and save it as an .xlsx workbook (Excel 工作簿)"},
		{"a CSV file in GB18030", []byte("code,name\n2080101,\xD0\xD0\xD5\xFE\xD4\xCB\xD0\xD0\n"), Limits{},
			"t.xlsx: not a readable .xlsx workbook: it is a text file (such as CSV), not a workbook: open it in Excel or WPS and save it as an .xlsx workbook (Excel 工作簿)"},
		{"something else", []byte("\x89PNG\r\n\x1a\n\x00\x00"), Limits{},
			"t.xlsx: not a readable .xlsx workbook: it is not a zip package (another kind of file renamed .xlsx?): open it in Excel or WPS and save it as an .xlsx workbook (Excel 工作簿)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := decode(c.data, c.lim)
			got := ""
			if err != nil {
				got = err.Error()
				var me *msg.Error
				if !errors.As(err, &me) {
					t.Errorf("the error is not a message: %v", err)
				}
			}
			if got != c.want {
				t.Errorf("error:\n%s\nwant:\n%s", got, c.want)
			}
		})
	}
}

// TestFarCells: a value far outside any table is named, not read as a
// cell, and does not widen the sheet; a styled empty cell there is ignored.
func TestFarCells(t *testing.T) {
	b, err := decode(xlsx(t, `<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>藏</t></is></c><c r="XFC1048576" s="1"/></row>`, "",
		map[string]string{"xl/styles.xml": unlockedStyles}), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	sh := b.Sheets[0]
	if len(sh.Cells) != 1 || sh.UsedRows != 1 || sh.UsedColumns != 1 || sh.FarCount != 1 || sh.Far[0] != (Far{Ref: "XFD1048576", Value: "藏"}) {
		t.Errorf("cells %d, used %d×%d, far %d %+v", len(sh.Cells), sh.UsedRows, sh.UsedColumns, sh.FarCount, sh.Far)
	}
}

// TestHiddenParts: sheet states, macro parts and external links are read.
func TestHiddenParts(t *testing.T) {
	data := xlsx(t, "", "", map[string]string{
		"xl/workbook.xml": `<workbook xmlns:r="r"><sheets><sheet name="一" r:id="rId1"/><sheet name="二" state="hidden" r:id="rId1"/><sheet name="三" state="veryHidden" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink" Target="externalLinks/externalLink1.xml"/></Relationships>`,
		"xl/externalLinks/externalLink1.xml":            `<externalLink/>`,
		"xl/externalLinks/_rels/externalLink1.xml.rels": `<Relationships><Relationship Id="rId1" Type="x/externalLinkPath" Target="file:///D:/预算/其他.xlsx" TargetMode="External"/></Relationships>`,
		"xl/vbaProject.bin":                             "VBA",
		"xl/macrosheets/sheet1.xml":                     "<xm/>",
	})
	b, err := decode(data, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	var states []string
	for _, s := range b.Sheets {
		states = append(states, s.Name+"="+s.State)
	}
	got := fmt.Sprint(states, b.Macros, b.ExternalLinks)
	if want := "[一=visible 二=hidden 三=veryHidden] [xl/macrosheets/sheet1.xml xl/vbaProject.bin] [file:///D:/预算/其他.xlsx]"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestSharedFormulas: each cell of a shared-formula group reads as the
// group's formula moved to it; absolute references stay.
func TestSharedFormulas(t *testing.T) {
	b, err := decode(xlsx(t, `<row r="1"><c r="B1"><f t="shared" ref="B1:B3" si="0">A1*2+$A$1+Sheet2!A1</f><v>2</v></c></row>`+
		`<row r="2"><c r="B2"><f t="shared" si="0"/><v>4</v></c></row><row r="3"><c r="C3"><f t="shared" si="0"/><v>6</v></c></row>`, "", nil), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range b.Sheets[0].Cells {
		got = append(got, c.Ref+"="+c.Formula)
	}
	if want := "[B1=A1*2+$A$1+Sheet2!A1 B2=A2*2+$A$1+Sheet2!A2 C3=B3*2+$A$1+Sheet2!B3]"; fmt.Sprint(got) != want {
		t.Errorf("got  %v\nwant %s", got, want)
	}
}

// TestCellOrder: cells come out in row order, left to right, however the
// part orders them, and of two cells in one place the first written.
func TestCellOrder(t *testing.T) {
	for _, tt := range []struct{ sheetData, want string }{
		{`<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row><row r="2"><c r="A2"><v>3</v></c></row>`, "A1=1 B1=2 A2=3"},
		{`<row r="2"><c r="A2"><v>3</v></c></row><row r="1"><c r="B1"><v>2</v></c><c r="A1"><v>1</v></c></row>`, "A1=1 B1=2 A2=3"},
		{`<row r="1"><c r="A1"><v>1</v></c><c r="A1"><v>2</v></c><c r="B1"><v>3</v></c></row>`, "A1=1 B1=3"},
		{`<row r="1"><c r="B1"><v>1</v></c><c r="A1"><v>2</v></c><c r="B1"><v>3</v></c></row>`, "A1=2 B1=1"},
		{`<row r="1"><c r="A1"/><c r="A1"><v>2</v></c></row>`, "A1=2"},
	} {
		b, err := decode(xlsx(t, tt.sheetData, "", nil), Limits{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range b.Sheets[0].Cells {
			got = append(got, c.Ref+"="+c.Value)
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("%s: %s, want %s", tt.sheetData, g, tt.want)
		}
	}
}
