#!/usr/bin/env bash
# Compiles the arm64 device trees of Debian's linux-source-6.1 into a folder of .dtb files, for the
# batch benchmark of bench/compare.sh (docs/performance.md). Usage: bench/kernel-dtbs.sh OUT_DIR
# Needs the linux-source-6.1 package (/usr/src/linux-source-6.1.tar.xz), cpp and dtc.
set -euo pipefail
out="${1:?usage: bench/kernel-dtbs.sh OUT_DIR}"
tarball=/usr/src/linux-source-6.1.tar.xz
[ -f "$tarball" ] || { echo "kernel-dtbs.sh: $tarball missing (apt-get install linux-source-6.1)" >&2; exit 2; }
src="$(mktemp -d)"
trap 'rm -rf "$src"' EXIT
tar -xJf "$tarball" -C "$src" --wildcards 'linux-source-6.1/arch/arm64/boot/dts/*' \
  'linux-source-6.1/arch/arm/boot/dts/*' 'linux-source-6.1/include/dt-bindings/*' \
  'linux-source-6.1/scripts/dtc/include-prefixes/*'
k="$src/linux-source-6.1"
mkdir -p "$out"
export k out
find "$k/arch/arm64/boot/dts" -name '*.dts' -print0 | xargs -0 -P "$(nproc)" -n 1 sh -c '
  f="$1"; name="$(basename "$f" .dts)"
  cpp -nostdinc -undef -D__DTS__ -x assembler-with-cpp -I "$k/include" -I "$k/scripts/dtc/include-prefixes" \
      -I "$(dirname "$f")" "$f" 2>/dev/null \
    | dtc -q -I dts -O dtb -o "$out/$name.dtb" - 2>/dev/null || rm -f "$out/$name.dtb"' sh
echo "kernel-dtbs.sh: $(ls "$out" | wc -l) blobs in $out" >&2
