package plan

import (
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// Fonts of the printed tables, as fill writes them; the measures below
// assume them.
const (
	FontBody    = "宋体" // labels, names, amounts: SimSun, which ships with Windows
	FontTitle   = "黑体" // titles and headers: SimHei, which ships with Windows
	FontDefault = "Arial"
	SizeBody    = 10.0 // points, headers too
	SizeTitle   = 16.0
)

// The measures of printed text, in points. A column width unit is the
// digit width of the workbook's default font, Arial 11 (6.0 points in
// Excel, 6.1 in LibreOffice: the smaller is taken, so that text is never
// predicted to fit where it does not). A CJK character is as wide as its
// font size (two digits of a CJK font's half-width digits), other
// characters 0.55 of it (SimSun's are 0.5, Noto CJK's 0.55).
const (
	unitPt    = 6.0
	cellPad   = 4.0  // free width around a cell's text
	narrowEm  = 0.55 // width of a narrow character, per point of size
	linePitch = 1.44 // height of each further line per point of size (LibreOffice's Noto CJK; SimSun needs less)
	firstLine = 1.4  // height of a row of one line per point of size (Excel's 13.5 for SimSun 10, and a little)
)

// ColumnPoints is the printed width of columns of width w, in points.
func ColumnPoints(w float64) float64 { return w * unitPt }

// WidthOf is the column width, in units, that shows s on one line at font
// size size, rounded up to half a unit.
func WidthOf(s string, size float64) float64 {
	return math.Ceil((TextWidth(s, size)+cellPad)/unitPt*2) / 2
}

// roomFor is the width a cell's text has in columns of total width w.
func roomFor(w float64) float64 { return math.Max(ColumnPoints(w)-cellPad, 1) }

// RowHeight is the height of a row that shows lines lines of text of font
// size size.
func RowHeight(lines int, size float64) float64 {
	return math.Ceil((float64(max(lines, 1)-1)*linePitch*size+firstLine*size)*4) / 4 // to a quarter point
}

// em is the width of rune r per point of font size: 1 for the characters
// East Asian scripts set wide (ideographs, kana, full-width forms, and the
// ambiguous ones a CJK font sets wide: “ ” ‘ ’ · × ≥ …), narrowEm for the others.
func em(r rune) float64 {
	if r < utf8.RuneSelf { // ASCII: all narrow, without the table's look-up
		return narrowEm
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth, width.EastAsianAmbiguous:
		return 1
	}
	return narrowEm
}

// TextWidth is the printed width of s in font size size, in points.
func TextWidth(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		w += em(r)
	}
	return w * size
}

// Closing punctuation never starts a line; opening punctuation never ends one.
const (
	closing = "，。、；：？！）》」』】〕〉”’%,.;:?!)]}"
	opening = "（《「『【〔〈“‘([{"
)

// closingSet and openingSet are closing and opening, to look runes up in.
var closingSet, openingSet = newRuneSet(closing), newRuneSet(opening)

// runeSet is a set of runes: ASCII in a table, the others sorted.
type runeSet struct {
	ascii [utf8.RuneSelf]bool
	other []rune
}

func newRuneSet(s string) *runeSet {
	set := &runeSet{}
	for _, r := range s {
		if r < utf8.RuneSelf {
			set.ascii[r] = true
		} else {
			set.other = append(set.other, r)
		}
	}
	slices.Sort(set.other)
	return set
}

// has reports whether r is in the set.
func (s *runeSet) has(r rune) bool {
	if r >= 0 && r < utf8.RuneSelf {
		return s.ascii[r]
	}
	_, ok := slices.BinarySearch(s.other, r)
	return ok
}

// breakBefore reports whether a line may break between runes a and b, as a
// spreadsheet wraps text: after a space, and next to a wide character
// (between ideographs), but never inside a run of narrow characters (a
// number, a Latin word), before closing or after opening punctuation.
func breakBefore(a, b rune) bool {
	switch {
	case closingSet.has(b), openingSet.has(a):
		return false
	case a == ' ':
		return true
	}
	return em(a) == 1 || em(b) == 1
}

// Wrap breaks s into the lines a cell shows in room points at font size
// size: at its own line breaks, then wherever the next character would not
// fit, at the last place a line may break (inside a run that alone is too
// wide when there is none).
func Wrap(s string, room, size float64) []string {
	var out []string
	for _, para := range strings.Split(s, "\n") {
		wrapLine(para, room, size, func(line string) { out = append(out, line) })
	}
	return out
}

// lineCount is len(Wrap(s, room, size)), without making the lines.
func lineCount(s string, room, size float64) int {
	n := 0
	for para := range strings.SplitSeq(s, "\n") {
		n += wrapLine(para, room, size, nil)
	}
	return n
}

// wrapLine wraps a text without line breaks, calls emit (when not nil)
// with each line and returns their number.
func wrapLine(s string, room, size float64, emit func(string)) int {
	n := 0
	out := func(line string) {
		n++
		if emit != nil {
			emit(line)
		}
	}
	start, last, w, prev := 0, -1, 0.0, rune(-1) // last: the latest place to break after start
	for i := 0; i < len(s); {
		r, width := utf8.DecodeRuneInString(s[i:])
		if i > start && breakBefore(prev, r) {
			last = i
		}
		w += em(r) * size
		if w <= room || i == start {
			prev, i = r, i+width
			continue
		}
		cut := i // no place to break: cut the run
		if last > start {
			cut = last
		}
		out(strings.TrimRight(s[start:cut], " "))
		start, last, w, prev = cut, -1, 0, -1
		for start < len(s) && s[start] == ' ' {
			start++
		}
		i = start
	}
	out(s[start:])
	return n
}

// Balance breaks s into as few lines as Wrap gives within room, each as
// wide as the others as far as the places to break allow: a header never
// leaves one character alone on its last line. Its own line breaks stay.
func Balance(s string, room, size float64) []string {
	var out []string
	for _, para := range strings.Split(s, "\n") {
		lines := wrapLine(para, room, size, nil)
		if lines > 1 {
			// The narrowest room that still gives as few lines: between
			// nothing and room.
			lo, hi := 0.0, room
			for i := 0; i < 40; i++ {
				mid := (lo + hi) / 2
				if wrapLine(para, mid, size, nil) <= lines {
					hi = mid
				} else {
					lo = mid
				}
			}
			room := hi
			wrapLine(para, room, size, func(line string) { out = append(out, line) })
			continue
		}
		out = append(out, para)
	}
	return out
}
