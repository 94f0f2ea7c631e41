package dataset

import (
	"errors"
	"sort"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"budgetxl/internal/tomlmsg"
	"budgetxl/msg"
	"budgetxl/pack"
)

// FactsFile is the optional file of facts the tables do not hold (the
// unit's duties, 政府采购, 国有资产), for the 情况说明. The pack's explain
// file declares which facts there are.
const FactsFile = "explain.toml"

// Fact is one fact of explain.toml as read: text, or a number (an amount in
// the dataset's amount unit, or a count).
type Fact struct {
	Text   string
	Amount decimal.Decimal
	Line   int
}

// readFacts reads a dataset's explain.toml against the pack's facts.
func readFacts(dir Folder, name string, p *pack.Pack, maxDecimals int32) (map[string]Fact, error) {
	file := dir.File(name)
	if p.Explain == nil {
		return nil, msg.Errorf("%s: template pack %s has no 情况说明 templates, so nothing reads this file: remove it or use a pack with explain", file, p.ID)
	}
	data, src, err := readTOMLTable(dir, name)
	if err != nil {
		return nil, err
	}
	keys := make([]string, 0, len(data))
	for k := range data {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var known []string
	for _, f := range p.Explain.Facts {
		known = append(known, f.Key)
	}
	facts := map[string]Fact{}
	var errs []error
	for _, k := range keys {
		line := tomlmsg.KeyLine(src, k)
		at := fileLine(file, line)
		f := p.Explain.Fact(k)
		if f == nil {
			errs = append(errs, msg.Errorf("%s: unknown fact %q (the pack's facts: %s)", at, k, strings.Join(known, ", ")))
			continue
		}
		fact := Fact{Line: line}
		switch v := data[k].(type) {
		case string:
			fact.Text = strings.TrimSpace(v)
		case int64:
			fact.Text = strconv.FormatInt(v, 10)
		default:
			errs = append(errs, msg.Errorf("%s: %s: write the value in quotes, such as %s = \"12.50\"", at, k, k))
			continue
		}
		if fact.Text == "" {
			continue // an empty fact is no fact: the text keeps its slot
		}
		if f.Kind != pack.FactText {
			d, _, err := ParseAmount(fact.Text, maxDecimals)
			if err != nil {
				errs = append(errs, msg.Errorf("%s: %s: %v", at, k, err))
				continue
			}
			if f.Kind == pack.FactNumber && !d.IsInteger() {
				errs = append(errs, msg.Errorf("%s: %s: %q is not a whole number", at, k, fact.Text))
				continue
			}
			fact.Amount = d
		}
		facts[k] = fact
	}
	return facts, errors.Join(errs...)
}
