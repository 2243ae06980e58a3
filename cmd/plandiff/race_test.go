//go:build race

package main

// raceEnabled: the binary under test runs several times slower.
const raceEnabled = true

// raceSlowdown: how many times slower the race-built binary runs, roughly.
const raceSlowdown = 5
