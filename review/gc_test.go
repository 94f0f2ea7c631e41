package review

import (
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
