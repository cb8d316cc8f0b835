#!/usr/bin/env bash
# The crash rate of meshing (issue 13): `bench/mesh-crash-loop.sh [RUNS] [THREADS]` meshes the headline particle RUNS
# times (default 300) in separate `miecool mesh` processes, the diameter stepping through 400-660 nm as a sweep would,
# with THREADS gmsh threads (default 2: HXT, where the aborts were seen; 1: Delaunay), and counts the outcomes: meshed,
# refused with an `error:` line (exit 1 or 2), and crashed (any other exit, or "terminate called" from gmsh's C++).
# Prints one line per outcome and the crash rate; the raw log stays in $TMPDIR/miecool-mesh-loop.log.
set -u
runs=${1:-300}; threads=${2:-2}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d); log=${TMPDIR:-/tmp}/miecool-mesh-loop.log; : > "$log"
trap 'rm -rf "$work"' EXIT
ok=0; refused=0; crashed=0
for ((i = 0; i < runs; i++)); do
  d=$((400 + (i * 13) % 261))
  sed -e "s/^diameter = .*/diameter = \"$d nm\"/" -e 's/^h_min = .*/h_min = "20 nm"/' \
      "$here/cases/tonkaev2019_mapbi3_d530.toml" > "$work/case.toml"
  "$here/miecool" mesh "$work/case.toml" --out "$work/out" --threads "$threads" --quiet --json > /dev/null 2> "$work/err"
  rc=$?
  if grep -q "terminate called" "$work/err"; then rc=134; fi
  case $rc in
    0) ok=$((ok + 1)) ;;
    1|2) refused=$((refused + 1)); echo "run $i (d = $d nm): exit $rc: $(head -c 300 "$work/err")" >> "$log" ;;
    *) crashed=$((crashed + 1)); echo "run $i (d = $d nm): CRASH exit $rc: $(head -c 300 "$work/err")" >> "$log" ;;
  esac
done
echo "meshed $ok, refused $refused, crashed $crashed of $runs runs (threads $threads)"
awk -v c=$crashed -v n=$runs 'BEGIN { printf "crash rate %.2f %% (95 %% upper bound %.2f %%)\n", 100 * c / n, 100 * (c == 0 ? 3 / n : (c + 2 * sqrt(c)) / n) }'
