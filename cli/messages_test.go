package cli

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// keys are the Latin words a Chinese message may hold: the keys and values
// a user writes (file keys, column keys, flag values), names of formats
// and programs, and the commands.
var keys = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`budgetxl fill form verify extract import templates check help
		CSV UTF TOML GB xlsx xls zip Excel WPS Notepad true false zh en
		code name pack year note department amount_unit dataset out password lang config
		total basic project subtotal staff public goal other indicators`) {
		keys[w] = true
	}
}

// english returns the English words of a Chinese output, after dropping
// paths (TMP/...), quoted values (the user's own text), flags, file names
// and dotted names (rule ids), and the allowed keys.
func english(s string) []string {
	s = regexp.MustCompile(`TMP(/\S*)?|\.\./\S*|"[^"]*"|--?[a-z][\w-]*|[\w.-]*/[\w./-]+|[\w-]*\.[\w.-]+`).ReplaceAllString(s, " ")
	var out []string
	for _, w := range regexp.MustCompile(`[A-Za-z][A-Za-z_]*`).FindAllString(s, -1) {
		if !keys[w] && !strings.Contains(w, "_") { // field keys: basic_total
			out = append(out, w)
		}
	}
	return out
}

// TestNoEnglishInChinese runs the commands on bad inputs and checks that
// what they print in Chinese holds no English: every message a user can
// cause is translated, those of the libraries (flags, TOML, zip, system
// errors) included.
func TestNoEnglishInChinese(t *testing.T) {
	tmp := t.TempDir()
	ds := func(name string, edits map[string]string) string {
		dir := filepath.Join(tmp, name)
		if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "samples", "demo-2025"))); err != nil {
			t.Fatal(err)
		}
		for file, text := range edits {
			path := filepath.Join(dir, file)
			if text == "DIR" {
				os.Remove(path)
				if err := os.Mkdir(path, 0o755); err != nil {
					t.Fatal(err)
				}
				continue
			}
			if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return "TMP/" + name
	}
	unit := func(extra string) string {
		return "pack = \"cq-2025\"\nname = \"某单位\"\ncode = \"1\"\ndepartment = \"某部门\"\nyear = 2025\namount_unit = \"元\"\n" + extra
	}
	if err := os.WriteFile(filepath.Join(tmp, "notes.txt"), []byte("not a workbook\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var zipped bytes.Buffer // a zip archive that holds no workbook
	zw := zip.NewWriter(&zipped)
	if w, err := zw.Create("a.txt"); err != nil || zw.Close() != nil {
		t.Fatal(err)
	} else {
		w.Write(nil)
	}
	for name, b := range map[string][]byte{"nobook.xlsx": zipped.Bytes(), "cut.xlsx": []byte("PK\x03\x04\x14\x00 cut short"), "old.xls": []byte("\xD0\xCF\x11\xE0\xA1\xB1")} {
		if err := os.WriteFile(filepath.Join(tmp, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(tmp, "folder.xlsx"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(tmp, "nopacks"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(tmp, "bad.toml"), []byte("dataset = samples\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	badPack := filepath.Join(tmp, "badpack")
	if err := os.CopyFS(badPack, os.DirFS(filepath.Join("..", "templates", "cq-2025"))); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(badPack, "4-4.toml"), []byte("id = \"4-4\"\nsheet = 附件4-4\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := [][]string{
		{"fill", "--bogus"},
		{"fill", "-x"},
		{"fill", "--templates", "../templates", "-o"},
		{"verify", "--json=maybe", "TMP/notes.txt"},
		{"fill", "TMP/notes.txt"},
		{"fill", "a", "b"},
		{"verify", "TMP/folder.xlsx"},
		{"verify", "TMP/notes.txt"},
		{"verify", "TMP/none.xlsx"},
		{"verify", "TMP/nobook.xlsx"},
		{"verify", "TMP/cut.xlsx"},
		{"verify", "TMP/old.xls"},
		{"verify", "TMP/folder.xlsx", "--annotate", "TMP/a.xlsx"},
		{"extract", "TMP/folder.xlsx", "-o", "TMP/x"},
		{"extract", "TMP/notes.txt", "-o", "TMP/x"},
		{"import", "TMP/folder.xlsx", "-o", "TMP/x"},
		{"import", "TMP/none.txt", "-o", "TMP/x"},
		{"--config", "TMP/none.toml", "fill"},
		{"--config", "TMP/bad.toml", "fill"},
		{"templates", "check", "TMP/badpack"},
		{"templates", "check", "TMP/none"},
		{"fill", ds("u-unquoted", map[string]string{"unit.toml": unit("note = 某说明\n")})},
		{"fill", ds("u-zero", map[string]string{"unit.toml": unit("") + "[x]\ncode = 0123\n"})},
		{"fill", ds("u-type", map[string]string{"unit.toml": strings.Replace(unit(""), "year = 2025", `year = "2025"`, 1)})},
		{"fill", ds("u-twice", map[string]string{"unit.toml": unit("name = \"又一个\"\n")})},
		{"fill", ds("u-bytes", map[string]string{"unit.toml": unit("note = \"\xff\xfe\"\n")})},
		{"fill", ds("u-dir", map[string]string{"unit.toml": "DIR"})},
		{"fill", ds("u-eq", map[string]string{"unit.toml": unit("note\n")})},
		{"fill", ds("u-string", map[string]string{"unit.toml": unit("note = \"unclosed\n")})},
		{"fill", ds("u-pack", map[string]string{}), "--templates", "TMP/nopacks"},
		{"fill", ds("csv-bytes", map[string]string{"4-2.csv": "code,name\n201,\xFF\n"})},
		{"fill", ds("csv-quote", map[string]string{"4-2.csv": "code,name\n201,\"a\n"})},
		{"fill", ds("csv-digits", map[string]string{"4-2.csv": "code,name\n2011,a\n"})},
		{"fill", ds("csv-dir", map[string]string{"4-3.csv": "DIR"})},
		{"fill", ds("form-toml", map[string]string{"projects.toml": "[[project]\n"})},
		{"fill", ds("form-type", map[string]string{"overall.toml": "name = 1\n"})},
		{"form", ds("codes", map[string]string{}), "--codes", "TMP/none.csv"},
	}
	for _, args := range cases {
		if !slices.Contains(args, "--templates") && args[0] != "templates" && args[0] != "--config" {
			args = append(args, "--templates", "../templates")
		}
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			if args[0] == "fill" || args[0] == "form" {
				if !slices.Contains(args, "-o") {
					args = append(args, "-o", "TMP/out.xlsx")
				}
			}
			code, stdout, stderr := run(t, tmp, args...)
			if code == 0 {
				t.Errorf("exit 0: %s", stdout)
			}
			out := stdout + stderr
			if out == "" {
				t.Error("no message")
			}
			if e := english(out); len(e) > 0 {
				t.Errorf("English in the Chinese output %q:\n%s", e, out)
			}
		})
	}
}
