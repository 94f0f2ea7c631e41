package cli

import (
	"budgetxl/msg"
	"budgetxl/pack"
)

// runTemplates runs "templates check [DIR]": DIR is one pack (it holds
// pack.toml) or a folder of packs (default: templates in config.toml).
func runTemplates(e *env, args []string) int {
	fs := e.flags("templates")
	if ok, status := e.parse(fs, "usage: budgetxl templates check [DIR]\n\nChecks every template pack in DIR (a pack folder, or a folder of packs; default: templates in config.toml) and prints every problem. Exit status 1 when there is any.", args); !ok {
		return status
	}
	if fs.NArg() == 0 || fs.Arg(0) != "check" || fs.NArg() > 2 {
		return e.fail(ExitInput, msg.Errorf("usage: budgetxl templates check [DIR]"))
	}
	dir := e.config.Templates
	if fs.NArg() == 2 {
		dir = fs.Arg(1)
	}
	dirs, err := pack.Dirs(dir)
	if err != nil {
		return e.fail(ExitInput, err)
	}
	status := ExitOK
	for _, d := range dirs {
		p, err := pack.Load(d)
		if err != nil {
			n := len(msg.Split(err))
			e.printf("%s: %d problems\n", d, n)
			for _, one := range msg.Split(err) {
				e.printf("  %s\n", msg.Render(e.lang, one))
			}
			status = ExitProblems
			continue
		}
		e.printf("%s: pack %s %s, %d tables, no problems\n", d, p.ID, p.Version, len(p.Tables))
	}
	return status
}
