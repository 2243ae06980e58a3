# plandiff developer tasks. `make test` is what CI runs (through .ci/run).
GO        ?= go
FUZZTIME  ?= 2s
LONGFUZZ  ?= 2m
PKGS      := ./...
# Packages with golden files refreshed by `make golden` (-update is defined
# only there, so it cannot be passed to ./... as a whole).
GOLDEN_PKGS := ./pkg/render/ ./pkg/report/ ./pkg/diff/words/ ./cmd/plandiff/

.PHONY: all build install test check vet unit fuzz-smoke fuzz golden bench docs clean

all: build test

# When make started, for the closing line of test and check.
START := $(shell date +%s)

# -buildvcs=auto overrides a GOFLAGS=-buildvcs=false in the environment, so
# that `plandiff --version` names the commit it was built from.
build:
	$(GO) build -buildvcs=auto -o bin/plandiff ./cmd/plandiff

install:
	$(GO) install -buildvcs=auto ./cmd/plandiff

# Everything: vet and gofmt, every test with the race detector where
# goroutines run, two seconds of every fuzz target; results print as each
# package finishes. The test runs go side by side (scripts/unit.sh) and the
# fuzz binaries build meanwhile at low priority (scripts/test.sh). On an idle
# 2-core machine with an empty build cache (a fresh clone on a new machine):
# about 4 minutes, most of it compiling the standard library and the
# dependencies twice, plain and -race; with a warm cache, under 3.
test: vet
	GO=$(GO) FUZZTIME=$(FUZZTIME) ./scripts/test.sh
	@echo "make test: passed in $$(( $$(date +%s) - $(START) ))s"

# The edit loop, under a minute: vet, gofmt and `go test -short` without the
# race detector (slow tests, such as the browser and benchmark-script tests,
# skip under -short).
check: vet
	RACE=0 GO=$(GO) ./scripts/unit.sh -short -vet=off
	@echo "make check: passed in $$(( $$(date +%s) - $(START) ))s"

vet:
	@echo "== vet and gofmt"
	$(GO) vet $(PKGS)
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

# Unit, golden and end-to-end script tests (testdata/script/*.txtar), with the
# race detector on the packages that run goroutines (scripts/unit.sh).
# go test's own vet pass (a subset of go vet's analyzers, run again for every
# dependency in each build mode) is off: the vet target ran them all on the
# same tree. On an empty build cache that pass cost about 38 CPU seconds.
unit: vet
	@echo "== unit, golden and script tests"
	GO=$(GO) ./scripts/unit.sh -vet=off

# Two seconds of every fuzz target (make test runs the same through
# scripts/test.sh); crashers found are kept under
# testdata/fuzz/ and rerun by every `go test` from then on.
# The smoke run instruments this module's packages only (scripts/fuzz.sh):
# on an empty cache that saves about 110 CPU seconds of compiling the
# standard library instrumented, and it runs several times the inputs. Its
# first runs found four failing inputs within seconds, all fixed and kept as
# seeds; FUZZINSTRUMENT=all fuzzes as `go test -fuzz` does.
fuzz-smoke:
	@echo "== fuzz targets, $(FUZZTIME) each"
	GO=$(GO) FUZZTIME=$(FUZZTIME) ./scripts/fuzz.sh

fuzz:
	GO=$(GO) FUZZTIME=$(LONGFUZZ) ./scripts/fuzz.sh

golden:
	$(GO) test $(GOLDEN_PKGS) -update
	@git status --short -- '*testdata*'

# Go benchmarks of load, align, word edits, renderers and the report at 300,
# 3,000 and 30,000 clauses (output in bench/work/go-bench.txt), then the
# side-by-side run against git, wdiff and dyff that writes BENCHMARKS.md
# (scripts/bench.sh; SIZES, RUNS, PEERS are described there), with peak
# memory of validate and diff on the largest inputs the caps admit (synth
# limits; LIMITS=0 leaves them out, a few minutes; LIMITS_ONLY=1
# scripts/bench.sh refreshes that section of BENCHMARKS.md alone). QUICK=1 runs
# each Go benchmark once and the script in its quick mode (300 and 3,000
# clauses, two runs, no limits, report in bench/work/BENCHMARKS.md). BENCH narrows the
# Go benchmarks (a -bench pattern).
BENCH      ?= .
BENCHTIME  ?= $(if $(filter 1,$(QUICK)),1x,1s)
BENCH_PKGS := ./pkg/plan ./pkg/diff/... ./pkg/render ./pkg/report

bench: SHELL := /bin/bash
bench:
	@mkdir -p bench/work
	set -o pipefail; $(GO) test -run '^$$' -bench '$(BENCH)' -benchmem -benchtime=$(BENCHTIME) $(BENCH_PKGS) 2>&1 | tee bench/work/go-bench.txt
	QUICK=$(QUICK) GO=$(GO) ./scripts/bench.sh

# The command reference (docs/man/*.1, docs/commands/*.md) is generated from
# the command tree by TestDocs, and the JSON Schemas of the commands' JSON
# (schema/*.schema.json but plan's) from the Go types by TestJSONSchemas;
# both fail when what is committed is stale.
docs:
	$(GO) test ./cmd/plandiff -run '^(TestDocs|TestJSONSchemas)$$' -count=1 -update-docs

clean:
	rm -rf bin
