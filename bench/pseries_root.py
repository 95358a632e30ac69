#!/usr/bin/python3
"""Writes a system root of a large powerpc pseries machine for bench/snapshot_audit.sh: the booted tree
(sys/firmware/fdt) in the layout bench's PseriesBlob (src/jmh) gives QEMU's pseries machine, LMBS LMBs of
256 MiB as ibm,dynamic-memory (v1, one 24-byte entry per LMB, SPEC section 4), the boot LMB in /memory@0; with
every STRIDE-th LMB assigned, so STRIDE 1 is one run of RAM (a handful of PT_LOADs) and STRIDE 2 a gap after
each assigned LMB (one PT_LOAD each: a core header that grows with LMBS). Around it the files a running
kernel shows: two CPUs' crash notes, the vmcoreinfo note, the release, and the crash kernel the kernel adds
to the live /chosen (linux,crashkernel-base/-size, 512 MiB at 512 MiB, as the recorded pseries case).

  pseries_root.py OUT_DIR LMBS STRIDE
"""
import os
import struct
import sys

LMB = 256 << 20
ASSIGNED, DRC_INVALID, RESERVED = 0x8, 0x20, 0x80


def fdt(lmbs, stride):
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

    def cells(*v):
        return struct.pack(">%dI" % len(v), *v)

    begin("")
    prop("#address-cells", cells(2))
    prop("#size-cells", cells(2))
    prop("compatible", b"qemu,pseries\0")
    prop("device_type", b"chrp\0")
    begin("chosen")
    prop("bootargs", b"console=hvc0 crashkernel=512M\0")
    end()
    begin("rtas")
    prop("linux,rtas-base", cells(0x2FFF0000))
    prop("rtas-size", cells(0x10000))
    end()
    begin("cpus")
    prop("#address-cells", cells(1))
    prop("#size-cells", cells(0))
    for c in range(2):
        begin("PowerPC,POWER9@%d" % c)
        prop("device_type", b"cpu\0")
        prop("reg", cells(c))
        end()
    end()
    begin("memory@0")
    prop("device_type", b"memory\0")
    prop("reg", cells(0, 0, 0, LMB))
    end()
    begin("ibm,dynamic-reconfiguration-memory")
    prop("ibm,lmb-size", cells(0, LMB))
    prop("ibm,associativity-lookup-arrays", cells(1, 4, 0, 0, 0, 0))
    mem = bytearray(struct.pack(">I", lmbs))
    for i in range(lmbs):
        flags = RESERVED | DRC_INVALID if i == 0 else ASSIGNED if i % stride == 0 else 0
        mem.extend(struct.pack(">QIIII", i * LMB, 0x80000000 + i, 0, 0, flags))
    prop("ibm,dynamic-memory", bytes(mem))
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
    root, lmbs, stride = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    write(root, "sys/firmware/fdt", fdt(lmbs, stride))
    write(root, "proc/sys/kernel/osrelease", "6.12.117\n")
    write(root, "proc/sys/kernel/arch", "ppc64le\n")
    write(root, "sys/kernel/vmcoreinfo", "2640000 10024\n")
    for c, addr in enumerate((0xFFE98400, 0xFFEA8400)):
        write(root, "sys/devices/system/cpu/cpu%d/crash_notes" % c, "%x\n" % addr)
        write(root, "sys/devices/system/cpu/cpu%d/crash_notes_size" % c, "536\n")
    write(root, "proc/device-tree/chosen/linux,crashkernel-base", struct.pack(">Q", 0x20000000))
    write(root, "proc/device-tree/chosen/linux,crashkernel-size", struct.pack(">Q", 0x20000000))


if __name__ == "__main__":
    main()
