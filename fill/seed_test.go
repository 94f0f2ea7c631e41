package fill_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"budgetxl/dataset"
	"budgetxl/pack"
	"budgetxl/workbook"
)

// seedTable is one table of the published set: its title, header lines and
// data lines, each line split at tabs.
type seedTable struct {
	title  string
	header [][]string
	data   [][]string
}

// readSeed splits ../testdata/seed.txt into tables, starting a table at
// each line that is one of the titles, taking the header's line count from
// the workbook sheet of that title.
func readSeed(t *testing.T, titles map[string]int) []*seedTable {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "seed.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var out []*seedTable
	var cur *seedTable
	for _, line := range strings.Split(string(b), "\n") {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "单位：") || strings.HasPrefix(line, "附件") {
			continue
		}
		if _, ok := titles[line]; ok {
			cur = &seedTable{title: line}
			out = append(out, cur)
			continue
		}
		if strings.Contains(line, "绩效目标表") {
			cur = nil // the performance tables are not budget tables
		}
		if cur == nil {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(cur.header) < titles[cur.title] {
			cur.header = append(cur.header, fields)
		} else {
			cur.data = append(cur.data, fields)
		}
	}
	return out
}

// TestSeedInWorkbook checks the qijiang workbook against the published set:
// every header text and row label stands where the seed has it, and every
// amount of the seed is in the row of its code or label, in the same column:
// as an input cell with the same value (a leaf), or as a formula cell (a
// total, whose published figure fill compares separately).
func TestSeedInWorkbook(t *testing.T) {
	book, path := write(t, "qijiang-shebao-2025")
	wb := read(t, path)
	titles := map[string]int{}
	sheetOf := map[string]*workbook.Sheet{}
	for _, sh := range book.Sheets {
		if sh.Table.Kind == pack.KindForm {
			continue // the performance-target forms have their own test
		}
		title := sh.Rows[0][0].Text
		titles[title], sheetOf[title] = sh.HeaderLast-sh.HeaderFirst+1, wb.Sheet(sh.Name)
	}
	tables := readSeed(t, titles)
	if len(tables) != 8 {
		t.Fatalf("found %d of the 8 budget tables in the seed", len(tables))
	}
	inputs := 0
	for _, st := range tables {
		s := sheetOf[st.title]
		for i, fields := range st.header {
			for j, f := range fields {
				if f == "" {
					continue
				}
				if c := cellAt(s, j+1, 3+i); c == nil || strings.ReplaceAll(c.Value, "\n", "") != f { // headers break into lines
					t.Errorf("%s header row %d column %d: seed %q, workbook %+v", s.Name, i+1, j+1, f, c)
				}
			}
		}
		first := 3 + len(st.header)
		for i, fields := range st.data {
			row := first + i
			for j, f := range fields {
				if f == "" {
					continue
				}
				c := cellAt(s, j+1, row)
				amount, ok, err := dataset.ParseAmount(f, 2)
				if err != nil || !ok || (c != nil && c.Type == workbook.TypeString) {
					if c == nil || c.Value != f {
						t.Errorf("%s!%s: seed text %q, workbook %+v", s.Name, ref(j+1, row), f, c)
					}
					continue
				}
				switch {
				case c == nil:
					t.Errorf("%s!%s: seed amount %s, workbook cell empty", s.Name, ref(j+1, row), f)
				case c.Formula != "":
				default:
					got, _ := decimal.NewFromString(c.Value)
					if !got.Equal(amount) {
						t.Errorf("%s!%s: seed amount %s, workbook %s", s.Name, ref(j+1, row), f, c.Value)
					}
					inputs++
				}
			}
		}
	}
	// Every input cell of the workbook comes from the seed.
	total := 0
	for _, sh := range book.Sheets {
		if sh.Table.Kind == pack.KindForm {
			continue
		}
		for _, c := range wb.Sheet(sh.Name).Cells {
			if c.Formula == "" && c.Type == workbook.TypeNumber {
				total++
			}
		}
	}
	if inputs != total || inputs < 100 {
		t.Errorf("%d seed amounts matched input cells, the workbook has %d input cells", inputs, total)
	}
}

func cellAt(s *workbook.Sheet, col, row int) *workbook.Cell { return s.Cell(ref(col, row)) }

func ref(col, row int) string { return pack.CellName(col, row) }
