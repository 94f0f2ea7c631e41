// Package fuzzcheck holds what every fuzz target checks of a parser that
// users feed (CSV, unit.toml, codes files, published text, template packs):
// it answers each input within a time bound, and every error it returns is
// one of the project's messages, rendering in Chinese and English without
// a formatting fault. It also writes the targets' seed corpora from the
// samples, in Go's corpus format (go test ./PKG -run FuzzSeeds -seeds).
//
// Tests import it; the program does not.
package fuzzcheck

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"budgetxl/msg"
)

// Limit is the time a parser may take on one input. The inputs are small
// and the parsers linear, so a parser that needs this long has met an
// input that makes it loop or blow up.
const Limit = 10 * time.Second

// Within runs f and fails t when f has not returned within Limit.
func Within(t testing.TB, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(Limit):
		t.Fatalf("%s: no answer after %s", what, Limit)
	}
}

// Error checks err, which may be nil: each problem it joins must be a
// message that renders itself in Chinese (a msg.Localizer), as must every
// error it quotes; its text must be translated and render without a fmt
// fault ("%!d(string=…)", a missing or an extra argument).
func Error(t testing.TB, err error) {
	t.Helper()
	if err == nil {
		return
	}
	for _, e := range msg.Split(err) {
		checkError(t, e, e)
	}
}

var msgError = reflect.TypeOf(&msg.Error{})

func checkError(t testing.TB, top, e error) {
	t.Helper()
	lz, ok := e.(msg.Localizer)
	if !ok {
		t.Fatalf("%T %q (in %q) does not render in Chinese: wrap it in a msg.Errorf", e, e, top)
	}
	for _, l := range []msg.Lang{msg.ZH, msg.EN} {
		_ = lz.In(l) // must not panic
	}
	m, ok := e.(*msg.Error)
	if !ok {
		// An error type of its own (pack.Error, pack.ExprError, ...): its
		// messages are in its fields.
		v := reflect.ValueOf(e)
		if v.Kind() == reflect.Pointer {
			v = v.Elem()
		}
		if v.Kind() == reflect.Struct {
			for i := range v.NumField() {
				if f := v.Field(i); f.Type() == msgError && !f.IsNil() && f.CanInterface() {
					checkError(t, top, f.Interface().(*msg.Error))
				}
			}
		}
		return
	}
	if needsTranslation(m.Format) && !msg.Translated(m.Format) {
		t.Fatalf("message %q has no Chinese translation", m.Format)
	}
	// A fault shows as %! in the text; the arguments are the user's text,
	// which may hold %! itself, so they are rendered plain for the check.
	plain := make([]any, len(m.Args))
	for i, a := range m.Args {
		switch a := a.(type) {
		case string:
			plain[i] = "text"
		case error:
			checkError(t, top, a)
			plain[i] = errors.New("error")
		default:
			plain[i] = a
		}
	}
	for _, l := range []msg.Lang{msg.ZH, msg.EN} {
		if s := msg.T(l, m.Format, plain...); strings.Contains(s, "%!") {
			t.Fatalf("%s rendering of %q has a formatting fault: %s", l, m.Format, s)
		}
	}
}

// verbRe matches the formatting verbs of a message.
var verbRe = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z%]`)

// needsTranslation reports whether a message format has words, beyond its
// verbs: "%s:%d: %v" needs none.
func needsTranslation(format string) bool {
	for _, r := range verbRe.ReplaceAllString(format, "") {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return true
		}
	}
	return false
}

var writeSeeds = flag.Bool("seeds", false, "write the seed corpora of the fuzz targets into testdata/fuzz")

// Seed is one input of a fuzz target: its file name in the corpus and its
// arguments (string, []byte or byte, as the target takes them).
type Seed struct {
	Name string
	Args []any
}

// Seeds keeps the seed corpus of fuzz target name in testdata/fuzz: with
// -seeds it writes the seeds (and removes the seed-* files that are no
// longer seeds); without, it checks that each seed is there as a corpus
// file of the target's argument types. The samples may have changed since
// (a seed need not be current to be useful); inputs that the fuzzer found
// and saved under other names are left alone.
func Seeds(t *testing.T, name string, seeds []Seed) {
	t.Helper()
	dir := filepath.Join("testdata", "fuzz", name)
	if len(seeds) == 0 {
		t.Fatalf("%s: no seeds", name)
	}
	if *writeSeeds {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		want := map[string]bool{}
		for _, s := range seeds {
			want["seed-"+s.Name] = true
			if err := os.WriteFile(filepath.Join(dir, "seed-"+s.Name), marshal(s.Args), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		old, _ := filepath.Glob(filepath.Join(dir, "seed-*"))
		for _, f := range old {
			if !want[filepath.Base(f)] {
				os.Remove(f)
			}
		}
		return
	}
	for _, s := range seeds {
		file := filepath.Join(dir, "seed-"+s.Name)
		got, err := os.ReadFile(file)
		if err != nil {
			t.Error(fmt.Sprintf("%v: go test -run FuzzSeeds -seeds writes the corpus", err))
			continue
		}
		if types(got) != types(marshal(s.Args)) {
			t.Error(fmt.Sprintf("%s is not a corpus file of (%s)", file, types(marshal(s.Args))))
		}
	}
}

// types is the version line and the argument types of a corpus file.
func types(corpus []byte) string {
	var out []string
	for _, line := range strings.Split(string(corpus), "\n") {
		if typ, _, ok := strings.Cut(line, "("); ok {
			out = append(out, typ)
		} else if line != "" {
			out = append(out, line)
		}
	}
	return strings.Join(out, ", ")
}

// marshal writes a corpus file as Go's fuzzing engine does.
func marshal(args []any) []byte {
	var b bytes.Buffer
	b.WriteString("go test fuzz v1\n")
	for _, a := range args {
		switch a := a.(type) {
		case string:
			fmt.Fprintf(&b, "string(%q)\n", a)
		case []byte:
			fmt.Fprintf(&b, "[]byte(%q)\n", a)
		case byte:
			fmt.Fprintf(&b, "byte(%q)\n", a)
		default:
			panic(fmt.Sprintf("fuzzcheck: seed argument of type %T", a))
		}
	}
	return b.Bytes()
}
