// Command calcloop is the excelize baseline of bench/compare.sh: it
// recalculates every formula cell of a workbook with excelize's
// CalcCellValue and counts the cells whose value differs from the cached
// one. With -same it instead compares the cached values of two workbooks
// (the original and LibreOffice's recalculated copy).
//
//	go run ./bench/calcloop FILE.xlsx
//	go run ./bench/calcloop -same FILE.xlsx RECALC.xlsx
package main

import (
	"flag"
	"fmt"
	"math"
	"os"
	"strconv"

	"github.com/xuri/excelize/v2"

	"budgetxl/workbook"
)

func main() {
	same := flag.Bool("same", false, "compare the cached formula values of two workbooks")
	flag.Parse()
	var err error
	switch {
	case *same && flag.NArg() == 2:
		err = compare(flag.Arg(0), flag.Arg(1))
	case !*same && flag.NArg() == 1:
		err = calc(flag.Arg(0))
	default:
		err = fmt.Errorf("usage: calcloop FILE | calcloop -same FILE RECALC")
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "calcloop:", err)
		os.Exit(1)
	}
}

// calc recalculates every formula cell with excelize. The formula cells
// are listed by budgetxl's reader (a small part of the time; excelize has
// no cheap way to list them), then excelize opens the file and computes.
func calc(path string) error {
	wb, err := workbook.Read(path)
	if err != nil {
		return err
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		return err
	}
	defer f.Close()
	n, differ := 0, 0
	for _, s := range wb.Sheets {
		for _, c := range s.Cells {
			if c.Formula == "" {
				continue
			}
			n++
			v, err := f.CalcCellValue(s.Name, c.Ref, excelize.Options{RawCellValue: true})
			if err != nil || !equal(v, c.Value) {
				differ++
			}
		}
	}
	fmt.Printf("formulas %d, differ %d\n", n, differ)
	return nil
}

// compare compares the cached formula values of two workbooks.
func compare(a, b string) error {
	wa, err := workbook.Read(a)
	if err != nil {
		return err
	}
	wb, err := workbook.Read(b)
	if err != nil {
		return err
	}
	n, differ := 0, 0
	for _, s := range wa.Sheets {
		other := wb.Sheet(s.Name)
		for _, c := range s.Cells {
			if c.Formula == "" {
				continue
			}
			n++
			if other == nil || other.Cell(c.Ref) == nil || !equal(c.Value, other.Cell(c.Ref).Value) {
				differ++
			}
		}
	}
	fmt.Printf("formulas %d, differ %d\n", n, differ)
	return nil
}

// equal compares two values as numbers to 15 significant digits (a
// workbook's doubles), else as text; empty equals zero.
func equal(a, b string) bool {
	if a == "" {
		a = "0"
	}
	if b == "" {
		b = "0"
	}
	x, err1 := strconv.ParseFloat(a, 64)
	y, err2 := strconv.ParseFloat(b, 64)
	if err1 != nil || err2 != nil {
		return a == b
	}
	return math.Abs(x-y) <= 1e-9*math.Max(1, math.Abs(x))
}
