package extract_test

import (
	"bytes"
	"path/filepath"
	"runtime"
	"testing"

	"budgetxl/dataset"
	"budgetxl/extract"
	"budgetxl/fill"
	"budgetxl/internal/mutate"
	"budgetxl/plan"
	"budgetxl/workbook"
)

// TestFarNote: a note typed far below a table (a cell in row 199,999, the
// last row read as a cell) costs extract no more memory than the rows it
// holds: nothing is made the size of the rows between.
func TestFarNote(t *testing.T) {
	packDir := filepath.Join(features, "table-units", "pack")
	p, d, err := dataset.Open(filepath.Join(features, "table-units", "exact"), packDir)
	if err != nil {
		t.Fatal(err)
	}
	book, err := plan.Build(p, d)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "exact.xlsx")
	if err := fill.Write(book, path, fill.Options{}); err != nil {
		t.Fatal(err)
	}
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
