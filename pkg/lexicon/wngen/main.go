// Command wngen writes pkg/lexicon/wordnet.txt from the WordNet 3.0
// database (Debian package wordnet-base, in /usr/share/wordnet). It runs at
// `go generate` time only: the table it writes is committed, so neither
// builds nor users need WordNet. gen.go says what the table keeps.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	dict := flag.String("dict", "/usr/share/wordnet", "directory of the WordNet 3.0 database files (data.noun, index.noun...)")
	out := flag.String("o", "wordnet.txt", "table to write")
	flag.Parse()
	var b bytes.Buffer
	if err := Generate(*dict, &b); err != nil {
		fmt.Fprintln(os.Stderr, "wngen:", err)
		os.Exit(1)
	}
	// Written beside the target and renamed, so a failed run leaves the old
	// table whole.
	tmp, err := os.CreateTemp(filepath.Dir(*out), ".wordnet-*")
	if err == nil {
		_, err = tmp.Write(b.Bytes())
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Rename(tmp.Name(), *out)
		}
		if err != nil {
			os.Remove(tmp.Name())
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "wngen:", err)
		os.Exit(1)
	}
}
