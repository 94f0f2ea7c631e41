package office

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"budgetxl/msg"
)

// Format is what a conversion writes.
type Format struct {
	ext    string   // extension of the result
	filter string   // LibreOffice's --convert-to argument
	args   []string // more arguments, such as --infilter
	pdf    bool
}

// Filter is a conversion to what --convert-to names by to ("xlsx",
// `csv:Text - txt - csv (StarCalc):44,34,76`), with more arguments for
// reading the inputs (--infilter=CSV:44,34,76,1).
func Filter(to string, args ...string) Format {
	ext, _, _ := strings.Cut(to, ":")
	return Format{ext: ext, filter: to, args: args}
}

// Formats LibreOffice converts workbooks to.
var (
	// PDF is the publication, of workbooks and of documents (.docx) alike,
	// in one run: one bookmark per visible sheet, named after it
	// (LibreOffice's outline of a spreadsheet), or per heading of a
	// document; hidden sheets not printed, comments not printed, fonts
	// embedded. The export's settings are the profile's (see registry), so
	// that LibreOffice picks the export filter of each input's kind.
	PDF = Format{ext: "pdf", filter: "pdf", pdf: true}
	// XLSX is the workbook re-saved with every formula recalculated on load.
	XLSX = Format{ext: "xlsx", filter: "xlsx:Calc MS Excel 2007 XML"}
)

// Runner runs one LibreOffice.
type Runner struct {
	Soffice string
	Timeout time.Duration
}

// New finds LibreOffice as opt say (see Find).
func New(opt Options) (*Runner, error) {
	soffice, err := Find(opt.Soffice)
	if err != nil {
		return nil, err
	}
	timeout := opt.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	return &Runner{Soffice: soffice, Timeout: timeout}, nil
}

// Convert converts every input in one run of LibreOffice and calls done
// with each result, in input order; the results lie in a temporary folder
// that is removed when Convert returns, so done copies what it keeps.
// LibreOffice works on copies of the inputs, with a fresh profile, and is
// stopped (its whole process group) when the time limit passes.
func (r *Runner) Convert(ctx context.Context, f Format, inputs []string, done func(i int, result string) error) error {
	if len(inputs) == 0 {
		return nil
	}
	fonts, err := substitutions(f)
	if err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "budgetxl-office-")
	if err != nil {
		return msg.Errorf("cannot make a temporary folder for LibreOffice: %v", msg.File(err))
	}
	defer os.RemoveAll(work)
	profile, in, out := filepath.Join(work, "profile"), filepath.Join(work, "in"), filepath.Join(work, "out")
	for _, d := range []string{filepath.Join(profile, "user"), in, out} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return msg.Errorf("cannot make a temporary folder for LibreOffice: %v", msg.File(err))
		}
	}
	if err := os.WriteFile(filepath.Join(profile, "user", "registrymodifications.xcu"), registry(fonts), 0o600); err != nil {
		return msg.Errorf("cannot make a temporary folder for LibreOffice: %v", msg.File(err))
	}
	// Copies named 1.xlsx, 2.xlsx, ...: LibreOffice leaves no lock file
	// beside an input, and names the results after the copies.
	args := []string{"-env:UserInstallation=" + fileURL(profile), "--headless", "--invisible", "--norestore", "--nologo",
		"--nodefault", "--nolockcheck"}
	args = append(append(args, f.args...), "--convert-to", f.filter, "--outdir", out)
	var results []string
	for i, src := range inputs {
		ext := strings.ToLower(filepath.Ext(src))
		if ext == "" {
			ext = ".xlsx"
		}
		name := strconv.Itoa(i+1) + ext
		if err := copyFile(src, filepath.Join(in, name)); err != nil {
			return msg.Errorf("%s: %v", src, msg.File(err))
		}
		args = append(args, filepath.Join(in, name))
		results = append(results, filepath.Join(out, strconv.Itoa(i+1)+"."+f.ext))
	}
	ctx, cancel := context.WithTimeout(ctx, r.Timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, r.Soffice, args...)
	cmd.Dir = work
	cmd.Env = append(os.Environ(), "HOME="+work) // nothing of the user's own LibreOffice is read or written
	var log tail
	cmd.Stdout, cmd.Stderr = &log, &log
	cmd.WaitDelay = 10 * time.Second
	processGroup(cmd)
	err = cmd.Run()
	switch {
	case ctx.Err() == context.DeadlineExceeded:
		return msg.Errorf("LibreOffice did not finish within %s and was stopped (%s): try again with a longer --timeout", r.Timeout, strings.Join(inputs, ", "))
	case ctx.Err() != nil:
		return ctx.Err()
	case err != nil && !isExit(err):
		return msg.Errorf("cannot run LibreOffice (%s): %v", r.Soffice, err)
	}
	for i, res := range results {
		if st, serr := os.Stat(res); serr != nil || st.Size() == 0 {
			if isDocument(inputs[i]) && !HasWriter(r.Soffice) {
				return msg.Errorf("LibreOffice did not convert %s: %v", inputs[i], ErrNoWriter)
			}
			return msg.Errorf("LibreOffice did not convert %s (exit: %v); what it said: %s", inputs[i], exitText(err), log.String())
		}
		if err := done(i, res); err != nil {
			return err
		}
	}
	return nil
}

// isDocument reports whether path is a document that Writer opens.
func isDocument(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".docx", ".doc", ".odt", ".rtf", ".txt":
		return true
	}
	return false
}

func isExit(err error) bool {
	var ee *exec.ExitError
	return errors.As(err, &ee)
}

func exitText(err error) string {
	if err == nil {
		return "0"
	}
	return err.Error()
}

// substitutions returns the font replacements LibreOffice's profile
// should make for a PDF: on systems with fontconfig (Linux), the Chinese
// fonts Windows ships (宋体, 黑体, ...) become the Noto CJK fonts when they
// are missing and Noto is there. It refuses to make a PDF where no font
// has Chinese at all: every character would print as a box.
func substitutions(f Format) ([][2]string, error) {
	if !f.pdf {
		return nil, nil
	}
	families, chinese, ok := fontFamilies()
	if !ok {
		return nil, nil
	}
	if !chinese {
		return nil, msg.Errorf("no font with Chinese characters is installed, so the PDF would print every character as a box: install one (Debian or Ubuntu: apt-get install fonts-noto-cjk)")
	}
	var out [][2]string
	for _, p := range replacements {
		if !families[p[0]] && families[p[1]] {
			out = append(out, p)
		}
	}
	return out, nil
}

// replacements pair fonts that workbooks name with the Noto CJK font of
// the same style: serif for 宋体 (SimSun) and its kin, sans for 黑体 (SimHei).
var replacements = [][2]string{
	{"宋体", "Noto Serif CJK SC"}, {"SimSun", "Noto Serif CJK SC"}, {"新宋体", "Noto Serif CJK SC"}, {"NSimSun", "Noto Serif CJK SC"},
	{"仿宋", "Noto Serif CJK SC"}, {"FangSong", "Noto Serif CJK SC"}, {"楷体", "Noto Serif CJK SC"}, {"KaiTi", "Noto Serif CJK SC"},
	{"黑体", "Noto Sans CJK SC"}, {"SimHei", "Noto Sans CJK SC"}, {"微软雅黑", "Noto Sans CJK SC"}, {"Microsoft YaHei", "Noto Sans CJK SC"},
	{"等线", "Noto Sans CJK SC"}, {"DengXian", "Noto Sans CJK SC"},
}

// registry is the profile's settings: every formula recalculated on load
// (LibreOffice's default keeps the cached values a file has), Chinese as
// the language of Asian text, bookmarks and no comments in PDFs, and the
// font replacements.
func registry(fonts [][2]string) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Linguistic/General"><prop oor:name="DefaultLocale_CJK" oor:op="fuse"><value>zh-CN</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Filter/PDF/Export"><prop oor:name="ExportBookmarks" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Filter/PDF/Export"><prop oor:name="ExportNotes" oor:op="fuse"><value>false</value></prop></item>
`)
	if len(fonts) > 0 {
		b.WriteString(`<item oor:path="/org.openoffice.Office.Common/Font/Substitution"><prop oor:name="Replacement" oor:op="fuse"><value>true</value></prop></item>` + "\n")
	}
	for i, p := range fonts {
		// Always: LibreOffice takes a font that fontconfig merely matches
		// (宋体 → DejaVu Sans) for present; only missing fonts are listed.
		fmt.Fprintf(&b, `<item oor:path="/org.openoffice.Office.Common/Font/Substitution/FontPairs"><node oor:name="_%d" oor:op="replace">`+
			`<prop oor:name="Always" oor:op="fuse"><value>true</value></prop><prop oor:name="OnScreenOnly" oor:op="fuse"><value>false</value></prop>`+
			`<prop oor:name="ReplaceFont" oor:op="fuse"><value>%s</value></prop><prop oor:name="SubstituteFont" oor:op="fuse"><value>%s</value></prop></node></item>`+"\n",
			i, html.EscapeString(p[0]), html.EscapeString(p[1]))
	}
	b.WriteString("</oor:items>\n")
	return b.Bytes()
}

// fileURL is the file: URL of a local path, as LibreOffice takes it.
func fileURL(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	p := filepath.ToSlash(abs)
	if runtime.GOOS == "windows" || !strings.HasPrefix(p, "/") {
		p = "/" + p // file:///C:/Users/...
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// tail keeps the last few kilobytes LibreOffice prints, for messages.
type tail struct{ b []byte }

const tailSize = 4 << 10

func (t *tail) Write(p []byte) (int, error) {
	t.b = append(t.b, p...)
	if len(t.b) > tailSize {
		t.b = append([]byte{}, t.b[len(t.b)-tailSize:]...)
	}
	return len(p), nil
}

func (t *tail) String() string {
	s := strings.TrimSpace(string(t.b))
	if s == "" {
		return "(nothing)"
	}
	return s
}
