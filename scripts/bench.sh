#!/usr/bin/env bash
# Runs plandiff and its peers side by side on synthetic plan pairs and writes
# BENCHMARKS.md: median wall time, peak RSS and alignment F1 per size and
# tool, the growth from 3,000 to 30,000 clauses, whether plandiff meets its
# targets, where its time goes (a pprof CPU profile) and a summary of the Go
# benchmarks. `make bench` runs the Go benchmarks first (into
# bench/work/go-bench.txt), then this script.
#
# Peers: `git diff --no-index --word-diff=porcelain` and GNU wdiff on the text
# rendering of each pair (one clause per paragraph), `dyff between` on the
# YAML. A peer that is missing is installed (wdiff with apt-get when run as
# root, dyff with `go install` into bench/work/bin, never touching go.mod);
# one that cannot be installed is skipped and BENCHMARKS.md says why.
#
# Environment (all optional):
#   SIZES="300 3000 30000"  clause counts of the old side (seed 1, default rates)
#   RUNS=5                  runs per tool and size; the median wall time is reported
#   RUNS_<tool>_<size>=K    runs for one cell; tools: plandiff plandiff_auto git
#                           wdiff dyff (default RUNS_dyff_30000=1: dyff is slow there)
#   TIMEOUT=600             seconds before a run is stopped (reported as "> N s")
#   TIMEOUT_<tool>=N        the same for one tool (default TIMEOUT_dyff=300)
#   PEERS="git wdiff dyff"  the peers to run (PEERS="" for plandiff alone)
#   INSTALL=1               0: never install a missing tool, skip it
#   PROFILE=1               0: no CPU profile
#   PROFILE_SIZE=30000      size of the profiled case (300, 3000 or 30000)
#   GO_BENCH=bench/work/go-bench.txt   Go benchmark output to summarise
#   WORK=bench/work         where binaries, pairs, outputs and profiles go
#   BIN=                    a directory with plandiff, synth and parabench already
#                           built from this tree, used instead of building them into
#                           WORK (the script's own tests build them once for all runs)
#   OUT=BENCHMARKS.md       the report (written atomically)
#   LIMITS=1                0: no limits section (validate and diff on the largest
#                           inputs the caps admit, `synth limits`; a few minutes)
#   LIMITS_ONLY=1           run the limits section alone and put it in OUT in place of
#                           the one there (before "## Where the time goes" if none),
#                           leaving the rest of OUT as it is
#   LIMIT_MAX_BYTES, LIMIT_MAX_CLAUSES   build the limits inputs for smaller caps
#                           than plandiff's defaults (the script's own test)
#   QUICK=1                 iterate fast: SIZES="300 3000", RUNS=2, profile at
#                           3,000, no dyff at 30,000, no limits section (LIMITS=1
#                           to have it), OUT=bench/work/BENCHMARKS.md
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export LC_ALL=C

QUICK=${QUICK:-0}
LIMITS_ONLY=${LIMITS_ONLY:-0}
if [[ $QUICK == 1 ]]; then
  SIZES=${SIZES:-300 3000}
  RUNS=${RUNS:-2}
  PROFILE_SIZE=${PROFILE_SIZE:-3000}
  OUT=${OUT:-bench/work/BENCHMARKS.md}
  RUNS_dyff_30000=${RUNS_dyff_30000:-0}
  LIMITS=${LIMITS:-0}
fi
SIZES=${SIZES:-300 3000 30000}
RUNS=${RUNS:-5}
TIMEOUT=${TIMEOUT:-600}
PEERS=${PEERS-git wdiff dyff}
INSTALL=${INSTALL:-1}
PROFILE=${PROFILE:-1}
PROFILE_SIZE=${PROFILE_SIZE:-30000}
LIMITS=${LIMITS:-1}
WORK=${WORK:-bench/work}
OUT=${OUT:-BENCHMARKS.md}
if [[ $LIMITS_ONLY == 1 ]]; then
  SIZES="" PEERS="" LIMITS=1
fi
GO_BENCH=${GO_BENCH:-$WORK/go-bench.txt}
GO=${GO:-go}
: "${RUNS_dyff_30000:=1}" "${TIMEOUT_dyff:=300}"
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
case $GO_BENCH in /*) ;; *) GO_BENCH=$ROOT/$GO_BENCH ;; esac
case $OUT in /*) ;; *) OUT=$ROOT/$OUT ;; esac

# Targets (issue: content mode, JSON output, the 30,000-clause pair).
TARGET_WALL=1.5   # seconds, median wall time
TARGET_RSS=400    # MB (10^6 bytes), peak RSS
TARGET_GROWTH=12  # median wall time at 30,000 over that at 3,000
TARGET_LIMIT_RSS=1000 # MB, peak RSS of any run on an input under the caps (issue 12.4)

log() { printf 'bench: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

for n in $SIZES; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || die "SIZES: $n is not a clause count"
done
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS: $RUNS is not a positive count"

can_apt() { [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; }

# apt_install PKG: installs a Debian package, updating the lists once if the
# first attempt fails.
apt_install() {
  can_apt || return 1
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$1" >"$WORK/apt-$1.log" 2>&1 && return 0
  DEBIAN_FRONTEND=noninteractive apt-get update -q >>"$WORK/apt-$1.log" 2>&1 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$1" >>"$WORK/apt-$1.log" 2>&1
}

# ---------------------------------------------------------------- tools
if [[ ! -x /usr/bin/time ]]; then
  [[ $INSTALL == 1 ]] && { log "installing Debian package time (for /usr/bin/time)"; apt_install time || true; }
  [[ -x /usr/bin/time ]] || die "/usr/bin/time is missing (Debian package time) and could not be installed; it measures peak RSS"
fi
command -v timeout >/dev/null || die "timeout (coreutils) is missing"

if [[ -n ${BIN:-} ]]; then
  for b in plandiff synth parabench; do
    [[ -x $BIN/$b ]] || die "BIN=$BIN has no executable $b"
  done
  log "using plandiff, synth and parabench from $BIN"
  BINDIR=$BIN
else
  log "building plandiff and synth into $WORK"
  "$GO" build -buildvcs=auto -o "$WORK/plandiff" ./cmd/plandiff
  "$GO" build -o "$WORK/synth" ./cmd/synth
  "$GO" build -o "$WORK/parabench" ./cmd/parabench
  BINDIR=$WORK
fi
PLANDIFF=$BINDIR/plandiff
SYNTH=$BINDIR/synth

declare -A SKIP=()  # tool -> why it was not run
declare -A VERSION=()
VERSION[plandiff]="$("$PLANDIFF" --version 2>/dev/null | sed -n 1p || echo unknown)"
VERSION[plandiff_auto]=${VERSION[plandiff]}

TOOLS="plandiff plandiff_auto"
for peer in $PEERS; do
  case $peer in
  git)
    if ! command -v git >/dev/null && [[ $INSTALL == 1 ]]; then
      log "installing git"; apt_install git || true
    fi
    if command -v git >/dev/null; then
      VERSION[git]=$(git --version)
    else
      SKIP[git]="git is not installed and could not be installed (apt-get install git $(can_apt && echo failed, see bench/work/apt-git.log || echo "needs root and apt-get"))"
    fi
    ;;
  wdiff)
    if ! command -v wdiff >/dev/null && [[ $INSTALL == 1 ]]; then
      log "installing wdiff (Debian package)"; apt_install wdiff || true
    fi
    if command -v wdiff >/dev/null; then
      VERSION[wdiff]=$(wdiff --version 2>/dev/null | sed -n 1p || echo unknown)
    elif [[ $INSTALL != 1 ]]; then
      SKIP[wdiff]="wdiff is not installed (INSTALL=0)"
    elif can_apt; then
      SKIP[wdiff]="wdiff is not installed and \`apt-get install -y wdiff\` failed: $(tail -n1 "$WORK/apt-wdiff.log" 2>/dev/null)"
    else
      SKIP[wdiff]="wdiff is not installed; installing it needs root and apt-get"
    fi
    ;;
  dyff)
    DYFF=""
    if [[ -x $WORK/bin/dyff ]]; then
      DYFF=$WORK/bin/dyff
    elif command -v dyff >/dev/null; then
      DYFF=$(command -v dyff)
    elif [[ $INSTALL == 1 ]]; then
      log "installing dyff v1.12.0 into $WORK/bin (go install, outside the module)"
      tmp=$(mktemp -d)
      # From an empty directory, so that the project's go.mod and go.sum
      # play no part and are never changed.
      if (cd "$tmp" && GOBIN=$WORK/bin GOFLAGS=-mod=mod GOWORK=off \
        "$GO" install github.com/homeport/dyff/cmd/dyff@v1.12.0) >"$WORK/dyff-install.log" 2>&1; then
        DYFF=$WORK/bin/dyff
      fi
      rm -rf "$tmp"
    fi
    if [[ -n $DYFF ]]; then
      # A go-installed dyff calls itself "(development)"; the module version
      # is in the binary's build information.
      VERSION[dyff]="dyff $("$GO" version -m "$DYFF" 2>/dev/null | awk '$1 == "mod" { print $3; exit }')"
      [[ ${VERSION[dyff]} != "dyff " ]] || VERSION[dyff]=$("$DYFF" version 2>/dev/null | sed -n 1p || echo unknown)
    elif [[ $INSTALL != 1 ]]; then
      SKIP[dyff]="dyff is not installed (INSTALL=0)"
    else
      SKIP[dyff]="\`go install github.com/homeport/dyff/cmd/dyff@v1.12.0\` failed: $(grep -v '^go: downloading' "$WORK/dyff-install.log" | tail -n1 || true)"
    fi
    ;;
  *) die "PEERS: unknown peer $peer (git, wdiff, dyff)" ;;
  esac
  TOOLS+=" $peer"
done
for t in "${!SKIP[@]}"; do log "skipping $t: ${SKIP[$t]}"; done

# ---------------------------------------------------------------- pairs
declare -A YAMLBYTES=() TXTBYTES=()
for n in $SIZES; do
  d=$WORK/pairs/$n
  log "generating the $n-clause pair in $d"
  rm -rf "$d"
  "$SYNTH" gen -n "$n" -seed 1 -o "$d"
  YAMLBYTES[$n]=$(($(stat -c %s "$d/old.yaml") + $(stat -c %s "$d/new.yaml")))
  TXTBYTES[$n]=$(($(stat -c %s "$d/old.txt") + $(stat -c %s "$d/new.txt")))
done

# ---------------------------------------------------------------- runs
# cmd_for TOOL DIR: the command line of one run, as words.
cmd_for() {
  local d=$2
  case $1 in
  plandiff) CMD=("$PLANDIFF" diff --match content --format json "$d/old.yaml" "$d/new.yaml") ;;
  plandiff_auto) CMD=("$PLANDIFF" diff --match auto --format json "$d/old.yaml" "$d/new.yaml") ;;
  git) CMD=(git diff --no-index --word-diff=porcelain "$d/old.txt" "$d/new.txt") ;;
  wdiff) CMD=(wdiff "$d/old.txt" "$d/new.txt") ;;
  dyff) CMD=("$DYFF" between "$d/old.yaml" "$d/new.yaml") ;;
  esac
}

# The command as the report shows it, run inside bench/work/pairs/N.
display_cmd() {
  case $1 in
  plandiff) echo 'plandiff diff --match content --format json old.yaml new.yaml > out.json' ;;
  plandiff_auto) echo 'plandiff diff --match auto --format json old.yaml new.yaml > out.json' ;;
  git) echo 'git diff --no-index --word-diff=porcelain old.txt new.txt' ;;
  wdiff) echo 'wdiff old.txt new.txt' ;;
  dyff) echo 'dyff between old.yaml new.yaml' ;;
  esac
}

label() {
  case $1 in
  plandiff) echo 'plandiff (content)' ;;
  plandiff_auto) echo 'plandiff (auto)' ;;
  git) echo 'git diff --word-diff' ;;
  *) echo "$1" ;;
  esac
}

# Exit codes that mean success: git and wdiff exit 1 when the files differ.
ok_exit() {
  case $1 in
  git | wdiff) [[ $2 == 0 || $2 == 1 ]] ;;
  *) [[ $2 == 0 ]] ;;
  esac
}

runs_for() { local v="RUNS_$1_$2"; echo "${!v:-$RUNS}"; }
timeout_for() { local v="TIMEOUT_$1"; echo "${!v:-$TIMEOUT}"; }

declare -A WALLS=() CPUS=() RSSES=() NRUNS=() FAIL=() F1=()

# run_once TOOL N: one timed run; appends to WALLS and RSSES, or sets FAIL.
run_once() {
  local tool=$1 n=$2 d=$WORK/pairs/$2 to rc start end last wall rss usr sys
  to=$(timeout_for "$tool")
  cmd_for "$tool" "$d"
  local out=$WORK/out/$tool-$n.out err=$WORK/out/$tool-$n.err tf=$WORK/out/$tool-$n.time
  start=$(date +%s%N)
  rc=0
  GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null \
    /usr/bin/time -f '%e %M %U %S' -o "$tf" timeout -k 5 "$to" "${CMD[@]}" >"$out" 2>"$err" || rc=$?
  end=$(date +%s%N)
  if [[ $rc == 124 || $rc == 137 ]]; then
    FAIL[$tool,$n]="> $to s (stopped by timeout)"
    return
  fi
  if ! ok_exit "$tool" "$rc"; then
    FAIL[$tool,$n]="failed (exit $rc): $(head -c 200 "$err" | tr '\n|' ' /')"
    return
  fi
  last=$(tail -n1 "$tf")
  # The last line (GNU time puts "Command exited with non-zero status" first).
  read -r _ rss usr sys <<<"$last"
  wall=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
  WALLS[$tool,$n]+="$wall "
  RSSES[$tool,$n]+="$rss "
  CPUS[$tool,$n]+="$(awk -v u="$usr" -v s="$sys" 'BEGIN { printf "%.3f", u + s }') "
  NRUNS[$tool,$n]=$((${NRUNS[$tool,$n]:-0} + 1))
}

median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) printf "%.3f", a[(NR + 1) / 2]; else printf "%.3f", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
minimum() { printf '%s\n' "$@" | sort -g | sed -n 1p; }
maximum() { printf '%s\n' "$@" | sort -g | tail -n1; }
kb_to_mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k * 1024 / 1e6 }'; }
fmt_s() { awk -v s="$1" 'BEGIN { if (s < 10) printf "%.3f s", s; else printf "%.1f s", s }'; }
fmt_cpu() { awk -v s="$1" 'BEGIN { if (s < 10) printf "%.2f s", s; else printf "%.1f s", s }'; } # /usr/bin/time: 10 ms steps
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { if (v <= t) print "met"; else print "NOT met" }'; }

mkdir -p "$WORK/out"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
LOADS=${LOAD_BEFORE%% *} # 1-minute load averages sampled during the runs
STARTED=$(date -u '+%Y-%m-%d %H:%M UTC')
for n in $SIZES; do
  # Interleave the tools, run by run, so that a burst of load on the machine
  # falls on all of them rather than on one.
  maxruns=0
  for tool in $TOOLS; do
    if [[ -n ${SKIP[$tool]:-} ]]; then continue; fi
    r=$(runs_for "$tool" "$n")
    if ((r > maxruns)); then maxruns=$r; fi
  done
  for ((k = 1; k <= maxruns; k++)); do
    for tool in $TOOLS; do
      if [[ -n ${SKIP[$tool]:-} || -n ${FAIL[$tool,$n]:-} ]] || ((k > $(runs_for "$tool" "$n"))); then continue; fi
      log "$n clauses: $tool, run $k"
      run_once "$tool" "$n"
      LOADS+=" $(cut -d' ' -f1 /proc/loadavg)"
    done
  done
  for tool in plandiff plandiff_auto; do
    if [[ -z ${FAIL[$tool,$n]:-} && -n ${NRUNS[$tool,$n]:-} ]]; then
      line=$("$SYNTH" eval -truth "$WORK/pairs/$n/truth.json" -diff "$WORK/out/$tool-$n.out" -json)
      F1[$tool,$n]=$(sed -n 's/^{"pairs":{"precision":[^,]*,"recall":[^,]*,"f1":\([0-9.e+-]*\),.*/\1/p' <<<"$line")
      [[ -n ${F1[$tool,$n]} ]] || die "cannot read the F1 from synth eval: $line"
      "$SYNTH" eval -truth "$WORK/pairs/$n/truth.json" -diff "$WORK/out/$tool-$n.out" >"$WORK/out/$tool-$n.eval.txt"
    fi
  done
done
# ---------------------------------------------------------------- limits
# The largest inputs the caps admit (`synth limits`, see internal/synth
# limits.go): validate on one file of each case, diff (text and JSON) on
# each pair. One run each: what is measured is peak memory, which does not
# depend on the load; times are given as they came.
LIMIT_ROWS=()
LIMIT_CASES=()
LIMIT_WORST=0
LIMIT_FAILED=0
LIMITS_STARTED=$(date -u '+%Y-%m-%d %H:%M UTC')
LIMITS_LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
if [[ $LIMITS == 1 ]]; then
  L=$WORK/limits
  rm -rf "$L"
  largs=()
  [[ -z ${LIMIT_MAX_BYTES:-} ]] || largs+=(-max-bytes "$LIMIT_MAX_BYTES")
  [[ -z ${LIMIT_MAX_CLAUSES:-} ]] || largs+=(-max-clauses "$LIMIT_MAX_CLAUSES")
  log "generating the largest inputs the caps admit in $L"
  "$SYNTH" limits "${largs[@]}" -o "$L"
  # limit_run CASE WANT_EXIT CLAUSES FILES... -- ARGS...: one timed run of
  # plandiff ARGS in $L; appends a row to LIMIT_ROWS.
  limit_run() {
    local name=$1 want=$2 clauses=$3 bytes=0 rc=0 tf=$L/run.time out=$L/run.out err=$L/run.err
    shift 3
    while [[ $1 != -- ]]; do bytes=$((bytes + $(stat -c %s "$L/$1"))); shift; done
    shift
    log "limits: $name: plandiff $*"
    (cd "$L" && /usr/bin/time -f '%e %M %U %S' -o "$tf" timeout -k 5 "$TIMEOUT" "$PLANDIFF" "$@" </dev/null >"$out" 2>"$err") || rc=$?
    LOADS+=" $(cut -d' ' -f1 /proc/loadavg)"
    local wall rss usr sys mb verdict obytes
    read -r wall rss usr sys <<<"$(tail -n1 "$tf")"
    obytes=$(stat -c %s "$out")
    if [[ $rc == 124 || $rc == 137 ]]; then
      LIMIT_FAILED=1
      LIMIT_ROWS+=("| $name | \`plandiff $*\` | $clauses | $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') | > $TIMEOUT s (stopped by timeout) | – | – | – | – | – | NOT met |")
      return
    fi
    mb=$(kb_to_mb "$rss")
    if ((mb > LIMIT_WORST)); then LIMIT_WORST=$mb; fi
    verdict=$(verdict "$mb" "$TARGET_LIMIT_RSS")
    if [[ $rc != "$want" ]]; then
      LIMIT_FAILED=1
      verdict="exit $rc, want $want: $(head -c 200 "$err" | tr '\n|' ' /')"
    fi
    LIMIT_ROWS+=("| $name | \`plandiff $*\` | $clauses | $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') | $rc | $(fmt_s "$wall") | $(fmt_cpu "$(awk -v u="$usr" -v s="$sys" 'BEGIN { print u + s }')") | $mb MB | $(awk -v m="$mb" -v b="$bytes" 'BEGIN { printf "%.0fx", m * 1e6 / b }') | $(awk -v b="$obytes" 'BEGIN { printf "%.1f", b / 1e6 }') | $verdict |")
  }
  while IFS=$'\t' read -r name kind clauses files what; do
    read -r a b <<<"$files"
    LIMIT_CASES+=("- \`$name\` ($files): $what.")
    want=0
    [[ $kind == valid ]] || want=1
    limit_run "$name" "$want" "$clauses" "$a" -- validate "$a"
    if [[ -n ${b:-} ]]; then
      limit_run "$name" 0 "$clauses" "$a" "$b" -- diff "$a" "$b"
      limit_run "$name" 0 "$clauses" "$a" "$b" -- diff --format json "$a" "$b"
    fi
    if [[ $name == realistic ]]; then
      # The pair as a corpus (the new side supersedes the old), at the
      # corpus caps (twice a file's): its validation and the evolution
      # report in every format, which holds the lineage, the report's model
      # and its redlines (issue 12).
      mkdir -p "$L/realistic-corpus"
      cp "$L/$a" "$L/realistic-corpus/"
      old_id=$(sed -n 's/^  id: "\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$L/$a" | head -n1)
      [[ -n $old_id ]] || die "limits: no version id in $a"
      # The generator writes the pair unlinked: the new side supersedes the old.
      sed "0,/^  id: .*/s//&\n  supersedes: [$old_id]/" "$L/$b" >"$L/realistic-corpus/$b"
      limit_run "$name" 0 "$clauses" "$a" "$b" -- --plans realistic-corpus validate
      for f in markdown html json; do
        limit_run "$name" 0 "$clauses" "$a" "$b" -- --plans realistic-corpus report --format "$f"
      done
    fi
  done <"$L/cases.tsv"
  rm -f "$L/run.out" "$L/run.err" "$L/run.time"
fi

# limits_section prints the Limits section of the report.
limits_section() {
  echo "## Limits"
  echo
  if [[ $LIMITS == 1 ]]; then
    echo "Peak memory on the largest inputs plandiff's caps admit (a file of at most 32 MiB, 100,000"
    echo "clauses, and YAML of at most 16 nodes a clause allowed, or fewer for flow style, whose"
    echo "budget is counted from its punctuation; \`plandiff validate --help\`), written by"
    echo "\`synth limits -o bench/work/limits\`${largs[*]:+ with \`${largs[*]}\`}:"
    echo
    printf '%s\n' "${LIMIT_CASES[@]}"
    echo
    echo "One run per command, in \`bench/work/limits\`; peak RSS from \`/usr/bin/time -f %M\` in MB"
    echo "of 10^6 bytes, beside the size of the input it read (both sides for a diff) and the output it"
    echo "wrote to standard output. The realistic pair is also read as a corpus (\`--plans realistic-corpus\`, the"
    echo "new side superseding the old: the corpus caps, twice a file's, admit no more) for validate and report."
    echo "Target: no run above $TARGET_LIMIT_RSS MB (issue 12). The heap's soft limit"
    echo "(640 MiB unless GOMEMLIMIT is set, cmd/plandiff/main.go) makes the collector work harder as"
    echo "the heap nears it, so a peak near 670 MB means the limit held the heap, at some CPU cost."
    echo "Exit 1 from validate is a file with problems (the problems case, every problem reported)."
    if [[ $LIMITS_ONLY == 1 ]]; then
      echo
      echo "This section alone was measured on $LIMITS_STARTED (\`LIMITS_ONLY=1 scripts/bench.sh\`), plandiff"
      echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown); load average (1, 5, 15 min) before: $LIMITS_LOAD_BEFORE, after: $(cut -d' ' -f1-3 /proc/loadavg)."
      echo "The rest of the file is from its own run (see Machine)."
    fi
    echo
    echo "| case | command | clauses | input MB | exit | wall | CPU | peak RSS | RSS / input | output MB | ≤ $TARGET_LIMIT_RSS MB |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
    printf '%s\n' "${LIMIT_ROWS[@]}"
  else
    echo "Not run (LIMITS=0)."
  fi
}

if [[ $LIMITS_ONLY == 1 ]]; then
  [[ -f $OUT ]] || die "LIMITS_ONLY=1: $OUT does not exist (a full run writes it)"
  sec=$(mktemp)
  new=$(mktemp "$OUT.tmp.XXXXXX")
  trap 'rm -f "$sec" "$new"' EXIT
  {
    limits_section
    echo
  } >"$sec"
  if grep -q '^## Limits$' "$OUT"; then
    # The old section, up to the next one, gives way to the new.
    awk -v f="$sec" '/^## Limits$/ { while ((getline l < f) > 0) print l; skip = 1; next } skip && /^## / { skip = 0 } !skip' "$OUT" >"$new"
  else
    awk -v f="$sec" '/^## Where the time goes$/ && !done { while ((getline l < f) > 0) print l; done = 1 } { print }' "$OUT" >"$new"
  fi
  grep -q '^## Limits$' "$new" || die "LIMITS_ONLY=1: $OUT has no \"## Where the time goes\" to put the section before"
  mv -f "$new" "$OUT"
  rm -f "$sec"
  trap - EXIT
  log "wrote the Limits section of $OUT"
  exit 0
fi

LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

declare -A MED=() CPU=() PEAK=()
for n in $SIZES; do
  for tool in $TOOLS; do
    if [[ -n ${NRUNS[$tool,$n]:-} && -z ${FAIL[$tool,$n]:-} ]]; then
      # shellcheck disable=SC2086 # word lists by design
      MED[$tool,$n]=$(median ${WALLS[$tool,$n]})
      # shellcheck disable=SC2086
      PEAK[$tool,$n]=$(kb_to_mb "$(maximum ${RSSES[$tool,$n]})")
      # shellcheck disable=SC2086
      CPU[$tool,$n]=$(median ${CPUS[$tool,$n]})
    fi
  done
done

# ---------------------------------------------------------------- profile
PROF_NOTE=""
PROF_LINE=""
PROFILE_OPS=3
if [[ $PROFILE == 1 ]]; then
  case $PROFILE_SIZE in 300 | 3000 | 30000) ;; *) PROFILE_SIZE=30000 ;; esac
  log "profiling BenchmarkDiffJSON/$PROFILE_SIZE (pkg/render) for the CPU profile"
  if "$GO" test -run '^$' -bench "^BenchmarkDiffJSON\$/^$PROFILE_SIZE\$" -benchtime="${PROFILE_OPS}x" -benchmem \
    -cpuprofile "$WORK/cpu.prof" -o "$WORK/render.test" ./pkg/render >"$WORK/profile-bench.txt" 2>&1; then
    PROF_LINE=$(grep '^BenchmarkDiffJSON' "$WORK/profile-bench.txt" | tail -n1 || true)
  else
    PROF_NOTE="the profiling benchmark failed: $(tail -n3 "$WORK/profile-bench.txt" | tr '\n' ' ')"
    PROFILE=0
  fi
fi

# pp ARGS...: the milliseconds of CPU samples that pprof's filters ARGS keep.
pp() {
  go tool pprof -top -unit=ms -nodefraction=0 "$@" "$WORK/render.test" "$WORK/cpu.prof" 2>/dev/null |
    sed -n 's/^Showing nodes accounting for \([0-9.]*\)\(ms\)\{0,1\},.*/\1/p' | awk 'NR == 1 { v = $1 } END { print v + 0 }' || true
}
pp_total() {
  go tool pprof -top -unit=ms "$WORK/render.test" "$WORK/cpu.prof" 2>/dev/null |
    sed -n 's/.*Total samples = \([0-9.]*\)ms.*/\1/p' | awk 'NR == 1 { v = $1 } END { print v + 0 }' || true
}
# top_flat ARGS...: the functions with the most CPU time of their own.
top_flat() {
  go tool pprof -top -unit=ms -nodefraction=0 -nodecount="$1" "${@:2}" "$WORK/render.test" "$WORK/cpu.prof" 2>/dev/null |
    awk '/^ *flat/ { on = 1; next } on && NF >= 6 && $1 != "0" { name = $6; for (i = 7; i <= NF; i++) name = name " " $i; printf "%s %s\n", $1, name }' || true
}
pct() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f%%", 100 * a / b; else print "-" }'; }
metric() { sed -n "s|.* \([0-9.]*\) $1.*|\1|p" <<<"$PROF_LINE"; }

# ---------------------------------------------------------------- paraphrase
# The paraphrase benchmark (testdata/paraphrase): renderings of real
# versions in other words, scored against their truth files; -git counts the
# change regions of git's word diff on the same pairs, -links the agreement
# of content mode with the corpus's id links. Held-out renderings are left
# out here, as in every tuning run (parabench -heldout scores them).
log "paraphrase benchmark"
PARA_GIT=""
if command -v git >/dev/null; then PARA_GIT=-git; fi
PARA_OUT=$("$BINDIR/parabench" -dir "$ROOT/testdata/paraphrase" $PARA_GIT -links 2>&1) || die "parabench failed: $PARA_OUT"

# ---------------------------------------------------------------- report

cell() { # TOOL N -> "wall | peak | runs | F1" cells
  local tool=$1 n=$2 runs f1
  runs=$(runs_for "$tool" "$n")
  case $tool in
  plandiff*)
    f1=${F1[$tool,$n]:-–}
    if [[ $f1 != – ]]; then f1=$(awk -v f="$f1" 'BEGIN { printf "%.4f", f }'); fi
    ;;
  *) f1="n/a (no alignment)" ;;
  esac
  if [[ -n ${SKIP[$tool]:-} ]]; then
    echo "skipped | – | – | 0 | $f1"
  elif [[ $runs == 0 ]]; then
    echo "not run (RUNS_${tool}_$n=0) | – | – | 0 | $f1"
  elif [[ -n ${FAIL[$tool,$n]:-} ]]; then
    echo "${FAIL[$tool,$n]} | – | – | ${NRUNS[$tool,$n]:-0} of $runs | $f1"
  else
    local mn mx
    # shellcheck disable=SC2086
    mn=$(minimum ${WALLS[$tool,$n]})
    # shellcheck disable=SC2086
    mx=$(maximum ${WALLS[$tool,$n]})
    echo "$(fmt_s "${MED[$tool,$n]}") ($(fmt_s "$mn")–$(fmt_s "$mx")) | $(fmt_cpu "${CPU[$tool,$n]}") | ${PEAK[$tool,$n]} MB | ${NRUNS[$tool,$n]} | $f1"
  fi
}

growth() { # TOOL -> wall and RSS growth from 3,000 to 30,000
  local tool=$1
  if [[ -n ${MED[$tool,3000]:-} && -n ${MED[$tool,30000]:-} ]]; then
    awk -v a="${MED[$tool,3000]}" -v b="${MED[$tool,30000]}" -v c="${PEAK[$tool,3000]}" -v d="${PEAK[$tool,30000]}" \
      -v e="${CPU[$tool,3000]}" -v f="${CPU[$tool,30000]}" \
      'BEGIN { printf "%.1fx | %s | %.1fx", b / a, (e > 0 ? sprintf("%.1fx", f / e) : "–"), d / c }'
  elif [[ -n ${SKIP[$tool]:-} ]]; then
    echo "skipped | skipped | skipped"
  elif [[ -n ${FAIL[$tool,30000]:-} ]]; then
    echo "not measured (30,000: ${FAIL[$tool,30000]}) | – | –"
  elif [[ -n ${FAIL[$tool,3000]:-} ]]; then
    echo "not measured (3,000: ${FAIL[$tool,3000]}) | – | –"
  else
    echo "not measured (SIZES lacks 3000 or 30000) | – | –"
  fi
}


# Busy: the 1-minute load average, sampled after every run, went above half
# the cores, so other work competed for the CPU.
# shellcheck disable=SC2086
BUSY=$(awk -v n="$(nproc)" 'BEGIN { b = 0 } $1 > n / 2 { b = 1 } END { print b }' <<<"$(printf '%s\n' $LOADS)")

md=$(mktemp "$OUT.tmp.XXXXXX")
trap 'rm -f "$md"' EXIT
{
  cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | sed -n 1p)
  mem=$(awk '/^MemTotal/ { printf "%.1f GB", $2 * 1024 / 1e9 }' /proc/meminfo)
  commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
  dirty=$(git status --porcelain --untracked-files=no 2>/dev/null | sed -n 1p || true)
  echo "# Benchmarks"
  echo
  echo "Generated by \`scripts/bench.sh\` (\`make bench\`) on $STARTED; do not edit by hand."
  if [[ $QUICK == 1 ]]; then
    echo
    echo "**QUICK=1 run: fewer sizes and runs than the full benchmark; not the numbers to quote.**"
  fi
  echo
  echo "## Machine"
  echo
  echo "- CPU: ${cpu:-unknown}, $(nproc) cores (nproc), $mem of memory"
  echo "- $(uname -sr), $("$GO" version | sed 's/^go version //')"
  echo "- plandiff: ${VERSION[plandiff]}, commit $commit${dirty:+ with uncommitted changes in the working tree}"
  # The heap of a large diff is faulted in 2 MB pages where the kernel allows.
  thp=$(sed -n 's/.*\[\(.*\)\].*/\1/p' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null || true)
  echo "- transparent huge pages: ${thp:-not available}; plandiff advises them for its heap when its input files reach 1 MB (cmd/plandiff/heap.go; GODEBUG=disablethp=1 turns that off)"
  # shellcheck disable=SC2086
  echo "- load average (1, 5, 15 min) before the runs: $LOAD_BEFORE; after: $LOAD_AFTER; highest 1-min value seen between runs: $(maximum $LOADS)"
  if [[ $BUSY == 1 ]]; then
    echo
    echo "Other work was running on the machine during these runs (the load average is above half"
    echo "the cores), so the times are noisy and likely longer than on an idle machine."
  fi
  echo
  echo "## Reproduce"
  echo
  echo '```sh'
  echo 'make bench                     # Go benchmarks into bench/work/go-bench.txt, then scripts/bench.sh'
  echo 'scripts/bench.sh               # the side-by-side run alone (SIZES, RUNS, PEERS, QUICK=1: see the script)'
  echo 'go run ./cmd/synth gen -n 30000 -seed 1 -o /tmp/pair   # one pair: old/new.yaml, old/new.txt, truth.json'
  echo 'plandiff diff --match content --format json /tmp/pair/old.yaml /tmp/pair/new.yaml > out.json'
  echo 'go run ./cmd/synth eval -truth /tmp/pair/truth.json -diff out.json'
  echo 'go run ./cmd/synth limits -o /tmp/limits    # the largest inputs the caps admit (see Limits)'
  echo '```'
  echo
  echo "## Side by side"
  echo
  echo "Pairs from \`synth gen -n N -seed 1\` (default mutation mix: rewording, moves, splits,"
  echo "merges, removals, additions, promotions; every new clause has a fresh id, so alignment"
  echo "is by content alone). The YAML goes to plandiff and dyff; the text rendering (one clause"
  echo "per paragraph, \"number text\") to git and wdiff."
  echo
  echo "| clauses | YAML, both sides | text, both sides |"
  echo "|---:|---:|---:|"
  for n in $SIZES; do
    echo "| $n | $(awk -v b="${YAMLBYTES[$n]}" 'BEGIN { printf "%.1f MB", b / 1e6 }') | $(awk -v b="${TXTBYTES[$n]}" 'BEGIN { printf "%.1f MB", b / 1e6 }') |"
  done
  echo
  echo "Each cell: median wall time over the runs (fastest–slowest), median CPU time (user +"
  echo "system, \`/usr/bin/time -f '%U %S'\`: less disturbed than wall time by other work on the"
  echo "machine, and above the wall time when a tool uses several cores), the largest peak RSS of"
  echo "the runs (\`/usr/bin/time -f %M\`, in MB of 10^6 bytes), the number of runs, and the pair"
  echo "F1 of the alignment against the generator's truth (\`synth eval\`). Wall time is taken"
  echo "with \`date +%s%N\` around each run and includes starting the process. Runs of the tools"
  echo "are interleaved. The peers do not align clauses, so they have no F1."
  echo
  echo "| clauses | tool | median wall (range) | median CPU | peak RSS | runs | pair F1 |"
  echo "|---:|---|---|---:|---:|---:|---|"
  for n in $SIZES; do
    for tool in $TOOLS; do
      echo "| $n | $(label "$tool") | $(cell "$tool" "$n") |"
    done
  done
  fewer=""
  for n in $SIZES; do
    for tool in $TOOLS; do
      r=$(runs_for "$tool" "$n")
      if [[ $r != "$RUNS" && -z ${SKIP[$tool]:-} ]]; then fewer+="${fewer:+, }$(label "$tool") at $n clauses: $r (RUNS_${tool}_$n)"; fi
    done
  done
  if [[ -n $fewer ]]; then
    echo
    echo "Runs per cell: $RUNS (RUNS), except $fewer; a single run's time is its own, not a median."
  fi
  echo
  echo "Commands, run in \`bench/work/pairs/N\`:"
  echo
  for tool in $TOOLS; do
    v=${VERSION[$tool]:-}
    case $tool in plandiff*) v="" ;; esac # in the machine section
    echo "- $(label "$tool"): \`$(display_cmd "$tool")\`${v:+ ($v)}"
  done
  echo
  echo "What the peers do with these files: git and wdiff diff the whole text as one sequence"
  echo "of words, so a moved, split or merged clause shows as words deleted in one place and"
  echo "inserted in another, with no clause pairing. dyff compares the YAML structurally and"
  echo "pairs list entries by their \`id\` field; the generator gives every new clause a fresh"
  echo "id, so dyff reports the old clauses removed and the new ones added. None of them reports"
  echo "which clause became which, so none has a pair F1."
  if ((${#SKIP[@]} > 0)); then
    echo
    echo "Skipped:"
    echo
    for tool in $TOOLS; do
      if [[ -n ${SKIP[$tool]:-} ]]; then echo "- $(label "$tool"): ${SKIP[$tool]}"; fi
    done
  fi
  echo
  echo "### Growth from 3,000 to 30,000 clauses"
  echo
  echo "| tool | median wall time | median CPU time | peak RSS |"
  echo "|---|---:|---:|---:|"
  for tool in $TOOLS; do
    echo "| $(label "$tool") | $(growth "$tool") |"
  done
  echo
  echo "## Paraphrase benchmark"
  echo
  echo "Independent renderings of real versions in other words (testdata/paraphrase/README.md),"
  echo "content mode, scored against their truth files by \`go run ./cmd/parabench${PARA_GIT:+ $PARA_GIT} -links\`;"
  echo "the synthetic pair F1 is in the table above."
  echo
  echo '```'
  echo "$PARA_OUT"
  echo '```'
  echo
  echo "## Targets"
  echo
  echo "Content mode, JSON output (\`plandiff diff --match content --format json\`), computed from the table above:"
  echo
  echo "| target | measured | verdict |"
  echo "|---|---:|---|"
  if [[ -n ${MED[plandiff,30000]:-} ]]; then
    echo "| 30,000 clauses: median wall time ≤ $TARGET_WALL s | $(fmt_s "${MED[plandiff,30000]}") | $(verdict "${MED[plandiff,30000]}" $TARGET_WALL) |"
    echo "| 30,000 clauses: peak RSS ≤ $TARGET_RSS MB | ${PEAK[plandiff,30000]} MB | $(verdict "${PEAK[plandiff,30000]}" $TARGET_RSS) |"
  else
    why="not measured (${FAIL[plandiff,30000]:-SIZES lacks 30000})"
    echo "| 30,000 clauses: median wall time ≤ $TARGET_WALL s | – | $why |"
    echo "| 30,000 clauses: peak RSS ≤ $TARGET_RSS MB | – | $why |"
  fi
  if [[ -n ${MED[plandiff,3000]:-} && -n ${MED[plandiff,30000]:-} ]]; then
    g=$(awk -v a="${MED[plandiff,3000]}" -v b="${MED[plandiff,30000]}" 'BEGIN { printf "%.1f", b / a }')
    echo "| growth 3,000 → 30,000 ≤ ${TARGET_GROWTH}x | ${g}x | $(verdict "$g" $TARGET_GROWTH) |"
  else
    echo "| growth 3,000 → 30,000 ≤ ${TARGET_GROWTH}x | – | not measured (needs both sizes) |"
  fi
  if [[ $LIMITS == 1 ]]; then
    if [[ $LIMIT_FAILED == 1 ]]; then
      echo "| largest inputs the caps admit: peak RSS ≤ $TARGET_LIMIT_RSS MB | $LIMIT_WORST MB | NOT met: a run failed (see Limits) |"
    else
      echo "| largest inputs the caps admit: peak RSS ≤ $TARGET_LIMIT_RSS MB | $LIMIT_WORST MB | $(verdict "$LIMIT_WORST" $TARGET_LIMIT_RSS) |"
    fi
  else
    echo "| largest inputs the caps admit: peak RSS ≤ $TARGET_LIMIT_RSS MB | – | not measured (LIMITS=0) |"
  fi
  echo
  if [[ $BUSY == 1 ]]; then
    echo "Other work was running on the machine during the runs (see Machine): the wall-time"
    echo "verdicts may be too pessimistic; the CPU time column is the steadier measure."
    echo
  fi
  echo "Speed is measured here and never asserted by a timed test."
  echo
  limits_section
  echo
  echo "## Where the time goes"
  echo
  if [[ $PROFILE == 1 ]]; then
    total=$(pp_total)
    t_parse=$(pp -tagfocus=phase=parse)
    t_cmp=$(pp -tagfocus=phase=compare)
    t_rend=$(pp -tagfocus=phase=render)
    t_edits=$(pp -tagfocus=phase=compare -focus='pkg/diff/words\.\(\*Differ\)\.Diff$|pkg/diff/words\.Figures$')
    t_words=$(pp -tagfocus=phase=compare -focus='pkg/diff/words\.')
    t_align=$(awk -v a="$t_cmp" -v b="$t_words" 'BEGIN { print a - b }')
    t_tok=$(awk -v a="$t_words" -v b="$t_edits" 'BEGIN { print a - b }')
    t_gc=$(pp -tagignore=phase=. -focus='runtime\.gcBgMarkWorker')
    t_setup=$(pp -tagignore=phase=. -focus='internal/synth\.|render_test\.benchFor')
    t_rest=$(awk -v a="$total" -v b="$t_parse" -v c="$t_cmp" -v d="$t_rend" -v e="$t_gc" -v f="$t_setup" 'BEGIN { print a - b - c - d - e - f }')
    t_work=$(awk -v a="$total" -v f="$t_setup" 'BEGIN { print a - f }')
    alloc() { op "$(pp -tagfocus=phase="$1" -focus='runtime\.mallocgc|runtime\.gcAssistAlloc|runtime\.growslice')"; }
    op() { awk -v v="$1" -v n="$PROFILE_OPS" 'BEGIN { printf "%.0f", v / n }'; } # CPU ms per op
    echo "A CPU profile (\`go test -bench 'BenchmarkDiffJSON/^$PROFILE_SIZE\$' -benchtime=${PROFILE_OPS}x -cpuprofile\` in"
    echo "pkg/render) of what \`plandiff diff --match content --format json\` does on the $PROFILE_SIZE-clause pair:"
    echo "parse both YAML files, compare by content, write the JSON. Each phase runs under a pprof"
    echo "label, so the goroutines the comparison starts count towards it. CPU time is summed over"
    echo "the $(nproc) cores and divided by the $PROFILE_OPS operations profiled; the wall time of each phase is"
    echo "the benchmark's own measure. A phase whose wall time exceeds its CPU time divided by the"
    echo "cores it can use was waiting for the CPU: the machine was busy with other work."
    echo
    echo "Benchmark: \`$(sed 's/[[:space:]]\{1,\}/ /g' <<<"$PROF_LINE")\`"
    echo
    echo "| phase | wall per op | CPU per op | share of CPU | of which allocation and GC assist |"
    echo "|---|---:|---:|---:|---:|"
    echo "| YAML parse (plan.Parse, both sides) | $(metric parse-ms/op) ms | $(op "$t_parse") ms | $(pct "$t_parse" "$t_work") | $(alloc parse) ms |"
    echo "| compare (diff.Compare) | $(metric compare-ms/op) ms | $(op "$t_cmp") ms | $(pct "$t_cmp" "$t_work") | $(alloc compare) ms |"
    echo "| · alignment and the rest of Compare | | $(op "$t_align") ms | $(pct "$t_align" "$t_work") | |"
    echo "| · word edits and figures (words.Differ.Diff, words.Figures) | | $(op "$t_edits") ms | $(pct "$t_edits" "$t_work") | |"
    echo "| · other word-level work (tokenising, similarity) | | $(op "$t_tok") ms | $(pct "$t_tok" "$t_work") | |"
    echo "| JSON rendering (render.JSON) | $(metric render-ms/op) ms | $(op "$t_rend") ms | $(pct "$t_rend" "$t_work") | $(alloc render) ms |"
    echo "| background GC (runtime.gcBgMarkWorker) | | $(op "$t_gc") ms | $(pct "$t_gc" "$t_work") | |"
    echo "| other (runtime, scheduler, test harness) | | $(op "$t_rest") ms | $(pct "$t_rest" "$t_work") | |"
    echo
    echo "Shares are of the $t_work ms of CPU the profile holds outside the benchmark's setup"
    echo "(generating the pair, $t_setup ms, is left out)."
    echo
    summary=$(printf '%s %s\n' "$t_parse" "YAML parsing" "$t_align" "alignment" "$t_edits" "word edits and figures" \
      "$t_tok" "tokenising and similarity" "$t_rend" "JSON rendering" "$t_gc" "background GC" | sort -g -r |
      awk -v w="$t_work" 'NR <= 3 { printf "%s%s (%.0f%%)", (NR > 1 ? (NR == 3 ? " and " : ", ") : ""), substr($0, index($0, " ") + 1), 100 * $1 / w }')
    echo "In short: at $PROFILE_SIZE clauses the CPU goes mostly to $summary."
    echo
    echo "The lists below are in milliseconds of CPU over the $PROFILE_OPS operations."
    for ph in parse compare render; do
      echo
      echo "Most CPU of their own in phase $ph (ms, function):"
      echo
      echo '```'
      top_flat 8 -tagfocus=phase=$ph
      echo '```'
    done
    echo
    echo "Top cumulative, all phases (\`go tool pprof -top -cum\`, harness frames left out):"
    echo
    echo '```'
    go tool pprof -top -cum -unit=ms -nodecount=60 -tagfocus=phase=. "$WORK/render.test" "$WORK/cpu.prof" 2>/dev/null |
      awk '/^ *flat/ { on = 1; print; next } on' |
      grep -v -E 'testing\.|runtime/pprof\.Do|render_test\.BenchmarkDiffJSON' | awk 'NR <= 26' || true
    echo '```'
    echo
    echo "The profile is kept in \`bench/work/cpu.prof\` (binary \`bench/work/render.test\`):"
    echo "\`go tool pprof -http=: bench/work/render.test bench/work/cpu.prof\`."
  else
    echo "Not profiled${PROF_NOTE:+: $PROF_NOTE}${PROF_NOTE:- (PROFILE=0)}."
  fi
  echo
  echo "## Go benchmarks"
  echo
  if [[ -s $GO_BENCH ]] && grep -q '^Benchmark' "$GO_BENCH"; then
    echo "From \`$(realpath --relative-to="$ROOT" "$GO_BENCH")\` ($(date -u -r "$GO_BENCH" '+%Y-%m-%d %H:%M UTC')),"
    echo "\`go test -run '^\$' -bench . -benchmem ./pkg/plan ./pkg/diff/... ./pkg/render ./pkg/report\`,"
    echo "on pairs from the generator (seed 1, default rates); the size is the old side's clause"
    echo "count. Times per operation; MB/s where the benchmark sets the bytes it processes."
    echo
    echo "| package | benchmark | ns/op | ms/op | MB/s | B/op | allocs/op | other metrics |"
    echo "|---|---|---:|---:|---:|---:|---:|---|"
    awk '
      /^pkg: / { pkg = $2; sub(/^github.com\/plandiff\/plandiff\//, "", pkg); next }
      /^Benchmark/ && / ns\/op/ {
        name = $1; sub(/-[0-9]+$/, "", name); sub(/^Benchmark/, "", name)
        ns = ""; mbs = ""; bop = ""; aop = ""; other = ""
        for (i = 3; i < NF; i += 2) {
          v = $i; u = $(i + 1)
          if (u == "ns/op") ns = v
          else if (u == "MB/s") mbs = v
          else if (u == "B/op") bop = v
          else if (u == "allocs/op") aop = v
          else other = other (other == "" ? "" : ", ") v " " u
        }
        printf "| %s | %s | %s | %.2f | %s | %s | %s | %s |\n", pkg, name, ns, ns / 1e6, mbs, bop, aop, other
      }' "$GO_BENCH"
    if grep -q -E '^(FAIL|--- FAIL|panic:)' "$GO_BENCH"; then
      echo
      echo "**Some Go benchmarks failed; see the file.**"
    fi
  else
    echo "Not run: \`$(realpath --relative-to="$ROOT" "$GO_BENCH" 2>/dev/null || echo "$GO_BENCH")\` is missing or has no results;"
    echo "\`make bench\` runs the Go benchmarks before this script."
  fi
} >"$md"
mv -f "$md" "$OUT"
trap - EXIT
log "wrote $OUT"
