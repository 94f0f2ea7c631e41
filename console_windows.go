package main

import "golang.org/x/sys/windows"

const cpUTF8 = 65001 // the code page of UTF-8

// utf8Console sets the console's output code page to UTF-8 (65001), so that
// Chinese output is not mojibake in cmd.exe or PowerShell running code page
// 936 (GBK), and returns a function that restores the previous code page.
// Without a console (output to a file or a pipe) it does nothing.
func utf8Console() (restore func()) {
	old, err := windows.GetConsoleOutputCP()
	if err != nil || old == cpUTF8 {
		return func() {}
	}
	if err := windows.SetConsoleOutputCP(cpUTF8); err != nil {
		return func() {}
	}
	return func() { windows.SetConsoleOutputCP(old) }
}
