package cli

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/term"

	"budgetxl/msg"
	"budgetxl/review"
)

// terminal reports whether w is a terminal and how wide it is; tests
// replace it.
var terminal = func(w io.Writer) (bool, int) {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return false, 0
	}
	width, _, err := term.GetSize(int(f.Fd()))
	if err != nil || width <= 0 {
		width = 80
	}
	return true, width
}

// progressLine shows a run's progress in one line of stderr, rewritten in
// place, when stderr is a terminal (and not --quiet); it writes nothing
// otherwise.
type progressLine struct {
	e     *env
	on    bool
	width int
	shown int // display width of the line on the terminal now
	last  time.Time
}

func (e *env) progress(quiet bool) *progressLine {
	p := &progressLine{e: e}
	if !quiet {
		p.on, p.width = terminal(e.stderr)
	}
	return p
}

// show draws the progress, at most ten times a second but always at the end.
func (p *progressLine) show(pr review.Progress) {
	if !p.on || (time.Since(p.last) < 100*time.Millisecond && pr.Done < pr.Total) {
		return
	}
	p.last = time.Now()
	line := progressText(p.e.lang, pr, p.width-1)
	pad := strings.Repeat(" ", max(0, p.shown-displayWidth(line)))
	fmt.Fprint(p.e.stderr, "\r"+line+pad)
	p.shown = displayWidth(line)
}

// clear erases the progress line, so that other output starts on a clean
// line; the next show draws it again.
func (p *progressLine) clear() {
	if !p.on || p.shown == 0 {
		return
	}
	fmt.Fprint(p.e.stderr, "\r"+strings.Repeat(" ", p.shown)+"\r")
	p.shown = 0
	p.last = time.Time{}
}

// progressText is the progress line: done/total, the time left, and the
// current file, cut from the left to fit width columns.
func progressText(l msg.Lang, pr review.Progress, width int) string {
	left := msg.T(l, "estimating")
	switch d := pr.Left(); {
	case pr.Done >= pr.Total:
		left = msg.T(l, "done")
	case d > 0:
		left = msg.T(l, "%s left", clock(d))
	}
	head := msg.T(l, "%d/%d checked, %s: ", pr.Done, pr.Total, left)
	room := width - displayWidth(head)
	file := pr.Current
	if displayWidth(file) > room {
		rs := []rune(file)
		for len(rs) > 0 && displayWidth("…"+string(rs)) > room {
			rs = rs[1:]
		}
		file = "…" + string(rs)
		if room < 2 {
			file = ""
		}
	}
	return head + file
}

// clock writes a duration as m:ss, or h:mm:ss from an hour.
func clock(d time.Duration) string {
	s := int(d.Round(time.Second) / time.Second)
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}
