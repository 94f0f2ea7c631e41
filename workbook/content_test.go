package workbook

import (
	"strings"
	"testing"
)

// TestContentOnly: Limits.ContentOnly leaves out the cells that hold
// nothing, unlocked ones too, and keeps every cell with a value, a
// formula or a type; the cells left out still count towards MaxCells
// and the extent the sheet's cells give.
func TestContentOnly(t *testing.T) {
	data := `<row r="1"><c r="A1" s="1"/><c r="B1" s="1"><v>5</v></c><c r="C1" s="1"><f>B1</f></c><c r="D1" s="1" t="b"/></row>` +
		`<row r="2"><c r="A2"/><c r="B2" s="1"></c><c r="C2" t="inlineStr"><is><t>x</t></is></c></row>` +
		`<row r="3"><c r="E3" s="1"/></row>`
	b := xlsx(t, data, "", map[string]string{"xl/styles.xml": unlockedStyles})
	refs := func(lim Limits) string {
		wb, err := decode(b, lim)
		if err != nil {
			t.Fatal(err)
		}
		if sh := wb.Sheets[0]; sh.UsedRows != 3 || sh.UsedColumns != 5 {
			t.Errorf("ContentOnly %v: extent %d rows, %d columns, want 3 and 5 (E3)", lim.ContentOnly, sh.UsedRows, sh.UsedColumns)
		}
		var out []string
		for _, c := range wb.Sheets[0].Cells {
			out = append(out, c.Ref)
		}
		return strings.Join(out, " ")
	}
	for _, tt := range []struct {
		lim  Limits
		want string
	}{
		{Limits{}, "A1 B1 C1 D1 B2 C2 E3"},
		{Limits{ContentOnly: true}, "B1 C1 D1 C2"},
	} {
		if got := refs(tt.lim); got != tt.want {
			t.Errorf("ContentOnly %v: cells %s, want %s", tt.lim.ContentOnly, got, tt.want)
		}
	}
	// Seven cells are kept or counted; six cells are too many either way.
	for _, co := range []bool{false, true} {
		if _, err := decode(b, Limits{MaxCells: 6, ContentOnly: co}); err == nil || !strings.Contains(err.Error(), "more than 6 cells") {
			t.Errorf("ContentOnly %v, 6 cells at most: %v, want the cell limit's error", co, err)
		}
		if _, err := decode(b, Limits{MaxCells: 7, ContentOnly: co}); err != nil {
			t.Errorf("ContentOnly %v, 7 cells at most: %v", co, err)
		}
	}
}

// TestTrimSpace: trimSpace is strings.TrimSpace.
func TestTrimSpace(t *testing.T) {
	for _, s := range []string{"", " ", "a", " a ", "行政运行", "　行政运行　", "行政运行\u3000", "\u00a0x", "x\u0085", "\u2003合计",
		"合计\u205f", "\u1680", "\t\n", "a\tb", "\xff", "\xe3\x80", "x\xe3\x80", "\xc2", "1234.5", " 12 ", "（一）行政运行", "行政运行 "} {
		if got, want := trimSpace(s), strings.TrimSpace(s); got != want {
			t.Errorf("trimSpace(%q) = %q, want %q", s, got, want)
		}
	}
}

// FuzzTrimSpace holds trimSpace to strings.TrimSpace.
func FuzzTrimSpace(f *testing.F) {
	f.Add("　行政运行 ")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := trimSpace(s), strings.TrimSpace(s); got != want {
			t.Errorf("trimSpace(%q) = %q, want %q", s, got, want)
		}
	})
}
