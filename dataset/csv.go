package dataset

import (
	"budgetxl/msg"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"golang.org/x/text/encoding/simplifiedchinese"

	"budgetxl/pack"
)

// KeyColumn is the header of the first CSV column: a classification code
// for tree rows, the template's row key for fixed rows.
const KeyColumn = "code"

// Decode turns a CSV file's bytes into UTF-8 text: a UTF-8 BOM is dropped,
// and text that is not valid UTF-8 is read as GB18030. Bytes that are
// neither (and NUL bytes, as in UTF-16 files) are an error, not replaced;
// a workbook given a text file's name is named as one.
func Decode(b []byte) (string, error) {
	if isWorkbook(b) {
		return "", msg.Errorf("a workbook (.xlsx or .xls) under this name, not text: open it in Excel or WPS and save it as CSV UTF-8 (逗号分隔)")
	}
	b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
	notText := msg.Errorf("neither UTF-8 nor GB18030 text: save it as CSV (UTF-8) or CSV (逗号分隔)")
	if bytes.IndexByte(b, 0) >= 0 {
		return "", notText
	}
	if utf8.Valid(b) {
		return string(b), nil
	}
	// The decoder replaces bytes it cannot read by U+FFFD rather than fail.
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
	if err != nil || bytes.ContainsRune(out, utf8.RuneError) {
		return "", notText
	}
	return string(out), nil
}

// isWorkbook tells whether b starts as an .xlsx (a zip package) or an .xls
// (an OLE2 compound file) does.
func isWorkbook(b []byte) bool {
	return bytes.HasPrefix(b, []byte("PK\x03\x04")) || bytes.HasPrefix(b, []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"))
}

var (
	plainAmount   = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)
	groupedAmount = regexp.MustCompile(`^-?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$`)
)

// ParseAmount parses an amount as clerks write it: "1234.5", "1,234.50",
// "-3". Blank text is no amount (ok false, no error).
func ParseAmount(s string, maxDecimals int32) (v decimal.Decimal, ok bool, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return decimal.Zero, false, nil
	}
	if !plainAmount.MatchString(s) && !groupedAmount.MatchString(s) {
		return decimal.Zero, false, msg.Errorf("%q is not an amount (write digits and a decimal point, with commas only between groups of 3 digits: 1,234.56)", msg.Cut(s))
	}
	v, err = decimal.NewFromString(strings.ReplaceAll(s, ",", ""))
	if err != nil {
		return decimal.Zero, false, msg.Errorf("%q is not an amount", msg.Cut(s))
	}
	if -v.Exponent() > maxDecimals && !v.Equal(v.Truncate(maxDecimals)) {
		return decimal.Zero, false, msg.Errorf("%q has more than %d decimals", msg.Cut(s), maxDecimals)
	}
	return v, true, nil
}

// readText reads the CSV file name of folder dir as UTF-8 text (see
// Decode); file is how messages name it.
func readText(dir Folder, name string) (file, text string, err error) {
	file = dir.File(name)
	raw, err := ReadFile(dir.FS, name, file, MaxFileBytes)
	if err != nil {
		return file, "", err
	}
	text, err = Decode(raw)
	if err != nil {
		return file, "", msg.Errorf("%s: %v", file, err)
	}
	if err := CheckLines(file, text, MaxLineBytes, MaxLines); err != nil {
		return file, "", err
	}
	return file, text, nil
}

// readTable reads the CSV file name of folder dir for table t.
func readTable(dir Folder, name string, t *pack.Table, u Unit) (*Table, error) {
	file, text, err := readText(dir, name)
	if err != nil {
		return nil, err
	}
	maxDec := int32(2)
	if u.AmountUnit == TenKYuan {
		maxDec = 6
	}
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	r.ReuseRecord = false
	td := &Table{File: file, ByKey: map[string]*Row{}}
	var errs msg.List // the first errors; the rest counted
	fail := func(line int, format string, args ...any) {
		if errs.Len() >= msg.MaxErrors { // counted, not worded
			errs.Add(errNotListed)
			return
		}
		errs.Add(msg.Errorf("%s:%d: %v", file, line, msg.Errorf(format, args...)))
	}
	var header []string
	var headerSide []int // side index of each header column; -1 for text columns
	tree := t.Tree()
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			errs.Add(csvError(file, err))
			break
		}
		line, _ := r.FieldPos(0) // after the error check: a failed record has no fields
		if header == nil {
			header, headerSide = checkHeader(file, t, rec, &errs)
			if header == nil {
				break
			}
			continue
		}
		if blankRecord(rec) {
			continue
		}
		if len(rec) > len(header) {
			fail(line, "has %d fields, the header has %d", len(rec), len(header))
			continue
		}
		key := readTextField(strings.TrimSpace(rec[0]))
		row := &Row{Line: line, Key: key}
		side := -1 // side of the row, for fixed rows
		switch {
		case key == "":
			if fr := labelled(t, rec[1:]); fr != nil {
				fail(line, "column %s is empty: this row is %q, row %s of the table: write %s in column %s", KeyColumn, msg.Cut(fr.Label), fr.Key, fr.Key, KeyColumn)
				continue
			}
			fail(line, "column %s is empty: give a classification code or a row key", KeyColumn)
			continue
		case pack.IsDigits(key):
			if tree == nil {
				fail(line, "code %s: table %s has no code rows; use a row key (%s)", msg.Cut(key), t.ID, strings.Join(t.FixedKeys(), ", "))
				continue
			}
			if !slices.Contains(tree.Levels, len(key)) {
				fail(line, "code %s has %d digits; this table's codes have %s digits", msg.Cut(key), len(key), joinInts(tree.Levels))
				continue
			}
		default:
			fr := t.FixedRow(key)
			if fr == nil || fr.Blank {
				if fr := labelled(t, []string{key}); fr != nil {
					fail(line, "unknown row key %q: %q is row %s of the table: write %s in column %s", msg.Cut(key), msg.Cut(fr.Label), fr.Key, fr.Key, KeyColumn)
					continue
				}
				fail(line, "unknown row key %q: use a classification code or one of %s", msg.Cut(key), strings.Join(t.FixedKeys(), ", "))
				continue
			}
			side = sideOfRow(t, fr)
		}
		if prev, dup := td.ByKey[key]; dup {
			if side >= 0 {
				fail(line, "row %s appears again (first on line %d)", key, prev.Line)
			} else {
				fail(line, "%s %s appears again (first on line %d)", KeyColumn, key, prev.Line)
			}
			continue
		}
		for i := 1; i < len(rec); i++ {
			col := t.Column(header[i])
			field := rec[i]
			if col.Kind != pack.KindAmount {
				text := readTextField(strings.TrimSpace(field))
				switch {
				case text == "":
				case side >= 0 && text != t.FixedRow(key).Label:
					fail(line, "column %s: %q is not the label of row %s (%q); leave it empty or write the label", header[i], msg.Cut(text), key, t.FixedRow(key).Label)
				case side < 0:
					row.Name = text
				}
				continue
			}
			v, ok, err := ParseAmount(field, maxDec)
			if err != nil {
				fail(line, "column %s: %v", header[i], err)
				continue
			}
			if !ok {
				continue
			}
			if side >= 0 && headerSide[i] != side {
				fail(line, "column %s: row %s is on another side of the table; leave this field empty", header[i], key)
				continue
			}
			if side < 0 && (tree == nil || headerSide[i] != sideOfTree(t)) {
				fail(line, "column %s: code rows have no amounts in this column; leave it empty", header[i])
				continue
			}
			row.SetValue(len(t.Layout.Amounts), t.Layout.Amount(header[i]), Value{Amount: v, Text: strings.TrimSpace(field), Line: line})
		}
		td.Rows = append(td.Rows, row)
		td.ByKey[key] = row
	}
	if header == nil && errs.Len() == 0 {
		fail(1, "the file is empty: the first line must be the header (%s,...)", KeyColumn)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return td, nil
}

// errNotListed stands for an error beyond the msg.MaxErrors a List keeps,
// which it counts without wording it.
var errNotListed = errors.New("not listed")

// checkHeader checks the header record; it returns nil after reporting a problem.
func checkHeader(file string, t *pack.Table, rec []string, errs *msg.List) ([]string, []int) {
	header := make([]string, len(rec))
	sides := make([]int, len(rec))
	ok := true
	for i, h := range rec {
		h = strings.TrimSpace(h)
		header[i] = h
		sides[i] = -1
		if i == 0 {
			if h != KeyColumn {
				errs.Add(msg.Errorf("%s:1: the first column is %q; it must be %q (codes or row keys)", file, msg.Cut(h), KeyColumn))
				ok = false
			}
			continue
		}
		col := t.Column(h)
		switch {
		case col == nil || col.Kind == pack.KindCode:
			errs.Add(msg.Errorf("%s:1: unknown column %q: table %s has %s", file, msg.Cut(h), t.ID, strings.Join(columnKeys(t), ", ")))
			ok = false
		case indexOf(header[:i], h) >= 0:
			errs.Add(msg.Errorf("%s:1: column %q appears twice", file, msg.Cut(h)))
			ok = false
		default:
			sides[i] = sideOfColumn(t, h)
		}
	}
	if !ok {
		return nil, nil
	}
	return header, sides
}

// readTextField undoes textField (write.go): the apostrophe that keeps a
// spreadsheet from running a text as a formula is dropped.
func readTextField(s string) string {
	if rest, ok := strings.CutPrefix(s, "'"); ok && formulaLike(strings.TrimLeft(rest, "'")) {
		return rest
	}
	return s
}

func blankRecord(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

func sideOfColumn(t *pack.Table, key string) int {
	for i, s := range t.Sides {
		for _, c := range s.Columns {
			if c.Key == key {
				return i
			}
		}
	}
	return -1
}

func sideOfRow(t *pack.Table, r *pack.Row) int {
	for i, s := range t.Sides {
		for _, x := range append(append([]*pack.Row{}, s.Rows...), s.Foot...) {
			if x == r {
				return i
			}
		}
	}
	return -1
}

func sideOfTree(t *pack.Table) int {
	for i, s := range t.Sides {
		if s.TreeRow() != nil {
			return i
		}
	}
	return -1
}

func columnKeys(t *pack.Table) []string {
	var out []string
	for _, s := range t.Sides {
		for _, c := range s.Columns {
			if c.Kind != pack.KindCode {
				out = append(out, c.Key)
			}
		}
	}
	return out
}

func fixedKeys(t *pack.Table) []string {
	var out []string
	for _, s := range t.Sides {
		for _, r := range append(append([]*pack.Row{}, s.Rows...), s.Foot...) {
			if r.Key != "" && !r.IsTree() {
				out = append(out, r.Key)
			}
		}
	}
	return out
}

// labelled is the fixed row of t whose label one of texts is, as a clerk
// types 合计 where the row key total belongs; nil when there is none, or
// when several rows have that label (4-1 has two 一般公共预算拨款).
func labelled(t *pack.Table, texts []string) *pack.Row {
	for _, text := range texts {
		text = strings.TrimSpace(readTextField(text))
		var found []*pack.Row
		for _, key := range fixedKeys(t) {
			if fr := t.FixedRow(key); text != "" && !fr.Blank && strings.TrimSpace(fr.Label) == text {
				found = append(found, fr)
			}
		}
		if len(found) == 1 {
			return found[0]
		}
	}
	return nil
}

func joinInts(list []int) string {
	s := make([]string, len(list))
	for i, n := range list {
		s[i] = fmt.Sprint(n)
	}
	return strings.Join(s, "/")
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// csvError points at the line of a CSV syntax error and says how to mend it.
func csvError(file string, err error) error {
	var pe *csv.ParseError
	switch {
	case errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrBareQuote):
		return msg.Errorf("%s:%d: %v", file, pe.Line, msg.Errorf("a \" inside a field that does not start with one: quote the whole field and double the \" inside, as in \"a\"\"b\""))
	case errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrQuote):
		return msg.Errorf("%s:%d: %v", file, pe.StartLine, msg.Errorf("a quoted field is not closed, or its closing \" is followed by more text"))
	case errors.As(err, &pe):
		return msg.Errorf("%s:%d: %v", file, pe.Line, msg.Errorf("%v", pe.Err))
	}
	return msg.Errorf("%s: %v", file, err)
}
