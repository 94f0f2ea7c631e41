package office

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"budgetxl/msg"
)

func TestFindGiven(t *testing.T) {
	dir := t.TempDir()
	prog := filepath.Join(dir, "LibreOffice", "program")
	if err := os.MkdirAll(prog, 0o755); err != nil {
		t.Fatal(err)
	}
	soffice := filepath.Join(prog, "soffice")
	if err := os.WriteFile(soffice, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, given := range []string{soffice, prog, filepath.Join(dir, "LibreOffice")} {
		if got, err := Find(given); err != nil || got != soffice {
			t.Errorf("Find(%s) = %s, %v; want %s", given, got, err, soffice)
		}
	}
	t.Setenv(EnvSoffice, soffice)
	if got, err := Find(""); err != nil || got != soffice {
		t.Errorf("Find with %s = %s, %v", EnvSoffice, got, err)
	}
	// A path that is given but wrong is an error, never passed over for another.
	for _, tc := range []struct{ given, env, want string }{
		{filepath.Join(dir, "nope"), "", dir + "/nope (given with --soffice): no such file; give the path of LibreOffice's soffice"},
		{"", filepath.Join(dir, "nope"), dir + "/nope (given with BUDGETXL_SOFFICE): no such file; give the path of LibreOffice's soffice"},
		{dir, "", dir + " (given with --soffice) is a folder without soffice in it; give the path of LibreOffice's soffice"},
	} {
		t.Setenv(EnvSoffice, tc.env)
		if _, err := Find(tc.given); err == nil || err.Error() != tc.want {
			t.Errorf("Find(%q) with %s=%q: %v\nwant %s", tc.given, EnvSoffice, tc.env, err, tc.want)
		}
	}
}

func TestMissingSaysHowToInstall(t *testing.T) {
	want := `LibreOffice 未安装（PATH 和常用安装位置中都没有 soffice），budgetxl 用它生成 PDF。请安装：Debian 或 Ubuntu 上运行 apt-get install libreoffice-calc-nogui libreoffice-writer-nogui；Windows 上从 https://www.libreoffice.org 下载安装 LibreOffice，若未装在 C:\Program Files\LibreOffice，用 --soffice 或环境变量 BUDGETXL_SOFFICE 给出其中 soffice.exe 的路径`
	if got := msg.Render(msg.ZH, missing()); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestUsualPaths(t *testing.T) {
	env := map[string]string{"ProgramFiles": `C:\Program Files`, "ProgramFiles(x86)": `C:\Program Files (x86)`}
	got := usualPaths("windows", func(k string) string { return env[k] })
	want := []string{`C:\Program Files\LibreOffice\program\soffice.exe`, `C:\Program Files (x86)\LibreOffice\program\soffice.exe`}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("windows: %q, want %q", got, want)
	}
	if got := usualPaths("darwin", func(string) string { return "" }); len(got) != 1 || got[0] != "/Applications/LibreOffice.app/Contents/MacOS/soffice" {
		t.Errorf("darwin: %q", got)
	}
	if got := usualPaths("linux", func(string) string { return "" }); got[0] != "/usr/bin/soffice" {
		t.Errorf("linux: %q", got)
	}
}

func TestRegistry(t *testing.T) {
	x := string(registry([][2]string{{"宋体", "Noto Serif CJK SC"}}))
	for _, want := range []string{
		`<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop>`,
		// Asian text is Chinese: the Noto CJK fonts print its simplified Chinese forms, not the Japanese
		`<item oor:path="/org.openoffice.Office.Linguistic/General"><prop oor:name="DefaultLocale_CJK" oor:op="fuse"><value>zh-CN</value></prop></item>`,
		`<prop oor:name="Replacement" oor:op="fuse"><value>true</value></prop>`,
		`<prop oor:name="ReplaceFont" oor:op="fuse"><value>宋体</value></prop><prop oor:name="SubstituteFont" oor:op="fuse"><value>Noto Serif CJK SC</value></prop>`,
		`<item oor:path="/org.openoffice.Office.Common/Filter/PDF/Export"><prop oor:name="ExportBookmarks" oor:op="fuse"><value>true</value></prop></item>`,
		`<item oor:path="/org.openoffice.Office.Common/Filter/PDF/Export"><prop oor:name="ExportNotes" oor:op="fuse"><value>false</value></prop></item>`,
	} {
		if !strings.Contains(x, want) {
			t.Errorf("registry lacks %s", want)
		}
	}
	if strings.Contains(string(registry(nil)), "Substitution") {
		t.Error("no replacements, yet a substitution table")
	}
}

// fake writes a shell script standing for soffice.
func fake(t *testing.T, body string) *Runner {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the fake soffice is a shell script")
	}
	path := filepath.Join(t.TempDir(), "soffice")
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"+body), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TMPDIR", t.TempDir()) // to see that the work folder goes
	return &Runner{Soffice: path, Timeout: 20 * time.Second}
}

// convertsAll is a fake soffice that "converts" each input to outdir/N.pdf.
const convertsAll = `out=""; prev=""
for a in "$@"; do
  if [ "$prev" = "--outdir" ]; then out="$a"; fi
  case "$a" in *.xlsx) n=$(basename "$a" .xlsx); echo "pdf of $(cat "$a")" > "$out/$n.pdf";; esac
  prev="$a"
done
`

func TestConvert(t *testing.T) {
	r := fake(t, convertsAll)
	dir := t.TempDir()
	var inputs []string
	for _, name := range []string{"甲.xlsx", "b.xlsx"} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(name), 0o644); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, p)
	}
	var got []string
	err := r.Convert(context.Background(), XLSX, inputs, func(i int, res string) error {
		b, err := os.ReadFile(res)
		got = append(got, strconv.Itoa(i)+": "+strings.TrimSpace(string(b)))
		return err
	})
	if err == nil {
		t.Fatal("XLSX results are .xlsx files, the fake wrote .pdf: want an error")
	}
	got = nil
	if err := r.Convert(context.Background(), Format{ext: "pdf", filter: "pdf"}, inputs, func(i int, res string) error {
		b, err := os.ReadFile(res)
		got = append(got, strconv.Itoa(i)+": "+strings.TrimSpace(string(b)))
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if want := "0: pdf of 甲.xlsx|1: pdf of b.xlsx"; strings.Join(got, "|") != want {
		t.Errorf("results %q, want %s", got, want)
	}
	left, _ := os.ReadDir(os.Getenv("TMPDIR"))
	if len(left) != 0 {
		t.Errorf("the work folder is left behind: %v", left)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("LibreOffice wrote beside the inputs: %v", entries)
	}
}

func TestConvertNothingWritten(t *testing.T) {
	r := fake(t, "echo 'Error: source file could not be loaded'\n")
	in := filepath.Join(t.TempDir(), "a.xlsx")
	os.WriteFile(in, []byte("x"), 0o644)
	err := r.Convert(context.Background(), XLSX, []string{in}, func(int, string) error { return nil })
	want := "LibreOffice did not convert " + in + " (exit: 0); what it said: Error: source file could not be loaded"
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

// TestConvertNoWriter: a document LibreOffice did not convert, where its
// Writer is missing, says to install Writer; HasWriter finds Writer's
// library beside soffice.
func TestConvertNoWriter(t *testing.T) {
	r := fake(t, "echo 'Error: source file could not be loaded'\n")
	in := filepath.Join(t.TempDir(), "情况说明.docx")
	os.WriteFile(in, []byte("x"), 0o644)
	err := r.Convert(context.Background(), Format{ext: "pdf", filter: "pdf"}, []string{in}, func(int, string) error { return nil })
	want := "LibreOffice 未能转换 " + in + "：本机没有安装 LibreOffice Writer（用它转换 .docx 文档）：Debian 或 Ubuntu 上运行 apt-get install libreoffice-writer-nogui"
	if got := msg.Render(msg.ZH, err); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if HasWriter(r.Soffice) {
		t.Error("HasWriter without libswlo.so")
	}
	os.WriteFile(filepath.Join(filepath.Dir(r.Soffice), "libswlo.so"), nil, 0o644)
	if !HasWriter(r.Soffice) {
		t.Error("HasWriter misses libswlo.so beside soffice")
	}
}
