package cli

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a buffer that a running command writes while the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// serve runs budgetxl serve with args until stop is called, which returns
// its exit status, stdout and stderr; url is the address it printed.
func serve(t *testing.T, args ...string) (url string, stop func() (int, string, string)) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	old := serveContext
	serveContext = func() (context.Context, context.CancelFunc) { return ctx, cancel }
	t.Cleanup(func() { serveContext = old })
	var out, errOut syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- Run(append([]string{"--config", "../config.toml", "serve", "--no-browser"}, args...), strings.NewReader(""), &out, &errOut, builtin)
	}()
	re := regexp.MustCompile(`http://[^ （]+/`)
	for url == "" {
		select {
		case code := <-done:
			t.Fatalf("serve stopped (%d): %s%s", code, out.String(), errOut.String())
		default:
		}
		url = re.FindString(out.String())
		time.Sleep(5 * time.Millisecond)
	}
	return url, func() (int, string, string) {
		cancel()
		return <-done, out.String(), errOut.String()
	}
}

// TestServe: serve prints its address, answers there, and stops on the
// signal; a non-loopback address is served with a warning.
func TestServe(t *testing.T) {
	url, stop := serve(t, "--addr", "127.0.0.1:0")
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "<h1>审核工作簿</h1>") {
		t.Errorf("GET %s: %d", url, resp.StatusCode)
	}
	code, out, errOut := stop()
	if want := "budgetxl serve：请在浏览器中打开 " + url + "（按 Ctrl+C 停止）\n已停止\n"; code != 0 || out != want || errOut != "" {
		t.Errorf("exit %d, stdout %q (want %q), stderr %q", code, out, want, errOut)
	}

	url, stop = serve(t, "--addr", "0.0.0.0:0")
	code, out, _ = stop()
	if want := "警告：正在 [::]:" + url[strings.LastIndex(url, ":")+1:len(url)-1] + " 上监听，其他计算机可能访问到它：能访问的人都能提交文件并看到审核结果；用完请停止\n"; code != 0 || !strings.HasPrefix(out, want) && !strings.HasPrefix(out, strings.Replace(want, "[::]", "0.0.0.0", 1)) {
		t.Errorf("exit %d, stdout %q, want the warning %q first", code, out, want)
	}
	// Every interface: this computer's browser is sent to loopback, an
	// address it can open ([::]:port opens nowhere).
	if !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Errorf("address to open %s, want loopback", url)
	}
	port := url[strings.LastIndex(url, ":")+1 : len(url)-1]
	if others := interfaceURLs(port); len(others) > 0 && !strings.Contains(out, "其他计算机请打开："+strings.Join(others, " ")+"\n") {
		t.Errorf("stdout %q does not give the addresses %v", out, others)
	}
}

// TestServeRefuses: what serve cannot do is said, exit status 2.
func TestServeRefuses(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"serve", "--addr", "8080"}, "错误：--addr 为 \"8080\"：请写成 主机:端口，如 127.0.0.1:8080\n"},
		{[]string{"serve", "now"}, "错误：serve 不带参数，却给了 \"now\"：地址用 --addr 给出\n"},
		{[]string{"serve", "--templates", "TMP/none"}, "*"},
	} {
		code, out, errOut := run(t, t.TempDir(), c.args...)
		if code != ExitInput || out != "" || (c.want != "*" && errOut != c.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want %q", c.args, code, out, errOut, c.want)
		}
	}
}
