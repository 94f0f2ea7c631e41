package msg

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestCut(t *testing.T) {
	long := strings.Repeat("项", 70)
	for in, want := range map[string]string{
		"":                      "",
		"1,2x3":                 "1,2x3",
		strings.Repeat("a", 60): strings.Repeat("a", 60),
		strings.Repeat("a", 61): strings.Repeat("a", 60) + "…",
		long:                    strings.Repeat("项", 60) + "…",
	} {
		if got := Cut(in); got != want {
			t.Errorf("Cut(%d characters) = %q, want %q", len([]rune(in)), got, want)
		}
	}
}

// TestList: the first MaxErrors errors are kept, the rest counted in one
// more line.
func TestList(t *testing.T) {
	var l List
	if l.Err() != nil {
		t.Error("an empty list has an error")
	}
	for i := range 250 {
		l.Add(Errorf("%d", i))
	}
	lines := Split(l.Err())
	if l.Len() != 250 || len(lines) != MaxErrors+1 || len(l.errs) != MaxErrors {
		t.Fatalf("Len %d, %d lines, %d kept", l.Len(), len(lines), len(l.errs))
	}
	if got := Render(ZH, lines[MaxErrors]); got != "还有 150 个错误未列出" {
		t.Errorf("last line %q", got)
	}
	if got := Render(ZH, lines[99]); got != "99" {
		t.Errorf("line 100 %q", got)
	}
}

// TestFile: the system's errors in the user's words, without the path.
func TestFile(t *testing.T) {
	dir := t.TempDir()
	_, errMissing := os.ReadFile(dir + "/none")
	_, errDir := os.ReadFile(dir)
	other := errors.New("other")
	for _, c := range []struct {
		err  error
		want string
	}{
		{errMissing, "文件不存在"},
		{errDir, "这是文件夹，不是文件"},
		{fmt.Errorf("wrapped: %w", errMissing), "文件不存在"},
		{other, "other"},
	} {
		if got := Render(ZH, File(c.err)); got != c.want {
			t.Errorf("File(%v) = %q, want %q", c.err, got, c.want)
		}
	}
}
