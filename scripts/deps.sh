#!/usr/bin/env bash
# Installs the Debian packages MieCool needs, when they are missing.
#   scripts/deps.sh run    what `./miecool` needs (gmsh, EGL/GL/GLFW, fonts for plots; clang and zlib1g-dev, with which
#                          NativeAOT compiles the program)
#   scripts/deps.sh python what python/build.sh and the Python package need (NativeAOT's clang and zlib1g-dev, numpy)
#   scripts/deps.sh test   run's and python's, plus what the tests need (Xvfb, ParaView's pvbatch, h5py, numpy)
# Quiet when everything is there; otherwise installs with apt-get (as root, or through sudo).
set -euo pipefail
# NativeAOT compiles and links with clang on Linux (the .NET docs' prerequisites: clang, zlib1g-dev)
run_pkgs=(libgmsh4.8 libegl1 libegl-mesa0 libgl1-mesa-dri libglfw3 fonts-dejavu-core clang zlib1g-dev)
python_pkgs=(clang zlib1g-dev python3-numpy)
test_pkgs=(xvfb xauth paraview python3-paraview python3-h5py)
case "${1:-run}" in
  run) want=("${run_pkgs[@]}") ;;
  python) want=("${python_pkgs[@]}") ;;
  test) want=("${run_pkgs[@]}" "${python_pkgs[@]}" "${test_pkgs[@]}") ;;
  *) echo "usage: scripts/deps.sh run|python|test" >&2; exit 2 ;;
esac
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "miecool: installing Debian packages: ${missing[*]}" >&2
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >&2
$SUDO apt-get install -y -qq "${missing[@]}" >&2
