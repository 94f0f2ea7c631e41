package msg

// Chinese for the messages of package review.
var _ = catalog(map[string]string{
	"%s: no .xlsx workbook in this folder or its subfolders":          "%s：此文件夹及其子文件夹中没有 .xlsx 工作簿",
	"%s: not a valid pattern (write * for any characters, ? for one)": "%s：不是有效的通配符（* 代表任意多个字符，? 代表一个字符）",
	"%s: no .xlsx workbook matches this pattern":                      "%s：没有与此通配符匹配的 .xlsx 工作簿",
	"%s and %d more": "%s 等（另有 %d 个）",
	"unit code %s (%s) is also the code of %s: two workbooks of this run are for the same unit (sent twice, or a wrong code)":                        "单位编码 %s（%s）也是 %s 的单位编码：本次审核中有两个工作簿属于同一个单位（重复报送，或单位编码有误）",
	"made with template pack %s version %s, while %d workbooks of this run were made with version %s: the units did not all fill the same templates": "用模板包 %s 的 %s 版生成，而本次审核中有 %d 个工作簿用 %s 版生成：各单位用的不是同一版模板",
})

// Chinese for the batch fill of package review.
var _ = catalog(map[string]string{
	"%s: %s!%s %s: the dataset gives %s, the prior year's dataset %s: correct one of them":                                                       "%s：%s!%s %s：数据集为 %s，上年数据集为 %s：请改正其中之一",
	"%s · %s: the dataset publishes %s, the formula gives %s: a difference of %s, beyond rounding (±%s); the workbook shows the formula's value": "%s · %s：数据集中的公布数为 %s，公式计算值为 %s，相差 %s，超出舍入误差（±%s）；工作簿显示公式计算值",
})

// Chinese for the summary workbook of package review.
var _ = catalog(map[string]string{
	"%s: cannot write the summary: %v":                "%s：无法写出审核汇总：%v",
	"%d more findings: a sheet holds at most %d rows": "另有 %d 个问题：一张工作表最多 %d 行",
	"Files":          "审核汇总",
	"All findings":   "全部问题",
	"file":           "文件",
	"unit":           "单位",
	"unit code":      "单位编码",
	"department":     "主管部门",
	"template pack":  "模板包及版本",
	"errors":         "错误",
	"warnings":       "警告",
	"notes":          "提示",
	"main rules":     "主要规则",
	"status":         "状态",
	"annotated copy": "标注副本",
	"reason":         "无法读取的原因",
	"where":          "位置",
	"with errors":    "有错误",
	"with warnings":  "有警告",
	"notes only":     "仅有提示",
	"clean":          "无误",
	"cannot be read": "无法读取",
	"%s: budgetxl failed on this file (%v): please report it, with the file if you can; the other files are checked": "%s：budgetxl 处理这个文件时出错（%v）：请报告这个问题，最好附上文件；其他文件照常审核",
})
