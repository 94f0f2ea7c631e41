package verify

import (
	"budgetxl/plan"
	"budgetxl/workbook"
)

// Stamp is what a workbook's document properties say of the template
// pack that made it: its id, version and the hash of its files.
type Stamp struct {
	Pack, Version, Hash string
}

// stampOf reads the stamp of a workbook.
func stampOf(wb *workbook.Book) Stamp {
	return Stamp{Pack: wb.Props[plan.PropPack], Version: wb.Props[plan.PropPackVersion], Hash: wb.Props[plan.PropPackHash]}
}

// checkStamp compares the pack that the workbook's document properties say
// made it with the pack that checks it. Findings about differences between
// two versions of a pack may come from the versions, not from the workbook.
// A workbook without the properties (typed by hand) is not judged here.
func (c *checker) checkStamp() {
	props := c.wb.Props
	id, version, hash := props[plan.PropPack], props[plan.PropPackVersion], props[plan.PropPackHash]
	if id == "" {
		id = c.p.ID
	}
	switch {
	case version == "" && hash == "":
	case id != c.p.ID || version != c.p.Version:
		c.finding(Warning, "pack.version", "", "", c.p.ID+" "+c.p.Version, id+" "+version,
			"the workbook was made with template pack %s version %s, but is checked with %s version %s: some findings may come from the difference between the versions",
			id, version, c.p.ID, c.p.Version)
	case c.p.Base != nil && props[plan.PropPackLineage] != "" && props[plan.PropPackLineage] != c.p.Lineage():
		// The pack it extends has another version: a change of the base, not of this pack.
		c.finding(Warning, "pack.version", "", "", c.p.Lineage(), props[plan.PropPackLineage],
			"the workbook was made with template pack %s, but is checked with %s: some findings may come from the difference between the versions",
			props[plan.PropPackLineage], c.p.Lineage())
	case hash != c.p.Hash:
		c.finding(Note, "pack.hash", "", "", short(c.p.Hash), short(hash),
			"the workbook was made with template pack %s version %s from files that differ from the ones checking it (hash %s, here %s): the pack was changed without a new version",
			id, version, short(hash), short(c.p.Hash))
	}
}

// short is the beginning of a hash, enough to tell two apart.
func short(hash string) string {
	if len(hash) > 12 {
		return hash[:12]
	}
	return hash
}
