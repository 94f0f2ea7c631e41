package cli

import (
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"budgetxl/msg"
	"budgetxl/web"
	"budgetxl/workbook"
)

// NoBrowserEnv, when set to anything, keeps serve from opening a browser
// (as --no-browser does): for tests and machines without a desktop.
const NoBrowserEnv = "BUDGETXL_NO_BROWSER"

// serveContext is what stops serve: Ctrl+C or SIGTERM; tests replace it.
var serveContext = func() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

// runServe serves the local web page (package web) until stopped.
func runServe(e *env, args []string) int {
	fs := e.flags("serve")
	addr := fs.String("addr", "127.0.0.1:8080", msg.T(e.lang, "address to listen on; only this computer reaches a loopback address (127.0.0.1, localhost)"))
	noBrowser := fs.Bool("no-browser", false, msg.T(e.lang, "do not open the page in a browser (also: environment variable BUDGETXL_NO_BROWSER)"))
	templates := fs.String("templates", "", msg.T(e.lang, "folder of template packs (default: templates in config.toml)"))
	maxCells := fs.Int("max-cells", workbook.DefaultMaxCells, msg.T(e.lang, "refuse a workbook with more cells than this (a hostile or broken file); raise it for a genuine larger one"))
	valueName(fs, "addr", "HOST:PORT")
	valueName(fs, "templates", "DIR")
	lo := officeFlags(e, fs)
	if ok, status := e.parse(fs, "usage: budgetxl serve [flags]\n\nServes the local web page: review workbooks (drop them, see every finding at its cell, download the annotated copies and the summary), blank forms, filling a dataset's workbook and PDF, and the template packs. It listens on this computer only (127.0.0.1) unless --addr names another address; the files sent are kept in memory and never saved. Ctrl+C stops it.", args); !ok {
		return status
	}
	if fs.NArg() > 0 {
		return e.fail(ExitInput, msg.Errorf("serve takes no arguments, got %q: the address is given with --addr", msg.Cut(fs.Arg(0))))
	}
	loopback, err := web.CheckAddr(*addr)
	if err != nil {
		return e.fail(ExitInput, err)
	}
	packs, err := e.packs(*templates)
	if err != nil {
		return e.fail(ExitInput, err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return e.fail(ExitInput, msg.Errorf("cannot listen on %s: %v (is budgetxl serve already running? give another port with --addr 127.0.0.1:8081)", *addr, err))
	}
	defer ln.Close()
	listening := ln.Addr().String()
	if !loopback {
		e.printf("warning: listening on %s, which other computers may reach: anyone who can reach it can send files to check and read the results; stop it when done\n", listening)
	}
	srv, err := web.New(web.Options{Addr: listening, Packs: packs, Samples: e.builtinDir("samples"), SamplesName: e.builtinName(),
		Password: e.config.Password, Lang: e.lang, Office: *lo, Limits: web.Limits{Workbook: workbook.Limits{MaxCells: *maxCells}}})
	if err != nil {
		return e.fail(ExitInput, err)
	}
	defer srv.Close()
	url := "http://" + listening + "/"
	var others []string
	if host, port, err := net.SplitHostPort(listening); err == nil {
		if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
			// Every interface ([::]:8080 opens nowhere): this computer's
			// browser goes to loopback, other computers to its addresses.
			url = "http://" + net.JoinHostPort("127.0.0.1", port) + "/"
			others = interfaceURLs(port)
		}
	}
	e.printf("budgetxl serve: open %s in a browser (Ctrl+C stops)\n", url)
	if len(others) > 0 {
		e.printf("from other computers: %s\n", strings.Join(others, " "))
	}
	if !*noBrowser && os.Getenv(NoBrowserEnv) == "" {
		if err := web.OpenBrowser(url); err != nil {
			e.printf("no browser could be opened (%v): open the address yourself\n", err)
		}
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 10 * time.Minute, IdleTimeout: 2 * time.Minute} // an upload that stalls gives its place up
	ctx, stop := serveContext()
	defer stop()
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		hs.Shutdown(shut) //nolint:errcheck // stopping anyway
	}()
	if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return e.fail(ExitInput, msg.Errorf("the web server stopped: %v", err))
	}
	e.printf("stopped\n")
	return ExitOK
}

// interfaceURLs are the addresses of this computer's network interfaces
// (loopback and link-local left out) as URLs with port.
func interfaceURLs(port string) []string {
	addrs, _ := net.InterfaceAddrs()
	var out []string
	for _, a := range addrs {
		n, ok := a.(*net.IPNet)
		if !ok || n.IP.IsLoopback() || n.IP.IsLinkLocalUnicast() {
			continue
		}
		out = append(out, "http://"+net.JoinHostPort(n.IP.String(), port)+"/")
	}
	return out
}
