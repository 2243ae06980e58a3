//go:build !race

package main

const raceEnabled = false

// raceSlowdown: how many times slower the race-built binary runs, roughly.
const raceSlowdown = 1
