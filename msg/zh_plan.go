package msg

// Chinese for the messages of package plan.
var _ = catalog(map[string]string{
	"%s: code %s has no name: give it in the CSV's name column or add it to catalog %s": "%s：科目编码 %s 没有名称：请在 CSV 的名称列中填写，或把它加入目录 %s",
	"the templates' formulas refer to each other in a circle: %s":                       "模板中的公式循环引用：%s",
})
