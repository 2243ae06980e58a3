package main

import (
	"os"
	"os/exec"
	"strings"
)

// defaultPager is what git runs when nothing names a pager: -F quits when
// the text fits on one screen, -R shows colours, -X leaves the text on the
// screen afterwards.
const defaultPager = "less -FRX"

// withPager pipes standard output through a pager, as git does, when
// paging makes sense: text output going to a terminal, and --no-pager not
// given. The pager is $PLANDIFF_PAGER, else $PAGER, else less -FRX; an empty
// value or "cat" means none. Colour and width stay decided by the terminal
// (e.stdoutTerminal is kept). It returns the env to write through and a
// function that closes the pipe and waits for the pager; when no pager runs
// (or one cannot be started) they are e itself and a no-op.
func withPager(e *env, g *globals, text bool) (*env, func()) {
	none := func() {}
	if !text || g.noPager {
		return e, none
	}
	if tty, _ := e.stdoutTerminal(); !tty {
		return e, none
	}
	pager, ok := "", false
	for _, name := range []string{"PLANDIFF_PAGER", "PAGER"} {
		if v := e.getenv(name); v != "" {
			pager, ok = v, true
			break
		}
	}
	if !ok {
		pager = defaultPager
	}
	if p := strings.TrimSpace(pager); p == "" || p == "cat" {
		return e, none
	}
	cmd := exec.Command("sh", "-c", pager)
	cmd.Stdout, cmd.Stderr = e.stdout, e.stderr
	cmd.Env = os.Environ()
	// less needs these to show colours and to leave the screen alone, as
	// git arranges; a user's own LESS and LV win.
	if e.getenv("LESS") == "" {
		cmd.Env = append(cmd.Env, "LESS=FRX")
	}
	if e.getenv("LV") == "" {
		cmd.Env = append(cmd.Env, "LV=-c")
	}
	in, err := cmd.StdinPipe()
	if err != nil {
		return e, none
	}
	if err := cmd.Start(); err != nil {
		return e, none
	}
	paged := *e
	paged.stdout = in
	return &paged, func() {
		in.Close()
		// The pager's own exit status (a user quitting less early, say)
		// is not plandiff's outcome.
		_ = cmd.Wait()
	}
}
