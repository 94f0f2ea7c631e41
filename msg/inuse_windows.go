package msg

import (
	"errors"
	"syscall"
)

// Windows errors of a file that another program holds open: Excel and WPS
// hold the workbooks and CSV files they show.
const (
	errorSharingViolation syscall.Errno = 32 // ERROR_SHARING_VIOLATION
	errorLockViolation    syscall.Errno = 33 // ERROR_LOCK_VIOLATION
)

// inUse reports whether err says that another program holds the file.
func inUse(err error) bool {
	return errors.Is(err, errorSharingViolation) || errors.Is(err, errorLockViolation)
}
