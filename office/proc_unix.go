//go:build !windows

package office

import (
	"os/exec"
	"syscall"
)

// processGroup starts cmd in a process group of its own, and makes the
// context's cancellation kill the whole group: soffice is a launcher
// whose children do the work.
func processGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
}
