//go:build !windows

package main

// utf8Console does nothing: other systems' terminals take UTF-8 as it is.
func utf8Console() (restore func()) { return func() {} }
