package web

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"budgetxl/msg"
)

// TestGuard: a request that names another host (DNS rebinding), a POST
// from another site or without the token is refused, before anything is read.
func TestGuard(t *testing.T) {
	s := newServer(t, Limits{})
	wb, err := os.ReadFile(qijiang(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, method, host, origin, site, token, want string
		code                                          int
	}{
		{"page", "GET", testAddr, "", "", "", "", 200},
		{"localhost", "GET", "localhost:8080", "", "", "", "", 200},
		{"ipv6 loopback", "GET", "[::1]:8080", "", "", "", "", 200},
		{"rebinding", "GET", "attacker.example:8080", "", "", "", `本网页只能以 127.0.0.1:8080 访问，不能以 "attacker.example:8080" 访问：请打开 budgetxl serve 显示的地址` + "\n", 403},
		{"other port", "GET", "127.0.0.1:9090", "", "", "", `本网页只能以 127.0.0.1:8080 访问，不能以 "127.0.0.1:9090" 访问：请打开 budgetxl serve 显示的地址` + "\n", 403},
		{"post", "POST", testAddr, "http://" + testAddr, "same-origin", s.Token(), "", 303},
		{"post without origin", "POST", testAddr, "", "", s.Token(), "", 303},
		{"no token", "POST", testAddr, "http://" + testAddr, "same-origin", "", "已拒绝：请求没有带本网页的令牌（请刷新网页后重试）\n", 403},
		{"wrong token", "POST", testAddr, "http://" + testAddr, "same-origin", strings.Repeat("0", 64), "已拒绝：请求没有带本网页的令牌（请刷新网页后重试）\n", 403},
		{"other origin", "POST", testAddr, "http://evil.example", "cross-site", s.Token(), "已拒绝：请求来自其他网站（http://evil.example）\n", 403},
		{"null origin", "POST", testAddr, "null", "", s.Token(), "已拒绝：请求来自其他网站（null）\n", 403},
		{"cross-site", "POST", testAddr, "", "cross-site", s.Token(), "已拒绝：请求来自其他网站（cross-site）\n", 403},
		{"same-site", "POST", testAddr, "", "same-site", s.Token(), "已拒绝：请求来自其他网站（same-site）\n", 403},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := "/"
			var body io.Reader
			ct := ""
			if c.method == "POST" {
				path = "/review?token=" + c.token
				b, typ := multipartBody(t, fileP("workbooks", "a.xlsx", wb))
				body, ct = b, typ
			}
			r := httptest.NewRequest(c.method, path, body)
			r.Host = c.host
			if ct != "" {
				r.Header.Set("Content-Type", ct)
			}
			if c.origin != "" {
				r.Header.Set("Origin", c.origin)
			}
			if c.site != "" {
				r.Header.Set("Sec-Fetch-Site", c.site)
			}
			w := httptest.NewRecorder()
			s.ServeHTTP(w, r)
			if w.Code != c.code {
				t.Errorf("status %d, want %d: %s", w.Code, c.code, w.Body)
			}
			if c.want != "" && w.Body.String() != c.want {
				t.Errorf("body %q, want %q", w.Body, c.want)
			}
		})
	}
}

// TestHostNames: the Host headers a server answers.
func TestHostNames(t *testing.T) {
	for _, c := range []struct {
		addr string
		ok   []string
		no   []string
	}{
		{"127.0.0.1:8080", []string{"127.0.0.1:8080", "localhost:8080", "[::1]:8080", "LOCALHOST:8080"}, []string{"127.0.0.1", "example.com:8080", "127.0.0.2:8080"}},
		{"192.168.1.5:80", []string{"192.168.1.5:80"}, []string{"localhost:80", "192.168.1.5"}},
		{"0.0.0.0:8080", []string{"192.168.1.5:8080", "10.0.0.2:8080", "[fe80::1]:8080", "localhost:8080", "0.0.0.0:8080"}, []string{"rebind.example:8080", "192.168.1.5:80", "192.168.1.5"}},
		{"[::]:8080", []string{"192.168.1.5:8080", "localhost:8080"}, []string{"rebind.example:8080"}},
	} {
		s, err := New(Options{Addr: c.addr, Packs: testPacks})
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range c.ok {
			r := httptest.NewRequest("GET", "/", nil)
			r.Host = h
			if err := s.guard(r); err != nil {
				t.Errorf("%s: Host %s refused: %v", c.addr, h, err)
			}
		}
		for _, h := range c.no {
			r := httptest.NewRequest("GET", "/", nil)
			r.Host = h
			if err := s.guard(r); err == nil {
				t.Errorf("%s: Host %s accepted", c.addr, h)
			}
		}
	}
}

func TestCheckAddr(t *testing.T) {
	for _, c := range []struct {
		addr     string
		loopback bool
		err      string
	}{
		{"127.0.0.1:8080", true, ""},
		{"localhost:0", true, ""},
		{"[::1]:8080", true, ""},
		{"0.0.0.0:8080", false, ""},
		{":8080", false, ""},
		{"192.168.1.5:8080", false, ""},
		{"8080", false, "--addr 为 \"8080\"：请写成 主机:端口，如 127.0.0.1:8080"},
		{"127.0.0.1", false, "--addr 为 \"127.0.0.1\"：请写成 主机:端口，如 127.0.0.1:8080"},
	} {
		loop, err := CheckAddr(c.addr)
		if got := msg.Render(msg.ZH, err); got != c.err || loop != c.loopback {
			t.Errorf("CheckAddr(%q) = %v, %q; want %v, %q", c.addr, loop, got, c.loopback, c.err)
		}
	}
}

// TestBusy: an upload beyond MaxPosts at once is asked to wait.
func TestBusy(t *testing.T) {
	s := newServer(t, Limits{MaxPosts: 1})
	s.posts <- struct{}{}
	w := post(t, s, "/review", fileP("workbooks", "a.xlsx", []byte("x")))
	if w.Code != http.StatusServiceUnavailable || w.Body.String() != "正在接收另外 1 个上传：请稍后再试\n" {
		t.Errorf("%d %q", w.Code, w.Body)
	}
	<-s.posts
	if w := get(t, s, "/"); w.Code != 200 {
		t.Errorf("a page while busy: %d", w.Code)
	}
}
