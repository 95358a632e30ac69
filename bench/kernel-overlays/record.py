#!/usr/bin/python3
"""Compares libfdt 1.6 and 1.7 on the kernel's overlay pairings, and records the committed subset.

Run bench/kernel-overlays/build.py first: OUT-DIR is its output (pairs.txt, the blobs, and
fdtoverlay-linux, the kernel's own fdtoverlay built from Linux 6.12's scripts/dtc). The two references:
  dtc 1.6: Debian's /usr/bin/fdtoverlay (device-tree-compiler 1.6.1);
  dtc 1.7: OUT-DIR/fdtoverlay-linux. Debian's linux-source-6.12 (6.12.118-1~deb12u1) carries
           "DTC 1.7.0-gbcd02b52" in scripts/dtc/version_gen.h: dtc 1.7.0 plus the upstream commits up
           to bcd02b52, which is what fdtoverlay-linux -V prints.
Every blob either tool writes is laid out by Debian's `dtc -I dtb -O dtb`, as the differential test
lays it out, before blobs are compared.

    bench/kernel-overlays/record.py survey OUT-DIR
        applies every pairing with both tools and prints, per pairing, "same" or "differ" (or how
        either refused), then the counts.
    bench/kernel-overlays/record.py commit OUT-DIR RESOURCE-DIR [NAME ...]
        makes RESOURCE-DIR (src/test/resources/org/dtcore/fdt/kernel-overlays) hold the named pairings
        (default: the names of RESOURCE-DIR/pairs.txt as it is): their base and overlay blobs copied
        from OUT-DIR under the same paths, pairs.txt, and for each pairing the dtc 1.7 reference:
        dtc-1.7/NAME.dtb, the kernel fdtoverlay's laid-out blob, where it differs from dtc 1.6's;
        its name in dtc-1.7/same-as-dtc-1.6.txt where both tools gave the same bytes. dtc-1.7/tools.txt
        names the tools that made them. Blobs of pairings no longer named are removed.
"""
import os
import shutil
import subprocess
import sys
import tempfile

DEBIAN_FDTOVERLAY = "/usr/bin/fdtoverlay"


def version(tool, flag="-V"):
    r = subprocess.run([tool, flag], capture_output=True, text=True)
    return (r.stdout + r.stderr).strip()


def pairings(out_dir):
    """name -> [base, overlays...] in pairs.txt order (paths relative to out_dir)."""
    out = {}
    with open(os.path.join(out_dir, "pairs.txt"), encoding="utf-8") as f:
        for line in f:
            words = line.split()
            if words:
                out[words[0]] = words[1:]
    return out


def apply(tool, out_dir, parts, tmp, tag):
    """The laid-out blob the tool makes of base + overlays, or (None, its error line)."""
    raw = os.path.join(tmp, tag + ".dtb")
    laid = os.path.join(tmp, tag + "-dtc.dtb")
    for p in (raw, laid):
        if os.path.exists(p):
            os.remove(p)
    cmd = [tool, "-i", os.path.join(out_dir, parts[0]), "-o", raw] + [os.path.join(out_dir, p) for p in parts[1:]]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        return None, (r.stderr.strip().splitlines() or ["exit %d" % r.returncode])[-1]
    subprocess.run(["dtc", "-q", "-I", "dtb", "-O", "dtb", "-o", laid, raw], check=True)
    with open(laid, "rb") as f:
        return f.read(), None


def check_tools(out_dir):
    kernel_tool = os.path.join(out_dir, "fdtoverlay-linux")
    if not os.access(kernel_tool, os.X_OK):
        sys.exit(kernel_tool + " missing: run build.py first")
    v16, v17 = version(DEBIAN_FDTOVERLAY), version(kernel_tool)
    # the recordings are labelled by libfdt version: refuse to label another tool's output
    if "DTC 1.6." not in v16:
        sys.exit(DEBIAN_FDTOVERLAY + " is not dtc 1.6: " + v16)
    if "DTC 1.7." not in v17:
        sys.exit(kernel_tool + " is not dtc 1.7: " + v17)
    return kernel_tool, v16, v17


def compare(out_dir, kernel_tool, name, parts, tmp):
    """('same' | 'differ' | 'refused ...', the dtc 1.7 blob)."""
    old, old_err = apply(DEBIAN_FDTOVERLAY, out_dir, parts, tmp, "v16")
    new, new_err = apply(kernel_tool, out_dir, parts, tmp, "v17")
    if old is None or new is None:
        return "refused (1.6: %s; 1.7: %s)" % (old_err or "applied", new_err or "applied"), new
    return ("same" if old == new else "differ"), new


def survey(out_dir):
    kernel_tool, v16, v17 = check_tools(out_dir)
    print("dtc 1.6: %s (%s)\ndtc 1.7: %s (%s)" % (DEBIAN_FDTOVERLAY, v16, kernel_tool, v17))
    counts = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, parts in pairings(out_dir).items():
            verdict, _ = compare(out_dir, kernel_tool, name, parts, tmp)
            print(verdict.split(" ")[0] + " " + name + (verdict[len("refused"):] if verdict.startswith("refused") else ""))
            key = verdict.split(" ")[0]
            counts[key] = counts.get(key, 0) + 1
    total = sum(counts.values())
    print("%d pairings: %s" % (total, ", ".join("%d %s" % (n, k) for k, n in sorted(counts.items()))))


def commit(out_dir, res_dir, names):
    kernel_tool, v16, v17 = check_tools(out_dir)
    every = pairings(out_dir)
    if not names:
        names = list(pairings(res_dir))
    unknown = [n for n in names if n not in every]
    if unknown:
        sys.exit("not pairings of %s/pairs.txt: %s" % (out_dir, " ".join(unknown)))
    # start from nothing but README.md, so no blob of an earlier subset stays behind; only in a folder that
    # is such a subset (or empty), since everything else in it is removed
    if os.listdir(res_dir) and not os.path.exists(os.path.join(res_dir, "pairs.txt")):
        sys.exit(res_dir + " holds no pairs.txt: not a committed subset, left alone")
    for entry in os.listdir(res_dir):
        if entry != "README.md":
            path = os.path.join(res_dir, entry)
            shutil.rmtree(path) if os.path.isdir(path) else os.remove(path)
    ref_dir = os.path.join(res_dir, "dtc-1.7")
    os.makedirs(ref_dir)
    same, lines = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            parts = every[name]
            for p in parts:
                os.makedirs(os.path.dirname(os.path.join(res_dir, p)), exist_ok=True)
                shutil.copyfile(os.path.join(out_dir, p), os.path.join(res_dir, p))
            verdict, blob = compare(out_dir, kernel_tool, name, parts, tmp)
            if verdict == "same":
                same.append(name)
            elif verdict == "differ":
                with open(os.path.join(ref_dir, name + ".dtb"), "wb") as f:
                    f.write(blob)
            else:
                # the differential compares refusals by error name, which a blob cannot record
                sys.exit(name + ": " + verdict + "; choose pairings both tools apply")
            lines.append(" ".join([name] + parts))
            print(verdict + " " + name)
    with open(os.path.join(res_dir, "pairs.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(ref_dir, "same-as-dtc-1.6.txt"), "w", encoding="utf-8") as f:
        f.write("".join(n + "\n" for n in same))
    with open(os.path.join(ref_dir, "tools.txt"), "w", encoding="utf-8") as f:
        f.write("dtc 1.7: fdtoverlay built by bench/kernel-overlays/build.py from Linux 6.12's scripts/dtc: %s\n" % v17)
        f.write("dtc 1.6: Debian's fdtoverlay: %s\n" % v16)
        f.write("layout: Debian's dtc -I dtb -O dtb: %s\n" % version("dtc", "-v"))
    print("%d pairings: %d differ (dtc-1.7/NAME.dtb), %d same (dtc-1.7/same-as-dtc-1.6.txt)"
          % (len(names), len(names) - len(same), len(same)))


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "survey" and len(sys.argv) == 3:
        survey(os.path.abspath(sys.argv[2]))
    elif len(sys.argv) >= 4 and sys.argv[1] == "commit":
        commit(os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3]), sys.argv[4:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
