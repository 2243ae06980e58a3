package main

import (
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the expected output inside testdata/script/*.txtar")

// TestMain lets testscript run the test binary as the plandiff command, so
// scripts exercise the real CLI (exit codes, streams) without a build step.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"plandiff": func() { os.Exit(run(os.Args[1:], systemEnv())) },
	})
}

// TestScripts runs the end-to-end scripts in testdata/script. Each script is
// a txtar archive: commands first, then the files they use.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "../../testdata/script",
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		UpdateScripts:       *update,
		Setup: func(env *testscript.Env) error {
			env.Setenv("NO_COLOR", "")
			env.Setenv("TERM", "xterm-256color")
			env.Setenv("COLUMNS", "")
			// Under -race every plandiff run would sleep a second before
			// exiting (to let racing goroutines report); scripts run it
			// hundreds of times. A GORACE of the caller's comes later and wins.
			env.Setenv("GORACE", strings.TrimSpace("atexit_sleep_ms=0 "+os.Getenv("GORACE")))
			// Scripts that run the repository's own scripts (the action's)
			// find them here.
			root, err := filepath.Abs("../..")
			if err != nil {
				return err
			}
			env.Setenv("REPO", root)
			return nil
		},
		Condition: func(cond string) (bool, error) {
			switch cond {
			case "git", "bash":
				_, err := exec.LookPath(cond)
				return err == nil, nil
			}
			return false, errors.New("unknown condition " + cond)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// exitcode N cmd args... runs cmd and requires exit status N:
			// plandiff's contract tells 1 (findings) from 2 (trouble).
			"exitcode": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) < 2 {
					ts.Fatalf("usage: exitcode N command [args...]")
				}
				want, err := strconv.Atoi(args[0])
				if err != nil {
					ts.Fatalf("exitcode: %v", err)
				}
				err = ts.Exec(args[1], args[2:]...)
				got := 0
				var ee *exec.ExitError
				switch {
				case errors.As(err, &ee):
					got = ee.ExitCode()
				case err != nil:
					ts.Fatalf("exitcode: %v", err)
				}
				if got != want {
					ts.Fatalf("exit status %d, want %d", got, want)
				}
			},
		},
	})
}
