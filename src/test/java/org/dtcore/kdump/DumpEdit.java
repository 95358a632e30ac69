package org.dtcore.kdump;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Alters a recorded ELF64 core header or vmcore head for the audit's tests, read and written here by the ELF
 * specification's layout (Ehdr: e_phoff at 32, e_phnum at 56; Phdr: p_type, p_flags, p_offset, p_vaddr,
 * p_paddr, p_filesz, p_memsz, p_align) independently of dtcore's reader and builder. Program headers are
 * {@code long[8]} in that field order.
 */
final class DumpEdit {
    static final int TYPE = 0;
    static final int OFFSET = 2;
    static final int VADDR = 3;
    static final int PADDR = 4;
    static final int FILESZ = 5;
    static final int MEMSZ = 6;
    static final long PT_LOAD = 1;
    static final long PT_NOTE = 4;

    private final byte[] bytes;
    private final ByteOrder order;
    final List<long[]> phdrs = new ArrayList<>();

    DumpEdit(byte[] file) {
        this.bytes = file.clone();
        this.order = file[5] == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        ByteBuffer b = ByteBuffer.wrap(file).order(order);
        if (file[4] != 2) {
            throw new AssertionError("not ELF64");
        }
        long phoff = b.getLong(32);
        int phnum = Short.toUnsignedInt(b.getShort(56));
        for (int i = 0; i < phnum; i++) {
            int at = (int) phoff + i * 56;
            long[] p = new long[8];
            p[0] = Integer.toUnsignedLong(b.getInt(at));
            p[1] = Integer.toUnsignedLong(b.getInt(at + 4));
            for (int k = 2; k < 8; k++) {
                p[k] = b.getLong(at + 8 + (k - 2) * 8);
            }
            phdrs.add(p);
        }
    }

    /** The program headers of {@code type}, in table order (the arrays themselves: edits go through). */
    List<long[]> of(long type) {
        return phdrs.stream().filter(p -> p[TYPE] == type).toList();
    }

    /** The file with the edited table: the same bytes elsewhere (a vmcore's notes stay where they were). */
    byte[] bytes() {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(order);
        long phoff = b.getLong(32);
        int old = Short.toUnsignedInt(b.getShort(56));
        byte[] out = Arrays.copyOf(bytes, Math.max(bytes.length, (int) phoff + phdrs.size() * 56));
        ByteBuffer o = ByteBuffer.wrap(out).order(order);
        Arrays.fill(out, (int) phoff, (int) phoff + old * 56, (byte) 0);
        o.putShort(56, (short) phdrs.size());
        for (int i = 0; i < phdrs.size(); i++) {
            int at = (int) phoff + i * 56;
            long[] p = phdrs.get(i);
            o.putInt(at, (int) p[0]);
            o.putInt(at + 4, (int) p[1]);
            for (int k = 2; k < 8; k++) {
                o.putLong(at + 8 + (k - 2) * 8, p[k]);
            }
        }
        return out;
    }

    /**
     * A vmcore head without the {@code n}th note named {@code name} of its merged PT_NOTE: the notes after it
     * move up and the PT_NOTE's sizes shrink (fs/proc/vmcore.c lays notes as 12-byte header, name and
     * descriptor, each padded to 4).
     */
    byte[] withoutNote(String name, int n) {
        long[] note = of(PT_NOTE).get(0);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(order);
        int at = (int) note[OFFSET];
        int end = (int) (note[OFFSET] + note[FILESZ]);
        int seen = 0;
        while (at + 12 <= end) {
            int namesz = b.getInt(at);
            int descsz = b.getInt(at + 4);
            int size = 12 + ((namesz + 3) & ~3) + ((descsz + 3) & ~3);
            String got = new String(bytes, at + 12, Math.max(0, namesz - 1), StandardCharsets.US_ASCII);
            if (got.equals(name) && seen++ == n) {
                note[FILESZ] -= size;
                note[MEMSZ] -= size;
                byte[] out = bytes();
                System.arraycopy(bytes, at + size, out, at, end - at - size);
                Arrays.fill(out, end - size, end, (byte) 0);
                return out;
            }
            at += size;
        }
        throw new AssertionError("no note " + name + " #" + n);
    }
}
