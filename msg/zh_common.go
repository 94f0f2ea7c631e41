package msg

// Chinese for the messages of more than one package.
var _ = catalog(map[string]string{
	"row %s appears again (first on line %d)":                  "行 %s 重复出现（第一次在第 %d 行）",
	"%q is not an amount":                                      "%q 不是金额",
	"code %s has %d digits; this table's codes have %s digits": "科目编码 %s 有 %d 位；本表的编码应为 %s 位",
	"column %s: %v":                                            "%s 列：%v",
	"%s: not a readable .xlsx workbook: %v":                    "%s：不是可读取的 .xlsx 工作簿：%v",
	"ERROR":                                                    "错误",
	"note":                                                     "提示",
	"sheet":                                                    "工作表",
	"warning":                                                  "警告",
})
