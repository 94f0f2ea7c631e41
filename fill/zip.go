package fill

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash"
	"hash/crc32"
	"io"
	"io/fs"
	"sort"

	"github.com/xuri/excelize/v2"
)

// sortedZip is an excelize.ZipWriter that writes the parts of a workbook in
// name order, so that the same data at the same time (see Now) always give
// the same bytes: excelize writes streamed sheets in the order of a map.
// Each part is compressed as it is written and kept until Close. Parts
// carry no modification time, as with excelize's own writer.
//
// One compressor serves every part in turn (excelize writes a part whole
// before it creates the next): a new one per part would cost more than
// compressing a small workbook.
type sortedZip struct {
	zw    *zip.Writer
	parts []*zipPart
	fw    *flate.Writer // of the last part created
}

func newSortedZip(w io.Writer) excelize.ZipWriter { return &sortedZip{zw: zip.NewWriter(w)} }

// zipPart is one compressed part.
type zipPart struct {
	name string
	data bytes.Buffer
	fw   *flate.Writer
	crc  hash.Hash32
	size uint64
}

func (p *zipPart) Write(b []byte) (int, error) {
	if p.closed() {
		return 0, errPartDone
	}
	p.crc.Write(b)
	p.size += uint64(len(b))
	return p.fw.Write(b)
}

// Create starts the part name.
func (z *sortedZip) Create(name string) (io.Writer, error) {
	p := &zipPart{name: name, crc: crc32.NewIEEE()}
	if err := z.finish(); err != nil {
		return nil, err
	}
	if z.fw == nil {
		fw, err := flate.NewWriter(&p.data, flate.DefaultCompression)
		if err != nil {
			return nil, err
		}
		z.fw = fw
	} else {
		z.fw.Reset(&p.data)
	}
	p.fw = z.fw
	z.parts = append(z.parts, p)
	return p, nil
}

// finish ends the compression of the last part created: a later write to
// it is an error (flate's, after Close), never a silently broken part.
func (z *sortedZip) finish() error {
	if len(z.parts) == 0 {
		return nil
	}
	last := z.parts[len(z.parts)-1]
	if last.fw == nil {
		return nil
	}
	err := last.fw.Close()
	last.fw = nil
	return err
}

func (p *zipPart) closed() bool { return p.fw == nil }

// AddFS adds every file of fsys as a part.
func (z *sortedZip) AddFS(fsys fs.FS) error {
	return fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		w, err := z.Create(name)
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	})
}

// errPartDone is a write to a part after the next one was created.
var errPartDone = errors.New("fill: a zip part written after the next part was created")

// Close writes the parts in name order and ends the archive.
func (z *sortedZip) Close() error {
	if err := z.finish(); err != nil {
		return err
	}
	sort.SliceStable(z.parts, func(i, j int) bool { return z.parts[i].name < z.parts[j].name })
	for _, p := range z.parts {
		w, err := z.zw.CreateRaw(&zip.FileHeader{
			Name: p.name, Method: zip.Deflate,
			CRC32: p.crc.Sum32(), CompressedSize64: uint64(p.data.Len()), UncompressedSize64: p.size,
		})
		if err != nil {
			return err
		}
		if _, err := p.data.WriteTo(w); err != nil {
			return err
		}
	}
	return z.zw.Close()
}
