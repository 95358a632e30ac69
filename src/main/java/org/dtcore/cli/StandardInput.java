package org.dtcore.cli;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dtcore.context.ContextJson;
import org.dtcore.context.VmcoreinfoNote;
import org.dtcore.elf.CoreHeaderReader;
import org.dtcore.fdt.FdtHeader;
import org.dtcore.fdt.FdtParser;
import org.dtcore.input.InputFile;
import org.dtcore.layout.ExpectationReader;
import org.dtcore.memory.Iomem;

/**
 * Standard input ({@code -}) read as an input of one kind, with that kind's cap: at most the cap plus one
 * byte is ever read, so an endless or oversized stream costs no more than the largest input it could be
 * (an expectation on {@code check B -} stops at 16 MiB, not at a general 256). A board is a blob or
 * /proc/iomem text, told apart by the blob's magic in the first bytes. A standard input that was closed
 * when the process started is refused: the JVM's own first file took descriptor 0.
 */
final class StandardInput {
    /** What standard input is read as, and the most that kind may hold. */
    enum Kind {
        /** a .dtb (or .dtbo), or /proc/iomem text */
        BOARD,
        EXPECTATION,
        CONTEXT,
        /** System.map text: the stream's own cap (the library reads a file of up to 512 MiB) */
        SYSTEM_MAP,
        VMCOREINFO_NOTE,
        CORE_HEADER;

        int cap(byte[] head) {
            return switch (this) {
                case BOARD -> isBlob(head) ? FdtParser.MAX_READ_BYTES : Iomem.MAX_BYTES;
                case EXPECTATION -> ExpectationReader.MAX_BYTES;
                case CONTEXT -> ContextJson.MAX_BYTES;
                case SYSTEM_MAP -> Inputs.STDIN_MAX_BYTES;
                case VMCOREINFO_NOTE -> VmcoreinfoNote.MAX_BYTES;
                case CORE_HEADER -> CoreHeaderReader.MAX_HEAD_BYTES;
            };
        }

        String what(byte[] head) {
            return switch (this) {
                case BOARD -> isBlob(head) ? "a device-tree blob" : "/proc/iomem text";
                case EXPECTATION -> "an expectation file";
                case CONTEXT -> "a context file";
                case SYSTEM_MAP -> "a System.map";
                case VMCOREINFO_NOTE -> "a VMCOREINFO note";
                case CORE_HEADER -> "a core header";
            };
        }

        /**
         * The bytes the input says it has, or -1: a blob's totalsize (SPEC §1; the parser reads no byte past
         * it, as from a file), so a stream need not be read further, and one whose header claims more than
         * the cap is refused at once.
         */
        long declared(byte[] head) {
            return this == BOARD && isBlob(head) && head.length >= 8 ? word(head, 4) : -1;
        }

        private static boolean isBlob(byte[] head) {
            return head.length >= 4 && word(head, 0) == FdtHeader.MAGIC;
        }

        private static long word(byte[] b, int at) {
            return (b[at] & 0xffL) << 24 | (b[at + 1] & 0xffL) << 16 | (b[at + 2] & 0xffL) << 8 | (b[at + 3] & 0xffL);
        }
    }

    private static final int HEAD = 8; // a blob's magic and totalsize
    private static final int BLOCK = 1 << 20;

    private StandardInput() {
    }

    /** All of standard input as {@code kind}, in memory (held once: read in blocks, then put together). */
    static byte[] read(CommandIo io, Kind kind) {
        Blocks blocks = new Blocks();
        copy(io, kind, blocks);
        return blocks.toByteArray();
    }

    /**
     * Copies all of standard input, as {@code kind}, to {@code sink}; refuses (having read at most the cap
     * plus one byte) a stream longer than the cap, a closed standard input, a second read in one run.
     */
    static void copy(CommandIo io, Kind kind, OutputStream sink) {
        if (!io.claimStdin()) {
            throw CommandFailure.usage("only one input can be standard input (-)");
        }
        InputStream in = io.in();
        if (in instanceof ProcessStdin p && p.closedAtStart()) {
            throw new CommandFailure("-: standard input is closed; give a file, or redirect one into it");
        }
        try {
            byte[] head = head(in);
            int cap = kind.cap(head);
            long declared = kind.declared(head);
            if (head.length > cap || declared > cap) {
                throw tooLarge(kind, head, cap);
            }
            // a blob is read to its totalsize (a short one is the parser's to refuse), anything else to its
            // end, and never past the cap plus the one byte that shows it is over
            long want = declared >= head.length ? declared : cap + 1L;
            sink.write(head);
            long total = head.length;
            byte[] buf = new byte[1 << 16];
            int n;
            while (total < want && (n = in.read(buf, 0, (int) Math.min(buf.length, want - total))) > 0) {
                total += n;
                if (total > cap) {
                    throw tooLarge(kind, head, cap);
                }
                sink.write(buf, 0, n);
            }
        } catch (IOException e) {
            throw new CommandFailure("-: cannot read standard input: " + InputFile.reason(e), e);
        }
    }

    /** Up to the first {@value #HEAD} bytes, by plain reads (FileInputStream's readNBytes asks a pipe to seek). */
    private static byte[] head(InputStream in) throws IOException {
        byte[] head = new byte[HEAD];
        int got = 0;
        int n;
        while (got < HEAD && (n = in.read(head, got, HEAD - got)) > 0) {
            got += n;
        }
        return got == HEAD ? head : Arrays.copyOf(head, got);
    }

    private static CommandFailure tooLarge(Kind kind, byte[] head, int cap) {
        return new CommandFailure("-: standard input holds more than " + size(cap) + ", the most " + kind.what(head)
                + " may hold; refusing to read more");
    }

    private static String size(long bytes) {
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
    }

    /** Bytes in blocks of 1 MiB: no doubling array (a 256 MiB stream cost 1.1 GB that way). */
    private static final class Blocks extends OutputStream {
        private final List<byte[]> full = new ArrayList<>();
        private byte[] last = new byte[BLOCK];
        private int used;
        private long size;

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            while (len > 0) {
                if (used == last.length) {
                    full.add(last);
                    last = new byte[BLOCK];
                    used = 0;
                }
                int n = Math.min(len, last.length - used);
                System.arraycopy(b, off, last, used, n);
                used += n;
                off += n;
                len -= n;
                size += n;
            }
        }

        /** The bytes in one array; each block is let go once copied, so they are held about once. */
        byte[] toByteArray() {
            byte[] out = new byte[(int) size];
            int at = 0;
            for (int i = 0; i < full.size(); i++) {
                System.arraycopy(full.get(i), 0, out, at, BLOCK);
                at += BLOCK;
                full.set(i, null);
            }
            System.arraycopy(last, 0, out, at, used);
            last = null;
            return out;
        }
    }

    /**
     * This process's descriptor 0. With standard input closed when the JVM started ({@code <&-}), the
     * first file the JVM opened for itself took descriptor 0 (its runtime image, lib/modules), so reading
     * "standard input" would read the JVM. Linux shows what descriptor 0 is in /proc/self/fd/0: a file
     * inside the JVM's own home, or the class path, is the sign.
     */
    static final class ProcessStdin extends FilterInputStream {
        ProcessStdin() {
            super(new FileInputStream(FileDescriptor.in));
        }

        boolean closedAtStart() {
            Path target;
            try {
                target = Files.readSymbolicLink(Path.of("/proc/self/fd/0"));
            } catch (IOException | RuntimeException e) {
                return false; // no /proc: nothing to tell by
            }
            if (!target.isAbsolute()) {
                return false; // pipe:[...], socket:[...]
            }
            try {
                if (target.startsWith(Path.of(System.getProperty("java.home")).toRealPath())) {
                    return true;
                }
                for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
                    if (!entry.isEmpty() && Files.isSameFile(target, Path.of(entry))) {
                        return true;
                    }
                }
            } catch (IOException | RuntimeException e) {
                return false;
            }
            return false;
        }
    }
}
