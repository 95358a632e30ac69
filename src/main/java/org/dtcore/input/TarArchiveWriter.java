package org.dtcore.input;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a system root as a tar archive (gzip-compressed or not) that {@link TarArchive} reads back: the
 * inverse of that reader, in the same POSIX.1-2017 pax "ustar Interchange Format" ({@link TarHeader}'s
 * layout), with a pax extended header for a name that fits neither the name field nor prefix/name.
 *
 * <p>Deterministic, so two archives of the same files are the same bytes: entries in name order, each folder
 * before what it holds; every mtime 0, owner and group 0 with no names, mode 0644 for files and 0755 for
 * folders; gzip's header without a name or time (RFC 1952 MTIME 0, as {@link GZIPOutputStream} writes it).
 * An archive {@link TarArchive} would refuse to read (more entries or bytes than its limits) is refused here
 * first, in one line.
 */
public final class TarArchiveWriter {
    private static final int BLOCK = TarHeader.BLOCK;
    private static final int NAME = 100;
    private static final int PREFIX = 155;

    private TarArchiveWriter() {
    }

    /**
     * The .tar.gz of {@code files}: each key a relative, "/"-separated path without "." or ".." parts, each
     * folder implied by the paths below it.
     *
     * @param files the files' bytes by path
     * @return the gzip-compressed archive
     *
     * @throws InputException (TOO_LARGE) when the archive would pass what a system root archive may hold
     */
    public static byte[] gzip(SortedMap<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes, 1 << 16)) {
            write(files, gz);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array cannot fail to take bytes
        }
        return bytes.toByteArray();
    }

    /**
     * The plain .tar of {@code files}, as {@link #gzip} but not compressed.
     *
     * @param files the files' bytes by path, as for {@link #gzip}
     * @return the archive
     * @throws InputException (TOO_LARGE) when the archive would pass what a system root archive may hold
     */
    public static byte[] tar(SortedMap<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            write(files, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A node of the folder tree the paths imply: a file's bytes, or a folder's children by name. */
    private static final class Node {
        final byte[] data;
        final Map<String, Node> children = new TreeMap<>();

        Node(byte[] data) {
            this.data = data;
        }
    }

    private static void write(SortedMap<String, byte[]> files, OutputStream out) throws IOException {
        Node root = new Node(null);
        long entries = 0;
        long total = 2L * BLOCK;
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            String[] parts = check(f.getKey());
            Node at = root;
            for (int i = 0; i < parts.length - 1; i++) {
                Node next = at.children.get(parts[i]);
                if (next == null) {
                    next = new Node(null);
                    at.children.put(parts[i], next);
                    entries++;
                    total += 2L * BLOCK; // a folder, and room for a pax header if its name is long
                } else if (next.data != null) {
                    throw refuse(InputException.Kind.BAD_ARCHIVE, f.getKey(), "lies below a file of the same"
                            + " archive");
                }
                at = next;
            }
            if (at.children.containsKey(parts[parts.length - 1])) {
                throw refuse(InputException.Kind.BAD_ARCHIVE, f.getKey(), "is a folder of the same archive");
            }
            at.children.put(parts[parts.length - 1], new Node(f.getValue()));
            entries++;
            total += 2L * BLOCK + padded(f.getValue().length);
        }
        TarArchive.Limits limits = TarArchive.Limits.DEFAULT;
        if (entries > limits.maxEntries() || total > limits.maxTotalBytes()) {
            throw refuse(InputException.Kind.TOO_LARGE, "", "an archive of " + entries + " entries and " + total
                    + " bytes passes what a system root archive may hold (" + limits.maxEntries() + " entries, "
                    + InputFile.size(limits.maxTotalBytes()) + "); refused");
        }
        for (Map.Entry<String, Node> c : root.children.entrySet()) {
            entry(out, c.getKey(), c.getValue());
        }
        out.write(new byte[2 * BLOCK]);
    }

    /** {@code path}'s components, which must name a place inside the root. */
    private static String[] check(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
            throw refuse(InputException.Kind.OUTSIDE_ROOT, path, "not a relative path to a file");
        }
        String[] parts = path.split("/");
        for (String p : parts) {
            if (p.isEmpty() || p.equals(".") || p.equals("..")) {
                throw refuse(InputException.Kind.OUTSIDE_ROOT, path, "not a relative path without '.' or '..'"
                        + " parts");
            }
        }
        return parts;
    }

    private static void entry(OutputStream out, String path, Node n) throws IOException {
        boolean folder = n.data == null;
        header(out, folder ? path + "/" : path, folder ? '5' : '0', folder ? 0 : n.data.length);
        if (folder) {
            for (Map.Entry<String, Node> c : n.children.entrySet()) {
                entry(out, path + "/" + c.getKey(), c.getValue());
            }
            return;
        }
        out.write(n.data);
        out.write(new byte[(int) (padded(n.data.length) - n.data.length)]);
    }

    private static void header(OutputStream out, String name, char type, long size) throws IOException {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        String prefix = "";
        String rest = name;
        if (utf8.length > NAME) {
            int split = split(name);
            if (split > 0) {
                prefix = name.substring(0, split);
                rest = name.substring(split + 1);
            } else {
                // pax "path": read before the next header, which then keeps only a stand-in name
                byte[] body = paxRecord("path", name);
                out.write(block("PaxHeader/" + shortened(name), "", 'x', body.length));
                out.write(body);
                out.write(new byte[(int) (padded(body.length) - body.length)]);
                rest = shortened(name);
            }
        }
        out.write(block(rest, prefix, type, size));
    }

    /** Where ustar's prefix/name split may fall: a '/' leaving each part within its field; 0 for none. */
    private static int split(String name) {
        for (int i = name.indexOf('/'); i > 0; i = name.indexOf('/', i + 1)) {
            int prefix = name.substring(0, i).getBytes(StandardCharsets.UTF_8).length;
            int rest = name.substring(i + 1).getBytes(StandardCharsets.UTF_8).length;
            if (prefix <= PREFIX && rest <= NAME && rest > 0) {
                return i;
            }
        }
        return 0;
    }

    /** The last 80 bytes of a long name, whole characters only: a name a tool without pax still shows. */
    private static String shortened(String name) {
        String s = name;
        while (s.getBytes(StandardCharsets.UTF_8).length > 80) {
            s = s.substring(s.offsetByCodePoints(0, 1));
        }
        return s;
    }

    private static byte[] block(String name, String prefix, char type, long size) {
        byte[] h = new byte[BLOCK];
        put(h, 0, name, NAME);
        put(h, 100, type == '5' ? "0000755" : "0000644", 8);
        put(h, 108, "0000000", 8);
        put(h, 116, "0000000", 8);
        put(h, 124, octal(size, 11), 12);
        put(h, 136, "00000000000", 12);
        h[156] = (byte) type;
        put(h, 257, "ustar", 6);
        put(h, 263, "00", 2);
        put(h, 345, prefix, PREFIX);
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        // six digits, a NUL and the space already there: as GNU tar writes the checksum
        put(h, 148, octal(sum, 6), 7);
        h[154] = 0;
        return h;
    }

    /** A pax record "LENGTH KEY=VALUE\n", LENGTH counting the whole record, itself included. */
    private static byte[] paxRecord(String key, String value) {
        int rest = (" " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8).length;
        int len = rest + String.valueOf(rest).length();
        if (String.valueOf(len).length() != String.valueOf(rest).length()) {
            len++;
        }
        return (len + " " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String octal(long v, int digits) {
        String o = Long.toOctalString(v);
        if (o.length() > digits) {
            // 11 octal digits hold 8 GiB - 1: past every file cap a system root has
            throw refuse(InputException.Kind.TOO_LARGE, "", "a file of " + v + " bytes does not fit a ustar size"
                    + " field");
        }
        return "0".repeat(digits - o.length()) + o;
    }

    private static void put(byte[] h, int at, String s, int max) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, h, at, Math.min(b.length, max));
    }

    private static long padded(long size) {
        return (size + BLOCK - 1) / BLOCK * BLOCK;
    }

    private static InputException refuse(InputException.Kind kind, String entry, String message) {
        return new InputException(kind, entry, message);
    }
}
