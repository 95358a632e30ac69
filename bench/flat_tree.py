"""The flattened device tree writer that bench's root and blob scripts share (SPEC section 1: version 17,
header, /memreserve/ block, structure block, strings block), and the file writer of their system roots.
The blobs are too large, or too regular, to be worth a .dts for dtc (a 262,144-LMB ibm,dynamic-memory is one
6 MB property); dtcore's tests check its reader against dtc on the committed samples instead."""
import os
import struct

FDT_BEGIN_NODE, FDT_END_NODE, FDT_PROP, FDT_END = 1, 2, 3, 9


def cells(*values):
    """Big-endian u32 cells."""
    return struct.pack(">%dI" % len(values), *values)


class FlatTree:
    """Nodes and properties in the order they are written; blob() lays them out."""

    def __init__(self):
        self.strings, self.offsets, self.st = bytearray(), {}, bytearray()

    def _name(self, n):
        if n not in self.offsets:
            self.offsets[n] = len(self.strings)
            self.strings.extend(n.encode() + b"\0")
        return self.offsets[n]

    def _pad(self):
        self.st.extend(b"\0" * (-len(self.st) % 4))

    def begin(self, name):
        self.st.extend(struct.pack(">I", FDT_BEGIN_NODE) + name.encode() + b"\0")
        self._pad()

    def end(self):
        self.st.extend(struct.pack(">I", FDT_END_NODE))

    def prop(self, name, value):
        self.st.extend(struct.pack(">III", FDT_PROP, len(value), self._name(name)))
        self.st.extend(value)
        self._pad()

    def blob(self, reservations=()):
        """The blob: 40-byte header, the /memreserve/ entries (address, size) and their terminator, structure
        block, strings block."""
        st = bytes(self.st) + struct.pack(">I", FDT_END)
        rsv = b"".join(struct.pack(">QQ", a, s) for a, s in reservations) + bytes(16)
        off_rsv = 40
        off_struct = off_rsv + len(rsv)
        off_strings = off_struct + len(st)
        total = off_strings + len(self.strings)
        header = struct.pack(">10I", 0xD00DFEED, total, off_struct, off_strings, off_rsv, 17, 16, 0,
                             len(self.strings), len(st))
        return header + rsv + st + bytes(self.strings)


def write(root, path, data):
    """Writes data (bytes or text) to root/path, making its folders."""
    p = os.path.join(root, path)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())
