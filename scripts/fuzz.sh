#!/usr/bin/env bash
# Runs every Go fuzz target in the module for $FUZZTIME each (default 3s),
# $FUZZJOBS targets at a time (default 2), each with one fuzzing worker: the
# fixed costs of a target (linking, the baseline pass over its corpus) then
# overlap another target's fuzzing instead of idling a core. A line is
# printed as each target finishes.
# Minimisation of new inputs is capped too: by default Go spends up to 60s
# minimising each one, which stalls short runs.
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
    -fuzzminimizetime="${FUZZMINIMIZE:-2s}" "$pkg" >"$log" 2>&1; then
    echo "fuzz ok   $pkg $t ($((SECONDS - start))s)"
  elif [ "$(ls "$pkg/testdata/fuzz/$t" 2>/dev/null || true)" = "$before" ] &&
    grep -q '^    context deadline exceeded$' "$log" &&
    [ "$(grep -c '^--- FAIL' "$log")" = 1 ]; then
    echo "fuzz ok   $pkg $t ($((SECONDS - start))s; Go's fuzztime deadline race, go.dev/issue/75804, no input failed)"
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
echo "fuzz: ${#targets[@]} targets, $fuzztime each: $([ $status = 0 ] && echo ok || echo FAILED)"
exit $status
