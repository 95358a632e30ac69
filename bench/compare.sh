#!/usr/bin/env bash
# dtcore against libfdt (C) and the JVM floor; see docs/performance.md.
#
#   bench/compare.sh            # from any folder; needs Java 17, Maven, gcc, libfdt-dev, dtc
#   bench/compare.sh startup    # only the whole-process measures (sections 3 and 4)
#
# 1. In-process enumeration: bench/fdt_enumerate.c (libfdt: fdt_check_full + the memory-map rules) and
#    org.dtcore.bench.EnumerationLoop (FdtParser.parse + MemoryScan.scan) run the same rounds over the same
#    blobs held in memory, after a warm-up; their per-file summaries must agree. Input sets: every
#    fdt-samples blob; a 262,144-LMB pseries tree as ibm,dynamic-memory (v1) and as -v2.
# 2. The 262,144-LMB trees through chunks + crash memory + core header in a fresh JVM, v1 under -Xmx of
#    three and four times the blob's size.
# 3. Whole processes: `./dtcore chunks FILE` against `java` running an empty main with the launcher's
#    flags (the JVM floor) and `dtc -I dtb -O dts FILE`: medians of RUNS runs each.
# Environment: RUNS (default 20), REPEATS of each in-process measurement (default 3, the median is used).
set -euo pipefail
# as the launcher does: the JVM takes its file-name encoding from the locale, ASCII under LANG=C
case "${LC_ALL:-${LC_CTYPE:-${LANG:-}}}" in *[Uu][Tt][Ff]-8*|*[Uu][Tt][Ff]8*) ;; *) export LC_ALL=C.UTF-8 ;; esac
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
RUNS="${RUNS:-20}"
REPEATS="${REPEATS:-3}"

# --- tools ---------------------------------------------------------------------------------------
missing=()
command -v gcc >/dev/null || missing+=(gcc)
[ -f /usr/include/libfdt.h ] || missing+=(libfdt-dev)
command -v dtc >/dev/null || missing+=(device-tree-compiler)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "compare.sh: installing ${missing[*]}" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "compare.sh: missing ${missing[*]} (apt-get install ${missing[*]})" >&2
    exit 2
  fi
fi

# --- build -----------------------------------------------------------------------------------------
mkdir -p target/bench-data target/empty
printf 'public class Empty {\n    public static void main(String[] args) {\n    }\n}\n' > target/empty/Empty.java
javac --release 17 -d target/empty target/empty/Empty.java
median() { sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {print a / b}'; }
./dtcore --version >/dev/null          # builds target/dtcore-cli.jar and its class archive when stale
if [ "${1:-all}" != startup ]; then
echo "building (mvn -Pbench package, the launcher's jar, fdt_enumerate) ..." >&2
mvn -q -B -Pbench -DskipTests package >&2
bench_jar=target/bench/benchmarks.jar
gcc -O2 -o target/fdt_enumerate bench/fdt_enumerate.c -lfdt
java -cp "$bench_jar" org.dtcore.bench.PseriesBlob target/bench-data >&2
v1=target/bench-data/pseries-262144-v1.dtb
v2=target/bench-data/pseries-262144-v2.dtb
samples=(fdt-samples/*.dtb)

ns_of() { awk '$1 == "ns_per_round" {print $2}'; }

echo
echo "== In-process enumeration: dtcore (parse + MemoryScan) / libfdt (fdt_check_full + enumeration)"
printf '%-10s %8s %8s %14s %14s %7s %18s\n' set files rounds "libfdt ns" "dtcore ns" ratio "dtcore B/round"
inprocess() { # NAME ROUNDS WARMUP FILE...
  local name="$1" rounds="$2" warm="$3"
  shift 3
  local c_ns=() j_ns=() alloc=""
  for _ in $(seq "$REPEATS"); do
    ./target/fdt_enumerate "$rounds" "$warm" "$@" > target/bench-data/c.out 2>/dev/null
    java -XX:+UseSerialGC -cp "$bench_jar" org.dtcore.bench.EnumerationLoop "$rounds" "$warm" "$@" \
      > target/bench-data/java.out 2>/dev/null
    if ! diff <(grep -v '_per_round' target/bench-data/c.out) <(grep -v '_per_round' target/bench-data/java.out) >&2; then
      echo "compare.sh: libfdt and dtcore disagree on $name (above)" >&2
      exit 1
    fi
    c_ns+=("$(ns_of < target/bench-data/c.out)")
    j_ns+=("$(ns_of < target/bench-data/java.out)")
    alloc="$(awk '$1 == "bytes_allocated_per_round" {print $2}' target/bench-data/java.out)"
  done
  local c j
  c="$(printf '%s\n' "${c_ns[@]}" | median)"
  j="$(printf '%s\n' "${j_ns[@]}" | median)"
  printf '%-10s %8d %8d %14.0f %14.0f %7.2f %18s\n' "$name" "$#" "$rounds" "$c" "$j" "$(ratio "$j" "$c")" "$alloc"
}
inprocess samples 3000 3000 "${samples[@]}"
inprocess 262k-v1 40 40 "$v1"
inprocess 262k-v2 20000 20000 "$v2"

echo
echo "== 262,144 LMBs -> chunks + crash memory + core header, fresh JVM (blob mapped, not on the heap)"
size=$(stat -c %s "$v1")
for factor in 3 4; do
  printf 'v1 (%d bytes) -Xmx %dx = %d: ' "$size" "$factor" $((factor * size))
  java -XX:+UseSerialGC -Xmx$((factor * size)) -cp "$bench_jar" org.dtcore.bench.ChunksAndHeader "$v1" 5 2>&1 \
    | grep -E 'program headers|OutOfMemoryError' | head -1 || true
done
printf 'v2 (%d bytes) default heap: ' "$(stat -c %s "$v2")"
java -XX:+UseSerialGC -cp "$bench_jar" org.dtcore.bench.ChunksAndHeader "$v2" 5
fi

echo
echo "== Whole process: dtcore against an empty java main on the same JVM, side by side (targets: docs/performance.md)"
# Each round runs every command once, in turn, so load on a shared machine hits all of them alike.
# Wall time and CPU time (user + system, from /usr/bin/time) are medians of RUNS rounds, in ms.
# The floor is `java` with the launcher's flags running an empty main; dtcore runs through ./dtcore
# (the launcher, its archive trained on every command path).
root_dir=target/bench-data/sysroot
mkdir -p "$root_dir/sys/firmware" "$root_dir/proc" "$root_dir/sys/kernel"
cp fdt-samples/qemu-arm64-virt-numa.dtb "$root_dir/sys/firmware/fdt"
printf '40000000-13fffffff : System RAM\n  40210000-40ffffff : Kernel code\n  60000000-6fffffff : Crash kernel\n' \
  > "$root_dir/proc/iomem"
printf '40a34000 1024\n' > "$root_dir/sys/kernel/vmcoreinfo"
for c in 0 1 2 3; do   # the sample's four CPUs, each with its crash note
  mkdir -p "$root_dir/sys/devices/system/cpu/cpu$c"
  echo "13fb${c}0000" > "$root_dir/sys/devices/system/cpu/cpu$c/crash_notes"
  echo 424 > "$root_dir/sys/devices/system/cpu/cpu$c/crash_notes_size"
done
sample=fdt-samples/qemu-arm64-virt-numa.dtb
side_by_side() { # JAVA_BIN: prints one row per command
  local jbin="$1" dir="$2"
  local names=(floor version table json header)
  local cmds=("$jbin -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xmn8m -cp target/empty Empty"
    "./dtcore --version" "./dtcore chunks $sample" "./dtcore chunks --format json $sample"
    "./dtcore header --sysroot $root_dir --arch arm64 --quiet -o $dir/hdr")
  PATH="$(dirname "$jbin"):$PATH" ./dtcore --version >/dev/null    # trains this JDK's archive
  local i
  for i in "${!cmds[@]}"; do : > "$dir/t.$i"; done
  for _ in $(seq "$RUNS"); do
    for i in "${!cmds[@]}"; do
      PATH="$(dirname "$jbin"):$PATH" /usr/bin/time -f '%e %U %S' -a -o "$dir/t.$i" ${cmds[$i]} >/dev/null 2>&1
    done
  done
  local fw fc
  fw=$(awk '{print $1 * 1000}' "$dir/t.0" | median)
  fc=$(awk '{print ($2 + $3) * 1000}' "$dir/t.0" | median)
  printf '%-28s %9s %9s %10s %10s\n' command "wall ms" "cpu ms" "wall/floor" "cpu/floor"
  for i in "${!cmds[@]}"; do
    local w c
    w=$(awk '{print $1 * 1000}' "$dir/t.$i" | median)
    c=$(awk '{print ($2 + $3) * 1000}' "$dir/t.$i" | median)
    printf '%-28s %9.0f %9.0f %10.2f %10.2f\n' "${names[$i]}" "$w" "$c" "$(ratio "$w" "$fw")" "$(ratio "$c" "$fc")"
  done
}
mkdir -p target/bench-data/j17 target/bench-data/j25
echo "-- Java 17 (AppCDS archive): $(java -version 2>&1 | head -1)"
side_by_side "$(readlink -f "$(command -v java)")" target/bench-data/j17
JAVA25="${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
if [ -x "$JAVA25" ]; then
  echo "-- Java 25 (AOT cache): $("$JAVA25" -version 2>&1 | head -1)"
  side_by_side "$JAVA25" target/bench-data/j25
fi

echo
echo "== One chunks --jsonl over a folder of kernel dtbs against a shell loop of fdtget over the same files"
# KERNEL_DTBS: a folder of .dtb files (default: bench/kernel-dtbs.sh compiles Linux 6.1's arm64 trees)
kdir="${KERNEL_DTBS:-target/bench-data/kernel-dtbs}"
[ -d "$kdir" ] || bench/kernel-dtbs.sh "$kdir"
n=$(ls "$kdir"/*.dtb | wc -l)
fdtget_loop() { for f in "$kdir"/*.dtb; do fdtget -t x "$f" /memory reg >/dev/null 2>&1 || true; done; }
: > target/bench-data/t.loop; : > target/bench-data/t.jsonl
for _ in $(seq 5); do
  s=$(date +%s%N); fdtget_loop; e=$(date +%s%N); echo $(( (e - s) / 1000000 )) >> target/bench-data/t.loop
  s=$(date +%s%N); ./dtcore chunks --jsonl "$kdir" >/dev/null 2>&1 || true; e=$(date +%s%N)
  echo $(( (e - s) / 1000000 )) >> target/bench-data/t.jsonl
done
lw=$(median < target/bench-data/t.loop); jw=$(median < target/bench-data/t.jsonl)
printf '%d dtbs: fdtget loop %s ms, dtcore chunks --jsonl %s ms, ratio %.2f\n' "$n" "$lw" "$jw" "$(ratio "$jw" "$lw")"
# peak RSS flat in the number of files: the whole folder, then the folder listed four times over
rss() { /usr/bin/time -f '%M' ./dtcore chunks --jsonl "$@" 2>&1 >/dev/null | tail -1; }
printf 'peak RSS: %s KiB for %d files, %s KiB for %d files\n' "$(rss "$kdir")" "$n" \
  "$(rss "$kdir" "$kdir" "$kdir" "$kdir")" $((4 * n))
echo
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
java -version 2>&1 | head -1
