package memo

import (
	"strconv"
	"testing"
)

// TestCache: a text is made once while there is room, and every time
// once Max texts are kept.
func TestCache(t *testing.T) {
	c := Cache[int]{Max: 2}
	made := 0
	get := func(key string) int { return c.Get(key, func() int { made++; return len(key) }) }
	for range 3 {
		for i := range 2 {
			if got := get(strconv.Itoa(i * 10)); got != len(strconv.Itoa(i*10)) {
				t.Fatalf("got %d", got)
			}
		}
	}
	if made != 2 {
		t.Errorf("made %d times, want 2", made)
	}
	get("third")
	get("third")
	if made != 4 {
		t.Errorf("beyond Max: made %d times, want 4 (not kept)", made)
	}
}
