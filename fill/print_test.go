package fill_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"budgetxl/dataset"
	"budgetxl/fill"
	"budgetxl/internal/mutate"
	"budgetxl/plan"
)

// TestPrintGolden compares how each sample's sheets print (page setup,
// footer, page breaks, print titles, column widths, row heights) with
// testdata/<sample>.print.golden; -update rewrites it.
func TestPrintGolden(t *testing.T) {
	for _, s := range samples {
		t.Run(s, func(t *testing.T) {
			_, path := write(t, s)
			got := printDump(t, path)
			golden := filepath.Join("testdata", s+".print.golden")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./fill -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				actual := golden + ".actual"
				os.WriteFile(actual, got, 0o644)
				t.Errorf("print setup differs from %s; see %s (diff them, then go test ./fill -update if the change is right)", golden, actual)
			}
		})
	}
}

// printDump is a text dump of how a workbook's sheets print.
func printDump(t *testing.T, path string) []byte {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b bytes.Buffer
	font, _ := f.GetDefaultFont()
	fmt.Fprintf(&b, "default font %s\n", font)
	titles := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" {
			titles[dn.Scope] = dn.RefersTo
		}
	}
	for i, name := range f.GetSheetList() {
		v, _ := f.GetSheetVisible(name)
		if !v {
			fmt.Fprintf(&b, "\nsheet %s: hidden\n", name)
			continue
		}
		pl, err := f.GetPageLayout(name)
		if err != nil {
			t.Fatal(err)
		}
		props, _ := f.GetSheetProps(name)
		hf, _ := f.GetHeaderFooter(name)
		m, _ := f.GetPageMargins(name)
		fmt.Fprintf(&b, "\nsheet %s: paper %d %s, fit to page %v: %d wide × %d tall, first page number %d\n",
			name, *pl.Size, *pl.Orientation, *props.FitToPage, *pl.FitToWidth, *pl.FitToHeight, *pl.FirstPageNumber)
		fmt.Fprintf(&b, "  margins %.2f %.2f %.2f %.2f, footer %.2f, centred %v\n", *m.Left, *m.Right, *m.Top, *m.Bottom, *m.Footer, *m.Horizontally)
		fmt.Fprintf(&b, "  footer %q\n", hf.OddFooter)
		if titles[name] != "" {
			fmt.Fprintf(&b, "  print titles %s\n", titles[name])
		}
		fmt.Fprintf(&b, "  page breaks before rows %s\n", breaks(t, path, i+1))
		cols, _ := f.GetCols(name)
		var widths []string
		for c := 1; c <= len(cols) || c <= 1; c++ {
			col, _ := excelize.ColumnNumberToName(c)
			w, _ := f.GetColWidth(name, col)
			widths = append(widths, fmt.Sprintf("%g", w))
		}
		fmt.Fprintf(&b, "  column widths %s\n", strings.Join(widths, " "))
		rows, _ := f.GetRows(name, excelize.Options{RawCellValue: true})
		fmt.Fprintf(&b, "  row heights %s\n", heights(f, name, len(rows)))
	}
	return b.Bytes()
}

// sheetXML is the XML of sheet i (from 1) of the workbook at path: fill
// writes sheet i as sheet<i>.xml.
func sheetXML(t *testing.T, path string, i int) string {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	for _, zf := range z.File {
		if zf.Name == fmt.Sprintf("xl/worksheets/sheet%d.xml", i) {
			r, _ := zf.Open()
			x, _ := io.ReadAll(r)
			r.Close()
			return string(x)
		}
	}
	t.Fatalf("%s has no sheet %d", path, i)
	return ""
}

// breaks lists the rows that start a page (excelize has no getter for them).
func breaks(t *testing.T, path string, i int) string {
	t.Helper()
	var out []string
	for _, m := range regexp.MustCompile(`<brk id="(\d+)"`).FindAllStringSubmatch(sheetXML(t, path, i), -1) {
		var n int
		fmt.Sscan(m[1], &n)
		out = append(out, fmt.Sprint(n+1))
	}
	if len(out) == 0 {
		return "none"
	}
	return strings.Join(out, " ")
}

// heights writes row heights as runs: "1: 36, 2-4: 14, ...".
func heights(f *excelize.File, sheet string, n int) string {
	var out []string
	start, last := 1, -1.0
	flush := func(end int) {
		if end < start {
			return
		}
		if end == start {
			out = append(out, fmt.Sprintf("%d: %g", start, last))
		} else {
			out = append(out, fmt.Sprintf("%d-%d: %g", start, end, last))
		}
	}
	for r := 1; r <= n; r++ {
		h, _ := f.GetRowHeight(sheet, r)
		if r > 1 && h != last {
			flush(r - 1)
			start = r
		}
		last = h
	}
	flush(n)
	return strings.Join(out, ", ")
}

// TestNoPageNumbers: a table whose page_numbers is "" prints without a
// footer and without restarting the numbering; the others keep the pack's.
func TestNoPageNumbers(t *testing.T) {
	templates := mutate.Copy(t, filepath.Join("..", "templates"), "templates")
	mutate.Edit("cq-2025/4-4.toml", `orientation = "landscape"`, `orientation = "landscape"`+"\npage_numbers = \"\"")(t, templates)
	p, d, err := dataset.Open(filepath.Join("..", "samples", "demo-2025"), templates)
	if err != nil {
		t.Fatal(err)
	}
	book, err := plan.Build(p, d)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "demo.xlsx")
	if err := fill.Write(book, path, fill.Options{}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for i, sheet := range f.GetSheetList() {
		want := "&C第 &P 页，共 1 页"
		if sheet == "附件4-4" {
			want = ""
		} else if sheet == plan.PublishedSheet || sheet == "项目支出绩效目标表" {
			continue
		}
		hf, _ := f.GetHeaderFooter(sheet)
		restarts := strings.Contains(sheetXML(t, path, i+1), `useFirstPageNumber="true"`)
		if hf.OddFooter != want || restarts != (want != "") {
			t.Errorf("%s: footer %q, numbering restarts %v; want %q", sheet, hf.OddFooter, restarts, want)
		}
	}
}
