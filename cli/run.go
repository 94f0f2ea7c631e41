// Package cli is the budgetxl command line: it parses flags, reads the
// configuration, calls the stages (pack, dataset, plan, fill) and reports
// in the user's language. Run is the whole program, so tests run it
// in-process; main only wires it to the process.
package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"budgetxl/msg"
)

// Exit statuses.
const (
	ExitOK       = 0 // done, nothing wrong
	ExitProblems = 1 // done, and problems were found (templates check; later verify)
	ExitInput    = 2 // the input could not be read or used: nothing was written
)

// env is what a command runs with.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	lang           msg.Lang
	config         Config
	configPath     string
}

// printf writes a translated message to stdout.
func (e *env) printf(format string, args ...any) {
	fmt.Fprint(e.stdout, msg.T(e.lang, format, args...))
}

// fail reports err on stderr and returns the exit status.
func (e *env) fail(status int, err error) int {
	text := msg.Render(e.lang, err)
	prefix := msg.T(e.lang, "error: ")
	fmt.Fprintln(e.stderr, prefix+strings.ReplaceAll(text, "\n", "\n"+strings.Repeat(" ", 2)))
	return status
}

type command struct {
	name  string
	usage string // first help line, translated
	short string // one line for the command list, translated
	run   func(e *env, args []string) int
}

func commands() []command {
	return []command{
		{"fill", "usage: budgetxl fill [flags] [DATASET_DIR]", "fill a unit's budget workbook from its dataset", runFill},
		{"templates", "usage: budgetxl templates check [DIR]", "check template packs", runTemplates},
	}
}

// Run runs the budgetxl command line with args (without the program name)
// and returns the exit status.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, lang: msg.ZH}
	lang, langSet := scanLang(args)
	if langSet {
		l, ok := msg.ParseLang(lang)
		if !ok {
			return e.fail(ExitInput, msg.Errorf("--lang is %q: use zh or en", lang))
		}
		e.lang = l
	}
	e.configPath, _ = scanFlag(args, "config")
	named := e.configPath != ""
	if !named {
		e.configPath = DefaultConfig
	}
	cfg, err := loadConfig(e.configPath, named)
	if err != nil {
		return e.fail(ExitInput, err)
	}
	e.config = cfg
	if !langSet && cfg.Lang != "" {
		e.lang, _ = msg.ParseLang(cfg.Lang)
	}
	name, rest := splitCommand(args)
	switch name {
	case "":
		if contains(args, "--help") || contains(args, "-h") {
			e.usage(e.stdout)
			return ExitOK
		}
		e.usage(e.stderr)
		return ExitInput
	case "help":
		e.usage(e.stdout)
		return ExitOK
	}
	for _, c := range commands() {
		if c.name == name {
			return c.run(e, rest)
		}
	}
	return e.fail(ExitInput, msg.Errorf("unknown command %q: run budgetxl --help", name))
}

// splitCommand finds the command name after any global flags; the other
// arguments, global flags included, go to the command.
func splitCommand(args []string) (string, []string) {
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case a == "--lang" || a == "--config":
			i++
		case strings.HasPrefix(a, "-"):
		default:
			return a, append(append([]string{}, args[:i]...), args[i+1:]...)
		}
	}
	return "", nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (e *env) usage(w io.Writer) {
	fmt.Fprintln(w, msg.T(e.lang, "budgetxl turns a unit's budget data into the official budget-disclosure workbooks (部门预算公开) and checks them."))
	fmt.Fprintln(w)
	fmt.Fprintln(w, msg.T(e.lang, "usage: budgetxl [--lang zh|en] [--config FILE] COMMAND [flags]"))
	fmt.Fprintln(w)
	fmt.Fprintln(w, msg.T(e.lang, "commands:"))
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, msg.T(e.lang, c.short))
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, msg.T(e.lang, "global flags:"))
	fs := e.flags("budgetxl")
	fmt.Fprint(w, fs.FlagUsages())
	fmt.Fprintln(w)
	fmt.Fprintln(w, msg.T(e.lang, "Run budgetxl COMMAND --help for a command's flags."))
}

// flags returns a flag set with the global flags, help text translated.
func (e *env) flags(name string) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.SortFlags = false
	fs.String("lang", "zh", msg.T(e.lang, "language of messages: zh (中文) or en"))
	fs.String("config", DefaultConfig, msg.T(e.lang, "configuration file"))
	fs.BoolP("help", "h", false, msg.T(e.lang, "show this help"))
	return fs
}

// parse parses a command's flags; it returns false with the exit status
// when the command should stop (help shown, or a flag error).
func (e *env) parse(fs *pflag.FlagSet, usage string, args []string) (bool, int) {
	if err := fs.Parse(args); err != nil {
		return false, e.fail(ExitInput, msg.Errorf("%v (run with --help for the flags)", err))
	}
	if help, _ := fs.GetBool("help"); help {
		fmt.Fprintln(e.stdout, msg.T(e.lang, usage))
		fmt.Fprintln(e.stdout)
		fmt.Fprint(e.stdout, fs.FlagUsages())
		return false, ExitOK
	}
	return true, 0
}

// scanLang finds --lang before any parsing, so early errors are in the right language.
func scanLang(args []string) (string, bool) { return scanFlag(args, "lang") }

func scanFlag(args []string, name string) (string, bool) {
	for i, a := range args {
		if a == "--" {
			break
		}
		if v, ok := strings.CutPrefix(a, "--"+name+"="); ok {
			return v, true
		}
		if a == "--"+name && i+1 < len(args) {
			return args[i+1], true
		}
	}
	return "", false
}
