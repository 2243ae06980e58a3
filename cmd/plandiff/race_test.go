//go:build race

package main

// raceEnabled: the binary under test runs several times slower.
const raceEnabled = true
