package web

import (
	"bytes"
	"mime/multipart"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"budgetxl/dataset"
	"budgetxl/fill"
	"budgetxl/pack"
	"budgetxl/plan"
)

const testAddr = "127.0.0.1:8080"

var testPacks = pack.Library{Dir: "../templates"}

func newServer(t *testing.T, lim Limits) *Server {
	t.Helper()
	s, err := New(Options{Addr: testAddr, Packs: testPacks, Samples: os.DirFS("../samples"), SamplesName: "(built-in) ", Limits: lim})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

var (
	qijiangOnce sync.Once
	qijiangPath string
	qijiangErr  error
	qijiangDir  string // the temporary folder of qijiangPath, removed by TestMain
)

// TestMain runs the tests and removes the temporary folder of the
// qijiang workbook, so that runs leave nothing behind.
func TestMain(m *testing.M) {
	code := m.Run()
	if qijiangDir != "" {
		os.RemoveAll(qijiangDir)
	}
	os.Exit(code)
}

// qijiang is the workbook of samples/qijiang-shebao-2025, filled once.
func qijiang(t *testing.T) string {
	t.Helper()
	qijiangOnce.Do(func() {
		dir, err := os.MkdirTemp("", "budgetxl-web-test-")
		if err != nil {
			qijiangErr = err
			return
		}
		qijiangDir = dir
		qijiangPath, qijiangErr = fillSample("../samples/qijiang-shebao-2025", "../templates", filepath.Join(dir, "qijiang-shebao-2025.xlsx"))
	})
	if qijiangErr != nil {
		t.Fatal(qijiangErr)
	}
	return qijiangPath
}

// fillSample fills the dataset folder dir with the packs of templates
// into the workbook out, for tests.
func fillSample(dir, templates, out string) (string, error) {
	p, d, err := dataset.OpenFolder(dataset.Dir(dir), pack.Library{Dir: templates})
	if err != nil {
		return "", err
	}
	book, err := plan.Build(p, d)
	if err != nil {
		return "", err
	}
	return out, fill.Write(book, out, fill.Options{})
}

// part is one part of a multipart body: a field (File false) or a file.
type part struct {
	field, name string
	data        []byte
	file        bool
}

func fileP(field, name string, data []byte) part { return part{field, name, data, true} }
func fieldP(field, value string) part            { return part{field, "", []byte(value), false} }

func multipartBody(t *testing.T, parts ...part) (*bytes.Buffer, string) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for _, p := range parts {
		if p.file {
			fw, err := w.CreateFormFile(p.field, p.name)
			if err != nil {
				t.Fatal(err)
			}
			fw.Write(p.data)
		} else {
			w.WriteField(p.field, string(p.data))
		}
	}
	w.Close()
	return &b, w.FormDataContentType()
}

// post sends parts to path as the page's own form does.
func post(t *testing.T, s *Server, path string, parts ...part) *httptest.ResponseRecorder {
	t.Helper()
	body, ct := multipartBody(t, parts...)
	r := httptest.NewRequest("POST", path, body)
	r.Host = testAddr
	r.Header.Set("Content-Type", ct)
	r.Header.Set(TokenHeader, s.Token())
	r.Header.Set("Origin", "http://"+testAddr)
	r.Header.Set("Sec-Fetch-Site", "same-origin")
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	return w
}

func get(t *testing.T, s *Server, path string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest("GET", path, nil)
	r.Host = testAddr
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	return w
}
