package msg

// Chinese for the messages of package fill.
var _ = catalog(map[string]string{
	"%s: cannot write the workbook: %v":                                           "%s：无法写入工作簿：%v",
	"SOURCE_DATE_EPOCH is %q: give the seconds since 1970-01-01 UTC, or unset it": "SOURCE_DATE_EPOCH 为 %q：请写自 1970-01-01（UTC）起的秒数，或取消这个环境变量",
})
