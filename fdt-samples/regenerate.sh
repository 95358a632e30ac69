#!/usr/bin/env bash
# Regenerates every sample blob in this folder (see README.md):
#   - QEMU's own device trees (machine "dumpdtb"), trimmed of padding by dtc;
#   - every hand-written NAME.dts compiled to NAME.dtb.
# Needs: device-tree-compiler (dtc, fdtget, fdtput) and QEMU 7.2
# (qemu-system-arm, qemu-system-misc, qemu-system-ppc; openbios-ppc comes with qemu-system-data).
# Runs from any folder: it works in the folder that holds it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

for tool in dtc fdtget fdtput qemu-system-aarch64 qemu-system-riscv64 qemu-system-ppc qemu-system-ppc64; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "regenerate.sh: $tool not found (install device-tree-compiler and qemu-system-arm/-misc/-ppc)" >&2
        exit 2
    fi
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# qemu_sample NAME QEMU-BINARY MACHINE-OPTIONS [QEMU ARGS...]
# Dumps the tree QEMU would hand the guest, removes the random seeds from /chosen (so the
# blobs are reproducible), and rewrites it with dtc, which drops QEMU's padding.
qemu_sample() {
    local name="$1" qemu="$2" machine="$3"
    shift 3
    local raw="$work/$name.raw.dtb"
    "$qemu" -machine "$machine,dumpdtb=$raw" -nographic "$@" 2>"$work/$name.log" || {
        cat "$work/$name.log" >&2
        echo "regenerate.sh: $qemu failed for $name" >&2
        exit 1
    }
    local prop
    for prop in rng-seed kaslr-seed; do
        if fdtget "$raw" /chosen "$prop" >/dev/null 2>&1; then
            fdtput -d "$raw" /chosen "$prop"
        fi
    done
    dtc -q -I dtb -O dtb -o "$name.dtb" "$raw"
    echo "made $name.dtb"
}

qemu_sample qemu-arm64-virt-2g qemu-system-aarch64 virt,dtb-randomness=off \
    -cpu cortex-a57 -m 2G -smp 2
qemu_sample qemu-arm64-virt-numa qemu-system-aarch64 virt,dtb-randomness=off \
    -cpu cortex-a57 -m 4G -smp 4 \
    -object memory-backend-ram,id=m0,size=2G -object memory-backend-ram,id=m1,size=2G \
    -numa node,nodeid=0,cpus=0-1,memdev=m0 -numa node,nodeid=1,cpus=2-3,memdev=m1
qemu_sample qemu-arm64-virt-highmem qemu-system-aarch64 virt,dtb-randomness=off \
    -cpu cortex-a57 -m 6G -smp 2
qemu_sample qemu-riscv64-virt qemu-system-riscv64 virt -m 2G -smp 2
# ppce500 refuses to start without firmware (u-boot.e500 is not packaged in Debian); any
# ppc32 ELF will do for a dump, and QEMU ships openbios-ppc in its data folder.
qemu_sample qemu-ppce500 qemu-system-ppc ppce500 -m 1G -bios openbios-ppc
# The cap-* options only silence TCG warnings; they do not change the memory nodes.
qemu_sample qemu-pseries qemu-system-ppc64 \
    pseries,cap-cfpc=broken,cap-sbbc=broken,cap-ibs=broken,cap-ccf-assist=off \
    -m 4G,slots=4,maxmem=32G

for dts in *.dts; do
    dtc -q -I dts -O dtb -o "${dts%.dts}.dtb" "$dts"
    echo "made ${dts%.dts}.dtb"
done

# boot-loader/: a real board whose RAM the boot loader fills in, compiled from Linux 6.12's own
# source as the kernel's scripts/Makefile.dtbs compiles it (cpp, then dtc -@ so overlays can use its
# labels), and the overlays written here. Needs cpp (gcc) and Debian's linux-source-6.12 (or
# LINUX_SOURCE_TARBALL naming another copy of that tarball).
tarball="${LINUX_SOURCE_TARBALL:-/usr/src/linux-source-6.12.tar.xz}"
if [ ! -f "$tarball" ] || ! command -v cpp >/dev/null 2>&1; then
    echo "regenerate.sh: $tarball or cpp not found (install linux-source-6.12 and cpp)" >&2
    exit 2
fi
tar -xJf "$tarball" -C "$work" --wildcards 'linux-source-6.12/arch/arm/boot/dts/broadcom/*' \
    'linux-source-6.12/arch/arm64/boot/dts/broadcom/*' 'linux-source-6.12/include/dt-bindings/*' \
    'linux-source-6.12/scripts/dtc/include-prefixes/*'
linux="$work/linux-source-6.12"
cpp -nostdinc -I "$linux/include" -I "$linux/scripts/dtc/include-prefixes" -I "$linux/arch/arm64/boot/dts" \
    -undef -D__DTS__ -x assembler-with-cpp -o "$work/rpi4.dts" "$linux/arch/arm64/boot/dts/broadcom/bcm2711-rpi-4-b.dts"
dtc -q -@ -I dts -O dtb -i "$linux/arch/arm64/boot/dts/broadcom" -o boot-loader/bcm2711-rpi-4-b.dtb "$work/rpi4.dts"
echo "made boot-loader/bcm2711-rpi-4-b.dtb"
for dtso in boot-loader/*.dtso; do
    dtc -q -@ -I dts -O dtb -o "${dtso%.dtso}.dtbo" "$dtso"
    echo "made ${dtso%.dtso}.dtbo"
done
