package workbook

// Limits bound what Read accepts, so that a hostile or broken file gets a
// clear error in seconds instead of minutes and gigabytes. docs/speed.md
// lists them; the zero value of a field means its default.
type Limits struct {
	// MaxCells is the most cells (with a value, a formula or unlocked) a
	// workbook may hold: 1,500,000 by default (10,000 projects need about
	// 1,200,000), which the reader keeps in about 250 MB. `verify
	// --max-cells` raises it.
	MaxCells int
	// MaxPartBytes is the most bytes one part of the package (a sheet's
	// XML, the shared strings) may inflate to: 64 MiB by default (the
	// part is read into memory; the largest sheet fill writes, 1,000
	// projects or 20,000 codes, is about 10 MiB).
	MaxPartBytes int64
	// MaxTotalBytes is the most bytes all parts read may inflate to
	// together: 512 MiB by default.
	MaxTotalBytes int64
	// FarRow and FarColumn: a cell with content below row FarRow or right
	// of column FarColumn is "far outside" any table this tool writes. It
	// is not read as a cell; Sheet.Far names it, and verify reports it.
	// Defaults: row 200,000 and column 200 (GR).
	FarRow, FarColumn int
}

// Default limits.
const (
	DefaultMaxCells      = 1_500_000
	DefaultMaxPartBytes  = 64 << 20
	DefaultMaxTotalBytes = 512 << 20
	DefaultFarRow        = 200_000
	DefaultFarColumn     = 200
	// MaxTextLength is Excel's limit of characters in one cell; a longer
	// text is an error.
	MaxTextLength = 32767
	// maxFar is how many far cells a sheet names; the rest are counted.
	maxFar = 20
)

func (l Limits) withDefaults() Limits {
	if l.MaxCells <= 0 {
		l.MaxCells = DefaultMaxCells
	}
	if l.MaxPartBytes <= 0 {
		l.MaxPartBytes = DefaultMaxPartBytes
	}
	if l.MaxTotalBytes <= 0 {
		l.MaxTotalBytes = DefaultMaxTotalBytes
	}
	if l.FarRow <= 0 {
		l.FarRow = DefaultFarRow
	}
	if l.FarColumn <= 0 {
		l.FarColumn = DefaultFarColumn
	}
	return l
}
