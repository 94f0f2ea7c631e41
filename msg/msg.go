// Package msg carries user-facing text in two languages. Messages are
// written in English in the code, and the English format string is the key
// of its Chinese translation in the catalog (zh_*.go, one file per package), so a message is written
// once where it is raised and translated in one place.
//
// An *Error keeps its format and arguments until it is shown, so the CLI
// can render it in the user's language. This package imports only the
// standard library and knows nothing of budgets.
package msg

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"syscall"
)

// Lang is a language of the user interface.
type Lang string

// Languages.
const (
	ZH Lang = "zh"
	EN Lang = "en"
)

// ParseLang accepts "zh" and "en".
func ParseLang(s string) (Lang, bool) {
	switch strings.ToLower(s) {
	case "zh", "zh-cn", "cn":
		return ZH, true
	case "en":
		return EN, true
	}
	return ZH, false
}

// Error is an error whose text is rendered late, in a chosen language.
type Error struct {
	Format string
	Args   []any
}

// Errorf returns an *Error. Arguments that are errors are rendered in the
// same language as the message.
func Errorf(format string, args ...any) *Error { return &Error{Format: format, Args: args} }

// Error renders the message in English.
func (e *Error) Error() string { return e.In(EN) }

// In renders the message in language l.
func (e *Error) In(l Lang) string { return T(l, e.Format, e.Args...) }

// Unwrap returns the error arguments, so errors.Is and errors.As see them.
func (e *Error) Unwrap() []error {
	var out []error
	for _, a := range e.Args {
		if err, ok := a.(error); ok {
			out = append(out, err)
		}
	}
	return out
}

// T formats a message in language l: the translation of format, with
// error arguments rendered in l as well.
func T(l Lang, format string, args ...any) string {
	if l == ZH {
		if zh, ok := zh[format]; ok {
			format = zh
		}
	}
	shown := make([]any, len(args))
	for i, a := range args {
		shown[i] = a
		if err, ok := a.(error); ok {
			shown[i] = Render(l, err)
		}
	}
	return fmt.Sprintf(format, shown...)
}

// Localizer is an error that can render itself in a language.
type Localizer interface {
	In(Lang) string
}

// Render renders any error in language l: joined errors one per line,
// localizable errors in l, others as they are.
func Render(l Lang, err error) string {
	if err == nil {
		return ""
	}
	if lz, ok := err.(Localizer); ok {
		return lz.In(l)
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok && !isMsg(err) {
		var lines []string
		for _, e := range j.Unwrap() {
			lines = append(lines, Render(l, e))
		}
		return strings.Join(lines, "\n")
	}
	return err.Error()
}

// Split returns the problems of err, one a line of Render: the errors of
// a joined error, flattened; err itself otherwise.
func Split(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok && !isMsg(err) {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, Split(e)...)
		}
		return out
	}
	return []error{err}
}

func isMsg(err error) bool {
	var m *Error
	return errors.As(err, &m) && error(m) == err
}

// Translated reports whether format has a Chinese translation.
func Translated(format string) bool { _, ok := zh[format]; return ok }

// File drops the path from an *os.PathError, which the caller's message
// already names, and says what went wrong in words the user reads: a
// missing file, a folder where a file belongs, a permission, a full disk,
// a file another program holds open (Windows).
// Other errors are kept as they are.
func File(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		err = le.Err
	}
	switch {
	case errors.Is(err, os.ErrNotExist):
		return Errorf("no such file")
	case errors.Is(err, syscall.EISDIR):
		return Errorf("is a folder, not a file")
	case errors.Is(err, syscall.ENOTDIR):
		return Errorf("a part of the path is a file, not a folder")
	case errors.Is(err, os.ErrPermission):
		return Errorf("permission denied")
	case errors.Is(err, syscall.ENOSPC):
		return Errorf("no space left on the disk")
	case errors.Is(err, os.ErrExist):
		return Errorf("already exists")
	case inUse(err):
		return Errorf("the file is in use by another program (open in Excel or WPS?): close it and try again")
	}
	return err
}

// MaxLen is the most characters of a value that messages quote.
const MaxLen = 60

// Cut shortens a value quoted in a message to MaxLen characters, ending
// in "…" when it was cut, so that a long cell does not flood the output.
func Cut(s string) string {
	n := 0
	for i := range s {
		if n == MaxLen {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// MaxErrors is the most errors of one file that a List keeps.
const MaxErrors = 100

// List collects the errors of one file: it keeps the first MaxErrors and
// counts the rest, so that memory stays bounded however bad the file is.
// The zero value is ready to use.
type List struct {
	errs []error
	more int
}

// Add adds an error to the list.
func (l *List) Add(err error) {
	if len(l.errs) < MaxErrors {
		l.errs = append(l.errs, err)
		return
	}
	l.more++
}

// Len is the number of errors added.
func (l *List) Len() int { return len(l.errs) + l.more }

// Err joins the kept errors and, when some were dropped, one line that
// counts them; nil when none was added.
func (l *List) Err() error {
	if l.more == 0 {
		return errors.Join(l.errs...)
	}
	return errors.Join(append(l.errs[:len(l.errs):len(l.errs)], Errorf("%d more errors not listed", l.more))...)
}
