package review

import (
	"budgetxl/msg"
	"budgetxl/verify"
)

// FileJSON is a file of a run as JSON Lines carry it: one object per file,
// clean and unreadable ones included.
type FileJSON struct {
	File       string `json:"file"`
	Status     string `json:"status"` // Unreadable, Errors, Warnings, Notes or Clean
	Unit       string `json:"unit,omitempty"`
	Code       string `json:"code,omitempty"`
	Department string `json:"department,omitempty"`
	Pack       string `json:"pack,omitempty"`
	Version    string `json:"version,omitempty"`
	// MadeWith is the pack and version the workbook says made it.
	MadeWith string `json:"made_with,omitempty"`
	Errors   int    `json:"errors"`
	Warnings int    `json:"warnings"`
	Notes    int    `json:"notes"`
	// Error is why the file could not be read or checked.
	Error     string        `json:"error,omitempty"`
	Annotated string        `json:"annotated,omitempty"`
	Findings  []FindingJSON `json:"findings"`
}

// FindingJSON is a finding with its message in the user's language.
type FindingJSON struct {
	verify.Finding
	Message string `json:"message"`
}

// JSON returns f as JSON Lines carry it, messages in language l.
func JSON(f *File, l msg.Lang) FileJSON {
	j := FileJSON{File: f.Path, Status: f.Status(), Unit: f.Unit.Name, Code: f.Unit.Code, Department: f.Unit.Department,
		Pack: f.Pack, Version: f.Version, Errors: f.Count(verify.Error), Warnings: f.Count(verify.Warning), Notes: f.Count(verify.Note),
		Annotated: f.Annotated, Findings: []FindingJSON{}}
	if f.Made.Pack != "" {
		j.MadeWith = f.Made.Pack + " " + f.Made.Version
	}
	if f.Err != nil {
		j.Error = msg.Render(l, f.Err)
	}
	for _, fd := range f.Findings {
		j.Findings = append(j.Findings, FindingJSON{Finding: fd, Message: fd.Message(l)})
	}
	return j
}
