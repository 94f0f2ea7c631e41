package msg

// Chinese for the messages of package plan.
var _ = catalog(map[string]string{
	"%s: code %s has no name: give it in the CSV's name column or add it to catalog %s":                                                                                                           "%s：科目编码 %s 没有名称：请在 CSV 的名称列中填写，或把它加入目录 %s",
	"the text (%d characters, %q) needs a row %.0f points high, more than the %.0f a spreadsheet allows: the row is %.0f points high and shows the text in part; shorten the text in the dataset": "文字（%d 个字符，%q）需要 %.0f 磅高的行，超过了电子表格允许的 %.0f 磅：这一行设为 %.0f 磅，文字只能显示一部分；请在数据集中缩短这段文字",
	"the templates' formulas refer to each other in a circle: %s":                                                                                                                                 "模板中的公式循环引用：%s",
})
