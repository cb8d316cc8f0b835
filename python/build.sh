#!/usr/bin/env bash
# Builds the C ABI of MieCool (src/Native, NativeAOT) into python/miecool/libmiecool.so, after which
#   PYTHONPATH=python python3 -c "import miecool"
# works. Installs what it needs when it is missing (scripts/deps.sh python: NativeAOT's clang and zlib1g-dev, numpy).
# Skips the build when the library is newer than every source it is made of (src/Native, src/Optics, src/Core, the
# props files, the material pages); --force rebuilds. Prints the build time.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
lib="$here/miecool/libmiecool.so"
sources() {
  find "$root/src/Native" "$root/src/Optics" "$root/src/Core" \( -name bin -o -name obj \) -prune -o -type f \
       \( -name '*.cs' -o -name '*.csproj' \) "$@" -print
  find "$root/Directory.Build.props" "$root/Directory.Packages.props" "$here/build.sh" "$@" -print
  find "$root/data/materials" -type f "$@" -print # built into MieCool.Optics
}
if [ "${1:-}" != --force ] && [ -f "$lib" ] && [ -z "$(sources -newer "$lib")" ]; then exit 0; fi
"$root/scripts/deps.sh" python
case "$(uname -m)" in
  x86_64) rid=linux-x64 ;;
  aarch64) rid=linux-arm64 ;;
  *) echo "python/build.sh: no NativeAOT runtime for $(uname -m)" >&2; exit 1 ;;
esac
out="$root/.build/native"
start=$SECONDS
echo "python/build.sh: building libmiecool.so (NativeAOT, $rid)..." >&2
# its own artifacts folder: the publish (with a runtime identifier) leaves the obj/ folders of `dotnet build` alone
if ! log=$(dotnet publish "$root/src/Native/MieCool.Native.csproj" -c Release -r "$rid" -o "$out" \
            --artifacts-path "$root/.build/native-artifacts" -nologo -v q 2>&1); then
  echo "$log" >&2; echo "python/build.sh: build failed" >&2; exit 1
fi
trap 'rm -f "$lib.tmp"' EXIT
cp "$out/MieCool.Native.so" "$lib.tmp" && mv "$lib.tmp" "$lib"
echo "python/build.sh: built $lib in $((SECONDS - start)) s" >&2
