package review

import (
	"os"
	"runtime"
	"runtime/debug"
)

// SetGC sets the collector for a verify run or a fill, of one unit or of
// many (jobs at once, 0 for the number of cores, over files inputs):
// instead of collecting each time the heap doubles (GOGC 100), it
// collects only when the heap reaches a soft limit of 256 MiB plus, for
// each job, 300 times the largest input's size (a workbook's check keeps
// about 150 bytes of heap per byte of .xlsx at its peak; see Largest). Small
// workbooks then cost a few collections per hundred files: with two jobs
// on two cores the collector has no idle core left, and with GOGC 100 two
// jobs were only 1.35 times as fast as one, 1.6 at GOGC 400, 1.7–1.8 so
// (docs/speed.md); one large workbook takes a fifth less CPU. Memory
// stays bounded by the limit, not by the number of files. A GOGC or
// GOMEMLIMIT set by the user is kept. It returns the function that puts
// the settings back.
func SetGC(jobs, files int, largest int64) func() {
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	jobs = max(min(jobs, files), 1)
	limit := int64(256<<20) + int64(jobs)*300*max(largest, 0)
	return SetGCWithin(min(limit, 8<<30))
}

// SetGCWithin turns the collector's heap-doubling trigger off and has it
// collect only when the heap reaches limit bytes, unless the user set
// GOGC or GOMEMLIMIT. A run that needs less never collects. It returns
// the function that puts the settings back.
func SetGCWithin(limit int64) func() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	oldLimit := debug.SetMemoryLimit(limit)
	old := debug.SetGCPercent(-1)
	return func() {
		debug.SetGCPercent(old)
		debug.SetMemoryLimit(oldLimit)
	}
}

// Largest is the size of the largest of inputs: a workbook's, or for a
// unit's dataset folder the sum of its files' (fill keeps less than 100
// bytes of heap per byte of dataset); 0 for none that can be read.
func Largest(inputs []Input) int64 {
	var n int64
	for _, in := range inputs {
		st, err := os.Stat(in.Path)
		switch {
		case err != nil:
		case st.Mode().IsRegular():
			n = max(n, st.Size())
		case st.IsDir():
			entries, _ := os.ReadDir(in.Path)
			var sum int64
			for _, e := range entries {
				if info, err := e.Info(); err == nil && info.Mode().IsRegular() {
					sum += info.Size()
				}
			}
			n = max(n, sum)
		}
	}
	return n
}
