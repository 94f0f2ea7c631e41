package dataset

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"budgetxl/internal/tomlmsg"
	"budgetxl/msg"
	"budgetxl/pack"
)

// Form is the data of a form table: one record, or one per repeated block.
type Form struct {
	File    string
	Records []*Record
}

// Record is one filled form: its field values and its lists of items.
type Record struct {
	Index  int // 1-based position in the file
	Fields map[string]FieldValue
	Lists  map[string][]Item
}

// Item is one row of a list, such as an indicator.
type Item struct {
	Fields map[string]FieldValue
}

// FieldValue is a field as written; Amount is set for amount and number fields.
type FieldValue struct {
	Text   string
	Amount decimal.Decimal
	Number bool // Amount holds a number
}

// Label names a record for messages: its first field's text (a project's
// code), else its position.
func (r *Record) Label(t *pack.Table) string {
	if len(t.Fields) > 0 {
		if v := r.Fields[t.Fields[0].Key]; v.Text != "" && t.Repeat != "" {
			return v.Text
		}
	}
	if t.Repeat == "" {
		return ""
	}
	return fmt.Sprintf("%s[%d]", t.Repeat, r.Index)
}

// readTOMLTable reads the file name of folder dir, a dataset's TOML file
// (UTF-8 or GB18030), as a table of keys; src is its text, for finding a
// key's line.
func readTOMLTable(dir Folder, name string) (data map[string]any, src string, err error) {
	file := dir.File(name)
	raw, err := ReadFile(dir.FS, name, file, MaxTOMLBytes)
	if err != nil {
		return nil, "", err
	}
	if src, err = decodeTOMLText(file, raw); err != nil {
		return nil, "", err
	}
	if _, err := tomlmsg.Decode(src, &data); err != nil {
		return nil, "", tomlError(file, err)
	}
	return data, src, nil
}

// readForm reads the file name (<table id>.toml) of folder dir for a form table.
func readForm(dir Folder, name string, t *pack.Table) (*Form, error) {
	file := dir.File(name)
	data, _, err := readTOMLTable(dir, name)
	if err != nil {
		return nil, err
	}
	f := &Form{File: file}
	var errs msg.List
	if t.Repeat == "" {
		r, rerrs := readRecord(file, t, data, 1)
		f.Records = []*Record{r}
		for _, e := range rerrs {
			errs.Add(e)
		}
	} else {
		for _, k := range sortedKeys(data) {
			if k != t.Repeat {
				errs.Add(msg.Errorf("%s: unknown key %q: write each record as [[%s]]", file, msg.Cut(k), t.Repeat))
			}
		}
		list, ok := data[t.Repeat].([]map[string]any)
		if _, present := data[t.Repeat]; present && !ok {
			errs.Add(msg.Errorf("%s: %s must be an array of tables: write each record as [[%s]]", file, t.Repeat, t.Repeat))
		}
		for i, m := range list {
			r, rerrs := readRecord(file, t, m, i+1)
			f.Records = append(f.Records, r)
			for _, e := range rerrs {
				errs.Add(e)
			}
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return f, nil
}

// readRecord checks and converts one record's keys and values.
func readRecord(file string, t *pack.Table, m map[string]any, index int) (*Record, []error) {
	r := &Record{Index: index, Fields: map[string]FieldValue{}, Lists: map[string][]Item{}}
	var errs []error
	where := file
	if t.Repeat != "" {
		where = fmt.Sprintf("%s: [[%s]] #%d", file, t.Repeat, index)
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if l := t.Form.List(k); l != nil {
			items, err := readItems(l, m[k])
			if err != nil {
				errs = append(errs, msg.Errorf("%s: %s: %v", where, k, err))
				continue
			}
			r.Lists[k] = items
			continue
		}
		fd := t.Form.Field(k)
		if fd == nil || fd.List != nil {
			errs = append(errs, msg.Errorf("%s: unknown field %q (fields: %s)", where, msg.Cut(k), strings.Join(recordKeys(t), ", ")))
			continue
		}
		v, err := fieldValue(fd, m[k])
		if err != nil {
			errs = append(errs, msg.Errorf("%s: %s: %v", where, k, err))
			continue
		}
		if v.Text != "" {
			r.Fields[k] = v
		}
	}
	return r, errs
}

// readItems reads a list's rows: arrays of values in the list's column order.
func readItems(l *pack.List, v any) ([]Item, error) {
	rows, ok := v.([]any)
	if !ok {
		return nil, msg.Errorf("write the items as an array of rows: [[\"%s\", ...], ...]", strings.Join(l.Columns, "\", \""))
	}
	var items []Item
	for i, row := range rows {
		cells, ok := row.([]any)
		if !ok || len(cells) != len(l.Columns) {
			return nil, msg.Errorf("row %d: give %d values (%s)", i+1, len(l.Columns), strings.Join(l.Columns, ", "))
		}
		it := Item{Fields: map[string]FieldValue{}}
		for j, key := range l.Columns {
			var fd *pack.Field
			for _, x := range l.Fields {
				if x.Key == key {
					fd = x
				}
			}
			fv, err := fieldValue(fd, cells[j])
			if err != nil {
				return nil, msg.Errorf("row %d, %s: %v", i+1, key, err)
			}
			if fv.Text != "" {
				it.Fields[key] = fv
			}
		}
		items = append(items, it)
	}
	return items, nil
}

// fieldValue converts a TOML value for field fd: text as it is; amounts and
// numbers from strings ("1,234.50") or TOML numbers.
func fieldValue(fd *pack.Field, v any) (FieldValue, error) {
	var text string
	switch x := v.(type) {
	case string:
		text = x
	case int64:
		text = strconv.FormatInt(x, 10)
	case float64:
		text = strconv.FormatFloat(x, 'f', -1, 64)
	default:
		return FieldValue{}, msg.Errorf("%v is not text or a number", v)
	}
	fv := FieldValue{Text: text}
	if fd.Kind == pack.FieldText || strings.TrimSpace(text) == "" {
		return fv, nil
	}
	d, ok, err := ParseAmount(text, 6)
	if err != nil {
		return fv, err
	}
	fv.Amount, fv.Number = d, ok
	return fv, nil
}

func recordKeys(t *pack.Table) []string {
	var out []string
	for _, f := range t.Form.Fields {
		out = append(out, f.Key)
	}
	for _, l := range t.Form.Lists {
		out = append(out, l.Key)
	}
	return out
}
