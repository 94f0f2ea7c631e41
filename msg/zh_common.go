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

	// CSV faults, raised by dataset and by pack (catalogs).
	"a \" inside a field that does not start with one: quote the whole field and double the \" inside, as in \"a\"\"b\"": "字段中间有一个 \"，但字段不是以 \" 开头：请用 \" 把整个字段括起来，并把其中的 \" 写两遍，如 \"a\"\"b\"",
	"a quoted field is not closed, or its closing \" is followed by more text":                                           "带引号的字段没有闭合，或闭合的 \" 后面还有文字",
	"wrong number of fields": "字段个数不对",
	"none":                   "无",
})
