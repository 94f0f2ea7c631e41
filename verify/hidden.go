package verify

import (
	"strings"

	"budgetxl/pack"
	"budgetxl/plan"
	"budgetxl/workbook"
)

// checkHidden reports what a workbook can carry without showing it: an
// official sheet hidden from its readers, another sheet hidden so that
// only code can show it, code (macro parts), links to other files, and
// values far outside any table.
func (c *checker) checkHidden() {
	official := map[string]bool{}
	for _, t := range c.p.Tables {
		official[t.Sheet] = true
	}
	for _, s := range c.wb.Sheets {
		switch {
		case s.State == workbook.Visible:
		case official[s.Name]:
			c.finding(Error, "structure.sheet-hidden", s.Name, "", workbook.Visible, s.State,
				"the sheet is hidden (%s): readers of the workbook will not see this table", s.State)
		case s.State == workbook.VeryHidden:
			c.finding(Warning, "structure.sheet-hidden", s.Name, "", "", s.State,
				"the sheet is very hidden: Excel shows it only to code (VBA); look at what it holds")
		case s.Name != plan.PublishedSheet:
			c.finding(Warning, "structure.sheet-hidden", s.Name, "", "", s.State,
				"the sheet is hidden: look at what it holds")
		}
		if s.FarCount > 0 {
			var refs []string
			for _, f := range s.Far {
				v := f.Value
				if f.Formula != "" {
					v = "=" + f.Formula
				}
				refs = append(refs, f.Ref+" "+cut(v, 40))
			}
			if s.FarCount > len(s.Far) {
				refs = append(refs, "…")
			}
			c.finding(Warning, "structure.far-cells", s.Name, s.Far[0].Ref, "", s.Far[0].Value,
				"%d cells hold values far outside any table (below row %d or right of column %s), where nobody looks: %s",
				s.FarCount, c.wb.Limits.FarRow, pack.ColumnName(c.wb.Limits.FarColumn), strings.Join(refs, ", "))
		}
	}
	if len(c.wb.Macros) > 0 {
		c.finding(Error, "workbook.macros", "", "", "", strings.Join(c.wb.Macros, " "),
			"the workbook carries code (macros or controls: %s); a budget workbook needs none, and code can change what it shows", strings.Join(c.wb.Macros, ", "))
	}
	if len(c.wb.ExternalLinks) > 0 {
		c.finding(Error, "workbook.external-links", "", "", "", strings.Join(c.wb.ExternalLinks, " "),
			"the workbook links to other files (%s): its values can change with them, and a reader cannot check them", strings.Join(c.wb.ExternalLinks, ", "))
	}
}

// cut shortens a text for a message.
func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
