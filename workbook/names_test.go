package workbook

import (
	"strconv"
	"testing"
)

// TestCellName: cellName gives the column's letters and the row's digits,
// to the last cell of a sheet.
func TestCellName(t *testing.T) {
	for _, c := range [][2]int{{1, 1}, {26, 9}, {27, 10}, {52, 99}, {702, 100}, {703, 1048576}, {16384, 1048576}, {3, 0}} {
		if got, want := cellName(c[0], c[1]), columnName(c[0])+strconv.Itoa(c[1]); got != want {
			t.Errorf("cellName(%d, %d) = %q, want %q", c[0], c[1], got, want)
		}
	}
}

// TestAttrInt: numbers are read from the raw attribute, and through the
// decoder when it holds an entity reference; anything else is 0.
func TestAttrInt(t *testing.T) {
	for _, tt := range []struct {
		attrs string
		want  int
	}{
		{` s="12"`, 12}, {` r="A1" s='7'`, 7}, {` s="&#49;2"`, 12}, {` s="-3"`, -3},
		{` s="x"`, 0}, {` s=""`, 0}, {``, 0}, {` x:s="5"`, 5}, {` s="12345678901"`, 12345678901},
		{` s = "4"`, 4}, {` a:b:s="6"`, 6}, {` x-s="1" s="2"`, 2}, {` s	=	"8"`, 8}, {` s="9`, 0}, {` ss="1" s='3'`, 3}, {` s=3`, 0},
	} {
		s := &scanner{attrs: tt.attrs}
		if got := s.attrInt("s"); got != tt.want {
			t.Errorf("attrInt(%q) = %d, want %d", tt.attrs, got, tt.want)
		}
	}
}

// TestCellAttributes: a cell's r, t and s are read in one pass, and
// through the decoder when one holds an entity reference.
func TestCellAttributes(t *testing.T) {
	for _, src := range []string{
		`<c r="B3" t="s" s="2"><v>0</v></c>`,
		`<c s="2" t="s" r="B3"><v>0</v></c>`,
		`<c r="B&#51;" t="&#115;" s="&#50;"><v>0</v></c>`,
	} {
		s := &scanner{data: src}
		if err := s.next(); err != nil {
			t.Fatal(err)
		}
		r := &sheetReader{sst: []string{"文字"}}
		x, err := r.cell(s, 1, 1)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		if x.Col != 2 || x.Row != 3 || x.t != tShared || x.style != 2 || x.Value != "文字" {
			t.Errorf("%s: col %d row %d t %d s %d v %q", src, x.Col, x.Row, x.t, x.style, x.Value)
		}
	}
}

// TestCellChildren: a cell's value and formula read alike whether its
// children are written as fill writes them (read straight from the part)
// or otherwise (read by the tokenizer), or both in turn; the next element
// is read from where the cell ends.
func TestCellChildren(t *testing.T) {
	for _, tt := range []struct {
		src, value, formula string
		hasF                bool
		err                 string
	}{
		{src: `<c><v>1.5</v></c>`, value: "1.5"},
		{src: `<c><v></v></c>`},
		{src: `<c></c>`},
		{src: `<c><f>SUM(A1:A2)</f><v>3</v></c>`, value: "3", formula: "SUM(A1:A2)", hasF: true},
		{src: `<c><f></f></c>`, hasF: true},
		{src: `<c><f>A1&amp;"&lt;"</f><v>a&lt;</v></c>`, value: "a<", formula: `A1&"<"`, hasF: true},
		{src: `<c t="inlineStr"><is><t>合成项</t></is></c>`, value: "合成项"},
		{src: `<c t="inlineStr"><is><t>a_x000D_b</t></is></c>`, value: "a\rb"},
		{src: `<c t="inlineStr"><is><t>a</t></is><is><t xml:space="preserve"> b</t></is></c>`, value: "a b"},
		{src: `<c t="inlineStr"><is><r><t>a</t></r><r><t>b</t></r></is></c>`, value: "ab"},
		{src: `<c t="inlineStr"><is><t>a</t><rPh><t>x</t></rPh></is></c>`, value: "a"},
		{src: `<c><f>A1</f> <v>2</v></c>`, value: "2", formula: "A1", hasF: true},
		{src: `<c><f>A1</f><v>2</v>
</c>`, value: "2", formula: "A1", hasF: true},
		{src: `<c><v>1</v><v>2</v></c>`, value: "12"},
		{src: `<c><v><![CDATA[<1>]]></v></c>`, value: "<1>"},
		{src: `<c><x:f>A1</x:f><x:v>2</x:v></x:c>`, value: "2", formula: "A1", hasF: true},
		{src: `<c><v>1</v></x:c>`, value: "1"},
		{src: `<c><v>&bad;</v></c>`, err: "sheet s: A1: unknown entity &bad;"},
	} {
		s := &scanner{data: tt.src + `<c r="Z9"/>`}
		if err := s.next(); err != nil {
			t.Fatal(err)
		}
		r := &sheetReader{name: "s"}
		x, err := r.cell(s, 1, 1)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("%s: error %v, want %s", tt.src, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", tt.src, err)
		}
		if x.Value != tt.value || x.Formula != tt.formula || x.hasF != tt.hasF {
			t.Errorf("%s: value %q formula %q hasF %v, want %q %q %v", tt.src, x.Value, x.Formula, x.hasF, tt.value, tt.formula, tt.hasF)
		}
		if err := s.next(); err != nil || s.kind != tokStart || s.name != "c" {
			t.Errorf("%s: then %v %q %v, want the next cell", tt.src, s.kind, s.name, err)
		} else if ref, _ := s.attr("r"); ref != "Z9" {
			t.Errorf("%s: then cell %s, want Z9", tt.src, ref)
		}
	}
}

// TestAt: a cell is found by its position in rows with gaps, in rows
// that start right of A, and not where there is none.
func TestAt(t *testing.T) {
	layout := map[int][]int{1: {1, 2, 3, 5, 9}, 2: {4}, 4: {2, 3, 4, 6, 7, 8}}
	sh := &Sheet{}
	for row := 1; row <= 4; row++ {
		for _, col := range layout[row] {
			sh.Cells = append(sh.Cells, &Cell{Col: col, Row: row, Ref: cellName(col, row)})
		}
	}
	for row := 0; row <= 5; row++ {
		for col := 0; col <= 10; col++ {
			want := ""
			for _, c := range layout[row] {
				if c == col {
					want = cellName(col, row)
				}
			}
			got := ""
			if c := sh.At(col, row); c != nil {
				got = c.Ref
			}
			if got != want {
				t.Errorf("At(%d, %d) = %q, want %q", col, row, got, want)
			}
		}
		// Row and RowSpan give the row's cells, where they stand in Cells
		first, end := sh.RowSpan(row)
		cells := sh.Row(row)
		if len(cells) != len(layout[row]) || end-first != len(cells) {
			t.Errorf("row %d: %d cells, span %d:%d, want %d cells", row, len(cells), first, end, len(layout[row]))
		}
		for i, c := range cells {
			if c.Row != row || c.Col != layout[row][i] || sh.Cells[first+i] != c {
				t.Errorf("row %d: cell %d is %s (Cells[%d] is %s)", row, i, c.Ref, first+i, sh.Cells[first+i].Ref)
			}
		}
	}
}
