#!/usr/bin/env bash
# Applying an overlay costs time and memory linear in base + overlay (docs/performance.md): one overlay
# setting N properties on one node, and N fragments of one property each, N = 10,000, 40,000, 100,000,
# compiled with dtc -@ and applied by `dtcore overlay` (the jar, with the launcher's JVM flags) and by
# Debian's fdtoverlay to the same base. Prints wall and CPU seconds and peak RSS of each, the ratio, and
# whether the two blobs are the same once dtc has laid out fdtoverlay's (as KernelOverlayDifferentialTest
# compares them). fdtoverlay is quadratic in both shapes (libfdt moves the blob's tail at each insertion):
# runs past FDTOVERLAY_TIMEOUT seconds (default 600) are cut and shown as such.
#
#   bench/overlay-scale.sh            # from any folder; needs Java 17, Maven, dtc, fdtoverlay, python3, GNU time
#   SIZES="10000 40000" bench/overlay-scale.sh
#
# dtc itself is quadratic in sibling nodes (100,000 fragments take it about 5 minutes): the compiled
# overlays are kept in target/bench-data/overlay-scale and reused.
set -euo pipefail
# as the launcher does: the JVM takes its file-name encoding from the locale, ASCII under LANG=C
case "${LC_ALL:-${LC_CTYPE:-${LANG:-}}}" in *[Uu][Tt][Ff]-8*|*[Uu][Tt][Ff]8*) ;; *) export LC_ALL=C.UTF-8 ;; esac
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
data=target/bench-data/overlay-scale
sizes=${SIZES:-10000 40000 100000}
limit=${FDTOVERLAY_TIMEOUT:-600}
mkdir -p "$data"
./dtcore --version >/dev/null       # builds target/dtcore-cli.jar when stale
jar=target/dtcore-cli.jar
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

printf '/dts-v1/;\n/ { #address-cells = <1>; #size-cells = <1>; model = "bench";\n  memory@0 { device_type = "memory"; reg = <0 0x10000000>; };\n  uart: serial@1000 { reg = <0x1000 0x100>; };\n};\n' \
  > "$data/base.dts"
dtc -q -@ -I dts -O dtb -o "$data/base.dtb" "$data/base.dts"

# props N: one fragment, N properties on the root. frags N: N fragments, each one property on the root
# (dtc's parser recurses per sibling: at most 5,000 fragments per root block; the blocks merge).
generate() { # SHAPE N
  /usr/bin/python3 - "$1" "$2" <<'EOF'
import sys
shape, n = sys.argv[1], int(sys.argv[2])
out = ["/dts-v1/;", "/plugin/;"]
if shape == "props":
    out.append('/ { fragment@0 { target-path = "/"; __overlay__ {')
    out += ["    p%d = <%d>;" % (i, i) for i in range(n)]
    out.append("}; }; };")
else:
    for i in range(n):
        if i % 5000 == 0:
            out.append("};" if i else "")
            out.append("/ {")
        out.append('  fragment@%d { target-path = "/"; __overlay__ { p%d = <%d>; }; };' % (i, i, i))
    out.append("};")
print("\n".join(out))
EOF
}

timed() { # OUTFILE CMD... -> "wall cpu rss status"
  local t=$1
  shift
  /usr/bin/time -f "%e %U %M %x" -o "$t" "$@" >/dev/null 2>"$t.err" || true
  tail -1 "$t"
}

printf '%-14s %9s | %8s %8s %9s | %10s %9s | %8s %s\n' overlay bytes "dtcore s" "cpu s" "rss KiB" \
  "fdtoverl s" "rss KiB" ratio same
for shape in props frags; do
  for n in $sizes; do
    dtbo="$data/$shape-$n.dtbo"
    if [ ! -f "$dtbo" ]; then
      generate "$shape" "$n" > "$data/$shape-$n.dts"
      dtc -q -@ -I dts -O dtb -o "$dtbo.tmp" "$data/$shape-$n.dts" && mv "$dtbo.tmp" "$dtbo"
    fi
    read -r dw dc dm ds < <(timed "$out/d" java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xmn8m \
      -cp "$jar" org.dtcore.cli.Main overlay "$data/base.dtb" "$dtbo" -o "$out/dtcore.dtb" --quiet)
    read -r fw fc fm fs < <(timed "$out/f" timeout "$limit" fdtoverlay -i "$data/base.dtb" -o "$out/fdtoverlay.dtb" "$dtbo")
    same=-
    ratio=-
    if [ "$fs" = 0 ] && [ "$ds" = 0 ]; then
      dtc -q -I dtb -O dtb -o "$out/laid-out.dtb" "$out/fdtoverlay.dtb"
      if cmp -s "$out/laid-out.dtb" "$out/dtcore.dtb"; then same=yes; else same=NO; fi
      ratio=$(awk -v a="$fw" -v b="$dw" 'BEGIN { printf "%.1fx", a / b }')
    elif [ "$fs" = 124 ]; then
      fw=">$limit"
      ratio=$(awk -v a="$limit" -v b="$dw" 'BEGIN { printf ">%.0fx", a / b }')
    fi
    [ "$ds" = 0 ] || dw="exit $ds"
    printf '%-14s %9s | %8s %8s %9s | %10s %9s | %8s %s\n' "$shape-$n" "$(stat -c %s "$dtbo")" "$dw" "$dc" "$dm" \
      "$fw" "$fm" "$ratio" "$same"
  done
done
