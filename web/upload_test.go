package web

import (
	"archive/zip"
	"bytes"
	"fmt"
	"html"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"budgetxl/workbook"
)

// TestLimits: an upload too large or of too many files is refused with a
// message that says what to do.
func TestLimits(t *testing.T) {
	for _, c := range []struct {
		name  string
		lim   Limits
		parts []part
		code  int
		want  string
	}{
		{"too large", Limits{MaxUpload: 1 << 10}, []part{fileP("workbooks", "a.xlsx", make([]byte, 4<<10))}, http.StatusRequestEntityTooLarge, "提交的内容超过 1 KiB：请一次少提交一些文件"},
		{"too many files", Limits{MaxFiles: 2}, []part{fileP("workbooks", "a.xlsx", []byte("x")), fileP("workbooks", "b.xlsx", []byte("x")), fileP("workbooks", "c.xlsx", []byte("x"))}, http.StatusUnprocessableEntity, "一次提交的文件超过 2 个：请分批提交"},
		{"none", Limits{}, []part{fieldP("x", "y")}, http.StatusUnprocessableEntity, "没有收到工作簿：请选择或拖入一个或多个 .xlsx 文件"},
		{"long field", Limits{}, []part{fieldP("x", strings.Repeat("y", 5000))}, http.StatusUnprocessableEntity, "表单项 x 超过 4096 字节"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := newServer(t, c.lim)
			w := post(t, s, "/review", c.parts...)
			if w.Code != c.code || !strings.Contains(html.UnescapeString(w.Body.String()), "<li>"+c.want+"</li>") {
				t.Errorf("%d, want %d and %q in\n%s", w.Code, c.code, c.want, problems(w.Body.String()))
			}
		})
	}
}

// problems is the list of problems a page shows.
func problems(page string) string {
	if i := strings.Index(page, `<div class="problems"`); i >= 0 {
		page = page[i:]
		if j := strings.Index(page, "</div>"); j >= 0 {
			return page[:j]
		}
	}
	return "(no problems shown)"
}

func zipOf(t *testing.T, files map[string][]byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for name, data := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	zw.Close()
	return b.Bytes()
}

// sampleFiles are the files of a sample dataset, under prefix.
func sampleFiles(t *testing.T, name, prefix string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	dir := filepath.Join("../samples", name)
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(filepath.Join(dir, p))
		out[prefix+p] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestFillZip: a dataset's zip (its folder zipped) gives the workbook,
// the report and no PDF unless asked; hostile zips are refused, nothing
// of them written anywhere.
func TestFillZip(t *testing.T) {
	s := newServer(t, Limits{MaxZipEntries: 40, MaxZipBytes: 1 << 20})
	good := sampleFiles(t, "demo-2025", "demo-2025/")
	w := post(t, s, "/fill", fileP("dataset", "demo-2025.zip", zipOf(t, good)))
	if w.Code != http.StatusSeeOther {
		t.Fatalf("POST /fill: %d\n%s", w.Code, problems(w.Body.String()))
	}
	where := w.Header().Get("Location")
	page := html.UnescapeString(get(t, s, where).Body.String())
	for _, want := range []string{"重庆市綦江区演示文化馆：10 张表", "审核结果（与 budgetxl verify 相同）：0 个错误，0 个警告，0 个提示", where + "/workbook", where + "/report"} {
		if !strings.Contains(page, want) {
			t.Errorf("the fill's page has no %q:\n%s", want, page)
		}
	}
	if strings.Contains(page, where+"/pdf") {
		t.Error("a PDF was offered that was not asked for")
	}
	if en := get(t, s, where+"?lang=en").Body.String(); !strings.Contains(en, "<li>checked as budgetxl verify checks it: 0 errors, 0 warnings, 0 notes</li>") {
		t.Errorf("the fill's page in English:\n%s", en)
	}
	w = get(t, s, where+"/report")
	if _, params, _ := mime.ParseMediaType(w.Header().Get("Content-Disposition")); params["filename"] != "demo-2025-生成报告.txt" || !strings.HasPrefix(w.Body.String(), "\ufeff重庆市綦江区演示文化馆：10 张表") {
		t.Errorf("report %q: %q", params["filename"], w.Body.String())
	}
	w = get(t, s, where+"/workbook")
	if _, params, _ := mime.ParseMediaType(w.Header().Get("Content-Disposition")); params["filename"] != "demo-2025.xlsx" {
		t.Errorf("workbook named %q", params["filename"])
	}
	if _, err := workbook.Decode("out", bytes.NewReader(w.Body.Bytes()), int64(w.Body.Len()), workbook.Limits{}); err != nil {
		t.Errorf("the workbook: %v", err)
	}
	if w := get(t, s, where+"/pdf"); w.Code != 404 {
		t.Errorf("pdf: %d", w.Code)
	}
	// A zip of Windows' own tool: the folder's Chinese name in GBK,
	// without the UTF-8 flag.
	var gbk bytes.Buffer
	zw := zip.NewWriter(&gbk)
	for name, data := range sampleFiles(t, "demo-2025", "") {
		folder, _ := simplifiedchinese.GBK.NewEncoder().String("我的单位/")
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: folder + name, NonUTF8: true, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(data)
	}
	zw.Close()
	if w := post(t, s, "/fill", fileP("dataset", "我的单位.zip", gbk.Bytes())); w.Code != http.StatusSeeOther {
		t.Errorf("POST /fill of a GBK zip: %d\n%s", w.Code, problems(w.Body.String()))
	}
	// The dataset's files themselves, without a zip.
	var parts []part
	for name, data := range sampleFiles(t, "demo-2025", "") {
		parts = append(parts, fileP("dataset", name, data))
	}
	if w := post(t, s, "/fill", parts...); w.Code != http.StatusSeeOther {
		t.Errorf("POST /fill of files: %d\n%s", w.Code, problems(w.Body.String()))
	}

	many := map[string][]byte{}
	for i := range 41 {
		many[fmt.Sprintf("d/%d.csv", i)] = nil
	}
	two := sampleFiles(t, "demo-2025", "a/")
	for k, v := range sampleFiles(t, "demo-2025", "b/") {
		two[k] = v
	}
	bomb := sampleFiles(t, "demo-2025", "")
	bomb["4-2.csv"] = bytes.Repeat([]byte("0"), 2<<20)
	for _, c := range []struct {
		name  string
		parts []part
		want  string
	}{
		{"traversal", []part{fileP("dataset", "d.zip", zipOf(t, map[string][]byte{"../unit.toml": []byte("x")}))}, `d.zip：条目 "../unit.toml" 的名称不是 zip 内的文件（绝对路径或含有 ..）：已拒绝`},
		{"inner traversal", []part{fileP("dataset", "d.zip", zipOf(t, map[string][]byte{"demo/../../x.csv": []byte("x")}))}, `d.zip：条目 "demo/../../x.csv" 的名称不是 zip 内的文件（绝对路径或含有 ..）：已拒绝`},
		{"absolute", []part{fileP("dataset", "d.zip", zipOf(t, map[string][]byte{"/etc/unit.toml": []byte("x")}))}, `d.zip：条目 "/etc/unit.toml" 的名称不是 zip 内的文件（绝对路径或含有 ..）：已拒绝`},
		{"windows", []part{fileP("dataset", "d.zip", zipOf(t, map[string][]byte{`C:\unit.toml`: []byte("x")}))}, `d.zip：条目 "C:\\unit.toml" 的名称不是 zip 内的文件（绝对路径或含有 ..）：已拒绝`},
		{"many entries", []part{fileP("dataset", "d.zip", zipOf(t, many))}, "d.zip 中有 41 个条目，超过 40 个：一个数据集只有十几个文件"},
		{"bomb", []part{fileP("dataset", "d.zip", zipOf(t, bomb))}, "d.zip 解压后超过 1 MiB：数据集不会这么大"},
		{"two datasets", []part{fileP("dataset", "d.zip", zipOf(t, two))}, "d.zip 中有 2 个数据集（多个文件夹中都有 unit.toml）：请一次提交一个"},
		{"no unit", []part{fileP("dataset", "d.zip", zipOf(t, map[string][]byte{"4-1.csv": nil}))}, "d.zip 中没有 unit.toml：请把数据集文件夹（unit.toml 和各表的文件）压缩为 zip"},
		{"not a zip", []part{fileP("dataset", "d.zip", []byte("PK nothing"))}, "d.zip：不是可读取的 zip 文件"},
		{"nothing", []part{fieldP("source", "upload")}, "没有收到数据集：请选择数据集的 zip 文件，或 unit.toml 和各表的 CSV、TOML 文件"},
		{"dataset fault", []part{fileP("dataset", "unit.toml", []byte("pack = \"cq-2025\"\n"))}, "数据集/unit.toml：缺少 name"},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := post(t, s, "/fill", c.parts...)
			if w.Code != http.StatusUnprocessableEntity || !strings.Contains(html.UnescapeString(w.Body.String()), "<li>"+c.want) {
				t.Errorf("%d, want %q in\n%s", w.Code, c.want, problems(w.Body.String()))
			}
		})
	}
}

func TestSafeEntry(t *testing.T) {
	for _, c := range []struct {
		in, out string
		ok      bool
	}{
		{"unit.toml", "unit.toml", true},
		{"demo/4-2.csv", "demo/4-2.csv", true},
		{`demo\4-2.csv`, "demo/4-2.csv", true},
		{"部门收入总表.csv", "部门收入总表.csv", true},
		{"demo/", "demo", true},
		{"../x", "", false},
		{"a/../../x", "", false},
		{"a/./x", "", false},
		{"/etc/passwd", "", false},
		{`\\server\share\x`, "", false},
		{"C:/x", "", false},
		{"a//b", "", false},
		{"a/\x00b", "", false},
		{" a", "", false},
		{"", "", false},
	} {
		out, ok := safeEntry(c.in)
		if out != c.out || ok != c.ok {
			t.Errorf("safeEntry(%q) = %q, %v; want %q, %v", c.in, out, ok, c.out, c.ok)
		}
	}
	for in, want := range map[string]string{
		`C:\fakepath\审核.xlsx`:              "审核.xlsx",
		"../../etc/passwd":                 "passwd",
		"a\x00b\"c.xlsx":                   "abc.xlsx",
		"..":                               "",
		strings.Repeat("长", 200) + ".xlsx": strings.Repeat("长", 120),
	} {
		if got := displayName(in); got != want {
			t.Errorf("displayName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestFillFiles: a dataset's files sent without a zip give the workbook,
// named by the unit (as its blank form is), not by a word for "dataset".
func TestFillFiles(t *testing.T) {
	s := newServer(t, Limits{})
	var parts []part
	for name, data := range sampleFiles(t, "demo-2025", "") {
		parts = append(parts, fileP("dataset", name, data))
	}
	w := post(t, s, "/fill", parts...)
	if w.Code != http.StatusSeeOther {
		t.Fatalf("POST /fill: %d\n%s", w.Code, problems(w.Body.String()))
	}
	where := w.Header().Get("Location")
	for _, c := range []struct{ path, want string }{
		{"/workbook", "重庆市綦江区演示文化馆.xlsx"},
		{"/report", "重庆市綦江区演示文化馆-生成报告.txt"},
	} {
		w := get(t, s, where+c.path)
		if _, params, _ := mime.ParseMediaType(w.Header().Get("Content-Disposition")); w.Code != 200 || params["filename"] != c.want {
			t.Errorf("%s: %d, named %q, want %q", c.path, w.Code, params["filename"], c.want)
		}
	}
}
