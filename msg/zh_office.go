package msg

// Chinese for the messages of package office.
var _ = catalog(map[string]string{
	"LibreOffice is not installed here (no soffice on PATH or in the usual folders), and budgetxl makes PDFs with it. Install it: on Debian or Ubuntu apt-get install libreoffice-calc-nogui libreoffice-writer-nogui; on Windows install LibreOffice from https://www.libreoffice.org, and if it is not in C:\\Program Files\\LibreOffice give the path of its soffice.exe with --soffice or in the environment variable %s": "LibreOffice 未安装（PATH 和常用安装位置中都没有 soffice），budgetxl 用它生成 PDF。请安装：Debian 或 Ubuntu 上运行 apt-get install libreoffice-calc-nogui libreoffice-writer-nogui；Windows 上从 https://www.libreoffice.org 下载安装 LibreOffice，若未装在 C:\\Program Files\\LibreOffice，用 --soffice 或环境变量 %s 给出其中 soffice.exe 的路径",
	"%s (given with %s): %v; give the path of LibreOffice's soffice":                                                                                                "%s（由 %s 给出）：%v；请给出 LibreOffice 的 soffice 的路径",
	"%s (given with %s) is a folder without soffice in it; give the path of LibreOffice's soffice":                                                                  "%s（由 %s 给出）是一个文件夹，其中没有 soffice；请给出 LibreOffice 的 soffice 的路径",
	"cannot make a temporary folder for LibreOffice: %v":                                                                                                            "无法为 LibreOffice 建立临时文件夹：%v",
	"LibreOffice did not finish within %s and was stopped (%s): try again with a longer --timeout":                                                                  "LibreOffice 在 %s 内未完成，已被终止（%s）：请用更长的 --timeout 重试",
	"cannot run LibreOffice (%s): %v":                                                                                                                               "无法运行 LibreOffice（%s）：%v",
	"LibreOffice did not convert %s: %v":                                                                                                                            "LibreOffice 未能转换 %s：%v",
	"LibreOffice Writer, which converts documents (.docx), is not installed here: on Debian or Ubuntu apt-get install libreoffice-writer-nogui":                     "本机没有安装 LibreOffice Writer（用它转换 .docx 文档）：Debian 或 Ubuntu 上运行 apt-get install libreoffice-writer-nogui",
	"LibreOffice did not convert %s (exit: %v); what it said: %s":                                                                                                   "LibreOffice 未能转换 %s（退出：%v）；其输出：%s",
	"no font with Chinese characters is installed, so the PDF would print every character as a box: install one (Debian or Ubuntu: apt-get install fonts-noto-cjk)": "本机没有安装含中文字符的字体，PDF 中的每个汉字都会显示为方框：请安装一种（Debian 或 Ubuntu：apt-get install fonts-noto-cjk）",
})
