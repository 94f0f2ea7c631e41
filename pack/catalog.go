package pack

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"budgetxl/msg"
)

// Catalog maps classification codes to their official names (for a code
// that sources name differently, the name that the pack settles on).
type Catalog map[string]string

// Source is a public document that catalog rows cite: an official catalog
// text or a published disclosure that lists codes with their names.
type Source struct {
	ID        string
	Year      int // the budget year whose classification the document gives
	Title     string
	Publisher string
	Address   string
	Line      int // line in the sources file
	Cited     int // catalog rows that cite it
}

// maxCatalogBytes bounds a catalog or sources file; the full 2025 function
// classification, with a source per row, is well under a megabyte.
const maxCatalogBytes = 8 << 20

// sourceIDRe is the form of a source id: lower-case letters, digits and hyphens.
var sourceIDRe = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// readCSV reads the bounded UTF-8 CSV file name of fsys (a byte order mark
// dropped), whose first line must be header, and calls row for each later
// record with its line number (row may keep the record's fields, not the
// record, which the next one reuses); file is how messages name it.
// Every malformed record is reported, each at its line.
func readCSV(fsys fs.FS, name, file string, header []string, row func(line int, rec []string) error) error {
	f, err := fsys.Open(name)
	if err != nil {
		return msg.Errorf("%s: %v", file, msg.File(err))
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Size() > maxCatalogBytes {
		return msg.Errorf("%s: the file has %d bytes, more than the %d a catalog may have", file, st.Size(), maxCatalogBytes)
	}
	b, err := io.ReadAll(io.LimitReader(f, maxCatalogBytes))
	if err != nil {
		return msg.Errorf("%s: %v", file, msg.File(err))
	}
	// Excel saves "CSV UTF-8" with a byte order mark; its plain "CSV" is
	// GB18030 on Chinese Windows, which would garble every name.
	b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
	if !utf8.Valid(b) {
		line := 1 + bytes.Count(b[:invalidUTF8(b)], []byte("\n"))
		return msg.Errorf("%s:%d: the file is not UTF-8 text: save it as CSV UTF-8 (Excel: 另存为, CSV UTF-8 (逗号分隔))", file, line)
	}
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = len(header)
	r.ReuseRecord = true
	want := strings.Join(header, ",")
	var errs []error
	for first := true; ; first = false {
		rec, err := r.Read()
		if err == io.EOF {
			if first {
				errs = append(errs, msg.Errorf("%s:1: the file is empty: its first line must be %q", file, want))
			}
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				errs = append(errs, msg.Errorf("%s: %v", file, err))
				break
			}
			errs = append(errs, msg.Errorf("%s:%d: %v (want the columns %s)", file, pe.Line, csvFault(pe.Err), want))
			if first || !errors.Is(pe.Err, csv.ErrFieldCount) {
				break // without the header, or after a quoting error, later lines mean nothing
			}
			continue
		}
		line, _ := r.FieldPos(0) // after the error check: a failed record has no fields
		if first {
			if got := strings.Join(rec, ","); got != want {
				errs = append(errs, msg.Errorf("%s:1: header is %q, want %q", file, got, want))
				break
			}
			continue
		}
		for i := range rec {
			rec[i] = strings.TrimSpace(rec[i])
		}
		if err := row(line, rec); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// LoadSources reads a sources file, the list of the documents that catalog
// rows cite: CSV with the header "id,year,title,publisher,address".
func LoadSources(fsys fs.FS, name, file string) (map[string]*Source, error) {
	sources := map[string]*Source{}
	err := readCSV(fsys, name, file, []string{"id", "year", "title", "publisher", "address"}, func(line int, rec []string) error {
		s := &Source{ID: rec[0], Title: rec[2], Publisher: rec[3], Address: rec[4], Line: line}
		year, yerr := strconv.Atoi(rec[1])
		switch {
		case !sourceIDRe.MatchString(s.ID):
			return msg.Errorf("%s:%d: id %q is not lower-case letters, digits and hyphens", file, line, s.ID)
		case sources[s.ID] != nil:
			return msg.Errorf("%s:%d: id %s is used twice (line %d)", file, line, s.ID, sources[s.ID].Line)
		case yerr != nil || year < 1990 || year > 2100:
			return msg.Errorf("%s:%d: year %q is not a year such as 2025 (the budget year of the classification the source gives)", file, line, rec[1])
		case s.Title == "" || s.Publisher == "" || s.Address == "":
			return msg.Errorf("%s:%d: source %s needs a title, a publisher and an address (where a reader finds it)", file, line, s.ID)
		}
		s.Year = year
		sources[s.ID] = s
		return nil
	})
	return sources, err
}

// catalogRow is one row of a catalog file.
type catalogRow struct {
	line       int
	code, name string
	sources    []string
}

// LoadCatalog reads a catalog file: CSV with the header "code,name,source",
// where source lists the ids (separated by spaces) of the sources, defined
// in sources, that give the code this name. A code may have several rows
// when sources name it differently; the pack settles on the name of the
// newest source not newer than year (the pack's year), and a tie is an
// error. levels are the code lengths of the trees that use the catalog: a
// code of another length, or one whose parent is missing, is an error (nil
// levels: not checked). Every problem is reported, each at its line.
func LoadCatalog(fsys fs.FS, name, file string, sources map[string]*Source, year int, levels []int) (Catalog, error) {
	c, _, err := loadCatalog(fsys, name, file, sources, year, levels)
	return c, err
}

// loadCatalog is LoadCatalog that also returns its notes: for each code
// that sources name differently and the pack settles by the newer source,
// a note at each row whose name the pack does not use. They are not
// problems, but an author checking the pack should see them.
func loadCatalog(fsys fs.FS, name, file string, sources map[string]*Source, year int, levels []int) (Catalog, []error, error) {
	var rows []*catalogRow
	var block []catalogRow // rows to hand out, made many at a time
	var ids []string       // the rows' sources, one row's after another's
	var errs []error
	err := readCSV(fsys, name, file, []string{"code", "name", "source"}, func(line int, rec []string) error {
		start := len(ids)
		for id := range strings.FieldsSeq(rec[2]) {
			ids = append(ids, id)
		}
		if len(block) == 0 {
			block = make([]catalogRow, 256)
		}
		r := &block[0]
		block = block[1:]
		*r = catalogRow{line: line, code: rec[0], name: rec[1], sources: ids[start:len(ids):len(ids)]}
		switch {
		case !IsDigits(r.code):
			return msg.Errorf("%s:%d: code %q is not a number of digits", file, line, r.code)
		case r.name == "":
			return msg.Errorf("%s:%d: code %s has no name", file, line, r.code)
		case len(r.sources) == 0:
			return msg.Errorf("%s:%d: code %s names no source: give the id of the public document that lists it", file, line, r.code)
		}
		for _, id := range r.sources {
			if sources[id] == nil {
				return msg.Errorf("%s:%d: source %q is not in the pack's sources file: add it there or correct the id", file, line, id)
			}
		}
		for _, id := range r.sources {
			sources[id].Cited++
		}
		rows = append(rows, r)
		return nil
	})
	if err != nil {
		errs = append(errs, err)
	}

	// rank orders a row's sources: the newest year not after the pack's
	// year; sources newer than the pack rank below every other.
	rank := func(r *catalogRow) int {
		_, y := newest(r, sources, year)
		return y
	}
	// Each code's rows are chained: from its first row, next leads to
	// the next row of the code, -1 after its last.
	type chain struct{ first, last int }
	byCode := make(map[string]chain, len(rows))
	order := make([]string, 0, len(rows))
	next := make([]int, len(rows))
	for i, r := range rows {
		next[i] = -1
		if ch, ok := byCode[r.code]; ok {
			next[ch.last] = i
			byCode[r.code] = chain{ch.first, i}
			continue
		}
		byCode[r.code] = chain{i, i}
		order = append(order, r.code)
	}
	c := make(Catalog, len(order))
	var notes []error
	var group, named []*catalogRow // a code's rows; those that give it a name of their own
	for _, code := range order {
		group = group[:0]
		for i := byCode[code].first; i >= 0; i = next[i] {
			group = append(group, rows[i])
		}
		var best *catalogRow
		named = named[:0]
	rows:
		for i, r := range group {
			for _, e := range group[:i] {
				if e.name == r.name {
					errs = append(errs, msg.Errorf("%s:%d: code %s is listed again with the same name (line %d): give all its sources in one row", file, r.line, code, e.line))
					continue rows
				}
				for _, id := range r.sources {
					if slices.Contains(e.sources, id) {
						errs = append(errs, msg.Errorf("%s:%d: source %s gives code %s two names (here and at line %d): a source gives each code one name", file, r.line, id, code, e.line))
						continue rows
					}
				}
			}
			named = append(named, r)
			switch {
			case best == nil || rank(r) > rank(best):
				best = r
			case rank(r) == rank(best):
				errs = append(errs, msg.Errorf("%s:%d: code %s is %q here and %q at line %d, by equally recent sources: keep the right row and delete the other, or cite a newer source",
					file, r.line, code, r.name, best.name, best.line))
			}
		}
		c[code] = best.name
		for _, r := range named {
			if r.name != best.name && rank(r) < rank(best) {
				id, y := newest(best, sources, year)
				notes = append(notes, msg.Errorf("%s:%d: code %s is %q by the sources of this row and %q at line %d by %s (%d), the most recent source not after the pack's year: the pack uses %q",
					file, r.line, code, r.name, best.name, best.line, id, y, best.name))
			}
		}
	}

	if len(levels) > 0 {
		for _, code := range order {
			r := rows[byCode[code].first]
			i := slices.Index(levels, len(code))
			switch {
			case i < 0:
				errs = append(errs, msg.Errorf("%s:%d: code %s has %d digits: the tables that use this catalog take codes of these lengths: %s", file, r.line, code, len(code), levelList(levels)))
			case i > 0 && c[code[:levels[i-1]]] == "":
				errs = append(errs, msg.Errorf("%s:%d: code %s has no parent %s in this catalog: add the parent's row, with its source", file, r.line, code, code[:levels[i-1]]))
			}
		}
	}
	return c, notes, errors.Join(errs...)
}

// newest is the source of row r with the most recent year not after the
// pack's year, and that year; "" and -1 when every source of the row is
// newer than the pack.
func newest(r *catalogRow, sources map[string]*Source, year int) (string, int) {
	id, best := "", -1
	for _, s := range r.sources {
		if y := sources[s].Year; y <= year && y > best {
			id, best = s, y
		}
	}
	return id, best
}

// levelList writes code lengths as "3, 5, 7".
func levelList(levels []int) string {
	s := make([]string, len(levels))
	for i, n := range levels {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ", ")
}

// catalogLevels are the code lengths of the tree rows that use catalog
// name, in increasing order (nil when no table uses it).
func catalogLevels(p *Pack, name string) []int {
	var out []int
	for _, t := range p.Tables {
		for _, s := range t.Sides {
			for _, r := range append(slices.Clip(s.Rows), s.Foot...) {
				if r.Tree != name {
					continue
				}
				for _, n := range r.Levels {
					if n > 0 && !slices.Contains(out, n) {
						out = append(out, n)
					}
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

// unusedSources reports the sources that no catalog row cites, at their lines.
func unusedSources(file string, sources map[string]*Source) []error {
	var errs []error
	for _, id := range sortedKeys(sources) {
		if sources[id].Cited == 0 {
			errs = append(errs, msg.Errorf("%s:%d: source %s is cited by no catalog row: cite it or delete it", file, sources[id].Line, id))
		}
	}
	return errs
}

// Names finds a catalog's codes by their subject names. Its index is made
// on the first look-up, once: a side whose rows carry codes never needs
// it, and a side matched by names looks each row up in it, never through
// the whole catalog.
//
// The folded index, which folds every name of the catalog, is made only
// when a name is not found as written.
type Names struct {
	cat                   Catalog
	exactOnce, foldedOnce sync.Once
	exact                 map[string][]string // name → codes
	// folded holds the codes of the names that Fold changes, by the
	// folded name; a name that is its own fold is in exact alone.
	folded map[string][]string
}

// NewNames returns the name index of catalog c. A nil *Names knows no name.
func NewNames(c Catalog) *Names { return &Names{cat: c} }

// exactIndex makes the index of the names as written, once.
func (n *Names) exactIndex() {
	n.exactOnce.Do(func() {
		n.exact = make(map[string][]string, len(n.cat))
		for code, name := range n.cat {
			n.exact[name] = append(n.exact[name], code)
		}
	})
}

// foldedIndex makes the index of the names that Fold changes, once.
func (n *Names) foldedIndex() {
	n.foldedOnce.Do(func() {
		n.folded = map[string][]string{}
		for code, name := range n.cat {
			if f := Fold(name); f != name {
				n.folded[f] = append(n.folded[f], code)
			}
		}
	})
}

// CodeOf finds the code of a subject name among the levels of tree row
// tree; "" when the name is empty, unknown or ambiguous.
func (n *Names) CodeOf(tree *Row, name string) string {
	if n == nil || name == "" {
		return ""
	}
	n.exactIndex()
	return only(tree, n.exact[name])
}

// codeOfFolded is the code of tree's levels whose name, folded (see Fold),
// is folded; "" when none is, or several are.
func (n *Names) codeOfFolded(tree *Row, folded string) string {
	if n == nil {
		return ""
	}
	n.exactIndex()
	n.foldedIndex()
	return only(tree, n.exact[folded], n.folded[folded]) // Fold(folded) is folded
}

// only is the one code of the lists of codes that is of one of tree's
// levels; "" when none is, or several are.
func only(tree *Row, lists ...[]string) string {
	found := ""
	for _, codes := range lists {
		for _, code := range codes {
			if tree.HasLevel(code) {
				if found != "" {
					return ""
				}
				found = code
			}
		}
	}
	return found
}

// invalidUTF8 is the offset of the first byte of b that is not part of
// valid UTF-8 text.
func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// csvFault says in the user's language what is wrong with a CSV record.
func csvFault(err error) error {
	switch {
	case errors.Is(err, csv.ErrFieldCount):
		return msg.Errorf("wrong number of fields")
	case errors.Is(err, csv.ErrBareQuote):
		return msg.Errorf("a \" inside a field that does not start with one: quote the whole field and double the \" inside, as in \"a\"\"b\"")
	case errors.Is(err, csv.ErrQuote):
		return msg.Errorf("a quoted field is not closed, or its closing \" is followed by more text")
	}
	return err
}
