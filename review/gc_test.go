package review

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"
)

// TestSetGC: a run collects at its soft limit (256 MiB and 300 times the
// largest input per job, jobs no more than files), puts the settings
// back, and keeps what the user set.
func TestSetGC(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	before := debug.SetMemoryLimit(-1)
	for _, c := range []struct {
		jobs, files int
		largest     int64
		want        int64
	}{
		{2, 10, 1 << 20, 256<<20 + 2*300<<20},
		{2, 1, 1 << 20, 256<<20 + 300<<20},
		{4, 3, 0, 256 << 20},
		{1, 5, 1 << 30, 8 << 30},
	} {
		restore := SetGC(c.jobs, c.files, c.largest)
		limit := debug.SetMemoryLimit(-1)
		percent := debug.SetGCPercent(-1)
		restore()
		if limit != c.want || percent != -1 {
			t.Errorf("SetGC(%d, %d, %d): limit %d, GOGC %d; want %d, off", c.jobs, c.files, c.largest, limit, percent, c.want)
		}
		if got := debug.SetMemoryLimit(-1); got != before {
			t.Errorf("limit after restore %d, want %d", got, before)
		}
	}
	t.Setenv("GOGC", "100")
	restore := SetGC(2, 10, 1<<20)
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("with GOGC set by the user the limit became %d", got)
	}
	restore()
}

// TestLargest: the largest input is a workbook's size, or a dataset
// folder's files added up; what cannot be read counts nothing.
func TestLargest(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, n int) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), make([]byte, n), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.xlsx", 300)
	write("unit/unit.toml", 200)
	write("unit/4-2.csv", 250)
	write("unit/sub/x.csv", 1000) // not the dataset's: a folder below it
	for _, c := range []struct {
		inputs []string
		want   int64
	}{
		{[]string{"a.xlsx"}, 300},
		{[]string{"a.xlsx", "unit"}, 450},
		{[]string{"none.xlsx"}, 0},
		{nil, 0},
	} {
		var in []Input
		for _, p := range c.inputs {
			in = append(in, Input{Path: filepath.Join(dir, p)})
		}
		if got := Largest(in); got != c.want {
			t.Errorf("Largest(%v) = %d, want %d", c.inputs, got, c.want)
		}
	}
}
