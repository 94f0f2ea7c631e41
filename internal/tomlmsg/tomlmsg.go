// Package tomlmsg decodes the TOML files users write (unit.toml, the forms'
// files, config.toml, template packs) and says what is wrong with one in
// the user's language, with its line: the TOML library's own messages are
// English, and a finance clerk reads Chinese.
//
// It only explains; what a file means is the caller's business.
package tomlmsg

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"

	"budgetxl/msg"
)

// Error is a TOML file that cannot be decoded.
type Error struct {
	Line int    // 0 when unknown
	Key  string // the key whose value has the wrong type; "" for a syntax error
	Msg  *msg.Error
}

func (e *Error) Error() string { return e.Msg.Error() }

// Decode decodes text into dst. A decoding error is an *Error.
func Decode(text string, dst any) (toml.MetaData, error) {
	md, err := toml.Decode(text, dst)
	if err != nil {
		return md, Explain(err)
	}
	return md, nil
}

// typeErr splits the decoder's type errors, such as
// `toml: line 6 (last key "year"): incompatible types: ...`. It and the
// translations are compiled when the first error is explained, not at
// every start of the program.
var typeErr = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^toml: (?:line (\d+) )?\(last key "([^"]*)"\): (.*)$`)
})

// Explain turns an error of the TOML decoder into an *Error.
func Explain(err error) *Error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		return &Error{Line: pe.Position.Line, Msg: explain(pe.Message)}
	}
	if m := typeErr().FindStringSubmatch(err.Error()); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &Error{Line: line, Key: m[2], Msg: explain(m[3])}
	}
	return &Error{Msg: explain(strings.TrimPrefix(err.Error(), "toml: "))}
}

// A translation of one of the decoder's messages: its pattern, and the
// message whose arguments are the pattern's groups, shown by show.
type translation struct {
	re     *regexp.Regexp
	format string
}

// translations are the decoder messages this package translates.
var translations = sync.OnceValue(func() []translation {
	return []translation{
		{regexp.MustCompile(`^expected value but found (.+) instead$`), "a value must be text in double quotes, a number, true or false; found %s: put text in double quotes"},
		{regexp.MustCompile(`^unexpected EOF; expected value$`), "the value after = is missing"},
		{regexp.MustCompile(`^expected '\.' or '=', but got (.+) instead$`), "a key must be followed by = and its value; found %s"},
		{regexp.MustCompile(`^unexpected EOF; expected key separator '='$`), "a key must be followed by = and its value"},
		{regexp.MustCompile(`^unexpected '='(: key name appears blank)?$`), "a key is missing before ="},
		{regexp.MustCompile(`^expected a top-level item to end with a newline, comment, or EOF, but got (.+) instead$`), "more text after the value (%s): write one key = value a line, text in double quotes"},
		{regexp.MustCompile(`^(strings cannot contain newlines|unexpected EOF; expected ('"'|"'"|'"""'|"'''"))$`), "a quoted text is not closed: end it with the same quote it starts with"},
		{regexp.MustCompile(`^Key '(.+)' (has already been defined|was already created as a hash|was already created and cannot be used as an array)\.$`), "key %s is given twice"},
		{regexp.MustCompile(`^Invalid (?:integer|float) "(.+)": cannot have leading zeroes$`), "the number %s begins with 0: a code is text, write it in double quotes"},
		{regexp.MustCompile(`^invalid UTF-8 byte: (0x[0-9a-f]+)$`), "the file is not UTF-8 text (byte %s): save it as UTF-8"},
		{regexp.MustCompile(`^TOML files cannot contain control characters: '(0x[0-9a-f]+)'$`), "a control character (%s) stands in the text: delete it"},
		{regexp.MustCompile(`^(?:expected end of table array name delimiter '\]'|expected '\.' or '\]' to end table name), but got (.+) instead$`), "a table name in [ ] or [[ ]] is not closed; found %s"},
		{regexp.MustCompile(`^unexpected (end of table name|table separator) \(table names cannot be empty\)$`), "a table name in [ ] is empty"},
		{regexp.MustCompile(`^expected a comma \(','\) or array terminator \('\]'\), but got (.+)$`), "a list [ ... ] is not closed, or a comma is missing between its items; found %s"},
		{regexp.MustCompile(`^expected a comma or an inline table terminator '\}', but got (.+) instead$`), "a table { ... } is not closed, or a comma is missing between its items; found %s"},
		{regexp.MustCompile(`^newlines not allowed within inline tables$`), "a table { ... } must stand on one line"},
		{regexp.MustCompile(`^unexpected comma$`), "a comma stands where no item precedes it"},
		{regexp.MustCompile(`^invalid escape(?: in string)?:? '\\(.)'$`), "\\%s in a quoted text is not an escape: write \\\\ for a backslash"},
		{regexp.MustCompile(`^(.+) is out of range for .+$`), "the number %s is too large"},
		{regexp.MustCompile(`^incompatible types: TOML value has type (.+); destination has type (.+)$`), "the value is %s, but must be %s"},
		{regexp.MustCompile(`^invalid datetime: "(.+)"$`), "%s is not a date: write text in double quotes"},
	}
})

// typeNames names the decoder's types as a user writes them.
var typeNames = map[string]string{
	"string": "text in double quotes", "integer": "a whole number", "int64": "a whole number",
	"float": "a number", "float64": "a number", "bool": "true or false",
	"[]any": "a list [ ... ]", "[]interface {}": "a list [ ... ]", "slice": "a list [ ... ]",
	"[]map[string]any": "a list of tables", "[]map[string]interface {}": "a list of tables",
	"map[string]any": "a table", "map[string]interface {}": "a table", "map": "a table",
	"time.Time": "a date", "toml.LocalDate": "a date", "toml.LocalDatetime": "a date", "toml.LocalTime": "a time",
}

// explain translates one message of the decoder.
func explain(m string) *msg.Error {
	for _, t := range translations() {
		g := t.re.FindStringSubmatch(m)
		if g == nil {
			continue
		}
		var args []any
		for _, a := range g[1:] {
			if n := strings.Count(t.format, "%s"); len(args) < n {
				args = append(args, show(a))
			}
		}
		return msg.Errorf(t.format, args...)
	}
	return msg.Errorf("%v", untranslated(m))
}

// show renders one group of a decoder message: a type by name, the end of
// a line as words, a character or text as it stands.
func show(s string) any {
	if name, ok := typeNames[s]; ok {
		return msg.Errorf(name)
	}
	switch s {
	case `'\n'`, `'\r'`, "EOF":
		return msg.Errorf("the end of the line")
	}
	return s
}

// untranslated is a message of the decoder this package does not know:
// English as the decoder says it, a general hint in Chinese.
type untranslated string

func (u untranslated) Error() string { return u.In(msg.EN) }

func (u untranslated) In(l msg.Lang) string {
	if l == msg.EN {
		return fmt.Sprintf("not valid TOML: %s", string(u)) // English only: the decoder's own words
	}
	return msg.T(l, "this line is not valid TOML: write one key = value a line, text in double quotes")
}

// KeyLine finds the first line of src that assigns key, for pointing at an
// unknown key; 0 when there is none.
func KeyLine(src string, key string) int {
	re := regexp.MustCompile(`^\s*"?` + regexp.QuoteMeta(key) + `"?\s*=`)
	for n, line := range strings.Split(src, "\n") {
		if re.MatchString(line) {
			return n + 1
		}
	}
	return 0
}
