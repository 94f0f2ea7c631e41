package verify_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"budgetxl/internal/mutate"
	"budgetxl/msg"
	"budgetxl/plan"
	"budgetxl/verify"
	"budgetxl/workbook"
)

// TestPackVersion: a workbook made with another version of the pack than
// the one checking it gets a warning naming both versions; the same
// version from other files (the hash differs) a note; a comment changed
// is no other file (the hash is of what the files say).
func TestPackVersion(t *testing.T) {
	demo := filled(t, "demo-2025", false)
	cases := []struct {
		name string
		edit mutate.Mutation
		want string
	}{
		{"same pack", func(testing.TB, string) {}, ""},
		{"new version", mutate.Edit("pack.toml", `version = "1.1.0"`, `version = "1.2.0"`),
			"warning pack.version ! [cq-2025 1.2.0|cq-2025 1.1.0] 工作簿是用模板包 cq-2025 1.1.0 版生成的，现在用 cq-2025 1.2.0 版审核：部分问题可能来自两个版本的差异\n"},
		{"comment changed", mutate.Edit("4-2.toml", "# 附件4-2", "# 附件 4-2"), ""},
		{"files changed, same version", mutate.Edit("4-2.toml", `orientation = "portrait"`, `orientation = "landscape"`),
			"note pack.hash ! [%s|%s] 工作簿是用模板包 cq-2025 1.1.0 版生成的，但生成时的模板文件与现在审核用的不同（哈希值 %[2]s，现为 %[1]s）：模板包改动后没有更新版本号\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := mutate.Copy(t, filepath.Join(templates, "cq-2025"), "cq-2025")
			tc.edit(t, dir)
			r, err := verify.File(demo, verify.Options{Templates: dir})
			if err != nil {
				t.Fatal(err)
			}
			want := tc.want
			if strings.Contains(want, "%") {
				want = fmt.Sprintf(want, r.Pack.Hash[:12], readHash(t, demo)[:12])
			}
			if got := lines(r, msg.ZH, true); got != want {
				t.Errorf("findings:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

// readHash is the pack hash a workbook records.
func readHash(t *testing.T, path string) string {
	wb, err := workbook.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	return wb.Props[plan.PropPackHash]
}
