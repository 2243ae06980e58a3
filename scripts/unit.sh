#!/usr/bin/env bash
# Runs the module's tests once (-count=1), printing each package's result as
# it finishes. Plain `go test` prints results in package order, so the slowest
# package (the CLI scripts) held back every line for a minute; `go test -json`
# streams, and cmd/testprogress turns the stream into one line per package,
# the failures' output, and a closing count. (It replaced gotestsum, which
# a fresh clone downloaded and compiled first: 20 CPU seconds.)
#
# The race detector runs on the packages that start goroutines and on those
# that import one of them from this module (a race shows only where
# goroutines run, and the detector makes a package 3-5x slower). The list is
# worked out from the source at each run, so new goroutines are covered.
#
# Arguments are extra go test flags (make check passes -short).
# RACE=0 turns the race detector off.
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
# The race runtime sleeps 1 s before each instrumented process exits (to let
# racing goroutines report); the CLI scripts start the test binary hundreds
# of times. A GORACE setting of the caller's comes later and wins.
export GORACE="atexit_sleep_ms=0${GORACE:+ $GORACE}"

# Package import path, directory, and module-internal dependencies.
mod=$($GO list -m)
listing=$($GO list -f '{{.ImportPath}}|{{.Dir}}|{{range .GoFiles}}{{.}} {{end}}|{{join .Deps " "}}' ./...)

# Packages whose non-test code has a go statement.
direct=" "
while IFS='|' read -r pkg dir files _; do
  for f in $files; do
    if grep -qE '^[[:space:]]*go ([A-Za-z_][A-Za-z0-9_.]*\(|func[[:space:]]*\()' "$dir/$f"; then
      direct+="$pkg "
      break
    fi
  done
done <<<"$listing"

race=() plain=()
while IFS='|' read -r pkg _ _ deps; do
  hit=no
  for d in $pkg $deps; do
    case $d in "$mod"|"$mod"/*) ;; *) continue ;; esac
    if [[ $direct == *" $d "* ]]; then hit=yes; break; fi
  done
  if [ "${RACE:-1}" != 0 ] && [ $hit = yes ]; then race+=("$pkg"); else plain+=("$pkg"); fi
done <<<"$listing"

# The end-to-end scripts (TestScripts) start the test binary as the plandiff
# command hundreds of times; under the race detector that was two fifths of
# all the CPU the tests took. They run without it, in a run of their own;
# the race detector still covers the same code through the package's
# in-process tests (run, writeOutput, the signal and pager tests).
scripts=()
if [ "${RACE:-1}" != 0 ]; then
  for p in "${race[@]}"; do
    dir=$($GO list -f '{{.Dir}}' "$p")
    if grep -qs '^func TestScripts(' "$dir"/*_test.go; then scripts+=("$p"); fi
  done
fi

# One reader over all the go test runs, so there is one progress stream
# and one closing count. The runs go one after the other: two concurrent
# -json streams could interleave inside a long output line. -timeout is
# generous because the machine may be shared: a hung test still ends.
script='status=0
if [ -n "$RACE_PKGS" ]; then $GO test -json -count=1 -timeout=30m -race -skip "^TestScripts\$" "$@" $RACE_PKGS || status=1; fi
if [ -n "$PLAIN_PKGS" ]; then $GO test -json -count=1 -timeout=30m "$@" $PLAIN_PKGS || status=1; fi
if [ -n "$SCRIPT_PKGS" ]; then $GO test -json -count=1 -timeout=30m -run "^TestScripts\$" "$@" $SCRIPT_PKGS || status=1; fi
exit $status'
echo "race detector on: ${race[*]#"$mod"/}${scripts:+ (not on their TestScripts: ${scripts[*]#"$mod"/})}"
export GO RACE_PKGS="${race[*]}" PLAIN_PKGS="${plain[*]}" SCRIPT_PKGS="${scripts[*]}"
progress=$(mktemp)
trap 'rm -f "$progress"' EXIT
$GO build -o "$progress" ./cmd/testprogress
set -o pipefail
bash -c "$script" unit "$@" 2>&1 | "$progress" "$mod"
