#!/usr/bin/env bash
# Runs every Go fuzz target in the module for $FUZZTIME each (default 3s).
# Minimisation of new inputs is capped too: by default Go spends up to 60s
# minimising each one, which stalls short runs.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${FUZZTIME:-3s}
status=0
for pkg in $(go list ./...); do
  targets=$(go test -list '^Fuzz' "$pkg" 2>/dev/null | grep '^Fuzz' || true)
  for t in $targets; do
    echo "fuzz $pkg $t ($fuzztime)"
    if ! go test -run='^$' -fuzz="^${t}\$" -fuzztime="$fuzztime" -fuzzminimizetime="${FUZZMINIMIZE:-2s}" "$pkg" >/tmp/plandiff-fuzz.log 2>&1; then
      cat /tmp/plandiff-fuzz.log
      status=1
    fi
  done
done
exit $status
