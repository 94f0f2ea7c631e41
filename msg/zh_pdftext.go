package msg

// Chinese for the messages of package pdftext.
var _ = catalog(map[string]string{
	"no line is the title of a table of pack %s (such as %q)":    "没有任何一行是模板包 %s 中某张表的标题（如 %q）",
	"the titles do not name the unit: give its name with --name": "表标题中没有单位名称：请用 --name 给出",
	"is above the first table title":                             "在第一个表标题之前",
	"follows the title on line %d, which was not read":           "在第 %d 行的标题之下，而该标题未能读入",
	"matches no title of pack %s":                                "不是模板包 %s 中任何一张表的标题",
	"the title names unit %q, but the title on line %d names %q": "标题中的单位是 %q，但第 %d 行标题中的单位是 %q",
	"the year is %d, but line %d says %d":                        "年度为 %d，但第 %d 行为 %d",
	"amount unit %q: use 元 or 万元":                                "金额单位为 %q：应为 元 或 万元",
	"%d cells, but table %s has %d columns":                      "有 %d 个单元格，但表 %s 只有 %d 列",
	"no code, row label or subject name of table %s":             "不是表 %s 的科目编码、行名称或科目名称",
	"column %s: unexpected text %q":                              "%s 列：多余的文字 %q",
	"code row %s has no amounts":                                 "科目行 %s 没有金额",
	"matches no row of table %s":                                 "与表 %s 的任何一行都不符",
	"expected %q, found %q":                                      "应为 %q，实际为 %q",
	"expected %q, found the end of the line":                     "应为 %q，但这一行已结束",
	"%d cells, but %d fields belong here (%s)":                   "有 %d 个单元格，但这里应为 %d 个字段（%s）",
	"cells left over: %q":                                        "多出的单元格：%q",
	"column %d: unexpected text %q":                              "第 %d 列：多余的文字 %q",
	"no field of table %s in this line":                          "这一行没有表 %s 的字段",
	"%s is empty":                                                "%s 为空",
	"%s %q is not one of %s":                                     "%s %q 不在可选值之中：%s",
	"%q does not read as %s":                                     "%q 不符合 %s 的格式",
	"%s is given again (first on line %d)":                       "%s 重复出现（第一次在第 %d 行）",
})
