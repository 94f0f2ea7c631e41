package dataset

import (
	"encoding/csv"
	"io"
	"path/filepath"
	"strings"

	"budgetxl/msg"
	"budgetxl/pack"
)

// Blank returns the dataset of a blank form for d's unit: the same code
// rows and names, no amounts; the form records keep their text fields
// (a project's code, name, departments, goal) and lose their amounts and
// numbers, and each list gets its template's number of empty item rows.
func (d *Dataset) Blank(p *pack.Pack) *Dataset {
	out := &Dataset{Dir: d.Dir, Unit: d.Unit, Tables: map[string]*Table{}, Forms: map[string]*Form{}}
	for id, td := range d.Tables {
		bt := &Table{File: td.File, ByKey: map[string]*Row{}}
		for _, r := range td.Rows {
			if pack.IsDigits(r.Key) {
				bt.add(&Row{Line: r.Line, Key: r.Key, Name: r.Name})
			}
		}
		out.Tables[id] = bt
	}
	for id, f := range d.Forms {
		t := p.Table(id)
		bf := &Form{File: f.File}
		for _, rec := range f.Records {
			br := &Record{Index: rec.Index, Fields: map[string]FieldValue{}, Lists: map[string][]Item{}}
			for key, v := range rec.Fields {
				if fd := t.Form.Field(key); fd != nil && fd.Kind == pack.FieldText {
					br.Fields[key] = v
				}
			}
			for _, l := range t.Form.Lists {
				for range max(l.BlankRows, 1) {
					br.Lists[l.Key] = append(br.Lists[l.Key], Item{Fields: map[string]FieldValue{}})
				}
			}
			bf.Records = append(bf.Records, br)
		}
		out.Forms[id] = bf
	}
	return out
}

// add appends a row and indexes it by key.
func (t *Table) add(r *Row) {
	t.Rows = append(t.Rows, r)
	t.ByKey[r.Key] = r
}

// ReadCodes reads a codes file: CSV with the columns table, code and
// (optionally) name, one classification code of a budget table per line.
// It returns the code rows of each table, without amounts; a code without
// a name takes its catalog's name when the workbook is planned.
func ReadCodes(file string, p *pack.Pack) (map[string]*Table, error) {
	_, text, err := readText(Dir(filepath.Dir(file)), filepath.Base(file))
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err == io.EOF || (err == nil && (len(header) < 2 || strings.TrimSpace(header[0]) != "table" || strings.TrimSpace(header[1]) != "code")) {
		return nil, msg.Errorf("%s:1: the first line must be the header table,code,name", file)
	}
	if err != nil {
		return nil, csvError(file, err)
	}
	out := map[string]*Table{}
	var errs msg.List
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(file, err)
		}
		line, _ := r.FieldPos(0)
		if blankRecord(rec) {
			continue
		}
		id, code, name := strings.TrimSpace(rec[0]), "", ""
		if len(rec) > 1 {
			code = strings.TrimSpace(rec[1])
		}
		if len(rec) > 2 {
			name = strings.TrimSpace(rec[2])
		}
		t := p.Table(id)
		switch {
		case t == nil || t.Tree() == nil:
			errs.Add(msg.Errorf("%s:%d: table %q has no code tree in pack %s: use one of %s", file, line, msg.Cut(id), p.ID, strings.Join(treeTables(p), ", ")))
			continue
		case !pack.IsDigits(code):
			errs.Add(msg.Errorf("%s:%d: code %q is not a classification code (digits only)", file, line, msg.Cut(code)))
			continue
		case !t.Tree().HasLevel(code): // the plan would drop it
			errs.Add(msg.Errorf("%s:%d: %v", file, line, msg.Errorf("code %s has %d digits; this table's codes have %s digits", msg.Cut(code), len(code), joinInts(t.Tree().Levels))))
			continue
		}
		td := out[id]
		if td == nil {
			td = &Table{File: file, ByKey: map[string]*Row{}}
			out[id] = td
		}
		if td.ByKey[code] != nil {
			errs.Add(msg.Errorf("%s:%d: code %s of table %s is listed twice (first on line %d)", file, line, code, id, td.ByKey[code].Line))
			continue
		}
		td.add(&Row{Line: line, Key: code, Name: name})
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// treeTables lists the tables of p that have a code tree.
func treeTables(p *pack.Pack) []string {
	var out []string
	for _, t := range p.Tables {
		if t.Tree() != nil {
			out = append(out, t.ID)
		}
	}
	return out
}
