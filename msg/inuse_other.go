//go:build !windows

package msg

// inUse reports whether err says that another program holds the file:
// only Windows refuses to open a file for that.
func inUse(err error) bool { return false }
