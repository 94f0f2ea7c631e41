package msg

// zh maps each English format string to its Chinese translation. The
// entries live in one file per package that raises them (zh_cli.go,
// zh_verify.go, ...; zh_common.go for text that several packages use), so
// that work on one package touches one catalog. A test (zh_test.go) fails
// when a message in the code has no entry, when an entry is used nowhere,
// and when an entry's formatting verbs differ from its original.
var zh = map[string]string{}

// catalog adds a file's entries to zh; an English text given twice is a
// programming error.
func catalog(entries map[string]string) struct{} {
	for en, text := range entries {
		if _, dup := zh[en]; dup {
			panic("msg: two catalogs translate " + en)
		}
		zh[en] = text
	}
	return struct{}{}
}
