package org.dtcore.fdt;

import static org.dtcore.fdt.FdtException.Kind.BAD_STRING;
import static org.dtcore.fdt.FdtException.Kind.LIMIT;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.dtcore.text.Numbers;

/**
 * The strings block (SPEC §1): property names looked up by offset, as libfdt's fdt_get_string. Names are
 * decoded once per offset, so a thousand properties that share a name share one String.
 */
final class StringsBlock {
    private final ByteBuffer blob;
    private final int start;
    private final int end;
    private final int maxNameLength;
    private final Map<Integer, String> decoded = new HashMap<>();

    StringsBlock(ByteBuffer blob, BlobLayout layout, FdtLimits limits) {
        this.blob = blob;
        this.start = layout.stringsStart();
        this.end = layout.stringsEnd();
        this.maxNameLength = limits.maxNameLength();
    }

    /**
     * The NUL-terminated name at {@code nameOffset} (u32, unsigned in a long) for the property token at
     * {@code propOffset}, which every error points at.
     */
    String name(long nameOffset, int propOffset) {
        int size = end - start;
        if (nameOffset >= size) {
            throw FdtException.at(BAD_STRING, propOffset, "property at " + Numbers.hex(propOffset) + ": name offset "
                    + Numbers.hex(nameOffset) + " is past the strings block (" + Numbers.hex(size) + " bytes at "
                    + Numbers.hex(start) + ")");
        }
        int at = start + (int) nameOffset;
        String known = decoded.get(at);
        if (known != null) {
            return known;
        }
        // SPEC §1: a name must end (NUL) before the strings block does.
        int nul = at;
        while (nul < end && blob.get(nul) != 0) {
            nul++;
            if (nul - at > maxNameLength) {
                throw FdtException.at(LIMIT, propOffset, "property at " + Numbers.hex(propOffset) + ": name at "
                        + Numbers.hex(at) + " is longer than the limit of " + maxNameLength + " bytes");
            }
        }
        if (nul == end) {
            throw FdtException.at(BAD_STRING, propOffset, "property at " + Numbers.hex(propOffset) + ": name at "
                    + Numbers.hex(at) + " is not NUL-terminated before the strings block ends (" + Numbers.hex(end)
                    + ")");
        }
        String name = decode(blob, at, nul);
        decoded.put(at, name);
        return name;
    }

    static String decode(ByteBuffer blob, int from, int to) {
        byte[] bytes = new byte[to - from];
        blob.get(from, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
