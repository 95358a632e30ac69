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


def blob(reg_tuples, reservations):
    strings = bytearray()
    offsets = {}

    def name(n):
        if n not in offsets:
            offsets[n] = len(strings)
            strings.extend(n.encode() + b"\0")
        return offsets[n]

    st = bytearray()

    def pad():
        st.extend(b"\0" * (-len(st) % 4))

    def prop(n, value):
        st.extend(struct.pack(">III", 3, len(value), name(n)))
        st.extend(value)
        pad()

    st.extend(struct.pack(">I", 1) + b"\0\0\0\0")
    prop("#address-cells", struct.pack(">I", 2))
    prop("#size-cells", struct.pack(">I", 2))
    st.extend(struct.pack(">I", 1) + b"memory@40000000\0")
    pad()
    prop("device_type", b"memory\0")
    prop("reg", b"".join(struct.pack(">QQ", a, s) for a, s in reg_tuples))
    st.extend(struct.pack(">II", 2, 2) + struct.pack(">I", 9))
    rsv = b"".join(struct.pack(">QQ", a, s) for a, s in reservations) + b"\0" * 16
    off_rsv = 40
    off_struct = off_rsv + len(rsv)
    off_strings = off_struct + len(st)
    total = off_strings + len(strings)
    header = struct.pack(">10I", 0xD00DFEED, total, off_struct, off_strings, off_rsv, 17, 16, 0,
                         len(strings), len(st))
    return header + rsv + bytes(st) + bytes(strings)


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
