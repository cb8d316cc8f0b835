#!/usr/bin/env bash
# Submits a Slurm array job built from src/Cli/Sweep/sweep-array.sbatch.template to a private one-node Slurm that
# scripts/slurm-local.sh starts and stops, waits for every task, checks them, then runs a post-step.
#
#   tests/slurm/array-test.sh [--tasks N] [--task-cmd CMD] [--post-cmd CMD] [--out DIR] [--timeout S] [--here]
#
# CMD is a bash snippet; it sees OUT (the output folder) and Slurm's SLURM_ARRAY_TASK_ID / SLURM_ARRAY_TASK_COUNT.
#   --task-cmd   what each array task runs (env MIECOOL_SLURM_TASK_CMD). Default: writes
#                "$SLURM_ARRAY_TASK_ID $SLURM_ARRAY_TASK_COUNT" to $OUT/task-$SLURM_ARRAY_TASK_ID.txt, and the post-step
#                then checks that there is exactly one file per task id 0..N-1, each with the count N.
#                A sweep task: 'dotnet /opt/miecool/miecool.dll sweep CASE --vary ... --out "$OUT/sweep" --no-fields --coarse'
#                (no --shard: the shard is read from the environment).
#   --post-cmd   run once on the submitting host after every task completed (env MIECOOL_SLURM_POST_CMD), e.g.
#                'dotnet /opt/miecool/miecool.dll sweep merge "$OUT/sweep" && cmp ... '; its exit code is the test's.
#   --out        output folder (default: a new folder under /tmp, removed on success)
#   --tasks      array size (default 4: --array=0-3)     --timeout  seconds to wait for the tasks (default 900)
#   --here       use the Slurm that SLURM_CONF / the environment already points to instead of starting one
# Exit codes: 0 passed, 1 failed, 77 skipped (Slurm cannot be set up on this machine; the reason is printed).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

tasks="${MIECOOL_SLURM_TASKS:-4}"
task_cmd="${MIECOOL_SLURM_TASK_CMD:-}"
post_cmd="${MIECOOL_SLURM_POST_CMD:-}"
out="${MIECOOL_SLURM_OUT:-}"
timeout_s="${MIECOOL_SLURM_TIMEOUT:-900}"
use_running=0
args=("$@")
while [ $# -gt 0 ]; do
  case "$1" in
    --tasks) tasks="$2"; shift 2 ;;
    --task-cmd) task_cmd="$2"; shift 2 ;;
    --post-cmd) post_cmd="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --timeout) timeout_s="$2"; shift 2 ;;
    --here) use_running=1; shift ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "array-test: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$tasks" =~ ^[1-9][0-9]*$ ]] || { echo "array-test: --tasks must be a positive integer, not '$tasks'" >&2; exit 2; }

# 1. Without a Slurm of our own yet: rerun this script inside one (slurm-local exits 77 when it cannot start one).
if [ "$use_running" = 0 ] && [ "${MIECOOL_SLURM_INSIDE:-}" != 1 ]; then
  MIECOOL_SLURM_INSIDE=1 exec "$root/scripts/slurm-local.sh" run -- "$0" "${args[@]}"
fi

say() { echo "array-test: $*" >&2; }
fail() { say "FAILED: $*"; echo "array-test: 0 passed, 1 failed"; exit 1; }

made_out=0
if [ -z "$out" ]; then out="$(mktemp -d /tmp/miecool-array.XXXXXX)"; made_out=1; fi
mkdir -p "$out/logs"
out="$(cd "$out" && pwd)"
export OUT="$out"
if [ -z "$task_cmd" ]; then
  task_cmd='echo "$SLURM_ARRAY_TASK_ID $SLURM_ARRAY_TASK_COUNT" > "$OUT/task-$SLURM_ARRAY_TASK_ID.txt"'
  default_check=1
else
  default_check=0
fi
partition="$(sinfo -h -o %R | head -n 1)"
[ -n "$partition" ] || fail "sinfo shows no partition"

# 2. The batch script: the template with its placeholders filled, empty #SBATCH options left out.
fill() {
  local text value
  text="$(cat "$here/../../src/Cli/Sweep/sweep-array.sbatch.template")"
  shopt -u patsub_replacement 2>/dev/null || true   # bash >= 5.2 would expand & in the replacement
  while [ $# -gt 0 ]; do value="$2"; text="${text//@$1@/$value}"; shift 2; done
  printf '%s\n' "$text" | grep -Ev '^#SBATCH --[a-z-]+=$'
}
fill JOB_NAME miecool-array-test ACCOUNT "" PARTITION "$partition" TIME 00:15:00 CPUS_PER_TASK 1 \
  ARRAY "0-$((tasks - 1))" LOG_DIR "$out/logs" WORK_DIR "$(printf %q "$root")" \
  TASK_COMMAND "export OUT=$(printf %q "$out")"$'\n'"$task_cmd" > "$out/array.sbatch"
grep -q '@[A-Z_]*@' "$out/array.sbatch" && fail "unfilled placeholder in $out/array.sbatch"

# 3. Submit and wait: every array task must reach a final state (scontrol keeps finished jobs for MinJobAge).
t0=$(date +%s.%N)
job="$(sbatch --parsable "$out/array.sbatch")" || fail "sbatch refused $out/array.sbatch"
job="${job%%;*}"
say "submitted array job $job (--array=0-$((tasks - 1)), partition $partition)"
final='COMPLETED|FAILED|CANCELLED|TIMEOUT|NODE_FAIL|OUT_OF_MEMORY|BOOT_FAIL|DEADLINE|PREEMPTED'
deadline=$(( $(date +%s) + timeout_s ))
while :; do
  records="$(scontrol show job -o "$job" 2>/dev/null || true)"
  done_count="$(printf '%s\n' "$records" | grep -Ec "JobState=($final) " || true)"
  open_count="$(printf '%s\n' "$records" | grep -Ec 'JobState=' || true)"
  [ "$done_count" -eq "$tasks" ] && [ "$open_count" -eq "$tasks" ] && break
  [ "$(date +%s)" -lt "$deadline" ] || { scancel "$job" || true; fail "tasks not finished after ${timeout_s} s: $records"; }
  sleep 0.25
done
t1=$(date +%s.%N)
seconds="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')"

# 4. Check every task: COMPLETED with exit code 0, one per array index 0..N-1.
bad="$(printf '%s\n' "$records" | grep -Ev 'JobState=COMPLETED .*ExitCode=0:0 ' || true)"
if [ -n "$bad" ]; then
  tail -n 20 "$out"/logs/*.out >&2 || true
  fail "tasks that did not complete: $(printf '%s\n' "$bad" \
    | grep -Eo 'ArrayJobId=[0-9]+ ArrayTaskId=[0-9]+|JobState=[A-Z_]+|ExitCode=[0-9:]+' | tr '\n' ' ')"
fi
ids="$(printf '%s\n' "$records" | grep -Eo 'ArrayTaskId=[0-9]+' | cut -d= -f2 | sort -n | tr '\n' ' ')"
[ "$ids" = "$(seq -s ' ' 0 $((tasks - 1))) " ] || fail "array task ids are '$ids', expected 0..$((tasks - 1))"
say "$tasks tasks completed in ${seconds} s (sbatch to the last task's end)"

# 5. The post-step (the default checks the default task's files).
if [ "$default_check" = 1 ]; then
  for k in $(seq 0 $((tasks - 1))); do
    [ "$(cat "$out/task-$k.txt" 2>/dev/null)" = "$k $tasks" ] \
      || fail "task-$k.txt holds '$(cat "$out/task-$k.txt" 2>/dev/null)', expected '$k $tasks'"
  done
  n="$(find "$out" -maxdepth 1 -name 'task-*.txt' | wc -l)"
  [ "$n" -eq "$tasks" ] || fail "$n task files for $tasks tasks"
  say "each task wrote its SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT=$tasks"
fi
if [ -n "$post_cmd" ]; then
  say "post-step: $post_cmd"
  (cd "$root" && bash -c "$post_cmd") || fail "post-step exited with $?"
fi
echo "array-test: seconds=$seconds tasks=$tasks job=$job"
[ "$made_out" = 1 ] && [ "${MIECOOL_SLURM_DEBUG:-0}" != 1 ] && rm -rf "$out"
echo "array-test: 1 passed, 0 failed"
