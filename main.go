// Command budgetxl fills and checks Chinese government budget-disclosure
// workbooks (部门预算公开). See README.md; the program itself is package cli.
package main

import (
	"os"

	"budgetxl/cli"
)

func main() { os.Exit(cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }
