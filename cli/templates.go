package cli

import (
	"os"
	"path/filepath"
	"sort"

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
	dirs, err := packDirs(dir)
	if err != nil {
		return e.fail(ExitInput, err)
	}
	status := ExitOK
	for _, d := range dirs {
		p, err := pack.Load(d)
		if err != nil {
			n := len(flatten(err))
			e.printf("%s: %d problems\n", d, n)
			for _, one := range flatten(err) {
				e.printf("  %s\n", msg.Render(e.lang, one))
			}
			status = ExitProblems
			continue
		}
		e.printf("%s: pack %s %s, %d tables, no problems\n", d, p.ID, p.Version, len(p.Tables))
	}
	return status
}

// packDirs lists the pack folders in dir: dir itself when it holds pack.toml.
func packDirs(dir string) ([]string, error) {
	if _, err := os.Stat(filepath.Join(dir, "pack.toml")); err == nil {
		return []string{dir}, nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, msg.Errorf("%s: no such folder of template packs", dir)
	}
	var out []string
	for _, en := range entries {
		if _, err := os.Stat(filepath.Join(dir, en.Name(), "pack.toml")); en.IsDir() && err == nil {
			out = append(out, filepath.Join(dir, en.Name()))
		}
	}
	sort.Strings(out)
	if len(out) == 0 {
		return nil, msg.Errorf("%s: no template pack here (a pack is a folder with pack.toml)", dir)
	}
	return out, nil
}

// flatten lists the errors joined in err.
func flatten(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		if _, isMsg := err.(*msg.Error); !isMsg {
			var out []error
			for _, e := range j.Unwrap() {
				out = append(out, flatten(e)...)
			}
			return out
		}
	}
	return []error{err}
}
