package fill_test

import (
	"html"
	"math"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"budgetxl/annotate"
	"budgetxl/dataset"
	"budgetxl/fill"
	"budgetxl/internal/oracle"
	"budgetxl/msg"
	"budgetxl/pack"
	"budgetxl/plan"
	"budgetxl/verify"
)

// TestRender prints each sample's workbook, the qijiang sample's blank
// form and its annotated copy to PDF, as budgetxl pdf does (one start of
// LibreOffice for all four), and reads the pages back with poppler: each
// table on the pages the plan gave it, numbered within the table; one
// bookmark per table, none for the hidden 公布数; every title, code and
// amount there, no text spilling into another cell or over another line,
// no header re-wrapped by LibreOffice; the fonts embedded, a CJK one
// among them; the findings list one page wide with every message whole.
func TestRender(t *testing.T) {
	oracle.Soffice(t)
	for _, tool := range []string{"pdftotext", "pdffonts", "pdftohtml"} {
		oracle.Tool(t, tool)
	}
	dir := t.TempDir()
	type job struct {
		name string
		book *plan.Book
		d    *dataset.Dataset
		path string
	}
	var jobs []*job
	for _, s := range samples {
		p, d, err := dataset.Open(filepath.Join("..", "samples", s), filepath.Join("..", "templates"))
		if err != nil {
			t.Fatal(err)
		}
		book, err := plan.Build(p, d)
		if err != nil {
			t.Fatal(err)
		}
		j := &job{name: s, book: book, d: d, path: filepath.Join(dir, s+".xlsx")}
		if err := fill.Write(book, j.path, fill.Options{}); err != nil {
			t.Fatal(err)
		}
		jobs = append(jobs, j)
		if s != "qijiang-shebao-2025" {
			continue
		}
		blank := d.Blank(p)
		form, err := plan.Build(p, blank)
		if err != nil {
			t.Fatal(err)
		}
		fj := &job{name: s + " form", book: form, d: blank, path: filepath.Join(dir, s+"-form.xlsx")}
		if err := fill.Write(form, fj.path, fill.Options{Form: true}); err != nil {
			t.Fatal(err)
		}
		jobs = append(jobs, fj)
	}
	r, err := verify.File(jobs[0].path, verify.Options{Templates: filepath.Join("..", "templates")})
	if err != nil {
		t.Fatal(err)
	}
	annotated := filepath.Join(dir, "annotated.xlsx")
	if err := annotate.Write(r, annotated, msg.ZH); err != nil {
		t.Fatal(err)
	}
	paths := []string{annotated}
	for _, j := range jobs {
		paths = append(paths, j.path)
	}
	pdfs := oracle.PDF(t, paths...)

	for i, j := range jobs {
		t.Run(j.name, func(t *testing.T) {
			doc := readPDF(t, pdfs[i+1])
			var sheets []*plan.Sheet
			for _, sh := range j.book.Sheets {
				sheets = append(sheets, sh)
			}
			doc.checkSheets(t, namesOf(sheets))
			oracle.Fonts(t, pdfs[i+1])
			for _, sh := range sheets {
				pages := doc.pagesOf(sh.Name)
				want := 1 // every table on one page, but a form of many records
				if n, ok := records[j.name]; ok && sh.Name == "项目支出绩效目标表" {
					want = n
				}
				if len(pages) != want || sh.Pages != want {
					t.Errorf("%s prints on %d pages, the plan said %d; want %d", sh.Name, len(pages), sh.Pages, want)
				}
				doc.checkFooters(t, sh.Name, sh.PageNumbers)
				text := map[string]bool{} // everything the sheet's cells show
				var titles, headers []string
				for _, row := range sh.Rows {
					for _, c := range row {
						if c == nil {
							continue
						}
						shown := c.Text
						if c.Kind == plan.Input || c.Kind == plan.Formula {
							if c.Blank || c.Value.IsZero() {
								continue // the number format shows zero as blank
							}
							shown = plan.Shown(c.Value)
							if c.Style == plan.StyleNumber {
								shown = c.Value.String()
							}
						}
						if shown == "" {
							continue
						}
						text[strings.ReplaceAll(shown, "\n", "")] = true
						switch {
						case c.Style == plan.StyleTitle:
							titles = append(titles, shown)
						case c.Style == plan.StyleHeader:
							headers = append(headers, strings.Split(shown, "\n")...)
						case c.Kind != plan.Text:
							if !doc.hasWord(pages, shown) {
								t.Errorf("%s!%s: %s is not printed whole", sh.Name, c.Address(), shown)
							}
						case c.Style == plan.StyleCode && !doc.hasWord(pages, shown):
							t.Errorf("%s!%s: code %s is not printed", sh.Name, c.Address(), shown)
						}
					}
				}
				for _, title := range titles {
					if !doc.hasLine(pages, title) {
						t.Errorf("%s: title %q is not printed whole", sh.Name, title)
					}
				}
				for _, h := range headers {
					if !doc.hasLine(pages, h) {
						t.Errorf("%s: header %q is not printed on one line", sh.Name, h)
					}
				}
				doc.checkWords(t, sh.Name, pages, text, sh.PageNumbers)
			}
			// Every code of the dataset, on the pages of its table (if the
			// table shows codes: 4-1 shows the names of its 类).
			for id, td := range j.d.Tables {
				tb := j.book.Sheet(tableSheet(j.book, id))
				if !showsCodes(tb.Table) {
					continue
				}
				for _, code := range td.Codes() {
					if !doc.hasWord(doc.pagesOf(tb.Name), code) {
						t.Errorf("%s: code %s of %s.csv is not printed", tb.Name, code, id)
					}
				}
			}
			for _, p := range doc.pages {
				for _, w := range p.words {
					if w.text == plan.PublishedSheet {
						t.Errorf("the hidden sheet %s is printed", plan.PublishedSheet)
					}
				}
			}
		})
	}

	t.Run("annotated", func(t *testing.T) {
		doc := readPDF(t, pdfs[0])
		list := msg.T(msg.ZH, "Findings")
		doc.checkSheets(t, append([]string{list}, namesOf(jobs[0].book.Sheets)...))
		doc.checkFooters(t, list, r.Pack.PageNumbers)
		f, err := excelize.OpenFile(annotated)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		var widths []float64
		for _, col := range []string{"A", "B", "C", "D", "E", "F", "G"} {
			w, _ := f.GetColWidth(list, col)
			widths = append(widths, w)
		}
		header := []string{"级别", "规则", "工作表", "单元格", "应为", "实际", "说明"}
		var messages []string
		for _, p := range doc.pagesOf(list) {
			// One page wide: every column's header on every page.
			at := map[string]word{}
			for _, w := range p.words {
				if slices.Contains(header, w.text) {
					if _, dup := at[w.text]; !dup {
						at[w.text] = w
					}
				}
			}
			if len(at) != len(header) {
				t.Fatalf("a page of %s shows the headers %v, not all of %v", list, at, header)
			}
			// The message column starts where the found column ends: from the
			// centres of their headers and the columns' widths.
			found, message := at["实际"], at["说明"]
			unit := (message.centre() - found.centre()) / (widths[5]/2 + widths[6]/2)
			left := found.centre() + widths[5]/2*unit
			messages = append(messages, p.column(left-1))
		}
		all := strings.Join(messages, "")
		for _, fd := range r.Findings {
			if m := strip(fd.Message(msg.ZH)); !strings.Contains(all, m) {
				t.Errorf("the message of %s at %s!%s is not printed whole: %s", fd.Rule, fd.Sheet, fd.Cell, fd.Message(msg.ZH))
			}
		}
		for _, p := range doc.pagesOf(list) {
			p.checkOverlaps(t, list)
		}
	})
}

// records is the number of projects of each rendered workbook: one page each.
var records = map[string]int{"qijiang-shebao-2025": 48, "qijiang-shebao-2025 form": 48, "demo-2025": 3}

func namesOf(sheets []*plan.Sheet) []string {
	var out []string
	for _, sh := range sheets {
		out = append(out, sh.Name)
	}
	return out
}

// showsCodes reports whether table t has a code column.
func showsCodes(t *pack.Table) bool {
	for _, s := range t.Sides {
		for _, c := range s.Columns {
			if c.Kind == pack.KindCode {
				return true
			}
		}
	}
	return false
}

// tableSheet is the sheet of table id.
func tableSheet(b *plan.Book, id string) string {
	for _, sh := range b.Sheets {
		if sh.Table.ID == id {
			return sh.Name
		}
	}
	return ""
}

// A printed word, from pdftotext -bbox.
type word struct {
	x0, y0, x1, y1 float64
	text           string
}

func (w word) centre() float64 { return (w.x0 + w.x1) / 2 }

type page struct{ words []word }

// doc is a PDF read back: its pages, and its outline (bookmark, page).
type doc struct {
	pages   []*page
	outline []bookmark
}

type bookmark struct {
	title string
	page  int // from 1
}

var (
	wordRe = regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>`)
	itemRe = regexp.MustCompile(`<item page="(\d+)">([^<]*)</item>`)
)

func readPDF(t *testing.T, pdf string) *doc {
	t.Helper()
	out, err := exec.Command("pdftotext", "-bbox", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	d := &doc{}
	for _, chunk := range strings.Split(string(out), "<page ")[1:] {
		p := &page{}
		for _, m := range wordRe.FindAllStringSubmatch(chunk, -1) {
			f := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }
			p.words = append(p.words, word{f(m[1]), f(m[2]), f(m[3]), f(m[4]), html.UnescapeString(m[5])})
		}
		d.pages = append(d.pages, p)
	}
	x, err := exec.Command("pdftohtml", "-xml", "-i", "-stdout", pdf).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range itemRe.FindAllStringSubmatch(string(x), -1) {
		n, _ := strconv.Atoi(m[1])
		d.outline = append(d.outline, bookmark{html.UnescapeString(m[2]), n})
	}
	return d
}

// checkSheets checks the outline: one bookmark per printed sheet, in order.
func (d *doc) checkSheets(t *testing.T, sheets []string) {
	t.Helper()
	var got []string
	for _, b := range d.outline {
		got = append(got, b.title)
	}
	if strings.Join(got, " ") != strings.Join(sheets, " ") {
		t.Errorf("bookmarks %v, want one per sheet: %v", got, sheets)
	}
}

// pagesOf returns the pages of a sheet, from its bookmark to the next.
func (d *doc) pagesOf(sheet string) []*page {
	for i, b := range d.outline {
		if b.title != sheet {
			continue
		}
		end := len(d.pages) + 1
		if i+1 < len(d.outline) {
			end = d.outline[i+1].page
		}
		return d.pages[b.page-1 : end-1]
	}
	return nil
}

// lines groups a page's words into lines, top to bottom, each left to right.
func (p *page) lines() [][]word {
	ws := append([]word{}, p.words...)
	sort.Slice(ws, func(i, j int) bool {
		if math.Abs(ws[i].y0-ws[j].y0) > 2 {
			return ws[i].y0 < ws[j].y0
		}
		return ws[i].x0 < ws[j].x0
	})
	var out [][]word
	for _, w := range ws {
		if n := len(out); n > 0 && math.Abs(out[n-1][0].y0-w.y0) <= 2 {
			out[n-1] = append(out[n-1], w)
			continue
		}
		out = append(out, []word{w})
	}
	return out
}

func lineText(ws []word) string {
	var parts []string
	for _, w := range ws {
		parts = append(parts, w.text)
	}
	return strings.Join(parts, " ")
}

// column is the text of the words that start at x or right of it, top
// to bottom, without spaces.
func (p *page) column(x float64) string {
	var b strings.Builder
	for _, l := range p.lines() {
		for _, w := range l {
			if w.x0 >= x {
				b.WriteString(w.text)
			}
		}
	}
	return b.String()
}

// checkFooters checks that each page of a sheet ends with its page number
// within the sheet, as the pack's text gives it ("" for none).
func (d *doc) checkFooters(t *testing.T, sheet, text string) {
	t.Helper()
	pages := d.pagesOf(sheet)
	for i, p := range pages {
		ls := p.lines()
		last := lineText(ls[len(ls)-1])
		want := strings.NewReplacer("{page}", strconv.Itoa(i+1), "{pages}", strconv.Itoa(len(pages))).Replace(text)
		if text == "" {
			if strings.Contains(last, "页") {
				t.Errorf("%s page %d: a footer %q where the pack wants none", sheet, i+1, last)
			}
			continue
		}
		if last != want {
			t.Errorf("%s page %d of %d ends with %q, want %q", sheet, i+1, len(pages), last, want)
		}
	}
}

func (d *doc) hasWord(pages []*page, s string) bool {
	for _, p := range pages {
		for _, w := range p.words {
			if w.text == s {
				return true
			}
		}
	}
	return false
}

// hasLine reports whether s is printed on one line of one of the pages.
func (d *doc) hasLine(pages []*page, s string) bool {
	s = strip(s)
	for _, p := range pages {
		for _, l := range p.lines() {
			if strings.Contains(strip(lineText(l)), s) {
				return true
			}
		}
	}
	return false
}

// checkWords checks that every printed word of a sheet belongs to one of
// its cells (a word made of two cells' text is text spilling over its
// cell's edge) or to its footer, and that no word is printed over another.
func (d *doc) checkWords(t *testing.T, sheet string, pages []*page, text map[string]bool, footer string) {
	t.Helper()
	var cells []string
	for s := range text {
		cells = append(cells, strip(s))
	}
	footerWords := strings.Fields(strings.NewReplacer("{page}", " ", "{pages}", " ").Replace(footer))
	for _, p := range pages {
		for _, w := range p.words {
			if _, err := strconv.Atoi(w.text); err == nil || slices.Contains(footerWords, w.text) {
				continue
			}
			if !slices.ContainsFunc(cells, func(c string) bool { return strings.Contains(c, w.text) }) {
				t.Errorf("%s: %q is not the text of one cell: text spills over a cell's edge", sheet, w.text)
			}
		}
		p.checkOverlaps(t, sheet)
	}
}

// checkOverlaps checks that no two words of a page are printed over each
// other: a row too short for its lines prints them over the next row's.
func (p *page) checkOverlaps(t *testing.T, sheet string) {
	t.Helper()
	ws := append([]word{}, p.words...)
	sort.Slice(ws, func(i, j int) bool { return ws[i].y0 < ws[j].y0 })
	for i, a := range ws {
		for _, b := range ws[i+1:] {
			if b.y0 >= a.y1-0.5 {
				break
			}
			if a.x0 < b.x1-0.5 && b.x0 < a.x1-0.5 {
				t.Errorf("%s: %q and %q are printed over each other", sheet, a.text, b.text)
			}
		}
	}
}

func strip(s string) string { return strings.Join(strings.Fields(s), "") }
