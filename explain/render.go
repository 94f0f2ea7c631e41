package explain

import (
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"budgetxl/pack"
)

// sentence writes a template for item it (nil outside a list).
func (dr *drafter) sentence(s *pack.Sentence, it *item) []Seg {
	if s == nil {
		return nil
	}
	var out []Seg
	lit := func(text string) {
		if text == "" {
			return
		}
		if n := len(out); n > 0 && out[n-1].Kind == Lit {
			out[n-1].Text += text
			return
		}
		out = append(out, Seg{Kind: Lit, Text: text})
	}
	for _, p := range s.Parts {
		switch {
		case p.Text != "":
			lit(p.Text)
		case !p.Verb && p.Name == "n" && it != nil:
			out = append(out, Seg{Kind: Ordinal, Text: strconv.Itoa(it.n)})
		case !p.Verb:
			lit(dr.plain(p.Name, it))
		case p.Name == pack.VerbList:
			l := dr.e.List(p.Ref.Column)
			items := dr.items(l, l.ItemText)
			if len(items) == 0 {
				lit(dr.names(l.Empty, nil))
			}
			for i, li := range items {
				if i > 0 {
					lit(l.Sep)
				}
				for _, seg := range dr.sentence(l.ItemText, li) {
					if seg.Kind == Lit {
						lit(seg.Text)
					} else {
						out = append(out, seg)
					}
				}
			}
		default:
			for _, seg := range dr.placeholder(p, it) {
				if seg.Kind == Lit {
					lit(seg.Text)
				} else {
					out = append(out, seg)
				}
			}
		}
	}
	return out
}

// placeholder writes one placeholder with a verb.
func (dr *drafter) placeholder(p pack.Part, it *item) []Seg {
	count := p.Name == pack.VerbCount
	cur := dr.read(p.Ref, it, dr.cur(), count)
	switch p.Name {
	case pack.VerbText:
		switch {
		case cur.missing != nil:
			return []Seg{{Kind: Free, Text: dr.slot(cur.missing), What: cur.what}}
		case !cur.known:
			return []Seg{{Kind: Free, What: cur.what}}
		}
		return []Seg{{Kind: Free, Text: cur.text, Known: true, What: cur.what}}
	case pack.VerbAmount, pack.VerbCount:
		return []Seg{dr.figure(cur, count)}
	case pack.VerbShare:
		of := dr.read(*it.list.ShareOfRef, nil, dr.cur(), false)
		share := decimal.Zero
		var alt []decimal.Decimal
		if !of.v.IsZero() {
			share = cur.v.Mul(hundred).DivRound(of.v, 12)
			if r := of.v.Mul(dr.toText).Round(dr.ad); !r.IsZero() {
				alt = append(alt, cur.v.Mul(dr.toText).Round(dr.ad).Mul(hundred).DivRound(r, 12))
			}
		}
		return []Seg{{Kind: Figure, Text: dr.rate(share), Value: share, Alt: alt, Known: true, Percent: true, What: cur.what + " · " + shareLabel}}
	}
	prior := dr.read(p.Ref, it, dr.prior(), false)
	d := dr.delta(cur, prior)
	switch p.Name {
	case pack.VerbPrior:
		if !prior.known || prior.missing != nil {
			return []Seg{{Kind: Figure, Text: dr.noPrior(), What: prior.what}}
		}
		return []Seg{dr.figure(prior, false)}
	case pack.VerbDiff:
		if !d.Known {
			return []Seg{{Kind: Figure, Text: dr.noPrior(), What: d.What}}
		}
		return []Seg{{Kind: Figure, Text: dr.amount(d.Diff), Value: d.Diff, Alt: d.DiffAlt, Known: true, What: d.What}}
	case pack.VerbRate:
		switch {
		case !d.Known:
			return []Seg{{Kind: Figure, Text: dr.noPrior(), What: d.What}}
		case !d.RateKnown:
			return []Seg{{Kind: Lit, Text: dr.e.Change.NoRate}}
		}
		return []Seg{{Kind: Figure, Text: dr.rate(d.Rate), Value: d.Rate, Alt: d.RateAlt, Known: true, Percent: true, What: d.What}}
	}
	return []Seg{{Kind: Change, Text: dr.changeText(d), Change: d, What: d.What}}
}

// figure is an amount (in the text's unit) or a count.
func (dr *drafter) figure(v value, count bool) Seg {
	switch {
	case v.missing != nil:
		return Seg{Kind: Free, Text: dr.slot(v.missing), What: v.what}
	case !v.known:
		return Seg{Kind: Figure, What: v.what}
	case count:
		return Seg{Kind: Figure, Text: v.v.String(), Value: v.v, Known: true, What: v.what}
	}
	x := v.v.Mul(dr.toText)
	return Seg{Kind: Figure, Text: dr.amount(x), Value: x, Known: true, What: v.what}
}

// changeText writes a change phrase, with the why and its reason slot when
// the change needs its reason.
func (dr *drafter) changeText(d *Delta) string {
	w := dr.e.Change
	var s *pack.Sentence
	switch {
	case !d.Known:
		s = w.UnknownText
	case d.Dir == DirUp:
		s = w.UpText
	case d.Dir == DirDown:
		s = w.DownText
	case d.Dir == DirNew:
		s = w.NewText
	default:
		s = w.SameText
	}
	text := dr.phrase(s, d.Diff.Abs(), d.Rate.Abs(), "")
	if d.Known && d.NeedsReason {
		text += dr.phrase(w.WhyText, decimal.Zero, decimal.Zero, dr.e.Reason)
	}
	return text
}

// phrase writes a change phrase's placeholders.
func (dr *drafter) phrase(s *pack.Sentence, diff, rate decimal.Decimal, reason string) string {
	var b strings.Builder
	for _, p := range s.Parts {
		switch {
		case p.Text != "":
			b.WriteString(p.Text)
		case p.Name == "diff":
			b.WriteString(dr.amount(diff))
		case p.Name == "rate":
			b.WriteString(dr.rate(rate))
		case p.Name == "reason":
			b.WriteString(reason)
		default:
			b.WriteString(dr.plain(p.Name, nil))
		}
	}
	return b.String()
}

// slot is the text left for a missing fact.
func (dr *drafter) slot(f *pack.Fact) string {
	return strings.ReplaceAll(dr.e.Missing, "{label}", f.Label)
}

// noPrior is the text of a prior year's figure that is not known.
func (dr *drafter) noPrior() string {
	return dr.phrase(dr.e.Change.NoPriorText, decimal.Zero, decimal.Zero, "")
}

// amount writes an amount (in the text's unit) rounded half up to the
// pack's decimals, with thousands separators when the pack wants them.
func (dr *drafter) amount(v decimal.Decimal) string {
	s := v.Round(dr.ad).StringFixed(dr.ad)
	if !dr.e.Thousands {
		return s
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(whole[i])
	}
	if hasFrac {
		b.WriteString("." + frac)
	}
	return b.String()
}

// rate writes a rate or share rounded half up to the pack's decimals.
func (dr *drafter) rate(v decimal.Decimal) string { return v.Round(dr.rd).StringFixed(dr.rd) }
