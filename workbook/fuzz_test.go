package workbook

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"budgetxl/msg"
)

// FuzzRead feeds the reader arbitrary bytes, seeded with the samples'
// filled workbooks (testdata/fuzz/FuzzRead) and the hostile cases'
// shapes. Properties: no panic; within small limits, so that each input
// is read in bounded time and memory; every error a message (a *msg.Error
// whose arguments are messages too, so that it can be shown in Chinese).
//
//	go test -run=^$ -fuzz=^FuzzRead$ -fuzztime=5m ./workbook
func FuzzRead(f *testing.F) {
	f.Add(xlsx(f, `<row r="1"><c r="A1" t="inlineStr"><is><t>标题</t></is></c><c r="B1"><f t="shared" ref="B1:B2" si="0">A1+1</f><v>2</v></c></row><row r="2"><c r="B2" s="1"><f t="shared" si="0"/></c></row>`,
		`<mergeCells count="1"><mergeCell ref="B1:C2"/></mergeCells><sheetProtection sheet="1"/><pageSetup orientation="landscape" paperSize="9"/>`,
		map[string]string{"xl/styles.xml": unlockedStyles}))
	lim := Limits{MaxCells: 20_000, MaxPartBytes: 4 << 20, MaxTotalBytes: 16 << 20}
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := Decode("fuzz.xlsx", bytes.NewReader(data), int64(len(data)), lim)
		if err != nil {
			if bad := foreign(err); bad != nil {
				t.Fatalf("an error that is not a message: %v (in %v)", bad, err)
			}
			return
		}
		var buf bytes.Buffer
		b.Dump(&buf)
		for _, s := range b.Sheets {
			for _, c := range s.Cells {
				if s.At(c.Col, c.Row) != c {
					t.Fatalf("%s: At does not find the cell", c.Ref)
				}
			}
		}
	})
}

// foreign returns the first error inside err that is not a *msg.Error.
func foreign(err error) error {
	var me *msg.Error
	if !errors.As(err, &me) || me != err {
		return err
	}
	for _, a := range me.Args {
		if e, ok := a.(error); ok {
			if bad := foreign(e); bad != nil {
				return bad
			}
		}
	}
	return nil
}

// cellAttrs are the attributes FuzzCellChildren's cell is written with,
// chosen by the fuzzer's number: every type, none, one with spaces, and
// places as other tools write them: none (A1 by its place), lower case,
// after the next cell (C1 before B1), in the next cell's place (B1).
var cellAttrs = []string{
	` r="A1"`, ` r="A1" t="s"`, ` r="A1" t="inlineStr"`, ` r="A1" t="str"`, ` r="A1" t="n"`, ` r="A1" t="e"`,
	` r="A1" t="b"`, ` r="A1" t="d"`, ` r="A1" t="x"`, ` s="1" r="A1" t = 'inlineStr' `,
	``, ` r="a1" t="inlineStr"`, ` r="C1"`, ` r="B1" t="str"`,
}

// FuzzCellChildren checks that the children of a cell read straight from
// the part (the fast path of sheetReader.cell) read exactly as the
// tokenizer reads them: the cell alone (everything it holds, the error,
// and where the scanner stands after it), and the cell in a workbook,
// before cells written without r attributes, whose Book must be the same.
//
//	go test -run=^$ -fuzz=^FuzzCellChildren$ -fuzztime=3m ./workbook
func FuzzCellChildren(f *testing.F) {
	for _, children := range []string{
		``, `<v>1</v>`, `<v></v>`, `<v/>`, `<v/>5`, `<v>0</v>`, `<v> 1 </v>`, `<v>9</v>`,
		`<f>A1+1</f><v>2</v>`, `<f/>`, `<f></f><v>1</v>`, `<f>A1&amp;"&lt;&gt;&quot;&apos;"</f><v>a&amp;b</v>`,
		`<v>&#x41;&#66;&#x4E2D;</v>`, `<v>&#xD800;</v>`, `<v>&#x110000;</v>`, `<v>&bad;</v>`, `<v>&amp</v>`, `<v>&#xZZ;</v>`,
		`<v><![CDATA[<1>&amp;]]></v>`, `<f><![CDATA[A1]]></f>`, `<v>1<!-- c --></v>`, `<v>1</v><!-- c -->`, `<?pi x?><v>1</v>`,
		`<f t="shared" ref="A1:A3" si="0">B1*2</f><v>14</v>`, `<f t="shared" si="0"/>`, `<f t="shared" si="x">B1</f>`, `<f t="array" ref="A1">B1</f>`,
		`<f ref="A1:A2" t="shared" si="0" >B1</f >`, `<v >1</v >`, `<v>1</v ><f>A1</f>`, `<f>A1</f><v >1</v>`,
		`<is><t>a</t></is>`, `<is><t xml:space="preserve"> a </t></is>`, `<is><t>a</t></is><is><t>b</t></is>`, `<is><t>a_x000D_b_x005F_x</t></is>`,
		`<is><r><rPr><b/></rPr><t>a</t></r><r><t>b</t></r></is>`, `<is><t>漢</t><rPh sb="0" eb="1"><t>かん</t></rPh><phoneticPr fontId="1"/></is>`,
		`<is><rPh><t>x</t></rPh><t>a</t></is>`, `<is><rPh/><t>a</t></is>`, `<is><t/>a</is>`, `<is>a<t>b</t></is>`, `<is><t>a</t>b</is>`,
		`<x:v>1</x:v>`, `<x:f>A1</x:f><x:v>2</x:v></x:c>`, `<v>1</x:v>`, `<v>1</v></x:c>`, `<v>1</v></c >`,
		`<v>1`, `<v>1</f>`, `<f>A1<v>2</v></f>`, `<v><v>1</v></v>`, `<is><t>a</t>`, `<is><t>a</is>`, `<v>1</v>2<v>3</v>`,
		`<extLst><ext><v>9</v></ext></extLst><v>1</v>`, `<v>1</v></c><c><v>2</v>`, `<v>1</v></row><row><c><v>2</v>`,
		`<v>` + strings.Repeat("9", 40000) + `</v>`, `<is><t>` + strings.Repeat("长", 32768) + `</t></is>`,
		`<v>1</v><f>A1</f><v>2</v><is><t>a</t></is>`, "<v>1</v>\n<f>A1</f>", `<v>1<`, `<v>1</`, `<`, `</`, `<v`,
	} {
		for i := range cellAttrs {
			f.Add(uint8(i), children)
		}
	}
	sst := map[string]string{"xl/sharedStrings.xml": `<sst><si><t>共享</t></si><si><r><t>a</t></r><r><t>b</t></r></si></sst>`, "xl/styles.xml": unlockedStyles}
	f.Fuzz(func(t *testing.T, typ uint8, children string) {
		attrs := cellAttrs[int(typ)%len(cellAttrs)]
		defer func() { tokenizeChildren = false }()

		// The cell alone.
		read := func(tokenize bool) cellRead {
			tokenizeChildren = tokenize
			s := &scanner{data: `<c` + attrs + `>` + children + `</c><c r="B1"><v>7</v></c>`}
			if err := s.next(); err != nil {
				t.Fatal(err)
			}
			r := &sheetReader{name: "表", sst: []string{"共享", "ab"}}
			x, err := r.cell(s, 1, 1)
			if err != nil {
				return cellRead{err: err.Error()} // the sheet is not read on: where the scanner stands does not matter
			}
			return cellRead{x: *x, pos: s.pos, shared: r.shared}
		}
		if fast, slow := read(false), read(true); fast != slow {
			t.Fatalf("cell children %q read\nstraight %+v\ntokenized %+v", children, fast, slow)
		}

		// The cell in a workbook: the cells after it must read the same.
		data := xlsx(t, `<row r="1"><c`+attrs+`>`+children+`</c><c r="B1"><v>7</v></c><c t="inlineStr"><is><t>x</t></is></c><c><f>A1&amp;B1</f><v>17</v></c></row>`+
			`<row><c t="s"><v>1</v></c><c r="C2" s="1"/></row>`, `<mergeCells count="1"><mergeCell ref="A1:A3"/></mergeCells>`, sst)
		decodeAs := func(tokenize bool) (*Book, string) {
			tokenizeChildren = tokenize
			b, err := decode(data, Limits{MaxCells: 1000})
			if err != nil {
				return nil, err.Error()
			}
			return b, ""
		}
		fast, fastErr := decodeAs(false)
		slow, slowErr := decodeAs(true)
		if fastErr != slowErr || !reflect.DeepEqual(fast, slow) {
			var a, b bytes.Buffer
			if fast != nil {
				fast.Dump(&a)
			}
			if slow != nil {
				slow.Dump(&b)
			}
			t.Fatalf("a sheet with cell children %q read\nstraight: %s%s\ntokenized: %s%s", children, fastErr, &a, slowErr, &b)
		}
	})
}

// cellRead is all that reading a cell gives: the cell, or the error, and
// where the scanner stands after it.
type cellRead struct {
	x      xcell
	err    string
	pos    int
	shared bool // the reader knows of a shared formula
}
