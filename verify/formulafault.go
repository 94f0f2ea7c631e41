package verify

import (
	"errors"
	"regexp"
	"sync"

	"budgetxl/formula"
	"budgetxl/msg"
)

// formulaFault says what is wrong with a formula that cannot be computed,
// in the user's language: the formula package, a leaf that knows no
// languages, words its problems in English.
func formulaFault(p formula.Problem) *msg.Error {
	var se *formula.SyntaxError
	if p.Kind == formula.ProblemSyntax && errors.As(p.Err, &se) {
		return msg.Errorf("at character %d: %v", se.Col, faultText(se.Msg))
	}
	return faultText(p.Msg)
}

// A faultPattern is one of the formula package's messages: its pattern,
// and the message whose arguments are the pattern's groups.
type faultPattern struct {
	re     *regexp.Regexp
	format string
}

// faultPatterns and faultParts are compiled when a fault is first
// explained, not at every start of the program.
var faultPatterns = sync.OnceValue(func() []faultPattern {
	return []faultPattern{
		{regexp.MustCompile(`^unexpected character (".*")$`), "a character that no formula holds, %s"},
		{regexp.MustCompile(`^unterminated string$`), "a text in double quotes is not closed"},
		{regexp.MustCompile(`^unterminated quoted sheet name$`), "a sheet name in single quotes is not closed"},
		{regexp.MustCompile(`^expected "!" after quoted sheet name$`), "a sheet name in single quotes must be followed by !"},
		{regexp.MustCompile(`^empty sheet name$`), "a sheet name is empty"},
		{regexp.MustCompile(`^unknown error literal (".*")$`), "%s is no error value"},
		{regexp.MustCompile(`^malformed number (".*")$`), "the number %s is malformed"},
		{regexp.MustCompile(`^number out of range (".*")$`), "the number %s is out of range"},
		{regexp.MustCompile(`^invalid sheet name (".*")$`), "%s is no valid sheet name"},
		{regexp.MustCompile(`^invalid function name (".*")$`), "%s is no valid function name"},
		{regexp.MustCompile(`^invalid range (".*")$`), "%s is no valid range"},
		{regexp.MustCompile(`^invalid reference (".*")$`), "%s is no valid cell reference"},
		{regexp.MustCompile(`^unexpected end of formula, expected an argument$`), "the formula ends where an argument belongs"},
		{regexp.MustCompile(`^unexpected end of formula, expected (.+)$`), "the formula ends where %v belongs"},
		{regexp.MustCompile(`^unexpected (.+), expected (.+)$`), "%v stands where %v belongs"},
		{regexp.MustCompile(`^formula nested too deeply$`), "the formula is nested too deeply"},
		{regexp.MustCompile(`^unsupported function (.+)$`), "verify cannot compute the function %s; the cell's cached value is used"},
		{regexp.MustCompile(`^unsupported name (.+)$`), "%s is a name verify does not know; the cell's cached value is used"},
		{regexp.MustCompile(`^(\S+) takes at least (\d+) arguments, got (\d+)$`), "%s takes at least %s arguments, here %s"},
		{regexp.MustCompile(`^(\S+) takes (\d+) to (\d+) arguments, got (\d+)$`), "%s takes %s to %s arguments, here %s"},
		{regexp.MustCompile(`^(\S+) takes (\d+) arguments, got (\d+)$`), "%s takes %s arguments, here %s"},
		{regexp.MustCompile(`^circular reference: (.+); also in the same cycle: (.+)$`), "a circular reference: %s; also in the cycle: %s"},
		{regexp.MustCompile(`^circular reference: (.+)$`), "a circular reference: %s"},
	}
})

// faultParts name what a parse found and what it expected, in the formula
// package's words.
var faultParts = sync.OnceValue(func() []faultPattern {
	return []faultPattern{
		{regexp.MustCompile(`^end of formula$`), "the end of the formula"},
		{regexp.MustCompile(`^(".+") or (".+")$`), "%s or %s"},
		{regexp.MustCompile(`^an operator or end of formula$`), "an operator or the end of the formula"},
		{regexp.MustCompile(`^an operand$`), "a number, a cell or a function"},
		{regexp.MustCompile(`^an argument$`), "an argument"},
		{regexp.MustCompile(`^a reference after the sheet name$`), "a cell reference after the sheet name"},
		{regexp.MustCompile(`^number (.+)$`), "the number %s"},
		{regexp.MustCompile(`^string (.+)$`), "the text %s"},
		{regexp.MustCompile(`^boolean (.+)$`), "the truth value %s"},
		{regexp.MustCompile(`^error (.+)$`), "the error value %s"},
		{regexp.MustCompile(`^reference (.+)$`), "the reference %s"},
		{regexp.MustCompile(`^range (.+)$`), "the range %s"},
		{regexp.MustCompile(`^sheet name (.+)$`), "the sheet name %s"},
		{regexp.MustCompile(`^function (.+)$`), "the function %s"},
		{regexp.MustCompile(`^name (.+)$`), "the name %s"},
	}
})

// faultText translates one message of the formula package; parts of the
// "unexpected X, expected Y" messages are translated in turn. A message
// it does not know is shown as a general one in Chinese, as it stands in
// English.
func faultText(m string) *msg.Error {
	if e := match(faultPatterns(), m, true); e != nil {
		return e
	}
	return msg.Errorf("%v", untranslatedFault(m))
}

func match(patterns []faultPattern, m string, parts bool) *msg.Error {
	for _, p := range patterns {
		g := p.re.FindStringSubmatch(m)
		if g == nil {
			continue
		}
		args := make([]any, len(g)-1)
		for i, s := range g[1:] {
			args[i] = s
			if parts {
				if e := match(faultParts(), s, false); e != nil {
					args[i] = e
				}
			}
		}
		return msg.Errorf(p.format, args...)
	}
	return nil
}

// untranslatedFault is a message of the formula package this file does
// not know: English as the package says it, a general one in Chinese.
type untranslatedFault string

func (u untranslatedFault) Error() string { return string(u) }

func (u untranslatedFault) In(l msg.Lang) string {
	if l == msg.EN {
		return string(u)
	}
	return msg.T(l, "the formula is not valid")
}
