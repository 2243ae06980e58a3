package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestReleaseConfig checks .goreleaser.yaml for what a release must hold:
// the three systems, the version stamped into the binary, the man pages and
// completions in every archive (from files that exist, or that its hooks
// make), zip for Windows, and checksums.
func TestReleaseConfig(t *testing.T) {
	data, err := os.ReadFile("../../.goreleaser.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Version int
		Before  struct{ Hooks []string }
		Builds  []struct {
			Main    string
			Goos    []string
			Ldflags []string
		}
		Archives []struct {
			Formats         []string
			FormatOverrides []struct {
				Goos    string
				Formats []string
			} `yaml:"format_overrides"`
			Files []string
		}
		Checksum struct{ Algorithm string }
	}
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		t.Fatal(err)
	}
	if cfg.Version != 2 || len(cfg.Builds) != 1 || len(cfg.Archives) != 1 {
		t.Fatalf("want a version 2 config with one build and one archive: %+v", cfg)
	}
	b := cfg.Builds[0]
	for _, goos := range []string{"linux", "darwin", "windows"} {
		if !slices.Contains(b.Goos, goos) {
			t.Errorf("no %s build", goos)
		}
	}
	if b.Main != "./cmd/plandiff" || !strings.Contains(strings.Join(b.Ldflags, " "), "-X main.version=") {
		t.Errorf("build: main %q, ldflags %v", b.Main, b.Ldflags)
	}
	a := cfg.Archives[0]
	if len(a.FormatOverrides) != 1 || a.FormatOverrides[0].Goos != "windows" || !slices.Contains(a.FormatOverrides[0].Formats, "zip") {
		t.Errorf("windows archives are not zip: %+v", a.FormatOverrides)
	}
	hooks := strings.Join(cfg.Before.Hooks, "\n")
	for _, f := range a.Files {
		switch {
		case strings.HasPrefix(f, "completions/"):
			for _, sh := range []string{"bash", "zsh", "fish", "powershell"} {
				if !strings.Contains(hooks, "completion "+sh+" > completions/") {
					t.Errorf("no hook writes the %s completion", sh)
				}
			}
		default:
			if m, _ := filepath.Glob(filepath.Join("../..", f)); len(m) == 0 {
				t.Errorf("archive file %s matches nothing", f)
			}
		}
	}
	for _, want := range []string{"docs/man/*.1", "completions/*", "README.md"} {
		if !slices.Contains(a.Files, want) {
			t.Errorf("archives lack %s", want)
		}
	}
	if cfg.Checksum.Algorithm != "sha256" {
		t.Errorf("checksum %q", cfg.Checksum.Algorithm)
	}
}
