package extract_test

import (
	"bytes"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"budgetxl/dataset"
	"budgetxl/extract"
	"budgetxl/fill"
	"budgetxl/internal/mutate"
	"budgetxl/msg"
	"budgetxl/pack"
	"budgetxl/plan"
	"budgetxl/workbook"
)

// TestFarNote: a note typed far below a table (a cell in row 199,999, the
// last row read as a cell) costs extract no more memory than the rows it
// holds: nothing is made the size of the rows between.
func TestFarNote(t *testing.T) {
	p, d, _, path := filledUnit(t, "exact")
	far := mutate.Parts(t, path, func(part string, b []byte) []byte {
		if filepath.Dir(part) != "xl/worksheets" {
			return b
		}
		return bytes.Replace(b, []byte("</sheetData>"), []byte(`<row r="199999"><c r="A199999" t="inlineStr"><is><t>注</t></is></c></row></sheetData>`), 1)
	})
	kept := func(path string) int64 { // bytes that what extract returns holds
		wb, err := workbook.Read(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range wb.Sheets {
			s.At(1, 1) // the sheet's row index (4 bytes a row) is the reader's
		}
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		d, found := extract.Read(wb, p, d.Unit)
		runtime.GC()
		runtime.ReadMemStats(&after)
		runtime.KeepAlive(d)
		runtime.KeepAlive(found)
		runtime.KeepAlive(wb)
		return int64(after.HeapAlloc) - int64(before.HeapAlloc)
	}
	kept(path) // a first read: what the packages make once is not counted
	if n := kept(far); n > 1<<20 {
		t.Errorf("what extract returns holds %d bytes for a workbook with a note in row 199,999 of each sheet", n)
	}
}

// TestPublishedUnread: a row of fill's hidden sheet of published figures
// that cannot be given back (its figure is no amount, or it names no
// formula cell) is reported as unread, never dropped: a later fill would
// show the formula's value as the published one.
func TestPublishedUnread(t *testing.T) {
	p, d, _, path := filledUnit(t, "rounded")
	cases := []struct {
		name, old, new, want string
	}{
		{"not an amount", "<t>12,345.67</t>", "<t>一万二</t>", "公布数!C2：三公经费!A4 的公布数不是金额"},
		{"empty figure", "<t>12,345.67</t>", "<t></t>", "公布数!C2：三公经费!A4 的公布数不是金额（单元格为空）"},
		{"no such cell", "<t>A4</t>", "<t>Z99</t>", "公布数!A2：这一行（三公经费 Z99 12,345.67）指向的不是各表的公式单元格"},
	}
	for _, c := range cases {
		edited := mutate.Parts(t, path, func(part string, b []byte) []byte {
			if !bytes.Contains(b, []byte("<t>公布数</t>")) && !bytes.Contains(b, []byte(c.old)) {
				return b
			}
			if part == "xl/sharedStrings.xml" || filepath.Dir(part) == "xl/worksheets" {
				return bytes.Replace(b, []byte(c.old), []byte(c.new), 1)
			}
			return b
		})
		wb, err := workbook.Read(edited)
		if err != nil {
			t.Fatal(err)
		}
		_, unread, err := extract.Inputs(wb, p, d.Unit)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		var got []string
		for _, e := range unread {
			got = append(got, e.(*msg.Error).In(msg.ZH))
		}
		if len(got) != 1 || !strings.HasPrefix(got[0], c.want) {
			t.Errorf("%s: unread %q, want one beginning %q", c.name, got, c.want)
		}
	}
	wb, err := workbook.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, unread, err := extract.Inputs(wb, p, d.Unit); err != nil || len(unread) > 0 {
		t.Errorf("the workbook as filled: %v %v", unread, err)
	}
}

// filledUnit fills unit name of the table-units feature into a workbook:
// its pack, dataset, plan and path.
func filledUnit(t *testing.T, name string) (*pack.Pack, *dataset.Dataset, *plan.Book, string) {
	t.Helper()
	p, d, err := dataset.Open(filepath.Join(features, "table-units", name), filepath.Join(features, "table-units", "pack"))
	if err != nil {
		t.Fatal(err)
	}
	book, err := plan.Build(p, d)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name+".xlsx")
	if err := fill.Write(book, path, fill.Options{}); err != nil {
		t.Fatal(err)
	}
	return p, d, book, path
}
