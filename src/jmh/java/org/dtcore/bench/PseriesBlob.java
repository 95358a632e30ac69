package org.dtcore.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Generates large powerpc pseries trees (SPEC §4) for the benchmarks: {@code lmbs} LMBs of 256 MiB from
 * address 0, as {@code ibm,dynamic-memory} (v1, one 24-byte entry per LMB) or {@code ibm,dynamic-memory-v2}
 * (one set per run of LMBs with the same flags and associativity). The layout follows QEMU's pseries
 * machine: {@code /memory@0} holds the boot memory (the first LMB), whose LMB entry is marked RESERVED,
 * and the rest are ASSIGNED, the lower half on NUMA node 0 and the upper half on node 1.
 *
 * <p>Run as a program it writes {@code pseries-262144-v1.dtb} and {@code pseries-262144-v2.dtb} (or the
 * given LMB count) into the folder named by its first argument, for bench/compare.sh.
 */
public final class PseriesBlob {
    /** 64 TiB in 256 MiB blocks. */
    public static final int LMBS = 262_144;
    public static final long LMB_SIZE = 256L << 20;

    private static final int ASSIGNED = 0x8;
    private static final int DRC_INVALID = 0x20;
    private static final int RESERVED = 0x80;
    private static final int DRC_BASE = 0x80000000;

    private PseriesBlob() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: PseriesBlob OUT-FOLDER [LMBS]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        int lmbs = args.length > 1 ? Integer.parseInt(args[1]) : LMBS;
        Files.createDirectories(dir);
        for (int version : new int[] {1, 2}) {
            Path out = dir.resolve("pseries-" + lmbs + "-v" + version + ".dtb");
            byte[] blob = generate(lmbs, version);
            Files.write(out, blob);
            System.out.println("wrote " + out + " (" + blob.length + " bytes)");
        }
    }

    /** A blob with {@code lmbs} LMBs in the given dynamic-memory format (1 or 2). */
    public static byte[] generate(int lmbs, int version) {
        Writer w = new Writer();
        w.begin("");
        w.prop("#address-cells", cells(2));
        w.prop("#size-cells", cells(2));
        w.prop("model", str("IBM pSeries (emulated by qemu)"));
        w.prop("compatible", str("qemu,pseries"));
        w.prop("device_type", str("chrp"));

        w.begin("chosen");
        w.prop("bootargs", str("console=hvc0 root=/dev/sda2"));
        w.end();

        w.begin("rtas");
        w.prop("linux,rtas-base", cells(0x2fff0000));
        w.prop("rtas-size", cells(0x10000));
        w.prop("ibm,associativity-reference-points", cells(4, 4));
        w.end();

        w.begin("memory@0");
        w.prop("device_type", str("memory"));
        w.prop("reg", cells(0, 0, (int) (LMB_SIZE >>> 32), (int) LMB_SIZE));
        w.prop("ibm,associativity", cells(4, 0, 0, 0, 0));
        w.end();

        w.begin("ibm,dynamic-reconfiguration-memory");
        w.prop("ibm,lmb-size", cells((int) (LMB_SIZE >>> 32), (int) LMB_SIZE));
        // two associativity arrays of 4 cells: aa_index 0 is node 0, aa_index 1 is node 1
        w.prop("ibm,associativity-lookup-arrays", cells(2, 4, 0, 0, 0, 0, 0, 0, 0, 1));
        if (version == 1) {
            w.prop("ibm,dynamic-memory", v1(lmbs));
        } else {
            w.prop("ibm,dynamic-memory-v2", v2(lmbs));
        }
        w.end();

        w.end();
        return w.finish();
    }

    private static byte[] v1(int lmbs) {
        ByteBuffer b = ByteBuffer.allocate(4 + lmbs * 24);
        b.putInt(lmbs);
        for (int i = 0; i < lmbs; i++) {
            b.putLong(i * LMB_SIZE);
            b.putInt(DRC_BASE + i);
            b.putInt(0);
            b.putInt(aa(i, lmbs));
            b.putInt(i == 0 ? RESERVED | DRC_INVALID : ASSIGNED);
        }
        return b.array();
    }

    private static byte[] v2(int lmbs) {
        // sets: the boot LMB (reserved), then node 0's assigned LMBs, then node 1's
        int half = lmbs / 2;
        int[][] sets = {{1, 0, 0, RESERVED | DRC_INVALID}, {half - 1, 1, 0, ASSIGNED}, {lmbs - half, half, 1, ASSIGNED}};
        ByteBuffer b = ByteBuffer.allocate(4 + sets.length * 24);
        b.putInt(sets.length);
        for (int[] s : sets) {
            b.putInt(s[0]);
            b.putLong(s[1] * LMB_SIZE);
            b.putInt(DRC_BASE + s[1]);
            b.putInt(s[2]);
            b.putInt(s[3]);
        }
        return b.array();
    }

    private static int aa(int lmb, int lmbs) {
        return lmb < lmbs / 2 ? 0 : 1;
    }

    private static byte[] cells(int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4);
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    private static byte[] str(String s) {
        byte[] raw = s.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[raw.length + 1];
        System.arraycopy(raw, 0, out, 0, raw.length);
        return out;
    }

    /** A minimal FDT v17 writer (SPEC §1): header, empty reservation block, structure, strings. */
    private static final class Writer {
        private final ByteArrayOutputStream struct = new ByteArrayOutputStream();
        private final ByteArrayOutputStream strings = new ByteArrayOutputStream();
        private final Map<String, Integer> names = new LinkedHashMap<>();

        void begin(String name) {
            word(1);
            byte[] n = str(name);
            struct.writeBytes(n);
            pad();
        }

        void end() {
            word(2);
        }

        void prop(String name, byte[] value) {
            Integer off = names.get(name);
            if (off == null) {
                off = strings.size();
                strings.writeBytes(str(name));
                names.put(name, off);
            }
            word(3);
            word(value.length);
            word(off);
            struct.writeBytes(value);
            pad();
        }

        byte[] finish() {
            word(9);
            int header = 40;
            int rsvmap = header;        // 8-aligned
            int rsvSize = 16;           // the terminating entry only
            int structOff = rsvmap + rsvSize;
            int stringsOff = structOff + struct.size();
            int total = stringsOff + strings.size();
            ByteBuffer b = ByteBuffer.allocate(total);
            b.putInt(0xd00dfeed).putInt(total).putInt(structOff).putInt(stringsOff).putInt(rsvmap)
                    .putInt(17).putInt(16).putInt(0).putInt(strings.size()).putInt(struct.size());
            b.putLong(0).putLong(0);
            b.put(struct.toByteArray());
            b.put(strings.toByteArray());
            return b.array();
        }

        private void word(int v) {
            struct.write(v >>> 24);
            struct.write(v >>> 16);
            struct.write(v >>> 8);
            struct.write(v);
        }

        private void pad() {
            while (struct.size() % 4 != 0) {
                struct.write(0);
            }
        }
    }
}
