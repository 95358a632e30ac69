#!/usr/bin/python3
"""Writes a system root of an arm64 machine with RANGES pieces of RAM for bench/snapshot_audit.sh: the booted
tree (sys/firmware/fdt, SPEC section 1, version 17) with one /memory node whose reg holds RANGES (address, size)
pairs of 2 MiB, each followed by a 2 MiB hole, from 0x40000000 (so each is a PT_LOAD of its own); /proc/iomem
with a line per piece, the kernel's lines in the first and the crash kernel as the middle one; two CPUs' crash notes,
the vmcoreinfo note and the release. A core header of it grows with RANGES, as the audit's cost should.

  arm64_root.py OUT_DIR RANGES
"""
import os
import struct
import sys

BASE = 0x40000000
PIECE = 2 << 20


def fdt(ranges):
    strings, offsets, st = bytearray(), {}, bytearray()

    def name(n):
        if n not in offsets:
            offsets[n] = len(strings)
            strings.extend(n.encode() + b"\0")
        return offsets[n]

    def pad():
        st.extend(b"\0" * (-len(st) % 4))

    def begin(n):
        st.extend(struct.pack(">I", 1) + n.encode() + b"\0")
        pad()

    def end():
        st.extend(struct.pack(">I", 2))

    def prop(n, value):
        st.extend(struct.pack(">III", 3, len(value), name(n)))
        st.extend(value)
        pad()

    begin("")
    prop("#address-cells", struct.pack(">I", 2))
    prop("#size-cells", struct.pack(">I", 2))
    prop("compatible", b"linux,dummy-virt\0")
    begin("chosen")
    prop("bootargs", b"crashkernel=256M\0")
    end()
    begin("cpus")
    prop("#address-cells", struct.pack(">I", 1))
    prop("#size-cells", struct.pack(">I", 0))
    for c in range(2):
        begin("cpu@%d" % c)
        prop("device_type", b"cpu\0")
        prop("reg", struct.pack(">I", c))
        end()
    end()
    begin("memory@%x" % BASE)
    prop("device_type", b"memory\0")
    prop("reg", b"".join(struct.pack(">QQ", BASE + 2 * PIECE * i, PIECE) for i in range(ranges)))
    end()
    end()
    st.extend(struct.pack(">I", 9))
    struct_off = 40 + 16
    strings_off = struct_off + len(st)
    total = strings_off + len(strings)
    header = struct.pack(">10I", 0xD00DFEED, total, struct_off, strings_off, 40, 17, 16, 0, len(strings), len(st))
    return header + bytes(16) + bytes(st) + bytes(strings)


def write(root, path, data):
    p = os.path.join(root, path)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


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
