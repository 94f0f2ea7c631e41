package cli

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"budgetxl/msg"
	"budgetxl/office"
	"budgetxl/output"
)

// runPDF writes the PDF of a workbook, the file a unit publishes.
func runPDF(e *env, args []string) int {
	fs := e.flags("pdf")
	out := fs.StringP("out", "o", "", msg.T(e.lang, "PDF to write (default: the workbook's name with .pdf, beside it)"))
	valueName(fs, "out", "FILE.pdf")
	lo := officeFlags(e, fs)
	if ok, status := e.parse(fs, "usage: budgetxl pdf [flags] WORKBOOK\n\nWrites the PDF of a workbook through LibreOffice, as a unit publishes it: every table on the pages its print setup gives, one bookmark per table, the fonts embedded; hidden sheets are not printed.", args); !ok {
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
	if err := checkWorkbook(in); err != nil {
		return e.fail(ExitInput, err)
	}
	if err := e.guard(path, in); err != nil {
		return e.fail(ExitInput, err)
	}
	if err := fileType(path, ".pdf"); err != nil {
		return e.fail(ExitInput, err)
	}
	if err := e.writePDF(lo, in, path); err != nil {
		return e.fail(ExitInput, err)
	}
	e.printf("wrote %s\n", path)
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

// writePDF converts workbook in to the PDF at out, through a temporary
// file renamed at the end (output.File): a failure leaves out as it was.
func (e *env) writePDF(opt *office.Options, in, out string) error {
	r, err := office.New(*opt)
	if err != nil {
		return err
	}
	return r.Convert(context.Background(), office.PDF, []string{in}, func(_ int, result string) error {
		return output.File(out, func(f *os.File) error {
			src, err := os.Open(result)
			if err != nil {
				return err
			}
			defer src.Close()
			_, err = io.Copy(f, src)
			return err
		}, nil)
	})
}
