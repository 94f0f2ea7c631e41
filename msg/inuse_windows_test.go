package msg

import (
	"os"
	"testing"
)

// TestFileInUse: Windows' error for a file that Excel holds open reads as
// what to do, in Chinese.
func TestFileInUse(t *testing.T) {
	for _, errno := range []error{errorSharingViolation, errorLockViolation} {
		err := File(&os.PathError{Op: "open", Path: "a.xlsx", Err: errno})
		if got, want := Render(ZH, err), "文件正被其他程序使用（在 Excel 或 WPS 中打开着？）：请关闭后重试"; got != want {
			t.Errorf("%v: %s, want %s", errno, got, want)
		}
	}
}
