package org.dtcore.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dtcore.TerminalText;
import org.dtcore.text.Numbers;

/**
 * The command line as the kernel handed it over (/proc/self/cmdline), against the strings the JVM made
 * of it. The JVM decodes arguments, and encodes file names, in the encoding the locale gave it when it
 * started (sun.jnu.encoding): with LANG=C, POSIX or none that is ASCII, and "dé.dtb" arrives as
 * "d\uFFFD\uFFFD.dtb", a name no file has and Java cannot even form a path from. Nothing in the
 * running JVM can change that, so such an argument is refused before any work, in one line that names it
 * and says how to run instead; and a name that is not UTF-8 at all (a byte such as 0xff), which no
 * JVM can pass back to the system, is named as such.
 */
final class ArgumentBytes {
    /** ARG_MAX on Linux is a quarter of the stack limit; a few MiB covers any real command line. */
    private static final int MAX_CMDLINE = 4 << 20;

    private ArgumentBytes() {
    }

    /** Why {@code args}, as this process received them, cannot be used, or empty when they can. */
    static Optional<String> problem(String[] args) {
        List<byte[]> raw = rawArguments(args.length);
        if (raw.isEmpty()) {
            return Optional.empty(); // no /proc (or not Linux): nothing to compare with
        }
        for (int i = 0; i < args.length; i++) {
            byte[] bytes = raw.get(i);
            Optional<Integer> bad = firstInvalidUtf8(bytes);
            if (bad.isPresent()) {
                return Optional.of(shown(bytes) + ": not valid UTF-8 (byte " + Numbers.hex(bytes[bad.get()] & 0xff)
                        + " at " + bad.get() + "), which a Java program cannot hand back to the system as a file name;"
                        + " rename it");
            }
            String meant = new String(bytes, StandardCharsets.UTF_8);
            if (!meant.equals(args[i])) {
                return Optional.of(shown(bytes) + ": this JVM reads arguments and file names as "
                        + System.getProperty("sun.jnu.encoding", "its default encoding")
                        + " (from the locale" + locale() + "), which cannot hold it; run dtcore through its"
                        + " launcher (./dtcore) or with a UTF-8 locale: LC_ALL=C.UTF-8");
            }
        }
        return Optional.empty();
    }

    /** The last {@code n} arguments of this process, raw; empty when they cannot be read. */
    private static List<byte[]> rawArguments(int n) {
        byte[] all;
        try (InputStream in = Files.newInputStream(Path.of("/proc/self/cmdline"))) {
            all = in.readNBytes(MAX_CMDLINE);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        List<byte[]> words = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] == 0) {
                byte[] w = new byte[i - start];
                System.arraycopy(all, start, w, 0, w.length);
                words.add(w);
                start = i + 1;
            }
        }
        if (words.size() < n || all.length == MAX_CMDLINE) {
            return List.of();
        }
        return words.subList(words.size() - n, words.size());
    }

    private static Optional<Integer> firstInvalidUtf8(byte[] bytes) {
        for (int i = 0; i < bytes.length; ) {
            String c = character(bytes, i);
            if (c == null) {
                return Optional.of(i);
            }
            i += c.getBytes(StandardCharsets.UTF_8).length;
        }
        return Optional.empty();
    }

    /** The argument for a message: UTF-8 where it is, {@code \xNN} for each byte that is not. */
    private static String shown(byte[] bytes) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < bytes.length; ) {
            String c = character(bytes, i);
            if (c == null) {
                String h = Numbers.hex(bytes[i] & 0xff).substring(2);
                b.append("\\x").append(h.length() == 1 ? "0" : "").append(h);
                i++;
            } else {
                b.append(c);
                i += c.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return TerminalText.escape(b.toString());
    }

    /** The UTF-8 sequence at {@code i} decoded (one code point), or null when it is not one. */
    private static String character(byte[] bytes, int i) {
        int c = bytes[i] & 0xff;
        int len = c < 0x80 ? 1 : c >= 0xc2 && c < 0xe0 ? 2 : c >= 0xe0 && c < 0xf0 ? 3 : c >= 0xf0 && c < 0xf5 ? 4 : 0;
        if (len == 0 || i + len > bytes.length) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, i, len)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String locale() {
        for (String v : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
            String s = System.getenv(v);
            if (s != null && !s.isEmpty()) {
                return " " + v + "=" + s;
            }
        }
        return ", none set";
    }
}
