package org.dtcore.layout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON printed for people who review it in diffs: objects of objects indented, and every object that
 * holds only plain values (a range, a row) on one line, as fdt-samples/expected/*.json are written.
 */
final class CompactJson {
    private CompactJson() {
    }

    static String print(JsonNode node) {
        StringBuilder b = new StringBuilder();
        write(node, 0, b);
        return b.toString();
    }

    private static void write(JsonNode n, int indent, StringBuilder b) {
        if (n.isValueNode() || n.isEmpty()) {
            b.append(n);
            return;
        }
        if (isFlat(n)) {
            b.append('{');
            String sep = "";
            for (Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                b.append(sep).append(TextNode.valueOf(e.getKey())).append(": ").append(e.getValue());
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
                write(n.get(i), indent + 1, b);
            }
            b.append(n.isEmpty() ? "]" : "\n" + "  ".repeat(indent) + "]");
            return;
        }
        b.append('{');
        boolean first = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            b.append(first ? "\n" : ",\n").append(pad).append(TextNode.valueOf(e.getKey())).append(": ");
            write(e.getValue(), indent + 1, b);
            first = false;
        }
        b.append(first ? "}" : "\n" + "  ".repeat(indent) + "}");
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
