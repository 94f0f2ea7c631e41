// Package review checks many workbooks in one run, as a district's
// reviewer receives them: it finds the workbooks in files, folders and
// patterns (Expand), checks them in parallel with verify's per-file check
// and writes an annotated copy of each one with findings (Check), checks
// the files of the run against each other (the same unit twice, different
// versions of one pack), and writes the summary a reviewer forwards: a
// workbook (WriteXLSX) or a CSV file (WriteCSV), to a file or to any
// writer (EncodeXLSX, EncodeCSV). Fill does the same for a bureau's folder
// of unit folders: one workbook each, checked as verify checks it, and
// the same summary.
//
// It prints nothing and knows no command line: the CLI and the web page
// call it and say what it found in their own way. What is wrong with one
// file is a finding or a file's Err, never a stop of the run.
package review

import (
	"context"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"budgetxl/annotate"
	"budgetxl/dataset"
	"budgetxl/extract"
	"budgetxl/msg"
	"budgetxl/output"
	"budgetxl/pack"
	"budgetxl/plan"
	"budgetxl/verify"
	"budgetxl/workbook"
)

// Status of a file, worst first.
const (
	Unreadable = "unreadable" // the file could not be checked: File.Err says why
	Errors     = "error"      // checked, with errors
	Warnings   = "warning"    // checked, with warnings and no errors
	Notes      = "note"       // checked, with notes only
	Clean      = "clean"      // checked, nothing found
)

// File is what a run found about one workbook. It holds no workbook: a run
// keeps in memory only the findings of the files it has checked.
type File struct {
	// Input is the file; its Err is why the file could not be checked (it
	// cannot be read, its pack is unknown, the argument gave no file).
	Input
	// Unit is who the workbook is for, as its properties or titles say.
	Unit dataset.Unit
	// Pack, Version and PackDir name the pack that checked the workbook
	// (PackDir as messages name its folder; Builtin for a built-in pack).
	Pack, Version, PackDir string
	Builtin                bool
	// Lineage is the pack's id and version, and those of the packs it is
	// made from: "cq-2026 1.0.0 ← cq-2025 1.1.0" (pack.Pack.Lineage).
	Lineage string
	// Made is the pack the workbook says made it.
	Made verify.Stamp
	// Text is the 情况说明 checked with the workbook, "" for none.
	Text string
	// Findings are verify's findings, then those of the checks across
	// the files of the run (rules district.*).
	Findings []verify.Finding
	// Annotated is the path of the annotated copy written, "" for none;
	// AnnotateErr why it could not be written.
	Annotated   string
	AnnotateErr error
}

// Count returns the number of findings of a severity.
func (f *File) Count(severity string) int {
	n := 0
	for _, fd := range f.Findings {
		if fd.Severity == severity {
			n++
		}
	}
	return n
}

// Status is the file's worst outcome: Unreadable, Errors, Warnings, Notes or Clean.
func (f *File) Status() string {
	switch {
	case f.Err != nil:
		return Unreadable
	case f.Count(verify.Error) > 0:
		return Errors
	case f.Count(verify.Warning) > 0:
		return Warnings
	case f.Count(verify.Note) > 0:
		return Notes
	}
	return Clean
}

// Rules returns the rule ids of the file's worst findings, most frequent
// first, at most n of them.
func (f *File) Rules(n int) []string {
	for _, sev := range []string{verify.Error, verify.Warning, verify.Note} {
		count := map[string]int{}
		var order []string
		for _, fd := range f.Findings {
			if fd.Severity != sev {
				continue
			}
			if count[fd.Rule] == 0 {
				order = append(order, fd.Rule)
			}
			count[fd.Rule]++
		}
		if len(order) == 0 {
			continue
		}
		sort.SliceStable(order, func(i, j int) bool { return count[order[i]] > count[order[j]] })
		return order[:min(n, len(order))]
	}
	return nil
}

// Options of a run.
type Options struct {
	// Verify says where the packs are and the limits of reading; its
	// Explain and Prior are for a run of one file.
	Verify verify.Options
	// Jobs is how many files are checked at once; 0 or less: the number
	// of cores.
	Jobs int
	// AnnotateDir, when not "", is the folder that receives an annotated
	// copy of each file with findings, under the file's Name; Lang is the
	// language of their messages.
	AnnotateDir string
	// AnnotateFile, when not "", is the path of the annotated copy of the
	// one input of a run (with findings or not).
	AnnotateFile string
	Lang         msg.Lang
	// Protect lists more inputs that no output may replace (the
	// configuration file).
	Protect []string
	// Each, when not nil, is called with each file once it is checked, in
	// the order of the inputs, on the goroutine that called Check.
	// Progress, when not nil, is called there too, each time a file starts
	// and each time one is done.
	Each     func(*File)
	Progress func(Progress)
}

// Progress is how far a run has come.
type Progress struct {
	Done, Total int
	// Current is the file checked last started.
	Current string
	// Elapsed is the time since the run started.
	Elapsed time.Duration
}

// Left estimates the time the rest of the run takes, from the pace so far;
// 0 when nothing is done yet.
func (p Progress) Left() time.Duration {
	if p.Done == 0 || p.Done >= p.Total {
		return 0
	}
	return time.Duration(float64(p.Elapsed) / float64(p.Done) * float64(p.Total-p.Done))
}

// Run is the outcome of a run.
type Run struct {
	Files []*File
	// Cross are the findings of the checks across files, each with the
	// file it was added to.
	Cross []CrossFinding
	// Took is the wall time of the run.
	Took time.Duration
}

// CrossFinding is a finding of a check across the files of a run.
type CrossFinding struct {
	File string
	verify.Finding
}

// Count returns the number of files of a status.
func (r *Run) Count(status string) int {
	n := 0
	for _, f := range r.Files {
		if f.Status() == status {
			n++
		}
	}
	return n
}

// Check checks the inputs, opt.Jobs at a time, writes the annotated
// copies, and checks the files against each other. Its error is for
// options that would write over an input (an AnnotateDir that is an input
// or holds one); nothing is checked then. A cancelled ctx stops the run
// after the files being checked; the files not started are then left out.
func Check(ctx context.Context, inputs []Input, opt Options) (*Run, error) {
	start := time.Now()
	if opt.AnnotateFile != "" && len(inputs) != 1 {
		return nil, msg.Errorf("--annotate takes one workbook, got %d", len(inputs))
	}
	for _, out := range []string{opt.AnnotateDir, opt.AnnotateFile} {
		if out == "" {
			continue
		}
		protect := append([]string{}, opt.Protect...)
		for _, in := range inputs {
			protect = append(protect, in.Path)
		}
		if err := output.Check(out, protect...); err != nil {
			return nil, err
		}
	}
	copies := copyNames(inputs, opt.AnnotateDir)
	if opt.AnnotateFile != "" {
		copies[0] = opt.AnnotateFile
	}
	run := &Run{}
	packs := &packCache{packs: map[string]*pack.Pack{}}
	run.Files = parallel(ctx, inputs, opt.Jobs, start, func(i int) *File { return checkOne(inputs[i], copies[i], opt, packs) }, opt.Each, opt.Progress)
	run.Cross = cross(run.Files)
	reannotate(run, inputs, copies, opt)
	run.Took = time.Since(start)
	return run, nil
}

// parallel runs do for each input, jobs at a time (0 or less: the number
// of cores), and returns the files in the order of the inputs. each and
// progress (either may be nil) are called on the calling goroutine: each
// with every file in order once it and the ones before it are done,
// progress when a file starts and when one is done. A cancelled ctx starts
// no more inputs; those not started are left out.
func parallel(ctx context.Context, inputs []Input, jobs int, start time.Time, do func(i int) *File, each func(*File), progress func(Progress)) []*File {
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	// Each worker says when it starts an input, then gives its file, on
	// one channel: the calling goroutine sees both in that order.
	type event struct {
		i     int
		f     *File
		start bool
	}
	work := make(chan int)
	events := make(chan event)
	var wg sync.WaitGroup
	for range min(jobs, max(1, len(inputs))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				events <- event{i: i, start: true}
				events <- event{i: i, f: safely(inputs[i], i, do)}
			}
		}()
	}
	go func() {
		defer close(work)
		for i := range inputs {
			if ctx.Err() != nil {
				return
			}
			select {
			case work <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(events) }()

	files := make([]*File, 0, len(inputs))
	got := make([]*File, len(inputs)) // files done, not yet reported
	have := make([]bool, len(inputs))
	next, n, current := 0, 0, ""
	for ev := range events {
		if ev.start {
			current = inputs[ev.i].Path
		} else {
			got[ev.i], have[ev.i] = ev.f, true
			n++
			for next < len(got) && have[next] {
				if got[next] != nil {
					files = append(files, got[next])
					if each != nil {
						each(got[next])
					}
				}
				got[next] = nil // files holds it; this slice need not
				next++
			}
		}
		if progress != nil {
			progress(Progress{Done: n, Total: len(inputs), Current: current, Elapsed: time.Since(start)})
		}
	}
	return files
}

// safely runs do for input i; a fault of the program on one file (a
// panic) becomes that file's result, unreadable with a request to report
// it, instead of the end of a run of hundreds (or of the web server).
func safely(in Input, i int, do func(i int) *File) (f *File) {
	defer func() {
		if r := recover(); r != nil {
			f = &File{Input: in}
			f.Err = msg.Errorf("%s: budgetxl failed on this file (%v): please report it, with the file if you can; the other files are checked", in.Path, r)
		}
	}()
	return do(i)
}

// checkOne checks one input and writes its annotated copy to out ("" for none).
func checkOne(in Input, out string, opt Options, packs *packCache) *File {
	f := &File{Input: in}
	if in.Err != nil {
		return f
	}
	r, err := packs.check(in.Path, opt.Verify)
	if err != nil {
		f.Err = err
		return f
	}
	f.Unit, f.Made, f.Text, f.Findings = r.Unit, r.Made, r.Text, r.Findings
	if r.Pack != nil {
		f.Pack, f.Version, f.PackDir, f.Builtin, f.Lineage = r.Pack.ID, r.Pack.Version, r.Pack.Dir, r.Pack.Builtin, r.Pack.Lineage()
	}
	if out != "" && (len(r.Findings) > 0 || opt.AnnotateFile != "") {
		err := output.Check(out, in.Path, r.Pack.Dir)
		if err == nil {
			err = annotate.Write(r, out, opt.Lang)
		}
		if err != nil {
			f.AnnotateErr = err
		} else {
			f.Annotated = out
		}
	}
	return f
}

// reannotate writes again the annotated copy of each file that the checks
// across files found something in, so that its list holds those findings
// too: verify's report is not kept (memory), so the file is checked again.
func reannotate(run *Run, inputs []Input, copies []string, opt Options) {
	if opt.AnnotateDir == "" && opt.AnnotateFile == "" {
		return
	}
	out := map[string]string{}
	for i, in := range inputs {
		out[in.Path] = copies[i]
	}
	done := map[string]bool{}
	for _, c := range run.Cross {
		if done[c.File] {
			continue
		}
		done[c.File] = true
		for _, f := range run.Files {
			if f.Path != c.File || out[f.Path] == "" {
				continue
			}
			r, err := verify.File(f.Path, opt.Verify)
			if err == nil {
				r.Findings = f.Findings
				err = output.Check(out[f.Path], f.Path, r.Pack.Dir)
			}
			if err == nil {
				err = annotate.Write(r, out[f.Path], opt.Lang)
			}
			if err != nil {
				f.AnnotateErr = err
			} else {
				f.Annotated, f.AnnotateErr = out[f.Path], nil
			}
		}
	}
}

// packCache keeps the packs a run has loaded, by the id a workbook names
// ("" for none): loading a pack costs about as much as checking a small
// workbook. A pack is only read once loaded, so the jobs share it.
type packCache struct {
	mu    sync.Mutex
	packs map[string]*pack.Pack
}

// check checks the workbook at path as verify.File does, with the pack
// loaded once per run. A check with a 情况说明 or a prior year named
// (options of a run of one file) is verify.File's own.
func (c *packCache) check(path string, vo verify.Options) (*verify.Report, error) {
	if vo.Explain != "" || vo.Prior != "" {
		return verify.File(path, vo)
	}
	wb, err := workbook.ReadLimited(path, vo.Limits)
	if err != nil {
		return nil, err
	}
	id := wb.Props[plan.PropPack]
	c.mu.Lock()
	p := c.packs[id]
	c.mu.Unlock()
	if p == nil {
		lib := pack.Library{Dir: vo.Templates, Builtin: vo.Builtin, BuiltinName: vo.BuiltinName}
		if p, err = extract.FindPack(wb, path, lib); err != nil {
			return nil, err // not kept: the message names the file
		}
		c.mu.Lock()
		c.packs[id] = p
		c.mu.Unlock()
	}
	return verify.Book(path, wb, p)
}

// copyNames gives each input the path of its annotated copy in dir (""
// for none): dir/Name, and Name-2, Name-3 … for a name taken before.
func copyNames(inputs []Input, dir string) []string {
	out := make([]string, len(inputs))
	if dir == "" {
		return out
	}
	taken := map[string]bool{}
	for i, in := range inputs {
		name := path.Clean(strings.TrimLeft(in.Name, "/"))
		if strings.HasPrefix(name, "../") || name == ".." || name == "." {
			name = path.Base(filepath.ToSlash(in.Path))
		}
		ext := path.Ext(name)
		if !strings.EqualFold(ext, ".xlsx") {
			name, ext = name+".xlsx", ".xlsx"
		}
		base := strings.TrimSuffix(name, ext)
		for k := 2; taken[strings.ToLower(name)]; k++ {
			name = base + "-" + strconv.Itoa(k) + ext
		}
		taken[strings.ToLower(name)] = true
		out[i] = filepath.Join(dir, filepath.FromSlash(name))
	}
	return out
}
