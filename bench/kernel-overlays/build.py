#!/usr/bin/python3
"""Builds the inputs of dtcore's overlay differential test from a Linux source tree.

Every composite device tree a kernel Makefile declares ("NAME-dtbs := base.dtb a.dtbo b.dtbo", the
kernel's own pairing of overlays with the base they apply to) is compiled the way the kernel's
scripts/Makefile.dtbs compiles it: cpp with the kernel's include-prefixes, then dtc -@. A composite
whose base is itself a composite is flattened to the first real base and all overlays in order.

    bench/kernel-overlays/build.py LINUX-SOURCE-DIR OUT-DIR

LINUX-SOURCE-DIR needs arch/*/boot/dts, include/dt-bindings, include/uapi and scripts/dtc, e.g.
    tar -xJf /usr/src/linux-source-6.12.tar.xz --wildcards 'linux-source-6.12/arch/*/boot/dts/*' \
        'linux-source-6.12/include/dt-bindings/*' 'linux-source-6.12/include/uapi/*' \
        'linux-source-6.12/scripts/dtc/*'
Writes OUT-DIR/ARCH/.../*.dtb and *.dtbo, OUT-DIR/pairs.txt (one line per composite: its name, the
base blob, the overlay blobs, paths relative to OUT-DIR), and OUT-DIR/unpaired.txt (overlay sources
neither a composite uses nor a base's name begins; a composite named NAME+by-name pairs an overlay
with the base whose name its own begins with), and OUT-DIR/fdtoverlay-linux, the kernel's own
fdtoverlay built from scripts/dtc (its libfdt is dtc 1.7's: "DTC 1.7.0-gbcd02b52" in Linux 6.12's
scripts/dtc/version_gen.h). Needs cpp, gcc and dtc. Then:
    mvn -B -q test -Dtest=KernelOverlayDifferentialTest -Ddtcore.kernelOverlays=OUT-DIR
and bench/kernel-overlays/record.py (survey, or commit the subset the test runs in every build).
"""
import glob
import os
import re
import subprocess
import sys


def makefile_composites(makefile):
    """NAME -> [parts] for each 'NAME-dtbs := ...' (continuation lines joined, += appended)."""
    text = open(makefile, encoding="utf-8", errors="replace").read().replace("\\\n", " ")
    out = {}
    for line in text.splitlines():
        m = re.match(r"^\s*([A-Za-z0-9_.,+-]+)-dtbs\s*(:=|\+=|=)\s*(.*)$", line)
        if m:
            parts = [p for p in m.group(3).split() if p.endswith((".dtb", ".dtbo"))]
            out.setdefault(m.group(1), []).extend(parts)
    return out


def compile_source(src, out, kernel, arch, tmp):
    os.makedirs(os.path.dirname(out), exist_ok=True)
    pre = os.path.join(tmp, "pre.dts")
    cpp = ["cpp", "-nostdinc", "-I", os.path.join(kernel, "include"),
           "-I", os.path.join(kernel, "scripts/dtc/include-prefixes"),
           "-I", os.path.join(kernel, "arch", arch, "boot/dts"),
           "-undef", "-D__DTS__", "-x", "assembler-with-cpp", "-o", pre, src]
    r = subprocess.run(cpp, capture_output=True, text=True)
    if r.returncode != 0:
        return "cpp: " + r.stderr.strip().splitlines()[-1] if r.stderr.strip() else "cpp failed"
    dtc = ["dtc", "-q", "-@", "-I", "dts", "-O", "dtb", "-b", "0", "-i", os.path.dirname(src),
           "-i", os.path.join(kernel, "scripts/dtc/include-prefixes"), "-o", out, pre]
    r = subprocess.run(dtc, capture_output=True, text=True)
    if r.returncode != 0:
        return "dtc: " + (r.stderr.strip().splitlines() or ["failed"])[-1]
    return None


def build_fdtoverlay(kernel, out):
    """The kernel's own fdtoverlay (scripts/dtc: libfdt 1.7 in Linux 6.12), the dtc 1.7 reference."""
    dtc = os.path.join(kernel, "scripts/dtc")
    libfdt = ["fdt.c", "fdt_ro.c", "fdt_rw.c", "fdt_wip.c", "fdt_overlay.c", "fdt_strerror.c", "fdt_sw.c",
              "fdt_empty_tree.c", "fdt_addresses.c"]
    cmd = ["gcc", "-O1", "-I", os.path.join(dtc, "libfdt"), "-I", dtc, "-o", out,
           os.path.join(dtc, "fdtoverlay.c"), os.path.join(dtc, "util.c")] + [os.path.join(dtc, "libfdt", f) for f in libfdt]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("cannot build the kernel's fdtoverlay: " + r.stderr)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    kernel, out_dir = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    os.makedirs(out_dir, exist_ok=True)
    tmp = os.path.join(out_dir, ".tmp")
    os.makedirs(tmp, exist_ok=True)
    build_fdtoverlay(kernel, os.path.join(out_dir, "fdtoverlay-linux"))
    pairs, failures, used = [], [], set()
    for makefile in sorted(glob.glob(os.path.join(kernel, "arch/*/boot/dts/**/Makefile"), recursive=True)):
        folder = os.path.dirname(makefile)
        arch = os.path.relpath(makefile, kernel).split(os.sep)[1]
        composites = makefile_composites(makefile)

        def flatten(parts, depth=0):
            base, rest = parts[0], parts[1:]
            stem = base[:-len(".dtb")]
            if not os.path.exists(os.path.join(folder, stem + ".dts")) and stem in composites and depth < 8:
                return flatten(composites[stem], depth + 1) + rest
            return parts

        for name, parts in sorted(composites.items()):
            if len(parts) < 2 or not parts[0].endswith(".dtb"):
                continue
            parts = flatten(parts)
            blobs = []
            for part in parts:
                src = os.path.join(folder, part[:-len(".dtb")] + ".dts") if part.endswith(".dtb") \
                    else os.path.join(folder, part[:-len(".dtbo")] + ".dtso")
                rel = os.path.relpath(os.path.join(folder, part), os.path.join(kernel, "arch"))
                blob = os.path.join(out_dir, rel)
                if not os.path.exists(src):
                    failures.append(f"{name}: no source {os.path.relpath(src, kernel)}")
                    blobs = None
                    break
                used.add(os.path.abspath(src))
                if not os.path.exists(blob):
                    err = compile_source(src, blob, kernel, arch, tmp)
                    if err:
                        failures.append(f"{name}: {os.path.relpath(src, kernel)}: {err}")
                        blobs = None
                        break
                blobs.append(rel)
            if blobs:
                pairs.append(" ".join([name] + blobs))
    all_dtso = sorted(glob.glob(os.path.join(kernel, "arch/*/boot/dts/**/*.dtso"), recursive=True))
    unpaired = [os.path.relpath(s, kernel) for s in all_dtso if os.path.abspath(s) not in used]
    # An overlay no composite uses is paired with the base its name starts with (mt7986a-bananapi-bpi-r3-
    # emmc.dtso with mt7986a-bananapi-bpi-r3.dts): the kernel builds such a base with -@ for it.
    for src in list(unpaired):
        path = os.path.join(kernel, src)
        folder, stem = os.path.dirname(path), os.path.basename(path)[:-len(".dtso")]
        arch = src.split(os.sep)[1]
        composites = makefile_composites(os.path.join(folder, "Makefile"))
        words = stem.split("-")
        for n in range(len(words) - 1, 0, -1):
            base = "-".join(words[:n])
            parts = composites.get(base) if not os.path.exists(os.path.join(folder, base + ".dts")) \
                else [base + ".dtb"]
            if not parts:
                continue
            blobs = []
            for part in parts + [stem + ".dtbo"]:
                part_src = os.path.join(folder, part[:-len(".dtb")] + ".dts") if part.endswith(".dtb") \
                    else os.path.join(folder, part[:-len(".dtbo")] + ".dtso")
                rel = os.path.relpath(os.path.join(folder, part), os.path.join(kernel, "arch"))
                blob = os.path.join(out_dir, rel)
                err = None if os.path.exists(blob) else compile_source(part_src, blob, kernel, arch, tmp)
                if err:
                    failures.append(f"{stem}: {err}")
                    blobs = None
                    break
                blobs.append(rel)
            if blobs:
                pairs.append(" ".join([stem + "+by-name"] + blobs))
                unpaired.remove(src)
            break
    with open(os.path.join(out_dir, "pairs.txt"), "w") as f:
        f.write("\n".join(pairs) + "\n")
    with open(os.path.join(out_dir, "unpaired.txt"), "w") as f:
        f.write("\n".join(unpaired) + ("\n" if unpaired else ""))
    for line in failures:
        print("not built: " + line, file=sys.stderr)
    print(f"{len(pairs)} pairings built; {len(all_dtso)} overlay sources, {len(unpaired)} in no composite;"
          f" {len(failures)} composites not built")
    # A pairing that did not build would silently shrink the differential: fail instead.
    if failures:
        sys.exit(1)


if __name__ == "__main__":
    main()
