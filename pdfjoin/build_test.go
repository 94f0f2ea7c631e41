package pdfjoin

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// doc is a PDF for the tests: its objects by number (the text between
// "obj" and "endobj", streams given by their data), the catalog's number
// and the document information's (0 for none).
type doc struct {
	objs    map[int]string
	streams map[int]string // data of stream objects; objs holds their dictionary (without Length)
	root    int
	info    int
}

// page is the text of one page's content stream, in Helvetica.
func content(text string) string {
	return fmt.Sprintf("BT /F1 24 Tf 72 700 Td (%s) Tj ET", text)
}

// sample is a document of pages with the given texts: the page tree two
// levels deep, Resources and MediaBox inherited from its root, and
// bookmarks from outline ("title>page" per item, "  " before a child).
func sample(texts []string, outline []string, info string) *doc {
	d := &doc{objs: map[int]string{}, streams: map[int]string{}, root: 1}
	n := 10
	next := func() int { n++; return n }
	var pageNums []int
	for _, t := range texts {
		p, c := next(), next()
		d.streams[c] = content(t)
		d.objs[c] = "<<>>"
		d.objs[p] = fmt.Sprintf("<</Type/Page/Parent 3 0 R/Contents %d 0 R>>", c)
		pageNums = append(pageNums, p)
	}
	var kids []string
	for _, p := range pageNums {
		kids = append(kids, fmt.Sprintf("%d 0 R", p))
	}
	d.objs[2] = fmt.Sprintf("<</Type/Pages/Kids[3 0 R]/Count %d/Resources 4 0 R/MediaBox[0 0 595 842]>>", len(texts))
	d.objs[3] = fmt.Sprintf("<</Type/Pages/Parent 2 0 R/Kids[%s]/Count %d>>", strings.Join(kids, " "), len(texts))
	d.objs[4] = "<</Font<</F1 5 0 R>>>>"
	d.objs[5] = "<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>"
	cat := "<</Type/Catalog/Pages 2 0 R/Lang(zh-CN)"
	if len(outline) > 0 {
		cat += "/Outlines 6 0 R"
		type it struct {
			num, parent int
			body        string
			kids        []*it
		}
		root := &it{num: 6}
		var last *it
		for _, line := range outline {
			title, page, _ := strings.Cut(strings.TrimSpace(line), ">")
			var pg int
			fmt.Sscan(page, &pg)
			x := &it{num: next(), body: fmt.Sprintf("/Title<%s>/Dest[%d 0 R/XYZ 0 842 0]", utf16hex(title), pageNums[pg-1])}
			if strings.HasPrefix(line, "  ") {
				x.parent = last.num
				last.kids = append(last.kids, x)
			} else {
				x.parent = 6
				root.kids = append(root.kids, x)
				last = x
			}
		}
		var emit func(x *it)
		emit = func(x *it) {
			body := x.body
			if x.num != 6 {
				body += fmt.Sprintf("/Parent %d 0 R", x.parent)
			}
			if len(x.kids) > 0 {
				body += fmt.Sprintf("/First %d 0 R/Last %d 0 R/Count %d", x.kids[0].num, x.kids[len(x.kids)-1].num, len(x.kids))
			}
			d.objs[x.num] = "<<" + body + ">>"
			for i, k := range x.kids {
				emit(k)
				if i > 0 {
					d.objs[k.num] = strings.TrimSuffix(d.objs[k.num], ">>") + fmt.Sprintf("/Prev %d 0 R>>", x.kids[i-1].num)
				}
				if i+1 < len(x.kids) {
					d.objs[k.num] = strings.TrimSuffix(d.objs[k.num], ">>") + fmt.Sprintf("/Next %d 0 R>>", x.kids[i+1].num)
				}
			}
		}
		emit(root)
	}
	d.objs[1] = cat + ">>"
	if info != "" {
		d.info = 7
		d.objs[7] = fmt.Sprintf("<</Title<%s>/Producer(test)>>", utf16hex(info))
	}
	return d
}

func utf16hex(s string) string {
	return strings.TrimSuffix(strings.TrimPrefix(string(textString(s)), "<"), ">")
}

// classic writes d with a cross-reference table.
func (d *doc) classic() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.6\n%\xe2\xe3\xcf\xd3\n")
	size := 0
	for n := range d.objs {
		size = max(size, n+1)
	}
	offsets := make([]int, size)
	for _, n := range sortedKeys(d.objs) {
		offsets[n] = b.Len()
		if data, ok := d.streams[n]; ok {
			fmt.Fprintf(&b, "%d 0 obj\n%s/Length %d>>\nstream\n%s\nendstream\nendobj\n", n, strings.TrimSuffix(d.objs[n], ">>"), len(data), data)
			continue
		}
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", n, d.objs[n])
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n", size)
	for n := 0; n < size; n++ {
		if offsets[n] == 0 {
			b.WriteString("0000000000 65535 f \n")
		} else {
			fmt.Fprintf(&b, "%010d 00000 n \n", offsets[n])
		}
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d/Root %d 0 R", size, d.root)
	if d.info > 0 {
		fmt.Fprintf(&b, "/Info %d 0 R", d.info)
	}
	fmt.Fprintf(&b, ">>\nstartxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes()
}

// compact writes d with a cross-reference stream (PNG Up predictor) and
// every object that is not a stream inside one object stream.
func (d *doc) compact() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	size := 0
	for n := range d.objs {
		size = max(size, n+1)
	}
	objStm, xrefNum := size, size+1
	size += 2
	type loc struct{ kind, a, b int }
	locs := make([]loc, size)
	var header, body bytes.Buffer
	idx := 0
	for _, n := range sortedKeys(d.objs) {
		if data, ok := d.streams[n]; ok {
			locs[n] = loc{1, b.Len(), 0}
			fmt.Fprintf(&b, "%d 0 obj\n%s/Length %d>>\nstream\n%s\nendstream\nendobj\n", n, strings.TrimSuffix(d.objs[n], ">>"), len(data), data)
			continue
		}
		locs[n] = loc{2, objStm, idx}
		idx++
		fmt.Fprintf(&header, "%d %d ", n, body.Len())
		body.WriteString(d.objs[n] + "\n")
	}
	packed := deflate(append(header.Bytes(), body.Bytes()...))
	locs[objStm] = loc{1, b.Len(), 0}
	fmt.Fprintf(&b, "%d 0 obj\n<</Type/ObjStm/N %d/First %d/Filter/FlateDecode/Length %d>>\nstream\n", objStm, idx, header.Len(), len(packed))
	b.Write(packed)
	b.WriteString("\nendstream\nendobj\n")
	locs[xrefNum] = loc{1, b.Len(), 0}
	var rows []byte
	prev := make([]byte, 7)
	for _, l := range locs {
		row := []byte{byte(l.kind), byte(l.a >> 24), byte(l.a >> 16), byte(l.a >> 8), byte(l.a), byte(l.b >> 8), byte(l.b)}
		rows = append(rows, 2) // Up: each byte less the one above
		for i := range row {
			rows = append(rows, row[i]-prev[i])
		}
		prev = row
	}
	packed = deflate(rows)
	fmt.Fprintf(&b, "%d 0 obj\n<</Type/XRef/Size %d/W[1 4 2]/Root %d 0 R", xrefNum, size, d.root)
	if d.info > 0 {
		fmt.Fprintf(&b, "/Info %d 0 R", d.info)
	}
	fmt.Fprintf(&b, "/Filter/FlateDecode/DecodeParms<</Predictor 12/Columns 7>>/Length %d>>\nstream\n", len(packed))
	b.Write(packed)
	fmt.Fprintf(&b, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", locs[xrefNum].a)
	return b.Bytes()
}

func deflate(b []byte) []byte {
	var out bytes.Buffer
	z := zlib.NewWriter(&out)
	z.Write(b)
	z.Close()
	return out.Bytes()
}

func sortedKeys(m map[int]string) []int {
	var keys []int
	for k := range m {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	return keys
}

// save writes b to a file in a temp dir of t.
func save(t *testing.T, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
