package org.dtcore.fdt;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What dtc's {@code fdtdump} prints about a blob, read back from its text: the header fields (its
 * "// field: value" lines), the /memreserve/ lines, and every node path with its property names in blob
 * order. Values are not taken from here (fdtdump prints strings without escaping); the differential test
 * gets exact bytes from {@code fdtget -t bx}.
 */
record FdtdumpListing(Map<String, Long> header, List<RegEntry> reservations,
        Map<String, List<String>> properties) {

    static FdtdumpListing parse(String text) {
        Map<String, Long> header = new LinkedHashMap<>();
        List<RegEntry> reservations = new ArrayList<>();
        Map<String, List<String>> properties = new LinkedHashMap<>();
        Deque<String> open = new ArrayDeque<>();
        for (String raw : text.split("\n")) {
            String line = raw.trim();
            if (line.isEmpty() || line.equals("/dts-v1/;") || line.equals("// [NOP]")) {
                continue;
            }
            if (open.isEmpty() && line.startsWith("// ") && line.contains(":")) {
                // "// totalsize:\t\t0x11e (286)", "// version:\t\t17"
                String field = line.substring(3, line.indexOf(':'));
                String value = line.substring(line.indexOf(':') + 1).trim().split(" ")[0];
                header.put(field, value.startsWith("0x") ? Long.parseUnsignedLong(value.substring(2), 16)
                        : Long.parseLong(value));
            } else if (line.startsWith("/memreserve/ ")) {
                String[] f = line.substring("/memreserve/ ".length(), line.length() - 1).split(" ");
                // fdtdump prints "%#jx": zero is "0", without the 0x
                reservations.add(new RegEntry(hexOrZero(f[0]), hexOrZero(f[1])));
            } else if (line.endsWith(" {")) {
                String name = line.substring(0, line.length() - 2);
                String path = open.isEmpty() ? "/" : open.peek().equals("/") ? "/" + name : open.peek() + "/" + name;
                open.push(path);
                properties.put(path, new ArrayList<>());
            } else if (line.equals("};")) {
                open.pop();
            } else if (line.endsWith(";") && !open.isEmpty()) {
                int eq = line.indexOf(" = ");
                properties.get(open.peek()).add(eq < 0 ? line.substring(0, line.length() - 1) : line.substring(0, eq));
            } else {
                throw new AssertionError("unexpected fdtdump line: " + raw);
            }
        }
        return new FdtdumpListing(header, reservations, properties);
    }

    private static long hexOrZero(String s) {
        return s.equals("0") ? 0 : Long.parseUnsignedLong(s.substring(2), 16);
    }
}
