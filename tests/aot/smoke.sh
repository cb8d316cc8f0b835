#!/usr/bin/env bash
# The native program (./miecool publishes it with NativeAOT) runs every command as the test hosts' dotnet build does:
# each command once on small input, its files checked, the JSON parsed; a run's summary.json the same, number for number,
# as that of `dotnet miecool.dll` (the assemblies ./test.sh builds); gmsh in the native worker process; bad input one
# error line and exit 2. What NativeAOT cannot make by itself (reflection: JSON, PureHDF) fails here, not for a user.
#   tests/aot/smoke.sh       (./test.sh runs it; builds ./miecool's native program when its sources changed)
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
export MIECOOL_MESH_CACHE="$work/cache" # gmsh runs (in the native program's worker), and no earlier store answers
fails=0; count=0
ok() { count=$((count + 1)); echo "  ok   $1"; }
bad() { count=$((count + 1)); fails=$((fails + 1)); echo "  FAIL $1"; [ -f "$work/err" ] && tail -n 5 "$work/err" | sed 's/^/       /'; }
# run NAME EXPECTED-EXIT COMMAND...: the native program's exit code, and no .NET exception text on standard error
run() {
  local name=$1 want=$2; shift 2
  ./miecool "$@" > "$work/out" 2> "$work/err"; local code=$?
  if [ "$code" -ne "$want" ]; then bad "$name: exit $code, expected $want"; return 1; fi
  if grep -qE "Unhandled exception|   at [A-Za-z]+\.|is missing native code|NotSupportedException" "$work/out" "$work/err"; then
    bad "$name: a .NET exception"; return 1; fi
  ok "$name"
}
json() { python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$1" 2>/dev/null; }
has() { for f in "$@"; do [ -s "$f" ] || { bad "missing or empty: ${f#$work/}"; return 1; }; done; ok "files: ${*#$work/}"; }

./miecool --version > /dev/null 2>&1 || { echo "aot smoke: ./miecool could not be built"; exit 1; }
file .build/cli/miecool | grep -q ELF || { echo "aot smoke: .build/cli/miecool is not a native executable"; exit 1; }
echo "aot smoke: the native program .build/cli/miecool"
case=cases/tonkaev2019_mapbi3_d530.toml
run "materials --json" 0 materials --json && { json "$work/out" && ok "materials JSON" || bad "materials JSON"; }
run "materials PAGE --at --json" 0 materials CH3NH3PbI3/Phillips --at 980nm --json \
  && { json "$work/out" && ok "material JSON" || bad "material JSON"; }
run "mie --json" 0 mie --x 1,2 --m 1.5+0.01i --json && { json "$work/out" && ok "mie JSON" || bad "mie JSON"; }
run "emitter --json" 0 emitter --x 2 --m 2.5+0.01i --json && { json "$work/out" && ok "emitter JSON" || bad "emitter JSON"; }
run "substrate --json" 0 substrate --diameter 300nm --wavelength 980nm --index 2.5+0.01i --substrate 1.45 --json \
  && { json "$work/out" && ok "substrate JSON" || bad "substrate JSON"; }
run "cooling --json" 0 cooling --material CH3NH3PbI3/Phillips --diameter 530nm --pump-wavelength 980nm --intensity 7e6W/cm2 \
  --internal-quantum-efficiency 1 --emission gaussian:775nm:40nm --json \
  && { json "$work/out" && ok "cooling JSON" || bad "cooling JSON"; }
run "spectrum" 0 spectrum --material CH3NH3PbI3/Phillips --diameter 530nm --wavelengths 600:1000:50nm --out "$work/spectrum" --quiet \
  && has "$work/spectrum/spectrum.csv" "$work/spectrum/spectrum.png"
run "spectrum --json" 0 spectrum --material 2.5+0.01i --diameter 530nm --wavelengths 600:1000:50nm --out "$work/spectrum2" --json \
  && { json "$work/out" && ok "spectrum JSON" || bad "spectrum JSON"; }
run "map" 0 map --material CH3NH3PbI3/Phillips --diameters 400:600:100nm --pump-wavelengths 900:1000:50nm --intensity 7e6W/cm2 \
  --internal-quantum-efficiency 1 --emission gaussian:775nm:40nm --out "$work/map" \
  && has "$work/map"/*.csv
run "template" 0 template --out "$work/case.toml" && has "$work/case.toml"
run "check --json" 0 check "$work/case.toml" --json && { json "$work/out" && ok "check JSON" || bad "check JSON"; }
run "mesh (gmsh in the native worker)" 0 mesh cases/mesh_example.toml --out "$work/mesh" --json --quiet \
  && has "$work/mesh/mesh.h5" "$work/mesh/mesh.xdmf"
run "heat" 0 heat cases/heat_sphere_on_glass.toml --coarse --out "$work/heat" --quiet && has "$work/heat/heat.h5" "$work/heat/summary.json"
run "run" 0 run "$case" --out "$work/run" --quiet \
  && has "$work/run/summary.json" "$work/run/fields.h5" "$work/run/temperature.png" "$work/run/spectrum.png"
run "render (reads fields.h5)" 0 render "$work/run" --out "$work/render.png" && has "$work/render.png"
run "transient" 0 transient "$case" --coarse --end 1us --out "$work/transient" --quiet \
  && has "$work/transient/cooling_curve.csv"
run "sweep" 0 sweep "$case" --intensities 3e6,7e6W/cm2 --no-fields --out "$work/sweep" --quiet && has "$work/sweep/sweep.csv"
run "sweep --slurm" 0 sweep "$case" --intensities 3e6,7e6W/cm2 --no-fields --slurm --out "$work/slurm" --quiet \
  && { grep -q "$root/.build/cli/miecool' sweep" "$work/slurm/sweep.sbatch" && ok "sbatch runs the native program" \
       || bad "sbatch does not run the native program: $(grep -m1 sweep "$work/slurm/sweep.sbatch")"; }
run "optimise" 0 optimise "$case" --vary particle.diameter=400:600nm --max-runs 3 --coarse --out "$work/optimise" --quiet
run "bad case file" 2 run "$work/no-such-case.toml" && { grep -q "^error: " "$work/err" && ok "one error line" || bad "no error line"; }

# the same run on the dotnet host: summary.json the same number for number (its timings and file paths aside)
dll=src/Cli/bin/Release/net10.0/miecool.dll
if [ -f "$dll" ]; then
  if dotnet "$dll" run "$case" --out "$work/run-dotnet" --quiet > /dev/null 2> "$work/err"; then
    python3 - "$work/run/summary.json" "$work/run-dotnet/summary.json" <<'PY' \
      && ok "summary.json native = dotnet" || bad "summary.json native != dotnet"
import json, sys
def strip(d):
    if isinstance(d, dict): return {k: strip(v) for k, v in d.items() if k not in ("seconds", "page_file", "program", "output", "commit", "dirty")}
    if isinstance(d, list): return [strip(v) for v in d]
    return d
a, b = (strip(json.load(open(p))) for p in sys.argv[1:])
def diff(x, y, path=""):
    if type(x) != type(y) or (not isinstance(x, (dict, list)) and x != y): print(f"       {path}: {x!r} != {y!r}"); return 1
    if isinstance(x, dict): return sum(diff(x[k], y.get(k), f"{path}.{k}") for k in x) + sum(1 for k in y if k not in x)
    if isinstance(x, list): return (len(x) != len(y)) + sum(diff(u, v, f"{path}[{i}]") for i, (u, v) in enumerate(zip(x, y)))
    return 0
sys.exit(1 if diff(a, b) else 0)
PY
  else bad "dotnet $dll run"; fi
else echo "  (no $dll: the comparison with the dotnet host is left out; ./test.sh builds it)"; fi
echo "aot smoke: $((count - fails)) of $count checks passed"
[ "$fails" -eq 0 ]
