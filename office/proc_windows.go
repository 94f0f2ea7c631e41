//go:build windows

package office

import (
	"os/exec"
	"strconv"
	"syscall"
)

// processGroup starts cmd in a process group of its own, and makes the
// context's cancellation kill its whole process tree: soffice.exe is a
// launcher whose child, soffice.bin, does the work.
func processGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{CreationFlags: syscall.CREATE_NEW_PROCESS_GROUP}
	cmd.Cancel = func() error {
		if err := exec.Command("taskkill", "/T", "/F", "/PID", strconv.Itoa(cmd.Process.Pid)).Run(); err != nil {
			return cmd.Process.Kill()
		}
		return nil
	}
}
