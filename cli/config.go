package cli

import (
	"errors"
	"fmt"
	"io/fs"
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
	// Builtin reports the configuration built into the program, used when
	// there is no config.toml: Dataset is then a folder of the program's
	// own files (a sample), while Templates and Out are in the working folder.
	Builtin bool `toml:"-"`
}

// loadConfig reads the configuration file. A missing default file gives the
// configuration built into the program (builtin's config.toml); a missing
// file named with --config is an error.
func loadConfig(path string, named bool, builtin fs.FS) (Config, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) && !named {
			return builtinConfig(builtin)
		}
		return Config{}, msg.Errorf("%s: cannot read the configuration: %v", path, msg.File(err))
	}
	c, err := parseConfig(path, raw)
	if err != nil {
		return c, err
	}
	dir := filepath.Dir(path)
	for _, p := range []*string{&c.Dataset, &c.Templates, &c.Out} {
		if *p != "" && !filepath.IsAbs(*p) {
			*p = filepath.Join(dir, *p)
		}
	}
	return c, nil
}

// builtinConfig is the config.toml built into the program; without one,
// the defaults (no dataset, templates and out in the working folder).
func builtinConfig(builtin fs.FS) (Config, error) {
	if builtin == nil {
		return Config{Templates: "templates", Out: "out"}, nil
	}
	raw, err := fs.ReadFile(builtin, DefaultConfig)
	if err != nil {
		return Config{}, err
	}
	c, err := parseConfig(DefaultConfig, raw)
	c.Builtin = true
	return c, err
}

// parseConfig decodes the configuration file path, whose content is raw.
func parseConfig(path string, raw []byte) (Config, error) {
	c := Config{Templates: "templates", Out: "out"}
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
	if keys := tomlmsg.Unknown(src, md); len(keys) > 0 {
		return c, msg.Errorf("%s: unknown key %q (known: dataset, templates, out, password, lang)", fmt.Sprintf("%s:%d", path, keys[0].Line), keys[0].Path)
	}
	if c.Lang != "" {
		if _, ok := msg.ParseLang(c.Lang); !ok {
			return c, msg.Errorf("%s: lang is %q: use \"zh\" or \"en\"", path, c.Lang)
		}
	}
	return c, nil
}
