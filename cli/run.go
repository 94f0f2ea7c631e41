// Package cli is the budgetxl command line: it parses flags, reads the
// configuration, calls the stages (pack, dataset, plan, fill) and reports
// in the user's language. Run is the whole program, so tests run it
// in-process; main only wires it to the process.
package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
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
	builtin        fs.FS // the files built into the program (see Run)
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
	short string // one line for the command list, translated
	run   func(e *env, args []string) int
}

func commands() []command {
	return []command{
		{"fill", "fill a unit's budget workbook from its dataset", runFill},
		{"pdf", "write the PDF a unit publishes: the 情况说明, then the tables (through LibreOffice)", runPDF},
		{"form", "write a blank form of a unit's workbook for clerks to fill", runForm},
		{"verify", "check workbooks against their template pack", runVerify},
		{"extract", "read a workbook's input values back into a dataset folder", runExtract},
		{"import", "read published tables (text extracted from a PDF) into a dataset folder", runImport},
		{"explain", "draft the unit's 收支预算情况说明 (.docx or text) from its tables and the prior year's", runExplain},
		{"templates", "list, check and export template packs", runTemplates},
		{"sample", "write the example datasets built into the program into new folders", runSample},
		{"docs", "write the documentation built into the program into a new folder", runDocs},
		{"serve", "serve the local web page: review workbooks, blank forms, fill, template packs", runServe},
	}
}

// Run runs the budgetxl command line with args (without the program name)
// and returns the exit status. builtin holds the files built into the
// program, laid out as in the repository: config.toml (the configuration
// used when there is none on disk), templates/<pack>/ and
// samples/<dataset>/; nil for none.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer, builtin fs.FS) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, lang: msg.ZH, builtin: builtin}
	lang, langSet := scanLang(args)
	if langSet {
		l, ok := msg.ParseLang(lang)
		if !ok {
			return e.fail(ExitInput, msg.Errorf("--lang is %q: use zh or en", lang))
		}
		e.lang = l
	}
	name, rest := splitCommand(args)
	if name == "" && slices.Contains(args, "--version") {
		e.version()
		return ExitOK
	}
	e.configPath, _ = scanFlag(args, "config")
	named := e.configPath != ""
	if !named {
		e.configPath = DefaultConfig
	}
	cfg, err := loadConfig(e.configPath, named, builtin)
	if err != nil {
		return e.fail(ExitInput, err)
	}
	e.config = cfg
	if !langSet && cfg.Lang != "" {
		e.lang, _ = msg.ParseLang(cfg.Lang)
	}
	switch name {
	case "":
		if slices.Contains(args, "--help") || slices.Contains(args, "-h") {
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
	return e.fail(ExitInput, msg.Errorf("unknown command %q: run budgetxl --help", msg.Cut(name)))
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
	fmt.Fprint(w, e.usages(e.flags("budgetxl")))
	fmt.Fprintln(w)
	fmt.Fprintln(w, msg.T(e.lang, "Run budgetxl COMMAND --help for a command's flags."))
}

// flags returns a flag set with the global flags, help text translated.
func (e *env) flags(name string) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.SortFlags = false
	fs.String("lang", "zh", msg.T(e.lang, "language of messages: zh (中文) or en"))
	fs.String("config", DefaultConfig, msg.T(e.lang, "configuration file (default: config.toml)"))
	fs.BoolP("help", "h", false, msg.T(e.lang, "show this help"))
	if name == "budgetxl" {
		fs.Bool("version", false, msg.T(e.lang, "show the version, the commit, the build date and the built-in template packs"))
	}
	valueName(fs, "lang", "zh|en")
	valueName(fs, "config", "FILE")
	return fs
}

// valueName names a flag's value in the help ("--out FILE").
func valueName(fs *pflag.FlagSet, flag, name string) {
	_ = fs.SetAnnotation(flag, "value", []string{name})
}

// usages lists a flag set's flags, one a line, in the user's language.
func (e *env) usages(fs *pflag.FlagSet) string {
	type row struct{ left, help string }
	var rows []row
	width := 0
	global := map[string]bool{"lang": true, "config": true, "help": true, "version": true}
	var flags []*pflag.Flag
	fs.VisitAll(func(f *pflag.Flag) {
		if !global[f.Name] {
			flags = append(flags, f)
		}
	})
	fs.VisitAll(func(f *pflag.Flag) {
		if global[f.Name] {
			flags = append(flags, f)
		}
	})
	for _, f := range flags {
		left := "    "
		if f.Shorthand != "" {
			left = "-" + f.Shorthand + ", "
		}
		left += "--" + f.Name
		if v := f.Annotations["value"]; len(v) > 0 {
			left += " " + msg.T(e.lang, v[0])
		}
		rows = append(rows, row{left, f.Usage})
		width = max(width, displayWidth(left))
	}
	var b strings.Builder
	for _, r := range rows {
		fmt.Fprintf(&b, "  %s%s  %s\n", r.left, strings.Repeat(" ", width-displayWidth(r.left)), r.help)
	}
	return b.String()
}

// parse parses a command's flags; it returns false with the exit status
// when the command should stop (help shown, or a flag error).
func (e *env) parse(fs *pflag.FlagSet, usage string, args []string) (bool, int) {
	if err := fs.Parse(args); err != nil {
		return false, e.fail(ExitInput, msg.Errorf("%v (run with --help for the flags)", flagError(err)))
	}
	if help, _ := fs.GetBool("help"); help {
		fmt.Fprintln(e.stdout, msg.T(e.lang, usage))
		fmt.Fprintln(e.stdout)
		fmt.Fprint(e.stdout, e.usages(fs))
		return false, ExitOK
	}
	return true, 0
}

// flagError says what is wrong with the flags in the user's language;
// pflag's own messages are English.
func flagError(err error) error {
	var (
		notExist *pflag.NotExistError
		required *pflag.ValueRequiredError
		invalid  *pflag.InvalidValueError
		syntax   *pflag.InvalidSyntaxError
	)
	switch {
	case errors.As(err, &notExist) && notExist.GetSpecifiedShortnames() != "":
		return msg.Errorf("unknown flag -%s", notExist.GetSpecifiedName()[:1])
	case errors.As(err, &notExist):
		return msg.Errorf("unknown flag --%s", notExist.GetSpecifiedName())
	case errors.As(err, &required) && required.GetSpecifiedShortnames() != "":
		return msg.Errorf("flag -%s needs a value", required.GetSpecifiedName()[:1])
	case errors.As(err, &required):
		return msg.Errorf("flag --%s needs a value", required.GetSpecifiedName())
	case errors.As(err, &invalid) && invalid.GetFlag().Value.Type() == "bool":
		return msg.Errorf("flag --%s takes no value (or true or false), not %q", invalid.GetFlag().Name, invalid.GetValue())
	case errors.As(err, &invalid):
		return msg.Errorf("flag --%s: %q is not a valid value", invalid.GetFlag().Name, invalid.GetValue())
	case errors.As(err, &syntax):
		return msg.Errorf("%s is not a flag: flags are written -x or --name", syntax.GetSpecifiedFlag())
	}
	return err
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

// displayWidth is the width of s in a terminal: CJK characters take two columns.
func displayWidth(s string) int {
	w := 0
	for _, r := range s {
		w++
		if r >= 0x1100 {
			w++
		}
	}
	return w
}
