package msg

// Chinese for the messages of package output.
var _ = catalog(map[string]string{
	"%s is an input of this command (%s): it would be overwritten; write to another path":  "%s 是本命令读取的输入（%s），写入会覆盖它：请写到别的路径",
	"%s lies inside %s, which this command reads: write outside that folder":               "%s 位于本命令读取的 %s 之中：请写到这个文件夹以外",
	"%s holds %s, which this command reads: it would be replaced; write to another folder": "%s 中有本命令读取的 %s，写入会替换掉它：请写到别的文件夹",
	"%s is a folder: give the name of a file to write":                                     "%s 是文件夹：请给出要写入的文件名",
	"%s: cannot create the folder: %v":                                                     "%s：无法创建文件夹：%v",
	"%s: cannot write in this folder: %v":                                                  "%s：无法在这个文件夹中写入：%v",
	"%s: cannot write to disk: %v":                                                         "%s：无法写入磁盘：%v",

	"%s cannot be replaced (%v): is it open in Excel or WPS? Close it and run the command again; the file is as it was": "%s 无法替换（%v）：是否在 Excel 或 WPS 中打开着？请关闭后重新运行命令；原文件保持不变",
})
