package cli

import (
	"testing"

	"budgetxl/msg"
)

// TestParseConfig: a configuration file's mistakes point at their line,
// in Chinese.
func TestParseConfig(t *testing.T) {
	cases := []struct {
		name, src, want string
	}{
		{"unknown key", "dataset = \"d\"\n\ntemplate = \"t\"\n", "c.toml:3：未知的设置项 \"template\"（可用：dataset、templates、out、password、lang）"},
		{"unknown table", "dataset = \"d\"\n[extra]\nfoo = 1\n", "c.toml:2：未知的设置项 \"extra\"（可用：dataset、templates、out、password、lang）"},
		{"wrong language", "lang = \"fr\"\n", "c.toml：lang 为 \"fr\"，请写 \"zh\" 或 \"en\""},
	}
	for _, c := range cases {
		_, err := parseConfig("c.toml", []byte(c.src))
		if err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		if got := err.(*msg.Error).In(msg.ZH); got != c.want {
			t.Errorf("%s:\n%s\nwant\n%s", c.name, got, c.want)
		}
	}
}
