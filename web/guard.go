package web

import (
	"crypto/subtle"
	"net"
	"net/http"
	"net/url"
	"os/exec"
	"runtime"
	"strings"

	"budgetxl/msg"
)

// TokenHeader is the request header that carries the server's token.
const TokenHeader = "X-Budgetxl-Token"

// CheckAddr checks an address to listen on (host:port): it reports whether
// it is a loopback address, which only this machine reaches. An empty
// host (":8080") listens on every interface, which is not loopback.
func CheckAddr(addr string) (loopback bool, err error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil || port == "" {
		return false, msg.Errorf("--addr is %q: give host:port, such as 127.0.0.1:8080", msg.Cut(addr))
	}
	return isLoopback(host), nil
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// hostMatcher tells the Host headers a server listening on addr answers:
// the address itself and, for a loopback address, the other names of this
// machine's loopback with the same port. A server listening on every
// interface (0.0.0.0, ::, or no host) answers any IP address with its port
// and localhost. Any other name, such as a DNS name that a hostile page
// points at this machine (DNS rebinding), is refused.
func hostMatcher(addr string) func(string) bool {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return func(string) bool { return false }
	}
	names := map[string]bool{strings.ToLower(net.JoinHostPort(host, port)): true}
	if isLoopback(host) {
		for _, h := range []string{"127.0.0.1", "localhost", "::1"} {
			names[net.JoinHostPort(h, port)] = true
		}
	}
	ip := net.ParseIP(host)
	every := host == "" || ip != nil && ip.IsUnspecified()
	return func(hostport string) bool {
		hostport = strings.ToLower(hostport)
		if names[hostport] {
			return true
		}
		h, p, err := net.SplitHostPort(hostport)
		return every && err == nil && p == port && (net.ParseIP(h) != nil || h == "localhost")
	}
}

// guard refuses a request that does not name this server by its Host, and
// a POST that another site's page may have sent: one whose Origin is not
// this server, whose Sec-Fetch-Site is cross-site or same-site, or which
// lacks the server's token.
func (s *Server) guard(r *http.Request) error {
	if !s.hostOK(r.Host) {
		return msg.Errorf("this page is served as %s only, not as %q: open the address budgetxl serve printed", s.opt.Addr, msg.Cut(r.Host))
	}
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return nil
	}
	if o := r.Header.Get("Origin"); o != "" {
		u, err := url.Parse(o)
		if err != nil || u.Scheme != "http" || !strings.EqualFold(u.Host, r.Host) {
			return msg.Errorf("refused: the request comes from another site (%s)", msg.Cut(o))
		}
	}
	switch r.Header.Get("Sec-Fetch-Site") {
	case "", "same-origin", "none":
	default:
		return msg.Errorf("refused: the request comes from another site (%s)", r.Header.Get("Sec-Fetch-Site"))
	}
	got := r.Header.Get(TokenHeader)
	if got == "" {
		got = r.URL.Query().Get("token")
	}
	if subtle.ConstantTimeCompare([]byte(got), []byte(s.token)) != 1 {
		return msg.Errorf("refused: the request does not carry this page's token (reload the page and try again)")
	}
	return nil
}

// lang is the language of a request: its lang query, else its cookie,
// else the server's.
func (s *Server) lang(r *http.Request) msg.Lang {
	if l, ok := msg.ParseLang(r.URL.Query().Get("lang")); ok {
		return l
	}
	if c, err := r.Cookie("lang"); err == nil {
		if l, ok := msg.ParseLang(c.Value); ok {
			return l
		}
	}
	return s.opt.Lang
}

// OpenBrowser asks the desktop to open url in the default browser; it does
// not wait for the browser.
func OpenBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	case "darwin":
		cmd = exec.Command("open", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait() //nolint:errcheck // the opener's exit says nothing we can act on
	return nil
}
