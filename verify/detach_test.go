package verify_test

import (
	"testing"
	"unsafe"

	"budgetxl/extract"
	"budgetxl/pack"
	"budgetxl/verify"
	"budgetxl/workbook"
)

// TestDetached: a report shares no string with the workbook it was made
// from. The reader cuts values and references out of the sheet's XML, so
// a finding that kept one (the stray value found at Z100, its cell) would
// keep the whole part alive as long as the report: a district's run keeps
// the reports of a thousand files.
func TestDetached(t *testing.T) {
	path := alter(t, filled(t, "demo-2025", false), "xl/worksheets/sheet2.xml", `</sheetData>`,
		`<row r="100"><c r="Z100"><v>123.45</v></c></row></sheetData>`)
	wb, err := workbook.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	p, err := extract.FindPack(wb, path, pack.Library{Dir: templates})
	if err != nil {
		t.Fatal(err)
	}
	r, err := verify.Book(path, wb, p)
	if err != nil {
		t.Fatal(err)
	}
	// every byte of the workbook's strings, by address
	type span struct{ from, to uintptr }
	var spans []span
	add := func(s string) {
		if s != "" {
			a := uintptr(unsafe.Pointer(unsafe.StringData(s)))
			spans = append(spans, span{a, a + uintptr(len(s))})
		}
	}
	for _, sh := range wb.Sheets {
		add(sh.Name)
		for _, c := range sh.Cells {
			add(c.Value)
			add(c.Ref)
			add(c.Formula)
		}
	}
	for _, v := range wb.Props {
		add(v)
	}
	shared := func(s string) bool {
		if s == "" {
			return false
		}
		a := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		for _, sp := range spans {
			if a >= sp.from && a < sp.to {
				return true
			}
		}
		return false
	}
	stray := false
	for _, f := range r.Findings {
		stray = stray || f.Rule == "structure.stray-value" && f.Cell == "Z100"
		for _, s := range []string{f.Sheet, f.Cell, f.Expected, f.Found, f.ZH, f.EN, f.Text, f.Excerpt} {
			if shared(s) {
				t.Errorf("finding %s %s!%s keeps %q of the workbook", f.Rule, f.Sheet, f.Cell, s)
			}
		}
	}
	if !stray {
		t.Fatal("no stray-value finding at Z100")
	}
	u := r.Unit
	for _, s := range []string{u.Name, u.Code, u.Department, u.Pack, r.Made.Pack, r.Made.Version, r.Made.Hash} {
		if shared(s) {
			t.Errorf("the report's unit or stamp keeps %q of the workbook", s)
		}
	}
}
