// Command budgetxl fills and checks Chinese government budget-disclosure
// workbooks (部门预算公开). See README.md; the program itself is package cli.
package main

import (
	"embed"
	"os"

	"budgetxl/cli"
)

// builtin is what the program carries, laid out as in the repository: the
// configuration used when there is no config.toml, the template packs and
// the sample it fills when given nothing, and the documentation's pages. A test checks that every pack of
// templates/ and the configuration's dataset are in it.
//
//go:embed config.toml templates samples/demo-2025 samples/demo-2024 docs/*.md
var builtin embed.FS

func main() { os.Exit(run()) }

// run runs the command line with the console set to show UTF-8 (Windows),
// as it was afterwards.
func run() int {
	defer utf8Console()()
	return cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, builtin)
}
