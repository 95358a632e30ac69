package org.dtcore.crash;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;

/**
 * The order in which readdir() lists a sysfs folder such as /proc/device-tree (a link to
 * /sys/firmware/devicetree/base): kernfs keeps a folder's entries in a red-black tree ordered by
 * kernfs_name_hash(), then by name (fs/kernfs/dir.c kernfs_name_compare), and readdir walks that tree.
 * kexec-tools meets powerpc's memory nodes in this order and keeps it. A copy of the folder loses it,
 * so dtcore recomputes it from the names.
 */
final class KernfsOrder {
    /** GOLDEN_RATIO_64 of include/linux/hash.h. */
    private static final long GOLDEN_RATIO_64 = 0x61C8864680B583EBL;
    private static final long INT_MAX = 0x7fffffffL;

    /** Entries as readdir lists them. */
    static final Comparator<String> READDIR = Comparator.comparingLong(KernfsOrder::hash)
            .thenComparing(KernfsOrder::compareBytes);

    private KernfsOrder() {
    }

    /**
     * kernfs_name_hash(name, NULL) on a 64-bit kernel: the R5 hash of include/linux/stringhash.h
     * (partial_name_hash per byte, end_name_hash = hash_64(h, 32)), cut to 31 bits, 0 and 1 and INT_MAX kept
     * for "." , ".." and the end.
     */
    static long hash(String name) {
        long h = 0;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            // powerpc and arm64 chars are unsigned; device-tree names are ASCII anyway
            long c = b & 0xff;
            h = (h + (c << 4) + (c >>> 4)) * 11;
        }
        h = (h * GOLDEN_RATIO_64) >>> 32;
        h &= INT_MAX;
        if (h < 2) {
            h += 2;
        }
        if (h >= INT_MAX) {
            h = INT_MAX - 1;
        }
        return h;
    }

    /** strcmp() of the names' bytes. */
    private static int compareBytes(String a, String b) {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int d = (x[i] & 0xff) - (y[i] & 0xff);
            if (d != 0) {
                return d;
            }
        }
        return x.length - y.length;
    }
}
