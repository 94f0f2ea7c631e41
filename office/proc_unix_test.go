//go:build !windows

package office

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestConvertTimeout checks that the time limit stops soffice and every
// process it started.
func TestConvertTimeout(t *testing.T) {
	pidFile := filepath.Join(t.TempDir(), "child")
	r := fake(t, "sleep 60 & echo $! > "+pidFile+"\nwait\n")
	r.Timeout = time.Second
	in := filepath.Join(t.TempDir(), "a.xlsx")
	os.WriteFile(in, []byte("x"), 0o644)
	start := time.Now()
	err := r.Convert(context.Background(), XLSX, []string{in}, func(int, string) error { return nil })
	want := "LibreOffice did not finish within 1s and was stopped (" + in + "): try again with a longer --timeout"
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
	if d := time.Since(start); d > 15*time.Second {
		t.Errorf("Convert returned after %s", d)
	}
	b, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatal(err)
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	time.Sleep(100 * time.Millisecond)
	if running(pid) {
		syscall.Kill(pid, syscall.SIGKILL)
		t.Errorf("the child %d of soffice still runs after the time limit", pid)
	}
}

// running reports whether process pid runs: it exists and is not a
// zombie waiting for its new parent to reap it.
func running(pid int) bool {
	if err := syscall.Kill(pid, 0); err != nil {
		return false
	}
	stat, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return runtime.GOOS != "linux"
	}
	s := string(stat)
	i := strings.LastIndexByte(s, ')')
	return i < 0 || i+2 >= len(s) || s[i+2] != 'Z'
}
