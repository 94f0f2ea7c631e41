package cli

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"github.com/spf13/pflag"

	"budgetxl/dataset"
	"budgetxl/msg"
	"budgetxl/pack"
)

// packs is the library of template packs a command uses: dir (its
// --templates flag; when empty, templates in the configuration) on disk,
// then the packs built into the program. A folder named with --templates
// must exist and hold packs; the configuration's may be absent.
func (e *env) packs(dir string) (pack.Library, error) {
	l := pack.Library{Dir: dir, Builtin: e.builtinDir("templates"), BuiltinName: e.builtinName()}
	if dir != "" {
		if _, err := pack.Dirs(dir); err != nil {
			return l, err
		}
		return l, nil
	}
	l.Dir = e.config.Templates
	if _, err := os.Stat(l.Dir); err != nil {
		l.Dir = ""
	}
	return l, nil
}

// builtinDir is the folder dir of the files built into the program, or nil.
func (e *env) builtinDir(dir string) fs.FS {
	if e.builtin == nil {
		return nil
	}
	sub, err := fs.Sub(e.builtin, dir)
	if err != nil {
		return nil
	}
	return sub
}

// builtinName is how messages name the folder of files built into the
// program: a built-in pack's file reads "（内置）cq-2025/4-2.toml".
func (e *env) builtinName() string { return msg.T(e.lang, "(built-in) ") }

// packName names a pack and where it was read from, for the output.
func (e *env) packName(p *pack.Pack) string { return e.packWhere(p.Lineage(), p.Builtin, p.Dir) }

// packWhere names a pack by its lineage (its id and version, and those of
// the packs it is made from) and where it was read from.
func (e *env) packWhere(lineage string, builtin bool, dir string) string {
	if builtin {
		return msg.T(e.lang, "%s (built-in)", lineage)
	}
	return msg.T(e.lang, "%s (%s)", lineage, dir)
}

// datasetIn is the dataset folder a command reads.
type datasetIn struct {
	dataset.Folder
	name string // the folder's name, for the output's file name
	disk string // its path on disk; "" for a sample built into the program
}

// datasetArg is the dataset folder of a command: its one argument, else
// dataset in the configuration, which is a sample built into the program
// when there is no config.toml.
func (e *env) datasetArg(cmd string, args []string) (datasetIn, error) {
	onDisk := func(dir string) (datasetIn, error) {
		if st, err := os.Stat(dir); err == nil && !st.IsDir() {
			return datasetIn{}, msg.Errorf("%s is a file, not a dataset folder: give the folder that holds unit.toml and the tables' files (%s?)", dir, filepath.Dir(dir))
		}
		return datasetIn{dataset.Dir(dir), baseName(dir), dir}, nil
	}
	switch {
	case len(args) == 1:
		return onDisk(args[0])
	case len(args) > 1:
		return datasetIn{}, msg.Errorf("%s takes one dataset folder, got %d arguments (put a folder name with spaces in double quotes: \"我的 单位\")", cmd, len(args))
	case e.config.Dataset == "":
		return datasetIn{}, msg.Errorf("no dataset folder: give one (budgetxl %s DATASET_DIR; budgetxl sample writes an example, samples/demo-2025) or set dataset in %s", cmd, e.configPath)
	case e.config.Builtin:
		name := path.Base(e.config.Dataset)
		sub := e.builtinDir(e.config.Dataset)
		if sub == nil {
			return datasetIn{}, msg.Errorf("%s: no such dataset folder", e.builtinName()+name)
		}
		return datasetIn{Folder: dataset.Folder{FS: sub, Path: e.builtinName() + name}, name: name}, nil
	}
	return onDisk(e.config.Dataset)
}

// baseName is the name of the folder at path on disk.
func baseName(path string) string { return filepath.Base(filepath.Clean(path)) }

// packsBuiltin is the library of the packs built into the program alone.
func (e *env) packsBuiltin() pack.Library {
	return pack.Library{Builtin: e.builtinDir("templates"), BuiltinName: e.builtinName()}
}

// packDir is the folder of a pack on disk, "" for a built-in pack.
func packDir(p *pack.Pack) string {
	if p.Builtin {
		return ""
	}
	return p.Dir
}

// encodingFlag adds --encoding to a command that writes a dataset.
func (e *env) encodingFlag(fs *pflag.FlagSet) *string {
	s := fs.String("encoding", string(dataset.UTF8), msg.T(e.lang, "encoding of the CSV files written: utf-8 (with a BOM, so that Excel reads it) or gb18030"))
	valueName(fs, "encoding", "utf-8|gb18030")
	return s
}

// parseEncoding reads the value of --encoding.
func parseEncoding(s string) (dataset.Encoding, error) {
	enc, ok := dataset.ParseEncoding(s)
	if !ok {
		return "", msg.Errorf("--encoding is %q: use utf-8 or gb18030", s)
	}
	return enc, nil
}
