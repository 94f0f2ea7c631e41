package msg

// Chinese for the messages of package workbook.
var _ = catalog(map[string]string{
	"%s is a folder, not an .xlsx workbook":               "%s 是文件夹，不是 .xlsx 工作簿",
	"the file is empty (0 bytes): get the workbook again": "文件是空的（0 字节）：请重新获取这个工作簿",
	"it is damaged or incomplete (a download or copy that stopped before the end?): get the workbook again, or open it in Excel and save it again":                                                              "文件已损坏或不完整（下载或复制没有完成？）：请重新获取这个工作簿，或用 Excel 打开后重新保存",
	"it is an .xls workbook (Excel 97-2003), or an .xlsx with a password to open: open it in Excel or WPS and save it as an .xlsx workbook (Excel 工作簿) without a password to open":                              "这是 .xls 工作簿（Excel 97-2003），或设了打开密码的 .xlsx：请用 Excel 或 WPS 打开，另存为“Excel 工作簿（.xlsx）”，不设打开密码",
	"it is a PDF, not a workbook: budgetxl reads .xlsx workbooks; the text of a published PDF can be read into a dataset with budgetxl import (see import.md of the documentation, which budgetxl docs writes)": "这是 PDF，不是工作簿：budgetxl 读取 .xlsx 工作簿；公开的 PDF 可提取文字后用 budgetxl import 读入为数据集（见说明文档 import.md，可用 budgetxl docs 写出）",
	"it is a text file (such as CSV), not a workbook: open it in Excel or WPS and save it as an .xlsx workbook (Excel 工作簿)":                                                                                     "这是文本文件（如 CSV），不是工作簿：请用 Excel 或 WPS 打开，另存为“Excel 工作簿（.xlsx）”",
	"it is not a zip package (another kind of file renamed .xlsx?): open it in Excel or WPS and save it as an .xlsx workbook (Excel 工作簿)":                                                                       "不是 .xlsx 工作簿（是改了扩展名的其他文件吗？）：请用 Excel 或 WPS 打开，另存为“Excel 工作簿（.xlsx）”",
	"it has no workbook part (%s)": "缺少工作簿部件（%s）",
	"part %s: %v":                  "部件 %s：%v",
	"part %s inflates to more than %d MiB (a zip bomb?)":                                      "部件 %s 解压后超过 %d MiB（可能是“压缩炸弹”）",
	"the parts of the workbook inflate to more than %d MiB (a zip bomb?)":                     "工作簿各部件解压后合计超过 %d MiB（可能是“压缩炸弹”）",
	"the workbook has more than %d cells; if it is genuine, raise the limit with --max-cells": "工作簿的单元格超过 %d 个；如确属正常，请用 --max-cells 提高上限",
	"shared string %d holds %d characters, more than the %d a cell can hold":                  "共享字符串 %d 有 %d 个字符，超过一个单元格最多能容纳的 %d 个",
	"sheet %s: %v":                                                      "工作表 %s：%v",
	"%q is not a cell reference":                                        "%q 不是单元格地址",
	"row %d is beyond the last row of a sheet (%d)":                     "第 %d 行超出了工作表的最后一行（%d）",
	"merged range %q is not a range of cells":                           "合并区域 %q 不是单元格区域",
	"%s: shared string %s does not exist":                               "%s：共享字符串 %s 不存在",
	"%s holds %d characters, more than the %d a cell can hold":          "%s 有 %d 个字符，超过一个单元格最多能容纳的 %d 个",
	"the part declares a document type (DTD), which workbooks never do": "部件声明了文档类型（DTD），工作簿从不这样做",
	"a comment is not closed":                                           "注释没有结束",
	"a CDATA section is not closed":                                     "CDATA 段没有结束",
	"a processing instruction is not closed":                            "处理指令没有结束",
	"an element tag is not closed":                                      "元素标记没有结束",
	"an entity reference is not closed":                                 "实体引用没有结束",
	"unknown entity &%s;":                                               "未知的实体 &%s;",
	"bad character reference &%s;":                                      "错误的字符引用 &%s;",
})

var _ = catalog(map[string]string{
	"part %s cannot be opened: it is damaged, or compressed in a way workbooks are not": "部件 %s 无法打开：文件已损坏，或采用了工作簿不用的压缩方式",
	"part %s is damaged: its compressed data cannot be read":                            "部件 %s 已损坏：无法读取其压缩数据",
})
