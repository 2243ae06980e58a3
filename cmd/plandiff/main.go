// Command plandiff keeps each version of a negotiated text as a YAML list of
// clauses with attributions, and diffs, annotates and reports how the text
// changed between versions.
//
// Run "plandiff --help" for the commands; the README has a tour.
package main

import "os"

func main() { os.Exit(run(os.Args[1:], systemEnv())) }
