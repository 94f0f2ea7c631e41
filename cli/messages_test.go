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

// TestClerkMistakes: a finance clerk's usual mistakes each get one message
// in Chinese that names the file (and line) and says what to do, exit
// status 2, and nothing written (nor written over).
func TestClerkMistakes(t *testing.T) {
	tmp := t.TempDir()
	ds := func(name string, edit func(dir string)) string {
		dir := filepath.Join(tmp, name)
		if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "samples", "demo-2025"))); err != nil {
			t.Fatal(err)
		}
		edit(dir)
		return "TMP/" + name
	}
	replace := func(file, old, new string) func(string) {
		return func(dir string) {
			b, _ := os.ReadFile(filepath.Join(dir, file))
			if !bytes.Contains(b, []byte(old)) {
				t.Fatalf("%s has no %q", file, old)
			}
			os.WriteFile(filepath.Join(dir, file), bytes.Replace(b, []byte(old), []byte(new), 1), 0o644)
		}
	}
	if code, _, stderr := run(t, tmp, "fill", "../samples/demo-2025", "--templates", "../templates", "-o", "TMP/demo.xlsx"); code != 0 {
		t.Fatal(stderr)
	}
	book, _ := os.ReadFile(filepath.Join(tmp, "demo.xlsx"))
	os.WriteFile(filepath.Join(tmp, "cut.xlsx"), book[:len(book)/2], 0o644)                // a download that stopped
	os.WriteFile(filepath.Join(tmp, "csv.xlsx"), []byte("\xEF\xBB\xBFcode,name\n"), 0o644) // a CSV named .xlsx
	os.WriteFile(filepath.Join(tmp, "data.csv"), []byte("code\n"), 0o644)
	cases := []struct {
		args   []string
		stderr string
	}{
		{[]string{"fill", "TMP/我的单位"}, "错误：TMP/我的单位：找不到数据集文件夹\n"},
		{[]string{"fill", ds("a", func(string) {}) + "/4-2.csv"},
			"错误：TMP/a/4-2.csv 是文件，不是数据集文件夹：请给出存放 unit.toml 和各表文件的文件夹（TMP/a？）\n"},
		{[]string{"fill", "TMP/我的", "单位"},
			"错误：fill 只接受一个数据集文件夹，却给了 2 个参数（文件夹名中有空格时，请用英文双引号括起来：\"我的 单位\"）\n"},
		{[]string{"fill", ds("xlsx", func(dir string) { os.Rename(filepath.Join(dir, "4-2.csv"), filepath.Join(dir, "4-2.xlsx")) })},
			"错误：TMP/xlsx/4-2.csv：文件不存在；TMP/xlsx/4-2.xlsx 不会被读取：表 4-2（附件4-2）从 CSV 文件读取：请把这张表另存为 CSV（UTF-8 或 GB18030），文件名为 4-2.csv\n"},
		{[]string{"fill", ds("book", func(dir string) { os.WriteFile(filepath.Join(dir, "4-2.csv"), book, 0o644) })},
			"错误：TMP/book/4-2.csv: 这是改了名的工作簿（.xlsx 或 .xls），不是文本：请用 Excel 或 WPS 打开，另存为“CSV UTF-8(逗号分隔)”\n"},
		{[]string{"fill", ds("total", replace("4-2.csv", "total,,", ",合计,"))},
			"错误：TMP/total/4-2.csv:2: code 列为空：这一行是 \"合计\"，即表中的 total 行：请在 code 列填写 total\n"},
		{[]string{"fill", ds("quotes", replace("unit.toml", `name = "重庆市綦江区演示文化馆"`, `name = “重庆市綦江区演示文化馆”`))},
			"错误：TMP/quotes/unit.toml:2: 值应为英文双引号括起的文字、数字、true 或 false，这里是 '“'：文字请用英文双引号括起来\n"},
		{[]string{"fill", ds("year", replace("unit.toml", `year = 2025`, `year = "2025年"`))},
			"错误：TMP/year/unit.toml:5: year 只写年份的数字，不加“年”，也不加引号：year = 2025\n"},
		{[]string{"verify", "TMP/cut.xlsx"},
			"错误：TMP/cut.xlsx：不是可读取的 .xlsx 工作簿：文件已损坏或不完整（下载或复制没有完成？）：请重新获取这个工作簿，或用 Excel 打开后重新保存\n"},
		{[]string{"verify", "TMP/csv.xlsx"},
			"错误：TMP/csv.xlsx：不是可读取的 .xlsx 工作簿：这是文本文件（如 CSV），不是工作簿：请用 Excel 或 WPS 打开，另存为“Excel 工作簿（.xlsx）”\n"},
		// An output of the wrong type would replace the clerk's file with
		// one no program opens under its name.
		{[]string{"fill", "../samples/demo-2025", "-o", "TMP/data.csv"},
			"错误：TMP/data.csv：本命令写出的是 .xlsx 文件：请给出以 .xlsx 结尾的文件名\n"},
		{[]string{"form", "../samples/demo-2025", "-o", "TMP/data.csv"},
			"错误：TMP/data.csv：本命令写出的是 .xlsx 文件：请给出以 .xlsx 结尾的文件名\n"},
		{[]string{"pdf", "TMP/demo.xlsx", "-o", "TMP/data.csv"},
			"错误：TMP/data.csv：本命令写出的是 .pdf 文件：请给出以 .pdf 结尾的文件名\n"},
		{[]string{"verify", "TMP/demo.xlsx", "--annotate", "TMP/data.csv"},
			"错误：TMP/data.csv：本命令写出的是 .xlsx 文件：请给出以 .xlsx 结尾的文件名\n"},
		{[]string{"extract", "TMP/cut.xlsx", "-o", "TMP/out"},
			"错误：TMP/cut.xlsx：不是可读取的 .xlsx 工作簿：文件已损坏或不完整（下载或复制没有完成？）：请重新获取这个工作簿，或用 Excel 打开后重新保存\n"},
	}
	for _, c := range cases {
		args := c.args
		if args[0] != "pdf" {
			args = append(args, "--templates", "../templates")
		}
		if args[0] == "fill" && !slices.Contains(args, "-o") {
			args = append(args, "-o", "TMP/out.xlsx")
		}
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			code, stdout, stderr := run(t, tmp, args...)
			if code != 2 || stdout != "" || stderr != c.stderr {
				t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant:\n%s", code, stdout, stderr, c.stderr)
			}
			for _, out := range []string{"out.xlsx", "out"} {
				if _, err := os.Stat(filepath.Join(tmp, out)); err == nil {
					t.Errorf("%s was written", out)
				}
			}
			if b, _ := os.ReadFile(filepath.Join(tmp, "data.csv")); string(b) != "code\n" {
				t.Error("data.csv was written over")
			}
		})
	}
}
