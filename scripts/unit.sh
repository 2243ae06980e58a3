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

# The runs go on side by side, each into a named pipe of its own, and one
# reader takes whole lines from all three (cmd/testprogress), so there is one
# progress stream and one closing count. Side by side, each fills the other's
# idle time: the longest packages (the bench-script tests, the browser test)
# wait on one process at a time for tens of seconds. -timeout is generous
# because the machine may be shared: a hung test still ends.
echo "race detector on: ${race[*]#"$mod"/}${scripts:+ (not on their TestScripts: ${scripts[*]#"$mod"/})}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
$GO build -o "$work/progress" ./cmd/testprogress
# run NAME go-test-flags... runs one go test, its exit status in NAME.status.
run() {
  local name=$1
  shift
  mkfifo "$work/$name"
  (
    status=0
    $GO test -json -count=1 -timeout=30m "$@" >"$work/$name" 2>&1 || status=1
    echo $status >"$work/$name.status"
  ) &
  pipes+=("$work/$name")
}
pipes=()
if [ ${#race[@]} -gt 0 ]; then run race -race -skip '^TestScripts$' "$@" "${race[@]}"; fi
if [ ${#plain[@]} -gt 0 ]; then run plain "$@" "${plain[@]}"; fi
if [ ${#scripts[@]} -gt 0 ]; then run scripts -run '^TestScripts$' "$@" "${scripts[@]}"; fi
status=0
"$work/progress" "$mod" "${pipes[@]}" || status=$?
# The reader stops early only when it cannot open a pipe; a run would then
# wait on its pipe for ever.
if [ $status = 2 ]; then kill $(jobs -p) 2>/dev/null || true; fi
wait
for p in "${pipes[@]}"; do
  if [ "$(cat "$p.status" 2>/dev/null)" != 0 ]; then status=1; fi
done
exit $status
