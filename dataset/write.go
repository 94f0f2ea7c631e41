package dataset

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/shopspring/decimal"

	"budgetxl/msg"
	"budgetxl/output"
	"budgetxl/pack"
)

// FormatAmount writes an amount as the published tables do: thousands
// separators and two decimals, more when the amount has more (1,234.50;
// 0.123456).
func FormatAmount(d decimal.Decimal) string {
	places := int32(2)
	if !d.Equal(d.Round(2)) {
		places = -d.Exponent()
	}
	s := d.Abs().StringFixed(places)
	intPart, frac, _ := strings.Cut(s, ".")
	var b []byte
	for i := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, intPart[i])
	}
	out := string(b) + "." + frac
	if d.IsNegative() {
		return "-" + out
	}
	return out
}

// Write writes d into dir in the canonical form: unit.toml, one CSV file
// per budget table (every row in template order, labels and names, amounts
// as FormatAmount writes them) and one TOML file per form. The same data
// always gives the same bytes.
//
// The folder is replaced as a whole: the files are written into a new
// folder beside dir, which then takes dir's place, so a failure leaves the
// old folder as it was, and no file of an earlier dataset stays behind. A
// dir that holds anything but dataset files is refused, untouched.
//
// CSV files are UTF-8 with a byte order mark, so that Excel opens them
// right; WriteEncoded writes them in another encoding.
func Write(d *Dataset, p *pack.Pack, dir string) error { return WriteEncoded(d, p, dir, UTF8) }

// WriteEncoded writes d into dir as Write does, CSV files in encoding enc.
func WriteEncoded(d *Dataset, p *pack.Pack, dir string, enc Encoding) error {
	dir = filepath.Clean(dir)
	files := canonical(d, p)
	known := map[string]bool{UnitFile: true}
	for _, t := range p.Tables {
		known[FileName(t)] = true
		if t.Kind != pack.KindForm && files[FileName(t)] != nil {
			b, err := enc.encode(files[FileName(t)])
			if err != nil {
				return msg.Errorf("%s: %v", filepath.Join(dir, FileName(t)), err)
			}
			files[FileName(t)] = b
		}
	}
	entries, err := os.ReadDir(dir)
	exists := err == nil
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return msg.Errorf("%s: %v", dir, msg.File(err))
	}
	for _, e := range entries {
		if !known[e.Name()] || e.IsDir() {
			return msg.Errorf("%s holds %s, which is not a file of a dataset of pack %s: write to a new or empty folder", dir, e.Name(), p.ID)
		}
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return msg.Errorf("%s: %v", parent, msg.File(err))
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".new-*")
	if err != nil {
		return msg.Errorf("%s: %v", dir, msg.File(err))
	}
	defer os.RemoveAll(tmp) // after the swap there is nothing left to remove
	if err := os.Chmod(tmp, 0o755); err != nil {
		return msg.Errorf("%s: %v", dir, msg.File(err))
	}
	for name, b := range files {
		if err := output.WriteSynced(filepath.Join(tmp, name), b); err != nil {
			return msg.Errorf("%s: %v", filepath.Join(dir, name), msg.File(err))
		}
	}
	output.SyncDir(tmp)
	defer output.SyncDir(parent)
	if !exists {
		if err := os.Rename(tmp, dir); err != nil {
			return msg.Errorf("%s: %v", dir, msg.File(err))
		}
		return nil
	}
	old := tmp + ".old"
	if err := rename(dir, old); err != nil {
		// On Windows, a file that Excel or WPS shows keeps its folder.
		return msg.Errorf("%s cannot be replaced (%v): is one of its files open in Excel or WPS? Close it and run the command again; the folder is as it was", dir, msg.File(err))
	}
	if err := rename(tmp, dir); err != nil {
		os.Rename(old, dir) // put the old folder back
		return msg.Errorf("%s: %v", dir, msg.File(err))
	}
	return os.RemoveAll(old)
}

// rename is os.Rename; tests replace it to fail as Windows does when a
// file of the folder is open in another program.
var rename = os.Rename

// canonical returns the files of d in the canonical form, by name.
func canonical(d *Dataset, p *pack.Pack) map[string][]byte {
	files := map[string][]byte{UnitFile: unitTOML(d.Unit)}
	for _, t := range p.Tables {
		switch {
		case t.Kind == pack.KindForm && d.Forms[t.ID] != nil:
			files[FileName(t)] = formTOML(t, d.Forms[t.ID])
		case t.Kind != pack.KindForm && d.Tables[t.ID] != nil:
			files[FileName(t)] = tableCSV(t, d.Tables[t.ID])
		}
	}
	return files
}

func unitTOML(u Unit) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "pack = %s\nname = %s\ncode = %s\ndepartment = %s\nyear = %d\namount_unit = %s\n",
		quote(u.Pack), quote(u.Name), quote(u.Code), quote(u.Department), u.Year, quote(u.AmountUnit))
	if u.Note != "" {
		fmt.Fprintf(&b, "note = %s\n", quote(u.Note))
	}
	if u.Prior != "" {
		fmt.Fprintf(&b, "prior = %s\n", quote(u.Prior))
	}
	if u.Variant != "" {
		fmt.Fprintf(&b, "variant = %s\n", quote(u.Variant))
	}
	return b.Bytes()
}

// Header is the first line of budget table t's CSV file, by field: the key
// column, then every other column of every side.
func Header(t *pack.Table) []string {
	header := []string{KeyColumn}
	for _, s := range t.Sides {
		for _, c := range s.Columns {
			if c.Kind != pack.KindCode {
				header = append(header, c.Key)
			}
		}
	}
	return header
}

// tableCSV writes a budget table: the key column, then every other column
// of every side; fixed rows in template order, code rows in code order at
// their tree's place.
func tableCSV(t *pack.Table, td *Table) []byte {
	header := Header(t)
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(header)
	write := func(r *Row) {
		rec := []string{textField(r.Key)}
		for _, key := range header[1:] {
			col := t.Column(key)
			switch {
			case col.Kind == pack.KindAmount:
				if v, ok := r.Value(t.Layout.Amount(key)); ok {
					rec = append(rec, FormatAmount(v.Amount))
				} else {
					rec = append(rec, "")
				}
			case pack.IsDigits(r.Key) && col.Kind == pack.KindName && sideOfColumn(t, key) == sideOfTree(t):
				rec = append(rec, textField(r.Name))
			case !pack.IsDigits(r.Key) && t.FixedRow(r.Key) != nil && t.FixedRow(r.Key).At == key:
				rec = append(rec, textField(t.FixedRow(r.Key).Label))
			default:
				rec = append(rec, "")
			}
		}
		w.Write(rec)
	}
	var codes []*Row
	for _, r := range td.Rows {
		if pack.IsDigits(r.Key) {
			codes = append(codes, r)
		}
	}
	sortRows(codes)
	for _, s := range t.Sides {
		for _, r := range append(append([]*pack.Row{}, s.Rows...), s.Foot...) {
			switch {
			case r.IsTree():
				for _, c := range codes {
					write(c)
				}
			case !r.Blank && td.ByKey[r.Key] != nil:
				write(td.ByKey[r.Key])
			}
		}
	}
	w.Flush()
	return b.Bytes()
}

// textField writes a text field of a CSV file so that a spreadsheet does
// not run it as a formula: a text that begins with = + - @ (or a tab or a
// carriage return) gets a leading apostrophe. Excel takes the apostrophe
// as its mark of text and hides it; LibreOffice shows it and keeps it on a
// re-save. A text that begins with apostrophes before such a character
// gets one more, so that readTextField gives every text back exactly.
// Amounts are not escaped: FormatAmount's -1,234.00 is a number to both.
func textField(s string) string {
	if formulaLike(strings.TrimLeft(s, "'")) {
		return "'" + s
	}
	return s
}

// formulaLike reports whether a spreadsheet reads s as a formula.
func formulaLike(s string) bool {
	return s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0]))
}

func sortRows(rows []*Row) {
	for i := 1; i < len(rows); i++ {
		for j := i; j > 0 && rows[j].Key < rows[j-1].Key; j-- {
			rows[j], rows[j-1] = rows[j-1], rows[j]
		}
	}
}

// formTOML writes a form's records: fields in template order, then each
// list as an array of rows, one row a line.
func formTOML(t *pack.Table, f *Form) []byte {
	var b bytes.Buffer
	record := func(r *Record) {
		for _, fd := range t.Fields {
			fmt.Fprintf(&b, "%s = %s\n", fd.Key, quote(fieldText(fd, r.Fields[fd.Key])))
		}
		for _, l := range t.Lists {
			fmt.Fprintf(&b, "%s = [\n", l.Key)
			var labels []string
			for _, key := range l.Columns {
				labels = append(labels, fieldLabel(l, key))
			}
			fmt.Fprintf(&b, "  # %s\n", strings.Join(labels, ", "))
			for _, it := range r.Lists[l.Key] {
				var cells []string
				for _, key := range l.Columns {
					cells = append(cells, quote(fieldText(listField(l, key), it.Fields[key])))
				}
				fmt.Fprintf(&b, "  [%s],\n", strings.Join(cells, ", "))
			}
			b.WriteString("]\n")
		}
	}
	if t.Repeat == "" {
		if len(f.Records) > 0 {
			record(f.Records[0])
		}
		return b.Bytes()
	}
	for i, r := range f.Records {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "[[%s]]\n", t.Repeat)
		record(r)
	}
	return b.Bytes()
}

// fieldText writes a field: amounts as FormatAmount does, numbers plainly,
// texts as they are.
func fieldText(fd *pack.Field, v FieldValue) string {
	switch {
	case fd == nil || !v.Number:
		return v.Text
	case fd.Kind == pack.FieldAmount:
		return FormatAmount(v.Amount)
	case fd.Kind == pack.FieldNumber:
		return v.Amount.String()
	}
	return v.Text
}

func listField(l *pack.List, key string) *pack.Field {
	for _, f := range l.Fields {
		if f.Key == key {
			return f
		}
	}
	return nil
}

func fieldLabel(l *pack.List, key string) string {
	for _, f := range l.Fields {
		if f.Key == key && f.Label != "" {
			return f.Label
		}
	}
	return key
}

// quote writes s as a TOML basic string. Go's strconv.Quote is not TOML:
// TOML has no \a or \v, so a control character is written as \uXXXX.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
