#!/usr/bin/env bash
# What the project needs from Debian, in one place for ./ae and .ci/run:
#   libopenblas0-pthread   sgemm for the CPU backend (without it, a slower managed GEMM is used)
#   dataset-fashion-mnist  the default dataset, in /usr/share/datasets/fashion-mnist
#   chromium               the browser that the tests open ae report's page in (and that views it)
#   fortunes               real categorised text (one file per topic) for the text tests and figures
#   python3-statsmodels    real time series as CSV (its datasets/ folder) for the time-series tests
#   fonts-dejavu-core      DejaVu Sans, the font every figure is drawn with
# Usage: scripts/debian-packages.sh [--quiet]   (installs what is missing when run as root; else says what to run)
set -u
packages=(libopenblas0-pthread dataset-fashion-mnist chromium fortunes python3-statsmodels fonts-dejavu-core)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ae: not a Debian system: install OpenBLAS and Fashion-MNIST yourself (or pass --data FOLDER); missing: ${missing[*]}" >&2
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "ae: missing Debian packages: ${missing[*]} — run: sudo apt-get install -y ${missing[*]}" >&2
  exit 0
fi
echo "ae: installing Debian packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -q "${missing[@]}" >/dev/null 2>&1 \
  || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q "${missing[@]}" >/dev/null; } \
  || echo "ae: could not install ${missing[*]}; continuing without them" >&2
exit 0
