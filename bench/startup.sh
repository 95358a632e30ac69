#!/usr/bin/env bash
# Start-up of the installed command against an empty Java main with the same JVM flags, side by side in
# one hyperfine run (docs/performance.md, "The installed command").
#
#   bench/startup.sh                 # Java on PATH, then Temurin 25 if installed; needs hyperfine
#   RUNS=40 WARMUP=5 bench/startup.sh
#   INSTRUCTIONS=1 bench/startup.sh  # also instructions (valgrind --tool=callgrind, bash included): a
#                                    # measure a busy machine cannot move, median of 3 runs each
#   DEV=1 bench/startup.sh           # also the developer's launcher, ./dtcore, in the same rounds
#
# It unpacks target/dtcore-*-dist.tar.gz (made by mvn package when missing) read-only under
# target/bench-install/opt, links it as target/bench-install/home/bin/dtcore (the way users install it) and
# runs it through that link with HOME=target/bench-install/home, so the class archive is made on the first
# run and used from then on. The floor is `java FLAGS -cp target/empty Empty`, FLAGS read from the installed
# bin/dtcore. Commands: --version; chunks of a sample (table); chunks --format json; header from a small
# system root (the sample's four CPUs, vmcoreinfo, crash kernel).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
RUNS="${RUNS:-30}"
WARMUP="${WARMUP:-5}"
command -v hyperfine >/dev/null || { echo "startup.sh: needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }

archive=$(ls target/dtcore-*-dist.tar.gz 2>/dev/null | head -1 || true)
if [ -z "$archive" ]; then
  echo "startup.sh: building the distribution archive (mvn -q -B -DskipTests package) ..." >&2
  mvn -q -B -DskipTests package >&2
  archive=$(ls target/dtcore-*-dist.tar.gz | head -1)
fi
bench=target/bench-install
[ ! -d "$bench" ] || chmod -R u+w "$bench"
rm -rf "$bench"
mkdir -p "$bench/opt" "$bench/home/bin"
tar -xzf "$archive" -C "$bench/opt"
install_dir=$(cd "$bench/opt"/dtcore-* && pwd)
chmod -R a-w "$install_dir"
ln -s "$install_dir/bin/dtcore" "$bench/home/bin/dtcore"
export HOME="$root/$bench/home"
unset XDG_CACHE_HOME JAVA_TOOL_OPTIONS JDK_JAVA_OPTIONS _JAVA_OPTIONS
dtcore="$HOME/bin/dtcore"
flags=$(sed -n 's/^opts=(\(.*\))$/\1/p' "$install_dir/bin/dtcore")

mkdir -p target/empty
printf 'public class Empty {\n    public static void main(String[] args) {\n    }\n}\n' > target/empty/Empty.java
javac --release 17 -d target/empty target/empty/Empty.java
sample="$install_dir/share/dtcore/samples/qemu-arm64-virt-numa.dtb"
sysroot="$root/$bench/sysroot"
mkdir -p "$sysroot/sys/firmware" "$sysroot/proc" "$sysroot/sys/kernel"
cp "$sample" "$sysroot/sys/firmware/fdt"
printf '40000000-13fffffff : System RAM\n  40210000-40ffffff : Kernel code\n  60000000-6fffffff : Crash kernel\n' \
  > "$sysroot/proc/iomem"
printf '40a34000 1024\n' > "$sysroot/sys/kernel/vmcoreinfo"
for c in 0 1 2 3; do
  mkdir -p "$sysroot/sys/devices/system/cpu/cpu$c"
  echo "13fb${c}0000" > "$sysroot/sys/devices/system/cpu/cpu$c/crash_notes"
  echo 424 > "$sysroot/sys/devices/system/cpu/cpu$c/crash_notes_size"
done

median() { sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
instructions() { # COMMAND...: callgrind's instruction count of the whole process tree, median of 3
  local i
  for i in 1 2 3; do
    valgrind --tool=callgrind --trace-children=yes --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null \
      | awk '/I *refs:/ {gsub(",", "", $NF); s += $NF} END {print s}'
  done | median
}

side_by_side() { # JAVA_HOME
  local jhome="$1" out="$bench/$(basename "$1").json"
  export JAVA_HOME="$jhome" PATH="$jhome/bin:$PATH"
  echo
  echo "== $("$jhome/bin/java" -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  "$dtcore" --version >/dev/null    # the first run with this Java trains its archive
  local names=(floor version table json header)
  local cmds=("$jhome/bin/java $flags -cp target/empty Empty" "$dtcore --version" "$dtcore chunks $sample"
    "$dtcore chunks --format json $sample" "$dtcore header --sysroot $sysroot --arch arm64 --quiet -o $bench/hdr")
  hyperfine -N -w "$WARMUP" -r "$RUNS" --export-json "$out" -n floor -n version -n table -n json -n header \
    "${cmds[@]}" >/dev/null
  if [ "${DEV:-0}" = 1 ]; then
    ./dtcore --version >/dev/null   # builds and trains ./dtcore's jar and archive for this Java
    names+=(./dtcore-version ./dtcore-table ./dtcore-json ./dtcore-header)
    cmds+=("./dtcore --version" "./dtcore chunks $sample" "./dtcore chunks --format json $sample"
      "./dtcore header --sysroot $sysroot --arch arm64 --quiet -o $bench/hdr")
  fi
  python3 - "$out" <<'EOF'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
f = r["floor"]
print(f"{'':10} {'mean ms':>9} {'± ms':>6} {'median':>8} {'user+sys':>9} {'mean/floor':>11} {'median/floor':>13}")
for n in ["floor", "version", "table", "json", "header"]:
    x = r[n]
    print(f"{n:10} {x['mean']*1e3:9.1f} {x['stddev']*1e3:6.1f} {x['median']*1e3:8.1f} "
          f"{(x['user']+x['system'])*1e3:9.1f} {x['mean']/f['mean']:11.2f} {x['median']/f['median']:13.2f}")
EOF
  # The same commands interleaved, one of each per round, so that load that comes and goes hits all alike:
  # medians of the wall times (bash's EPOCHREALTIME around each run; the fork and exec cost every command
  # the same), ratios of the medians.
  local r i t0 t1
  for i in "${!cmds[@]}"; do : > "$bench/rounds.$i"; done
  for ((r = 0; r < RUNS; r++)); do
    for i in "${!cmds[@]}"; do
      t0=$EPOCHREALTIME
      ${cmds[$i]} >/dev/null 2>&1
      t1=$EPOCHREALTIME
      echo "$t0 $t1" | awk '{printf "%.3f\n", ($2 - $1) * 1000}' >> "$bench/rounds.$i"
    done
  done
  local fm
  fm=$(median < "$bench/rounds.0")
  printf '%-16s %9s %11s   (interleaved, %d rounds)\n' "" "median ms" "/floor" "$RUNS"
  for i in "${!cmds[@]}"; do
    local m
    m=$(median < "$bench/rounds.$i")
    printf '%-16s %9.1f %11.2f\n' "${names[$i]}" "$m" "$(awk -v a="$m" -v b="$fm" 'BEGIN {print a / b}')"
  done
  if [ "${INSTRUCTIONS:-0}" = 1 ] && command -v valgrind >/dev/null; then
    local i floor=0
    printf '%-16s %15s %11s\n' "" instructions "/floor"
    for i in "${!cmds[@]}"; do
      local n
      n=$(instructions ${cmds[$i]})
      [ "$i" -gt 0 ] || floor=$n
      printf '%-16s %15s %11.2f\n' "${names[$i]}" "$n" "$(awk -v a="$n" -v b="$floor" 'BEGIN {print a / b}')"
    done
  fi
}

echo "startup.sh: $dtcore -> $install_dir (read-only), flags: $flags; $(nproc) CPUs"
side_by_side "$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
JAVA25_HOME="${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
[ ! -x "$JAVA25_HOME/bin/java" ] || side_by_side "$JAVA25_HOME"
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
