// Package oracle runs LibreOffice for tests, through package office: it
// re-saves workbooks with every formula recalculated, so tests can compare
// our cached values with an independent spreadsheet engine, converts other
// files (CSV, .docx) through it, and renders workbooks to PDF, so tests can
// read what a printed page shows.
//
// Tests that use it skip, saying how to install LibreOffice, when soffice is
// missing and CI is not set; under CI a missing soffice fails the test.
package oracle

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"budgetxl/office"
)

var mu sync.Mutex // one LibreOffice at a time per test binary: the machine is shared

// Runner returns LibreOffice, skipping t (or failing it under CI) when there
// is none.
func Runner(t testing.TB) *office.Runner {
	t.Helper()
	r, err := office.New(office.Options{})
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%v (.ci/run must install libreoffice-calc-nogui)", err)
		}
		t.Skipf("LibreOffice is not installed: apt-get install libreoffice-calc-nogui (the test uses it as an independent oracle): %v", err)
	}
	return r
}

// Soffice skips t (or fails it under CI) when LibreOffice is missing.
func Soffice(t testing.TB) { t.Helper(); Runner(t) }

// Tool returns the path of a command-line tool a test needs (pdftotext,
// pdffonts: Debian poppler-utils), skipping t (failing it under CI) when
// it is missing.
func Tool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s not found: .ci/run must install poppler-utils", name)
		}
		t.Skipf("%s is not installed: apt-get install poppler-utils", name)
	}
	return p
}

// Writer returns the path of soffice when LibreOffice Writer is installed
// too (it converts .docx), skipping t (or failing it under CI) otherwise.
// Tests that convert documents call it before Convert.
func Writer(t testing.TB) string {
	t.Helper()
	soffice := Runner(t).Soffice
	if office.HasWriter(soffice) {
		return soffice
	}
	if os.Getenv("CI") != "" {
		t.Fatal("LibreOffice Writer not found: .ci/run must install libreoffice-writer-nogui")
	}
	t.Skip("LibreOffice Writer is not installed: apt-get install libreoffice-writer-nogui (the test opens .docx files with it)")
	return ""
}

// Recalc re-saves the workbook in as .xlsx through LibreOffice, every formula
// recalculated on load, and returns the new file's path (in a temp dir of t).
func Recalc(t testing.TB, in string) string {
	t.Helper()
	return convert(t, office.XLSX, ".xlsx", in)[0]
}

// Convert converts the file in through LibreOffice, with the profile that
// recalculates every formula on load: to is the argument of --convert-to
// (xlsx; csv:"Text - txt - csv (StarCalc)":44,34,76 for CSV in UTF-8), args
// are more arguments (--infilter=CSV:44,34,76,1 reads a CSV file as UTF-8).
// It returns the new file's path, in a temp dir of t.
func Convert(t testing.TB, in, to string, args ...string) string {
	t.Helper()
	ext, _, _ := strings.Cut(to, ":")
	return convert(t, office.Filter(to, args...), "."+ext, in)[0]
}

// RecalcAll is Recalc of several workbooks in one start of LibreOffice.
func RecalcAll(t testing.TB, in ...string) []string {
	t.Helper()
	return convert(t, office.XLSX, ".xlsx", in...)
}

// PDF renders each workbook to PDF in one start of LibreOffice and returns
// the PDFs' paths (in a temp dir of t), in order.
func PDF(t testing.TB, in ...string) []string {
	t.Helper()
	return convert(t, office.PDF, ".pdf", in...)
}

func convert(t testing.TB, f office.Format, ext string, in ...string) []string {
	t.Helper()
	r := Runner(t)
	mu.Lock()
	defer mu.Unlock()
	dir := t.TempDir()
	out := make([]string, len(in))
	err := r.Convert(context.Background(), f, in, func(i int, res string) error {
		out[i] = filepath.Join(dir, strconv.Itoa(i+1)+ext)
		b, err := os.ReadFile(res)
		if err != nil {
			return err
		}
		return os.WriteFile(out[i], b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Fonts checks, with poppler's pdffonts, that every font of a PDF is
// embedded, a Chinese (CJK) one among them.
func Fonts(t testing.TB, pdf string) {
	t.Helper()
	out, err := exec.Command(Tool(t, "pdffonts"), pdf).Output()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")[2:]
	cjk := false
	for _, l := range lines {
		f := strings.Fields(l)
		// name type... encoding emb sub uni object ID: emb is the 5th field from the end.
		if len(f) < 6 || f[len(f)-5] != "yes" {
			t.Errorf("a font is not embedded: %s", l)
		}
		cjk = cjk || strings.Contains(f[0], "CJK") || strings.Contains(f[0], "SimSun") || strings.Contains(f[0], "SimHei")
	}
	if len(lines) == 0 || !cjk {
		t.Errorf("no CJK font embedded:\n%s", out)
	}
}
