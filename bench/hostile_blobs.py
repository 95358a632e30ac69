#!/usr/bin/python3
"""Writes the large valid blobs that hold cost linear in the input (see bench/linear.sh): a flattened device tree
(SPEC section 1, version 17) with one memory node and optional /memreserve/ entries.

  hostile_blobs.py OUT_DIR
    dup-memreserve-2000.dtb   2,000 identical /memreserve/ entries (32 KB)
    memreserve-100000.dtb     100,000 distinct /memreserve/ entries (1.6 MB)
    reg-1m.dtb                one reg of 1,000,000 (address, size) tuples (16 MB)
    reg-4m.dtb                one reg of 4,000,000 tuples (64 MB)
"""
import os
import struct
import sys

from flat_tree import FlatTree, cells


def blob(reg_tuples, reservations):
    t = FlatTree()
    t.begin("")
    t.prop("#address-cells", cells(2))
    t.prop("#size-cells", cells(2))
    t.begin("memory@40000000")
    t.prop("device_type", b"memory\0")
    t.prop("reg", b"".join(struct.pack(">QQ", a, s) for a, s in reg_tuples))
    t.end()
    t.end()
    return t.blob(reservations)


def main(out):
    os.makedirs(out, exist_ok=True)
    ram = [(0x40000000, 0x80000000)]
    cases = {
        "dup-memreserve-2000.dtb": (ram, [(0x40000000, 0x1000)] * 2000),
        "memreserve-100000.dtb": (ram, [(0x40000000 + i * 0x2000, 0x1000) for i in range(100000)]),
        "reg-1m.dtb": ([(0x40000000 + i * 0x2000, 0x1000) for i in range(1000000)], []),
        "reg-4m.dtb": ([(0x40000000 + i * 0x2000, 0x1000) for i in range(4000000)], []),
    }
    for file, (reg, rsv) in cases.items():
        with open(os.path.join(out, file), "wb") as f:
            f.write(blob(reg, rsv))


if __name__ == "__main__":
    main(sys.argv[1])
