package fill

import (
	"github.com/xuri/excelize/v2"

	"budgetxl/plan"
)

// Fonts of the published tables: the plan measures text in them.
const (
	fontBody  = plan.FontBody
	fontTitle = plan.FontTitle
)

// EntryColor shades the cells a clerk types into on a form.
const EntryColor = "FFF2CC"

// styles maps plan styles to workbook style ids.
type styles struct {
	id      map[plan.Style]int
	defs    map[plan.Style]*excelize.Style
	entries map[plan.Style]int // unlocked, shaded variants, made when first needed
}

// entry returns the id of the unlocked, shaded variant of style s.
func (st *styles) entry(f *excelize.File, s plan.Style) (int, error) {
	if id, ok := st.entries[s]; ok {
		return id, nil
	}
	def := *st.defs[s]
	def.Protection = &excelize.Protection{Locked: false}
	def.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{EntryColor}}
	id, err := f.NewStyle(&def)
	if err != nil {
		return 0, err
	}
	st.entries[s] = id
	return id, nil
}

func newStyles(f *excelize.File) (*styles, error) {
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1},
		{Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1},
		{Type: "bottom", Color: "000000", Style: 1},
	}
	body := func(bold bool) *excelize.Font {
		return &excelize.Font{Family: fontBody, Size: plan.SizeBody, Bold: bold}
	}
	locked := &excelize.Protection{Locked: true}
	numFmt := NumFmt
	defs := map[plan.Style]*excelize.Style{
		plan.StyleTitle: {Font: &excelize.Font{Family: fontTitle, Size: plan.SizeTitle, Bold: true},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}, Protection: locked},
		plan.StyleUnits:     {Font: body(false), Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}, Protection: locked},
		plan.StyleUnitsLeft: {Font: body(false), Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center"}, Protection: locked},
		plan.StyleHeader: {Font: &excelize.Font{Family: fontTitle, Size: plan.SizeBody}, Border: border,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}, Protection: locked},
		plan.StyleCode: {Font: body(false), Border: border, NumFmt: 49, // text: codes stay text
			Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center"}, Protection: locked},
		plan.StyleName: {Font: body(false), Border: border,
			Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}, Protection: locked},
		plan.StyleLabel: {Font: body(false), Border: border,
			Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}, Protection: locked},
		plan.StyleAmount: {Font: body(false), Border: border, CustomNumFmt: &numFmt,
			Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}, Protection: locked},
		plan.StyleNote: {Font: body(false), Border: border,
			Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}, Protection: locked},
		plan.StyleNumber: {Font: body(false), Border: border, NumFmt: 0,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}, Protection: locked},
	}
	s := &styles{id: map[plan.Style]int{}, defs: defs, entries: map[plan.Style]int{}}
	for k := plan.StyleTitle; k <= plan.StyleUnitsLeft; k++ { // in order, for stable style ids
		id, err := f.NewStyle(defs[k])
		if err != nil {
			return nil, err
		}
		s.id[k] = id
	}
	return s, nil
}
