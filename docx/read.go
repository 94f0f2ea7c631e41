package docx

import (
	"archive/zip"
	"encoding/xml"
	"io"
	"os"
	"strings"

	"budgetxl/msg"
)

// MaxDocument is the largest document part Read accepts, uncompressed.
const MaxDocument = 32 << 20

// ErrNotDocx is returned for a file that is not a WordprocessingML package.
var ErrNotDocx = msg.Errorf("not a .docx document: save it in Word or WPS as .docx (Word 2007 and later)")

// ErrTooLarge is returned for a document part over MaxDocument.
var ErrTooLarge = msg.Errorf("the document is larger than 32 MB")

// ReadFile reads the text of the .docx at path; see Read. A file that
// cannot be opened gives the *os.PathError.
func ReadFile(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	return Read(f, st.Size())
}

// Read reads the text of a .docx: one string per paragraph of the body,
// and one per table row with its cells joined by tabs, in document order.
// Deleted text (tracked changes), field codes and the fallback copies of
// drawings are left out; line breaks are "\n".
func Read(r io.ReaderAt, size int64) ([]string, error) {
	z, err := zip.NewReader(r, size)
	if err != nil {
		return nil, ErrNotDocx
	}
	return read(z)
}

func read(z *zip.Reader) ([]string, error) {
	var part *zip.File
	for _, f := range z.File {
		if f.Name == "word/document.xml" {
			part = f
		}
	}
	if part == nil {
		return nil, ErrNotDocx
	}
	if part.UncompressedSize64 > MaxDocument {
		return nil, ErrTooLarge
	}
	rc, err := part.Open()
	if err != nil {
		return nil, ErrNotDocx
	}
	defer rc.Close()
	lr := &io.LimitedReader{R: rc, N: MaxDocument + 1}
	lines, err := parse(lr)
	if lr.N <= 0 {
		return nil, ErrTooLarge
	}
	return lines, err
}

// parse walks document.xml by local names, so that transitional and
// strict namespaces read alike.
func parse(r io.Reader) ([]string, error) {
	dec := xml.NewDecoder(r)
	var (
		lines      []string
		para, cell strings.Builder
		row        []string
		inText     bool
		pDepth     int // nested paragraphs (text boxes) add to the outer one
		tblDepth   int
		skip       int // inside a subtree that is left out
	)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return lines, nil
		}
		if err != nil {
			return nil, ErrNotDocx
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if skip > 0 {
				skip++
				continue
			}
			switch t.Name.Local {
			case "Fallback", "delText", "instrText", "del":
				skip = 1
			case "t":
				inText = true
			case "tab":
				para.WriteString("\t")
			case "br", "cr":
				para.WriteString("\n")
			case "noBreakHyphen":
				para.WriteString("-")
			case "p":
				pDepth++
			case "tbl":
				tblDepth++
			case "tr":
				if tblDepth == 1 {
					row = nil
				}
			}
		case xml.EndElement:
			if skip > 0 {
				skip--
				continue
			}
			switch t.Name.Local {
			case "t":
				inText = false
			case "p":
				pDepth--
				if pDepth > 0 {
					continue
				}
				if tblDepth == 0 {
					lines = append(lines, para.String())
				} else {
					if cell.Len() > 0 && para.Len() > 0 {
						cell.WriteString(" ")
					}
					cell.WriteString(strings.ReplaceAll(para.String(), "\t", " "))
				}
				para.Reset()
			case "tc":
				if tblDepth == 1 {
					row = append(row, cell.String())
					cell.Reset()
				}
			case "tr":
				if tblDepth == 1 {
					lines = append(lines, strings.Join(row, "\t"))
				}
			case "tbl":
				tblDepth--
			}
		case xml.CharData:
			if inText && skip == 0 {
				para.Write(t)
			}
		}
	}
}
