package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/plandiff/plandiff/internal/source"
	"github.com/plandiff/plandiff/pkg/plan"
)

// globals are the flags every command shares.
type globals struct {
	plansDir string
	color    string
	width    int
	noPager  bool
	// maxClauses is --max-clauses: the clause limit of a plan file.
	maxClauses int
	// maxCorpusClauses and maxCorpusBytes are --max-corpus-clauses and
	// --max-corpus-bytes: the caps of a corpus, all its plan files together.
	maxCorpusClauses int
	maxCorpusBytes   int64
}

// version is set at link time (-ldflags "-X main.version=v1.2.3") for release
// builds; otherwise the module's build info supplies it.
var version = ""

func newRootCmd(e *env) *cobra.Command {
	g := &globals{}
	root := &cobra.Command{
		Use:   "plandiff",
		Short: "Diff, annotate and report versions of a negotiated text, clause by clause",
		Long: `plandiff keeps each version of a negotiated text as a YAML list of clauses,
each citing its sources, and reports precisely what changed between versions,
who put it there and which source says so.

The embedded corpus holds the 2025 US-led Russia-Ukraine peace plan versions as
they were reported. A VERSION argument is a version id of the corpus in use
(see 'plandiff list'), a path to a plan file, or a git object REV:path.`,
		Example: `  plandiff list
  plandiff diff us-28-draft framework-20
  plandiff diff --format markdown us-28-draft eu-counterproposal
  plandiff validate plans/*.yaml`,
		Version:           buildVersion(),
		SilenceErrors:     true,
		SilenceUsage:      true,
		Args:              noArgs,
		RunE:              func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
		CompletionOptions: cobra.CompletionOptions{HiddenDefaultCmd: false},
	}
	root.SetVersionTemplate("{{.Name}} {{.Version}}\n")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err: err} })
	pf := root.PersistentFlags()
	pf.StringVar(&g.plansDir, "plans", "", "use the plan files in `DIR` as the corpus instead of the embedded one")
	pf.StringVar(&g.color, "color", "auto", "colour output: auto, always or never (NO_COLOR turns auto off)")
	pf.IntVar(&g.width, "width", 0, "wrap text output at `N` columns (default: the terminal's width; no wrapping when piped)")
	pf.IntVar(&g.maxClauses, "max-clauses", plan.DefaultMaxClauses, "refuse a plan file of more than `N` clauses, sub-points included (it bounds memory)")
	pf.IntVar(&g.maxCorpusClauses, "max-corpus-clauses", plan.DefaultMaxCorpusClauses, "refuse a corpus (--plans DIR) of more than `N` clauses in all its plan files together (it bounds memory)")
	pf.Int64Var(&g.maxCorpusBytes, "max-corpus-bytes", plan.DefaultMaxCorpusBytes, "refuse a corpus (--plans DIR) whose plan files come to more than `N` bytes together (it bounds memory)")
	pf.BoolVar(&g.noPager, "no-pager", false, "do not pipe text output to a terminal through $PLANDIFF_PAGER, $PAGER or less -FRX")
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error {
		if err := checkEnum("color", g.color, "auto", "always", "never"); err != nil {
			return err
		}
		if g.width < 0 {
			return usageErrorf("--width must be positive")
		}
		if g.maxClauses < 1 {
			return usageErrorf("--max-clauses must be at least 1")
		}
		if g.maxCorpusClauses < 1 || g.maxCorpusBytes < 1 {
			return usageErrorf("--max-corpus-clauses and --max-corpus-bytes must be at least 1")
		}
		if v := e.getenv("PLANDIFF_YAML"); v != "" && v != "v3" {
			return usageErrorf("PLANDIFF_YAML=%q: the only setting is v3 (read plan files with yaml.v3 alone)", v)
		}
		return g.checkPlansDir(e)
	}
	registerEnumCompletion(root, "color", "auto", "always", "never")

	root.AddCommand(
		newListCmd(e, g),
		newShowCmd(e, g),
		newValidateCmd(e, g),
		newAnnotateCmd(e, g),
		newHistoryCmd(e, g),
		newVariantsCmd(e, g),
		newReportCmd(e, g),
		newImportCmd(e, g),
		newDiffCmd(e, g),
		newChangedCmd(e, g),
		newGitDiffDriverCmd(e, g),
	)
	// The completion command is cobra's; made here rather than at Execute,
	// so that it has examples in its help and man pages.
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		c.Flags().SortFlags = false
		if c.Name() != "completion" {
			continue
		}
		c.Example = `  plandiff completion bash > /etc/bash_completion.d/plandiff
  plandiff completion zsh > "${fpath[1]}/_plandiff"
  plandiff completion fish > ~/.config/fish/completions/plandiff.fish`
		for _, sh := range c.Commands() {
			sh.Example = "  source <(plandiff completion " + sh.Name() + ")"
			if sh.Name() == "powershell" {
				sh.Example = "  plandiff completion powershell | Out-String | Invoke-Expression"
			}
		}
	}
	return root
}

// noArgs rejects stray arguments and unknown commands as usage errors.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		if cmd.HasSubCommands() {
			return usageErrorf("unknown command %q for %q", args[0], cmd.CommandPath())
		}
		return usageErrorf("%s takes no arguments", cmd.Name())
	}
	return nil
}

func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return usageErrorf("%s wants %s, got %d argument(s)", cmd.Name(), what, len(args))
		}
		return nil
	}
}

func checkEnum(flag, val string, allowed ...string) error {
	for _, a := range allowed {
		if val == a {
			return nil
		}
	}
	return usageErrorf("--%s %q: want one of %s", flag, val, strings.Join(allowed, ", "))
}

func registerEnumCompletion(cmd *cobra.Command, flag string, values ...string) {
	_ = cmd.RegisterFlagCompletionFunc(flag, func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	})
}

// checkPlansDir makes a missing or wrong --plans directory a plain message
// naming it, before any command reads from it (reading would say "open .",
// the directory's name inside itself).
func (g *globals) checkPlansDir(e *env) error {
	if g.plansDir == "" {
		return nil
	}
	st, err := os.Stat(e.path(g.plansDir))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &source.InputError{Err: fmt.Errorf("--plans %s: no such directory", g.plansDir)}
	case err != nil:
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return &source.InputError{Err: fmt.Errorf("--plans %s: %w", g.plansDir, err)}
	case !st.IsDir():
		return &source.InputError{Err: fmt.Errorf("--plans %s: not a directory", g.plansDir)}
	}
	return nil
}

// resolver builds the version resolver for the corpus in use.
func (g *globals) resolver(e *env) *source.Resolver {
	c := source.Corpus{FS: e.plans, Dir: ".", Prefix: "plans"}
	if g.plansDir != "" {
		dir := g.plansDir
		if !filepath.IsAbs(dir) && e.workDir != "" {
			dir = filepath.Join(e.workDir, dir)
		}
		c = source.Corpus{Path: dir, Prefix: filepath.Clean(g.plansDir)}
	}
	c.Opts = g.planOptions(e)
	return &source.Resolver{Corpus: c, WorkDir: e.workDir}
}

// planOptions are the loader's options of the run: --max-clauses, and
// PLANDIFF_YAML=v3, which rules the fast YAML path out (a way around a bug
// in it that needs no new build).
func (g *globals) planOptions(e *env) plan.Options {
	return plan.Options{MaxClauses: g.maxClauses, MaxCorpusClauses: g.maxCorpusClauses, MaxCorpusBytes: g.maxCorpusBytes,
		YAMLv3: e.getenv("PLANDIFF_YAML") == "v3"}
}

// buildVersion reports the module version and VCS revision from the build
// information, so that a bug report names exactly what was run.
func buildVersion() string {
	v := version
	info, ok := debug.ReadBuildInfo()
	if v == "" {
		v = "(devel)"
		if ok && info.Main.Version != "" {
			v = info.Main.Version
		}
	}
	if !ok {
		return v
	}
	var rev, when, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			when = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = ", modified"
			}
		}
	}
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		v += fmt.Sprintf(" (revision %s%s, %s)", rev, dirty, when)
	}
	return v + " " + info.GoVersion
}
