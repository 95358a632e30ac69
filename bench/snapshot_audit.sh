#!/usr/bin/env bash
# The loop's costs (docs/performance.md, "Snapshot and audit"): whole-process runs through ./dtcore, timed by
# hyperfine.
#   1. dtcore snapshot of this machine (--partial where its kernel has no kexec crash support): time, archive
#      size, files copied.
#   2. dtcore audit of the recorded case with the most program headers (../shared/kernel-truth), raw header and
#      vmcore head, against a snapshot of a root built from its files.
#   3. dtcore audit of a 262,144-LMB pseries core header (bench/pseries_root.py; 64 TiB, one run of RAM), and of
#      headers of 8,192, 16,384 and 32,768 RAM PT_LOADs (every other LMB of 16,384, 32,768 and 65,536 assigned),
#      whole processes; then in one warm JVM (src/jmh/.../AuditRounds.java in source-file mode) the same, and
#      arm64 headers of as many PT_LOADs (bench/arm64_root.py): how the time grows with the header's size.
#
#   bench/snapshot_audit.sh     # from any folder; needs Java 17, Maven, hyperfine, /usr/bin/python3, readelf, tar
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
RUNS="${RUNS:-10}"
./dtcore --version >/dev/null       # builds target/dtcore-cli.jar and its class archive when stale
out=target/bench-data/loop
rm -rf "$out"
mkdir -p "$out"
hf() { hyperfine -N -w 2 -r "$RUNS" --style basic --export-json "$out/h.json" "$@" >/dev/null 2>&1
  /usr/bin/python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"]
for x in r: print("%-70s mean %7.1f ms  sd %5.1f  min %7.1f  user %6.1f  sys %5.1f" % (x["command"][:70],
  1000*x["mean"], 1000*x["stddev"], 1000*x["min"], 1000*x["user"], 1000*x["system"]))' "$out/h.json"; }

echo "== 1. snapshot of this machine ($(uname -r), $(uname -m), uid $(id -u))"
partial=""
if ! ./dtcore snapshot -o "$out/live.tar.gz" >/dev/null 2>"$out/err"; then
  echo "refused: $(cat "$out/err")"
  partial="--partial"
fi
./dtcore snapshot $partial -o "$out/live.tar.gz" >/dev/null 2>&1
hf "./dtcore snapshot $partial -o $out/live.tar.gz"
echo "archive: $(stat -c %s "$out/live.tar.gz") bytes; $(tar -tzf "$out/live.tar.gz" | grep -vc '/$') files" \
  "($(tar -tzvf "$out/live.tar.gz" | awk '$1 !~ /^d/ {s += $3} END {print s}') bytes uncompressed)"
rm -rf "$out/live-folder"
hf "./dtcore snapshot $partial -o $out/live-folder"

echo
echo "== 2. audit of the recorded case with the most program headers"
best=""; most=0
for d in ../shared/kernel-truth/*/; do
  n=$(readelf -lW "$d/elfcorehdr.bin" | grep -cE '^\s+(LOAD|NOTE)')
  if [ "$n" -gt "$most" ]; then most=$n; best=$d; fi
done
case=$(basename "$best")
echo "$case: $most program headers"
# the root as the test suite lays a case out (testing/KernelTruthSysroot): the files a running kernel shows
r="$out/$case"
mkdir -p "$r/proc/sys/kernel" "$r/sys/kernel" "$r/sys/firmware"
[ -f "$best/booted.dtb" ] && cp "$best/booted.dtb" "$r/sys/firmware/fdt"
cp "$best/iomem.txt" "$r/proc/iomem"; cp "$best/cmdline.txt" "$r/proc/cmdline"; cp "$best/kallsyms.txt" "$r/proc/kallsyms"
cp "$best/vmcoreinfo.txt" "$r/sys/kernel/vmcoreinfo"
awk '{print $3}' "$best/uname.txt" > "$r/proc/sys/kernel/osrelease"
awk '{print $(NF-1)}' "$best/uname.txt" > "$r/proc/sys/kernel/arch"
while IFS=$'\t' read -r cpu addr size; do
  mkdir -p "$r/sys/devices/system/cpu/cpu$cpu"
  echo "$addr" > "$r/sys/devices/system/cpu/cpu$cpu/crash_notes"; echo "$size" > "$r/sys/devices/system/cpu/cpu$cpu/crash_notes_size"
done < "$best/crash_notes.tsv"
./dtcore snapshot --from "$r" -o "$out/case.tar.gz" >/dev/null
for f in elfcorehdr.bin vmcore-head.bin; do
  ./dtcore audit "$best/$f" --sysroot "$out/case.tar.gz" --quiet
done
hf "./dtcore audit $best/elfcorehdr.bin --sysroot $out/case.tar.gz --quiet" \
   "./dtcore audit $best/vmcore-head.bin --sysroot $out/case.tar.gz --quiet"

echo
echo "== 3. audit of pseries core headers: 262,144 LMBs (one run), then 8,192, 16,384 and 32,768 RAM PT_LOADs"
for spec in "262144 1" "16384 2" "32768 2" "65536 2"; do
  set -- $spec
  p="$out/pseries-$1-$2"
  /usr/bin/python3 bench/pseries_root.py "$p" "$1" "$2"
  ./dtcore header --sysroot "$p" --arch ppc64 --backup-region-offset 0x3f000000 -o "$p.hdr" --quiet
  echo "pseries $1 LMBs, stride $2: blob $(stat -c %s "$p/sys/firmware/fdt") bytes; header $(stat -c %s "$p.hdr")" \
    "bytes, $(readelf -lW "$p.hdr" | grep -c '^\s*LOAD') PT_LOADs; $(./dtcore audit "$p.hdr" --sysroot "$p" --quiet)"
done
hf "./dtcore audit $out/pseries-262144-1.hdr --sysroot $out/pseries-262144-1 --quiet" \
   "./dtcore audit $out/pseries-16384-2.hdr --sysroot $out/pseries-16384-2 --quiet" \
   "./dtcore audit $out/pseries-32768-2.hdr --sysroot $out/pseries-32768-2 --quiet" \
   "./dtcore audit $out/pseries-65536-2.hdr --sysroot $out/pseries-65536-2 --quiet"
echo
echo "== 4. the same audits in one warm JVM (AuditRounds: median and best of $((RUNS * 4)) rounds after as many)"
pairs=()
for n in 8192 16384 32768; do
  a="$out/arm64-$n"
  /usr/bin/python3 bench/arm64_root.py "$a" "$n"
  ./dtcore header --sysroot "$a" --arch arm64 --kernel-text 0xffff800008000000,0x40000000,0x200000 -o "$a.hdr" --quiet
  pairs+=("$a.hdr" "$a")
done
java -XX:+UseSerialGC -cp target/dtcore-cli.jar src/jmh/java/org/dtcore/bench/AuditRounds.java $((RUNS * 4)) \
  "$out/pseries-65536-2.hdr" "$out/pseries-65536-2" \
  "$best/vmcore-head.bin" "$out/case.tar.gz" "$best/elfcorehdr.bin" "$out/case.tar.gz" \
  "$out/pseries-262144-1.hdr" "$out/pseries-262144-1" "$out/pseries-16384-2.hdr" "$out/pseries-16384-2" \
  "$out/pseries-32768-2.hdr" "$out/pseries-32768-2" "$out/pseries-65536-2.hdr" "$out/pseries-65536-2" "${pairs[@]}"
echo "(the first row warms the JVM up)"

echo
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
java -version 2>&1 | head -1
