package workbook

import (
	"archive/zip"
	"fmt"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"

	kflate "github.com/klauspost/compress/flate"

	"budgetxl/msg"
)

// pkg is an opened .xlsx package: its parts by name, read within limits.
type pkg struct {
	file  string
	zip   *zip.Reader
	parts map[string]*zip.File // by name without a leading slash
	lim   Limits
	read  int64 // inflated bytes read so far

	inflater io.ReadCloser // the inflater of the parts (see inflate), nil before the first
}

// open indexes the zip's parts.
func openPkg(file string, r io.ReaderAt, size int64, lim Limits) (*pkg, error) {
	z, err := zip.NewReader(r, size)
	if err != nil {
		return nil, err
	}
	p := &pkg{file: file, zip: z, parts: map[string]*zip.File{}, lim: lim}
	// klauspost's inflater takes about 60% of compress/flate's time, and
	// inflating is a quarter of reading a workbook. Parts are read one
	// after another: one inflater serves them all.
	z.RegisterDecompressor(zip.Deflate, p.inflate)
	for _, f := range z.File {
		p.parts[strings.TrimPrefix(f.Name, "/")] = f
	}
	return p, nil
}

// inflate returns the package's inflater reading r; closing it keeps it
// for the next part.
func (p *pkg) inflate(r io.Reader) io.ReadCloser {
	if p.inflater == nil {
		p.inflater = kflate.NewReader(r)
	} else if err := p.inflater.(kflate.Resetter).Reset(r, nil); err != nil {
		p.inflater = kflate.NewReader(r)
	}
	return io.NopCloser(p.inflater)
}

// part reads a whole part; "" and no error when the package has none.
// The part is read into one string, from which the scanner cuts names,
// values and texts without copying them.
func (p *pkg) part(name string) (string, error) {
	f := p.parts[name]
	if f == nil {
		return "", nil
	}
	r, err := f.Open()
	if err != nil {
		return "", msg.Errorf("part %s cannot be opened: it is damaged, or compressed in a way workbooks are not", name)
	}
	defer r.Close()
	limit := min(p.lim.MaxPartBytes, p.lim.MaxTotalBytes-p.read)
	// One buffer of the size the zip declares, which a hostile header may
	// overstate: no more than the limit, nor 64 times the compressed size.
	size := min(int64(min(f.UncompressedSize64, 1<<62)), limit, 64*int64(min(f.CompressedSize64, 1<<50))+4096)
	// The flate reader inflates straight into the buffer, which then
	// becomes the part's string: the bytes are not written again.
	b := make([]byte, 0, int(size)+512)
	lr := io.LimitReader(r, limit+1)
	for {
		if len(b) == cap(b) {
			b = slices.Grow(b, len(b)/2+512)
		}
		m, err := lr.Read(b[len(b):cap(b)])
		b = b[:len(b)+m]
		if err == io.EOF {
			break
		}
		if err != nil {
			p.read += int64(len(b))
			return "", msg.Errorf("part %s is damaged: its compressed data cannot be read", name)
		}
	}
	n := int64(len(b))
	p.read += n
	if n > limit {
		if limit < p.lim.MaxPartBytes {
			return "", msg.Errorf("the parts of the workbook inflate to more than %d MiB (a zip bomb?)", p.lim.MaxTotalBytes>>20)
		}
		return "", msg.Errorf("part %s inflates to more than %d MiB (a zip bomb?)", name, p.lim.MaxPartBytes>>20)
	}
	if n == 0 {
		return "", nil
	}
	return unsafe.String(&b[0], n), nil
}

// rel is one relationship of a part.
type rel struct {
	id, typ, target string
	external        bool
}

// rels reads the relationships of part name (e.g. xl/workbook.xml →
// xl/_rels/workbook.xml.rels), with targets resolved to part names.
func (p *pkg) rels(name string) ([]rel, error) {
	dir, base := path.Split(name)
	b, err := p.part(dir + "_rels/" + base + ".rels")
	if err != nil || b == "" {
		return nil, err
	}
	var out []rel
	s := &scanner{data: b}
	for {
		if err := s.next(); err != nil {
			return nil, msg.Errorf("part %s: %v", dir+"_rels/"+base+".rels", err)
		}
		if s.kind == tokEOF {
			return out, nil
		}
		if s.kind != tokStart || s.name != "Relationship" {
			continue
		}
		r := rel{}
		r.id, _ = s.attr("Id")
		r.typ, _ = s.attr("Type")
		r.target, _ = s.attr("Target")
		mode, _ := s.attr("TargetMode")
		r.external = mode == "External"
		if !r.external {
			r.target = resolve(dir, r.target)
		}
		out = append(out, r)
	}
}

// resolve turns a relationship target into a part name.
func resolve(dir, target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return strings.TrimPrefix(path.Clean("/"+dir+target), "/")
}

// relOfType returns the target of the first relationship whose type ends
// in suffix (types differ between transitional and strict OOXML), or def.
func relOfType(rels []rel, suffix, def string) string {
	for _, r := range rels {
		if strings.HasSuffix(r.typ, suffix) && !r.external {
			return r.target
		}
	}
	return def
}

// sheetRef is a sheet as the workbook part lists it.
type sheetRef struct {
	name, state, rid string
}

// workbookPart is what the workbook part says.
type workbookPart struct {
	sheets          []sheetRef
	titles          map[int]string // print titles by sheet index
	fullCalcOnLoad  bool
	structureLocked bool
}

func readWorkbookPart(b string) (*workbookPart, error) {
	w := &workbookPart{titles: map[int]string{}}
	s := &scanner{data: b}
	for {
		if err := s.next(); err != nil {
			return nil, err
		}
		if s.kind == tokEOF {
			return w, nil
		}
		if s.kind != tokStart {
			continue
		}
		switch s.name {
		case "sheet":
			var r sheetRef
			r.name, _ = s.attr("name")
			r.state, _ = s.attr("state")
			r.rid, _ = s.attr("id")
			w.sheets = append(w.sheets, r)
		case "workbookProtection":
			w.structureLocked = s.attrBool("lockStructure")
		case "calcPr":
			w.fullCalcOnLoad = s.attrBool("fullCalcOnLoad")
		case "definedName":
			name, _ := s.attr("name")
			scope, scoped := s.attr("localSheetId")
			text, err := elementText(s)
			if err != nil {
				return nil, err
			}
			if i, err := strconv.Atoi(scope); scoped && err == nil && name == "_xlnm.Print_Titles" {
				w.titles[i] = text
			}
		}
	}
}

// elementText reads the text content of the element just started, up to
// its end, and decodes it.
func elementText(s *scanner) (string, error) {
	if s.empty {
		return "", nil
	}
	var sb strings.Builder
	depth := 1
	for depth > 0 {
		if err := s.next(); err != nil {
			return "", err
		}
		switch s.kind {
		case tokEOF:
			depth = 0
		case tokStart:
			if !s.empty {
				depth++
			}
		case tokEnd:
			depth--
		case tokText:
			t, err := s.textOf()
			if err != nil {
				return "", err
			}
			sb.WriteString(t)
		}
	}
	return sb.String(), nil
}

// style is what a cell format (xf) says of a cell.
type style struct {
	numFmt string
	locked bool
}

// readStyles reads the cell formats of the styles part.
func readStyles(b string) ([]style, error) {
	s := &scanner{data: b}
	custom := map[int]string{}
	var xfs []style
	var inXfs, inXf, applied bool
	for {
		if err := s.next(); err != nil {
			return nil, err
		}
		switch s.kind {
		case tokEOF:
			return xfs, nil
		case tokEnd:
			switch s.name {
			case "cellXfs":
				inXfs = false
			case "xf":
				inXf = false
			}
		case tokStart:
			switch s.name {
			case "numFmt":
				code, _ := s.attr("formatCode")
				custom[s.attrInt("numFmtId")] = code
			case "cellXfs":
				inXfs = !s.empty
			case "xf":
				if !inXfs {
					continue
				}
				xfs = append(xfs, style{numFmt: numFmtName(s.attrInt("numFmtId"), custom), locked: true})
				apply, set := s.attr("applyProtection")
				applied = !set || apply == "1" || apply == "true" // else the default: locked
				inXf = !s.empty
			case "protection":
				if inXf && applied && len(xfs) > 0 {
					if v, ok := s.attr("locked"); ok {
						xfs[len(xfs)-1].locked = v == "1" || v == "true"
					}
				}
			}
		}
	}
}

// numFmtName names a number format as Dump shows it: the code of a custom
// format, General, @ (text) or the number of a built-in format.
func numFmtName(id int, custom map[int]string) string {
	if !builtinNumFmt(id) {
		if code, ok := custom[id]; ok {
			return code
		}
		return "General"
	}
	switch id {
	case 0:
		return "General"
	case 49:
		return "@"
	}
	return fmt.Sprintf("builtin %d", id)
}

// builtinNumFmt tells whether id is one of the built-in formats (ECMA-376
// §18.8.30, with the East Asian ones).
func builtinNumFmt(id int) bool {
	return 0 <= id && id <= 22 || 27 <= id && id <= 40 || 45 <= id && id <= 62 || 67 <= id && id <= 81
}

// readSharedStrings reads the shared strings part.
func readSharedStrings(b string) ([]string, error) {
	s := &scanner{data: b}
	var out []string
	var sb strings.Builder
	in, phonetic, text := false, 0, false
	for {
		if err := s.next(); err != nil {
			return nil, err
		}
		switch s.kind {
		case tokEOF:
			return out, nil
		case tokStart:
			switch s.name {
			case "si":
				in = !s.empty
				sb.Reset()
				if s.empty {
					out = append(out, "")
				}
			case "rPh":
				if !s.empty {
					phonetic++
				}
			case "t":
				text = in && phonetic == 0 && !s.empty
			}
		case tokEnd:
			switch s.name {
			case "si":
				if in {
					t := unescapeOOXML(sb.String())
					if n := utf8.RuneCountInString(t); n > MaxTextLength {
						return nil, msg.Errorf("shared string %d holds %d characters, more than the %d a cell can hold", len(out), n, MaxTextLength)
					}
					out = append(out, t)
				}
				in = false
			case "rPh":
				phonetic = max(phonetic-1, 0)
			case "t":
				text = false
			}
		case tokText:
			if text {
				t, err := s.textOf()
				if err != nil {
					return nil, err
				}
				sb.WriteString(t)
			}
		}
	}
}

// readCustomProps reads the custom document properties: name → value as text.
func readCustomProps(b string, into map[string]string) error {
	s := &scanner{data: b}
	name := ""
	for {
		if err := s.next(); err != nil {
			return err
		}
		switch s.kind {
		case tokEOF:
			return nil
		case tokStart:
			if s.name == "property" {
				name, _ = s.attr("name")
				continue
			}
			if name != "" {
				v, err := elementText(s)
				if err != nil {
					return err
				}
				into[name] = v
				name = ""
			}
		}
	}
}
