package dataset

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"budgetxl/msg"
	"budgetxl/pack"
)

// TestBlank: a blank dataset keeps the codes, names and record texts and
// nothing else; each list gets the template's blank rows.
func TestBlank(t *testing.T) {
	p, d, err := Open(demo, templates)
	if err != nil {
		t.Fatal(err)
	}
	b := d.Blank(p)
	if len(b.Tables) != len(d.Tables) || b.Unit != d.Unit {
		t.Fatalf("blank has %d tables, unit %+v", len(b.Tables), b.Unit)
	}
	for id, td := range d.Tables {
		bt := b.Tables[id]
		if got, want := strings.Join(bt.Codes(), " "), strings.Join(td.Codes(), " "); got != want {
			t.Errorf("%s: codes %s, want %s", id, got, want)
		}
		for _, r := range bt.Rows {
			if r.HasValues() || !pack.IsDigits(r.Key) || r.Name != td.ByKey[r.Key].Name {
				t.Errorf("%s: row %s", id, dumpRow(p.Table(id), r))
			}
		}
	}
	for id, f := range d.Forms {
		tbl := p.Table(id)
		bf := b.Forms[id]
		if len(bf.Records) != len(f.Records) {
			t.Fatalf("%s: %d records, want %d", id, len(bf.Records), len(f.Records))
		}
		for i, rec := range bf.Records {
			for key, v := range f.Records[i].Fields {
				text := tbl.Form.Field(key).Kind == pack.FieldText
				if got, ok := rec.Fields[key]; ok != text || (ok && got != v) {
					t.Errorf("%s record %d field %s: kept %v (%q), want kept %v", id, i+1, key, ok, got.Text, text)
				}
			}
			for _, l := range tbl.Form.Lists {
				items := rec.Lists[l.Key]
				if len(items) != l.BlankRows || l.BlankRows == 0 {
					t.Errorf("%s record %d: %d items in %s, want %d blank rows", id, i+1, len(items), l.Key, l.BlankRows)
				}
				for _, it := range items {
					if len(it.Fields) > 0 {
						t.Errorf("%s record %d: a blank row has %v", id, i+1, it.Fields)
					}
				}
			}
		}
	}
}

func TestReadCodes(t *testing.T) {
	p, _, err := Open(demo, templates)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, text, want string
	}{
		{"codes", "table,code,name\n4-2,2080505,\n\n4-2,2070101,行政运行\n4-3,30101,基本工资\n",
			"4-2: 2080505 · 2070101 行政运行 | 4-3: 30101 基本工资"},
		{"header", "code,name\n2080505,x\n", "$FILE:1: the first line must be the header table,code,name"},
		{"empty", "", "$FILE:1: the first line must be the header table,code,name"},
		{"bad lines", "table,code\n4-4,301\n4-9,301\n4-2,20801x\n4-2,208\n4-2,208\n4-1,20801\n4-2,0\n",
			"$FILE:2: table \"4-4\" has no code tree in pack cq-2025: use one of 4-1, 4-2, 4-3, 4-5, income-expense, income, expense\n" +
				"$FILE:3: table \"4-9\" has no code tree in pack cq-2025: use one of 4-1, 4-2, 4-3, 4-5, income-expense, income, expense\n" +
				"$FILE:4: code \"20801x\" is not a classification code (digits only)\n" +
				"$FILE:6: code 208 of table 4-2 is listed twice (first on line 5)\n" +
				"$FILE:7: code 20801 has 5 digits; this table's codes have 3 digits\n" + // found by FuzzCodes
				"$FILE:8: code 0 has 1 digits; this table's codes have 3/5/7 digits"},
		{"quote", "table,code\n4-2,\"208\n", "$FILE:2: a quoted field is not closed, or its closing \" is followed by more text"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "codes.csv")
			if err := os.WriteFile(file, []byte(tt.text), 0o644); err != nil {
				t.Fatal(err)
			}
			tables, err := ReadCodes(file, p)
			var got string
			if err != nil {
				got = strings.ReplaceAll(msg.Render(msg.EN, err), file, "$FILE")
			} else {
				var parts []string
				for _, id := range sortedKeys(tables) {
					var rows []string
					for _, r := range tables[id].Rows {
						rows = append(rows, strings.TrimSpace(r.Key+" "+r.Name))
					}
					parts = append(parts, id+": "+strings.Join(rows, " · "))
				}
				got = strings.Join(parts, " | ")
			}
			if got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}
