package workbook

import (
	"os"
	"syscall"
	"testing"
)

func BenchmarkTmpSheet(b *testing.B) {
	data, err := os.ReadFile("/tmp/sr-x/xl/worksheets/sheet7.xml")
	if err != nil {
		b.Skip(err)
	}
	part := string(data)
	styles := make([]style, 20)
	var ru0, ru1 syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru0)
	b.ReportAllocs()
	for b.Loop() {
		cells := 0
		r := &sheetReader{name: "s", lim: Limits{}.withDefaults(), styles: styles, cells: &cells}
		if _, err := r.read(part); err != nil {
			b.Fatal(err)
		}
	}
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru1)
	b.ReportMetric(float64(ru1.Utime.Nano()-ru0.Utime.Nano())/float64(b.N), "user-ns/op")
}
