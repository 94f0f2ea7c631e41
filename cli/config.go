package cli

import (
	"errors"
	"os"
	"path/filepath"

	"budgetxl/dataset"
	"budgetxl/internal/tomlmsg"
	"budgetxl/msg"
)

// DefaultConfig is the configuration file read when --config is not given.
const DefaultConfig = "config.toml"

// Config is the content of config.toml, paths made relative to the working folder.
type Config struct {
	Dataset   string `toml:"dataset"`
	Templates string `toml:"templates"`
	Out       string `toml:"out"`
	Password  string `toml:"password"`
	Lang      string `toml:"lang"`
}

// loadConfig reads the configuration file. A missing default file gives the
// defaults; a missing file named with --config is an error.
func loadConfig(path string, named bool) (Config, error) {
	c := Config{Templates: "templates", Out: "out"}
	raw, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) && !named {
			return c, nil
		}
		return c, msg.Errorf("%s: cannot read the configuration: %v", path, msg.File(err))
	}
	src, err := dataset.Decode(raw)
	if err != nil {
		return c, msg.Errorf("%s: neither UTF-8 nor GB18030 text: save it as UTF-8", path)
	}
	md, err := tomlmsg.Decode(src, &c)
	if err != nil {
		e := err.(*tomlmsg.Error)
		if e.Key != "" {
			return c, msg.Errorf("%s:%d: %s: %v", path, e.Line, e.Key, e.Msg)
		}
		return c, msg.Errorf("%s:%d: %v", path, e.Line, e.Msg)
	}
	if keys := md.Undecoded(); len(keys) > 0 {
		return c, msg.Errorf("%s: unknown key %q (known: dataset, templates, out, password, lang)", path, keys[0].String())
	}
	if c.Lang != "" {
		if _, ok := msg.ParseLang(c.Lang); !ok {
			return c, msg.Errorf("%s: lang is %q: use \"zh\" or \"en\"", path, c.Lang)
		}
	}
	dir := filepath.Dir(path)
	for _, p := range []*string{&c.Dataset, &c.Templates, &c.Out} {
		if *p != "" && !filepath.IsAbs(*p) {
			*p = filepath.Join(dir, *p)
		}
	}
	return c, nil
}
