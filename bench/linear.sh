#!/usr/bin/env bash
# Cost linear in the input. Whole-process runs of the jar on large valid blobs
# (bench/hostile_blobs.py), each under a heap cap of 4x the blob (never below the JVM's 16 MiB floor);
# prints wall and CPU seconds, peak RSS and the exit status. See docs/performance.md.
#
#   bench/linear.sh          # from any folder; needs Java 17, Maven, /usr/bin/python3, GNU time
set -euo pipefail
# as the launcher does: the JVM takes its file-name encoding from the locale, ASCII under LANG=C
case "${LC_ALL:-${LC_CTYPE:-${LANG:-}}}" in *[Uu][Tt][Ff]-8*|*[Uu][Tt][Ff]8*) ;; *) export LC_ALL=C.UTF-8 ;; esac
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
data=target/bench-data/linear
[ -f "$data/reg-4m.dtb" ] || /usr/bin/python3 bench/hostile_blobs.py "$data"
./dtcore --version >/dev/null       # builds target/dtcore-cli.jar when stale
jar=target/dtcore-cli.jar
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

run() { # LABEL FILE ARGS...
  local label=$1 file=$2
  shift 2
  local bytes heap
  bytes=$(stat -c %s "$file")
  heap=$(( bytes * 4 / 1048576 ))
  [ "$heap" -ge 16 ] || heap=16
  # the launcher's flags (dtcore), with the heap cap
  /usr/bin/time -f "%e %U %M %x" -o "$out/t" java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC "-Xmx${heap}m" \
    -cp "$jar" org.dtcore.cli.Main "$@" >/dev/null 2>"$out/err" || true
  # GNU time writes "Command exited with non-zero status N" first when the run fails
  read -r wall user rss status < <(tail -1 "$out/t")
  printf '%-34s %7s MiB  -Xmx%-5s %6ss wall %6ss cpu %7s KiB rss  exit %s  %s\n' "$label" \
    "$(( bytes / 1048576 ))" "${heap}m" "$wall" "$user" "$rss" "$status" "$(grep -v '^\s*at ' "$out/err" | head -1 | cut -c1-70)"
}

run "chunks (table), 1M tuples" "$data/reg-1m.dtb" chunks "$data/reg-1m.dtb"
run "chunks (table), 4M tuples" "$data/reg-4m.dtb" chunks "$data/reg-4m.dtb"
run "chunks --format json, 1M tuples" "$data/reg-1m.dtb" chunks --format json "$data/reg-1m.dtb"
run "expect, 2,000 equal /memreserve/" "$data/dup-memreserve-2000.dtb" expect "$data/dup-memreserve-2000.dtb"
run "expect, 100,000 /memreserve/" "$data/memreserve-100000.dtb" expect "$data/memreserve-100000.dtb"
run "expect, 1M tuples" "$data/reg-1m.dtb" expect "$data/reg-1m.dtb"
