package pack

import (
	"budgetxl/msg"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"strings"
)

// Catalog maps classification codes to their official names.
type Catalog map[string]string

// LoadCatalog reads a UTF-8 CSV file with the header "code,name".
func LoadCatalog(file string) (Catalog, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, msg.Errorf("%s: %v", file, msg.File(err))
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = 2
	c := Catalog{}
	for line := 1; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line, err = pe.Line, pe.Err
			}
			return nil, msg.Errorf("%s:%d: %v (want two columns: code,name)", file, line, err)
		}
		if line == 1 {
			if rec[0] != "code" || rec[1] != "name" {
				return nil, msg.Errorf("%s:1: header is %q, want \"code,name\"", file, strings.Join(rec, ","))
			}
			continue
		}
		code, name := strings.TrimSpace(rec[0]), strings.TrimSpace(rec[1])
		switch {
		case !IsDigits(code):
			return nil, msg.Errorf("%s:%d: code %q is not a number of digits", file, line, code)
		case name == "":
			return nil, msg.Errorf("%s:%d: code %s has no name", file, line, code)
		case c[code] != "":
			return nil, msg.Errorf("%s:%d: code %s appears twice", file, line, code)
		}
		c[code] = name
	}
	return c, nil
}

// CodeOf finds the code of a subject name among the levels of tree row
// tree; "" when the name is empty, unknown or ambiguous.
func (c Catalog) CodeOf(tree *Row, name string) string {
	if name == "" {
		return ""
	}
	found := ""
	for code, n := range c {
		if n == name && tree.HasLevel(code) {
			if found != "" {
				return ""
			}
			found = code
		}
	}
	return found
}
