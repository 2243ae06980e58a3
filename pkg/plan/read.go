package plan

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
)

// ReadFile reads the file name of fsys for Parse or ParseTopics; display is
// how messages name it. It never reads more than limit+1 bytes (limit ≤ 0
// means DefaultMaxBytes), and what cannot be a plan file it refuses before
// opening it: a device, named pipe or socket would never end, or block the
// run. Such a file, and one over the limit, is a problem of the file, as
// Parse reports it (an ErrorList); a file that cannot be read is an error.
//
// Symbolic links are followed as fsys follows them: an os.Root's FS refuses
// those that lead out of its directory, and that is a problem of the file
// too, as is a link to nothing.
func ReadFile(fsys fs.FS, name, display string, limit int) ([]byte, error) {
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	st, err := fs.Stat(fsys, name)
	if err != nil {
		if li, lerr := fs.Lstat(fsys, name); lerr == nil && li.Mode()&fs.ModeSymlink != 0 {
			var l ErrorList
			if errors.Is(err, fs.ErrNotExist) {
				l.Add(Pos{File: display}, "a symbolic link to nothing")
			} else {
				l.Add(Pos{File: display}, "a symbolic link that is not followed: it leads out of the directory")
			}
			return nil, l
		}
		return nil, fmt.Errorf("read %s: %w", display, err)
	}
	if err := checkRegular(display, st); err != nil {
		return nil, err
	}
	if st.Size() > int64(limit) {
		return nil, SizeError(display, st.Size(), limit)
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", display, err)
	}
	defer f.Close()
	// Stat might have been of another file than the one opened.
	if st, err = f.Stat(); err != nil {
		return nil, fmt.Errorf("read %s: %w", display, err)
	}
	if err := checkRegular(display, st); err != nil {
		return nil, err
	}
	return ReadLimited(f, display, limit, st.Size())
}

// ReadLimited reads r to its end, or to one byte past limit: more is a file
// over the limit (an ErrorList), without the rest being read. limit ≤ 0
// means DefaultMaxBytes. size is what the reader is expected to hold (0 if
// unknown), to allocate once.
func ReadLimited(r io.Reader, display string, limit int, size int64) ([]byte, error) {
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	// One allocation of the right size: growing the buffer by doubling
	// costs a tenth of a second on a 9 MB file. It is made with make, not
	// Buffer.Grow: Grow clears the new memory in one stretch the scheduler
	// cannot interrupt, and a collection starting meanwhile (the first
	// large file starts one) stops the other core until it ends, tens of
	// milliseconds on a 9 MB file, where the two files of a diff load side by
	// side; make gives fresh memory that needs no clearing, or clears it in
	// interruptible chunks.
	buf := bytes.NewBuffer(make([]byte, 0, int(min(size, int64(limit)))+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(r, int64(limit)+1)); err != nil {
		return nil, fmt.Errorf("read %s: %w", display, err)
	}
	if buf.Len() > limit {
		var l ErrorList
		l.Add(Pos{File: display, Line: 1, Col: 1}, "file is over the limit of %d bytes", limit)
		return nil, l
	}
	return buf.Bytes(), nil
}

// checkRegular refuses what is not a regular file.
func checkRegular(display string, st fs.FileInfo) error {
	m := st.Mode()
	if m.IsRegular() {
		return nil
	}
	what := "not a regular file"
	switch {
	case m.IsDir():
		what = "a directory"
	case m&fs.ModeNamedPipe != 0:
		what = "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	case m&fs.ModeCharDevice != 0:
		what = "a character device"
	case m&fs.ModeDevice != 0:
		what = "a device"
	}
	var l ErrorList
	l.Add(Pos{File: display}, "%s, not a plan file: plan files must be regular files", what)
	return l
}

// SizeError is the problem of a file of size bytes, over limit.
func SizeError(display string, size int64, limit int) ErrorList {
	var l ErrorList
	l.Add(Pos{File: display, Line: 1, Col: 1}, "file is %d bytes, over the limit of %d bytes", size, limit)
	return l
}
