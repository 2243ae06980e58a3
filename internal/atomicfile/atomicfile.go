// Package atomicfile writes output files so that readers see either the old
// file or the complete new one, never a half-written file: the content goes
// to a temporary file in the same directory, which is synced and renamed over
// the target only when writing succeeded.
//
// A run that is killed (SIGKILL, a power cut) leaves its temporary file
// behind: .NAME.tmp-PID-RANDOM beside NAME, PID being the writer's process
// id. The next Write of NAME removes those whose writer is no longer running
// and that have not changed for a minute.
package atomicfile

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// ErrExists is returned by Write with noClobber when the target exists.
var ErrExists = errors.New("file exists")

// Write creates or replaces path with what fill writes. If fill or any step
// fails, the temporary file is removed and path is left as it was. With
// noClobber, an existing path is an error (wrapping ErrExists) and is not
// replaced. New files get mode 0644; a replaced file keeps its mode. When
// ctx is done before the file is in place, nothing is written and the error
// wraps ctx.Err(); fill should stop early by checking ctx itself.
func Write(ctx context.Context, path string, noClobber bool, fill func(w io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	mode := fs.FileMode(0o644)
	if st, statErr := os.Stat(path); statErr == nil {
		if noClobber {
			return fmt.Errorf("%s: %w (use --force to overwrite)", path, ErrExists)
		}
		if !st.Mode().IsRegular() {
			return fmt.Errorf("%s is not a regular file", path)
		}
		mode = st.Mode().Perm()
	}
	removeStale(dir, filepath.Base(path))
	tmp, err := os.CreateTemp(dir, tempPrefix(filepath.Base(path), os.Getpid()))
	if err != nil {
		return fmt.Errorf("write %s: %w", path, bare(err))
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
			// The temporary file is gone: an error naming it would
			// send the reader looking for a file that never was theirs.
			err = renamed(err, tmp.Name(), path)
		}
	}()
	bw := bufio.NewWriterSize(tmp, 64<<10)
	if err = fill(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Chmod(mode); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = ctx.Err(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if noClobber {
		// Link fails if path appeared meanwhile, so nothing is clobbered.
		if err = os.Link(tmp.Name(), path); err != nil {
			if errors.Is(err, fs.ErrExist) {
				err = fmt.Errorf("%s: %w (use --force to overwrite)", path, ErrExists)
			} else {
				err = fmt.Errorf("write %s: %w", path, err)
			}
			return err
		}
		os.Remove(tmp.Name())
		return nil
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, bare(err))
	}
	return nil
}

// bare strips the file names from an *fs.PathError or *os.LinkError,
// keeping the reason (no such file or directory, permission denied...).
func bare(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// renamed is err with the temporary file's name, wherever it appears in
// the message, replaced by the path the caller asked for. Only the text
// changes; errors.Is and errors.As still see the original chain.
func renamed(err error, tmp, path string) error {
	if err == nil || !strings.Contains(err.Error(), tmp) {
		return err
	}
	return &renamedError{msg: strings.ReplaceAll(err.Error(), tmp, path), err: err}
}

type renamedError struct {
	msg string
	err error
}

func (e *renamedError) Error() string { return e.msg }
func (e *renamedError) Unwrap() error { return e.err }

// tempPrefix is the start of the name of a temporary file for base written
// by process pid (os.CreateTemp appends random digits).
func tempPrefix(base string, pid int) string {
	return "." + base + ".tmp-" + strconv.Itoa(pid) + "-"
}

// staleAge is how long a temporary file must have been left unchanged
// before it is taken for stale: a file another machine (sharing the
// directory) is still writing changes all the time.
const staleAge = time.Minute

// removeStale removes the temporary files of base in dir that earlier
// Writes left behind: their writer's process is gone and they have not
// changed for staleAge. Failures are ignored: this is tidying up.
func removeStale(dir, base string) {
	names, _ := filepath.Glob(filepath.Join(dir, "."+globEscape(base)+".tmp-*-*"))
	for _, name := range names {
		rest := strings.TrimPrefix(filepath.Base(name), "."+base+".tmp-")
		pidText, random, ok := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(pidText)
		if !ok || err != nil || pid <= 0 || pid == os.Getpid() || !digits(random) || running(pid) {
			continue
		}
		if st, err := os.Lstat(name); err == nil && st.Mode().IsRegular() && time.Since(st.ModTime()) > staleAge {
			os.Remove(name)
		}
	}
}

// globEscape escapes the characters filepath.Match gives a meaning to.
func globEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`*?[\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
