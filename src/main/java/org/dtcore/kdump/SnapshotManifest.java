package org.dtcore.kdump;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.dtcore.text.JsonText;

/**
 * What a snapshot holds and what it could not copy, written into it as {@value #FILE}
 * (schemas/snapshot-manifest.schema.json). A system root reads only the files it declares, so the manifest is
 * never taken for a file of the system.
 *
 * @param dtcore  the version of dtcore that took it
 * @param partial whether it was taken with partial copies allowed
 * @param files   each file copied, by path
 * @param missing each file dtcore reads that is not in the snapshot, by path, with the reason
 * @param notes   what a reader of the snapshot should know (no crash kernel reserved ...)
 */
public record SnapshotManifest(String dtcore, boolean partial, List<Copied> files, List<Missing> missing,
                               List<String> notes) {
    /** Its name at the top of a snapshot. */
    public static final String FILE = "dtcore-snapshot.json";
    /** The manifest's own format, raised when a field changes meaning. */
    public static final int FORMAT = 1;

    /**
     * Copies the lists.
     *
     * @param dtcore  the version of dtcore that took it
     * @param partial whether it was taken with partial copies allowed
     * @param files   each file copied, by path
     * @param missing each file dtcore reads that is not in the snapshot, by path, with the reason
     * @param notes   what a reader of the snapshot should know (no crash kernel reserved ...)
     */
    public SnapshotManifest {
        files = List.copyOf(files);
        missing = List.copyOf(missing);
        notes = List.copyOf(notes);
    }

    /**
     * A file copied.
     *
     * @param path    where it lies in the snapshot (and on the system)
     * @param bytes   its size in the snapshot
     * @param symbols for an excerpt (/proc/kallsyms), the symbols whose lines were kept; empty for a whole file
     */
    public record Copied(String path, long bytes, List<String> symbols) {
        /**
         * Copies the symbols.
         *
         * @param path    where it lies in the snapshot (and on the system)
         * @param bytes   its size in the snapshot
         * @param symbols for an excerpt (/proc/kallsyms), the symbols whose lines were kept; empty for a whole file
         */
        public Copied {
            symbols = List.copyOf(symbols);
        }
    }

    /**
     * A file dtcore reads that the snapshot does not hold.
     *
     * @param path   where it would lie ({@code cpu{N}} when no instance has it)
     * @param reason why
     * @param detail the reason in words (the read's one-line failure, or what its absence means)
     */
    public record Missing(String path, Reason reason, String detail) {
    }

    /** Why a file is not in a snapshot. */
    public enum Reason {
        /** the system has no such file (x86 has no booted device tree) */
        ABSENT,
        /** the kernel has no kexec crash support, so it shows no crash notes and no crash kernel size */
        NO_CRASH_SUPPORT,
        /** the file is there but cannot be read (permission denied, an I/O error) */
        UNREADABLE,
        /** larger than dtcore reads of it */
        TOO_LARGE,
        /** a link that leads out of the system root, not followed */
        OUTSIDE_ROOT,
        /** a folder, device or other special file where a file is read */
        NOT_A_FILE;

        /**
         * The reason as the manifest spells it.
         *
         * @return the constant's name in lower case, words joined by '-' ("no-crash-support")
         */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * The manifest's bytes: JSON as docs/json.md lays a document out, with a final line feed.
     *
     * @return UTF-8 JSON per schemas/snapshot-manifest.schema.json
     */
    public byte[] json() {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JsonText.document(out)) {
            g.writeStartObject();
            g.writeNumberField("snapshot", FORMAT);
            g.writeStringField("dtcore", dtcore);
            g.writeBooleanField("partial", partial);
            g.writeArrayFieldStart("files");
            for (Copied c : files) {
                g.writeStartObject();
                g.writeStringField("path", c.path());
                g.writeNumberField("bytes", c.bytes());
                if (!c.symbols().isEmpty()) {
                    g.writeArrayFieldStart("symbols");
                    for (String s : c.symbols()) {
                        g.writeString(s);
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("missing");
            for (Missing m : missing) {
                g.writeStartObject();
                g.writeStringField("path", m.path());
                g.writeStringField("reason", m.reason().label());
                g.writeStringField("detail", m.detail());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("notes");
            for (String n : notes) {
                g.writeString(n);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        out.write('\n');
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
