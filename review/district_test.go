package review

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"budgetxl/dataset"
	"budgetxl/fill"
	"budgetxl/internal/oracle"
	"budgetxl/msg"
	"budgetxl/pack"
	"budgetxl/plan"
	"budgetxl/verify"
	"budgetxl/workbook"
)

const templates = "../templates"

// unitSpec says how a generated unit of the district differs from the
// demo sample it is made from.
type unitSpec struct {
	dept, name, code string
	fault            string // "", "rule" (an error), "name" (a warning), "version" (made with another pack version), "unreadable"
}

// generated is a district of workbooks made from the demo sample, and
// what each must be found to be.
type generated struct {
	dir   string              // the district's folder: one subfolder per department
	specs map[string]unitSpec // by workbook path
	want  map[string]string   // status by workbook path
	paths []string            // the workbooks, in the order Expand finds them
}

var (
	districtOnce sync.Once
	districtDir  string
	districtGen  *generated
	districtErr  error
)

// district generates 50 units in 5 departments from samples/demo-2025:
// most clean; every tenth (3, 13, ...) with a broken rule (an error),
// every tenth (7, 17, ...) with a misspelt subject name (a warning); two
// (21, 22) with the same unit code; one (30) made with another version of
// the pack; one (45) unreadable; and an Excel lock file to skip. The
// district is made once per test binary, in a folder removed by TestMain.
func district(t testing.TB) *generated {
	t.Helper()
	districtOnce.Do(func() {
		districtDir, districtErr = os.MkdirTemp("", "budgetxl-district-")
		if districtErr == nil {
			districtGen, districtErr = makeDistrict(districtDir, 50)
		}
	})
	if districtErr != nil {
		t.Fatal(districtErr)
	}
	return districtGen
}

func TestMain(m *testing.M) {
	code := m.Run()
	if districtDir != "" {
		os.RemoveAll(districtDir)
	}
	os.Exit(code)
}

func makeDistrict(dir string, n int) (*generated, error) {
	g := &generated{dir: filepath.Join(dir, "district"), specs: map[string]unitSpec{}, want: map[string]string{}}
	src := filepath.Join("..", "samples", "demo-2025")
	unitToml, err := os.ReadFile(filepath.Join(src, "unit.toml"))
	if err != nil {
		return nil, err
	}
	var versioned string // the workbook to restamp with another pack version
	for i := 1; i <= n; i++ {
		s := unitSpec{dept: fmt.Sprintf("部门%d", (i-1)/10+1), name: fmt.Sprintf("演示单位%02d", i), code: fmt.Sprintf("9990%02d", i)}
		switch {
		case i == 22:
			s.code = "999021"
		case i == 30:
			s.fault = "version"
		case i == 45:
			s.fault = "unreadable"
		case i%10 == 3:
			s.fault = "rule"
		case i%10 == 7:
			s.fault = "name"
		}
		out := filepath.Join(g.dir, s.dept, fmt.Sprintf("unit-%02d.xlsx", i))
		g.specs[out] = s
		g.paths = append(g.paths, out)
		switch {
		case s.fault == "unreadable":
			g.want[out] = Unreadable
		case s.fault == "rule" || i == 21 || i == 22:
			g.want[out] = Errors
		case s.fault != "":
			g.want[out] = Warnings
		default:
			g.want[out] = Clean
		}
		if s.fault == "unreadable" {
			if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
				return nil, err
			}
			if err := os.WriteFile(out, []byte("代码,名称\n"), 0o644); err != nil {
				return nil, err
			}
			continue
		}
		unit := filepath.Join(dir, "units", fmt.Sprintf("unit-%02d", i))
		if err := os.CopyFS(unit, os.DirFS(src)); err != nil {
			return nil, err
		}
		text := strings.NewReplacer(`name = "重庆市綦江区演示文化馆"`, `name = "`+s.name+`"`, `code = "999001"`, `code = "`+s.code+`"`).Replace(string(unitToml))
		if err := os.WriteFile(filepath.Join(unit, "unit.toml"), []byte(text), 0o644); err != nil {
			return nil, err
		}
		switch s.fault {
		case "rule": // 4-4's 公务接待费 no longer equals 4-3's 30217
			if err := replaceIn(filepath.Join(unit, "4-4.csv"), `"12,000.00"`, `"13,000.00"`); err != nil {
				return nil, err
			}
		case "name": // a subject name that is not the catalog's
			if err := replaceIn(filepath.Join(unit, "4-3.csv"), "基本工资", "基本公资"); err != nil {
				return nil, err
			}
		}
		p, d, err := dataset.Open(unit, templates)
		if err != nil {
			return nil, err
		}
		book, err := plan.Build(p, d)
		if err != nil {
			return nil, err
		}
		if err := fill.Write(book, out, fill.Options{}); err != nil {
			return nil, err
		}
		if s.fault == "version" {
			versioned = out
		}
	}
	if versioned != "" { // the stamp of an older version of the pack
		if err := restamp(versioned, `<vt:lpwstr>1.1.0</vt:lpwstr>`, `<vt:lpwstr>0.9.0</vt:lpwstr>`); err != nil {
			return nil, err
		}
	}
	// A lock file Excel leaves beside a workbook it has open.
	if err := os.WriteFile(filepath.Join(g.dir, "部门1", "~$unit-01.xlsx"), []byte("lock"), 0o644); err != nil {
		return nil, err
	}
	return g, nil
}

func replaceIn(path, old, new string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if !strings.Contains(string(b), old) {
		return fmt.Errorf("%s has no %q", path, old)
	}
	return os.WriteFile(path, []byte(strings.Replace(string(b), old, new, 1)), 0o644)
}

// restamp rewrites the workbook's custom document properties, as a
// program editing the XML would.
func restamp(path, old, new string) error {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	done := false
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			return err
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			return err
		}
		if f.Name == "docProps/custom.xml" && bytes.Contains(b, []byte(old)) {
			b, done = bytes.Replace(b, []byte(old), []byte(new), 1), true
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			return err
		}
		w.Write(b)
	}
	zr.Close()
	if err := zw.Close(); err != nil {
		return err
	}
	if !done {
		return fmt.Errorf("%s: no %s in its custom properties", path, old)
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// checkDistrict runs a check of the generated district.
func checkDistrict(t testing.TB, g *generated, opt Options) *Run {
	t.Helper()
	opt.Verify = verify.Options{Templates: templates}
	inputs := Expand([]string{g.dir})
	r, err := Check(context.Background(), inputs, opt)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestDistrict checks a generated district of 50 units in parallel: each
// file is found (the lock file skipped) in order, with the status its
// faults give it; the checks across files find the two workbooks of one
// unit code and the one made with another pack version; each file with
// findings has its annotated copy, and no other.
func TestDistrict(t *testing.T) {
	g := district(t)
	annotated := filepath.Join(t.TempDir(), "标注")
	var each []string
	var progress []Progress
	r := checkDistrict(t, g, Options{Jobs: 2, AnnotateDir: annotated, Lang: msg.ZH,
		Each:     func(f *File) { each = append(each, f.Path) },
		Progress: func(p Progress) { progress = append(progress, p) }})
	if !slices.Equal(each, g.paths) {
		t.Errorf("files reported in the order\n%v\nwant\n%v", each, g.paths)
	}
	if len(r.Files) != len(g.paths) {
		t.Fatalf("%d files, want %d", len(r.Files), len(g.paths))
	}
	for _, f := range r.Files {
		if got, want := f.Status(), g.want[f.Path]; got != want {
			t.Errorf("%s: %s, want %s (%v; %v)", f.Name, got, want, f.Err, f.Rules(5))
		}
		s := g.specs[f.Path]
		if f.Err == nil && (f.Unit.Name != s.name || f.Unit.Code != s.code || f.Pack != "cq-2025") {
			t.Errorf("%s: unit %+v, pack %s", f.Name, f.Unit, f.Pack)
		}
		rules := strings.Join(f.Rules(10), " ")
		switch {
		case s.fault == "rule" && !strings.Contains(rules, "rule."):
			t.Errorf("%s: a broken rule not found: %s", f.Name, rules)
		case s.fault == "name" && rules != "catalog.name":
			t.Errorf("%s: a misspelt name: %s", f.Name, rules)
		}
		if wantCopy := f.Err == nil && len(f.Findings) > 0; wantCopy != (f.Annotated != "") || f.AnnotateErr != nil {
			t.Errorf("%s: annotated copy %q (%v)", f.Name, f.Annotated, f.AnnotateErr)
		} else if wantCopy {
			if want := filepath.Join(annotated, s.dept, filepath.Base(f.Path)); f.Annotated != want {
				t.Errorf("%s: copy at %s, want %s", f.Name, f.Annotated, want)
			}
			if _, err := os.Stat(f.Annotated); err != nil {
				t.Error(err)
			}
		}
	}
	var cross []string
	for _, c := range r.Cross {
		cross = append(cross, filepath.Base(c.File)+" "+c.Rule+" "+c.Found)
	}
	want := []string{"unit-21.xlsx district.unit-code 999021", "unit-22.xlsx district.unit-code 999021", "unit-30.xlsx district.pack-version cq-2025 0.9.0"}
	if !slices.Equal(cross, want) {
		t.Errorf("across files:\n%s\nwant\n%s", strings.Join(cross, "\n"), strings.Join(want, "\n"))
	}
	if len(r.Cross) == 3 {
		if m := r.Cross[0].Message(msg.ZH); m != "单位编码 999021（演示单位21）也是 "+g.paths[21]+" 的单位编码：本次审核中有两个工作簿属于同一个单位（重复报送，或单位编码有误）" {
			t.Errorf("message: %s", m)
		}
		if m := r.Cross[2].Message(msg.ZH); m != "用模板包 cq-2025 的 0.9.0 版生成，而本次审核中有 48 个工作簿用 1.1.0 版生成：各单位用的不是同一版模板" {
			t.Errorf("message: %s", m)
		}
	}
	// The copy of a file with findings across files lists them too.
	for _, f := range r.Files {
		if filepath.Base(f.Path) != "unit-21.xlsx" || f.Annotated == "" {
			continue
		}
		wb, err := workbook.Read(f.Annotated)
		if err != nil {
			t.Fatal(err)
		}
		list := wb.Sheet("审核结果")
		if list == nil || list.Text(2, 2) != RuleUnitCode {
			t.Errorf("the annotated copy does not list %s: %v", RuleUnitCode, list)
		}
	}
	// Progress: every file started and done, ending at 50 of 50.
	if len(progress) != 2*len(g.paths) {
		t.Errorf("%d progress reports, want %d", len(progress), 2*len(g.paths))
	}
	if last := progress[len(progress)-1]; last.Done != len(g.paths) || last.Total != len(g.paths) || last.Left() != 0 {
		t.Errorf("last progress: %+v", last)
	}
	// The same findings with one job.
	one := checkDistrict(t, g, Options{Jobs: 1})
	for i, f := range one.Files {
		if f.Status() != r.Files[i].Status() || len(f.Findings) != len(r.Files[i].Findings) {
			t.Errorf("%s: with one job %s and %d findings; with two %s and %d", f.Name, f.Status(), len(f.Findings), r.Files[i].Status(), len(r.Files[i].Findings))
		}
	}
}

// TestCheckRefusesOverInputs: a folder of annotated copies that is an
// input, or holds one, stops the run before anything is checked.
func TestCheckRefusesOverInputs(t *testing.T) {
	g := district(t)
	inputs := Expand([]string{g.dir})
	for _, dir := range []string{g.dir, filepath.Dir(g.dir), inputs[0].Path} {
		called := false
		_, err := Check(context.Background(), inputs, Options{AnnotateDir: dir, Each: func(*File) { called = true }})
		if err == nil || called {
			t.Errorf("%s: %v, checked %v", dir, err, called)
		}
	}
}

// TestSummaryXLSX writes the district's summary and reads it back with
// the project's own reader: one row per file with its counts, status and
// copy, the unreadable file with its reason; every finding on sheet 2;
// both sheets printable on A4 landscape with a repeated, frozen header and
// an autofilter; status cells colored by severity.
func TestSummaryXLSX(t *testing.T) {
	g := district(t)
	tmp := t.TempDir()
	r := checkDistrict(t, g, Options{AnnotateDir: filepath.Join(tmp, "标注"), Lang: msg.ZH})
	path := filepath.Join(tmp, "审核汇总.xlsx")
	if err := WriteSummary(r, path, msg.ZH); err != nil {
		t.Fatal(err)
	}
	checkSummary(t, path, r, g, true)
	// A later run over the folder leaves the summary and the copies out.
	if in := Expand([]string{tmp}); len(in) != 1 || in[0].Err == nil {
		t.Errorf("the outputs of a review are checked again: %+v", in)
	}
	if testing.Short() {
		return
	}
	// LibreOffice opens it and saves it again with the same content (its
	// headless save drops the frozen panes, a view setting: not checked).
	again := oracle.RecalcAll(t, path)[0]
	checkSummary(t, again, r, g, false)
}

// checkSummary reads the summary at path and checks it against the run;
// ours: the file as written (views and styles checked too).
func checkSummary(t *testing.T, path string, r *Run, g *generated, ours bool) {
	t.Helper()
	wb, err := workbook.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(wb.Sheets) != 2 || wb.Sheets[0].Name != "审核汇总" || wb.Sheets[1].Name != "全部问题" {
		t.Fatalf("sheets: %v", wb.Sheets)
	}
	files, all := wb.Sheets[0], wb.Sheets[1]
	header := "文件|单位|单位编码|主管部门|模板包及版本|错误|警告|提示|主要规则|状态|标注副本|无法读取的原因"
	if got := rowText(files, 1, 12); got != header {
		t.Errorf("header: %s", got)
	}
	if files.LastRow() != len(g.paths)+1 {
		t.Errorf("%d rows, want %d files and the header", files.LastRow(), len(g.paths))
	}
	status := map[string]string{Clean: "无误", Errors: "有错误", Warnings: "有警告", Unreadable: "无法读取"}
	for i, p := range g.paths {
		row := i + 2
		s := g.specs[p]
		if got := files.Text(1, row); got != p {
			t.Errorf("row %d: file %s, want %s", row, got, p)
		}
		if got := files.Text(10, row); got != status[g.want[p]] {
			t.Errorf("%s: status %q, want %q", filepath.Base(p), got, status[g.want[p]])
		}
		if s.fault == "unreadable" {
			if reason := files.Text(12, row); !strings.Contains(reason, "不是可读取的 .xlsx 工作簿") || files.Text(6, row) != "" {
				t.Errorf("unreadable: reason %q, errors %q", reason, files.Text(6, row))
			}
			continue
		}
		f := r.Files[i]
		counts := fmt.Sprintf("%d|%d|%d", f.Count(verify.Error), f.Count(verify.Warning), f.Count(verify.Note))
		if got := files.Text(6, row) + "|" + files.Text(7, row) + "|" + files.Text(8, row); got != counts {
			t.Errorf("%s: counts %s, want %s", f.Name, got, counts)
		}
		if got := files.Text(2, row) + "|" + files.Text(3, row) + "|" + files.Text(5, row); got != s.name+"|"+s.code+"|cq-2025 "+map[bool]string{true: "0.9.0", false: "1.1.0"}[s.fault == "version"] {
			t.Errorf("%s: unit, code, pack: %s", f.Name, got)
		}
		if copyLink := files.Text(11, row); (copyLink != "") != (g.want[p] != Clean) || (copyLink != "" && copyLink != "标注/"+s.dept+"/"+filepath.Base(p)) {
			t.Errorf("%s: link to the copy %q", f.Name, copyLink)
		}
	}
	// Sheet 2: every finding, in the order of the files.
	n := 1
	for _, f := range r.Files {
		for _, fd := range f.Findings {
			n++
			want := f.Path + "|" + fd.Rule + "|" + fd.Message(msg.ZH)
			if got := all.Text(1, n) + "|" + all.Text(5, n) + "|" + all.Text(6, n); got != want {
				t.Errorf("finding row %d: %s\nwant %s", n, got, want)
			}
		}
	}
	if all.LastRow() != n || n < 10 {
		t.Errorf("%d rows of findings, want %d", all.LastRow(), n)
	}
	for _, sh := range wb.Sheets {
		if sh.Orientation != "landscape" || sh.Paper != 9 || sh.FitToWidth != 1 || !strings.HasSuffix(sh.PrintTitles, "$1:$1") {
			t.Errorf("%s prints %s on paper %d, %d wide, titles %q", sh.Name, sh.Orientation, sh.Paper, sh.FitToWidth, sh.PrintTitles)
		}
	}
	if !ours {
		return
	}
	// What the reader does not give: panes, autofilter, colors.
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, name := range f.GetSheetList() {
		panes, err := f.GetPanes(name)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: panes %+v, %v", name, panes, err)
		}
	}
	filters := 0
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm._FilterDatabase" {
			filters++
		}
	}
	if filters != 2 {
		t.Errorf("%d autofilters, want 2", filters)
	}
	colors := map[string]string{}
	for i, p := range g.paths {
		id, err := f.GetCellStyle("审核汇总", fmt.Sprintf("J%d", i+2))
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil || len(st.Fill.Color) == 0 {
			t.Fatalf("%s: style %+v, %v", p, st, err)
		}
		if c, ok := colors[g.want[p]]; ok && c != st.Fill.Color[0] {
			t.Errorf("%s: two colors for %s", p, g.want[p])
		}
		colors[g.want[p]] = st.Fill.Color[0]
	}
	if len(colors) != 4 || colors[Errors] == colors[Clean] || colors[Errors] == colors[Warnings] {
		t.Errorf("status colors: %v", colors)
	}
}

// rowText joins the texts of a row's first n cells with |.
func rowText(s *workbook.Sheet, row, n int) string {
	var out []string
	for c := 1; c <= n; c++ {
		out = append(out, s.Text(c, row))
	}
	return strings.Join(out, "|")
}

// TestSummaryRowLimit: findings beyond a sheet's last row are counted in
// that row.
func TestSummaryRowLimit(t *testing.T) {
	g := district(t)
	r := checkDistrict(t, g, Options{})
	n := 0
	for _, f := range r.Files {
		n += len(f.Findings)
	}
	saved := maxRows
	defer func() { maxRows = saved }()
	maxRows = 6
	path := filepath.Join(t.TempDir(), "s.xlsx")
	if err := WriteSummary(r, path, msg.ZH); err != nil {
		t.Fatal(err)
	}
	wb, err := workbook.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	all := wb.Sheet("全部问题")
	want := fmt.Sprintf("另有 %d 个问题：一张工作表最多 6 行", n-4)
	if all.LastRow() != 6 || all.Text(1, 6) != want || all.Text(5, 5) == "" {
		t.Errorf("last row %d: %q, want %q", all.LastRow(), all.Text(1, 6), want)
	}
}

// TestCheckCancel: a cancelled run starts at most one more file (handed
// out as it was cancelled) besides those in hand; the files it reports
// are the first ones, in order.
func TestCheckCancel(t *testing.T) {
	g := district(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	inputs := Expand([]string{g.dir})
	cancelled, starts, last := false, 0, Progress{}
	r, err := Check(ctx, inputs, Options{Jobs: 2, Verify: verify.Options{Templates: templates},
		Each: func(*File) { cancel(); cancelled = true },
		Progress: func(p Progress) {
			if cancelled && p.Done == last.Done && p.Current != last.Current {
				starts++ // a start reported after the cancel: in hand before it (2 jobs), or the one handed out
			}
			last = p
		}})
	if err != nil {
		t.Fatal(err)
	}
	if starts > 3 || len(r.Files) >= len(inputs) {
		t.Errorf("%d files started after cancelling, %d of %d checked", starts, len(r.Files), len(inputs))
	}
	for i, f := range r.Files {
		if f.Path != inputs[i].Path {
			t.Errorf("file %d is %s, want %s", i, f.Path, inputs[i].Path)
		}
	}
}

// TestFill fills the district's unit folders (49: the unreadable one has
// none) two at a time: each workbook is written and checked, with the
// status its faults give it (the one restamped with another pack version
// is clean as filled), and the two units of one code are found.
func TestFill(t *testing.T) {
	g := district(t)
	units := Units(filepath.Join(filepath.Dir(g.dir), "units"))
	if len(units) != 49 {
		t.Fatalf("%d unit folders, want 49", len(units))
	}
	out := filepath.Join(t.TempDir(), "out")
	lib := pack.Library{Dir: templates}
	var each []string
	r, err := Fill(context.Background(), units, FillOptions{Packs: lib, Out: out, Jobs: 2, Each: func(f *File) { each = append(each, f.Name) }})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for p, s := range g.specs {
		status := g.want[p]
		if s.fault == "version" {
			status = Clean
		}
		want[strings.TrimSuffix(filepath.Base(p), ".xlsx")] = status
	}
	for i, f := range r.Files {
		if f.Name != units[i].Name || each[i] != f.Name {
			t.Errorf("file %d: %s (reported %s), want %s", i, f.Name, each[i], units[i].Name)
		}
		if f.Path != filepath.Join(out, f.Name+".xlsx") {
			t.Errorf("%s written at %s", f.Name, f.Path)
		}
		if got := f.Status(); got != want[f.Name] {
			t.Errorf("%s: %s, want %s (%v %v)", f.Name, got, want[f.Name], f.Err, f.Rules(3))
		}
		if _, err := os.Stat(f.Path); err != nil {
			t.Error(err)
		}
	}
	if len(r.Cross) != 2 || r.Cross[0].Rule != RuleUnitCode {
		t.Errorf("across units: %+v", r.Cross)
	}
	// The output folder may not be an input.
	if _, err := Fill(context.Background(), units, FillOptions{Packs: lib, Out: units[0].Path}); err == nil {
		t.Error("filled into a unit's folder")
	}
}
