package cli

import (
	"io/fs"
	"path"
	"path/filepath"
	"strings"

	"budgetxl/msg"
)

// DocsDir is the folder docs writes into when given none.
const DocsDir = "budgetxl-docs"

// runDocs writes the documentation built into the program (the pages of
// docs/, Chinese first) into a new folder, so that the pages messages
// name (templates.md, import.md …) are at hand without the repository.
func runDocs(e *env, args []string) int {
	flags := e.flags("docs")
	if ok, status := e.parse(flags, "usage: budgetxl docs [DIR]\n\nWrites the documentation built into the program (templates.md, rules.md, import.md, extract.md, review.md … in Chinese, with English beside it) into the new folder DIR (default: budgetxl-docs). Never writes over a folder that exists and is not empty.", args); !ok {
		return status
	}
	dir, err := folderArg("docs", flags.Args(), DocsDir)
	if err != nil {
		return e.fail(ExitInput, err)
	}
	src := e.builtinDir("docs")
	var pages []string
	if src != nil {
		pages, _ = fs.Glob(src, "*.md")
	}
	if len(pages) == 0 {
		return e.fail(ExitInput, msg.Errorf("this program has no documentation built in"))
	}
	switch taken, err := newFolder(dir); {
	case err != nil:
		return e.fail(ExitInput, err)
	case taken:
		return e.fail(ExitInput, msg.Errorf("%s already exists and is not empty: docs writes only into a new or empty folder, so that it never writes over files; give another folder (budgetxl docs FOLDER)", dir))
	}
	if _, err := exportFiles(src, dir, func(p string) bool { return path.Ext(p) == ".md" && !strings.Contains(p, "/") }); err != nil {
		return e.fail(ExitInput, msg.Errorf("%s: cannot write the documentation: %v", dir, msg.File(err)))
	}
	e.printf("wrote the documentation built into the program to %s: %s\n", dir, strings.Join(pages, msg.T(e.lang, ", ")))
	return ExitOK
}

// folderArg is the one folder a command such as sample or docs takes, or
// def when it is given none.
func folderArg(command string, args []string, def string) (string, error) {
	switch len(args) {
	case 0:
		return def, nil
	case 1:
		return filepath.Clean(args[0]), nil
	}
	return "", msg.Errorf("%s takes one folder, got %d arguments (put a folder name with spaces in double quotes: \"我的 单位\")", command, len(args))
}
