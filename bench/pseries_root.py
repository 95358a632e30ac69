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
import struct
import sys

from flat_tree import FlatTree, cells, write

LMB = 256 << 20
ASSIGNED, DRC_INVALID, RESERVED = 0x8, 0x20, 0x80


def fdt(lmbs, stride):
    t = FlatTree()
    t.begin("")
    t.prop("#address-cells", cells(2))
    t.prop("#size-cells", cells(2))
    t.prop("compatible", b"qemu,pseries\0")
    t.prop("device_type", b"chrp\0")
    t.begin("chosen")
    t.prop("bootargs", b"console=hvc0 crashkernel=512M\0")
    t.end()
    t.begin("rtas")
    t.prop("linux,rtas-base", cells(0x2FFF0000))
    t.prop("rtas-size", cells(0x10000))
    t.end()
    t.begin("cpus")
    t.prop("#address-cells", cells(1))
    t.prop("#size-cells", cells(0))
    for c in range(2):
        t.begin("PowerPC,POWER9@%d" % c)
        t.prop("device_type", b"cpu\0")
        t.prop("reg", cells(c))
        t.end()
    t.end()
    t.begin("memory@0")
    t.prop("device_type", b"memory\0")
    t.prop("reg", cells(0, 0, 0, LMB))
    t.end()
    t.begin("ibm,dynamic-reconfiguration-memory")
    t.prop("ibm,lmb-size", cells(0, LMB))
    t.prop("ibm,associativity-lookup-arrays", cells(1, 4, 0, 0, 0, 0))
    mem = bytearray(struct.pack(">I", lmbs))
    for i in range(lmbs):
        flags = RESERVED | DRC_INVALID if i == 0 else ASSIGNED if i % stride == 0 else 0
        mem.extend(struct.pack(">QIIII", i * LMB, 0x80000000 + i, 0, 0, flags))
    t.prop("ibm,dynamic-memory", bytes(mem))
    t.end()
    t.end()
    return t.blob()


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
