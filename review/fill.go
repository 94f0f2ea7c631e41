package review

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"budgetxl/dataset"
	"budgetxl/fill"
	"budgetxl/msg"
	"budgetxl/output"
	"budgetxl/pack"
	"budgetxl/plan"
	"budgetxl/verify"
)

// RulePublished is the rule of a published figure of a dataset that
// differs from its formula by more than rounding (fill lists them; a
// batch fill makes each a finding of the unit's workbook).
const RulePublished = "fill.published"

// IsDistrict reports whether dir is a folder of unit folders: it holds no
// unit.toml itself, and a folder under it does.
func IsDistrict(dir string) bool {
	if _, err := os.Stat(filepath.Join(dir, dataset.UnitFile)); err == nil {
		return false
	}
	return len(Units(dir)) > 0
}

// Units lists the unit folders under dir (the folders that hold a
// unit.toml, at any depth; a unit's own subfolders are not searched), in
// name order, each with its path relative to dir as its Name.
func Units(dir string) []Input {
	var out []Input
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		if path != dir && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if _, err := os.Stat(filepath.Join(path, dataset.UnitFile)); err == nil && path != dir {
			out = append(out, Input{Path: path, Name: rel(dir, path)})
			return filepath.SkipDir
		}
		return nil
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// FillOptions are the options of a batch fill.
type FillOptions struct {
	// Packs is where the units' packs are found.
	Packs pack.Library
	// Out is the folder that receives each unit's workbook, as
	// Out/<unit's Name>.xlsx.
	Out string
	// Password protects the workbooks' sheets and structure.
	Password string
	// Jobs, Protect, Each and Progress are as in Options.
	Jobs     int
	Protect  []string
	Each     func(*File)
	Progress func(Progress)
}

// Fill writes the workbook of each unit folder into opt.Out, checks each
// as verify checks it (the file written, before it takes its path's
// place), and checks the units against each other as Check does. Each
// file of the run is the workbook written (Path), with Name the unit's
// folder; Err is why a unit's dataset could not be read or its workbook
// not written (nothing is written then). Published figures of a dataset
// that differ from their formulas by more than rounding are errors of
// rule RulePublished. Its error is for an output folder that is an input
// or holds one; nothing is written then.
func Fill(ctx context.Context, units []Input, opt FillOptions) (*Run, error) {
	start := time.Now()
	protect := append([]string{opt.Packs.Dir}, opt.Protect...)
	for _, u := range units {
		protect = append(protect, u.Path)
	}
	if err := output.Check(opt.Out, protect...); err != nil {
		return nil, err
	}
	run := &Run{}
	packs := &packCache{packs: map[string]*pack.Pack{}}
	run.Files = parallel(ctx, units, opt.Jobs, start, func(i int) *File { return fillOne(units[i], opt, packs) }, opt.Each, opt.Progress)
	run.Cross = cross(run.Files)
	run.Took = time.Since(start)
	return run, nil
}

// open reads the unit's dataset as dataset.OpenFolder does, with its pack
// loaded once per run.
func (c *packCache) open(dir dataset.Folder, packs pack.Library) (*pack.Pack, *dataset.Dataset, error) {
	u, err := dataset.ReadUnit(dir)
	if err != nil {
		return nil, nil, err
	}
	c.mu.Lock()
	p := c.packs[u.Pack]
	c.mu.Unlock()
	if p == nil {
		entry, ok := packs.Lookup(u.Pack)
		if !ok {
			return nil, nil, msg.Errorf("%s: pack is %q, but there is no such template pack (known: %s)", dir.File(dataset.UnitFile), u.Pack, packs.Known())
		}
		if p, err = entry.Load(); err != nil {
			return nil, nil, err
		}
		c.mu.Lock()
		c.packs[u.Pack] = p
		c.mu.Unlock()
	}
	d, err := dataset.Load(dir, u, p)
	if err != nil {
		return nil, nil, err
	}
	return p, d, nil
}

// fillOne fills one unit's workbook.
func fillOne(u Input, opt FillOptions, packs *packCache) *File {
	path := filepath.Join(opt.Out, filepath.FromSlash(u.Name)+".xlsx")
	f := &File{Input: Input{Path: path, Name: u.Name}}
	if u.Err != nil {
		f.Err = u.Err
		return f
	}
	p, d, err := packs.open(dataset.Dir(u.Path), opt.Packs)
	if err == nil && d.PriorDir() != "" {
		d.Prior, err = dataset.OpenPrior(d, p, d.PriorDir(), opt.Packs)
	}
	if err != nil {
		f.Err = err
		return f
	}
	f.Unit, f.Pack, f.Version, f.PackDir, f.Builtin = d.Unit, p.ID, p.Version, p.Dir, p.Builtin
	inputs := []string{u.Path}
	if !p.Builtin {
		inputs = append(inputs, p.Dir)
	}
	if d.Prior != nil {
		inputs = append(inputs, d.Prior.Data.Dir)
	}
	if err := output.Check(path, inputs...); err != nil {
		f.Err = err
		return f
	}
	book, err := plan.Build(p, d)
	if err != nil {
		f.Err = err
		return f
	}
	if len(book.PriorConflicts) > 0 {
		pc := book.PriorConflicts[0]
		f.Err = msg.Errorf("%s: %s!%s %s: the dataset gives %s, the prior year's dataset %s: correct one of them", u.Path, pc.Sheet, pc.Cell, pc.Label(), plan.Money(pc.Given), plan.Money(pc.Prior))
		return f
	}
	written := &verify.Written{Path: path, Pack: p}
	if err := fill.Write(book, path, fill.Options{Password: opt.Password, Check: written.Check}); err != nil {
		f.Err = err
		return f
	}
	f.Made = verify.Stamp{Pack: p.ID, Version: p.Version, Hash: p.Hash}
	f.Findings = written.Report.Findings
	for _, df := range book.Differences {
		if df.Within {
			continue
		}
		f.Findings = append(f.Findings, finding(verify.Error, RulePublished, df.Sheet, df.Cell, plan.Money(df.Computed), plan.Money(df.Published),
			"%s · %s: the dataset publishes %s, the formula gives %s: a difference of %s, beyond rounding (±%s); the workbook shows the formula's value",
			df.Row, df.Column, plan.Money(df.Published), plan.Money(df.Computed), plan.Money(df.Delta), df.Tolerance.StringFixed(3)))
	}
	return f
}
