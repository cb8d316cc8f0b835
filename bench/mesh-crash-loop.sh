#!/usr/bin/env bash
# The crash rate of meshing (issue 13): `bench/mesh-crash-loop.sh [RUNS] [THREADS]` meshes the headline particle RUNS
# times (default 300) in separate `miecool mesh` processes, the diameter stepping through 400-660 nm as a sweep would,
# with THREADS gmsh threads (default 2: HXT, where the aborts were seen; 1: Delaunay), and counts the outcomes: meshed,
# refused with an `error:` line (exit 1 or 2), and crashed (any other exit, or "terminate called" from gmsh's C++); and,
# among the meshed, the crashes of gmsh that the mesh worker contained (its progress line "gmsh crashed while meshing
# ...; meshing again in a new process": the program went on). Prints one line per outcome and the rates of gmsh's crashes
# (contained and not); the raw log stays in $TMPDIR/miecool-mesh-loop.log.
set -u
runs=${1:-300}; threads=${2:-2}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d); log=${TMPDIR:-/tmp}/miecool-mesh-loop.log; : > "$log"
trap 'rm -rf "$work"' EXIT
ok=0; refused=0; crashed=0; contained=0
for ((i = 0; i < runs; i++)); do
  d=$((400 + (i * 13) % 261))
  sed -e "s/^diameter = .*/diameter = \"$d nm\"/" -e 's/^h_min = .*/h_min = "20 nm"/' \
      "$here/cases/tonkaev2019_mapbi3_d530.toml" > "$work/case.toml"
  "$here/miecool" mesh "$work/case.toml" --out "$work/out" --threads "$threads" --json > /dev/null 2> "$work/err"
  rc=$? # no --quiet: the progress on standard error tells a contained crash
  n=$(grep -c "gmsh crashed while meshing" "$work/err"); contained=$((contained + n))
  [ "$n" -gt 0 ] && echo "run $i (d = $d nm): $n contained crash(es): $(grep -m1 "gmsh crashed" "$work/err" | head -c 300)" >> "$log"
  if [ "$rc" -ne 0 ] && grep -q "terminate called" "$work/err"; then rc=134; fi # gmsh aborting in this process
  case $rc in
    0) ok=$((ok + 1)) ;;
    1|2) refused=$((refused + 1)); echo "run $i (d = $d nm): exit $rc: $(head -c 300 "$work/err")" >> "$log" ;;
    *) crashed=$((crashed + 1)); echo "run $i (d = $d nm): CRASH exit $rc: $(head -c 300 "$work/err")" >> "$log" ;;
  esac
done
echo "meshed $ok, refused $refused, crashed $crashed of $runs runs (threads $threads); gmsh crashes contained and meshed again: $contained"
bound() { awk -v c="$1" -v n="$runs" 'BEGIN { printf "%.2f %% (95 %% upper bound %.2f %%)", 100 * c / n, 100 * (c == 0 ? 3 / n : (c + 2 * sqrt(c)) / n) }'; }
echo "program crash rate $(bound $crashed); gmsh crash rate inside the worker $(bound $((crashed + contained)))"
