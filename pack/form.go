package pack

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"budgetxl/internal/memo"
)

// KindForm marks a table that is a form: rows of labels and fields of a
// record, with lists of items inside (the performance-target tables).
const KindForm = "form"

// Field kinds of forms.
const (
	FieldText   = "text"
	FieldAmount = "amount" // money, in the table's units
	FieldNumber = "number" // a count or weight
)

// Form is the layout and the fields of a form table. A form is drawn once
// for the dataset's record, or once per record of Repeat, each block
// starting on a new printed page.
type Form struct {
	Repeat string      `toml:"repeat"` // the dataset's array of records, such as "project"
	Widths []float64   `toml:"widths"` // column widths, in characters
	Fields []*Field    `toml:"field"`
	Lists  []*List     `toml:"list"`
	Rows   []*FormRow  `toml:"row"`
	Checks []FormCheck `toml:"check"`
}

// Field is one value of a record or of a list item.
type Field struct {
	Key      string   `toml:"key"`
	Label    string   `toml:"label"` // its name for messages
	Kind     string   `toml:"kind"`  // text, amount or number
	Formula  string   `toml:"formula"`
	Required bool     `toml:"required"`
	Pattern  string   `toml:"pattern"`  // a regular expression the text must match
	Positive bool     `toml:"positive"` // an amount above zero
	Choices  []string `toml:"choices"`  // the only allowed texts
	// Requires names a field that must not be empty when this one is a number
	// (an indicator value needs its unit).
	Requires string `toml:"requires"`
	// Whole: a number field takes whole numbers only, such as a weight.
	Whole bool `toml:"whole"`
	// Max is the largest value of an amount or number field, such as "100".
	Max string `toml:"max"`
	// FoldBrackets: spellings that differ only in full- or half-width
	// brackets are one name; the full-width one is the official spelling.
	FoldBrackets bool `toml:"fold_brackets"`

	Expr *Expr          `toml:"-"`
	Re   *regexp.Regexp `toml:"-"`
	List *List          `toml:"-"` // the list the field belongs to, nil for record fields
	// MaxValue is Max read; nil without a maximum.
	MaxValue *decimal.Decimal `toml:"-"`
}

// List is a list of items inside a form, such as the indicators.
type List struct {
	Key     string   `toml:"key"`     // the dataset's key: an array of rows
	Columns []string `toml:"columns"` // field keys, in the order of each dataset row
	Fields  []*Field `toml:"field"`
	// Unique lists the columns that together must not repeat within a record.
	Unique []string `toml:"unique"`
	// Total is the column whose sum must equal Equals.
	Total  string `toml:"total"`
	Equals string `toml:"equals"`
	// BlankRows is the number of empty item rows of a blank form.
	BlankRows int `toml:"blank_rows"`

	EqualsValue decimal.Decimal `toml:"-"`
}

// FormRow is one row of the form's grid. Each cell is a label, fields in
// braces ("{code}-{name}"), "{sum:weight}" (a live SUM of a list column),
// "<" (merged with the cell on its left), "^" (merged with the cell above)
// or "" (empty). A row with List is drawn once per item of that list.
type FormRow struct {
	Cells []string `toml:"cells"`
	List  string   `toml:"list"`
}

// FormCheck is a check between an item field and a record field, such as
// "an amount indicator is not above the project's amount".
type FormCheck struct {
	ID        string `toml:"id"`
	Severity  string `toml:"severity"` // error, warning or note
	List      string `toml:"list"`
	When      string `toml:"when"`    // "unit = 万元": the item's field equals a text
	Field     string `toml:"field"`   // the item's number field
	AtMost    string `toml:"at_most"` // the record's field it must not exceed
	Message   string `toml:"message"` // Chinese
	MessageEN string `toml:"message_en"`
}

// Field returns the form's record or list field named key, or nil.
func (f *Form) Field(key string) *Field {
	for _, fd := range f.Fields {
		if fd.Key == key {
			return fd
		}
	}
	for _, l := range f.Lists {
		for _, fd := range l.Fields {
			if fd.Key == key {
				return fd
			}
		}
	}
	return nil
}

// List returns the list named key, or nil.
func (f *Form) List(key string) *List {
	for _, l := range f.Lists {
		if l.Key == key {
			return l
		}
	}
	return nil
}

// CellFields returns the field keys a cell template names, in order: the
// text inside each {…} without braces in it (by hand, not by a regular
// expression: this runs for every cell of every record).
//
// The slice is shared by every call with the same template: it must not be
// changed. A pack's templates are few and read for every record, so they
// are remembered (up to 4,096 of them).
func CellFields(cell string) []string {
	return cellFields.Get(cell, func() []string { return slices.Clip(cellFields1(cell)) })
}

var cellFields = memo.Cache[[]string]{Max: 4096} // template → its fields

func cellFields1(cell string) []string {
	var out []string
	for i := 0; i < len(cell); i++ {
		if cell[i] != '{' {
			continue
		}
		j := strings.IndexAny(cell[i+1:], "{}")
		if j < 0 {
			break
		}
		if cell[i+1+j] == '}' {
			out = append(out, cell[i+1:i+1+j])
		}
		i += j // at the next brace: a '{' starts again, a '}' is passed
	}
	return out
}

// checkForm validates a form table.
func (v *validator) checkForm(t *Table) {
	f, file := &t.Form, t.File
	if len(t.Sides) > 0 || len(t.Header) > 0 {
		v.add(file, "kind", "a form has rows and fields, not sides or a header")
	}
	if len(f.Rows) == 0 {
		v.add(file, "row", "is missing: a form needs [[row]]s of cells")
		return
	}
	width := len(f.Widths)
	if width == 0 {
		v.add(file, "widths", "is missing: give the width of each column, such as [14, 14, 12, 40]")
		width = len(f.Rows[0].Cells)
	}
	keys := map[string]bool{}
	check := func(where string, fd *Field, list *List) {
		fd.List = list
		switch {
		case fd.Key == "":
			v.add(file, where+".key", "is missing")
		case keys[fd.Key]:
			v.add(file, where+".key", "%q is used twice in this form", fd.Key)
		case strings.HasPrefix(fd.Key, "sum:"):
			v.add(file, where+".key", "%q is reserved: choose another key", fd.Key)
		}
		keys[fd.Key] = true
		switch fd.Kind {
		case "":
			fd.Kind = FieldText
		case FieldText, FieldAmount, FieldNumber:
		default:
			v.add(file, where+".kind", "is %q: use \"text\", \"amount\" or \"number\"", fd.Kind)
		}
		if fd.Pattern != "" {
			re, err := regexp.Compile(fd.Pattern)
			if err != nil {
				v.add(file, where+".pattern", "%q is not a regular expression: %v", fd.Pattern, err)
			}
			fd.Re = re
		}
		if fd.Positive && fd.Kind == FieldText {
			v.add(file, where+".positive", "applies to amount and number fields")
		}
		if n := utf8.RuneCountInString(strings.Join(fd.Choices, ",")); n > 255 {
			v.add(file, where+".choices", "take %d characters with their commas; a form's drop-down list holds at most 255: shorten or drop some", n)
		}
		if fd.Whole && fd.Kind != FieldNumber {
			v.add(file, where+".whole", "applies to number fields")
		}
		if fd.Max != "" {
			m, err := decimal.NewFromString(fd.Max)
			switch {
			case fd.Kind == FieldText:
				v.add(file, where+".max", "applies to amount and number fields")
			case err != nil:
				v.add(file, where+".max", "%q is not a number: give the largest value, such as \"100\"", fd.Max)
			default:
				fd.MaxValue = &m
			}
		}
	}
	for i, fd := range f.Fields {
		check(fmt.Sprintf("field[%d]", i), fd, nil)
	}
	for i, l := range f.Lists {
		where := fmt.Sprintf("list[%d]", i)
		if l.Key == "" {
			v.add(file, where+".key", "is missing: name the dataset's array of items, such as \"indicators\"")
		}
		for j, fd := range l.Fields {
			check(fmt.Sprintf("%s.field[%d]", where, j), fd, l)
		}
		own := map[string]bool{}
		for _, fd := range l.Fields {
			own[fd.Key] = true
		}
		for _, c := range append(append(append([]string{}, l.Columns...), l.Unique...), l.Total) {
			if c != "" && !own[c] {
				v.add(file, where, "names %q, which is not a field of this list", c)
			}
		}
		if len(l.Columns) != len(l.Fields) {
			v.add(file, where+".columns", "lists %d columns for %d fields: list every field once, in the order of the dataset's rows", len(l.Columns), len(l.Fields))
		}
		if l.Equals != "" {
			d, err := decimal.NewFromString(l.Equals)
			if err != nil || l.Total == "" {
				v.add(file, where+".equals", "%q: give a number, with total naming the column it is the sum of", l.Equals)
			}
			l.EqualsValue = d
		}
	}
	for _, fd := range allFields(f) {
		if fd.Requires != "" && f.Field(fd.Requires) == nil {
			v.add(file, "field "+fd.Key+".requires", "unknown field %q", fd.Requires)
		}
		if fd.Formula == "" {
			continue
		}
		e, err := ParseExpr(fd.Formula)
		if err != nil {
			v.add(file, "field "+fd.Key+".formula", "%v", err)
			continue
		}
		fd.Expr = e
		for _, term := range e.Terms {
			other := f.Field(term.Key)
			if term.Tree || other == nil || other.List != fd.List || other.Kind == FieldText {
				v.add(file, "field "+fd.Key+".formula", "{%s} is not an amount or number field of the same record", term.Key)
			}
		}
	}
	for i, r := range f.Rows {
		where := fmt.Sprintf("row[%d]", i)
		if len(r.Cells) != width {
			v.add(file, where+".cells", "has %d cells, but widths has %d columns", len(r.Cells), width)
		}
		if r.List != "" && f.List(r.List) == nil {
			v.add(file, where+".list", "unknown list %q", r.List)
		}
		for j, cell := range r.Cells {
			at := fmt.Sprintf("%s.cells[%d]", where, j)
			switch {
			case cell == MergeLeft && j == 0:
				v.add(file, at, "\"<\" merges with the cell on the left, but this is the first column")
			case cell == MergeUp && i == 0:
				v.add(file, at, "\"^\" merges with the cell above, but this is the first row")
			}
			for _, key := range CellFields(cell) {
				if sum, ok := strings.CutPrefix(key, "sum:"); ok {
					if fd := f.Field(sum); fd == nil || fd.List == nil || fd.Kind == FieldText {
						v.add(file, at, "{%s}: %q is not a number column of a list", key, sum)
					}
					continue
				}
				fd := f.Field(key)
				switch {
				case fd == nil && !slices.Contains(Placeholders, key):
					v.add(file, at, "unknown field {%s}", key)
				case fd != nil && fd.List != nil && r.List != fd.List.Key:
					v.add(file, at, "{%s} is a field of list %s: use it in a row with list = %q", key, fd.List.Key, fd.List.Key)
				case fd != nil && fd.Kind != FieldText && cell != "{"+key+"}":
					v.add(file, at, "{%s} is a number: it must be alone in its cell", key)
				}
			}
		}
	}
	for i, c := range f.Checks {
		where := fmt.Sprintf("check[%d]", i)
		l := f.List(c.List)
		switch {
		case c.ID == "":
			v.add(file, where+".id", "is missing")
		case l == nil:
			v.add(file, where+".list", "unknown list %q", c.List)
		case f.Field(c.Field) == nil || f.Field(c.Field).List != l:
			v.add(file, where+".field", "%q is not a field of list %s", c.Field, c.List)
		case f.Field(c.AtMost) == nil || f.Field(c.AtMost).List != nil:
			v.add(file, where+".at_most", "%q is not a field of the record", c.AtMost)
		}
		if c.When != "" {
			k, _, ok := strings.Cut(c.When, "=")
			if fd := f.Field(strings.TrimSpace(k)); !ok || fd == nil {
				v.add(file, where+".when", "%q: write \"field = text\"", c.When)
			}
		}
		switch c.Severity {
		case "error", "warning", "note":
		default:
			v.add(file, where+".severity", "is %q: use \"error\", \"warning\" or \"note\"", c.Severity)
		}
	}
}

// allFields lists the record fields, then every list's fields.
func allFields(f *Form) []*Field {
	out := append([]*Field{}, f.Fields...)
	for _, l := range f.Lists {
		out = append(out, l.Fields...)
	}
	return out
}

// The merge markers of a form's grid cells.
const (
	MergeLeft = "<" // merged with the cell on its left
	MergeUp   = "^" // merged with the cell above
)

// MergeOwners resolves the merge markers of a grid of cell templates
// (rows of cells, width columns; a missing cell is empty): the (row,
// column) of the cell that each cell is part of, itself for a cell that is
// no marker. plan merges each owner's cells; import knows the label a
// marker continues.
func MergeOwners(rows [][]string, width int) [][][2]int {
	cell := func(r, c int) string {
		if c < len(rows[r]) {
			return rows[r][c]
		}
		return ""
	}
	owner := make([][][2]int, len(rows))
	all := make([][2]int, len(rows)*width) // the rows' owners, made at once
	for r := range rows {
		owner[r] = all[r*width : (r+1)*width : (r+1)*width]
		for c := 0; c < width; c++ {
			switch {
			case cell(r, c) == MergeLeft && c > 0:
				owner[r][c] = owner[r][c-1]
			case cell(r, c) == MergeUp && r > 0:
				owner[r][c] = owner[r-1][c]
			default:
				owner[r][c] = [2]int{r, c}
			}
		}
	}
	return owner
}
