package pack

import "testing"

// BenchmarkLoad loads the template pack shipped with the tool, as every
// fill and verify does once: its files read, decoded, checked, compiled
// and hashed.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(realPack); err != nil {
			b.Fatal(err)
		}
	}
}
