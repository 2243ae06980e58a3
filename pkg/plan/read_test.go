package plan

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLoadTopics: no topics.yaml gives the default topics; one that cannot
// be read as a file (a link to nothing, to a device, a directory) is an
// error, not the default topics (issue 16.6).
func TestLoadTopics(t *testing.T) {
	dir := t.TempDir()
	got, err := LoadTopics(os.DirFS(dir), ".", "p")
	if err != nil || len(got) != len(DefaultTopics) {
		t.Fatalf("no topics.yaml: %v, %v", got, err)
	}
	topics := filepath.Join(dir, TopicsFile)
	for _, to := range []string{"nothing.yaml", "/dev/zero"} {
		if err := os.Symlink(to, topics); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
		if _, err := LoadTopics(os.DirFS(dir), ".", "p"); err == nil {
			t.Errorf("topics.yaml -> %s: no error", to)
		}
		os.Remove(topics)
	}
	if err := os.Mkdir(topics, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadTopics(os.DirFS(dir), ".", "p"); err == nil {
		t.Error("topics.yaml a directory: no error")
	}
}

func TestParseTopics(t *testing.T) {
	got, err := ParseTopics("t.yaml", []byte("plandiff: 1\ntopics: [fisheries, nato]\n"))
	if err != nil || got[len(got)-1] != "fisheries" || len(got) != len(DefaultTopics)+1 {
		t.Errorf("got %v, %v", got, err)
	}
	_, err = ParseTopics("t.yaml", []byte("topics: [Bad Topic]\n"))
	if err == nil || !strings.Contains(err.Error(), `t.yaml:1:10: topic "Bad Topic" must be a slug`) {
		t.Errorf("bad topic: %v", err)
	}
}

func TestQuotePath(t *testing.T) {
	for in, want := range map[string]string{
		"plans/a.yaml":               "plans/a.yaml",
		`C:\plans\a.yaml`:            `C:\plans\a.yaml`,
		"plans/пункт 1.yaml":         "plans/пункт 1.yaml",
		"evil\n::error::x.yaml":      `"evil\n::error::x.yaml"`,
		"a\"b\\c\td.yaml":            `"a\"b\\c\td.yaml"`,
		"bidi\u202ecod.yaml":         `"bidi\342\200\256cod.yaml"`,
		"ls\u2028x":                  `"ls\342\200\250x"`,
		"bad\xffbyte":                `"bad\377byte"`,
		"nel\u0085":                  `"nel\302\205"`,
		"ok\ufffd (replacement).yml": "ok\ufffd (replacement).yml",
	} {
		if got := QuotePath(in); got != want {
			t.Errorf("QuotePath(%q) = %s, want %s", in, got, want)
		}
	}
}
