package msg

// Chinese for the messages of package fill.
var _ = catalog(map[string]string{
	"%s: cannot write the workbook: %v": "%s：无法写入工作簿：%v",
})
