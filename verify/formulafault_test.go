package verify

import (
	"testing"

	"budgetxl/formula"
	"budgetxl/msg"
)

// TestFormulaFault: every kind of problem the formula package reports
// reads in Chinese without its English words, and in English as it says.
func TestFormulaFault(t *testing.T) {
	cases := []struct{ src, zh, en string }{
		{"[1]Sheet1!A1", "第 1 个字符处：公式中不能有字符 \"[\"", `at character 1: a character that no formula holds, "["`},
		{"D8+", "第 4 个字符处：公式在应有数字、单元格或函数的地方结束了", "at character 4: the formula ends where a number, a cell or a function belongs"},
		{"SUM(D8,", "第 8 个字符处：公式在应有参数的地方结束了", "at character 8: the formula ends where an argument belongs"},
		{"D8 E8", "第 4 个字符处：应为运算符或公式结尾的地方是引用 E8", "at character 4: the reference E8 stands where an operator or the end of the formula belongs"},
		{"SUM(D8 1)", "第 8 个字符处：应为\",\" 或 \")\"的地方是数字 1", `at character 8: the number 1 stands where "," or ")" belongs`},
		{"SUM(D8;E8)", "第 7 个字符处：公式中不能有字符 \";\"", `at character 7: a character that no formula holds, ";"`},
		{`"abc`, "第 1 个字符处：用双引号括起的文字没有闭合", "at character 1: a text in double quotes is not closed"},
		{"'附件4-2", "第 1 个字符处：用单引号括起的工作表名没有闭合", "at character 1: a sheet name in single quotes is not closed"},
		{"#WHAT?+1", "第 1 个字符处：\"#WHAT?\" 不是错误值", `at character 1: "#WHAT?" is no error value`},
		{"1E+999999999", "第 1 个字符处：数字 \"1E+999999999\" 超出范围", `at character 1: the number "1E+999999999" is out of range`},
		{"VLOOKUP(D8,D8:E8,2,FALSE)", "verify 不能计算函数 VLOOKUP，使用单元格中的缓存值", "verify cannot compute the function VLOOKUP; the cell's cached value is used"},
		{"ROUND(D8)", "函数 ROUND 需要 2 个参数，这里有 1 个", "ROUND takes 2 arguments, here 1"},
		{"C1+1", "循环引用：S!C1 → S!C1", "a circular reference: S!C1 → S!C1"},
	}
	for _, c := range cases {
		b := formula.NewBook()
		b.AddSheet("S")
		b.SetFormula(formula.Addr{Sheet: "S", Col: 3, Row: 1}, c.src, formula.Value{})
		problems := b.Evaluate(func(formula.Result) {})
		if len(problems) != 1 {
			t.Errorf("%s: %d problems", c.src, len(problems))
			continue
		}
		f := formulaFault(problems[0])
		if zh := f.In(msg.ZH); zh != c.zh {
			t.Errorf("%s: zh %s\n            want %s", c.src, zh, c.zh)
		}
		if en := f.In(msg.EN); en != c.en {
			t.Errorf("%s: en %s\n            want %s", c.src, en, c.en)
		}
	}
}
