#!/usr/bin/env bash
# dtcore against libfdt (C) and the JVM floor; see docs/performance.md.
#
#   bench/compare.sh            # from any folder; needs Java 17, Maven, gcc, libfdt-dev, dtc
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
echo "building (mvn -Pbench package, the launcher's jar, fdt_enumerate) ..." >&2
mvn -q -B -Pbench -DskipTests package >&2
./dtcore --version >/dev/null          # builds target/dtcore.jar and its AppCDS archive when stale
bench_jar=target/bench/benchmarks.jar
mkdir -p target/bench-data target/empty
gcc -O2 -o target/fdt_enumerate bench/fdt_enumerate.c -lfdt
printf 'public class Empty {\n    public static void main(String[] args) {\n    }\n}\n' > target/empty/Empty.java
javac -d target/empty target/empty/Empty.java
java -cp "$bench_jar" org.dtcore.bench.PseriesBlob target/bench-data >&2
v1=target/bench-data/pseries-262144-v1.dtb
v2=target/bench-data/pseries-262144-v2.dtb
samples=(fdt-samples/*.dtb)

median() { sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {print a / b}'; }
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

echo
echo "== Whole process, median of $RUNS runs (ms)"
launcher_flags=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xshare:auto)
time_ms() { # COMMAND...: median wall time in ms of RUNS runs, output discarded
  local t=()
  for _ in $(seq "$RUNS"); do
    local s e
    s=$(date +%s%N)
    "$@" >/dev/null 2>&1
    e=$(date +%s%N)
    t+=("$(( (e - s) / 1000 ))")
  done
  printf '%s\n' "${t[@]}" | median | awk '{printf "%.1f", $1 / 1000}'
}
printf '%-32s %10s %10s %10s %12s %10s\n' file "dtcore" "JVM floor" "dtc" "dtcore/JVM" "dtcore/dtc"
for f in fdt-samples/qemu-arm64-virt-2g.dtb fdt-samples/qemu-pseries.dtb "$v2" "$v1"; do
  d=$(time_ms ./dtcore chunks "$f")
  e=$(time_ms java "${launcher_flags[@]}" -cp target/empty Empty)
  t=$(time_ms dtc -q -I dtb -O dts -o /dev/null "$f")
  printf '%-32s %10s %10s %10s %12.2f %10.1f\n' "$(basename "$f")" "$d" "$e" "$t" "$(ratio "$d" "$e")" "$(ratio "$d" "$t")"
done
printf '%-32s %10s\n' "dtcore --version (picocli only)" "$(time_ms ./dtcore --version)"
echo
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
java -version 2>&1 | head -1
