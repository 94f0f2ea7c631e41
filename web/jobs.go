package web

import (
	"crypto/rand"
	"encoding/hex"
	"sync"
	"time"

	"budgetxl/msg"
)

// job is one review or fill, kept in memory for its pages and downloads.
type job struct {
	id      string
	kind    string // "review" or "fill"
	created time.Time

	mu       sync.Mutex
	files    []File   // review: the workbooks as sent
	results  []Result // review: by file, Name "" until done
	done     int
	finished bool
	fill     *fillResult // fill: what was written
	size     int64       // bytes kept: the files sent, or written
}

// progress is a review's state: files done of total, finished.
func (j *job) progress() (done, total int, finished bool) {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.done, len(j.files), j.finished
}

// snapshot returns the results so far.
func (j *job) snapshot() []Result {
	j.mu.Lock()
	defer j.mu.Unlock()
	return append([]Result(nil), j.results...)
}

// jobs keeps at most max jobs holding at most maxBytes together; a new one
// pushes out the oldest finished ones, and jobs older than jobTTL go.
type jobs struct {
	mu       sync.Mutex
	max      int
	maxBytes int64
	bytes    int64
	byID     map[string]*job
	order    []*job
}

func newJobs(max int, maxBytes int64) *jobs {
	return &jobs{max: max, maxBytes: maxBytes, byID: map[string]*job{}}
}

// add makes a new job of a kind that keeps size bytes; it fails when the
// jobs still running leave no room for it.
func (js *jobs) add(kind string, size int64) (*job, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	j := &job{id: hex.EncodeToString(b), kind: kind, created: time.Now(), size: size}
	js.mu.Lock()
	defer js.mu.Unlock()
	keep := js.order[:0]
	for _, o := range js.order {
		if time.Since(o.created) > jobTTL && o.isFinished() {
			delete(js.byID, o.id)
			js.bytes -= o.size
			continue
		}
		keep = append(keep, o)
	}
	js.order = keep
	for len(js.order) >= js.max || len(js.order) > 0 && js.bytes+size > js.maxBytes {
		i := -1
		for k, o := range js.order {
			if o.isFinished() {
				i = k
				break
			}
		}
		if i < 0 {
			return nil, msg.Errorf("the server is busy with %d reviews: wait until one is done", len(js.order))
		}
		delete(js.byID, js.order[i].id)
		js.bytes -= js.order[i].size
		js.order = append(js.order[:i], js.order[i+1:]...)
	}
	js.byID[j.id] = j
	js.order = append(js.order, j)
	js.bytes += size
	return j, nil
}

func (j *job) isFinished() bool {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.finished
}

// get returns the job id of a kind, or nil.
func (js *jobs) get(id, kind string) *job {
	js.mu.Lock()
	defer js.mu.Unlock()
	if j := js.byID[id]; j != nil && j.kind == kind {
		return j
	}
	return nil
}
