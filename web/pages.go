package web

import (
	"bytes"
	"html/template"
	"mime"
	"net/http"
	"path"
	"strings"

	"budgetxl/msg"
)

// page is what every page template gets.
type page struct {
	T     map[string]string // the interface's words, by key (text.go)
	Lang  string
	Other string // the other language, for the switch
	Token string
	Nav   string // the tab shown: review, form, fill, templates
	Path  string // the page's path, for the language switch
	// Errors are the problems of the request, one a line, shown above the form.
	Errors []string
	Data   any
	// Refresh reloads the page after this many seconds (a review in
	// progress, for browsers without JavaScript); 0 for never.
	Refresh int
}

// pageNames are the page templates under assets/, each laid out by
// assets/layout.html.
var pageNames = []string{"review", "review_result", "review_file", "form", "fill", "fill_result", "templates", "pack"}

var funcs = template.FuncMap{
	"add": func(a, b int) int { return a + b },
	// dict gives the detail template the page's words and one file.
	"dict": func(t map[string]string, d *fileView) map[string]any { return map[string]any{"T": t, "D": d} },
}

func parsePages() (map[string]*template.Template, error) {
	out := map[string]*template.Template{}
	for _, name := range pageNames {
		t, err := template.New(name).Funcs(funcs).ParseFS(assets, "assets/layout.html", "assets/parts.html", "assets/"+name+".html")
		if err != nil {
			return nil, err
		}
		out[name] = t
	}
	return out, nil
}

// render writes page name with data; errs are shown above its form and
// make the status 422 (413 for an upload too large: see httpStatus).
func (s *Server) render(w http.ResponseWriter, r *http.Request, name, nav string, data any, errs ...error) {
	l := s.lang(r)
	if q := r.URL.Query().Get("lang"); q != "" {
		http.SetCookie(w, &http.Cookie{Name: "lang", Value: string(l), Path: "/", SameSite: http.SameSiteStrictMode, HttpOnly: true})
	}
	p := page{T: texts(l), Lang: string(l), Other: string(other(l)), Token: s.token, Nav: nav, Path: r.URL.Path, Data: data}
	for _, err := range errs {
		for _, e := range msg.Split(err) {
			p.Errors = append(p.Errors, msg.Render(l, e))
		}
	}
	if rd, ok := data.(interface{ refresh() int }); ok {
		p.Refresh = rd.refresh()
	}
	var b bytes.Buffer
	if err := s.pages[name].ExecuteTemplate(&b, "layout", p); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if len(errs) > 0 {
		w.WriteHeader(httpStatus(errs...))
	}
	w.Write(b.Bytes())
}

func other(l msg.Lang) msg.Lang {
	if l == msg.EN {
		return msg.ZH
	}
	return msg.EN
}

// download sends data as a file named name (any characters: RFC 2231).
func download(w http.ResponseWriter, name, contentType string, data []byte) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	w.Write(data)
}

// Content types of what the pages send.
const (
	typeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	typePDF  = "application/pdf"
	typeCSV  = "text/csv; charset=utf-8"
	typeText = "text/plain; charset=utf-8"
)

// stem is a file name without its extension.
func stem(name string) string { return strings.TrimSuffix(name, path.Ext(name)) }

// notFound answers a job or file that is not (or no longer) kept.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	http.Error(w, msg.T(s.lang(r), "not found: results are kept for a while only; send the files again"), http.StatusNotFound)
}
