// Package office runs LibreOffice headless on workbooks: to PDF, the
// publication a unit posts, and to .xlsx with every formula recalculated,
// the tests' independent oracle. Each run has a fresh profile of its own
// (removed afterwards), a time limit (the whole process group is killed
// when it passes) and works on copies in a temporary folder, so that
// LibreOffice never writes beside the inputs; results are handed to the
// caller, who puts them in place.
//
// It knows LibreOffice, fonts and paths, nothing of budgets.
package office

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"

	"budgetxl/msg"
)

// EnvSoffice is the environment variable that names LibreOffice's soffice
// when it is not on PATH or in the usual folders.
const EnvSoffice = "BUDGETXL_SOFFICE"

// DefaultTimeout bounds one run of LibreOffice when Options give none.
const DefaultTimeout = 10 * time.Minute

// Options say which LibreOffice to run and for how long.
type Options struct {
	// Soffice is the path of soffice (or of LibreOffice's folder) that the
	// user gave; empty to look in EnvSoffice, PATH and the usual folders.
	Soffice string
	// Timeout bounds one run; 0 is DefaultTimeout.
	Timeout time.Duration
}

// missing is the error of a LibreOffice that could not be found.
func missing() error {
	return msg.Errorf("LibreOffice is not installed here (no soffice on PATH or in the usual folders), and budgetxl makes PDFs with it. Install it: on Debian or Ubuntu apt-get install libreoffice-calc-nogui libreoffice-writer-nogui; on Windows install LibreOffice from https://www.libreoffice.org, and if it is not in C:\\Program Files\\LibreOffice give the path of its soffice.exe with --soffice or in the environment variable %s", EnvSoffice)
}

// ErrNoWriter is the error of a document (.docx) that LibreOffice did not
// convert because its Writer is not installed.
var ErrNoWriter = msg.Errorf("LibreOffice Writer, which converts documents (.docx), is not installed here: on Debian or Ubuntu apt-get install libreoffice-writer-nogui")

// HasWriter reports whether the LibreOffice of soffice has Writer, which
// converts documents: its library lies beside soffice (Linux, Windows) or
// in the application's Frameworks folder (macOS).
func HasWriter(soffice string) bool {
	real, err := filepath.EvalSymlinks(soffice)
	if err != nil {
		real = soffice
	}
	dir := filepath.Dir(real)
	for _, lib := range []string{filepath.Join(dir, "libswlo.so"), filepath.Join(dir, "swlo.dll"),
		filepath.Join(dir, "..", "Frameworks", "libswlo.dylib"), filepath.Join(dir, "libswlo.dylib")} {
		if isFile(lib) {
			return true
		}
	}
	return false
}

// Find returns the path of soffice: the one given (a file, or a folder
// holding it), else the one named by EnvSoffice, else soffice or
// libreoffice on PATH, else one in the folders LibreOffice installs to.
// A path that is given but wrong is an error, never passed over.
func Find(given string) (string, error) {
	if given != "" {
		return check(given, "--soffice")
	}
	if env := os.Getenv(EnvSoffice); env != "" {
		return check(env, EnvSoffice)
	}
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	for _, p := range usualPaths(runtime.GOOS, os.Getenv) {
		if isFile(p) {
			return p, nil
		}
	}
	return "", missing()
}

// check accepts a path given with flag: soffice itself, or a folder that
// holds it (LibreOffice's install folder or its program folder).
func check(path, flag string) (string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return "", msg.Errorf("%s (given with %s): %v; give the path of LibreOffice's soffice", path, flag, msg.File(err))
	}
	if !st.IsDir() {
		return path, nil
	}
	for _, dir := range []string{path, filepath.Join(path, "program")} {
		for _, name := range []string{"soffice", "soffice.exe"} {
			if p := filepath.Join(dir, name); isFile(p) {
				return p, nil
			}
		}
	}
	return "", msg.Errorf("%s (given with %s) is a folder without soffice in it; give the path of LibreOffice's soffice", path, flag)
}

// usualPaths lists where LibreOffice installs soffice on system goos, most
// likely first; getenv reads the environment (Windows' program folders).
func usualPaths(goos string, getenv func(string) string) []string {
	var out []string
	switch goos {
	case "windows":
		for _, env := range []string{"ProgramFiles", "ProgramW6432", "ProgramFiles(x86)", "LOCALAPPDATA"} {
			root := getenv(env)
			if root == "" {
				continue
			}
			if env == "LOCALAPPDATA" {
				root += `\Programs`
			}
			out = append(out, root+`\LibreOffice\program\soffice.exe`)
			out = append(out, glob(root+`\LibreOffice*\program\soffice.exe`)...)
		}
	case "darwin":
		out = append(out, "/Applications/LibreOffice.app/Contents/MacOS/soffice")
		if home := getenv("HOME"); home != "" {
			out = append(out, home+"/Applications/LibreOffice.app/Contents/MacOS/soffice")
		}
	default:
		out = append(out, "/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/lib/libreoffice/program/soffice",
			"/usr/lib64/libreoffice/program/soffice", "/snap/bin/libreoffice")
		out = append(out, glob("/opt/libreoffice*/program/soffice")...)
	}
	return out
}

// glob returns the matches of pattern, the newest version (last in order) first.
func glob(pattern string) []string {
	m, _ := filepath.Glob(pattern)
	sort.Sort(sort.Reverse(sort.StringSlice(m)))
	return m
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}

// fontFamilies lists the font families installed, from fontconfig's
// fc-list, and whether any of them has Chinese; ok is false where there
// is no fc-list (Windows, macOS), and nothing is known.
func fontFamilies() (families map[string]bool, chinese, ok bool) {
	fc, err := exec.LookPath("fc-list")
	if err != nil {
		return nil, false, false
	}
	all, err := exec.Command(fc, ":", "family").Output()
	if err != nil {
		return nil, false, false
	}
	zh, err := exec.Command(fc, ":lang=zh", "family").Output()
	if err != nil {
		return nil, false, false
	}
	families = map[string]bool{}
	for _, line := range strings.Split(string(all), "\n") {
		for _, name := range strings.Split(line, ",") { // a family has a name per language
			if name = strings.TrimSpace(name); name != "" {
				families[name] = true
			}
		}
	}
	return families, strings.TrimSpace(string(zh)) != "", true
}
