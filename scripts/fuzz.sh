#!/usr/bin/env bash
# Runs every Go fuzz target in the module for $FUZZTIME each (default 3s),
# $FUZZJOBS targets at a time (default 2), each with one fuzzing worker: the
# fixed costs of a target (linking, the baseline pass over its corpus) then
# overlap another target's fuzzing instead of idling a core. A line is
# printed as each target finishes.
# Minimisation of each new input is capped at $FUZZMINIMIZE (default 100x,
# a hundred runs of the target): by default Go spends up to 60s on each, and
# even 2s each left FuzzParse and FuzzFastYAML, whose seeds are whole plan
# files, fuzzing a tenth of the time (6,500 execs in 15s, against 62,000
# with 100x). At the end, a table gives the execs of every target.
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
fuzztime=${FUZZTIME:-3s}
jobs=${FUZZJOBS:-2}
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

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

# execs LOG NAME prints the executions LOG reports last, and records them
# under NAME for the table at the end.
execs() {
  local n
  n=$(sed -n 's/^fuzz: elapsed: .*, execs: \([0-9]*\) .*/\1/p' "$1" | tail -n 1)
  n=${n:-0}
  echo "$n $2" >>"$logs/execs"
  echo "$n"
}

# Go 1.26 and earlier can fail a target with a bare "context deadline
# exceeded" when -fuzztime runs out while a worker is busy, more often on a
# loaded machine (go.dev/issue/75804). That is no finding: a real one writes
# its input under testdata/fuzz/TARGET, so a failure that wrote nothing and
# says only that passes with a note.
one() {
  local pkg=$1 t=$2 log start before
  log="$logs/$(echo "$pkg.$t" | tr '/.' '__').log"
  before=$(ls "$pkg/testdata/fuzz/$t" 2>/dev/null || true)
  start=$SECONDS
  if $GO test -run='^$' -fuzz="^${t}\$" -fuzztime="$fuzztime" -parallel=1 \
    -fuzzminimizetime="${FUZZMINIMIZE:-100x}" "$pkg" >"$log" 2>&1; then
    echo "fuzz ok   $pkg $t ($((SECONDS - start))s, $(execs "$log" "$pkg $t") execs)"
  elif [ "$(ls "$pkg/testdata/fuzz/$t" 2>/dev/null || true)" = "$before" ] &&
    grep -q '^    context deadline exceeded$' "$log" &&
    [ "$(grep -c '^--- FAIL' "$log")" = 1 ]; then
    echo "fuzz ok   $pkg $t ($((SECONDS - start))s, $(execs "$log" "$pkg $t") execs; Go's fuzztime deadline race, go.dev/issue/75804, no input failed)"
  else
    echo "fuzz FAIL $pkg $t ($((SECONDS - start))s)"
    cat "$log"
    return 1
  fi
}

status=0 running=0
for entry in "${targets[@]}"; do
  if [ "$running" -ge "$jobs" ]; then
    wait -n || status=1
    running=$((running - 1))
  fi
  # shellcheck disable=SC2086 # entry is "pkg target"
  one $entry &
  running=$((running + 1))
done
while [ "$running" -gt 0 ]; do
  wait -n || status=1
  running=$((running - 1))
done
if [ -s "$logs/execs" ]; then
  echo "fuzz: execs per target in $fuzztime (fewest first):"
  sort -n "$logs/execs" | while read -r n pkg t; do
    printf '  %12s  %s %s\n' "$n" "$pkg" "$t"
  done
fi
echo "fuzz: ${#targets[@]} targets, $fuzztime each: $([ $status = 0 ] && echo ok || echo FAILED)"
exit $status
