package verify_test

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"budgetxl/internal/mutate"
	"budgetxl/msg"
	"budgetxl/verify"
	"budgetxl/workbook"
)

// stripCached rewrites the workbook at path as a tool that writes formulas
// without their values does (openpyxl writes an empty <v></v>; others
// leave it out, with remove); it returns the new file's path and the
// number of values removed.
func stripCached(t *testing.T, path string, remove bool) (string, int) {
	t.Helper()
	cached := regexp.MustCompile(`(<f>[^<]*</f>)<v>[^<]*</v>`)
	repl := []byte("$1<v></v>")
	if remove {
		repl = []byte("$1")
	}
	n := 0
	out := mutate.Parts(t, path, func(part string, b []byte) []byte {
		if !strings.HasPrefix(part, "xl/worksheets/sheet") {
			return b
		}
		n += len(cached.FindAllIndex(b, -1))
		return cached.ReplaceAll(b, repl)
	})
	if n == 0 {
		t.Fatalf("%s has no formula with a cached value", path)
	}
	return out, n
}

// TestNoCachedValues: a workbook whose formulas lost their cached values
// gets one warning per sheet, with the count, and no stale values; a
// cached value that is there and wrong is still an error.
func TestNoCachedValues(t *testing.T) {
	demo := filled(t, "demo-2025", false)
	// The formulas of each sheet, as the XML holds them.
	wb, err := workbook.Read(demo)
	if err != nil {
		t.Fatal(err)
	}
	formulas := map[string]int{}
	for i, sh := range wb.Sheets {
		formulas[sh.Name] = countPart(t, demo, fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), "<f>")
	}
	for _, remove := range []bool{false, true} {
		path, n := stripCached(t, demo, remove)
		r := check(t, path)
		total := 0
		sheets := map[string]bool{}
		for _, f := range r.Findings {
			if f.Rule != "value.missing" || f.Severity != verify.Warning || f.Cell != "" || sheets[f.Sheet] {
				t.Errorf("finding %s %s %s!%s: want one value.missing warning per sheet, nothing else", f.Severity, f.Rule, f.Sheet, f.Cell)
				continue
			}
			sheets[f.Sheet] = true
			k, _ := strconv.Atoi(f.Found)
			total += k
		}
		if total != n {
			t.Errorf("the warnings count %d formulas without a value; %d were stripped", total, n)
		}
		if len(r.Findings) > 0 {
			want := fmt.Sprintf("附件4-1!: %d 个公式没有缓存值（第一个在 B5）：预览软件会显示为空白；Excel 打开时会重新计算", formulas["附件4-1"])
			if got := r.Findings[0].Sheet + "!" + r.Findings[0].Cell + ": " + r.Findings[0].Message(msg.ZH); got != want {
				t.Errorf("first finding:\n got %s\nwant %s", got, want)
			}
		}
	}
	// A cached value that is there and wrong is still an error.
	path, _ := stripCached(t, demo, false)
	path = alter(t, path, "xl/worksheets/sheet2.xml", `<c r="C8" s="6"><f>D8+E8</f><v></v>`, `<c r="C8" s="6"><f>D8+E8</f><v>1</v>`)
	var got strings.Builder
	for _, f := range check(t, path).Findings {
		if f.Sheet == "附件4-2" {
			fmt.Fprintf(&got, "%s %s %s!%s %s\n", f.Severity, f.Rule, f.Sheet, f.Cell, f.Found)
		}
	}
	if want := fmt.Sprintf("warning value.missing 附件4-2! %d\nerror value.stale 附件4-2!C8 1.00\n", formulas["附件4-2"]-1); got.String() != want {
		t.Errorf("findings on 附件4-2:\n%s\nwant:\n%s", got.String(), want)
	}
}

// countPart counts the occurrences of s in one part of an .xlsx file.
func countPart(t *testing.T, path, part, s string) int {
	t.Helper()
	n := -1
	mutate.Parts(t, path, func(name string, b []byte) []byte {
		if name == part {
			n = bytes.Count(b, []byte(s))
		}
		return b
	})
	if n < 0 {
		t.Fatalf("%s has no part %s", path, part)
	}
	return n
}
