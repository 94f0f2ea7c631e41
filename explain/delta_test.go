package explain

import (
	"path/filepath"
	"testing"

	"github.com/shopspring/decimal"

	"budgetxl/pack"
	"budgetxl/plan"
)

// TestDelta: the direction, the rate and whether a reason is needed, in
// decimal, rounded as the pack says (2 decimals, threshold 10%).
func TestDelta(t *testing.T) {
	p, err := pack.Load(filepath.Join("..", "templates", "cq-2025"))
	if err != nil {
		t.Fatal(err)
	}
	dr := newDrafter(Input{Pack: p, Book: &plan.Book{}})
	known := func(s string) value { return value{v: decimal.RequireFromString(s), known: true} }
	tests := []struct {
		cur, prior string
		dir        string
		rate       string // rounded to 2 decimals; "" for none
		reason     bool
	}{
		{"105", "100", DirUp, "5.00", false},
		{"110", "100", DirUp, "10.00", false},              // exactly the threshold: no reason
		{"110.005", "100", DirUp, "10.01", true},           // 10.005% shows as 10.01%, over it
		{"90", "100", DirDown, "-10.00", false},            // down by exactly 10%
		{"89.99", "100", DirDown, "-10.01", true},          // down by more
		{"100.004", "100", DirSame, "0.00", false},         // a change that rounds to 0.00万元 is 持平
		{"0", "0", DirSame, "", false},                     // nothing either year
		{"320", "0", DirNew, "", true},                     // new: no rate, always a reason
		{"0", "12", DirDown, "-100.00", true},              // dropped
		{"0.0012", "0.001", DirSame, "20.00", false},       // in 万元, too small to show
		{"16788.7103", "15299.1701", DirUp, "9.74", false}, // exact decimal arithmetic
	}
	for _, tt := range tests {
		d := dr.delta(known(tt.cur), known(tt.prior))
		rate := ""
		if d.RateKnown {
			rate = d.Rate.Round(2).StringFixed(2)
		}
		if d.Dir != tt.dir || rate != tt.rate || d.NeedsReason != tt.reason {
			t.Errorf("%s against %s: %s, rate %q, reason %v; want %s, %q, %v", tt.cur, tt.prior, d.Dir, rate, d.NeedsReason, tt.dir, tt.rate, tt.reason)
		}
	}
	if d := dr.delta(known("1"), value{}); d.Known {
		t.Error("a change against an unknown prior year's figure is known")
	}
}
