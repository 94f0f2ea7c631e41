package cli

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"budgetxl/docx"
	"budgetxl/msg"
	"budgetxl/office"
	"budgetxl/output"
	"budgetxl/pack"
	"budgetxl/pdfjoin"
	"budgetxl/verify"
)

// runPDF writes the PDF of a workbook, the file a unit publishes: its
// 情况说明 first, when there is one, then the tables.
func runPDF(e *env, args []string) int {
	fs := e.flags("pdf")
	out := fs.StringP("out", "o", "", msg.T(e.lang, "PDF to write (default: the workbook's name with .pdf, beside it)"))
	explain := fs.String("explain", "", msg.T(e.lang, "the 情况说明 to print before the tables, .docx or .txt (default: the one beside the workbook, of the same name)"))
	noExplain := fs.Bool("no-explain", false, msg.T(e.lang, "print the tables only, without the 情况说明"))
	valueName(fs, "out", "FILE.pdf")
	valueName(fs, "explain", "FILE")
	lo := officeFlags(e, fs)
	if ok, status := e.parse(fs, "usage: budgetxl pdf [flags] WORKBOOK\n\nWrites the PDF a unit publishes, through LibreOffice: the 收支预算情况说明 first (the .docx or .txt of the workbook's name beside it, or --explain), then every table on the pages its print setup gives; a bookmark for the 情况说明 and one per table, the fonts embedded; hidden sheets are not printed.", args); !ok {
		return status
	}
	if fs.NArg() != 1 {
		return e.fail(ExitInput, msg.Errorf("pdf takes one workbook, got %d arguments: budgetxl pdf FILE.xlsx", fs.NArg()))
	}
	in := fs.Arg(0)
	path := *out
	if path == "" {
		path = pdfPath(in)
	}
	if *explain != "" && *noExplain {
		return e.fail(ExitInput, msg.Errorf("--explain and --no-explain: give one of them"))
	}
	if err := checkWorkbook(in); err != nil {
		return e.fail(ExitInput, err)
	}
	text := *explain
	if text != "" {
		if ext := strings.ToLower(filepath.Ext(text)); ext != ".docx" && ext != ".txt" {
			return e.fail(ExitInput, msg.Errorf("%s: give the 情况说明 as .docx or .txt", text))
		}
	} else if !*noExplain {
		text = verify.TextBeside(in)
	}
	inputs := []string{in}
	if text != "" {
		inputs = append(inputs, text)
	}
	if err := e.guard(path, inputs...); err != nil {
		return e.fail(ExitInput, err)
	}
	if err := fileType(path, ".pdf"); err != nil {
		return e.fail(ExitInput, err)
	}
	pub, err := e.writePDF(lo, in, text, docx.Styles{}, path)
	if err != nil {
		return e.fail(ExitInput, err)
	}
	e.printPublication(path, in, pub, *noExplain)
	return ExitOK
}

// officeFlags adds the flags that say which LibreOffice to run.
func officeFlags(e *env, fs *pflag.FlagSet) *office.Options {
	opt := &office.Options{}
	fs.StringVar(&opt.Soffice, "soffice", "", msg.T(e.lang, "LibreOffice's soffice (default: BUDGETXL_SOFFICE, else PATH, else the usual folders)"))
	fs.DurationVar(&opt.Timeout, "timeout", office.DefaultTimeout, msg.T(e.lang, "stop LibreOffice after this long (default 10m)"))
	valueName(fs, "soffice", "PATH")
	valueName(fs, "timeout", "DURATION")
	return opt
}

// pdfPath is where a workbook's PDF goes by default: beside it, .pdf for
// its extension.
func pdfPath(workbook string) string {
	return strings.TrimSuffix(workbook, filepath.Ext(workbook)) + ".pdf"
}

// checkWorkbook refuses, fast, an input that is not an .xlsx workbook
// (a zip archive), before LibreOffice starts.
func checkWorkbook(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return msg.Errorf("%s: %v", path, msg.File(err))
	}
	defer f.Close()
	head := make([]byte, 4)
	if st, err := f.Stat(); err != nil || st.IsDir() {
		return msg.Errorf("%s is a folder: give a workbook (.xlsx)", path)
	}
	if _, err := io.ReadFull(f, head); err != nil || string(head) != "PK\x03\x04" {
		return msg.Errorf("%s is not an .xlsx workbook", path)
	}
	return nil
}

// publication is what a written PDF holds: the 情况说明 (none: "") and the
// pages of the text and of the tables (0: not counted).
type publication struct {
	text                  string
	textPages, tablePages int
}

// maxBookmark is the most characters of the text's title its bookmark shows.
const maxBookmark = 100

// writePDF prints workbook in to the PDF at out, after the 情况说明 text
// when it is not "": a .docx as it is, a .txt laid out in styles s (see
// docx.Plain). LibreOffice prints both in one run; the two PDFs are joined
// into one (package pdfjoin), the text under a bookmark of its title and
// the tables' bookmarks after it. The PDF is written through a temporary
// file renamed at the end (output.File): a failure leaves out as it was.
func (e *env) writePDF(opt *office.Options, in, text string, s docx.Styles, out string) (publication, error) {
	pub := publication{text: text}
	inputs := []string{in}
	var title string
	if text != "" {
		lines, err := verify.ReadText(text)
		if err != nil {
			return pub, err
		}
		if len(lines) == 0 {
			return pub, msg.Errorf("%s: the 情况说明 is empty: write it (budgetxl explain drafts one), or leave it out with --no-explain", text)
		}
		title = strings.TrimSpace(lines[0])
		if r := []rune(title); len(r) > maxBookmark {
			title = string(r[:maxBookmark]) + "…"
		}
		doc := text
		if !strings.EqualFold(filepath.Ext(text), ".docx") {
			dir, err := os.MkdirTemp("", "budgetxl-text-")
			if err != nil {
				return pub, msg.Errorf("cannot make a temporary folder for the 情况说明: %v", msg.File(err))
			}
			defer os.RemoveAll(dir)
			doc = filepath.Join(dir, strings.TrimSuffix(filepath.Base(text), filepath.Ext(text))+".docx")
			if err := docx.Write(doc, docx.Plain(lines, s)); err != nil {
				return pub, err
			}
		}
		inputs = []string{doc, in}
	}
	r, err := office.New(*opt)
	if err != nil {
		return pub, err
	}
	var results []string
	err = r.Convert(context.Background(), office.PDF, inputs, func(i int, result string) error {
		if results = append(results, result); i < len(inputs)-1 {
			return nil // the results stay until Convert returns
		}
		return output.File(out, func(f *os.File) error {
			if text == "" {
				return copyTo(f, result)
			}
			pages, err := pdfjoin.Join(f, []pdfjoin.Part{{Path: results[0], Title: title}, {Path: results[1]}})
			if err != nil {
				return msg.Errorf("cannot join the 情况说明 and the tables into one PDF: %v", err)
			}
			pub.textPages, pub.tablePages = pages[0], pages[1]
			return nil
		}, nil)
	})
	if errors.Is(err, office.ErrNoWriter) {
		return pub, msg.Errorf("%v; or leave the 情况说明 out of the PDF with --no-explain", err)
	}
	return pub, err
}

func copyTo(f *os.File, path string) error {
	src, err := os.Open(path)
	if err != nil {
		return err
	}
	defer src.Close()
	_, err = io.Copy(f, src)
	return err
}

// printPublication says what the PDF at path, of workbook, holds.
func (e *env) printPublication(path, workbook string, pub publication, noExplain bool) {
	e.printf("wrote %s\n", path)
	switch {
	case pub.text != "":
		e.printf("  the 情况说明 %s first (%d pages), then the tables (%d pages); a bookmark for the 情况说明 and one per table\n", pub.text, pub.textPages, pub.tablePages)
	case noExplain:
		e.printf("  the tables only (--no-explain)\n")
	default:
		e.printf("  the tables only: no 情况说明 beside the workbook (%s; budgetxl explain drafts one)\n", strings.Join(verify.TextNames(workbook), ", "))
	}
}

// docxStyles are the .docx styles of a pack's 情况说明.
func docxStyles(s pack.TextStyle) docx.Styles {
	return docx.Styles{TitleFont: s.TitleFont, HeadingFont: s.HeadingFont, BodyFont: s.BodyFont,
		TitleSize: s.TitleSize, HeadingSize: s.HeadingSize, BodySize: s.BodySize}
}
