package msg

// Chinese for the messages of package annotate.
var _ = catalog(map[string]string{
	"Findings": "审核结果",
	"cell":     "单元格",
	"expected": "应为",
	"found":    "实际",
	"message":  "说明",
	"rule":     "规则",
	"severity": "级别",
})
