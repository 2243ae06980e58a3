package source

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"

	"github.com/plandiff/plandiff/pkg/changed"
	"github.com/plandiff/plandiff/pkg/plan"
)

// LoadChanged finds the plan files of the working tree at dir that differ
// from the base revision (see Git.ResolveBase for baseRev), reads both sides
// of each, validates the new side and checks its links against its corpus as
// it is now. plansDir is the corpus directory relative to the top of the
// working tree, '/'-separated, or "" to take any YAML file with a top-level
// plandiff: key as a plan file, with the plan files of its directory as its
// corpus. The files are sorted by path; nothing is compared yet (see
// changed.Report.Compare). opts are the loader's options.
func LoadChanged(ctx context.Context, git Git, baseRev, plansDir string, opts plan.Options) (*changed.Report, error) {
	top, err := git.Toplevel(ctx)
	if err != nil {
		return nil, err
	}
	git.Dir = top
	base, err := git.ResolveBase(ctx, baseRev)
	if err != nil {
		return nil, err
	}
	changes, err := git.ChangedFiles(ctx, base.Commit)
	if err != nil {
		return nil, err
	}
	// The files are a pull request's: read none through a link out of the
	// working tree.
	git.MaxBytes = opts.MaxBytes
	r := &Resolver{WorkDir: top, Root: top, Corpus: Corpus{Opts: opts}}
	rep := &changed.Report{Base: base}
	for _, c := range changes {
		f, err := loadChanged(ctx, git, r, base, c, plansDir)
		if err != nil {
			return nil, err
		}
		if f != nil {
			rep.Files = append(rep.Files, f)
		}
	}
	sort.SliceStable(rep.Files, func(i, j int) bool { return rep.Files[i].Path < rep.Files[j].Path })
	if err := checkLinks(ctx, r, plansDir, rep.Files); err != nil {
		return nil, err
	}
	return rep, nil
}

// loadChanged reads both sides of a change and validates the new one. It
// returns nil for a file that is not a plan file.
func loadChanged(ctx context.Context, git Git, r *Resolver, base changed.Base, c changed.FileChange, plansDir string) (*changed.File, error) {
	c, ok := changed.Scope(c, plansDir)
	if !ok {
		return nil, nil
	}
	var newData, oldData []byte
	tooBig := false
	if c.Status != changed.StatusDeleted {
		data, err := r.ReadFile(c.Path)
		var list plan.ErrorList
		switch {
		case errors.As(err, &list):
			tooBig = true // over the size limit: validation says so
		case err != nil:
			return nil, err
		}
		newData = data
	}
	if c.Status != changed.StatusAdded {
		data, err := git.Show(ctx, base.Commit, c.OldPath)
		if err != nil {
			return nil, err
		}
		oldData = data
	}
	if plansDir == "" && !tooBig && !plan.LooksLikePlan(newData) && !plan.LooksLikePlan(oldData) {
		return nil, nil
	}

	f := &changed.File{FileChange: c}
	if c.Status != changed.StatusDeleted {
		p, err := r.PlanFile(ctx, c.Path, c.Path, path.Dir(c.Path))
		var list plan.ErrorList
		switch {
		case errors.As(err, &list):
			f.Problems = list
		case err != nil:
			return nil, err
		default:
			f.New = p
		}
	}
	if c.Status != changed.StatusAdded {
		p, err := r.Plan(ctx, base.Commit+":"+c.OldPath)
		var list plan.ErrorList
		switch {
		case errors.As(err, &list):
			if c.Status != changed.StatusDeleted {
				f.Note = fmt.Sprintf("the version at %s does not load (%d %s), so every clause is shown as added",
					base.Label(), len(list), changed.Plural(len(list), "problem", "problems"))
			}
		case err != nil:
			return nil, err
		default:
			p.Name = base.Label() + ":" + c.OldPath
			f.Old = p
		}
	}
	return f, nil
}

// checkLinks checks the links of each changed file against the other plan
// files of its corpus as they are now: plansDir, or the file's directory.
// Every version a changed file links to must be there, unless some file of
// the corpus does not load (its version id is then unknown).
func checkLinks(ctx context.Context, r *Resolver, plansDir string, files []*changed.File) error {
	groups := make(map[string][]*changed.File)
	for _, f := range files {
		if f.Status == changed.StatusDeleted {
			continue
		}
		dir := plansDir
		if dir == "" {
			dir = path.Dir(f.Path)
		}
		groups[dir] = append(groups[dir], f)
	}
	dirs := make([]string, 0, len(groups))
	for d := range groups {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	for _, dir := range dirs {
		group := groups[dir]
		byName := make(map[string]*changed.File, len(group))
		for _, f := range group {
			byName[f.Path] = f
		}
		entries, err := os.ReadDir(filepath.Join(r.WorkDir, filepath.FromSlash(dir)))
		if err != nil {
			return &InputError{Err: err}
		}
		complete := true
		var set []*plan.Plan
		for _, ent := range entries {
			name := path.Join(dir, ent.Name())
			if ent.IsDir() || !plan.IsPlanFileName(name) || byName[name] != nil {
				continue
			}
			if plansDir == "" {
				data, err := r.ReadFile(name)
				if err == nil && !plan.LooksLikePlan(data) {
					continue
				}
			}
			p, err := r.PlanFile(ctx, name, name, dir)
			if err != nil {
				complete = false
				continue
			}
			set = append(set, p)
		}
		// The changed files go last, so that a version id they share with an
		// unchanged file is reported on them.
		for _, f := range group {
			if f.New == nil {
				complete = false
			} else {
				set = append(set, f.New)
			}
		}
		for _, pe := range plan.CheckRefs(set, complete) {
			if f := byName[pe.Pos.File]; f != nil {
				f.Problems = append(f.Problems, pe)
			}
		}
		for _, f := range group {
			f.Problems.Sort()
		}
	}
	return nil
}
