package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"budgetxl/internal/mutate"
	"budgetxl/workbook"
)

// TestFillVerdictIsVerify: fill reports what verify finds in the workbook
// fill wrote, with the same counts and the same exit status.
func TestFillVerdictIsVerify(t *testing.T) {
	verdict := regexp.MustCompile(`(?m)^checked as budgetxl verify checks it: (?:(\d+) errors, (\d+) warnings, (\d+) notes|no errors, no warnings, no notes)$`)
	for _, sample := range []string{"demo-2025", "qijiang-shebao-2025"} {
		t.Run(sample, func(t *testing.T) {
			tmp := t.TempDir()
			fillCode, stdout, stderr := run(t, tmp, "--lang", "en", "fill", "../samples/"+sample, "--templates", "../templates", "-o", "TMP/w.xlsx")
			if fillCode == 2 {
				t.Fatal(stderr)
			}
			m := verdict.FindStringSubmatch(stdout)
			if m == nil {
				t.Fatalf("no verdict in:\n%s", stdout)
			}
			got := fmt.Sprintf("%s/%s/%s", m[1], m[2], m[3])
			if got == "//" {
				got = "0/0/0"
			}
			verifyCode, out, stderr := run(t, tmp, "verify", "--json", "--templates", "../templates", "TMP/w.xlsx")
			if verifyCode == 2 {
				t.Fatal(stderr)
			}
			var file struct{ Findings []struct{ Severity string } }
			if err := json.Unmarshal([]byte(out), &file); err != nil {
				t.Fatal(err)
			}
			n := map[string]int{}
			for _, f := range file.Findings {
				n[f.Severity]++
			}
			if want := fmt.Sprintf("%d/%d/%d", n["error"], n["warning"], n["note"]); got != want {
				t.Errorf("fill counts %s errors/warnings/notes, verify %s", got, want)
			}
			if fillCode != verifyCode {
				t.Errorf("fill exits %d, verify %d", fillCode, verifyCode)
			}
		})
	}
}

// TestFillNote: the note of unit.toml is printed when the workbook has
// errors, and only then.
func TestFillNote(t *testing.T) {
	dir := mutate.Copy(t, filepath.Join("..", "samples", "demo-2025"), "ds")
	tmp := filepath.Dir(dir)
	unit := filepath.Join(dir, "unit.toml")
	b, _ := os.ReadFile(unit)
	os.WriteFile(unit, append(b, "note = \"演示用的说明\"\n"...), 0o644)
	code, stdout, stderr := run(t, tmp, "fill", "TMP/ds", "--templates", "../templates", "-o", "TMP/a.xlsx")
	if code != 0 || strings.Contains(stdout, "演示用的说明") {
		t.Errorf("clean workbook: exit %d (%s), note printed:\n%s", code, stderr, stdout)
	}
	// 30217 公务接待费 no longer equals 4-4's: a rule error.
	csv := filepath.Join(dir, "4-3.csv")
	b, _ = os.ReadFile(csv)
	os.WriteFile(csv, []byte(strings.Replace(string(b), `"12,000.00"`, `"12,500.00"`, 1)), 0o644)
	code, stdout, _ = run(t, tmp, "fill", "TMP/ds", "--templates", "../templates", "-o", "TMP/b.xlsx")
	if code != 1 || !strings.Contains(stdout, "\n  unit.toml 中的说明：演示用的说明\n") {
		t.Errorf("exit %d, stdout:\n%s", code, stdout)
	}
}

// TestFillWithoutBasicExpenditure: a unit without 基本支出 (every amount a
// project's) has an economic table with no code rows, given as a CSV with
// only its header or only its total row. The total over nothing is a live
// formula that verify expects too: the workbook verifies with no finding.
func TestFillWithoutBasicExpenditure(t *testing.T) {
	for name, table := range map[string]string{
		"header only":    "code,name,total,staff,public\n",
		"total row only": "code,name,total,staff,public\ntotal,合计,,,\n",
	} {
		t.Run(name, func(t *testing.T) {
			dir := mutate.Copy(t, filepath.Join("..", "samples", "demo-2025"), "ds")
			tmp := filepath.Dir(dir)
			edit := func(file string, pairs ...string) {
				b, err := os.ReadFile(filepath.Join(dir, file))
				if err != nil {
					t.Fatal(err)
				}
				s := string(b)
				for i := 0; i < len(pairs); i += 2 {
					s = regexp.MustCompile(pairs[i]).ReplaceAllString(s, pairs[i+1])
				}
				if err := os.WriteFile(filepath.Join(dir, file), []byte(s), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			// Every basic amount becomes a project amount.
			edit("4-2.csv", `(?m)^([0-9]+,[^,]*,),("[^"]*"),$`, "$1,,$2")
			edit("expense.csv", `(?m)^([0-9]+,[^,]*,),("[^"]*"),,,,$`, "$1,,$2,,,")
			edit("overall.toml", `(?m)^basic_(total|fiscal) = .*$`, `basic_$1 = ""`, `(?m)^project_(total|fiscal) = .*$`, `project_$1 = "2,286,863.16"`)
			if err := os.WriteFile(filepath.Join(dir, "4-3.csv"), []byte(table), 0o644); err != nil {
				t.Fatal(err)
			}
			// No 三公经费 without basic expenditure.
			if err := os.WriteFile(filepath.Join(dir, "4-4.csv"), []byte("code,total,abroad,car,car_buy,car_run,reception\nbudget,,,,,,\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			code, stdout, stderr := run(t, tmp, "--lang", "en", "fill", "TMP/ds", "--templates", "../templates", "-o", "TMP/w.xlsx")
			if code != 0 || !strings.Contains(stdout, "\nchecked as budgetxl verify checks it: no errors, no warnings, no notes\n") {
				t.Errorf("exit %d %s\n%s", code, stderr, stdout)
			}
			if code, stdout, _ := run(t, tmp, "verify", "--templates", "../templates", "TMP/w.xlsx"); code != 0 {
				t.Errorf("verify: exit %d\n%s", code, stdout)
			}
		})
	}
}

// TestFillMissingFiles: tables the pack may show empty may have no file,
// and fill names the tables it wrote empty; any other missing file stops
// fill with a message naming it, and nothing is written.
func TestFillMissingFiles(t *testing.T) {
	dir := mutate.Copy(t, filepath.Join("..", "samples", "demo-2025"), "ds")
	tmp := filepath.Dir(dir)
	for _, f := range []string{"4-5.csv", "projects.toml"} {
		os.Remove(filepath.Join(dir, f))
	}
	code, stdout, stderr := run(t, tmp, "fill", "TMP/ds", "--templates", "../templates", "-o", "TMP/a.xlsx")
	if code != 0 || !strings.Contains(stdout, "\n  无数据、按模板写为空表（附说明）：附件4-5、项目支出绩效目标表\n") {
		t.Errorf("exit %d %s\n%s", code, stderr, stdout)
	}
	os.Remove(filepath.Join(dir, "4-4.csv"))
	code, stdout, stderr = run(t, tmp, "fill", "TMP/ds", "--templates", "../templates", "-o", "TMP/b.xlsx")
	want := "错误：TMP/ds/4-4.csv：文件不存在：表 4-4（附件4-4）从这个文件读取：请补上这个文件，第一行为 code,total,abroad,car,car_buy,car_run,reception，以下是表中各行（没有数据的表只写这一行）\n"
	if code != 2 || stdout != "" || stderr != want {
		t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant:\n%s", code, stdout, stderr, want)
	}
	if _, err := os.Stat(filepath.Join(tmp, "b.xlsx")); err == nil {
		t.Error("a workbook was written")
	}
}

// TestFillRowTooTall: a text that needs a row taller than a spreadsheet
// allows (a 700-character name, a 3,000-character project overview) no
// longer stops fill: the row is cut to 409 points and a warning names
// where the dataset gives the text (the CSV's line and column, the form's
// record and field) and what to do.
func TestFillRowTooTall(t *testing.T) {
	dir := mutate.Copy(t, filepath.Join("..", "samples", "demo-2025"), "ds")
	tmp := filepath.Dir(dir)
	edit := func(file, pattern, repl string) {
		path := filepath.Join(dir, file)
		b, _ := os.ReadFile(path)
		re := regexp.MustCompile(pattern)
		loc := re.FindIndex(b)
		if loc == nil {
			t.Fatalf("%s has no %s", file, pattern)
		}
		b = append(append(append([]byte{}, b[:loc[0]]...), re.ReplaceAll(b[loc[0]:loc[1]], []byte(repl))...), b[loc[1]:]...)
		os.WriteFile(path, b, 0o644)
	}
	edit("4-2.csv", `(?m)^([0-9]{7}),[^,]*,`, "${1},"+strings.Repeat("很长的科目名称", 100)+",")
	edit("projects.toml", `overview = "[^"]*"`, `overview = "`+strings.Repeat("项目概况很长。", 430)+`"`)
	code, stdout, stderr := run(t, tmp, "fill", "TMP/ds", "--templates", "../templates", "-o", "TMP/w.xlsx")
	if code == 2 {
		t.Fatal(stderr)
	}
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`\n  警告 TMP/ds/4-2.csv:5: name 列：文字（700 个字符，"很长的科目名称[^"]*…"）需要 [0-9]+ 磅高的行，超过了电子表格允许的 409 磅：这一行设为 409 磅，文字只能显示一部分；请在数据集中缩短这段文字\n`),
		regexp.MustCompile(`\n  警告 TMP/ds/projects.toml：项目支出绩效目标表 50011025T000000000001，字段 overview：文字（3010 个字符，`),
	} {
		if !want.MatchString(stdout) {
			t.Errorf("no %s in:\n%s", want, stdout)
		}
	}
	wb, err := workbook.Read(filepath.Join(tmp, "w.xlsx"))
	if err != nil || len(wb.Sheets) == 0 {
		t.Fatal(err)
	}
}
