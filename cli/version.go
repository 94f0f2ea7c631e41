package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"budgetxl/msg"
)

// The version, commit and build date, set when the program is built:
//
//	go build -ldflags "-X budgetxl/cli.version=v1.0.0 -X budgetxl/cli.commit=$(git rev-parse HEAD) -X budgetxl/cli.date=2025-01-02T03:04:05Z"
//
// (scripts/release.sh does). When they are empty, the build information Go
// records (module version, vcs.revision, vcs.time) stands in.
var version, commit, date string

// build is what --version reports.
type build struct {
	Version, Commit, Date string // "" when unknown
	Modified              bool   // built from a working tree with uncommitted changes
}

// buildOf is the program's build from the linker's values, else from bi
// (nil when the program has no build information).
func buildOf(bi *debug.BuildInfo) build {
	b := build{Version: version, Commit: commit, Date: date}
	if bi == nil {
		return b
	}
	if b.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		b.Version = bi.Main.Version
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			if b.Commit == "" {
				b.Commit = s.Value
			}
		case "vcs.time":
			if b.Date == "" {
				b.Date = s.Value
			}
		case "vcs.modified":
			b.Modified = s.Value == "true" && commit == ""
		}
	}
	return b
}

// version prints the version, commit, build date and the packs built into
// the program.
func (e *env) version() {
	bi, _ := debug.ReadBuildInfo()
	b := buildOf(bi)
	unknown := msg.T(e.lang, "unknown")
	or := func(s string) string {
		if s == "" {
			return unknown
		}
		return s
	}
	v := b.Version
	if v == "" {
		v = msg.T(e.lang, "development build")
	}
	fmt.Fprintf(e.stdout, "budgetxl %s\n", v)
	c := or(b.Commit)
	if b.Modified {
		c = msg.T(e.lang, "%s, with uncommitted changes", c)
	}
	e.printf("  commit: %s\n", c)
	e.printf("  build date: %s\n", or(b.Date))
	e.printf("  Go: %s, %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	var packs []string
	for _, en := range e.packsBuiltin().Entries() {
		if p, err := en.Load(); err == nil {
			packs = append(packs, p.ID+" "+p.Version)
		} else {
			packs = append(packs, msg.T(e.lang, "%s (cannot be loaded: %v)", en.ID, err))
		}
	}
	if len(packs) == 0 {
		packs = []string{msg.T(e.lang, "none")}
	}
	e.printf("  built-in template packs: %s\n", strings.Join(packs, ", "))
}
