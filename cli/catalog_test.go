package cli

import (
	"path/filepath"
	"testing"

	"budgetxl/internal/mutate"
)

// TestTemplatesCheckCatalog: templates check reports the problems of a
// pack's catalogs, each at its file and line (a code listed twice, a child
// whose parent is not in the catalog, a name that sources of the same year
// give differently), with exit status 1; a name that a newer source settles
// is no problem, but check shows it as a note, and exits 0.
func TestTemplatesCheckCatalog(t *testing.T) {
	// Documents made up for the test, beside the pack's real sources.
	header := "id,year,title,publisher,address\n"
	other := "other-2024,2024,测试用的另一份2024年科目文本,测试,https://example.org/2024\n"
	old := "old-2020,2020,测试用的2020年科目文本,测试,https://example.org/2020\n"
	sources := mutate.Edit("catalog/sources.csv", header, header+other+old)
	cases := []struct {
		name   string
		lang   string
		muts   []mutate.Mutation
		code   int
		stdout string
	}{
		{
			name: "problems",
			lang: "zh",
			muts: []mutate.Mutation{
				sources,
				// A code listed twice with the same name.
				mutate.Edit("catalog/function.csv", "2130502,一般行政管理事务,xzcs-2024-21305\n",
					"2130502,一般行政管理事务,xzcs-2024-21305\n2130502,一般行政管理事务,other-2024\n"),
				// A child whose parent is gone.
				mutate.Edit("catalog/function.csv", "21308,普惠金融发展支出,qijiang-2025\n", ""),
				// Two names by sources of the same year; and the old source
				// cited, so that no source goes uncited.
				mutate.Edit("catalog/function.csv", "2130503,机关服务,xzcs-2024-21305\n",
					"2130503,机关服务,xzcs-2024-21305\n2130503,机关后勤服务,other-2024\n2130504,农村基础设施,old-2020\n"),
			},
			code: 1,
			stdout: "TMP/p：3 个问题\n" +
				"  TMP/p/catalog/function.csv:44：编码 2130502 以相同名称重复列出（第 43 行）：请把它的所有来源写在同一行\n" +
				"  TMP/p/catalog/function.csv:46：编码 2130503 此处名为 \"机关后勤服务\"，而另一行名为 \"机关服务\"（第 45 行），两者来源的年份相同：请保留正确的一行、删去另一行，或引用更新的来源\n" +
				"  TMP/p/catalog/function.csv:54：编码 2130804 的上级 21308 不在本目录中：请加上上级科目的一行（连同其来源）\n",
		},
		{
			name: "problems en",
			lang: "en",
			muts: []mutate.Mutation{
				sources,
				mutate.Edit("catalog/function.csv", "21308,普惠金融发展支出,qijiang-2025\n", ""),
				mutate.Edit("catalog/function.csv", "2130503,机关服务,xzcs-2024-21305\n",
					"2130503,机关服务,xzcs-2024-21305\n2130503,机关后勤服务,other-2024 old-2020\n"),
			},
			code: 1,
			stdout: "TMP/p: 2 problems\n" +
				"  TMP/p/catalog/function.csv:45: code 2130503 is \"机关后勤服务\" here and \"机关服务\" at line 44, by equally recent sources: keep the right row and delete the other, or cite a newer source\n" +
				"  TMP/p/catalog/function.csv:52: code 2130804 has no parent 21308 in this catalog: add the parent's row, with its source\n",
		},
		{
			name: "notes",
			lang: "zh",
			muts: []mutate.Mutation{
				mutate.Edit("catalog/sources.csv", header, header+old),
				mutate.Edit("catalog/function.csv", "2130503,机关服务,xzcs-2024-21305\n",
					"2130503,机关服务,xzcs-2024-21305\n2130503,机关后勤服务,old-2020\n2130504,农村基础设施,old-2020\n"),
				mutate.Edit("catalog/economic.csv", "30102,津贴补贴,", "30101,基本工资（旧称）,old-2020\n30102,津贴补贴,"),
			},
			code: 0,
			stdout: "TMP/p：模板包 cq-2025 1.0.0，10 张表，没有问题\n" +
				"  提示：TMP/p/catalog/economic.csv:4：编码 30101 按本行的来源名为 \"基本工资（旧称）\"，按第 3 行的来源 qijiang-2025（2025 年，不晚于模板包年份的最新来源）名为 \"基本工资\"：模板包采用 \"基本工资\"\n" +
				"  提示：TMP/p/catalog/function.csv:45：编码 2130503 按本行的来源名为 \"机关后勤服务\"，按第 44 行的来源 xzcs-2024-21305（2024 年，不晚于模板包年份的最新来源）名为 \"机关服务\"：模板包采用 \"机关服务\"\n" +
				"  提示：TMP/p/catalog/function.csv:46：编码 2130504 按本行的来源名为 \"农村基础设施\"，按第 47 行的来源 xzcs-2024-21305（2024 年，不晚于模板包年份的最新来源）名为 \"农村基础设施建设\"：模板包采用 \"农村基础设施建设\"\n",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := mutate.Copy(t, filepath.Join("..", "templates", "cq-2025"), "p")
			for _, m := range c.muts {
				m(t, dir)
			}
			tmp := filepath.Dir(dir)
			code, stdout, stderr := run(t, tmp, "--lang", c.lang, "templates", "check", "TMP/p")
			if code != c.code || stderr != "" {
				t.Errorf("exit %d, want %d; stderr %q", code, c.code, stderr)
			}
			if stdout != c.stdout {
				t.Errorf("stdout:\n%s\nwant:\n%s", stdout, c.stdout)
			}
		})
	}
}
