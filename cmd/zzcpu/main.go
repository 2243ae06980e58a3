package main

import (
	"context"
	"fmt"
	"os"
	"runtime/pprof"
	"strconv"
	"syscall"
	"time"

	"github.com/plandiff/plandiff/internal/synth"
	"github.com/plandiff/plandiff/pkg/diff"
)

func cpu() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func main() {
	n, _ := strconv.Atoi(os.Args[1])
	runs, _ := strconv.Atoi(os.Args[2])
	p, _ := synth.Generate(synth.Config{Clauses: n, Seed: 1, Rates: synth.DefaultRates()})
	best := time.Hour
	for i := 0; i < runs; i++ {
		c0, w0 := cpu(), time.Now()
		if _, err := diff.Compare(context.Background(), p.Old, p.New, diff.Options{Match: diff.MatchContent}); err != nil {
			panic(err)
		}
		c := cpu() - c0
		_ = w0
		best = min(best, c)
	}
	fmt.Printf("min cpu per compare %v\n", best.Round(time.Millisecond))
	pprof.StopCPUProfile()
}

func init() {
	if f := os.Getenv("CPUPROF"); f != "" {
		out, _ := os.Create(f)
		pprof.StartCPUProfile(out)
		go func() { time.Sleep(60 * time.Second) }()
	}
}
