package msg

// Chinese for the messages of package extract.
var _ = catalog(map[string]string{
	"%s: the workbook does not name its template pack (no document property %s): give the pack folder with --templates":                                                                           "%s：工作簿没有注明所用模板包（没有文档属性 %s）：请用 --templates 指定模板包文件夹",
	"%s is a truth value (TRUE or FALSE), not an amount: type the amount":                                                                                                                         "%s 是逻辑值（TRUE 或 FALSE），不是金额：请填写金额",
	"%s is an error value, not an amount: correct the formula, or type the amount":                                                                                                                "%s 是错误值，不是金额：请改正公式，或直接填写金额",
	"%q is a number stored as text: Excel's SUM skips it, so the totals leave it out; convert it to a number (Excel: the green triangle, 转换为数字) or type it again in a cell formatted as a number": "%q 是以文本形式存储的数字：Excel 的 SUM 会跳过它，合计中不含这个数；请把它转换为数字（Excel：单元格左上角的绿色三角 → 转换为数字），或在数字格式的单元格中重新输入",
	"%q is not a number": "%q 不是数字",
	"%s is out of range: an amount is below 10^15 万元":                                                          "%s 超出范围：金额应小于 10^15 万元",
	"%s has more than 6 decimals (in 万元, finer than 0.01 元)":                                                   "%s 的小数超过 6 位（以万元计，比 0.01 元还细）",
	"the workbook has no sheet %s (table %s): was it renamed or deleted? Give it back its name, or restore it": "工作簿中没有工作表 %s（表 %s）：是否被改名或删除？请恢复原名或补回该表",
	"%s!%s: row %d (%s) is neither a code of this table nor one of its fixed rows: its amounts are not read":   "%s!%s：第 %d 行（%s）既不是本表的科目，也不是本表的固定行：其中的金额未读取",
	"%s!%s: row %d (%s) repeats a row found above it: it is not read":                                          "%s!%s：第 %d 行（%s）与上面的行重复：未读取",
	"%s!%s: %v": "%s!%s：%v",
	"%s!A%d: the row (%s) names no formula cell of the tables: the published figure is not read; fill the workbook again from its dataset": "%s!A%d：这一行（%s）指向的不是各表的公式单元格：其中的公布数未读取；请用数据集重新生成工作簿",
	"the cell is empty": "单元格为空",
	"%s!C%d: the published figure of %s!%s is not an amount (%v): it is not read":                                       "%s!C%d：%s!%s 的公布数不是金额（%v）：未读取",
	"%s: the workbook was made with template pack %s, which is not known (known: %s): give its folder with --templates": "%s：工作簿使用的模板包 %s 找不到（现有：%s）：请用 --templates 指定它的文件夹",
})
