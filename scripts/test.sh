#!/usr/bin/env bash
# make test after vet: the unit, golden and script tests (scripts/unit.sh),
# then a few seconds of every fuzz target (scripts/fuzz.sh). The fuzz
# binaries are built while the tests run, at low priority (nice 10), so the
# build takes the CPU the tests leave idle (at their end the last packages
# wait on one process at a time); the fuzzing runs after, alone, as each
# target runs for a fixed time. Two cold runs on an idle 2-core machine:
# 250 s this way, 261 s building after the tests (CPU 469 and 474 s; the
# tests themselves take longer, by the build's share of the CPU).
set -euo pipefail
cd "$(dirname "$0")/.."
export GO=${GO:-go}
bins=$(mktemp -d)
trap 'rm -rf "$bins"' EXIT
(
  st=0
  FUZZSTEP=build FUZZBIN=$bins nice -n 10 ./scripts/fuzz.sh >"$bins/build.log" 2>&1 || st=$?
  echo $st >"$bins/build.status"
) &
status=0
echo "== unit, golden and script tests (the fuzz binaries build meanwhile)"
./scripts/unit.sh -vet=off || status=1
wait
echo "== fuzz targets, ${FUZZTIME:-3s} each"
cat "$bins/build.log"
# Binaries that did not build are built again, and reported, by the run.
FUZZSTEP=run FUZZBIN=$bins ./scripts/fuzz.sh || status=1
exit $status
