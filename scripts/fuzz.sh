#!/usr/bin/env bash
# Runs every Go fuzz target in the module for $FUZZTIME each (default 3s),
# $FUZZJOBS targets at a time (default 2), each with one fuzzing worker. A
# line is printed as each target finishes.
#
# Each package's test binary is built once and run once per target, as
# `go test -fuzz` would run it (one `go test -fuzz` per target linked the same
# binary again for every target). The coverage that guides the fuzzer comes
# from this module's packages only: they are compiled with the compiler's
# -d=libfuzzer instrumentation, as `go test -fuzz` compiles every package;
# the standard library and the dependencies are left plain. So they come from
# the build cache that `go vet` and the plain tests have filled, instead of
# being compiled a third time (on an empty cache that was about 110 of the
# 128 CPU seconds the fuzz builds took), and the fuzzer is no longer steered
# by coverage inside strconv or encoding/json: FuzzParse ran about 8 times
# as many inputs in 5 s (39,241 against 4,919), and still found new ones.
# FUZZINSTRUMENT=all instruments everything, as `go test -fuzz` does.
# Where the compiler cannot instrument (GOARCH other than amd64, arm64 and
# loong64) the fuzzer runs without coverage, as `go test -fuzz` would.
# The package with the most dependencies is built first and alone, so shared
# dependencies are compiled once; the others then build $FUZZJOBS at a time.
# Inputs that fail are still written under the package's testdata/fuzz/, and
# the coverage corpus is kept where `go test -fuzz` keeps it
# ($GOCACHE/fuzz/IMPORTPATH), so the two ways of running share it.
#
# Minimisation of each new input is capped at $FUZZMINIMIZE (default 100x,
# a hundred runs of the target): by default Go spends up to 60s on each, and
# even 2s each left FuzzParse and FuzzFastYAML, whose seeds are whole plan
# files, fuzzing a tenth of the time (6,500 execs in 15s, against 62,000
# with 100x). At the end, a table gives the execs of every target.
#
# FUZZSTEP=build builds the binaries into $FUZZBIN and stops; FUZZSTEP=run
# fuzzes with the binaries found in $FUZZBIN, building only those missing
# (scripts/test.sh builds them while the unit tests run). The default does
# both, in a directory of its own.
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
fuzztime=${FUZZTIME:-3s}
jobs=${FUZZJOBS:-2}
step=${FUZZSTEP:-all}
case $step in build | run | all) ;; *) echo "fuzz: FUZZSTEP is build, run or all, not $step" >&2; exit 2 ;; esac
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
bins=${FUZZBIN:-$logs}

# Targets are found in the source: `go test -list` would build and run
# every test binary once just to name them.
targets=()
while IFS= read -r file; do
  dir=./$(dirname "$file")
  for t in $(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' "$file"); do
    targets+=("$dir $t")
  done
done < <(git ls-files '*_test.go' 2>/dev/null || find . -name '*_test.go' | sed 's|^\./||')
if [ ${#targets[@]} = 0 ]; then
  echo "fuzz: no fuzz targets found" >&2
  exit 1
fi

# The packages, the one with the most dependencies first; where each one's
# binary goes, its directory and import path.
declare -A dir imp
pkgs=()
while IFS='|' read -r _ ip d; do
  p=./${d#"$PWD"/}
  pkgs+=("$p") dir[$p]=$d imp[$p]=$ip
done < <($GO list -f '{{len .Deps}}|{{.ImportPath}}|{{.Dir}}' $(printf '%s\n' "${targets[@]%% *}" | sort -u) | sort -t'|' -k1,1nr)
cache=$($GO env GOCACHE)
bin() { echo "$bins/$(echo "$1" | tr '/.' '__').test"; }

# pool FUNC ARG... runs FUNC once per ARG (split into words), $jobs at a
# time, and fails if any run failed.
pool() {
  local f=$1 st=0 running=0 a
  shift
  for a in "$@"; do
    if [ "$running" -ge "$jobs" ]; then
      wait -n || st=1
      running=$((running - 1))
    fi
    # shellcheck disable=SC2086 # a is "pkg target"
    $f $a &
    running=$((running + 1))
  done
  while [ "$running" -gt 0 ]; do
    wait -n || st=1
    running=$((running - 1))
  done
  return $st
}

# How the fuzz binaries are compiled (see the top).
mod=$($GO list -m)
case ${FUZZINSTRUMENT:-module}:$($GO env GOARCH) in
all:*) instrument=(-fuzz=.) ;;
module:amd64 | module:arm64 | module:loong64) instrument=("-gcflags=$mod/...=-d=libfuzzer") ;;
module:*) instrument=() ;;
*) echo "fuzz: FUZZINSTRUMENT is module or all, not $FUZZINSTRUMENT" >&2; exit 2 ;;
esac

# -vet=off: go test -c would vet the package and every dependency again for
# the new compiler flags; vetting is the vet target's job, not the fuzzer's.
build() {
  local pkg=$1 start=$SECONDS
  if $GO test -c -vet=off "${instrument[@]}" -o "$(bin "$pkg")" "$pkg" >"$(bin "$pkg").log" 2>&1; then
    echo "fuzz built $pkg ($((SECONDS - start))s)"
  else
    echo "fuzz FAIL $pkg: the fuzz test binary did not build"
    cat "$(bin "$pkg").log"
    return 1
  fi
}

# execs LOG NAME prints the executions LOG reports last, and records them
# under NAME for the table at the end.
execs() {
  local n
  n=$(sed -n 's/^fuzz: elapsed: .*, execs: \([0-9]*\) .*/\1/p' "$1" | tail -n 1)
  n=${n:-0}
  echo "$n $2" >>"$logs/execs"
  echo "$n"
}

# one PKG TARGET runs the target with the flags `go test -fuzz` gives the
# binary, from the package's directory (where testdata/fuzz is).
#
# Go 1.26 and earlier can fail a target with a bare "context deadline
# exceeded" when -fuzztime runs out while a worker is busy, more often on a
# loaded machine (go.dev/issue/75804). That is no finding: a real one writes
# its input under testdata/fuzz/TARGET, so a failure that wrote nothing and
# says only that passes with a note.
one() {
  local pkg=$1 t=$2 log start before
  [ -x "$(bin "$pkg")" ] || return 1 # build failed, reported above
  log="$logs/$(echo "$pkg.$t" | tr '/.' '__').log"
  before=$(ls "$pkg/testdata/fuzz/$t" 2>/dev/null || true)
  start=$SECONDS
  if (cd "${dir[$pkg]}" && "$(bin "$pkg")" -test.paniconexit0 -test.timeout=10m0s -test.run='^$' \
    -test.fuzz="^${t}\$" -test.fuzztime="$fuzztime" -test.parallel=1 \
    -test.fuzzminimizetime="${FUZZMINIMIZE:-100x}" -test.fuzzcachedir="$cache/fuzz/${imp[$pkg]}") >"$log" 2>&1; then
    echo "fuzz ok   $pkg $t ($((SECONDS - start))s, $(execs "$log" "$pkg $t") execs)"
  elif [ "$(ls "$pkg/testdata/fuzz/$t" 2>/dev/null || true)" = "$before" ] &&
    grep -q '^    context deadline exceeded$' "$log" &&
    [ "$(grep -c '^--- FAIL' "$log")" = 1 ]; then
    echo "fuzz ok   $pkg $t ($((SECONDS - start))s, $(execs "$log" "$pkg $t") execs; Go's fuzztime deadline race, go.dev/issue/75804, no input failed)"
  else
    echo "fuzz FAIL $pkg $t ($((SECONDS - start))s)"
    cat "$log"
    echo "FAIL	${imp[$pkg]}"
    return 1
  fi
}

status=0
if [ "$step" = run ]; then
  missing=()
  for p in "${pkgs[@]}"; do [ -x "$(bin "$p")" ] || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then pool build "${missing[@]}" || status=1; fi
else
  build "${pkgs[0]}" || status=1
  pool build "${pkgs[@]:1}" || status=1
fi
if [ "$step" = build ]; then exit $status; fi
pool one "${targets[@]}" || status=1
if [ -s "$logs/execs" ]; then
  echo "fuzz: execs per target in $fuzztime (fewest first):"
  sort -n "$logs/execs" | while read -r n pkg t; do
    printf '  %12s  %s %s\n' "$n" "$pkg" "$t"
  done
fi
echo "fuzz: ${#targets[@]} targets, $fuzztime each: $([ $status = 0 ] && echo ok || echo FAILED)"
exit $status
