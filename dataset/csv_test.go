package dataset

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

func TestParseAmount(t *testing.T) {
	const yuan, tenK = 2, 6 // decimals allowed for 元 and 万元
	tests := []struct {
		in   string
		max  int32
		want string // the amount, "" for a blank field
		err  string
	}{
		{in: "1234.5", max: yuan, want: "1234.5"},
		{in: "0", max: yuan, want: "0"},
		{in: "  42 ", max: yuan, want: "42"},
		{in: "1,234.56", max: yuan, want: "1234.56"},
		{in: "2,176,863.16", max: yuan, want: "2176863.16"},
		{in: "123,456", max: yuan, want: "123456"},
		{in: "-3", max: yuan, want: "-3"},
		{in: "-1,000.50", max: yuan, want: "-1000.5"},
		{in: "1.230", max: yuan, want: "1.23"}, // a trailing zero is not a third decimal
		{in: "16,474.900000", max: tenK, want: "16474.9"},
		{in: "0.123456", max: tenK, want: "0.123456"},
		{in: "", max: yuan},
		{in: " \t", max: yuan},

		{in: "1,2x3", max: yuan, err: `"1,2x3" is not an amount (write digits and a decimal point, with commas only between groups of 3 digits: 1,234.56)`},
		{in: "12,34", max: yuan, err: `"12,34" is not an amount (write digits and a decimal point, with commas only between groups of 3 digits: 1,234.56)`},
		{in: "1234,567", max: yuan, err: `"1234,567" is not an amount (write digits and a decimal point, with commas only between groups of 3 digits: 1,234.56)`},
		{in: "1.", max: yuan, err: `"1." is not an amount (write digits and a decimal point, with commas only between groups of 3 digits: 1,234.56)`},
		{in: ".5", max: yuan, err: `".5" is not an amount (write digits and a decimal point, with commas only between groups of 3 digits: 1,234.56)`},
		{in: "+5", max: yuan, err: `"+5" is not an amount (write digits and a decimal point, with commas only between groups of 3 digits: 1,234.56)`},
		{in: "1e3", max: yuan, err: `"1e3" is not an amount (write digits and a decimal point, with commas only between groups of 3 digits: 1,234.56)`},
		{in: "１２３", max: yuan, err: `"１２３" is not an amount (write digits and a decimal point, with commas only between groups of 3 digits: 1,234.56)`},
		{in: "1.234", max: yuan, err: `"1.234" has more than 2 decimals`},
		{in: "1.234", max: tenK, want: "1.234"},
		{in: "0.1234567", max: tenK, err: `"0.1234567" has more than 6 decimals`},
	}
	for _, tt := range tests {
		v, ok, err := ParseAmount(tt.in, tt.max)
		switch {
		case tt.err != "":
			if err == nil {
				t.Errorf("ParseAmount(%q, %d) = %s, want error %s", tt.in, tt.max, v, tt.err)
			} else if err.Error() != tt.err {
				t.Errorf("ParseAmount(%q, %d) error:\n%s\nwant:\n%s", tt.in, tt.max, err, tt.err)
			}
		case err != nil:
			t.Errorf("ParseAmount(%q, %d): %v", tt.in, tt.max, err)
		case tt.want == "":
			if ok {
				t.Errorf("ParseAmount(%q, %d) = %s, want no amount", tt.in, tt.max, v)
			}
		case !ok || v.String() != tt.want:
			t.Errorf("ParseAmount(%q, %d) = %s, %v, want %s", tt.in, tt.max, v, ok, tt.want)
		}
	}
}

func TestDecode(t *testing.T) {
	const text = "code,name,basic\n2070101,行政运行,\"1,234.00\"\n"
	gb, err := simplifiedchinese.GB18030.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	if gb == text {
		t.Fatal("the GB18030 encoding of the test text is its UTF-8 encoding")
	}
	const notText = `neither UTF-8 nor GB18030 text: save it as CSV (UTF-8) or CSV (逗号分隔)`
	const workbook = `a workbook (.xlsx or .xls) under this name, not text: open it in Excel or WPS and save it as CSV UTF-8 (逗号分隔)`
	tests := []struct {
		name string
		in   string
		want string
		err  string
	}{
		{name: "UTF-8", in: text, want: text},
		{name: "UTF-8 with BOM", in: "\xEF\xBB\xBF" + text, want: text},
		{name: "ASCII", in: "code,total\nbudget,1\n", want: "code,total\nbudget,1\n"},
		{name: "empty", in: "", want: ""},
		{name: "GB18030", in: gb, want: text},
		{name: "UTF-16", in: utf16, err: notText},
		{name: "invalid byte", in: "code,name\n201,\xFF\n", err: notText},
		{name: "GB18030 cut in a character", in: gb[:strings.Index(gb, ",\"")-1], err: notText},
		{name: "a workbook named .csv", in: "PK\x03\x04\x14\x00\x06\x00", err: workbook},
		{name: "an .xls workbook named .csv", in: "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00", err: workbook},
	}
	for _, tt := range tests {
		got, err := Decode([]byte(tt.in))
		switch {
		case tt.err != "":
			if err == nil {
				t.Errorf("%s: Decode = %q, want error %s", tt.name, got, tt.err)
			} else if err.Error() != tt.err {
				t.Errorf("%s: Decode error:\n%s\nwant:\n%s", tt.name, err, tt.err)
			}
		case err != nil:
			t.Errorf("%s: Decode: %v", tt.name, err)
		case got != tt.want:
			t.Errorf("%s: Decode = %q, want %q", tt.name, got, tt.want)
		}
	}
}
