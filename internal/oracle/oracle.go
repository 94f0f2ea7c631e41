// Package oracle re-saves workbooks through LibreOffice with every formula
// recalculated, so tests can compare our cached values with an independent
// spreadsheet engine; it converts other files (CSV) through it too. LibreOffice's default profile keeps the cached values
// a file already has; this package runs it with a fresh profile whose
// OOXMLRecalcMode is 0 (always recalculate).
//
// Tests that use it skip, saying how to install LibreOffice, when soffice is
// missing and CI is not set; under CI a missing soffice fails the test.
package oracle

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var (
	mu      sync.Mutex // one soffice at a time: they share the profile
	profile string
)

const recalcAlways = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`

// Soffice returns the path of LibreOffice's soffice, skipping t (or failing
// it under CI) when there is none.
func Soffice(t testing.TB) string {
	t.Helper()
	path, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("soffice not found: .ci/run must install libreoffice-calc-nogui")
		}
		t.Skip("LibreOffice is not installed: apt-get install libreoffice-calc-nogui (the test uses it as an independent recalculation oracle)")
	}
	return path
}

// Recalc re-saves the workbook in as .xlsx through LibreOffice, every formula
// recalculated on load, and returns the new file's path (in a temp dir of t).
func Recalc(t testing.TB, in string) string {
	t.Helper()
	return Convert(t, in, "xlsx")
}

// Convert converts the file in through LibreOffice, with the profile that
// recalculates every formula on load: to is the argument of --convert-to
// (xlsx; csv:"Text - txt - csv (StarCalc)":44,34,76 for CSV in UTF-8), args
// are more arguments (--infilter=CSV:44,34,76,1 reads a CSV file as UTF-8).
// It returns the new file's path, in a temp dir of t.
func Convert(t testing.TB, in, to string, args ...string) string {
	t.Helper()
	soffice := Soffice(t)
	mu.Lock()
	defer mu.Unlock()
	if profile == "" {
		dir, err := os.MkdirTemp("", "budgetxl-lo-profile-")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Join(dir, "user"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "user", "registrymodifications.xcu"), []byte(recalcAlways), 0o644); err != nil {
			t.Fatal(err)
		}
		profile = dir
	}
	out := t.TempDir()
	ext, _, _ := strings.Cut(to, ":")
	cmd := exec.Command(soffice, append(append([]string{"-env:UserInstallation=file://" + filepath.ToSlash(profile),
		"--headless", "--norestore"}, args...), "--convert-to", to, "--outdir", out, in)...)
	cmd.Env = append(os.Environ(), "HOME="+profile)
	b, err := cmd.CombinedOutput()
	res := filepath.Join(out, strings.TrimSuffix(filepath.Base(in), filepath.Ext(in))+"."+ext)
	if _, statErr := os.Stat(res); err != nil || statErr != nil {
		t.Fatalf("soffice --convert-to %s %s: %v\n%s", to, in, err, b)
	}
	return res
}
