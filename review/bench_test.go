package review

import (
	"context"
	"crypto/sha256"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"budgetxl/verify"
)

// BenchmarkCheckJobs checks the generated district of 50 workbooks, four
// times over, with one job and with two, in the same iteration and with
// the collector set as verify sets it (SetGC), and reports how many times
// faster two jobs are (speedup, the goal: at least 1.7 on two cores) and
// the peak of live heap of each (peak-MB-1, peak-MB-2). On a machine
// shared with other work two goroutines get less than two cores: the same
// iteration measures the speedup of plain hashing on one goroutine and
// two (machine-speedup), the most any program could get then.
func BenchmarkCheckJobs(b *testing.B) {
	g := district(b)
	inputs := Expand([]string{g.dir})
	for range 3 { // 200 inputs: a run's fixed costs (the first pack loaded) weigh as little as in a district's
		inputs = append(inputs, inputs[:50]...)
	}
	opt := Options{Verify: verify.Options{Templates: templates}}
	var one, two, spin1, spin2 time.Duration
	var peak1, peak2 uint64
	for b.Loop() {
		spin1 += spin(1)
		spin2 += spin(2)
		for _, jobs := range []int{1, 2} {
			opt.Jobs = jobs
			restore := SetGC(jobs, len(inputs), Largest(inputs)) // as verify sets it
			runtime.GC()
			stop := peakHeap()
			start := time.Now()
			if _, err := Check(context.Background(), inputs, opt); err != nil {
				b.Fatal(err)
			}
			took, peak := time.Since(start), stop()
			restore()
			if jobs == 1 {
				one, peak1 = one+took, max(peak1, peak)
			} else {
				two, peak2 = two+took, max(peak2, peak)
			}
		}
	}
	b.ReportMetric(float64(one)/float64(two), "speedup")
	b.ReportMetric(float64(spin1)/float64(spin2), "machine-speedup")
	b.ReportMetric(float64(peak1)/(1<<20), "peak-MB-1")
	b.ReportMetric(float64(peak2)/(1<<20), "peak-MB-2")
}

// BenchmarkCheckFiles checks the first 10 workbooks of the district, all
// 50, and the 50 ten times over (500 inputs) with two jobs and reports the
// peak live heap of each run: it grows with the jobs and the largest file,
// not with the files (peak-MB-10, peak-MB-50 and peak-MB-500 close; what
// grows is the findings kept, and 500 inputs of 50 unit codes give every
// file a finding across files), and the time per file (ms-per-file).
func BenchmarkCheckFiles(b *testing.B) {
	g := district(b)
	inputs := Expand([]string{g.dir})
	for range 9 {
		inputs = append(inputs, inputs[:50]...)
	}
	opt := Options{Verify: verify.Options{Templates: templates}, Jobs: 2}
	peaks := map[int]uint64{}
	var took time.Duration
	files := 0
	for b.Loop() {
		for _, n := range []int{10, 50, 500} {
			runtime.GC()
			stop := peakHeap()
			start := time.Now()
			if _, err := Check(context.Background(), inputs[:n], opt); err != nil {
				b.Fatal(err)
			}
			took += time.Since(start)
			files += n
			peaks[n] = max(peaks[n], stop())
		}
	}
	b.ReportMetric(float64(peaks[10])/(1<<20), "peak-MB-10")
	b.ReportMetric(float64(peaks[50])/(1<<20), "peak-MB-50")
	b.ReportMetric(float64(peaks[500])/(1<<20), "peak-MB-500")
	b.ReportMetric(float64(took.Milliseconds())/float64(files), "ms-per-file")
}

// spin hashes 256 MiB on n goroutines at once, a share each, and returns
// the wall time.
func spin(n int) time.Duration {
	buf := make([]byte, 1<<20)
	start := time.Now()
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 256 / n {
				sha256.Sum256(buf)
			}
		}()
	}
	wg.Wait()
	return time.Since(start)
}

// peakHeap samples the live heap every millisecond until the function it
// returns is called, which returns the largest sample.
func peakHeap() func() uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak uint64
	var mu sync.Mutex
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			mu.Lock()
			peak = max(peak, sample[0].Value.Uint64())
			mu.Unlock()
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		<-finished
		mu.Lock()
		defer mu.Unlock()
		return peak
	}
}
