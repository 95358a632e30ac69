package org.dtcore.input;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.dtcore.text.Numbers;

/**
 * A system root packed in a tar archive, gzip-compressed or not (told apart by content), read once into
 * memory and never extracted to disk. The formats are POSIX ustar, pax extended headers ({@code path},
 * {@code linkpath}, {@code size}) and GNU's long names ({@code L}, {@code K}) and base-256 sizes: what GNU
 * tar, bsdtar and Python's tarfile write (POSIX.1-2017 pax, "ustar Interchange Format"; GNU tar manual
 * "Standard" section).
 *
 * <p>Bounded, each bound refused in one line naming the archive and the entry: the number of entries, the
 * uncompressed bytes in all (a gzip bomb stops there, however small the file), each declared file's size
 * ({@link RootFile#maxBytes()}, as for a folder), a name's length. Nothing leaves the root: a name that is
 * absolute or climbs with {@code ..} is refused, and so is a symbolic link to an absolute path or one that
 * climbs above the root, and a hard link to anything but an earlier file of the archive. A link inside the
 * archive is followed inside the archive, never on the disk.
 */
final class TarArchive {
    /**
     * The bounds of one archive.
     *
     * @param maxEntries    most entries (headers)
     * @param maxTotalBytes most uncompressed bytes, headers and padding included
     */
    record Limits(int maxEntries, long maxTotalBytes) {
        /**
         * 65,536 entries: a snapshot holds a few files per CPU (8,192 CPUs on x86's largest NR_CPUS give
         * 24,576) and a large machine's /proc/device-tree some 20,000 nodes and properties. 256 MiB, as a
         * device-tree folder may hold in all and standard input is read: a real snapshot is a few MiB.
         */
        static final Limits DEFAULT = new Limits(65_536, 256L << 20);
    }

    enum Type { FILE, FOLDER, LINK, OTHER }

    /** One name of the archive. */
    static final class Node {
        final Type type;
        final String path;
        /** FILE: the contents, or null when kept out for their size (a file dtcore never reads). */
        byte[] data;
        long size;
        /** LINK: where it points, as written (relative to the link's folder). */
        String target;
        /** FOLDER: by name. */
        final Map<String, Node> children = new TreeMap<>();
        /** FOLDER: named by an entry of its own, not only implied by the names below it. */
        boolean explicit;

        Node(Type type, String path) {
            this.type = type;
            this.path = path;
        }
    }

    /** Where a path leads once every link on the way is followed inside the archive. */
    enum End { FOUND, MISSING, OUTSIDE, LOOP }

    record Resolved(End end, Node node) {
    }

    private static final int BLOCK = TarHeader.BLOCK;
    /** Longest name: Linux's PATH_MAX. */
    private static final int MAX_NAME = 4096;
    /** Largest pax extended header: names and a few numbers. */
    private static final int MAX_PAX = 64 << 10;
    /** Links followed for one name before it is a loop: Linux's MAXSYMLINKS. */
    private static final int MAX_HOPS = 40;
    /**
     * Files dtcore never reads are kept only up to this size (an attribute's), for a link that may lead to
     * one: a bomb of files no one reads costs the time to inflate them, never the memory.
     */
    private static final int UNDECLARED_BYTES = RootFile.Caps.ATTRIBUTE;

    private final String name;
    private final Node root = new Node(Type.FOLDER, "");

    private TarArchive(String name) {
        this.name = name;
    }

    /** Whether {@code head} (the first bytes of a file) starts a gzip stream or a tar header. */
    static boolean looksLikeArchive(byte[] head) {
        return isGzip(head) || head.length >= BLOCK && TarHeader.checksumMatches(head);
    }

    private static boolean isGzip(byte[] head) {
        return head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
    }

    static TarArchive read(Path file, Limits limits) {
        TarArchive a = new TarArchive(file.toString());
        InputFile.requireRegular(file);
        byte[] head = InputFile.head(file, BLOCK);
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            InputStream in = isGzip(head) ? new GZIPInputStream(raw, 1 << 16) : raw;
            a.readEntries(new Counted(in, limits.maxTotalBytes(), a), limits);
        } catch (ZipException e) {
            throw a.refuse(InputException.Kind.BAD_ARCHIVE, "", "not a valid gzip stream (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw InputFile.unreadable(file, e);
        }
        return a;
    }

    String name() {
        return name;
    }

    /** "ARCHIVE:ENTRY", the form every message of an archive's entry takes. */
    String where(String entry) {
        return entry.isEmpty() ? name : name + ":" + entry;
    }

    InputException refuse(InputException.Kind kind, String entry, String message) {
        return new InputException(kind, where(entry), message);
    }

    // ---- reading ----

    /** The decompressed stream, each byte counted against the total. */
    private static final class Counted {
        private final InputStream in;
        private final long max;
        private final TarArchive archive;
        private long read;
        /** The entry being read, for a truncation message. */
        String entry = "";
        private final byte[] buf = new byte[8192];

        Counted(InputStream in, long max, TarArchive archive) {
            this.in = in;
            this.max = max;
            this.archive = archive;
        }

        /** Makes sure {@code n} more bytes fit the total before any is read. */
        void reserve(long n, String entry) {
            if (n < 0 || n > max - read) {
                throw archive.refuse(InputException.Kind.TOO_LARGE, entry, "the archive would hold more than "
                        + InputFile.size(max) + " once uncompressed; refused");
            }
        }

        /** Exactly {@code n} bytes, or null at a clean end of the stream where a header would start. */
        byte[] bytes(int n) throws IOException {
            reserve(n, entry);
            byte[] b;
            try {
                b = in.readNBytes(n);
            } catch (EOFException e) {
                throw truncated();
            }
            read += b.length;
            if (b.length < n) {
                if (b.length == 0 && entry.isEmpty()) {
                    return null;
                }
                throw truncated();
            }
            return b;
        }

        void skip(long n) throws IOException {
            reserve(n, entry);
            long left = n;
            while (left > 0) {
                int got;
                try {
                    got = in.read(buf, 0, (int) Math.min(buf.length, left));
                } catch (EOFException e) {
                    throw truncated();
                }
                if (got < 0) {
                    throw truncated();
                }
                left -= got;
                read += got;
            }
        }

        /** Reads to the end of the stream (a gzip trailer is checked only there), within the total. */
        void drain() throws IOException {
            try {
                for (int got = in.read(buf); got >= 0; got = in.read(buf)) {
                    read += got;
                    if (read > max) {
                        reserve(1, "");
                    }
                }
            } catch (EOFException e) {
                throw archive.refuse(InputException.Kind.BAD_ARCHIVE, "", "truncated: the gzip stream ends before"
                        + " its trailer");
            }
        }

        private InputException truncated() {
            return archive.refuse(InputException.Kind.BAD_ARCHIVE, entry, entry.isEmpty()
                    ? "truncated: the archive ends inside a header" : "truncated: the archive ends inside this entry");
        }
    }

    private void readEntries(Counted in, Limits limits) throws IOException {
        int entries = 0;
        String longName = null;
        String longLink = null;
        Map<String, String> pax = Map.of();
        while (true) {
            in.entry = "";
            byte[] h = in.bytes(BLOCK);
            if (h == null || TarHeader.isZero(h)) {
                // the end marker is two zero blocks; a lone one at the end of the stream is accepted, as GNU
                // tar does
                in.drain();
                return;
            }
            if (!TarHeader.checksumMatches(h)) {
                throw refuse(InputException.Kind.BAD_ARCHIVE, "", "not a tar archive: the header of entry "
                        + (entries + 1) + " fails its checksum");
            }
            if (++entries > limits.maxEntries()) {
                throw refuse(InputException.Kind.TOO_LARGE, TarHeader.name(h), "more than " + limits.maxEntries()
                        + " entries; refused");
            }
            char type = TarHeader.type(h);
            String raw = longName != null ? longName : pax.getOrDefault("path", TarHeader.name(h));
            String link = longLink != null ? longLink : pax.getOrDefault("linkpath", TarHeader.linkName(h));
            longName = null;
            longLink = null;
            in.entry = raw;
            try {
                long size = pax.containsKey("size") ? TarHeader.paxSize(pax.get("size")) : TarHeader.size(h);
                pax = Map.of();
                switch (type) {
                    case 'x', 'g' -> {
                        Map<String, String> records = TarHeader.paxRecords(meta(in, size, MAX_PAX, raw));
                        // a global header ('g') sets defaults for every later entry: none that dtcore uses here
                        pax = type == 'x' ? records : Map.of();
                    }
                    case 'L' -> longName = TarHeader.cString(meta(in, size, MAX_NAME + 1, raw), 0, (int) size);
                    case 'K' -> longLink = TarHeader.cString(meta(in, size, MAX_NAME + 1, raw), 0, (int) size);
                    default -> entry(in, type, raw, link, size);
                }
            } catch (TarHeader.Malformed e) {
                throw refuse(InputException.Kind.BAD_ARCHIVE, raw, e.getMessage() + "; refused");
            }
        }
    }

    /** An entry of its own (not a pax or GNU header for the next one). */
    private void entry(Counted in, char type, String raw, String link, long size) throws IOException {
        String path = normalize(raw);
        switch (type) {
            case '0', '\0', '7' -> file(in, path, size);
            case '1' -> hardLink(path, link);
            case '2' -> symbolicLink(path, link);
            case '5' -> folder(path).explicit = true;
            case '3', '4', '6' -> add(path, new Node(Type.OTHER, path));
            default -> throw refuse(InputException.Kind.BAD_ARCHIVE, raw, "an entry of type '"
                    + (type >= ' ' && type < 0x7f ? String.valueOf(type) : "\\x" + Numbers.plainHex(type & 0xff, 1))
                    + "', which dtcore does not read (sparse or vendor-specific); refused");
        }
        if (type != '0' && type != '\0' && type != '7') {
            in.skip(padded(size));
        }
    }

    private static long padded(long size) {
        return (size + BLOCK - 1) / BLOCK * BLOCK;
    }

    /** A pax or GNU header's body, which must be small. */
    private byte[] meta(Counted in, long size, int max, String entry) throws IOException {
        if (size > max) {
            throw refuse(InputException.Kind.TOO_LARGE, entry, "an extended header of " + size + " bytes, more than "
                    + max + "; refused");
        }
        byte[] body = in.bytes((int) size);
        in.skip(padded(size) - size);
        return body;
    }

    private void file(Counted in, String path, long size) throws IOException {
        if (path.isEmpty()) {
            throw refuse(InputException.Kind.BAD_ARCHIVE, path, "a file named as the root itself; refused");
        }
        RootFile declared = RootFile.holding(path).orElse(null);
        if (declared != null && size > declared.maxBytes()) {
            throw refuse(InputException.Kind.TOO_LARGE, path, "declares " + size + " bytes, over the "
                    + InputFile.size(declared.maxBytes()) + " dtcore reads of it; refused");
        }
        in.reserve(padded(size), path);
        Node n = new Node(Type.FILE, path);
        n.size = size;
        if (declared != null || size <= UNDECLARED_BYTES) {
            n.data = in.bytes((int) size);
            in.skip(padded(size) - size);
        } else {
            in.skip(padded(size));
        }
        add(path, n);
    }

    private void hardLink(String path, String target) {
        String to = normalizeLink(target, path, "a hard link");
        Node n = lookup(to);
        if (n == null || n.type != Type.FILE) {
            throw refuse(InputException.Kind.BAD_ARCHIVE, path, "a hard link to something that is not an earlier"
                    + " file of the archive; refused");
        }
        Node copy = new Node(Type.FILE, path);
        copy.data = n.data;
        copy.size = n.size;
        add(path, copy);
    }

    private void symbolicLink(String path, String target) {
        if (target.isEmpty() || target.startsWith("/")) {
            throw refuse(InputException.Kind.OUTSIDE_ROOT, path, "a link to an absolute path leads out of the"
                    + " archive's root; refused, not followed");
        }
        // lexically from the link's own folder: a target that climbs above the root is refused now, so no
        // later read can be tricked into it (resolve() checks again, link by link)
        int depth = path.split("/").length - 1;
        for (String c : target.split("/")) {
            depth += c.equals("..") ? -1 : c.isEmpty() || c.equals(".") ? 0 : 1;
            if (depth < 0) {
                throw refuse(InputException.Kind.OUTSIDE_ROOT, path, "a link that climbs out of the archive's root;"
                        + " refused, not followed");
            }
        }
        Node n = new Node(Type.LINK, path);
        n.target = target;
        add(path, n);
    }

    private Node folder(String path) {
        if (path.isEmpty()) {
            return root;
        }
        Node at = root;
        StringBuilder p = new StringBuilder();
        for (String c : path.split("/")) {
            p.append(p.length() == 0 ? "" : "/").append(c);
            Node next = at.children.get(c);
            if (next == null) {
                next = new Node(Type.FOLDER, p.toString());
                at.children.put(c, next);
            } else if (next.type != Type.FOLDER) {
                throw refuse(InputException.Kind.BAD_ARCHIVE, path, "lies below " + p + ", which is not a folder;"
                        + " refused");
            }
            at = next;
        }
        return at;
    }

    private void add(String path, Node n) {
        int slash = path.lastIndexOf('/');
        Node parent = folder(slash < 0 ? "" : path.substring(0, slash));
        String leaf = path.substring(slash + 1);
        if (parent.children.containsKey(leaf)) {
            throw refuse(InputException.Kind.BAD_ARCHIVE, path, "appears twice in the archive; refused");
        }
        parent.children.put(leaf, n);
    }

    /** The entry's name relative to the root: no "." parts; absolute names and ".." are refused. */
    private String normalize(String raw) {
        if (raw.length() > MAX_NAME) {
            throw refuse(InputException.Kind.BAD_ARCHIVE, raw.substring(0, 64) + "...", "a name longer than "
                    + MAX_NAME + " bytes; refused");
        }
        if (raw.startsWith("/")) {
            throw refuse(InputException.Kind.OUTSIDE_ROOT, raw, "an absolute name lies outside the archive's root;"
                    + " refused");
        }
        List<String> parts = new ArrayList<>();
        for (String c : raw.split("/")) {
            if (c.equals("..")) {
                throw refuse(InputException.Kind.OUTSIDE_ROOT, raw, "a name with '..' climbs out of the archive's"
                        + " root; refused");
            }
            if (!c.isEmpty() && !c.equals(".")) {
                parts.add(c);
            }
        }
        return String.join("/", parts);
    }

    private String normalizeLink(String target, String path, String what) {
        if (target.startsWith("/") || target.isEmpty()) {
            throw refuse(InputException.Kind.OUTSIDE_ROOT, path, what + " to an absolute name leads out of the"
                    + " archive's root; refused");
        }
        for (String c : target.split("/")) {
            if (c.equals("..")) {
                throw refuse(InputException.Kind.OUTSIDE_ROOT, path, what + " with '..' leads out of the archive's"
                        + " root; refused");
            }
        }
        return normalize(target);
    }

    // ---- looking up ----

    /** The node at {@code path} with no link followed, or null. */
    Node lookup(String path) {
        Node at = root;
        if (path.isEmpty()) {
            return at;
        }
        for (String c : path.split("/")) {
            at = at.type == Type.FOLDER ? at.children.get(c) : null;
            if (at == null) {
                return null;
            }
        }
        return at;
    }

    /**
     * {@code path} with every link on the way followed inside the archive (the last one too when
     * {@code followLast}), as the kernel walks a path: a link's target is read from the link's folder.
     */
    Resolved resolve(String path, boolean followLast) {
        Deque<String> todo = new ArrayDeque<>(List.of(path.split("/")));
        List<Node> at = new ArrayList<>(List.of(root));
        int hops = 0;
        while (!todo.isEmpty()) {
            String c = todo.pollFirst();
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (at.size() == 1) {
                    return new Resolved(End.OUTSIDE, null);
                }
                at.remove(at.size() - 1);
                continue;
            }
            Node dir = at.get(at.size() - 1);
            Node n = dir.type == Type.FOLDER ? dir.children.get(c) : null;
            if (n == null) {
                return new Resolved(End.MISSING, null);
            }
            if (n.type == Type.LINK && (followLast || !todo.isEmpty())) {
                if (++hops > MAX_HOPS) {
                    return new Resolved(End.LOOP, null);
                }
                if (n.target.startsWith("/")) {
                    return new Resolved(End.OUTSIDE, null);
                }
                List<String> target = List.of(n.target.split("/"));
                for (int i = target.size() - 1; i >= 0; i--) {
                    todo.addFirst(target.get(i));
                }
                continue;
            }
            at.add(n);
        }
        return new Resolved(End.FOUND, at.get(at.size() - 1));
    }
}
