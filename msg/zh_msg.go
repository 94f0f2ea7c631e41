package msg

// Chinese for the messages of package msg.
var _ = catalog(map[string]string{
	"no such file":                               "文件不存在",
	"is a folder, not a file":                    "这是文件夹，不是文件",
	"a part of the path is a file, not a folder": "路径中有一段是文件而不是文件夹",
	"permission denied":                          "没有权限",
	"no space left on the disk":                  "磁盘空间不足",
	"already exists":                             "已经存在",
	"%d more errors not listed":                  "还有 %d 个错误未列出",

	"the file is in use by another program (open in Excel or WPS?): close it and try again": "文件正被其他程序使用（在 Excel 或 WPS 中打开着？）：请关闭后重试",
})
