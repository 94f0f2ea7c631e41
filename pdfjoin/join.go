// Package pdfjoin joins PDF files into one: the pages of each in order,
// under one page tree, and one outline in which each file's bookmarks
// stand at the top or under a bookmark of its own. budgetxl uses it to
// put a unit's 情况说明 before its tables in the PDF it publishes, both
// printed by LibreOffice, on every system (Windows has no pdfunite).
//
// It reads the PDFs LibreOffice has just written for budgetxl, not PDFs
// from anywhere: cross-reference tables and streams, object streams and
// updates, but no encryption and no repair of a damaged file. It is
// bounded all the same (a file's size, nesting, sections, pages and
// bookmarks), and answers a file it cannot read with an error, never a
// guess. It copies objects as they are (content streams are never
// decoded), so the fonts a part embeds are the fonts the joined file
// embeds. It imports only the standard library and package msg.
package pdfjoin

import (
	"bufio"
	"bytes"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"io"
	"strconv"
	"unicode/utf16"

	"budgetxl/msg"
)

// Part is one PDF to join.
type Part struct {
	Path string
	// Title, when not empty, is a bookmark at the part's first page that
	// holds the part's own bookmarks, closed; without it, the part's
	// bookmarks stand at the top of the outline.
	Title string
}

// Join writes to w one PDF of the parts' pages, in order, and returns
// how many pages each part has. The joined file keeps the document
// information (title, author) and the viewer preferences and language of
// the last part, the main document that the others come before.
func Join(w io.Writer, parts []Part) ([]int, error) {
	if len(parts) == 0 {
		return nil, msg.Errorf("no PDF to join")
	}
	files := make([]*file, len(parts))
	titles := make([]string, len(parts))
	for i, part := range parts {
		f, err := open(part.Path)
		if err != nil {
			return nil, err
		}
		files[i], titles[i] = f, part.Title
	}
	return join(w, files, titles)
}

// join writes the files joined, each under its title if it has one.
func join(w io.Writer, files []*file, titles []string) ([]int, error) {
	j := &joiner{files: files, offsets: []int{0}}
	var counts []int
	var outline []*item
	version := "1.4"
	for i, f := range files {
		j.nums = append(j.nums, map[int]int{})
		j.pageDicts = append(j.pageDicts, map[int]*dict{})
		if f.version > version && len(f.version) == 3 {
			version = f.version
		}
		cat, err := f.catalog()
		if err != nil {
			return nil, msg.Errorf("%s: %v", f.path, err)
		}
		pages, err := j.pages(i, f, cat)
		if err != nil {
			return nil, msg.Errorf("%s: %v", f.path, err)
		}
		counts = append(counts, len(pages))
		items, err := j.outline(i, f, cat)
		if err != nil {
			return nil, msg.Errorf("%s: %v", f.path, err)
		}
		if titles[i] != "" {
			first := j.pageDicts[i][pages[0]]
			items = []*item{{part: i, d: titleItem(titles[i], j.nums[i][pages[0]], f.top(first)), kids: items}}
		}
		outline = append(outline, items...)
	}
	if err := j.write(w, version, outline); err != nil {
		return nil, err
	}
	return counts, nil
}

// joiner writes the joined file: objects are numbered anew as they are
// first referred to, and written once each.
type joiner struct {
	files     []*file
	nums      []map[int]int   // per part: its object numbers to the joined file's
	pageDicts []map[int]*dict // per part: each page as it is written
	pageList  []int           // the joined file's numbers of the pages, in order
	queue     []queued
	offsets   []int // by object number: where it is written
	out       *counter
	err       error
}

type queued struct{ part, num int }

// numbered is a reference written with the joined file's number.
type numbered int

// alloc takes the next object number.
func (j *joiner) alloc() int {
	j.offsets = append(j.offsets, 0)
	return len(j.offsets) - 1
}

// ref returns the joined file's number of part's object r, queueing the
// object to be written; 0 for an object the part does not have (null).
func (j *joiner) ref(part int, r ref) int {
	if n, ok := j.nums[part][r.num]; ok {
		return n
	}
	if _, ok := j.files[part].xref[r.num]; !ok {
		return 0
	}
	n := j.alloc()
	j.nums[part][r.num] = n
	j.queue = append(j.queue, queued{part, r.num})
	return n
}

// catalog returns the document catalog of f.
func (f *file) catalog() (*dict, error) {
	r, ok := f.trailer.get("Root").(ref)
	if !ok {
		return nil, msg.Errorf("the trailer names no document catalog (Root)")
	}
	o, err := f.resolve(r)
	if err != nil {
		return nil, err
	}
	d, ok := o.(*dict)
	if !ok {
		return nil, msg.Errorf("the document catalog is not a dictionary")
	}
	return d, nil
}

// deref returns o, or the object it refers to.
func (f *file) deref(o object) (object, error) {
	if r, ok := o.(ref); ok {
		return f.resolve(r)
	}
	return o, nil
}

// inheritable are the page attributes a page may take from the page tree
// above it (§7.7.3.4): each page is given them itself, since it moves to
// another tree.
var inheritable = []name{"Resources", "MediaBox", "CropBox", "Rotate"}

// pages walks the page tree of part f, takes each page a number of the
// joined file and returns their numbers in f, in order.
func (j *joiner) pages(part int, f *file, cat *dict) ([]int, error) {
	root, ok := cat.get("Pages").(ref)
	if !ok {
		return nil, msg.Errorf("the document catalog has no page tree")
	}
	var out []int
	seen := map[int]bool{}
	var walk func(r ref, inherited map[name]object, depth int) error
	walk = func(r ref, inherited map[name]object, depth int) error {
		if depth > maxDepth {
			return msg.Errorf("the page tree is more than %d levels deep", maxDepth)
		}
		if seen[r.num] {
			return msg.Errorf("the page tree holds object %d twice", r.num)
		}
		seen[r.num] = true
		o, err := f.resolve(r)
		if err != nil {
			return err
		}
		d, ok := o.(*dict)
		if !ok {
			return msg.Errorf("object %d of the page tree is not a dictionary", r.num)
		}
		kids, hasKids := d.get("Kids"), d.get("Kids") != nil
		if d.get("Type") == name("Page") || d.get("Type") != name("Pages") && !hasKids {
			if len(out) == maxItems {
				return msg.Errorf("more than %d pages", maxItems)
			}
			page := d.clone()
			page.del("Parent")
			for _, k := range inheritable {
				if page.get(k) == nil && inherited[k] != nil {
					page.set(k, inherited[k])
				}
			}
			j.pageDicts[part][r.num] = page
			out = append(out, r.num)
			return nil
		}
		next := map[name]object{}
		for _, k := range inheritable {
			if v := d.get(k); v != nil {
				next[k] = v
			} else if v := inherited[k]; v != nil {
				next[k] = v
			}
		}
		o, err = f.deref(kids)
		if err != nil {
			return err
		}
		list, ok := o.(array)
		if !ok {
			return msg.Errorf("object %d of the page tree has no list of pages (Kids)", r.num)
		}
		for _, k := range list {
			kr, ok := k.(ref)
			if !ok {
				return msg.Errorf("object %d of the page tree lists a page that is not a reference", r.num)
			}
			if err := walk(kr, next, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(root, nil, 0); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, msg.Errorf("the PDF has no pages")
	}
	for _, p := range out {
		n := j.alloc()
		j.nums[part][p] = n
		j.queue = append(j.queue, queued{part, p})
		j.pageList = append(j.pageList, n)
	}
	return out, nil
}

// top is where the page's MediaBox ends upward, for a bookmark at its top.
func (f *file) top(page *dict) object {
	o, err := f.deref(page.get("MediaBox"))
	if a, ok := o.(array); err == nil && ok && len(a) == 4 {
		if v, ok := a[3].(atom); ok && isNumber(v) {
			return v
		}
	}
	return nil
}

// item is a bookmark: its dictionary without the links of the outline
// (Parent, First, Last, Next, Prev, Count), whether it is open, and the
// bookmarks under it.
type item struct {
	part int
	d    *dict
	open bool
	kids []*item
}

var outlineLinks = []name{"Parent", "First", "Last", "Next", "Prev", "Count"}

// outline reads the bookmarks of part f; each must lead to one of its
// pages (or be an action other than a jump, such as a link).
func (j *joiner) outline(part int, f *file, cat *dict) ([]*item, error) {
	o, err := f.deref(cat.get("Outlines"))
	if err != nil {
		return nil, err
	}
	root, ok := o.(*dict)
	if !ok {
		return nil, nil
	}
	seen, count := map[int]bool{}, 0
	var level func(first object, depth int) ([]*item, error)
	level = func(first object, depth int) ([]*item, error) {
		if depth > maxDepth {
			return nil, msg.Errorf("bookmarks nested more than %d deep", maxDepth)
		}
		var items []*item
		for next := first; next != nil; {
			r, ok := next.(ref)
			if !ok {
				return nil, msg.Errorf("a bookmark that is not a reference")
			}
			if seen[r.num] {
				return nil, msg.Errorf("the bookmarks hold object %d twice", r.num)
			}
			if count++; count > maxItems {
				return nil, msg.Errorf("more than %d bookmarks", maxItems)
			}
			seen[r.num] = true
			o, err := f.resolve(r)
			if err != nil {
				return nil, err
			}
			d, ok := o.(*dict)
			if !ok {
				return nil, msg.Errorf("bookmark %d is not a dictionary", r.num)
			}
			if err := j.checkDest(part, f, d); err != nil {
				return nil, err
			}
			n, _ := intOf(d.get("Count"))
			it := &item{part: part, d: d.clone(), open: n > 0}
			for _, k := range outlineLinks {
				it.d.del(k)
			}
			if it.kids, err = level(d.get("First"), depth+1); err != nil {
				return nil, err
			}
			items = append(items, it)
			next = d.get("Next")
		}
		return items, nil
	}
	return level(root.get("First"), 0)
}

// checkDest refuses a bookmark that jumps to no page of its part: a
// named destination (the part's names are not joined), or a page that is
// not there.
func (j *joiner) checkDest(part int, f *file, d *dict) error {
	dest, err := f.deref(d.get("Dest"))
	if err != nil {
		return err
	}
	if dest == nil {
		o, err := f.deref(d.get("A"))
		if err != nil {
			return err
		}
		action, ok := o.(*dict)
		if !ok || action.get("S") != name("GoTo") {
			return nil
		}
		if dest, err = f.deref(action.get("D")); err != nil {
			return err
		}
	}
	title := text(d.get("Title"))
	a, ok := dest.(array)
	if !ok {
		return msg.Errorf("bookmark %q jumps to a named destination, which is not joined", title)
	}
	if len(a) > 0 {
		if r, ok := a[0].(ref); ok && j.pageDicts[part][r.num] != nil {
			return nil
		}
	}
	return msg.Errorf("bookmark %q leads to no page of the file", title)
}

// titleItem is a new bookmark at the top of a page.
func titleItem(title string, page int, top object) *dict {
	d := newDict()
	d.set("Title", textString(title))
	if top == nil {
		d.set("Dest", array{numbered(page), name("Fit")})
	} else {
		d.set("Dest", array{numbered(page), name("XYZ"), atom("0"), top, atom("0")})
	}
	return d
}

// textString is a PDF text string: UTF-16BE with its byte order mark, in hex.
func textString(s string) atom {
	b := []byte("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, fmt.Sprintf("%04X", u)...)
	}
	return atom(append(b, '>'))
}

// text decodes a text string of a bookmark for messages: UTF-16BE with
// its byte order mark, else its bytes.
func text(o object) string {
	a, ok := o.(atom)
	if !ok || len(a) < 2 {
		return ""
	}
	var raw []byte
	if a[0] == '<' {
		var hexDigits []byte
		for _, c := range a[1 : len(a)-1] {
			if !isSpace(c) {
				hexDigits = append(hexDigits, c)
			}
		}
		if len(hexDigits)%2 == 1 {
			hexDigits = append(hexDigits, '0')
		}
		raw, _ = hex.DecodeString(string(hexDigits))
	} else {
		raw = []byte(a[1 : len(a)-1]) // escapes left as they are: a message only
	}
	if len(raw) >= 2 && raw[0] == 0xFE && raw[1] == 0xFF {
		u := make([]uint16, 0, len(raw)/2)
		for i := 2; i+1 < len(raw); i += 2 {
			u = append(u, uint16(raw[i])<<8|uint16(raw[i+1]))
		}
		return string(utf16.Decode(u))
	}
	return string(raw)
}

// counter counts the bytes written through it.
type counter struct {
	w *bufio.Writer
	n int
}

func (c *counter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += n
	return n, err
}

// write writes the joined file: the page tree, the outline, the catalog,
// every object they lead to, the cross-reference table and the trailer.
func (j *joiner) write(w io.Writer, version string, outline []*item) error {
	j.out = &counter{w: bufio.NewWriter(w)}
	fmt.Fprintf(j.out, "%%PDF-%s\n%%\xe2\xe3\xcf\xd3\n", version)
	pagesNum, catNum := j.alloc(), j.alloc()
	for _, part := range j.pageDicts { // every page is in the new tree
		for _, d := range part {
			d.set("Parent", numbered(pagesNum))
		}
	}
	kids := make(array, len(j.pageList))
	for i, n := range j.pageList {
		kids[i] = numbered(n)
	}
	tree := newDict()
	tree.set("Type", name("Pages"))
	tree.set("Kids", kids)
	tree.set("Count", atom(strconv.Itoa(len(kids))))
	j.object(pagesNum, -1, tree, nil)

	last := len(j.files) - 1
	lastCat, _ := j.files[last].catalog()
	cat := newDict()
	cat.set("Type", name("Catalog"))
	cat.set("Pages", numbered(pagesNum))
	if len(outline) > 0 {
		cat.set("Outlines", numbered(j.writeOutline(outline)))
	}
	for _, k := range []name{"ViewerPreferences", "Lang"} {
		if v := lastCat.get(k); v != nil {
			cat.set(k, v)
		}
	}
	j.object(catNum, last, cat, nil)
	info := 0
	if r, ok := j.files[last].trailer.get("Info").(ref); ok {
		info = j.ref(last, r)
	}
	for len(j.queue) > 0 && j.err == nil {
		q := j.queue[0]
		j.queue = j.queue[1:]
		num := j.nums[q.part][q.num]
		if page := j.pageDicts[q.part][q.num]; page != nil {
			j.object(num, q.part, page, nil)
			continue
		}
		o, err := j.files[q.part].resolve(ref{q.num, 0})
		if err != nil {
			return msg.Errorf("%s: %v", j.files[q.part].path, err)
		}
		if s, ok := o.(*stream); ok {
			d := s.dict.clone()
			d.set("Length", atom(strconv.Itoa(len(s.data))))
			j.object(num, q.part, d, s.data)
			continue
		}
		j.object(num, q.part, o, nil)
	}
	if j.err != nil {
		return j.err
	}
	xref := j.out.n
	fmt.Fprintf(j.out, "xref\n0 %d\n0000000000 65535 f \n", len(j.offsets))
	for _, off := range j.offsets[1:] {
		fmt.Fprintf(j.out, "%010d 00000 n \n", off)
	}
	id := md5.New()
	for _, f := range j.files {
		id.Write(f.b)
	}
	sum := fmt.Sprintf("%X", id.Sum(nil))
	fmt.Fprintf(j.out, "trailer\n<</Size %d/Root %d 0 R", len(j.offsets), catNum)
	if info > 0 {
		fmt.Fprintf(j.out, "/Info %d 0 R", info)
	}
	fmt.Fprintf(j.out, "/ID[<%s><%s>]>>\nstartxref\n%d\n%%%%EOF\n", sum, sum, xref)
	return j.out.w.Flush()
}

// object writes object num: o with the references of part renumbered
// (part -1 has none), and the data of a stream.
func (j *joiner) object(num, part int, o object, data []byte) {
	if j.err != nil {
		return
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "%d 0 obj\n", num)
	write(&b, o, func(r ref) int {
		if part < 0 {
			return 0
		}
		return j.ref(part, r)
	})
	if data != nil {
		b.WriteString("\nstream\n")
		b.Write(data)
		b.WriteString("\nendstream")
	}
	b.WriteString("\nendobj\n")
	j.offsets[num] = j.out.n
	if _, err := j.out.Write(b.Bytes()); err != nil {
		j.err = err
	}
}

// writeOutline numbers the bookmarks, writes them with their links and
// returns the number of the outline's root.
func (j *joiner) writeOutline(top []*item) int {
	root := j.alloc()
	var number func(items []*item)
	nums := map[*item]int{}
	number = func(items []*item) {
		for _, it := range items {
			nums[it] = j.alloc()
			number(it.kids)
		}
	}
	number(top)
	var level func(items []*item, parent int)
	level = func(items []*item, parent int) {
		for i, it := range items {
			d := it.d.clone()
			d.set("Parent", numbered(parent))
			if i > 0 {
				d.set("Prev", numbered(nums[items[i-1]]))
			}
			if i+1 < len(items) {
				d.set("Next", numbered(nums[items[i+1]]))
			}
			if len(it.kids) > 0 {
				d.set("First", numbered(nums[it.kids[0]]))
				d.set("Last", numbered(nums[it.kids[len(it.kids)-1]]))
				n := visible(it.kids)
				if !it.open {
					n = -n
				}
				d.set("Count", atom(strconv.Itoa(n)))
			}
			j.object(nums[it], it.part, d, nil)
			level(it.kids, nums[it])
		}
	}
	level(top, root)
	d := newDict()
	d.set("Type", name("Outlines"))
	d.set("First", numbered(nums[top[0]]))
	d.set("Last", numbered(nums[top[len(top)-1]]))
	d.set("Count", atom(strconv.Itoa(visible(top))))
	j.object(root, -1, d, nil)
	return root
}

// visible counts the bookmarks shown of items: each, and those under the
// open ones.
func visible(items []*item) int {
	n := 0
	for _, it := range items {
		n++
		if it.open {
			n += visible(it.kids)
		}
	}
	return n
}
