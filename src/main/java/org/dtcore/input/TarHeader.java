package org.dtcore.input;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * One 512-byte tar header, decoded as POSIX.1-2017 pax's "ustar Interchange Format" lays it out (name 0..99,
 * size 124..135, checksum 148..155, typeflag 156, linkname 157..256, magic 257, prefix 345..499), with GNU's
 * base-256 numbers and pax extended-header records. It only decodes: what an entry means for a system root
 * is {@link TarArchive}'s.
 */
final class TarHeader {
    static final int BLOCK = 512;

    /** A header field that cannot be read; the archive reader names the entry and refuses it. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String why) {
            super(why, null, false, false);
        }
    }

    private TarHeader() {
    }

    static boolean isZero(byte[] h) {
        for (byte b : h) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the stored checksum is the sum of the header's bytes with the checksum field read as spaces,
     * unsigned as POSIX says, or signed as some old tars wrote it.
     */
    static boolean checksumMatches(byte[] h) {
        long stored;
        try {
            stored = octal(h, 148, 8);
        } catch (Malformed e) {
            return false;
        }
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            boolean field = i >= 148 && i < 156;
            unsigned += field ? ' ' : h[i] & 0xff;
            signed += field ? ' ' : h[i];
        }
        return stored == unsigned || stored == signed;
    }

    static char type(byte[] h) {
        return (char) (h[156] & 0xff);
    }

    /** prefix "/" name when the magic says POSIX ustar (GNU's old format uses the prefix bytes otherwise). */
    static String name(byte[] h) {
        String name = cString(h, 0, 100);
        boolean ustar = h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r'
                && h[262] == 0;
        String prefix = ustar ? cString(h, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    static String linkName(byte[] h) {
        return cString(h, 157, 100);
    }

    /** Up to {@code max} bytes from {@code from}, ending at the first NUL, as UTF-8 (pax's encoding). */
    static String cString(byte[] b, int from, int max) {
        int end = from;
        while (end < from + max && end < b.length && b[end] != 0) {
            end++;
        }
        return new String(b, from, end - from, StandardCharsets.UTF_8);
    }

    /** The size field: octal text, or GNU's base-256 when the first byte has its top bit set. */
    static long size(byte[] h) throws Malformed {
        if ((h[124] & 0x80) != 0) {
            if ((h[124] & 0x40) != 0) {
                throw new Malformed("a negative size");
            }
            long v = h[124] & 0x3f;
            for (int i = 125; i < 136; i++) {
                if (v > (Long.MAX_VALUE >> 8)) {
                    return Long.MAX_VALUE; // more than any bound: refused as too large
                }
                v = v << 8 | (h[i] & 0xff);
            }
            return v;
        }
        return octal(h, 124, 12);
    }

    /** Octal digits after optional spaces, ended by NUL, a space or the field's end. */
    private static long octal(byte[] h, int at, int len) throws Malformed {
        int i = at;
        int end = at + len;
        while (i < end && h[i] == ' ') {
            i++;
        }
        long v = 0;
        int digits = 0;
        for (; i < end && h[i] >= '0' && h[i] <= '7'; i++, digits++) {
            v = v << 3 | (h[i] - '0');
        }
        if (digits == 0 || i < end && h[i] != 0 && h[i] != ' ') {
            throw new Malformed("a numeric field that is not octal");
        }
        return v;
    }

    /** pax records "LENGTH KEY=VALUE\n", LENGTH counting the whole record (POSIX.1-2017 pax, "pax Extended Header"). */
    static Map<String, String> paxRecords(byte[] body) throws Malformed {
        Map<String, String> out = new TreeMap<>();
        int at = 0;
        while (at < body.length) {
            int space = at;
            long len = 0;
            while (space < body.length && body[space] >= '0' && body[space] <= '9' && len < body.length) {
                len = len * 10 + body[space] - '0';
                space++;
            }
            if (space >= body.length || body[space] != ' ' || len <= space - at + 1 || at + len > body.length
                    || body[(int) (at + len - 1)] != '\n') {
                throw new Malformed("a malformed pax extended header");
            }
            String record = new String(body, space + 1, (int) (at + len - space - 2), StandardCharsets.UTF_8);
            int eq = record.indexOf('=');
            if (eq > 0) {
                out.put(record.substring(0, eq), record.substring(eq + 1));
            }
            at += (int) len;
        }
        return out;
    }

    /** A pax "size" record: decimal digits. */
    static long paxSize(String text) throws Malformed {
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new Malformed("a pax size that is not a decimal number");
        }
        return Long.parseLong(text);
    }
}
