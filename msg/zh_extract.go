package msg

// Chinese for the messages of package extract.
var _ = catalog(map[string]string{
	"%s: the workbook does not name its template pack (no document property %s): give the pack folder with --templates": "%s：工作簿没有注明所用模板包（没有文档属性 %s）：请用 --templates 指定模板包文件夹",
	"%s: the workbook was made with template pack %s, which is not in %s: give its folder with --templates":             "%s：工作簿使用的模板包 %s 不在 %s 中：请用 --templates 指定它的文件夹",
})
