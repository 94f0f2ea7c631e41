package msg

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// formatCalls are the functions whose first string argument is a message
// format shown to users: msg.Errorf and msg.T, and the validators' helpers
// that wrap them.
var formatCalls = map[string]bool{"Errorf": true, "T": true, "printf": true, "add": true, "fail": true, "finding": true}

// TestEveryMessageTranslated walks the module's Go files (not tests) and
// checks that every message format passed to msg has a Chinese translation.
func TestEveryMessageTranslated(t *testing.T) {
	var missing []string
	seen := map[string]bool{}
	walkCode(t, func(path string, f *ast.File) {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			name := ""
			switch fn := call.Fun.(type) {
			case *ast.SelectorExpr:
				if x, ok := fn.X.(*ast.Ident); ok && (x.Name == "fmt" || x.Name == "t" || x.Name == "tb") {
					return true // fmt.Errorf and a test's t.Errorf are for developers
				}
				name = fn.Sel.Name
			case *ast.Ident:
				name = fn.Name
			}
			if !formatCalls[name] {
				return true
			}
			args := call.Args
			switch name { // the format's position in the validators' helpers
			case "add":
				args = args[min(2, len(args)):]
			case "fail":
				args = args[min(1, len(args)):]
			case "finding":
				args = args[min(6, len(args)):]
			}
			for _, a := range args {
				lit, ok := a.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					continue
				}
				s, err := strconv.Unquote(lit.Value)
				if err == nil && !seen[s] && !Translated(s) && needsTranslation(s) {
					missing = append(missing, path+": "+strconv.Quote(s))
				}
				seen[s] = true
				break
			}
			return true
		})
	})
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("%d messages have no Chinese translation in msg/zh_*.go (the file of the package that raises it):\n%s", len(missing), strings.Join(missing, "\n"))
	}
}

// TestNoStaleTranslations checks that every entry of the catalog is still
// used: its English text is a string literal somewhere in the module's
// code. (Literals, not only format arguments: command descriptions and
// usage texts reach msg.T through variables.)
func TestNoStaleTranslations(t *testing.T) {
	literals := map[string]bool{}
	walkCode(t, func(_ string, f *ast.File) {
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if s, err := strconv.Unquote(lit.Value); err == nil {
					literals[s] = true
				}
			}
			return true
		})
	})
	var stale []string
	for en := range zh {
		if !literals[en] {
			stale = append(stale, strconv.Quote(en))
		}
	}
	sort.Strings(stale)
	if len(stale) > 0 {
		t.Errorf("%d entries of msg/zh_*.go are used nowhere in the code; delete them:\n%s", len(stale), strings.Join(stale, "\n"))
	}
}

// walkCode parses each Go file of the module that is neither a test nor
// one of the catalogs, and calls fn with it.
func walkCode(t *testing.T, fn func(path string, f *ast.File)) {
	t.Helper()
	root := ".."
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") && path != root) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || isCatalog(path) {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			return err
		}
		fn(path, f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// isCatalog reports whether path is one of the files of msg's Chinese catalog.
func isCatalog(path string) bool {
	dir, name := filepath.Split(path)
	return filepath.Base(dir) == "msg" && strings.HasPrefix(name, "zh") && strings.HasSuffix(name, ".go")
}

// needsTranslation reports whether s has words: pure placement formats
// such as "%s:%d: %v" need none.
func needsTranslation(s string) bool {
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			if !strings.Contains(s, "%") {
				return true
			}
			// strip verbs, then look again
			break
		}
	}
	stripped := s
	for _, v := range []string{"%s", "%d", "%v", "%q", "%g", "%%"} {
		stripped = strings.ReplaceAll(stripped, v, "")
	}
	for _, r := range stripped {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return true
		}
	}
	return false
}

// TestTranslationsKeepVerbs checks that each translation uses the same
// formatting verbs as its English original, so arguments land right.
func TestTranslationsKeepVerbs(t *testing.T) {
	for en, zh := range zh {
		if a, b := verbs(en), verbs(zh); a != b {
			t.Errorf("%q → %q: verbs %s vs %s", en, zh, a, b)
		}
	}
}

func verbs(s string) string {
	var out []string
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+1 < len(s) {
			j := i + 1
			for j < len(s) && strings.IndexByte("+-# 0123456789.[]", s[j]) >= 0 {
				j++
			}
			if j < len(s) {
				v := s[i : j+1]
				if k := strings.IndexByte(v, ']'); k > 0 { // an explicit argument index: %[2]s
					v = "%" + v[k+1:]
				}
				out = append(out, v)
			}
			i = j
		}
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}
