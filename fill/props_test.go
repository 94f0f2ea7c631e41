package fill_test

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"budgetxl/fill"
	"budgetxl/msg"
)

// part reads one part of the .xlsx file at path.
func part(t *testing.T, path, name string) string {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	for _, f := range z.File {
		if f.Name == name {
			r, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
	}
	t.Fatalf("%s has no part %s", path, name)
	return ""
}

// element is the text of the first element tag in xml.
func element(xml, tag string) string {
	m := regexp.MustCompile(`<` + tag + `[^>]*>([^<]*)</` + tag + `>`).FindStringSubmatch(xml)
	if m == nil {
		return ""
	}
	return m[1]
}

// TestDocProps: the workbook names budgetxl as creator and last editor,
// the unit as title and company, and the fill time (SOURCE_DATE_EPOCH when
// set) as created and modified: never excelize's "xuri" and 2006-09-16.
func TestDocProps(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1735689600") // 2025-01-01T00:00:00Z
	_, path := write(t, "demo-2025")
	core, app := part(t, path, "docProps/core.xml"), part(t, path, "docProps/app.xml")
	for tag, want := range map[string]string{
		"dc:creator": "budgetxl", "lastModifiedBy": "budgetxl", "dc:title": "重庆市綦江区演示文化馆",
		"dcterms:created": "2025-01-01T00:00:00Z", "dcterms:modified": "2025-01-01T00:00:00Z",
	} {
		if got := element(core, tag); got != want {
			t.Errorf("core.xml %s = %q, want %q", tag, got, want)
		}
	}
	for tag, want := range map[string]string{"Application": "budgetxl", "Company": "重庆市綦江区演示文化馆"} {
		if got := element(app, tag); got != want {
			t.Errorf("app.xml %s = %q, want %q", tag, got, want)
		}
	}
	// The same data and time give the same bytes.
	_, again := write(t, "demo-2025")
	a, _ := os.ReadFile(path)
	b, _ := os.ReadFile(again)
	if !bytes.Equal(a, b) {
		t.Error("two workbooks of the same data with the same SOURCE_DATE_EPOCH differ")
	}

	// Without SOURCE_DATE_EPOCH, the time of the fill.
	t.Setenv("SOURCE_DATE_EPOCH", "")
	before := time.Now().UTC().Truncate(time.Second)
	_, path = write(t, "demo-2025")
	after := time.Now().UTC()
	created, err := time.Parse(time.RFC3339, element(part(t, path, "docProps/core.xml"), "dcterms:created"))
	if err != nil || created.Before(before) || created.After(after) {
		t.Errorf("created %v (%v), want between %v and %v", created, err, before, after)
	}
}

// TestBadSourceDateEpoch: a SOURCE_DATE_EPOCH that is not a number of
// seconds is an error, and nothing is written.
func TestBadSourceDateEpoch(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "yesterday")
	_, err := fill.Now()
	want := "SOURCE_DATE_EPOCH 为 \"yesterday\"：请写自 1970-01-01（UTC）起的秒数，或取消这个环境变量"
	if err == nil || msg.Render(msg.ZH, err) != want {
		t.Errorf("error %v, want %s", err, want)
	}
	path := filepath.Join(t.TempDir(), "x.xlsx")
	if err := fill.Write(nil, path, fill.Options{}); err == nil {
		t.Error("Write succeeded")
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Error("a workbook was written")
	}
}
