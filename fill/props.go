package fill

import (
	"os"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"budgetxl/msg"
	"budgetxl/plan"
)

// Creator is the author and last editor a workbook names.
const Creator = "budgetxl"

// Now is the time written into workbooks: SOURCE_DATE_EPOCH (seconds since
// 1970-01-01 UTC) when it is set, so that the same data give the same bytes
// (reproducible builds), else the current time.
func Now() (time.Time, error) {
	s, ok := os.LookupEnv("SOURCE_DATE_EPOCH")
	if !ok || s == "" {
		return time.Now().UTC().Truncate(time.Second), nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return time.Time{}, msg.Errorf("SOURCE_DATE_EPOCH is %q: give the seconds since 1970-01-01 UTC, or unset it", s)
	}
	return time.Unix(n, 0).UTC(), nil
}

// setDocProps names budgetxl as creator and last editor and the unit as
// title and company, created and modified at t, instead of excelize's
// defaults ("xuri", 2006-09-16).
func setDocProps(f *excelize.File, book *plan.Book, t time.Time) error {
	unit := ""
	for _, p := range book.Props {
		if p.Name == plan.PropUnit {
			unit = p.Value
		}
	}
	stamp := t.UTC().Format("2006-01-02T15:04:05Z")
	if err := f.SetDocProps(&excelize.DocProperties{
		Creator: Creator, LastModifiedBy: Creator, Title: unit, Created: stamp, Modified: stamp,
	}); err != nil {
		return err
	}
	return f.SetAppProps(&excelize.AppProperties{Application: Creator, Company: unit})
}
