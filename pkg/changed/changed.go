// Package changed is the model of `plandiff changed`: the plan files that
// differ between a git revision (the base) and the working tree, each checked
// as validate checks it and compared with its version at the base.
//
// The package is pure: internal/source loads a Report (it runs git and reads
// the working tree), Compare diffs it, and pkg/render writes it as text,
// Markdown or the "plandiff/changed/v1" JSON envelope (docs/formats.md §6).
package changed

import (
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/pkg/plan"
)

// Schema names the JSON envelope of a Report.
const Schema = "plandiff/changed/v1"

// Change statuses of a file, as git reports them.
const (
	StatusModified = "modified"
	StatusAdded    = "added"
	StatusDeleted  = "deleted"
	StatusRenamed  = "renamed"
)

// Base is the revision a working tree is compared with.
type Base struct {
	// Rev is the revision as given, or the default branch.
	Rev string
	// Commit is the full hash of the commit compared with.
	Commit string
	// MergeBase is set when Commit is the merge base of HEAD and Rev rather
	// than Rev itself.
	MergeBase bool
}

// Label names the base in output: Rev when the comparison is with Rev
// itself, else the merge base's abbreviated hash.
func (b Base) Label() string {
	if b.MergeBase {
		return shortHash(b.Commit)
	}
	return b.Rev
}

// Since describes the base for headings: "the merge base of HEAD and main
// (0123456789ab)" or "HEAD~1 (0123456789ab)".
func (b Base) Since() string {
	if b.MergeBase {
		return fmt.Sprintf("the merge base of HEAD and %s (%s)", b.Rev, b.Label())
	}
	return fmt.Sprintf("%s (%s)", b.Rev, shortHash(b.Commit))
}

func shortHash(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

// FileChange is one file that differs between a commit and the working tree.
// Paths are relative to the top of the working tree, with '/' separators.
type FileChange struct {
	Status  string
	Path    string // the path now; for a deleted file, the path it had
	OldPath string // the path at the commit; equal to Path unless renamed
}

// Scope says whether a changed file is a plan file of the corpus that
// changed checks, and as what: a file renamed out of the corpus (or to a name
// that is not a plan file's) is gone from it, so it is reported deleted
// under its old path. plansDir is the corpus directory, or "" when any
// directory may hold plan files.
func Scope(c FileChange, plansDir string) (FileChange, bool) {
	inScope := func(p string) bool {
		return p != "" && plan.IsPlanFileName(p) && (plansDir == "" || path.Dir(p) == plansDir)
	}
	switch {
	case c.Status == StatusRenamed && !inScope(c.Path) && inScope(c.OldPath):
		return FileChange{Status: StatusDeleted, Path: c.OldPath, OldPath: c.OldPath}, true
	case !inScope(c.Path):
		return c, false
	}
	return c, true
}

// File is one plan file that changed since the base.
type File struct {
	FileChange
	Problems plan.ErrorList // of the file as it is now, links included
	Old      *plan.Plan     // at the base; nil when added, or when it does not load there
	New      *plan.Plan     // now; nil when deleted or invalid
	Note     string         // said about the file, such as why it is shown whole
	Result   *diff.Result   // set by Compare; nil when deleted or invalid
}

// Valid reports whether the file passes validation.
func (f *File) Valid() bool { return len(f.Problems) == 0 }

// Differs reports a change that --exit-code counts: a file added, deleted or
// renamed, one that fails validation, or clauses that changed.
func (f *File) Differs() bool {
	if f.Status != StatusModified || f.Result == nil {
		return true
	}
	return f.Result.HasChanges()
}

// StatusText says what happened to the file: "modified", "renamed from X"...
func (f *File) StatusText() string {
	if f.Status == StatusRenamed {
		return "renamed from " + f.OldPath
	}
	return f.Status
}

// DeletedText describes a deleted file's last version.
func (f *File) DeletedText() string {
	if f.Old == nil {
		return "deleted"
	}
	n := f.Old.Count()
	return fmt.Sprintf("deleted; it held version %s (%d %s)", f.Old.Version.ID, n, Plural(n, "clause", "clauses"))
}

// Report is every plan file that changed since the base, sorted by path.
type Report struct {
	Base  Base
	Files []*File
}

// Invalid counts the files that fail validation.
func (r *Report) Invalid() int {
	n := 0
	for _, f := range r.Files {
		if !f.Valid() {
			n++
		}
	}
	return n
}

// Differs reports whether any file differs (see File.Differs).
func (r *Report) Differs() bool {
	for _, f := range r.Files {
		if f.Differs() {
			return true
		}
	}
	return false
}

// Compare diffs every file that exists now and is valid with its version at
// the base; an added file (or one whose base version does not load) is
// compared with an empty version, so every clause shows as added.
func (r *Report) Compare(ctx context.Context, opts diff.Options) error {
	for _, f := range r.Files {
		if f.New == nil || !f.Valid() {
			continue
		}
		old := f.Old
		if old == nil {
			old = absentPlan(r.Base)
		}
		res, err := diff.Compare(ctx, old, f.New, opts)
		if err != nil {
			return err
		}
		f.Result = res
	}
	return nil
}

// absentPlan stands for the version of an added file at the base: no clauses.
func absentPlan(base Base) *plan.Plan {
	return &plan.Plan{
		Format:  plan.FormatVersion,
		Version: plan.Version{Title: "(no version at " + base.Label() + ")", Completeness: plan.CompletenessFull},
	}
}

// ClauseCounts summarises a diff in a phrase: "1 modified, 2 added", or "no
// clause changes".
func ClauseCounts(res *diff.Result) string {
	var parts []string
	for _, c := range res.Summary.Counts() {
		if c.Kind != diff.KindUnchanged && c.Count > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", c.Count, c.Label))
		}
	}
	if len(parts) == 0 {
		return "no clause changes"
	}
	return strings.Join(parts, ", ")
}

// Plural picks one or many by n.
func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
