package pack

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"budgetxl/internal/mutate"
	"budgetxl/msg"
)

// TestCatalogCSVFaultInChinese: what the CSV reader finds wrong with a
// catalog line reads in Chinese (it was the csv package's English; found
// by FuzzPack's corpus file catalog-without-sources), and a quoting fault
// does not panic (corpus file catalog-quote-fault).
func TestCatalogCSVFaultInChinese(t *testing.T) {
	for _, tt := range []struct{ old, new, want string }{
		{"code,name,source", "code,name", "$PACK/catalog/function.csv:1：字段个数不对（应为这几列：code,name,source）"},
		{"code,name,source\n", "code,name,source\n2\"01,x,y\n", "$PACK/catalog/function.csv:2：字段中间有一个 \"，但字段不是以 \" 开头：请用 \" 把整个字段括起来，并把其中的 \" 写两遍，如 \"a\"\"b\"（应为这几列：code,name,source）"},
		// A record that fails has no fields to ask the line of (this panicked).
		{"code,name,source\n", "code,name,source\n\"2\"01,x,y\n", "$PACK/catalog/function.csv:2：带引号的字段没有闭合，或闭合的 \" 后面还有文字（应为这几列：code,name,source）"},
	} {
		dir := mutate.Copy(t, realPack, "pack")
		mutate.Edit("catalog/function.csv", tt.old, tt.new)(t, dir)
		_, err := Load(dir)
		if got := strings.ReplaceAll(msg.Render(msg.ZH, err), dir, dirToken); got != tt.want {
			t.Errorf("got\n%s\nwant\n%s", got, tt.want)
		}
	}
}

// TestKeyListNoneInChinese: a list of keys that is empty reads "无" in a
// Chinese message, not the English "none".
func TestKeyListNoneInChinese(t *testing.T) {
	dir := mutate.Copy(t, realPack, "pack")
	mutate.Edit("pack.toml", "[catalogs]\n", "[other]\n")(t, dir)
	_, err := Load(dir)
	got := strings.ReplaceAll(msg.Render(msg.ZH, err), dir, dirToken)
	if want := "$PACK/4-2.toml:37:3: side[0].row[1].tree: 未知的目录 \"function\"：pack.toml 的 [catalogs] 中的目录：无\n"; !strings.Contains(got, want) {
		t.Errorf("got\n%s\nwant a line\n%s", got, want)
	}
}

// TestCatalogSavedByExcel: a catalog re-saved by Excel as CSV UTF-8 (with a
// byte order mark) loads as before; one saved as plain CSV on Chinese
// Windows (GB18030) is refused at the line of its first Chinese text, in
// Chinese, rather than read as garbled names.
func TestCatalogSavedByExcel(t *testing.T) {
	orig, err := os.ReadFile(filepath.Join(realPack, "catalog", "function.csv"))
	if err != nil {
		t.Fatal(err)
	}
	dir := mutate.Copy(t, realPack, "pack")
	file := filepath.Join(dir, "catalog", "function.csv")
	os.WriteFile(file, append([]byte("\xEF\xBB\xBF"), orig...), 0o644)
	if _, err := Load(dir); err != nil {
		t.Errorf("with a byte order mark: %v", msg.Render(msg.ZH, err))
	}
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes(orig)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(file, gb, 0o644)
	_, err = Load(dir)
	got := strings.ReplaceAll(msg.Render(msg.ZH, err), dir, dirToken)
	want := "$PACK/catalog/function.csv:2：文件不是 UTF-8 文字：请另存为 CSV UTF-8（Excel：另存为，文件类型选“CSV UTF-8(逗号分隔)”）"
	if got != want {
		t.Errorf("GB18030: got\n%s\nwant\n%s", got, want)
	}
}
