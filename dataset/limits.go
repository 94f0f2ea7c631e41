package dataset

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"strings"

	"budgetxl/msg"
)

// Limits of the text files a dataset is read from. Each reader stops at
// them with an error naming the file (and the line), so that a wrong or
// hostile file (a 100 MB line, /dev/zero, a table repeated a million
// times) is told apart in a moment instead of minutes and gigabytes.
// A real unit is far below them: 20,000 function codes make a 1 MB CSV
// file, 10,000 projects an 8.5 MB projects.toml.
const (
	// MaxFileBytes is the largest CSV file of a dataset.
	MaxFileBytes = 32 << 20
	// MaxTOMLBytes is the largest TOML file (unit.toml, a form's records):
	// decoding TOML costs about 0.2 s and 15 MB a megabyte, and 16 MB hold
	// 19,000 projects, more than a workbook can be verified with (the
	// reader's 1,500,000 cells are about 12,500 projects).
	MaxTOMLBytes = 16 << 20
	// MaxLineBytes is the longest line of a CSV file (a cell of Excel
	// holds at most 32,767 characters, about 100 KB of UTF-8).
	MaxLineBytes = 1 << 20
	// MaxLines is the most lines of one CSV file: rows of a table beyond
	// it could not be verified in the workbook either (see workbook.Limits).
	MaxLines = 200_000
)

// ReadFile reads the file name of fsys, at most max bytes; file is how
// messages name it. A larger file (or one without end, as /dev/zero) is an
// error naming the limit, read no further. A larger file that starts as
// a workbook or as binary data (NUL bytes) is returned cut to its first
// 4 KB, which Decode refuses with the message its caller gives for a file
// that is no text.
func ReadFile(fsys fs.FS, name, file string, max int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, msg.Errorf("%s: %v", file, msg.File(err))
	}
	defer f.Close()
	return readMax(f, file, max)
}

// ReadPath is ReadFile for a path of the operating system.
func ReadPath(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, msg.Errorf("%s: %v", path, msg.File(err))
	}
	defer f.Close()
	return readMax(f, path, max)
}

func readMax(r io.Reader, file string, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, msg.Errorf("%s: %v", file, msg.File(err))
	}
	if int64(len(b)) > max {
		head := b[:min(len(b), 4096)]
		if bytes.IndexByte(head, 0) >= 0 || isWorkbook(head) {
			return head, nil // not text: Decode says so, as each caller words it
		}
		return nil, msg.Errorf("%s: larger than %d MB, far more than the data of one unit: is it the right file?", file, max>>20)
	}
	return b, nil
}

// CheckLines reports the first line of text longer than maxLine bytes,
// or, when text has more than maxLines lines, the number of lines; file
// is how messages name it. It reads text once.
func CheckLines(file, text string, maxLine, maxLines int) error {
	lines := 0
	for start := 0; start < len(text); lines++ {
		if lines == maxLines {
			return msg.Errorf("%s: more than %d lines, far more than the rows of any table: is it the right file, or are rows repeated?", file, maxLines)
		}
		n := strings.IndexByte(text[start:], '\n')
		if n < 0 {
			n = len(text) - start
		}
		if n > maxLine {
			return msg.Errorf("%s:%d: the line is longer than %d KB: a table's lines are short; is it the right file?", file, lines+1, maxLine>>10)
		}
		start += n + 1
	}
	return nil
}
