// Package web is the local web page of budgetxl (budgetxl serve): a
// reviewer drops workbooks and sees their findings cell by cell, a clerk
// gets a blank form or the unit's workbook from a dataset, a bureau browses
// a template pack. It puts the same stages the command line uses (verify,
// annotate, dataset, plan, fill, office) behind net/http; no stage knows it
// is called from HTTP, and this package judges nothing itself.
//
// It must never let the browser reach the disk: uploads are read into
// memory within limits (Limits), a zip's entries are sanitised and kept in
// memory, and the few files the stages need on disk (a workbook to
// annotate, a fill's output, LibreOffice's input) are written under names
// this package chooses in a temporary folder removed afterwards. Every
// request must name the server by its own Host (DNS rebinding), and every
// POST must come from its own pages (Origin, Sec-Fetch-Site and a token).
package web

import (
	"context"
	"crypto/rand"
	"embed"
	"encoding/hex"
	"html/template"
	"io/fs"
	"net/http"
	"time"

	"budgetxl/msg"
	"budgetxl/office"
	"budgetxl/pack"
	"budgetxl/workbook"
)

//go:embed assets
var assets embed.FS

// Options say what a server serves.
type Options struct {
	// Addr is the address the server listens on (host:port, as the
	// listener reports it); requests must name it in their Host header.
	Addr string
	// Packs is the library of template packs.
	Packs pack.Library
	// Samples holds the sample datasets built into the program, one folder
	// each; nil for none. SamplesName is how messages name them ("（内置）").
	Samples     fs.FS
	SamplesName string
	// Password protects the sheets of the workbooks and forms written.
	Password string
	// Lang is the language of a browser that has not chosen one.
	Lang msg.Lang
	// Office says which LibreOffice prints PDFs.
	Office office.Options
	// Limits bound uploads and what is kept; zero fields take the defaults.
	Limits Limits
	// Checker checks the workbooks of a review; nil for the default,
	// package review's batch verify (see district.go).
	Checker Checker
}

// Limits bound what one request may send and what the server keeps.
type Limits struct {
	// MaxUpload is the most bytes of one request's body: 64 MiB.
	MaxUpload int64
	// MaxFiles is the most files of one upload: 1,000.
	MaxFiles int
	// MaxZipEntries is the most entries of a dataset's zip: 500.
	MaxZipEntries int
	// MaxZipBytes is the most bytes a dataset's zip may inflate to: 64 MiB.
	MaxZipBytes int64
	// Workbook bounds the reading of each workbook (workbook.Limits).
	Workbook workbook.Limits
	// MaxJobs is how many reviews and fills are kept for their pages and
	// downloads: 8; the oldest finished one goes first. MaxKept bounds
	// the bytes they keep together (the files sent, the files written):
	// 256 MiB.
	MaxJobs int
	MaxKept int64
	// MaxPosts is how many uploads are read at once: 4; another is asked
	// to try again.
	MaxPosts int
	// MaxRows and MaxColumns bound the part of a sheet rendered as HTML:
	// 3,000 rows, 100 columns.
	// MaxCells bounds the cells of one workbook's page: 200,000.
	MaxRows, MaxColumns, MaxCells int
}

// Default limits.
const (
	DefaultMaxUpload     = 64 << 20
	DefaultMaxFiles      = 1000
	DefaultMaxZipEntries = 500
	DefaultMaxZipBytes   = 64 << 20
	DefaultMaxJobs       = 8
	DefaultMaxKept       = 256 << 20
	DefaultMaxPosts      = 4
	DefaultMaxRows       = 3000
	DefaultMaxColumns    = 100
	DefaultMaxCells      = 200_000
)

func (l Limits) withDefaults() Limits {
	def := func(v *int64, d int64) {
		if *v <= 0 {
			*v = d
		}
	}
	defInt := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&l.MaxUpload, DefaultMaxUpload)
	def(&l.MaxZipBytes, DefaultMaxZipBytes)
	defInt(&l.MaxFiles, DefaultMaxFiles)
	defInt(&l.MaxZipEntries, DefaultMaxZipEntries)
	defInt(&l.MaxJobs, DefaultMaxJobs)
	def(&l.MaxKept, DefaultMaxKept)
	defInt(&l.MaxPosts, DefaultMaxPosts)
	defInt(&l.MaxRows, DefaultMaxRows)
	defInt(&l.MaxColumns, DefaultMaxColumns)
	defInt(&l.MaxCells, DefaultMaxCells)
	return l
}

// Server serves the pages. Make one with New.
type Server struct {
	opt    Options
	lim    Limits
	token  string                 // the per-server token every POST carries
	hostOK func(host string) bool // the Host headers answered
	pages  map[string]*template.Template
	jobs   *jobs
	posts  chan struct{} // one token per upload being read
	// ctx ends the reviews running when the server is closed.
	ctx   context.Context
	close context.CancelFunc
	mux   *http.ServeMux
}

// New returns a server for opt.
func New(opt Options) (*Server, error) {
	if opt.Lang == "" {
		opt.Lang = msg.ZH
	}
	if opt.Checker == nil {
		opt.Checker = reviewChecker{}
	}
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	s := &Server{opt: opt, lim: opt.Limits.withDefaults(), token: hex.EncodeToString(b), hostOK: hostMatcher(opt.Addr)}
	s.ctx, s.close = context.WithCancel(context.Background())
	s.jobs = newJobs(s.lim.MaxJobs, s.lim.MaxKept)
	s.posts = make(chan struct{}, s.lim.MaxPosts)
	pages, err := parsePages()
	if err != nil {
		return nil, err
	}
	s.pages = pages
	s.routes()
	return s, nil
}

// Close stops the reviews still running; their files are left unchecked.
func (s *Server) Close() { s.close() }

// Token is the server's token, which every POST must carry (in the header
// X-Budgetxl-Token or the query's token).
func (s *Server) Token() string { return s.token }

func (s *Server) routes() {
	m := http.NewServeMux()
	static, _ := fs.Sub(assets, "assets/static")
	m.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	m.HandleFunc("GET /{$}", s.reviewPage)
	m.HandleFunc("POST /review", s.reviewPost)
	m.HandleFunc("GET /review/{id}", s.reviewResult)
	m.HandleFunc("GET /review/{id}/status", s.reviewStatus)
	m.HandleFunc("GET /review/{id}/file/{n}", s.reviewFile)
	m.HandleFunc("GET /review/{id}/annotated/{n}", s.reviewAnnotated)
	m.HandleFunc("GET /review/{id}/summary/{format}", s.reviewSummary)
	m.HandleFunc("GET /form", s.formPage)
	m.HandleFunc("POST /form", s.formPost)
	m.HandleFunc("GET /fill", s.fillPage)
	m.HandleFunc("POST /fill", s.fillPost)
	m.HandleFunc("GET /fill/{id}", s.fillResultPage)
	m.HandleFunc("GET /fill/{id}/{file}", s.fillDownload)
	m.HandleFunc("GET /templates", s.templatesPage)
	m.HandleFunc("GET /templates/{pack}", s.templatesPack)
	s.mux = m
}

// ServeHTTP checks the request (see guard) and serves it.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
	h.Set("X-Frame-Options", "DENY")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin") // "no-referrer" makes Chromium send Origin: null with a form
	h.Set("Cache-Control", "no-store")
	if err := s.guard(r); err != nil {
		http.Error(w, msg.Render(s.lang(r), err), http.StatusForbidden)
		return
	}
	if r.Method == http.MethodPost {
		select {
		case s.posts <- struct{}{}:
			defer func() { <-s.posts }()
		default:
			http.Error(w, msg.T(s.lang(r), "the server is reading %d other uploads: try again in a moment", s.lim.MaxPosts), http.StatusServiceUnavailable)
			return
		}
	}
	s.mux.ServeHTTP(w, r)
}

// jobTTL is how long a finished review or fill is kept at most.
const jobTTL = 2 * time.Hour
