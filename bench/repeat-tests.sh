#!/usr/bin/env bash
# Runs test projects again and again, to show that they pass every time (issue 13: "the Cli and Viewer test projects pass
# 30 times in a row"); stops at the first failing run and keeps its log. Builds once first.
#   bench/repeat-tests.sh N PROJECT...     e.g. bench/repeat-tests.sh 30 Cli Viewer
# Prints one line per run (project, run, result, seconds) and a summary; exits 1 at a failure.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
[ $# -ge 2 ] || { echo "usage: bench/repeat-tests.sh N PROJECT... (projects of tests/, e.g. Cli Viewer)" >&2; exit 2; }
n=$1; shift
case "$n" in ''|*[!0-9]*) echo "error: N must be a positive integer, not '$n'" >&2; exit 2 ;; esac
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MIECOOL_MESH_CACHE="${MIECOOL_MESH_CACHE:-off}"
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
for p in "$@"; do [ -d "tests/$p.Tests" ] || { echo "error: no test project tests/$p.Tests" >&2; exit 2; }; done
dotnet build MieCool.sln -c Release -nologo -v q > /dev/null || { echo "error: build failed" >&2; exit 1; }
runner=(); if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null; then runner=(xvfb-run -a -s "-screen 0 1280x1024x24"); fi
log=$(mktemp)
for p in "$@"; do
  for i in $(seq "$n"); do
    start=$(date +%s)
    if "${runner[@]}" dotnet test "tests/$p.Tests" -c Release --no-build -nologo > "$log" 2>&1; then
      echo "$p run $i/$n: $(grep -Eo 'Passed: +[0-9]+' "$log" | tail -1), $(( $(date +%s) - start )) s"
    else
      echo "$p run $i/$n: FAILED after $(( $(date +%s) - start )) s; its log: $log" >&2
      grep -E "\[FAIL\]|Test host process crashed|Error Message" -A3 "$log" | head -20 >&2
      exit 1
    fi
  done
done
rm -f "$log"
echo "repeat-tests: $* passed $n times in a row each"
