package org.dtcore.layout;

import static org.dtcore.layout.ExpectationException.Kind.BAD_FIELD;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import org.dtcore.memory.MemoryMapException;
import org.dtcore.memory.MemoryRange;
import org.dtcore.text.ByteSize;
import org.dtcore.text.Numbers;
import org.dtcore.text.TextException;

/**
 * A JSON value with the path that reached it, so that every complaint about an expectation file names
 * its field ({@code $.numa.1.ranges[0].end}). Numbers are strings in dtcore's grammar
 * ({@link org.dtcore.text.Numbers}, docs/numbers.md), as SPEC §0 says.
 *
 * @param node the value (a missing field is Jackson's MissingNode)
 * @param path where it is
 */
record JsonField(JsonNode node, String path) {

    JsonField get(String name) {
        return new JsonField(node.path(name), path + "." + name);
    }

    boolean present() {
        return !node.isMissingNode();
    }

    boolean isNull() {
        return node.isNull();
    }

    ExpectationException error(String message) {
        return new ExpectationException(BAD_FIELD, path, message);
    }

    /** Fails unless this is an object whose fields are all in {@code known} (a typo must not pass silently). */
    JsonField object(Set<String> known) {
        if (!node.isObject()) {
            throw error("expected an object, found " + kind());
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                throw get(name).error("unknown field (known here: " + String.join(", ", known.stream().sorted().toList())
                        + ")");
            }
        }
        return this;
    }

    <T> List<T> list(BiFunction<JsonField, Integer, T> item) {
        if (!node.isArray()) {
            throw error("expected an array, found " + kind());
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            out.add(item.apply(new JsonField(node.get(i), path + "[" + i + "]"), i));
        }
        return out;
    }

    /** A required number written as a string: "0x..." or "256M". */
    long number() {
        if (!present()) {
            throw error("missing");
        }
        if (!node.isTextual()) {
            throw error("expected a string such as \"0x40000000\" or \"256M\", found " + kind()
                    + " (64-bit values do not survive JSON numbers, SPEC §0)");
        }
        try {
            return Numbers.parse(node.asText());
        } catch (TextException e) {
            throw error(e.getMessage());
        }
    }

    /** An optional size: dtcore's grammar up to 2^64 ({@link Numbers#parseSize}). */
    ByteSize optionalSize() {
        if (!present() || isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw error("expected a string such as \"256M\", found " + kind());
        }
        try {
            return Numbers.parseSize(node.asText());
        } catch (TextException e) {
            throw error(e.getMessage());
        }
    }

    Long optionalNumber() {
        return present() && !isNull() ? number() : null;
    }

    String text() {
        if (!node.isTextual()) {
            throw error(present() ? "expected a string, found " + kind() : "missing");
        }
        return node.asText();
    }

    String optionalText() {
        return present() && !isNull() ? text() : null;
    }

    Boolean optionalBoolean() {
        if (!present() || isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw error("expected true or false, found " + kind());
        }
        return node.asBoolean();
    }

    int integer() {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw error("expected an integer, found " + kind());
        }
        return node.asInt();
    }

    /**
     * A range object: {@code start} with {@code end} or {@code size} (both allowed when they agree). A size
     * may be 2^64 ({@code "16E"}), the whole space, which is what {@code expect} writes for it.
     */
    MemoryRange range() {
        object(Set.of("start", "end", "size"));
        long start = get("start").number();
        Long end = get("end").optionalNumber();
        ByteSize size = get("size").optionalSize();
        if (end == null && size == null) {
            throw error("a range needs \"end\" or \"size\"");
        }
        MemoryRange r;
        try {
            if (end != null) {
                r = new MemoryRange(start, end);
            } else if (size.full()) {
                if (start != 0) {
                    throw error("2^64 bytes from " + Numbers.hex(start) + " wrap past 2^64");
                }
                r = new MemoryRange(0, -1L);
            } else {
                r = MemoryRange.ofSize(start, size.bytes(), path);
            }
        } catch (MemoryMapException e) {
            throw error(e.getMessage());
        }
        if (size != null && !r.length().equals(size)) {
            throw get("size").error("size " + size.compact() + " does not match start..end (size "
                    + r.length().compact() + ")");
        }
        return r;
    }

    List<MemoryRange> ranges() {
        return list((f, i) -> f.range());
    }

    private String kind() {
        return node.isMissingNode() ? "nothing" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
