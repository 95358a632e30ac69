package org.dtcore.layout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON printed for people who review it in diffs: objects of objects indented, and every object that
 * holds only plain values (a range, a row) on one line, as fdt-samples/expected/*.json are written.
 * Writes to any {@link Appendable}, so a file of a million rows streams out row by row.
 */
final class CompactJson {
    private CompactJson() {
    }

    static String print(JsonNode node) {
        StringBuilder b = new StringBuilder();
        try {
            writeNode(node, 0, b);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible); // a StringBuilder does not fail
        }
        return b.toString();
    }

    /** {@code n} at nesting level {@code indent} (its first line is not indented, its last is). */
    static void write(JsonNode n, int indent, Appendable b) throws IOException {
        writeNode(n, indent, b);
    }

    private static void writeNode(JsonNode n, int indent, Appendable b) throws IOException {
        if (n.isValueNode() || n.isEmpty()) {
            b.append(value(n));
            return;
        }
        if (isFlat(n)) {
            b.append('{');
            String sep = "";
            for (Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                b.append(sep).append(quote(e.getKey())).append(": ").append(value(e.getValue()));
                sep = ", ";
            }
            b.append('}');
            return;
        }
        String pad = "  ".repeat(indent + 1);
        if (n.isArray()) {
            b.append('[');
            for (int i = 0; i < n.size(); i++) {
                b.append(i == 0 ? "\n" : ",\n").append(pad);
                writeNode(n.get(i), indent + 1, b);
            }
            b.append(n.isEmpty() ? "]" : "\n" + "  ".repeat(indent) + "]");
            return;
        }
        b.append('{');
        boolean first = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            b.append(first ? "\n" : ",\n").append(pad).append(quote(e.getKey())).append(": ");
            writeNode(e.getValue(), indent + 1, b);
            first = false;
        }
        b.append(first ? "}" : "\n" + "  ".repeat(indent) + "}");
    }

    /** A scalar as JSON; strings without anything to escape skip Jackson's serializer (a row has six). */
    private static String value(JsonNode v) {
        return v.isTextual() ? quote(v.textValue()) : v.toString();
    }

    static String quote(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                return TextNode.valueOf(s).toString(); // Jackson's escapes, exactly as before
            }
        }
        return "\"" + s + "\"";
    }

    /** An object whose values are all scalars: one line. */
    private static boolean isFlat(JsonNode n) {
        if (!n.isObject()) {
            return false;
        }
        for (JsonNode v : n) {
            if (!v.isValueNode()) {
                return false;
            }
        }
        return true;
    }
}
