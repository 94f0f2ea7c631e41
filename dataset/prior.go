package dataset

import (
	"os"
	"path/filepath"

	"budgetxl/msg"
	"budgetxl/pack"
)

// Prior is a unit's dataset of the year before, with the template pack it
// is read with: the pack its unit.toml names, which may be this year's (a
// prior year's published text imported with this year's pack).
type Prior struct {
	Pack *pack.Pack
	Data *Dataset
}

// PriorDir is the prior year's dataset folder that unit.toml names,
// relative to the dataset's folder; "" when it names none.
func (d *Dataset) PriorDir() string {
	if d.Unit.Prior == "" {
		return ""
	}
	if filepath.IsAbs(d.Unit.Prior) {
		return d.Unit.Prior
	}
	return filepath.Join(d.Dir, filepath.FromSlash(d.Unit.Prior))
}

// OpenPrior reads dir as the prior year's dataset of d, which is read with
// pack p: the same unit (same code, or same name when either has no code),
// the year before. Its pack is p when its unit.toml names p, else the pack
// of that name in packs. The prior year's own prior is not read.
func OpenPrior(d *Dataset, p *pack.Pack, dir string, packs pack.Library) (*Prior, error) {
	from := d.Dir
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, msg.Errorf("%s: no such dataset folder (the prior year's dataset of %s)", dir, from)
	}
	u, err := ReadUnit(Dir(dir))
	if err != nil {
		return nil, err
	}
	file := filepath.Join(dir, UnitFile)
	if want := d.Unit.Year - 1; u.Year != want {
		return nil, msg.Errorf("%s: year is %d, but the prior year of %s (%d) is %d", file, u.Year, from, d.Unit.Year, want)
	}
	same := u.Name == d.Unit.Name
	if u.Code != "" && d.Unit.Code != "" {
		same = u.Code == d.Unit.Code
	}
	if !same {
		return nil, msg.Errorf("%s: this is the dataset of %s (code %q), not of %s (code %q): give the same unit's dataset of the year before", file, u.Name, u.Code, d.Unit.Name, d.Unit.Code)
	}
	pp := p
	if u.Pack != p.ID {
		entry, ok := packs.Lookup(u.Pack)
		if !ok {
			return nil, msg.Errorf("%s: pack is %q, but there is no such template pack (known: %s)", file, u.Pack, packs.Known())
		}
		if pp, err = entry.Load(); err != nil {
			return nil, err
		}
	}
	pd, err := load(Dir(dir), u, pp, true, true)
	if err != nil {
		return nil, err
	}
	return &Prior{Pack: pp, Data: pd}, nil
}
