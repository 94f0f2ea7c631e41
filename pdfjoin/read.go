package pdfjoin

import (
	"bytes"
	"compress/zlib"
	"io"
	"os"
	"strconv"

	"budgetxl/msg"
)

// Limits of what Join reads.
const (
	// MaxFile is the largest part Join reads.
	MaxFile = 1 << 30
	// maxDecoded bounds the decoded data of one cross-reference or object stream.
	maxDecoded = 64 << 20
	// maxSections bounds the chain of cross-reference sections (updates).
	maxSections = 1000
	// maxItems bounds the pages and the bookmarks of one part.
	maxItems = 1 << 20
)

// file is one PDF read whole: its cross-reference entries and trailer,
// and the objects read so far.
type file struct {
	path    string
	b       []byte
	version string // of the header, "1.6"
	xref    map[int]entry
	trailer *dict
	objs    map[int]object
	loading map[int]bool       // objects being read: a reference loop
	objStms map[int][]streamed // object streams read
}

// entry is where an object is: at an offset, or inside an object stream.
type entry struct {
	offset   int // in the file; for a compressed object, its index in the stream
	inStream int // the object stream's number, 0 for none
}

// streamed is one object of an object stream, not yet parsed.
type streamed struct {
	num, offset int
	data        []byte
}

// open reads the PDF at path.
func open(path string) (*file, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, msg.Errorf("%s: %v", path, msg.File(err))
	}
	if st.Size() > MaxFile {
		return nil, msg.Errorf("%s: larger than %d MB", path, MaxFile>>20)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, msg.Errorf("%s: %v", path, msg.File(err))
	}
	f, err := parse(b)
	if err != nil {
		return nil, msg.Errorf("%s: %v", path, err)
	}
	f.path = path
	return f, nil
}

// parse reads the cross-reference sections and the trailer of a PDF.
func parse(b []byte) (*file, error) {
	if !bytes.HasPrefix(b, []byte("%PDF-")) || len(b) < 8 {
		return nil, msg.Errorf("not a PDF file")
	}
	f := &file{b: b, version: string(b[5:8]), xref: map[int]entry{}, objs: map[int]object{}, loading: map[int]bool{}, objStms: map[int][]streamed{}}
	tail := b[max(0, len(b)-2048):]
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return nil, msg.Errorf("no startxref at the end of the file")
	}
	p := &parser{b: b, pos: len(b) - len(tail) + i + len("startxref")}
	off, err := p.integer()
	if err != nil {
		return nil, err
	}
	seen := map[int]bool{}
	for n := 0; ; n++ {
		if n == maxSections {
			return nil, msg.Errorf("more than %d cross-reference sections", maxSections)
		}
		if seen[off] || off >= len(b) {
			return nil, atByte(off, msg.Errorf("no cross-reference section here"))
		}
		seen[off] = true
		trailer, err := f.section(off)
		if err != nil {
			return nil, err
		}
		if f.trailer == nil {
			f.trailer = trailer
		}
		if x, ok := intOf(trailer.get("XRefStm")); ok && !seen[x] { // a hybrid file's stream of compressed objects
			seen[x] = true
			if _, err := f.section(x); err != nil {
				return nil, err
			}
		}
		prev, ok := intOf(trailer.get("Prev"))
		if !ok {
			break
		}
		off = prev
	}
	if f.trailer.get("Encrypt") != nil {
		return nil, msg.Errorf("the PDF is encrypted")
	}
	return f, nil
}

// section reads the cross-reference table or stream at off and returns
// its trailer dictionary; entries already known (from a later update) win.
func (f *file) section(off int) (*dict, error) {
	p := &parser{b: f.b, pos: off}
	p.skip()
	if bytes.HasPrefix(f.b[p.pos:], []byte("xref")) {
		p.pos += len("xref")
		for {
			p.skip()
			if bytes.HasPrefix(f.b[p.pos:], []byte("trailer")) {
				p.pos += len("trailer")
				o, err := p.object(0)
				if err != nil {
					return nil, err
				}
				d, ok := o.(*dict)
				if !ok {
					return nil, atByte(p.pos, msg.Errorf("the trailer is not a dictionary"))
				}
				return d, nil
			}
			first, err := p.integer()
			if err != nil {
				return nil, err
			}
			count, err := p.integer()
			if err != nil {
				return nil, err
			}
			if count > (len(f.b)-p.pos)/18 { // an entry takes 20 bytes
				return nil, atByte(p.pos, msg.Errorf("%d cross-reference entries announced, more than the file holds", count))
			}
			for i := 0; i < count; i++ {
				offset, err := p.integer()
				if err != nil {
					return nil, err
				}
				if _, err := p.integer(); err != nil { // generation
					return nil, err
				}
				p.skip()
				at := p.pos
				kind := p.word()
				if string(kind) != "n" && string(kind) != "f" {
					return nil, atByte(at, msg.Errorf("a cross-reference entry is n or f"))
				}
				if _, known := f.xref[first+i]; !known && string(kind) == "n" {
					f.xref[first+i] = entry{offset: offset}
				}
			}
		}
	}
	num, s, err := f.indirect(off)
	if err != nil {
		return nil, err
	}
	if s == nil || s.dict.get("Type") != name("XRef") {
		return nil, msg.Errorf("object %d at byte %d is not a cross-reference stream", num, off)
	}
	return s.dict, f.xrefStream(s)
}

// xrefStream reads the entries of a cross-reference stream (§7.5.8).
func (f *file) xrefStream(s *stream) error {
	data, err := decode(s)
	if err != nil {
		return err
	}
	var w [3]int
	wa, _ := s.dict.get("W").(array)
	if len(wa) != 3 {
		return msg.Errorf("a cross-reference stream without its field widths (W)")
	}
	width := 0
	for i := range w {
		n, ok := intOf(wa[i])
		if !ok || n > 8 {
			return msg.Errorf("a cross-reference stream without its field widths (W)")
		}
		w[i] = n
		width += n
	}
	if width == 0 {
		return msg.Errorf("a cross-reference stream without its field widths (W)")
	}
	size, _ := intOf(s.dict.get("Size"))
	index := array{atom("0"), atom(strconv.Itoa(size))}
	if a, ok := s.dict.get("Index").(array); ok {
		index = a
	}
	if len(index)%2 != 0 {
		return msg.Errorf("a cross-reference stream with an odd Index")
	}
	field := func(b []byte, def int) int {
		if len(b) == 0 {
			return def
		}
		v := 0
		for _, c := range b {
			v = v<<8 | int(c)
		}
		return v
	}
	pos := 0
	for i := 0; i < len(index); i += 2 {
		first, ok1 := intOf(index[i])
		count, ok2 := intOf(index[i+1])
		if !ok1 || !ok2 || count > (len(data)-pos)/width {
			return msg.Errorf("a cross-reference stream shorter than its Index says")
		}
		for j := 0; j < count; j++ {
			row := data[pos : pos+width]
			pos += width
			kind := field(row[:w[0]], 1)
			a, b := field(row[w[0]:w[0]+w[1]], 0), field(row[w[0]+w[1]:], 0)
			if _, known := f.xref[first+j]; known {
				continue
			}
			switch kind {
			case 1:
				f.xref[first+j] = entry{offset: a}
			case 2:
				f.xref[first+j] = entry{inStream: a, offset: b}
			}
		}
	}
	return nil
}

// indirect reads the object "num gen obj ... endobj" at off.
func (f *file) indirect(off int) (int, *stream, error) {
	o, num, err := f.parseAt(off)
	if err != nil {
		return 0, nil, err
	}
	s, _ := o.(*stream)
	return num, s, nil
}

// parseAt parses the indirect object at off: its value (a *stream for a
// stream) and its number.
func (f *file) parseAt(off int) (object, int, error) {
	if off < 0 || off >= len(f.b) {
		return nil, 0, atByte(off, msg.Errorf("beyond the end of the file"))
	}
	p := &parser{b: f.b, pos: off}
	num, err := p.integer()
	if err != nil {
		return nil, 0, err
	}
	if _, err := p.integer(); err != nil {
		return nil, 0, err
	}
	if err := p.keyword("obj"); err != nil {
		return nil, 0, err
	}
	o, err := p.object(0)
	if err != nil {
		return nil, 0, err
	}
	p.skip()
	d, isDict := o.(*dict)
	if !isDict || !bytes.HasPrefix(f.b[p.pos:], []byte("stream")) {
		return o, num, nil
	}
	p.pos += len("stream")
	switch {
	case bytes.HasPrefix(f.b[p.pos:], []byte("\r\n")):
		p.pos += 2
	case p.pos < len(f.b) && (f.b[p.pos] == '\n' || f.b[p.pos] == '\r'):
		p.pos++
	default:
		return nil, 0, atByte(p.pos, msg.Errorf("a line end expected after stream"))
	}
	length, ok := intOf(d.get("Length"))
	if r, isRef := d.get("Length").(ref); isRef {
		v, err := f.resolve(r)
		if err != nil {
			return nil, 0, err
		}
		length, ok = intOf(v)
	}
	if !ok || length > len(f.b)-p.pos {
		return nil, 0, atByte(p.pos, msg.Errorf("a stream whose Length is missing or beyond the end of the file"))
	}
	data := f.b[p.pos : p.pos+length]
	p.pos += length
	if err := p.keyword("endstream"); err != nil {
		return nil, 0, err
	}
	return &stream{dict: d, data: data}, num, nil
}

// resolve returns the object r refers to (null for one that is not there).
func (f *file) resolve(r ref) (object, error) {
	if o, ok := f.objs[r.num]; ok {
		return o, nil
	}
	e, ok := f.xref[r.num]
	if !ok {
		return nil, nil
	}
	if f.loading[r.num] {
		return nil, msg.Errorf("object %d refers to itself", r.num)
	}
	f.loading[r.num] = true
	defer delete(f.loading, r.num)
	var o object
	if e.inStream != 0 {
		var err error
		if o, err = f.compressed(r.num, e); err != nil {
			return nil, err
		}
	} else {
		v, num, err := f.parseAt(e.offset)
		if err != nil {
			return nil, err
		}
		if num != r.num {
			return nil, atByte(e.offset, msg.Errorf("object %d expected, found %d", r.num, num))
		}
		o = v
	}
	f.objs[r.num] = o
	return o, nil
}

// compressed reads object num from its object stream (§7.5.7).
func (f *file) compressed(num int, e entry) (object, error) {
	objs, ok := f.objStms[e.inStream]
	if !ok {
		o, err := f.resolve(ref{e.inStream, 0})
		if err != nil {
			return nil, err
		}
		s, isStream := o.(*stream)
		if !isStream || s.dict.get("Type") != name("ObjStm") {
			return nil, msg.Errorf("object %d is not an object stream", e.inStream)
		}
		data, err := decode(s)
		if err != nil {
			return nil, err
		}
		n, ok1 := intOf(s.dict.get("N"))
		first, ok2 := intOf(s.dict.get("First"))
		if !ok1 || !ok2 || first > len(data) || n > first/4+1 {
			return nil, msg.Errorf("object stream %d: N or First is wrong", e.inStream)
		}
		p := &parser{b: data[:first]}
		for i := 0; i < n; i++ {
			on, err := p.integer()
			if err != nil {
				return nil, msg.Errorf("object stream %d: %v", e.inStream, err)
			}
			off, err := p.integer()
			if err != nil {
				return nil, msg.Errorf("object stream %d: %v", e.inStream, err)
			}
			objs = append(objs, streamed{num: on, offset: first + off, data: data})
		}
		f.objStms[e.inStream] = objs
	}
	if e.offset >= len(objs) || objs[e.offset].num != num || objs[e.offset].offset > len(objs[e.offset].data) {
		return nil, msg.Errorf("object stream %d does not hold object %d", e.inStream, num)
	}
	so := objs[e.offset]
	p := &parser{b: so.data, pos: so.offset}
	o, err := p.object(0)
	if err != nil {
		return nil, msg.Errorf("object stream %d: %v", e.inStream, err)
	}
	return o, nil
}

// decode returns the data of a cross-reference or object stream:
// FlateDecode, with or without a PNG predictor, or none.
func decode(s *stream) ([]byte, error) {
	filter := s.dict.get("Filter")
	if a, ok := filter.(array); ok && len(a) == 1 {
		filter = a[0]
	}
	parms, _ := s.dict.get("DecodeParms").(*dict)
	if a, ok := s.dict.get("DecodeParms").(array); ok && len(a) == 1 {
		parms, _ = a[0].(*dict)
	}
	switch filter {
	case nil:
		return s.data, nil
	case name("FlateDecode"):
	default:
		return nil, msg.Errorf("a stream of the file's structure is encoded with %v, which is not read", filter)
	}
	z, err := zlib.NewReader(bytes.NewReader(s.data))
	if err != nil {
		return nil, msg.Errorf("a compressed stream of the file's structure is damaged")
	}
	data, err := io.ReadAll(io.LimitReader(z, maxDecoded+1))
	if err != nil {
		return nil, msg.Errorf("a compressed stream of the file's structure is damaged")
	}
	if len(data) > maxDecoded {
		return nil, msg.Errorf("a stream of the file's structure is larger than %d MB", maxDecoded>>20)
	}
	if parms == nil {
		return data, nil
	}
	predictor, _ := intOf(parms.get("Predictor"))
	if predictor < 10 {
		if predictor > 1 {
			return nil, msg.Errorf("a stream of the file's structure uses predictor %d, which is not read", predictor)
		}
		return data, nil
	}
	columns, ok := intOf(parms.get("Columns"))
	if !ok {
		columns = 1
	}
	return unpredict(data, columns)
}

// unpredict undoes the PNG predictors (one filter byte a row) of rows of
// columns bytes.
func unpredict(data []byte, columns int) ([]byte, error) {
	if columns < 1 || columns > 1<<16 {
		return nil, msg.Errorf("a stream with predictor columns %d", columns)
	}
	row := columns + 1
	if len(data)%row != 0 {
		return nil, msg.Errorf("a predicted stream whose length is not a number of rows")
	}
	out := make([]byte, 0, len(data)/row*columns)
	prev := make([]byte, columns)
	for i := 0; i < len(data); i += row {
		kind, cur := data[i], append([]byte{}, data[i+1:i+row]...)
		for j := range cur {
			var left, up, upLeft int
			if j > 0 {
				left, upLeft = int(cur[j-1]), int(prev[j-1])
			}
			up = int(prev[j])
			switch kind {
			case 0:
			case 1:
				cur[j] += byte(left)
			case 2:
				cur[j] += byte(up)
			case 3:
				cur[j] += byte((left + up) / 2)
			case 4:
				cur[j] += byte(paeth(left, up, upLeft))
			default:
				return nil, msg.Errorf("a predicted stream with row filter %d", kind)
			}
		}
		out = append(out, cur...)
		prev = cur
	}
	return out, nil
}

func paeth(a, b, c int) int {
	p := a + b - c
	pa, pb, pc := abs(p-a), abs(p-b), abs(p-c)
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
