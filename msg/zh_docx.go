package msg

// Chinese for the messages of package docx.
var _ = catalog(map[string]string{
	"not a .docx document: save it in Word or WPS as .docx (Word 2007 and later)": "不是 .docx 文档：请在 Word 或 WPS 中另存为 .docx（Word 2007 及以后的格式）",
	"the document is larger than 32 MB":                                           "文档超过 32 MB",
})
