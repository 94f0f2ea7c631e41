package workbook

import (
	"bytes"
	"errors"
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
