package plan

import (
	"math"
	"slices"
)

// The printed page: A4, margins of MarginInch, the footer FooterInch from
// the paper's edge (within the bottom margin, so it takes no room from the
// table). fill writes these.
const (
	PaperWidth  = 595.28 // A4, in points
	PaperHeight = 841.89
	MarginInch  = 0.6
	FooterInch  = 0.3
)

// FitMost is how far a sheet may overflow one page and still be fitted to
// one: a sheet that needs at most FitMost pages at the scale that makes it
// one page wide is shrunk onto one page (to no less than 1/FitMost of that
// scale); a longer sheet flows over as many pages as it takes at that
// scale, its header rows repeated on each.
const FitMost = 1.25

// MaxBreaks is the most manual page breaks Excel opens in one sheet. A
// sheet that needs more (a form of more than 1,027 records) breaks where
// the plan says up to there; after, where the spreadsheet's pages end, and
// its number of pages is the plan's estimate.
const MaxBreaks = 1026

// fill is how full paginate fills a page: the rest absorbs the small
// differences between spreadsheets' measures of the same columns.
const fill = 0.97

// Fit lays out sheet sh for print as Build lays out its own: its text
// made whole (wrapped, rows as tall as it needs) and its pages decided.
// It returns a warning for each row cut to MaxHeight.
func Fit(sh *Sheet) []error {
	warnings := fitText(sh)
	paginate(sh)
	return warnings
}

// paginate decides how sheet sh prints: every sheet one page wide (the
// spreadsheet scales it to fit), and either fitted to one page or broken
// into pages where paginate says, with their number in sh.Pages so that
// footers can say "page 2 of 3" of the table alone. Breaks holds every
// row that starts a page, the records' own breaks of a form among them.
func paginate(sh *Sheet) {
	widthPt := 0.0
	for _, w := range sh.Widths {
		widthPt += ColumnPoints(w)
	}
	pageW, pageH := PrintArea(sh.Landscape)
	// The spreadsheet's scale to one page wide, a whole percent.
	scale := math.Min(1, math.Floor(100*pageW/math.Max(widthPt, 1))/100)
	room := pageH / scale
	height := func(r int) float64 {
		if h, ok := sh.Heights[r]; ok {
			return h
		}
		return RowHeight(1, SizeBody)
	}
	repeat, total := 0.0, 0.0
	for r := sh.HeaderFirst; r <= sh.HeaderLast; r++ {
		repeat += height(r)
	}
	for r := 1; r <= len(sh.Rows); r++ {
		total += height(r)
	}
	if len(sh.Breaks) == 0 && total <= room*FitMost {
		sh.FitPage, sh.Pages = true, 1
		return
	}
	forced := map[int]bool{}
	for _, r := range sh.Breaks {
		forced[r] = true
	}
	var breaks []int
	used, first, pages := 0.0, 1, 1
	for r := 1; r <= len(sh.Rows); r++ {
		h := height(r)
		manual := len(breaks) < MaxBreaks
		limit := room * fill
		if !manual {
			limit = room // the spreadsheet's own breaks fill every page
		}
		if r > first && ((manual && forced[r]) || used+h > limit) {
			if manual {
				breaks = append(breaks, r)
			}
			first, used = r, 0
			pages++
			if r > sh.HeaderLast {
				used = repeat // the header rows print again at the top
			}
		}
		used += h
	}
	slices.Sort(breaks)
	sh.Breaks, sh.Pages = breaks, pages
}

// PrintArea is the width and height of a page's printing area in points.
func PrintArea(landscape bool) (w, h float64) {
	w, h = PaperWidth-2*MarginInch*72, PaperHeight-2*MarginInch*72
	if landscape {
		w, h = PaperHeight-2*MarginInch*72, PaperWidth-2*MarginInch*72
	}
	return w, h
}
