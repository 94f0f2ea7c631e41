package msg

// Chinese for the messages of package msg.
var _ = catalog(map[string]string{
	"no such file": "文件不存在",
})
