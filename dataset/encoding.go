package dataset

import (
	"strings"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Encoding is how Write encodes the CSV files of a dataset. Decode reads
// both back. TOML files (unit.toml, forms) are always UTF-8, as TOML wants.
type Encoding string

// Encodings of the CSV files written.
const (
	// UTF8 is UTF-8 with a byte order mark, the mark Excel needs to read a
	// CSV file as UTF-8 rather than in the system's code page (GBK on
	// Chinese Windows), where the Chinese would be garbled.
	UTF8 Encoding = "utf-8"
	// GB18030 is the Chinese national encoding, a superset of GBK: what
	// Excel on Chinese Windows reads, and writes as "CSV (逗号分隔)".
	GB18030 Encoding = "gb18030"
)

// ParseEncoding accepts "utf-8" (or "utf8") and "gb18030", in any case.
func ParseEncoding(s string) (Encoding, bool) {
	switch strings.ToLower(s) {
	case "utf-8", "utf8":
		return UTF8, true
	case "gb18030":
		return GB18030, true
	}
	return "", false
}

// encode turns a CSV file's UTF-8 text into the encoding's bytes.
func (e Encoding) encode(text []byte) ([]byte, error) {
	if e == GB18030 {
		return simplifiedchinese.GB18030.NewEncoder().Bytes(text)
	}
	return append([]byte("\xEF\xBB\xBF"), text...), nil
}
