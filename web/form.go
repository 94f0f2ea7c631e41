package web

import (
	"errors"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"budgetxl/dataset"
	"budgetxl/fill"
	"budgetxl/msg"
	"budgetxl/pack"
	"budgetxl/plan"
)

// packOption is a template pack the pages offer.
type packOption struct {
	ID, Version, Title, Where string
	Problem                   string // why it cannot be loaded, "" when it can
}

// packOptions lists the packs of the library that are used (a pack on disk
// hides a built-in one of its id).
func (s *Server) packOptions(l msg.Lang) []packOption {
	var out []packOption
	for _, e := range s.opt.Packs.Visible() {
		o := packOption{ID: e.ID, Where: e.Dir}
		if e.Builtin {
			o.Where = msg.T(l, "built-in")
		}
		p, err := e.Load()
		if err != nil {
			o.Problem = msg.T(l, "%d problems (run budgetxl templates check)", len(msg.Split(err)))
		} else {
			o.Version, o.Title = p.Version, p.Title
		}
		out = append(out, o)
	}
	return out
}

// samples lists the sample datasets built into the program.
func (s *Server) samples() []string {
	if s.opt.Samples == nil {
		return nil
	}
	entries, _ := fs.ReadDir(s.opt.Samples, ".")
	var out []string
	for _, e := range entries {
		if e.IsDir() {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out
}

// formView is the form page's choices.
type formView struct {
	Packs   []packOption
	Samples []string
}

func (s *Server) formPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, "form", "form", formView{Packs: s.packOptions(s.lang(r)), Samples: s.samples()})
}

// formPost writes the blank form of the unit chosen and sends it.
func (s *Server) formPost(w http.ResponseWriter, r *http.Request) {
	l := s.lang(r)
	view := formView{Packs: s.packOptions(l), Samples: s.samples()}
	name, b, err := s.writeForm(w, r, l)
	if err != nil {
		s.render(w, r, "form", "form", view, err)
		return
	}
	download(w, name, typeXLSX, b)
}

// writeForm reads the form page's request and writes the blank form: its
// file name and bytes.
func (s *Server) writeForm(w http.ResponseWriter, r *http.Request, l msg.Lang) (string, []byte, error) {
	f, err := s.readForm(w, r)
	if err != nil {
		return "", nil, err
	}
	dir, err := os.MkdirTemp("", "budgetxl-serve-")
	if err != nil {
		return "", nil, msg.Errorf("cannot make a temporary folder: %v", msg.File(err))
	}
	defer os.RemoveAll(dir)
	var codesFile string
	if c := f.files["codes"]; len(c) > 0 {
		codesFile = filepath.Join(dir, "codes.csv")
		if err := os.WriteFile(codesFile, c[0].Data, 0o600); err != nil {
			return "", nil, msg.Errorf("cannot write a temporary file: %v", msg.File(err))
		}
	}
	var p *pack.Pack
	var d *dataset.Dataset
	switch src := f.value("source"); src {
	case "sample", "upload":
		folder, err := s.datasetFolder(f, src, l)
		if err != nil {
			return "", nil, err
		}
		open := dataset.OpenFolder
		if codesFile != "" { // the code rows come from the codes file, not the tables' files
			open = dataset.OpenFolderForms
		}
		if p, d, err = open(folder, s.opt.Packs); err != nil {
			return "", nil, scrubError(err, dir)
		}
	case "codes":
		if codesFile == "" {
			return "", nil, msg.Errorf("no codes file was sent: choose a CSV file of the columns table,code,name")
		}
		if p, d, err = s.unitOf(f, l); err != nil {
			return "", nil, err
		}
	default:
		return "", nil, msg.Errorf("choose where the unit's rows come from")
	}
	blank := d.Blank(p)
	if codesFile != "" {
		if blank.Tables, err = dataset.ReadCodes(codesFile, p); err != nil {
			return "", nil, scrubError(err, dir)
		}
	}
	book, err := plan.Build(p, blank)
	if err != nil {
		return "", nil, scrubError(err, dir)
	}
	out := filepath.Join(dir, "form.xlsx")
	if err := fill.Write(book, out, fill.Options{Password: s.opt.Password, Form: true}); err != nil {
		return "", nil, scrubError(err, dir)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		return "", nil, msg.Errorf("cannot read the written form: %v", msg.File(err))
	}
	return d.Unit.Name + msg.T(l, "-form") + ".xlsx", b, nil
}

// datasetFolder is the dataset a request chose: a sample built into the
// program, or the files it sent (held in memory).
func (s *Server) datasetFolder(f *form, src string, l msg.Lang) (dataset.Folder, error) {
	if src == "sample" {
		name := f.value("sample")
		if !slices.Contains(s.samples(), name) {
			return dataset.Folder{}, msg.Errorf("there is no sample dataset %q", msg.Cut(name))
		}
		sub, err := fs.Sub(s.opt.Samples, name)
		if err != nil {
			return dataset.Folder{}, err
		}
		return dataset.Folder{FS: sub, Path: s.opt.SamplesName + name}, nil
	}
	files := f.files["dataset"]
	mem, err := s.datasetFiles(files)
	if err != nil {
		return dataset.Folder{}, err
	}
	name := msg.T(l, "dataset")
	if zipped(files) {
		name = stem(files[0].Name)
	}
	return dataset.Folder{FS: mem, Path: name}, nil
}

// zipped reports whether the files sent as a dataset are its zip.
func zipped(files []File) bool {
	return len(files) == 1 && strings.EqualFold(filepath.Ext(files[0].Name), ".zip")
}

// unitOf is the pack and the unit a form of codes alone is for: the pack
// chosen, and the unit's name, code, department and amount unit as typed.
func (s *Server) unitOf(f *form, l msg.Lang) (*pack.Pack, *dataset.Dataset, error) {
	id := f.value("pack")
	e, ok := s.opt.Packs.Lookup(id)
	if !ok {
		return nil, nil, msg.Errorf("there is no template pack %q (known: %s)", msg.Cut(id), s.opt.Packs.Known())
	}
	p, err := e.Load()
	if err != nil {
		return nil, nil, err
	}
	u := dataset.Unit{Pack: p.ID, Name: f.value("name"), Code: f.value("code"), Department: f.value("department"), Year: p.Year, AmountUnit: f.value("amount_unit")}
	var errs []error
	if u.Name == "" {
		errs = append(errs, msg.Errorf("the unit's name is missing: give its full name as in the titles"))
	}
	if u.AmountUnit != dataset.Yuan && u.AmountUnit != dataset.TenKYuan {
		errs = append(errs, msg.Errorf("choose the amount unit of the form: 元 or 万元"))
	}
	if len(errs) > 0 {
		return nil, nil, errors.Join(errs...)
	}
	return p, &dataset.Dataset{Unit: u, Tables: map[string]*dataset.Table{}, Forms: map[string]*dataset.Form{}}, nil
}
