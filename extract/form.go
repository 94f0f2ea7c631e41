package extract

import (
	"regexp"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"budgetxl/dataset"
	"budgetxl/internal/memo"
	"budgetxl/pack"
	"budgetxl/plan"
	"budgetxl/workbook"
)

// FormFound is what was found of a form table: one block per record.
type FormFound struct {
	Table  *pack.Table
	Sheet  *workbook.Sheet
	Blocks []*Block
	Empty  bool // the sheet shows the table's empty note
}

// Block is one record's form in the sheet.
type Block struct {
	Title  int // row of the block's title
	Record *dataset.Record
	// At maps each record field to its cell; Items maps, per list item, each
	// item field to its cell.
	At    map[string]string
	Items map[string][]map[string]string
}

// readForm reads a form table's blocks: each starts at a title row, its
// list rows run until the row that follows the list in the template.
// Amount and number fields that cannot be read are left out of their
// record and listed in f.Problems.
func readForm(f *Found, u dataset.Unit) *dataset.Form {
	sh, t := f.Sheet, f.Table
	ff := &FormFound{Table: t, Sheet: sh}
	f.Form = ff
	form := &dataset.Form{File: sh.Name}
	title := plan.Expand(t.Title, u)
	last := sh.LastRow()
	var starts []int
	for r := 1; r <= last; r++ {
		if sh.Text(1, r) == title {
			starts = append(starts, r)
		}
	}
	if len(starts) == 1 && t.EmptyNote != "" && sh.Text(1, starts[0]+2) == plan.Expand(t.EmptyNote, u) {
		ff.Empty = true
		return form
	}
	tpls := cellTpls(t)
	for i, start := range starts {
		end := last
		if i+1 < len(starts) {
			end = starts[i+1] - 1
		}
		rec, blk := readBlock(f, tpls, start, end, i+1)
		form.Records = append(form.Records, rec)
		ff.Blocks = append(ff.Blocks, blk)
	}
	return form
}

// cellTpl is a template cell of a form's grid, analysed once per form:
// the fields it holds (none for a label, a placeholder or a sum) and
// whether it is one field alone.
type cellTpl struct {
	tpl    string
	fields []string
	defs   []*pack.Field // each field's definition; nil for a placeholder such as {year}
	whole  bool
}

// rowTpl is a template row of a form's grid, analysed once per form.
type rowTpl struct {
	cells []cellTpl
	// fields counts the row's fields (placeholders aside): at most as
	// many as a record or an item takes from the row.
	fields int
}

// cellTpls analyses the template rows' cells of form t.
func cellTpls(t *pack.Table) []rowTpl {
	out := make([]rowTpl, len(t.Rows))
	for i, tr := range t.Rows {
		out[i].cells = make([]cellTpl, len(tr.Cells))
		for c, tpl := range tr.Cells {
			fields := pack.CellFields(tpl)
			if len(fields) == 0 || strings.HasPrefix(fields[0], "sum:") {
				continue
			}
			defs := make([]*pack.Field, len(fields))
			for k, key := range fields {
				defs[k] = t.Form.Field(key)
				if defs[k] != nil {
					out[i].fields++
				}
			}
			out[i].cells[c] = cellTpl{tpl: tpl, fields: fields, defs: defs, whole: len(fields) == 1 && wholeField(tpl, fields[0])}
		}
	}
	return out
}

func readBlock(f *Found, tpls []rowTpl, start, end, index int) (*dataset.Record, *Block) {
	sh, t := f.Sheet, f.Table
	fields := 0 // of the rows outside lists: the record's own
	for ti, tr := range t.Rows {
		if tr.List == "" {
			fields += tpls[ti].fields
		}
	}
	rec := &dataset.Record{Index: index, Fields: make(map[string]dataset.FieldValue, fields), Lists: map[string][]dataset.Item{}}
	blk := &Block{Title: start, Record: rec, At: make(map[string]string, fields), Items: map[string][]map[string]string{}}
	r := start + 2
	for ti, tr := range t.Rows {
		if tr.List == "" {
			readCells(f, tpls[ti].cells, r, rec.Fields, blk.At)
			r++
			continue
		}
		// List rows until the next template row's first label, or the block's end.
		stop := func(row int) bool { return row > end }
		if ti+1 < len(t.Rows) {
			if col, label := firstLabel(t.Rows[ti+1].Cells); label != "" {
				stop = func(row int) bool { return row > end || pack.Exact(label, sh.Text(col, row)) }
			}
		}
		rows := 0
		for !stop(r + rows) {
			rows++
		}
		rec.Lists[tr.List] = slices.Grow(rec.Lists[tr.List], rows)
		blk.Items[tr.List] = slices.Grow(blk.Items[tr.List], rows)
		for ; rows > 0; rows, r = rows-1, r+1 {
			it := dataset.Item{Fields: make(map[string]dataset.FieldValue, tpls[ti].fields)}
			at := make(map[string]string, tpls[ti].fields)
			readCells(f, tpls[ti].cells, r, it.Fields, at)
			// An empty item row (a blank form's spare rows) is kept, so the
			// plan of what was read has the workbook's rows; Inputs drops it.
			rec.Lists[tr.List] = append(rec.Lists[tr.List], it)
			blk.Items[tr.List] = append(blk.Items[tr.List], at)
		}
	}
	return rec, blk
}

// readCells reads the fields of one grid row. An amount or number field
// alone in its cell is read as Amount reads amount cells.
func readCells(f *Found, cells []cellTpl, r int, into map[string]dataset.FieldValue, at map[string]string) {
	sh := f.Sheet
	for c, ct := range cells {
		fields := ct.fields
		if fields == nil {
			continue
		}
		text := sh.Text(c+1, r)
		ref := pack.CellName(c+1, r)
		values := []string{text}
		if !ct.whole {
			values = splitFields(ct.tpl, fields, text)
		}
		for i, key := range fields {
			fd := ct.defs[i]
			if fd == nil {
				continue // a placeholder such as {year}
			}
			at[key] = ref
			if values[i] == "" {
				continue
			}
			fv := dataset.FieldValue{Text: values[i]}
			switch {
			case fd.Kind == pack.FieldText:
			case len(fields) == 1:
				cell := sh.At(c+1, r)
				v, what := Amount(cell)
				if what != Number {
					f.Problems = append(f.Problems, Problem{Sheet: sh.Name, Cell: ref, Value: cell.Value, What: what, Column: key})
					continue
				}
				fv.Amount, fv.Number = v, true
			default:
				if d, err := decimal.NewFromString(strings.TrimSpace(values[i])); err == nil {
					fv.Amount, fv.Number = d, true
				}
			}
			into[key] = fv
		}
	}
}

// splitFields splits a cell's text by its template: "{code}-{name}" gives
// the code before the first "-" and the name after it.
func splitFields(tpl string, fields []string, text string) []string {
	if len(fields) == 1 && wholeField(tpl, fields[0]) {
		return []string{text}
	}
	m := splitPattern(tpl, fields).FindStringSubmatch(text)
	out := make([]string, len(fields))
	if m == nil {
		out[len(out)-1] = text // keep the text where it can be seen
		return out
	}
	copy(out, m[1:])
	return out
}

// wholeField reports whether template tpl is field f alone: "{f}".
func wholeField(tpl, f string) bool {
	return len(tpl) == len(f)+2 && tpl[0] == '{' && tpl[len(tpl)-1] == '}' && tpl[1:len(tpl)-1] == f
}

// splitPattern is the expression that splits a cell's text by template
// tpl, made once per template (a form repeats its templates for every
// record); at most 4,096 are kept.
func splitPattern(tpl string, fields []string) *regexp.Regexp {
	return splitPatterns.Get(tpl, func() *regexp.Regexp {
		var b strings.Builder
		b.WriteString("^")
		rest := tpl
		for i, f := range fields {
			j := strings.Index(rest, "{"+f+"}")
			b.WriteString(regexp.QuoteMeta(rest[:j]))
			if i == len(fields)-1 {
				b.WriteString("(.*)")
			} else {
				b.WriteString("(.*?)")
			}
			rest = rest[j+len(f)+2:]
		}
		b.WriteString(regexp.QuoteMeta(rest) + "$")
		return regexp.MustCompile(b.String())
	})
}

var splitPatterns = memo.Cache[*regexp.Regexp]{Max: 4096} // template → its expression

// firstLabel finds the first label cell of a template row (not a field, not a marker).
func firstLabel(cells []string) (int, string) {
	for c, tpl := range cells {
		if tpl != "" && tpl != pack.MergeLeft && tpl != pack.MergeUp && !strings.Contains(tpl, "{") {
			return c + 1, tpl
		}
	}
	return 0, ""
}
