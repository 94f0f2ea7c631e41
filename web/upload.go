package web

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"path"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"budgetxl/msg"
)

// File is one file a browser sent: its name as the browser gave it,
// cleaned for display (never used as a path), and its bytes.
type File struct {
	Name string
	Data []byte
	// Text is the 情况说明 (.docx or .txt) sent with a workbook, checked
	// with it; nil for none.
	Text *File
}

// form is what one multipart request sent: its files by field, and its
// other fields' values.
type form struct {
	files  map[string][]File
	values map[string]string
}

func (f *form) value(key string) string { return f.values[key] }

// maxField is the most bytes of a form field that is not a file.
const maxField = 4 << 10

// readForm reads a multipart request within the limits: the body at most
// MaxUpload bytes, at most MaxFiles files, every file held in memory.
func (s *Server) readForm(w http.ResponseWriter, r *http.Request) (*form, error) {
	r.Body = http.MaxBytesReader(w, r.Body, s.lim.MaxUpload)
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, msg.Errorf("the request is not a form upload (multipart/form-data)")
	}
	f := &form{files: map[string][]File{}, values: map[string]string{}}
	n := 0
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return f, nil
		}
		if err != nil {
			return nil, s.uploadError(err)
		}
		if p.FileName() == "" {
			b, err := io.ReadAll(io.LimitReader(p, maxField+1))
			if err != nil {
				return nil, s.uploadError(err)
			}
			if len(b) > maxField {
				return nil, msg.Errorf("the form field %s is longer than %d bytes", msg.Cut(p.FormName()), maxField)
			}
			f.values[p.FormName()] = strings.TrimSpace(string(b))
			continue
		}
		if n++; n > s.lim.MaxFiles {
			return nil, msg.Errorf("more than %d files in one upload: send fewer at a time", s.lim.MaxFiles)
		}
		b, err := io.ReadAll(p)
		if err != nil {
			return nil, s.uploadError(err)
		}
		name := displayName(p.FileName())
		if len(b) == 0 && name == "" { // a file input left empty
			continue
		}
		f.files[p.FormName()] = append(f.files[p.FormName()], File{Name: name, Data: b})
	}
}

// uploadError says why an upload could not be read: too large, or cut.
func (s *Server) uploadError(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return tooLarge{msg.Errorf("the upload is larger than %s: send fewer or smaller files at a time", sizeText(s.lim.MaxUpload))}
	}
	return msg.Errorf("the upload was cut short: %v", err)
}

// tooLarge marks an upload refused for its size, which the page answers
// with 413 (Content Too Large) rather than 422.
type tooLarge struct{ err *msg.Error }

func (e tooLarge) Error() string        { return e.err.Error() }
func (e tooLarge) In(l msg.Lang) string { return e.err.In(l) }
func (e tooLarge) Unwrap() error        { return e.err }

// httpStatus is the HTTP status of a page that shows errs: 413 when an
// upload was too large, else 422 (read, but it cannot be used).
func httpStatus(errs ...error) int {
	for _, err := range errs {
		if errors.As(err, new(tooLarge)) {
			return http.StatusRequestEntityTooLarge
		}
	}
	return http.StatusUnprocessableEntity
}

// sizeText writes a number of bytes as MiB (or KiB).
func sizeText(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d KiB", n>>10)
}

// maxName is the most characters of a displayed file name.
const maxName = 120

// displayName is the last element of a name a browser gave (either slash),
// without control characters, cut to maxName characters. It is shown, and
// names a file in messages and downloads; it is never a path on disk.
func displayName(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	name = name[strings.LastIndex(name, "/")+1:]
	var b strings.Builder
	n := 0
	for _, r := range name {
		if r == utf8.RuneError || unicode.IsControl(r) || r == '"' {
			continue
		}
		if n++; n > maxName {
			break
		}
		b.WriteRune(r)
	}
	out := strings.TrimSpace(b.String())
	if out == "." || out == ".." {
		return ""
	}
	return out
}

// safeEntry is the clean form of a name inside an uploaded dataset (a zip
// entry's, or a file's): slash-separated, relative, with no . or ..
// elements, no empty elements and no characters a file name cannot hold;
// ok is false for a name that is none of that (../x, /etc/x, C:\x).
func safeEntry(name string) (string, bool) {
	name = strings.ReplaceAll(name, "\\", "/")
	if name == "" || strings.HasPrefix(name, "/") || strings.ContainsAny(name, ":*?\"<>|\x00") {
		return "", false
	}
	for _, el := range strings.Split(strings.TrimSuffix(name, "/"), "/") {
		if el == "" || el == "." || el == ".." || strings.TrimSpace(el) != el {
			return "", false
		}
		for _, r := range el {
			if unicode.IsControl(r) || r == utf8.RuneError {
				return "", false
			}
		}
	}
	return path.Clean(name), true
}

// memFS is a read-only folder of files held in memory (an uploaded
// dataset): one level, no subfolders.
type memFS map[string][]byte

func (m memFS) Open(name string) (fs.File, error) {
	if name == "." {
		var entries []fs.DirEntry
		for n, b := range m {
			entries = append(entries, fs.FileInfoToDirEntry(memInfo{n, int64(len(b)), false}))
		}
		sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
		return &memDir{entries: entries}, nil
	}
	b, ok := m[name]
	if !ok || !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return &memFile{Reader: bytes.NewReader(b), info: memInfo{name, int64(len(b)), false}}, nil
}

type memInfo struct {
	name string
	size int64
	dir  bool
}

func (i memInfo) Name() string { return i.name }
func (i memInfo) Size() int64  { return i.size }
func (i memInfo) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return i.dir }
func (i memInfo) Sys() any           { return nil }

type memFile struct {
	*bytes.Reader
	info memInfo
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *memFile) Close() error               { return nil }

type memDir struct {
	entries []fs.DirEntry
	off     int
}

func (d *memDir) Stat() (fs.FileInfo, error) { return memInfo{".", 0, true}, nil }
func (d *memDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: ".", Err: fs.ErrInvalid}
}
func (d *memDir) Close() error { return nil }
func (d *memDir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.off:]
	if n <= 0 {
		d.off = len(d.entries)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(rest))
	d.off += n
	return rest[:n], nil
}

// datasetFiles turns the files of a dataset upload into one folder in
// memory: a zip (the folder zipped, at its top or one folder down) or the
// dataset's files themselves (unit.toml, the CSV and TOML files). Names
// are checked (safeEntry); a zip is read within MaxZipEntries and
// MaxZipBytes, counting the bytes it inflates to, not what it claims.
func (s *Server) datasetFiles(files []File) (memFS, error) {
	if len(files) == 0 {
		return nil, msg.Errorf("no dataset was sent: choose its zip, or its unit.toml with the tables' CSV and TOML files")
	}
	if len(files) == 1 && strings.EqualFold(path.Ext(files[0].Name), ".zip") {
		return s.unzip(files[0])
	}
	out := memFS{}
	for _, f := range files {
		name, ok := safeEntry(f.Name)
		if !ok || strings.Contains(name, "/") {
			return nil, msg.Errorf("%s: not a file name a dataset holds", msg.Cut(f.Name))
		}
		if strings.EqualFold(path.Ext(name), ".zip") {
			return nil, msg.Errorf("%s: send a dataset's zip alone, or its files without a zip", name)
		}
		if _, dup := out[name]; dup {
			return nil, msg.Errorf("%s was sent twice", name)
		}
		out[name] = f.Data
	}
	return out, nil
}

// zipName is the name of a zip entry as text: Windows' own zip tool
// writes names in the system's code page (GBK on Chinese Windows) without
// the UTF-8 flag, so a name that is not UTF-8 is read as GB18030.
func zipName(f *zip.File) string {
	if utf8.ValidString(f.Name) {
		return f.Name
	}
	if b, err := simplifiedchinese.GB18030.NewDecoder().String(f.Name); err == nil {
		return b
	}
	return f.Name
}

// unzip reads a dataset's zip into memory: the files of the folder that
// holds unit.toml (the zip's top, or the one folder that has it).
func (s *Server) unzip(u File) (memFS, error) {
	zr, err := zip.NewReader(bytes.NewReader(u.Data), int64(len(u.Data)))
	if err != nil {
		return nil, msg.Errorf("%s: not a readable zip file", u.Name)
	}
	if len(zr.File) > s.lim.MaxZipEntries {
		return nil, msg.Errorf("%s holds %d entries, more than %d: a dataset has a few files", u.Name, len(zr.File), s.lim.MaxZipEntries)
	}
	type entry struct {
		dir, name string
		f         *zip.File
	}
	var entries []entry
	roots := map[string]bool{}
	for _, f := range zr.File {
		name, ok := safeEntry(zipName(f))
		if !ok {
			return nil, msg.Errorf("%s: the entry %q has a name that is no file inside the zip (an absolute path, or one with ..): refused", u.Name, msg.Cut(f.Name))
		}
		if f.FileInfo().IsDir() || strings.HasPrefix(name, "__MACOSX/") || strings.HasPrefix(path.Base(name), ".") {
			continue
		}
		if f.Mode()&fs.ModeSymlink != 0 {
			return nil, msg.Errorf("%s: the entry %s is a link: refused", u.Name, name)
		}
		dir, base := path.Split(name)
		dir = strings.TrimSuffix(dir, "/")
		if base == "unit.toml" {
			roots[dir] = true
		}
		entries = append(entries, entry{dir, base, f})
	}
	var root string
	switch len(roots) {
	case 0:
		return nil, msg.Errorf("%s holds no unit.toml: zip the dataset folder (unit.toml and the tables' files)", u.Name)
	case 1:
		for r := range roots {
			root = r
		}
	default:
		return nil, msg.Errorf("%s holds %d datasets (unit.toml in several folders): send one at a time", u.Name, len(roots))
	}
	out := memFS{}
	budget := s.lim.MaxZipBytes
	for _, e := range entries {
		if e.dir != root {
			continue
		}
		rc, err := e.f.Open()
		if err != nil {
			return nil, msg.Errorf("%s: %s cannot be read: %v", u.Name, e.f.Name, err)
		}
		b, err := io.ReadAll(io.LimitReader(rc, budget+1))
		rc.Close()
		if err != nil {
			return nil, msg.Errorf("%s: %s cannot be read: %v", u.Name, e.f.Name, err)
		}
		if budget -= int64(len(b)); budget < 0 {
			return nil, msg.Errorf("%s inflates to more than %s: a dataset is far smaller", u.Name, sizeText(s.lim.MaxZipBytes))
		}
		out[e.name] = b
	}
	return out, nil
}
