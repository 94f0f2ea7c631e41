package review

import (
	"context"
	"strings"
	"testing"
	"time"

	"budgetxl/msg"
)

// TestParallelPanic: a fault of the program on one file is that file's
// result; the files around it are checked and the run goes on.
func TestParallelPanic(t *testing.T) {
	inputs := []Input{{Path: "a.xlsx"}, {Path: "b.xlsx"}, {Path: "c.xlsx"}}
	files := parallel(context.Background(), inputs, 2, time.Now(), func(i int) *File {
		if i == 1 {
			var m map[string]int
			m["x"] = 1 // a nil map: the kind of fault a bad workbook may hit
		}
		return &File{Input: inputs[i]}
	}, nil, nil)
	if len(files) != 3 {
		t.Fatalf("%d files, want 3", len(files))
	}
	for i, f := range files {
		if (f.Err != nil) != (i == 1) {
			t.Errorf("%s: err %v", f.Path, f.Err)
		}
	}
	got := msg.Render(msg.ZH, files[1].Err)
	if !strings.HasPrefix(got, "b.xlsx：budgetxl 处理这个文件时出错（assignment to entry in nil map）：请报告这个问题") {
		t.Errorf("message %q", got)
	}
}
