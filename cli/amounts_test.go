package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"budgetxl/internal/mutate"
)

// demoCopy copies the demo sample to TMP/unit, edited, and returns TMP.
func demoCopy(t *testing.T, edits ...mutate.Mutation) string {
	t.Helper()
	dir := mutate.Copy(t, filepath.Join("..", "samples", "demo-2025"), "unit")
	for _, e := range edits {
		e(t, dir)
	}
	return filepath.Dir(dir)
}

// TestFillRefusesShallowAmounts: amounts moved up from 项 to their 款
// stop fill with exit 2 and the CSV's file and line, and no workbook.
func TestFillRefusesShallowAmounts(t *testing.T) {
	tmp := demoCopy(t, mutate.Edit("4-2.csv",
		"20805,行政事业单位养老支出,,,\n2080505,机关事业单位基本养老保险缴费支出,,\"156,789.12\",\n2080506,机关事业单位职业年金缴费支出,,\"78,394.56\",\n",
		"20805,行政事业单位养老支出,,\"235,183.68\",\n"))
	code, stdout, stderr := run(t, tmp, "fill", "TMP/unit", "--templates", "../templates", "-o", "TMP/out/x.xlsx")
	if code != 2 || stdout != "" {
		t.Errorf("exit %d, stdout %q", code, stdout)
	}
	want := "错误：TMP/unit/4-2.csv:8: 科目 20805 填了金额，但其下没有科目：表 4-2 的金额须公开到 7 位科目，请把金额填在 20805 下的 7 位科目上\n"
	if stderr != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
	}
	if _, err := os.Stat(filepath.Join(tmp, "out")); !os.IsNotExist(err) {
		t.Errorf("output folder written: %v", err)
	}
}

// TestFillWarnsOfNegativeAmounts: fill reports a negative amount at the
// line of the dataset's file it was typed on, as typed, in the dataset's
// unit; verify, which has only the workbook, at its cell in 万元.
func TestFillWarnsOfNegativeAmounts(t *testing.T) {
	tmp := demoCopy(t, mutate.Edit("4-2.csv", `2080102,一般行政管理事务,,,"456,000.50"`, `2080102,一般行政管理事务,,,"-456,000.50"`))
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"fill", "TMP/unit", "--templates", "../templates", "-o", "TMP/x.xlsx"},
			"  警告 TMP/unit/4-2.csv:6 amount.negative：列 project（项目支出）：金额 -456,000.50 元为负数：模板不允许本列填写负数\n"},
		{[]string{"--lang", "en", "fill", "TMP/unit", "--templates", "../templates", "-o", "TMP/x.xlsx"},
			"  warning TMP/unit/4-2.csv:6 amount.negative: column project (项目支出): the amount -456,000.50 元 is negative: the templates do not allow negative amounts in this column\n"},
		{[]string{"fill", "TMP/unit", "--templates", "../templates", "-o", "TMP/x.xlsx", "--all"},
			"    警告    TMP/unit/4-2.csv:6 amount.negative: 列 project（项目支出）：金额 -456,000.50 元为负数：模板不允许本列填写负数\n"},
		{[]string{"verify", "TMP/x.xlsx", "--templates", "../templates"},
			"    警告    E9    amount.negative: 金额 -45.60005 为负数：模板不允许本列填写负数\n"},
	} {
		_, stdout, _ := run(t, tmp, c.args...)
		if !strings.Contains(stdout, c.want) {
			t.Errorf("%v: stdout:\n%s\nwant a line\n%s", c.args, stdout, c.want)
		}
	}
}
