#!/usr/bin/env bash
# The work of action.yml, testable without GitHub (testdata/script/action.txtar
# runs it with a fake gh): run `plandiff changed` once for the JSON and once
# for the Markdown comment, post the comment or update the one posted before
# (found by its marker line), and end with changed's status, so that a
# changed file failing validation fails the check after the comment is up.
#
# Environment: PLANDIFF_PLANS (corpus directory, may be empty), PLANDIFF_BASE
# (default origin/$GITHUB_BASE_REF), PLANDIFF_COMMENT (true/false),
# PLANDIFF_MAX_BYTES, PLANDIFF_PR (the pull request's number), GITHUB_REPOSITORY,
# GITHUB_OUTPUT, GITHUB_STEP_SUMMARY; gh reads GH_TOKEN.
set -euo pipefail

marker='<!-- plandiff changed -->'
base=${PLANDIFF_BASE:-}
if [ -z "$base" ]; then
  if [ -z "${GITHUB_BASE_REF:-}" ]; then
    echo "plandiff action: not a pull request and no base given" >&2
    exit 2
  fi
  base="origin/$GITHUB_BASE_REF"
fi
plans=()
if [ -n "${PLANDIFF_PLANS:-}" ]; then
  plans=(--plans "$PLANDIFF_PLANS")
fi
out=${RUNNER_TEMP:-.}
json="$out/plandiff-changed.json"
md="$out/plandiff-changed.md"

# 0: every changed file valid; 1: some fail validation; 2 and more: trouble.
status=0
plandiff "${plans[@]}" changed --base "$base" --format json -o "$json" || status=$?
if [ "$status" -ge 2 ]; then
  exit "$status"
fi
plandiff "${plans[@]}" changed --base "$base" --format markdown \
  --max-bytes "${PLANDIFF_MAX_BYTES:-65000}" -o "$md" || true

if [ -n "${GITHUB_OUTPUT:-}" ]; then
  { echo "status=$status"; echo "json=$json"; } >>"$GITHUB_OUTPUT"
fi
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  cat "$md" >>"$GITHUB_STEP_SUMMARY"
fi

if [ "${PLANDIFF_COMMENT:-true}" = true ] && [ -n "${PLANDIFF_PR:-}" ]; then
  repo=${GITHUB_REPOSITORY:?GITHUB_REPOSITORY is not set}
  # The first comment of ours that starts with the marker, if any.
  id=$(gh api --paginate "repos/$repo/issues/$PLANDIFF_PR/comments" \
    --jq ".[] | select(.body | startswith(\"$marker\")) | .id" | head -n 1)
  if [ -n "$id" ]; then
    gh api --method PATCH "repos/$repo/issues/comments/$id" -F "body=@$md" >/dev/null
    echo "plandiff: updated comment $id"
  else
    gh api --method POST "repos/$repo/issues/$PLANDIFF_PR/comments" -F "body=@$md" >/dev/null
    echo "plandiff: posted a comment on #$PLANDIFF_PR"
  fi
fi
exit "$status"
