package org.dtcore.fdt;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The strings block a writer builds (SPEC §1): property names, NUL-terminated, in the order they are
 * first needed. Laid out as dtc 1.6.1 lays it out, so {@link FdtWriter} output matches {@code dtc -O dtb}
 * byte for byte: a name already present at any offset of the block is reused there, including as the
 * tail of a longer name ("cells" is found inside "#address-cells"), and the lowest such offset wins.
 * Otherwise the name is appended.
 *
 * <p>dtc finds a name by comparing it at every offset of the block. Here every tail of up to
 * {@value #INDEXED_TAIL} bytes of every appended name is indexed, lowest offset first, so a lookup is one
 * hash probe; a longer name can only be the tail of an appended name at least as long, and those few are
 * scanned in offset order. Either way the answer is the offset dtc would find.
 */
final class StringTable {
    private static final int INDEXED_TAIL = 64;

    /** An appended name longer than {@link #INDEXED_TAIL} bytes. */
    private record LongName(int offset, String key) {
    }

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    /** Tails as ISO-8859-1 text (one char per byte, so UTF-8 names compare byte for byte). */
    private final Map<String, Integer> tails = new HashMap<>();
    private final List<LongName> longNames = new ArrayList<>();

    /** The offset of {@code name} in the block, appending it when no offset holds it yet. */
    int offsetOf(String name) {
        byte[] encoded = name.getBytes(StandardCharsets.UTF_8);
        String key = new String(encoded, StandardCharsets.ISO_8859_1);
        int found = find(key);
        if (found >= 0) {
            return found;
        }
        int at = bytes.size();
        bytes.write(encoded, 0, encoded.length);
        bytes.write(0);
        // k == length is the empty tail, the NUL itself: dtc would find "" there too.
        for (int k = Math.max(0, key.length() - INDEXED_TAIL); k <= key.length(); k++) {
            tails.putIfAbsent(key.substring(k), at + k);
        }
        if (key.length() > INDEXED_TAIL) {
            longNames.add(new LongName(at, key));
        }
        return at;
    }

    private int find(String key) {
        if (key.length() <= INDEXED_TAIL) {
            return tails.getOrDefault(key, -1);
        }
        for (LongName n : longNames) { // offset order: the first hit is the lowest offset
            if (n.key().endsWith(key)) {
                return n.offset() + n.key().length() - key.length();
            }
        }
        return -1;
    }

    int size() {
        return bytes.size();
    }

    byte[] toByteArray() {
        return bytes.toByteArray();
    }
}
