package review

import (
	"sort"
	"strings"

	"budgetxl/msg"
	"budgetxl/verify"
)

// Rules of the checks across the files of a run.
const (
	RuleUnitCode    = "district.unit-code"
	RulePackVersion = "district.pack-version"
)

// maxNamed is how many other files a finding across files names; the
// rest are counted.
const maxNamed = 3

// cross checks the files of a run against each other: two workbooks that
// give the same unit code (an error: one unit sent twice, or a wrong
// code), and workbooks made with different versions of one pack (a
// warning on each made with a version other than the one most of them
// used). The findings are added to their files and returned.
func cross(files []*File) []CrossFinding {
	var out []CrossFinding
	add := func(f *File, fd verify.Finding) {
		f.Findings = append(f.Findings, fd)
		out = append(out, CrossFinding{File: f.Path, Finding: fd})
	}
	byCode := map[string][]*File{}
	var codes []string
	for _, f := range files {
		if f.Err != nil || f.Unit.Code == "" {
			continue
		}
		if byCode[f.Unit.Code] == nil {
			codes = append(codes, f.Unit.Code)
		}
		byCode[f.Unit.Code] = append(byCode[f.Unit.Code], f)
	}
	for _, code := range codes {
		same := byCode[code]
		if len(same) < 2 {
			continue
		}
		for _, f := range same {
			var others []string
			for _, o := range same {
				if o != f {
					others = append(others, o.Path)
				}
			}
			add(f, finding(verify.Error, RuleUnitCode, "", "", "", code,
				"unit code %s (%s) is also the code of %s: two workbooks of this run are for the same unit (sent twice, or a wrong code)",
				code, f.Unit.Name, named(others)))
		}
	}

	byPack := map[string]map[string][]*File{} // pack id → version → files
	var packs []string
	for _, f := range files {
		if f.Err != nil || f.Made.Pack == "" || f.Made.Version == "" {
			continue
		}
		if byPack[f.Made.Pack] == nil {
			byPack[f.Made.Pack] = map[string][]*File{}
			packs = append(packs, f.Made.Pack)
		}
		byPack[f.Made.Pack][f.Made.Version] = append(byPack[f.Made.Pack][f.Made.Version], f)
	}
	for _, id := range packs {
		versions := byPack[id]
		if len(versions) < 2 {
			continue
		}
		var vs []string
		for v := range versions {
			vs = append(vs, v)
		}
		// The most used version first; of two used as often, the greater.
		sort.Slice(vs, func(i, j int) bool {
			if a, b := len(versions[vs[i]]), len(versions[vs[j]]); a != b {
				return a > b
			}
			return vs[i] > vs[j]
		})
		main := vs[0]
		for _, v := range vs[1:] {
			for _, f := range versions[v] {
				add(f, finding(verify.Warning, RulePackVersion, "", "", id+" "+main, id+" "+v,
					"made with template pack %s version %s, while %d workbooks of this run were made with version %s: the units did not all fill the same templates",
					id, v, len(versions[main]), main))
			}
		}
	}
	// Each file's findings across files follow its own, in input order.
	return out
}

// named lists files for a message: the first maxNamed, then a count.
func named(files []string) any {
	if len(files) <= maxNamed {
		return strings.Join(files, ", ")
	}
	return msg.Errorf("%s and %d more", strings.Join(files[:maxNamed], ", "), len(files)-maxNamed)
}

// finding makes a finding as verify does; format is an English message
// with a Chinese translation in the catalog.
func finding(severity, rule, sheet, cell, expected, found, format string, args ...any) verify.Finding {
	return verify.Finding{Severity: severity, Rule: rule, Sheet: sheet, Cell: cell, Expected: expected, Found: found,
		ZH: msg.T(msg.ZH, format, args...), EN: msg.T(msg.EN, format, args...)}
}
