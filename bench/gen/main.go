// Command gen writes synthetic units for benchmarks: a copy of the pack
// whose catalog names the synthetic codes, and n unit folders.
//
//	go run ./bench/gen -o /tmp/district -units 1000 -projects 10 -codes 20
//	go run . fill /tmp/district/units/unit-0001 --templates /tmp/district/templates
package main

import (
	"flag"
	"fmt"
	"os"

	"budgetxl/bench"
)

func main() {
	out := flag.String("o", "", "output folder (templates/ and units/ are written in it)")
	units := flag.Int("units", 1, "number of units (seeds 1 … n; with one unit, -seed)")
	seed := flag.Uint64("seed", 1, "seed of a single unit")
	projects := flag.Int("projects", 10, "projects per unit")
	codes := flag.Int("codes", 20, "leaf function codes per unit")
	pack := flag.String("pack", "templates/cq-2025", "the pack to copy")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "gen: -o is required")
		os.Exit(2)
	}
	templates, dirs, err := bench.District(*out, *pack, *units, bench.Spec{Seed: *seed, Projects: *projects, Codes: *codes})
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	fmt.Printf("%s\n%d units under %s/units\n", templates, len(dirs), *out)
}
