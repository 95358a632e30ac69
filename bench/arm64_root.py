#!/usr/bin/python3
"""Writes a system root of an arm64 machine with RANGES pieces of RAM for bench/snapshot_audit.sh: the booted
tree (sys/firmware/fdt, SPEC section 1, version 17) with one /memory node whose reg holds RANGES (address, size)
pairs of 2 MiB, each followed by a 2 MiB hole, from 0x40000000 (so each is a PT_LOAD of its own); /proc/iomem
with a line per piece, the kernel's lines in the first and the crash kernel as the middle one; two CPUs' crash notes,
the vmcoreinfo note and the release. A core header of it grows with RANGES, as the audit's cost should.

  arm64_root.py OUT_DIR RANGES
"""
import struct
import sys

from flat_tree import FlatTree, cells, write

BASE = 0x40000000
PIECE = 2 << 20


def fdt(ranges):
    t = FlatTree()
    t.begin("")
    t.prop("#address-cells", cells(2))
    t.prop("#size-cells", cells(2))
    t.prop("compatible", b"linux,dummy-virt\0")
    t.begin("chosen")
    t.prop("bootargs", b"crashkernel=256M\0")
    t.end()
    t.begin("cpus")
    t.prop("#address-cells", cells(1))
    t.prop("#size-cells", cells(0))
    for c in range(2):
        t.begin("cpu@%d" % c)
        t.prop("device_type", b"cpu\0")
        t.prop("reg", cells(c))
        t.end()
    t.end()
    t.begin("memory@%x" % BASE)
    t.prop("device_type", b"memory\0")
    t.prop("reg", b"".join(struct.pack(">QQ", BASE + 2 * PIECE * i, PIECE) for i in range(ranges)))
    t.end()
    t.end()
    return t.blob()


def main():
    root, ranges = sys.argv[1], int(sys.argv[2])
    write(root, "sys/firmware/fdt", fdt(ranges))
    lines = []
    for i in range(ranges):
        start = BASE + 2 * PIECE * i
        lines.append("%08x-%08x : System RAM" % (start, start + PIECE - 1))
        if i == 0:
            lines.append("  %08x-%08x : Kernel code" % (start + 0x10000, start + 0xFFFFF))
            lines.append("  %08x-%08x : Kernel data" % (start + 0x100000, start + 0x1FFFFF))
        if i == ranges // 2:
            lines.append("  %08x-%08x : Crash kernel" % (start, start + PIECE - 1))
    write(root, "proc/iomem", "\n".join(lines) + "\n")
    write(root, "proc/sys/kernel/osrelease", "6.12.117\n")
    write(root, "proc/sys/kernel/arch", "aarch64\n")
    write(root, "sys/kernel/vmcoreinfo", "40a34000 1024\n")
    for c, addr in enumerate((0x40C00000, 0x40C10000)):
        write(root, "sys/devices/system/cpu/cpu%d/crash_notes" % c, "%x\n" % addr)
        write(root, "sys/devices/system/cpu/cpu%d/crash_notes_size" % c, "424\n")


if __name__ == "__main__":
    main()
