package pack

import (
	"regexp"
	"strings"
)

// Ordinals of code rows: a tree row's ordinals give, level by level from
// the first, the text written before a subject's name: "{n}、" numbers the
// 类 一、二、三、, "（{n}）" the 款 under each 类 （一）（二）. {n} is the
// row's place among the rows of its level under the same parent, in
// Chinese numerals; "" leaves a level unnumbered.

// ChineseNumeral writes n (1 to 999) in Chinese numerals: 一, 十, 十一, 二十三, 一百零五.
func ChineseNumeral(n int) string {
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	if n <= 0 || n > 999 {
		return ""
	}
	var b strings.Builder
	h, t, u := n/100, n/10%10, n%10
	if h > 0 {
		b.WriteString(digits[h] + "百")
		if t == 0 && u > 0 {
			b.WriteString("零")
		}
	}
	switch {
	case t == 1 && h == 0:
		b.WriteString("十")
	case t > 0:
		b.WriteString(digits[t] + "十")
	}
	if u > 0 {
		b.WriteString(digits[u])
	}
	return b.String()
}

// Ordinal is the text before the name of the n-th (1-based) code row of
// code length length, "" when that level is not numbered.
func (r *Row) Ordinal(length, n int) string {
	for i, l := range r.Levels {
		if l == length && i < len(r.Ordinals) && r.Ordinals[i] != "" {
			return strings.ReplaceAll(r.Ordinals[i], "{n}", ChineseNumeral(n))
		}
	}
	return ""
}

// StripOrdinal takes off the ordinal that a numbered tree writes before a
// name ("一、一般公共服务支出" gives "一般公共服务支出"), by the tolerance
// policy (brackets of either width, spaces). A name without one is
// returned as it is.
func (r *Row) StripOrdinal(name string) string {
	for _, f := range r.Ordinals {
		if f == "" {
			continue
		}
		if loc := ordinalPattern(f).FindStringIndex(name); loc != nil && loc[1] < len(name) {
			return name[loc[1]:]
		}
	}
	return name
}

var ordinalRes = map[string]*regexp.Regexp{}

// ordinalPattern is the regular expression of an ordinal format at the
// start of a name.
func ordinalPattern(f string) *regexp.Regexp {
	patternsMu.Lock()
	defer patternsMu.Unlock()
	if re, ok := ordinalRes[f]; ok {
		return re
	}
	var b strings.Builder
	b.WriteString(`^\s*`)
	before, after, _ := strings.Cut(f, "{n}")
	literal(&b, before)
	b.WriteString(`[一二三四五六七八九十百零]+\s*`)
	literal(&b, after)
	re := regexp.MustCompile(b.String())
	ordinalRes[f] = re
	return re
}
