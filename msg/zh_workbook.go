package msg

// Chinese for the messages of package workbook.
var _ = catalog(map[string]string{
	"%s: sheet %s: %v": "%s：工作表 %s：%v",
})
