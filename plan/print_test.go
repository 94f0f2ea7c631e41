package plan

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"golang.org/x/text/width"

	"budgetxl/dataset"
	"budgetxl/pack"
)

func TestWrapAndBalance(t *testing.T) {
	tests := []struct {
		text    string
		width   float64 // column width units
		wrap    string  // lines joined by |
		balance string
	}{
		// A header of 11 characters in 15 units (86 points: 8 characters a line)
		// would leave 3 on its second line; balanced, 6 and 5.
		{"政府性基金预算财政拨款", 15, "政府性基金预算财|政拨款", "政府性基金预|算财政拨款"},
		// The template's own break stays; each part fits.
		{"政府性基金预算\n财政拨款", 15, "政府性基金预算|财政拨款", "政府性基金预算|财政拨款"},
		// 9 in 8 a line: one character alone, never when balanced.
		{"对下级单位补助支出", 15, "对下级单位补助支|出", "对下级单位|补助支出"},
		// Closing punctuation never starts a line, opening never ends one.
		{"资金总额（万元）", 12, "资金总额（万|元）", "资金总额|（万元）"},
		{"项目当年绩效目标", 12, "项目当年绩效|目标", "项目当年|绩效目标"},
		// A number is not broken; a name of 17 characters fits 34 units.
		{"2025年预算数", 15, "2025年预算数", "2025年预算数"},
		{"其他人力资源和社会保障管理事务支出", 34, "其他人力资源和社会保障管理事务支出", "其他人力资源和社会保障管理事务支出"},
		// A run too long for the cell is cut where it must be.
		{"50011022T000002062489-企业退休人员", 12, "50011022T000|002062489-企|业退休人员", "50011022T00|0002062489-|企业退休人员"},
	}
	for _, tc := range tests {
		room := roomFor(tc.width)
		if got := strings.Join(Wrap(tc.text, room, SizeBody), "|"); got != tc.wrap {
			t.Errorf("Wrap(%q, %g units) = %s, want %s", tc.text, tc.width, got, tc.wrap)
		}
		if got := strings.Join(Balance(tc.text, room, SizeBody), "|"); got != tc.balance {
			t.Errorf("Balance(%q, %g units) = %s, want %s", tc.text, tc.width, got, tc.balance)
		}
		for _, line := range Balance(tc.text, room, SizeBody) {
			if TextWidth(line, SizeBody) > room && len([]rune(line)) > 1 {
				t.Errorf("Balance(%q): %q is wider than the cell", tc.text, line)
			}
		}
	}
}

// sheetOf makes a one-column table sheet of n data rows under a header of
// two rows, width units wide.
func sheetOf(n int, width float64, landscape bool) *Sheet {
	sh := &Sheet{Table: &pack.Table{}, Landscape: landscape, Heights: map[int]float64{}, Widths: []float64{width},
		HeaderFirst: 3, HeaderLast: 4, DataFirst: 5}
	for r := int32(1); r <= int32(4+n); r++ {
		style := StyleName
		switch {
		case r == 1:
			style = StyleTitle
		case r <= 4:
			style = StyleHeader
		}
		sh.Rows = append(sh.Rows, []*Cell{{Kind: Text, Style: style, Text: "行", Col: 1, Row: r}})
	}
	sh.Heights[1] = 36
	return sh
}

func TestPaginate(t *testing.T) {
	one := RowHeight(1, SizeBody)
	// Portrait, 50 units: one page wide at 100%; 755.5 points a page.
	_, pageH := PrintArea(false)
	perPage := int((pageH*fill - 2*one) / one) // data rows on a page after the first
	tests := []struct {
		name   string
		rows   int
		fit    bool
		pages  int
		breaks []int
	}{
		{"fits", 40, true, 1, nil},
		{"just over a page: fitted to one", 58, true, 1, nil},
		{"two pages", 80, false, 2, []int{5 + int((pageH*fill-36-3*one)/one)}},
		{"many pages", 400, false, 1 + (400-(int((pageH*fill-36-3*one)/one))+perPage-1)/perPage, nil},
	}
	for _, tc := range tests {
		sh := sheetOf(tc.rows, 50, false)
		fitText(sh)
		paginate(sh)
		if sh.FitPage != tc.fit || sh.Pages != tc.pages || (tc.breaks != nil && !slices.Equal(sh.Breaks, tc.breaks)) {
			t.Errorf("%s: fit %v, %d pages, breaks %v; want %v, %d, %v", tc.name, sh.FitPage, sh.Pages, sh.Breaks, tc.fit, tc.pages, tc.breaks)
		}
		if len(sh.Breaks) != sh.Pages-1 && !sh.FitPage {
			t.Errorf("%s: %d breaks for %d pages", tc.name, len(sh.Breaks), sh.Pages)
		}
		// Every page, with the header rows repeated, holds what paginate put on it.
		starts := append([]int{1}, sh.Breaks...)
		for i, s := range starts {
			end := len(sh.Rows) + 1
			if i+1 < len(starts) {
				end = starts[i+1]
			}
			h := 0.0
			if i > 0 {
				h = sh.Heights[3] + sh.Heights[4]
			}
			for r := s; r < end; r++ {
				h += sh.Heights[r]
			}
			if !sh.FitPage && h > pageH*fill {
				t.Errorf("%s: page %d is %.1f points tall, more than %.1f", tc.name, i+1, h, pageH*fill)
			}
		}
	}
	// A form's own breaks (a record a page) stay, and pages count them.
	sh := sheetOf(30, 50, false)
	sh.HeaderFirst, sh.HeaderLast = 3, 2
	sh.Breaks = []int{12, 20}
	fitText(sh)
	paginate(sh)
	if sh.FitPage || sh.Pages != 3 || !slices.Equal(sh.Breaks, []int{12, 20}) {
		t.Errorf("form: fit %v, %d pages, breaks %v", sh.FitPage, sh.Pages, sh.Breaks)
	}
	// Past Excel's limit of manual breaks, the spreadsheet's own breaks.
	long := sheetOf(3*MaxBreaks, 50, false)
	long.HeaderFirst, long.HeaderLast = 3, 2
	for r := 10; r < len(long.Rows); r += 2 {
		long.Breaks = append(long.Breaks, r)
	}
	fitText(long)
	paginate(long)
	if len(long.Breaks) != MaxBreaks || long.Pages <= MaxBreaks+1 {
		t.Errorf("records of two rows: %d breaks, %d pages", len(long.Breaks), long.Pages)
	}
	// Landscape and wide: the scale to one page wide gives room to more rows.
	wide := sheetOf(70, 250, true)
	fitText(wide)
	paginate(wide)
	if !wide.FitPage {
		t.Errorf("a wide landscape table of 70 rows prints at 50%%: %d pages", wide.Pages)
	}
}

func TestFitText(t *testing.T) {
	sh := sheetOf(2, 15, false)
	sh.Widths = []float64{15, 10}
	for r := range sh.Rows {
		sh.Rows[r] = append(sh.Rows[r], nil)
	}
	sh.Rows[2][1] = &Cell{Kind: Text, Style: StyleHeader, Text: "国有资本经营预算拨款收入", Col: 2, Row: 3}
	sh.Rows[4][0].Text = "其他人力资源和社会保障管理事务支出" // 17 characters, 8 a line
	sh.Rows[4][1] = &Cell{Kind: Formula, Style: StyleAmount, Value: decimal.RequireFromString("123456789.01"), Col: 2, Row: 5}
	fitText(sh)
	if got := sh.Widths[1]; got != 13.5 {
		t.Errorf("an amount column holding 123,456,789.01 is %g units wide, want 13.5", got)
	}
	if got := sh.Cell(2, 3).Text; got != "国有资本经营\n预算拨款收入" {
		t.Errorf("header %q", got)
	}
	for r, want := range map[int]float64{3: RowHeight(2, SizeBody), 4: RowHeight(1, SizeBody), 5: RowHeight(3, SizeBody), 6: RowHeight(1, SizeBody)} {
		if got := sh.Heights[r]; got != want {
			t.Errorf("row %d is %g points high, want %g", r, got, want)
		}
	}
}

// TestSampleRows: in the qijiang sample's 附件4-2 every data row is one line
// high (its longest name, 其他人力资源和社会保障管理事务支出, fits the name
// column), and the table prints on one page, as 部门支出总表 does, fitted.
func TestSampleRows(t *testing.T) {
	p, d, err := dataset.Open("../samples/qijiang-shebao-2025", "../templates")
	if err != nil {
		t.Fatal(err)
	}
	b, err := Build(p, d)
	if err != nil {
		t.Fatal(err)
	}
	sh := b.Sheet("附件4-2")
	for r := sh.DataFirst; r <= len(sh.Rows); r++ {
		if h := sh.Heights[r]; h != RowHeight(1, SizeBody) {
			t.Errorf("附件4-2 row %d (%s) is %g points high, want one line", r, sh.Cell(2, r).Text, h)
		}
	}
	for _, name := range []string{"附件4-2", "部门支出总表"} {
		if sh := b.Sheet(name); !sh.FitPage || sh.Pages != 1 {
			t.Errorf("%s: fit %v, %d pages", name, sh.FitPage, sh.Pages)
		}
	}
}

// TestEmASCII checks em's short cut for ASCII against the width table.
func TestEmASCII(t *testing.T) {
	for r := rune(0); r < utf8.RuneSelf; r++ {
		want := narrowEm
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth, width.EastAsianAmbiguous:
			want = 1
		}
		if got := em(r); got != want {
			t.Errorf("em(%q) = %v, want %v", r, got, want)
		}
	}
}

// TestRuneSet checks the punctuation sets against their strings.
func TestRuneSet(t *testing.T) {
	for _, tc := range []struct {
		set  *runeSet
		text string
	}{{closingSet, closing}, {openingSet, opening}} {
		for r := rune(-1); r < 0x10000; r++ {
			if got, want := tc.set.has(r), strings.ContainsRune(tc.text, r); got != want {
				t.Errorf("%q: has(%q) = %v, want %v", tc.text, r, got, want)
			}
		}
	}
}
