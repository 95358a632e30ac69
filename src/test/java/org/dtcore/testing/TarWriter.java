package org.dtcore.testing;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes tar archives entry by entry, in the POSIX ustar layout (POSIX.1-2017 pax, "ustar Interchange Format":
 * 512-byte headers, octal fields, a checksum over the header with its own field read as spaces), with pax
 * extended headers for long names: any name or link, sane or hostile ("../x", "/etc/passwd"), any declared size,
 * so the tests build every archive they need with the JDK alone.
 */
public final class TarWriter implements AutoCloseable {
    private static final int BLOCK = 512;
    private final OutputStream out;

    private TarWriter(OutputStream out) {
        this.out = out;
    }

    /** A .tar.gz at {@code file}. */
    public static TarWriter gzip(Path file) {
        try {
            OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file));
            // the fastest level: the tests' archives are mostly zeros, and their size does not matter
            return new TarWriter(new BufferedOutputStream(new GZIPOutputStream(raw, 1 << 16) {
                {
                    def.setLevel(Deflater.BEST_SPEED);
                }
            }, 1 << 16));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A plain .tar at {@code file}. */
    public static TarWriter plain(Path file) {
        try {
            return new TarWriter(new BufferedOutputStream(Files.newOutputStream(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public TarWriter file(String name, byte[] data) {
        return entry('0', name, "", data.length, data);
    }

    public TarWriter file(String name, String text) {
        return file(name, text.getBytes(StandardCharsets.UTF_8));
    }

    public TarWriter folder(String name) {
        return entry('5', name, "", 0, new byte[0]);
    }

    public TarWriter symlink(String name, String target) {
        return entry('2', name, target, 0, new byte[0]);
    }

    public TarWriter hardLink(String name, String target) {
        return entry('1', name, target, 0, new byte[0]);
    }

    /** A file of {@code size} zero bytes, written in pieces (a bomb's body costs no memory here). */
    public TarWriter zeros(String name, long size) {
        header('0', name, "", size);
        byte[] chunk = new byte[1 << 20];
        try {
            for (long left = size; left > 0; left -= chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
            pad(size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * An entry whose header says {@code declaredSize} but whose body is {@code data} (padded to the block):
     * a size that lies, as a hostile archive's does.
     */
    public TarWriter entry(char type, String name, String link, long declaredSize, byte[] data) {
        header(type, name, link, declaredSize);
        try {
            out.write(data);
            pad(data.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private void header(char type, String name, String link, long size) {
        if (name.length() > 100 || link.length() > 100) {
            // a pax extended header carries the long name, as GNU tar --format=pax writes it
            StringBuilder records = new StringBuilder();
            records.append(record("path", name));
            if (!link.isEmpty()) {
                records.append(record("linkpath", link));
            }
            byte[] body = records.toString().getBytes(StandardCharsets.UTF_8);
            entry('x', "PaxHeader", "", body.length, body);
        }
        byte[] h = new byte[BLOCK];
        put(h, 0, shorten(name), 100);
        put(h, 100, "0000644", 8);
        put(h, 108, "0000000", 8);
        put(h, 116, "0000000", 8);
        if (size < 077777777777L) {
            put(h, 124, octal(size, 11), 12);
        } else {
            // GNU base-256: the top bit of the first byte set, the value big-endian in the rest
            h[124] = (byte) 0x80;
            for (int i = 0; i < 8; i++) {
                h[135 - i] = (byte) (size >>> (8 * i));
            }
        }
        put(h, 136, "00000000000", 12);
        h[156] = (byte) type;
        put(h, 157, link.length() > 100 ? link.substring(0, 100) : link, 100);
        put(h, 257, "ustar", 6);
        put(h, 263, "00", 2);
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, octal(sum, 6), 7);
        try {
            out.write(h);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String octal(long v, int digits) {
        String o = Long.toOctalString(v);
        return "0".repeat(Math.max(0, digits - o.length())) + o;
    }

    private static String shorten(String name) {
        return name.length() > 100 ? name.substring(0, 100) : name;
    }

    private static String record(String key, String value) {
        String rest = " " + key + "=" + value + "\n";
        int len = rest.getBytes(StandardCharsets.UTF_8).length;
        int total = len + String.valueOf(len).length();
        if (String.valueOf(total).length() != String.valueOf(len).length()) {
            total++;
        }
        return total + rest;
    }

    private static void put(byte[] h, int at, String s, int max) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, h, at, Math.min(b.length, max));
    }

    private void pad(long size) throws IOException {
        int rest = (int) (size % BLOCK);
        if (rest != 0) {
            out.write(new byte[BLOCK - rest]);
        }
    }

    /** The two zero blocks that end an archive. */
    @Override
    public void close() {
        try {
            out.write(new byte[2 * BLOCK]);
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code tar} itself over a folder: {@code tar -C dir [-z] -cf archive --format=FORMAT .}. */
    public static Path tar(Path dir, Path archive, boolean gzip, String format) {
        ExternalTool.output("tar", "-C", dir.toString(), gzip ? "-czf" : "-cf", archive.toString(),
                "--format=" + format, ".");
        return archive;
    }
}
