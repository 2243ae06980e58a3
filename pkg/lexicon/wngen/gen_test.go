package main

import (
	"bytes"
	"os"
	"testing"
)

// TestTableFresh regenerates the table from WordNet, when the database is
// installed (Debian package wordnet-base), and checks that the committed
// table is the same: run `go generate ./pkg/lexicon` after changing the
// generator or the stemmer. Without WordNet the committed table is used as
// it is, and the test says so.
func TestTableFresh(t *testing.T) {
	if testing.Short() {
		t.Skip("regenerates the whole WordNet table; not in -short mode")
	}
	dict := os.Getenv("WORDNET_DICT")
	if dict == "" {
		dict = "/usr/share/wordnet"
	}
	if _, err := os.Stat(dict + "/data.noun"); err != nil {
		t.Skipf("WordNet 3.0 not found in %s (apt-get install wordnet-base, or set WORDNET_DICT): the committed table is not checked", dict)
	}
	var b bytes.Buffer
	if err := Generate(dict, &b); err != nil {
		t.Fatal(err)
	}
	committed, err := os.ReadFile("../wordnet.txt")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), committed) {
		t.Errorf("pkg/lexicon/wordnet.txt is stale (%d bytes, %d generated): run go generate ./pkg/lexicon", len(committed), b.Len())
	}
}
