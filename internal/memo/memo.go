// Package memo remembers what is worked out from a template's text (its
// fields, its split pattern), shared by all the goroutines of a run: a
// pack's templates are few and read for every record. At most a fixed
// number of texts are kept, so that no input makes it grow without end.
package memo

import (
	"sync"
	"sync/atomic"
)

// Cache maps a text to what was made of it, for up to Max texts (beyond,
// make runs every time).
type Cache[V any] struct {
	Max int64
	m   sync.Map
	n   atomic.Int64
}

// Get returns what make made of key, making it the first time.
func (c *Cache[V]) Get(key string, make func() V) V {
	if v, ok := c.m.Load(key); ok {
		return v.(V)
	}
	v := make()
	if c.n.Load() < c.Max {
		if _, loaded := c.m.LoadOrStore(key, v); !loaded {
			c.n.Add(1)
		}
	}
	return v
}
