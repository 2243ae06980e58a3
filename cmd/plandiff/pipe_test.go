package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/plandiff/plandiff/plans"
)

// TestGitDriverClosedPipe runs the driver as git does under `git diff |
// head`, with a standard output nobody reads any more: it must end quietly
// with status 0 (git reports a driver killed by SIGPIPE as "fatal: external
// diff died").
func TestGitDriverClosedPipe(t *testing.T) {
	dir := t.TempDir()
	var files []string
	for _, name := range []string{"us-28-draft.yaml", "framework-20.yaml"} {
		data, err := plans.FS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	defer w.Close()
	const hex = "0123456789abcdef0123456789abcdef01234567"
	cmd := exec.Command("plandiff", "--color", "never", "git-diff-driver", "plans/p.yaml",
		files[0], hex, "100644", files[1], hex, "100644")
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = w, &stderr
	err = cmd.Run()
	if code := cmd.ProcessState.ExitCode(); err != nil || code != 0 || stderr.Len() > 0 {
		t.Errorf("driver on a closed pipe: %v (status %d, %s), stderr %q; want status 0 and nothing said",
			err, code, cmd.ProcessState, stderr.String())
	}
}
