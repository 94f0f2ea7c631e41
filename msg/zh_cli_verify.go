package msg

// Chinese for the messages of package cli's verify command (cli/verify*.go)
// and of fill's folder of unit folders (cli/fill_district.go).
var _ = catalog(map[string]string{
	"with a folder of unit folders: write a summary of every unit's workbook (.xlsx or .csv), as verify --summary does": "给出单位文件夹所在的文件夹时：写出各单位工作簿的审核汇总（.xlsx 或 .csv），与 verify --summary 相同",
	"with a folder of unit folders: how many units to fill at once (default: the number of cores)":                      "给出单位文件夹所在的文件夹时：同时生成的单位数（默认：CPU 核数）",
	"--pdf fills one unit: with a folder of unit folders, print each workbook with budgetxl pdf":                        "--pdf 只用于一个单位：给出单位文件夹所在的文件夹时，请用 budgetxl pdf 逐个打印工作簿",
	"%s: with a folder of unit folders, -o is the folder that receives one workbook per unit":                           "%s：给出单位文件夹所在的文件夹时，-o 是存放各单位工作簿的文件夹",
	"--summary is for a folder of unit folders; %s is not one (no folder under it holds a unit.toml)":                   "--summary 用于存放多个单位文件夹的文件夹；%s 不是（其下没有含 unit.toml 的文件夹）",
	"not written: %v\n": "未写出：%v\n",
	"usage: budgetxl verify [flags] FILE|FOLDER|PATTERN...\n\nChecks workbooks against their template pack: structure, formulas, every value recomputed, review rules. A folder gives every .xlsx workbook in it and its subfolders (not Excel's lock files ~$*.xlsx); a pattern such as \"*.xlsx\" is expanded by budgetxl itself, as Windows' cmd does not. Files are checked in parallel (--jobs); with several files each gets one line and its first findings, then the checks across the files (the same unit code twice, different versions of one pack) and the totals; --summary writes everything to forward. Exit status 0 when no file has errors, 1 when a file has errors, 2 when a file cannot be read.": "用法：budgetxl verify [参数] 文件|文件夹|通配符...\n\n按模板包审核工作簿：表样结构、公式、重算每个数值、审核规则。给出文件夹时审核其中及各子文件夹中的全部 .xlsx 工作簿（不含 Excel 的锁定文件 ~$*.xlsx）；\"*.xlsx\" 这样的通配符由 budgetxl 自己展开（Windows 的 cmd 不展开）。多个文件并行审核（--jobs）；审核多个文件时每个文件一行并列出前几个问题，然后是跨文件检查（两个工作簿的单位编码相同、用了同一模板包的不同版本）和合计；--summary 写出可转发的审核汇总。退出码：没有文件有错误为 0，有文件有错误为 1，有文件无法读取为 2。",
	"print JSON Lines: one object per file, with its counts and findings (clean and unreadable files too)":                                                   "以 JSON Lines 输出：每个文件一个对象，含各级问题的个数和全部问题（无误和无法读取的文件也在内）",
	"write a summary of every file to forward: a workbook (.xlsx: one row per file, every finding on the second sheet) or a CSV file (.csv, UTF-8 with BOM)": "写出可转发的审核汇总：工作簿（.xlsx：每个文件一行，第二张表列出全部问题）或 CSV 文件（.csv，带 BOM 的 UTF-8）",
	"write an annotated copy of each file with findings into this folder, under the file's name":                                                             "把每个有问题的文件另存一份标注副本到此文件夹，文件名不变",
	"how many files to check at once (default: the number of cores)":                                                                                         "同时审核的文件数（默认：CPU 核数）",
	"show no progress on the terminal":                                                    "不在终端上显示进度",
	"with several files: print every file's whole report":                                 "审核多个文件时：打印每个文件的完整报告",
	"--jobs is %d: give 1 or more (0: the number of cores)":                               "--jobs 为 %d：请给 1 或更大的数（0 表示 CPU 核数）",
	"%s: the summary is a workbook or a CSV file: give a name that ends in .xlsx or .csv": "%s：审核汇总只能是工作簿或 CSV 文件：请用以 .xlsx 或 .csv 结尾的文件名",
	"wrote the summary %s\n":                                                              "已写入审核汇总 %s\n",
	"cannot be read: %v\n":                                                                "无法读取：%v\n",
	"%s (%s)":                                                                             "%s（%s）",
	"%s: %s: clean\n":                                                                     "%s：%s：无误\n",
	"%s: %s: %d errors, %d warnings, %d notes\n":                                          "%s：%s：%d 个错误，%d 个警告，%d 个提示\n",
	"    %s %s %s: %s\n":                                                                  "    %s %s %s：%s\n",
	"    and %d more findings\n":                                                          "    另有 %d 个问题未列出\n",
	"across the files:\n":                                                                 "跨文件检查：\n",
	"%d findings not listed: --summary writes them all, --all prints every report\n":                "另有 %d 个问题未列出：--summary 写出全部问题，--all 打印每个文件的完整报告\n",
	"%d files: %d with errors, %d with warnings, %d with notes only, %d clean, %d cannot be read\n": "共 %d 个文件：%d 个有错误，%d 个有警告，%d 个仅有提示，%d 个无误，%d 个无法读取\n",
	"estimating":          "正在估算剩余时间",
	"%s left":             "约剩 %s",
	"%d/%d checked, %s: ": "已审核 %d/%d，%s：",
})
