package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"budgetxl/internal/oracle"
	"budgetxl/workbook"
)

// TestExtractRoundTrip: fill → extract gives the sample's own files back,
// byte for byte (published figures included); fill → extract → fill gives
// the same workbook, and extracting that again the same files.
func TestExtractRoundTrip(t *testing.T) {
	for _, sample := range []string{"demo-2025", "qijiang-shebao-2025"} {
		t.Run(sample, func(t *testing.T) {
			tmp := t.TempDir()
			steps := [][]string{
				{"fill", "../samples/" + sample, "--templates", "../templates", "-o", "TMP/1.xlsx"},
				{"extract", "TMP/1.xlsx", "--templates", "../templates", "-o", "TMP/d1"},
				{"fill", "TMP/d1", "--templates", "../templates", "-o", "TMP/2.xlsx"},
				{"extract", "TMP/2.xlsx", "--templates", "../templates", "-o", "TMP/d2"},
			}
			for _, args := range steps {
				if code, _, stderr := run(t, tmp, args...); code != 0 {
					t.Fatalf("%v: exit %d: %s", args, code, stderr)
				}
			}
			dump := func(name string) string {
				wb, err := workbook.Read(filepath.Join(tmp, name))
				if err != nil {
					t.Fatal(err)
				}
				var b bytes.Buffer
				wb.Dump(&b)
				return b.String()
			}
			if a, b := dump("1.xlsx"), dump("2.xlsx"); a != b {
				t.Error("the workbook filled from the extracted dataset differs from the first")
			}
			entries, _ := os.ReadDir(filepath.Join(tmp, "d1"))
			if len(entries) != 11 {
				t.Errorf("%d files extracted, want unit.toml and 10 tables", len(entries))
			}
			for _, e := range entries {
				a, _ := os.ReadFile(filepath.Join(tmp, "d1", e.Name()))
				orig, _ := os.ReadFile(filepath.Join("..", "samples", sample, e.Name()))
				if !bytes.Equal(a, orig) {
					t.Errorf("%s extracted differs from samples/%s/%s", e.Name(), sample, e.Name())
				}
				b, _ := os.ReadFile(filepath.Join(tmp, "d2", e.Name()))
				if !bytes.Equal(a, b) {
					t.Errorf("%s differs between the two extractions", e.Name())
				}
			}
		})
	}
}

// TestExtractErrors: a file that is not a workbook, and missing arguments.
func TestExtractErrors(t *testing.T) {
	tmp := t.TempDir()
	if code, _, stderr := run(t, tmp, "--lang", "en", "extract", "cli.go", "-o", "TMP/x"); code != 2 || stderr == "" {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if code, _, stderr := run(t, tmp, "--lang", "en", "extract"); code != 2 || stderr != "error: usage: budgetxl extract FILE -o DIR\n" {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(tmp, "x")); !os.IsNotExist(err) {
		t.Error("something was written")
	}
}

// TestExtractAfterLibreOffice: a workbook re-saved by LibreOffice (as a
// clerk's office suite would) still extracts to the sample's own files.
func TestExtractAfterLibreOffice(t *testing.T) {
	for _, sample := range []string{"demo-2025", "qijiang-shebao-2025"} {
		t.Run(sample, func(t *testing.T) {
			tmp := t.TempDir()
			if code, _, stderr := run(t, tmp, "fill", "../samples/"+sample, "--templates", "../templates", "-o", "TMP/1.xlsx"); code != 0 {
				t.Fatal(stderr)
			}
			resaved := oracle.Recalc(t, filepath.Join(tmp, "1.xlsx"))
			if code, _, stderr := run(t, tmp, "extract", resaved, "--templates", "../templates", "-o", "TMP/d"); code != 0 {
				t.Fatal(stderr)
			}
			entries, _ := os.ReadDir(filepath.Join(tmp, "d"))
			for _, e := range entries {
				a, _ := os.ReadFile(filepath.Join(tmp, "d", e.Name()))
				orig, _ := os.ReadFile(filepath.Join("..", "samples", sample, e.Name()))
				if !bytes.Equal(a, orig) {
					t.Errorf("%s extracted after LibreOffice differs from the sample's", e.Name())
				}
			}
			if len(entries) != 11 {
				t.Errorf("%d files", len(entries))
			}
		})
	}
}
