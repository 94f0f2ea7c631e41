package pdftext

// Limits of the text that import reads (dataset.ReadPath and
// dataset.CheckLines apply them before Parse). The text of one unit's
// published PDF is far below them: the qijiang unit's 48 projects make
// 1,128 lines and 62 KB, about 18 lines a project, so 10,000 projects
// make 180,000 lines. Parse costs about 8 µs and 0.8 KB a line (a line it
// cannot place is kept to be listed), so MaxLines bounds it to a few
// seconds and about 250 MB whatever the text.
const (
	// MaxTextBytes is the largest text file read.
	MaxTextBytes = 32 << 20
	// MaxLineBytes is the longest line: a row of a printed table (the
	// longest of the qijiang text is 1.2 KB).
	MaxLineBytes = 64 << 10
	// MaxLines is the most lines of the text.
	MaxLines = 300_000
)
