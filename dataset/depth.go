package dataset

import (
	"budgetxl/msg"
	"budgetxl/pack"
)

// checkDepth reports the code rows that hold amounts above the depth their
// table discloses to (the tree's leaf): a 款 with an amount and no 项
// below it, where the published format lists 项. The codes below may come
// from the tables the tree also takes codes from.
func (d *Dataset) checkDepth(p *pack.Pack) []error {
	var errs []error
	for _, t := range p.Tables {
		tree, td := t.Tree(), d.Tables[t.ID]
		if tree == nil || tree.Leaf == 0 || td == nil {
			continue
		}
		codes := td.Codes()
		for _, id := range tree.CodesFrom {
			if other := d.Tables[id]; other != nil {
				codes = append(codes, other.Codes()...)
			}
		}
		for _, r := range td.Rows {
			if !pack.IsDigits(r.Key) || !hasAmount(r) || !tree.Shallow(r.Key, codes) {
				continue
			}
			errs = append(errs, msg.Errorf("%s:%d: %v", td.File, r.Line,
				msg.Errorf("code %s has amounts but no codes below it: table %s discloses amounts to codes of %d digits, so give them on the %d-digit codes under %s",
					r.Key, t.ID, tree.Leaf, tree.Leaf, r.Key)))
		}
	}
	return errs
}

// hasAmount reports whether a row holds an amount other than zero.
func hasAmount(r *Row) bool {
	for _, v := range r.Values {
		if !v.Amount.IsZero() {
			return true
		}
	}
	return false
}
