package verify_test

import "testing"

// TestRewritten: a formula written in another form that adds up the same
// cells is a note; one whose value can differ is an error.
func TestRewritten(t *testing.T) {
	demo := filled(t, "demo-2025", false)
	const s42 = "xl/worksheets/sheet2.xml"
	cases := []alteration{
		{"SUM written as a chain of +", s42, `<f>SUM(D6,D14,D17)</f>`, `<f>D6+D14+D17</f>`,
			"note formula.rewritten 附件4-2!D5\n"},
		{"a range written as + and SUM", s42, `<f>SUM(D8:D10)</f>`, `<f>D8+SUM(D9,D10)</f>`,
			"note formula.rewritten 附件4-2!D7\n"},
		{"terms reordered", s42, `<f>D8+E8</f>`, `<f>E8+D8</f>`,
			"note formula.rewritten 附件4-2!C8\n"},
		{"absolute references", s42, `<f>D8+E8</f>`, `<f>$D$8+$E$8</f>`,
			"note formula.rewritten 附件4-2!C8\n"},
		{"own sheet named", s42, `<f>D8+E8</f>`, `<f>'附件4-2'!D8+E8</f>`,
			"note formula.rewritten 附件4-2!C8\n"},
		{"spelling only", s42, `<f>SUM(D8:D10)</f>`, `<f>sum( d8:d10 )</f>`,
			""},
		{"a term dropped", s42, `<f>SUM(D8:D10)</f>`, `<f>D8+D9</f>`,
			"error formula.changed 附件4-2!D7\n"},
		{"not a plain sum", s42, `<f>SUM(D8:D10)</f>`, `<f>SUM(D8:D10)*1</f>`,
			"error formula.changed 附件4-2!D7\n"},
	}
	runAlterations(t, demo, cases)
}
