//go:build unix

package plan

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestReadFileHostile builds the files of issue 12.1 in a directory and
// reads them through an os.Root, as --plans does: each is a problem of the
// file, found without reading it, and quickly.
func TestReadFileHostile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("ok.yaml", "plandiff: 1\n")
	write("big.yaml", strings.Repeat("#", 101))
	sparse := filepath.Join(dir, "sparse.yaml")
	if err := os.WriteFile(sparse, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(sparse, 2<<30); err != nil {
		t.Skipf("no sparse files here: %v", err)
	}
	links := map[string]string{"zero.yaml": "/dev/zero", "out.yaml": "../elsewhere.yaml", "in.yaml": "ok.yaml", "none.yaml": "missing.yaml"}
	for name, to := range links {
		if err := os.Symlink(to, filepath.Join(dir, name)); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.yaml"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "dir.yaml"), 0o755); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	for _, tc := range []struct{ name, want string }{
		{"ok.yaml", ""},
		{"in.yaml", ""},
		{"big.yaml", "p/big.yaml:1:1: file is 101 bytes, over the limit of 100 bytes"},
		{"sparse.yaml", "p/sparse.yaml:1:1: file is 2147483648 bytes, over the limit of 100 bytes"},
		{"zero.yaml", "p/zero.yaml: a symbolic link that is not followed: it leads out of the directory"},
		{"out.yaml", "p/out.yaml: a symbolic link that is not followed: it leads out of the directory"},
		{"none.yaml", "p/none.yaml: a symbolic link to nothing"},
		{"fifo.yaml", "p/fifo.yaml: a named pipe (FIFO), not a plan file: plan files must be regular files"},
		{"dir.yaml", "p/dir.yaml: a directory, not a plan file: plan files must be regular files"},
	} {
		start := time.Now()
		data, err := ReadFile(root.FS(), tc.name, "p/"+tc.name, 100)
		if took := time.Since(start); took > 5*time.Second { // reading the sparse file whole took 21 s
			t.Errorf("%s: took %v", tc.name, took)
		}
		if tc.want == "" {
			if err != nil || string(data) != "plandiff: 1\n" {
				t.Errorf("%s: %q, %v", tc.name, data, err)
			}
			continue
		}
		var l ErrorList
		if !errors.As(err, &l) || len(l) != 1 || l[0].Error() != tc.want {
			t.Errorf("%s: err %v\nwant %s", tc.name, err, tc.want)
		}
	}
	// Without a root, /dev/zero is a device.
	_, err = ReadFile(os.DirFS(dir), "zero.yaml", "zero.yaml", 100)
	if err == nil || !strings.Contains(err.Error(), "a character device, not a plan file") {
		t.Errorf("zero.yaml through os.DirFS: %v", err)
	}
	// An ordinary failure is an error, not a problem of the file.
	if _, err := ReadFile(root.FS(), "absent.yaml", "absent.yaml", 100); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("absent.yaml: %v", err)
	}
}
