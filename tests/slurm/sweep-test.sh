#!/usr/bin/env bash
# Issue 15's Slurm check: a 4-task array sweep on a private one-node Slurm (scripts/slurm-local.sh) against the same
# sweep in one process. Each task runs `miecool sweep` without --shard (its slice comes from SLURM_ARRAY_TASK_ID and
# SLURM_ARRAY_TASK_COUNT); the post-step merges (`miecool sweep merge`) and compares sweep.csv with the one-process
# table, every value exactly. Then the script `miecool sweep ... --slurm` writes is submitted as it is (sbatch --wait),
# merged and compared the same way.
#   tests/slurm/sweep-test.sh [MIECOOL_DLL]     (default: src/Cli/bin/Release/net10.0/miecool.dll, built by ./test.sh)
# Exit codes: 0 passed, 1 failed, 77 skipped (Slurm cannot be set up here; the reason is printed).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dll="${1:-$root/src/Cli/bin/Release/net10.0/miecool.dll}"
[ -f "$dll" ] || { echo "sweep-test: $dll not found (build first: ./test.sh or dotnet build -c Release)" >&2; exit 1; }
case_file="$root/cases/tonkaev2019_mapbi3_d530.toml"
vary="particle.diameter=500:530:10nm"
one="$(mktemp -d /tmp/miecool-sweep-one.XXXXXX)"
trap 'rm -rf "$one"' EXIT
# the one-process sweep first: the table every shard's merge must reproduce
if ! dotnet "$dll" sweep "$case_file" --vary "$vary" --coarse --no-fields --quiet --out "$one/sweep" > /dev/null; then
  echo "sweep-test: the one-process sweep failed" >&2; exit 1
fi
export MIECOOL_SWEEP_REFERENCE="$one/sweep/sweep.csv"
"$root/tests/slurm/array-test.sh" --tasks 4 \
  --task-cmd "dotnet '$dll' sweep '$case_file' --vary '$vary' --coarse --no-fields --quiet --out \"\$OUT/sweep\"" \
  --post-cmd "dotnet '$dll' sweep merge \"\$OUT/sweep\" --quiet > /dev/null && cmp \"\$OUT/sweep/sweep.csv\" \"\$MIECOOL_SWEEP_REFERENCE\""
rc=$?
[ "$rc" -eq 0 ] || exit "$rc"
# the script that --slurm writes, submitted as it is
dotnet "$dll" sweep "$case_file" --vary "$vary" --coarse --no-fields --slurm --tasks 4 --time 0:10:00 --out "$one/slurm" \
  > /dev/null || { echo "sweep-test: sweep --slurm failed" >&2; exit 1; }
"$root/scripts/slurm-local.sh" run -- bash -c "sbatch --wait --partition=local '$one/slurm/sweep.sbatch' > /dev/null" || exit $?
dotnet "$dll" sweep merge "$one/slurm" --quiet > /dev/null || { echo "sweep-test: merge of the --slurm sweep failed" >&2; exit 1; }
if cmp "$one/slurm/sweep.csv" "$MIECOOL_SWEEP_REFERENCE"; then
  echo "sweep-test: the --slurm script's sweep equals the one-process sweep"
else
  echo "sweep-test: the --slurm script's sweep.csv differs from the one-process sweep" >&2; exit 1
fi
