package workbook

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestReadAndDump builds a small workbook with excelize and checks the dump:
// constants, a formula with its cached value, an unlocked empty cell,
// merges, protection and properties.
func TestReadAndDump(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "表一")
	f.SetCellValue("表一", "A1", "标题")
	f.SetCellValue("表一", "A2", 1.5)
	f.SetCellValue("表一", "A3", 2)
	f.SetCellFormula("表一", "A4", "SUM(A2:A3)")
	unlocked, _ := f.NewStyle(&excelize.Style{Protection: &excelize.Protection{Locked: false}})
	f.SetCellStyle("表一", "B2", "B2", unlocked)
	f.MergeCell("表一", "A1", "B1")
	f.ProtectSheet("表一", &excelize.SheetProtectionOptions{Password: "x", SelectLockedCells: true})
	f.NewSheet("表二")
	f.SetCustomProps(excelize.CustomProperty{Name: "budgetxl.pack", Value: "cq-2025"})
	f.ProtectWorkbook(&excelize.WorkbookProtectionOptions{LockStructure: true})
	path := filepath.Join(t.TempDir(), "t.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	b, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	b.Dump(&got)
	want := `workbook: fullCalcOnLoad=false structureLocked=true
property budgetxl.pack = "cq-2025"

== 表一: protected=true password=true paper=0 orientation=portrait fitToWidth=0 printTitles=
merges: A1:B1
A1 string "标题" [General] locked
A2 number "1.5" [General] locked
B2 unset "" [General] UNLOCKED
A3 number "2" [General] locked
A4 =SUM(A2:A3) →  [General] locked

== 表二: protected=false password=false paper=0 orientation=portrait fitToWidth=0 printTitles=
merges: 
`
	if got.String() != want {
		t.Errorf("dump:\n%s\nwant:\n%s", got.String(), want)
	}
}

// TestReadNotAWorkbook: a file that is not .xlsx gives a clear error.
func TestReadNotAWorkbook(t *testing.T) {
	_, err := Read(filepath.Join("workbook.go"))
	if err == nil || err.Error()[:len("workbook.go: not a readable .xlsx workbook")] != "workbook.go: not a readable .xlsx workbook" {
		t.Fatalf("err = %v", err)
	}
}
