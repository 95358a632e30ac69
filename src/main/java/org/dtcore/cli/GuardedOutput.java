package org.dtcore.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Standard output that remembers why a write failed ({@code > /dev/full}), since the PrintWriter on top of
 * it keeps only a flag; the CLI then exits 2 with that reason. A pipe whose reader has gone
 * ({@code dtcore chunks ... | head}) is not a failure but the end: the process stops there, quietly.
 */
final class GuardedOutput extends FilterOutputStream {
    /** The exit status when the reader of standard output has gone: 128 + SIGPIPE (13). */
    static final int READER_GONE = 141;

    private volatile String failure;

    GuardedOutput(OutputStream out) {
        super(out);
    }

    /** Why the first failed write failed, or null. */
    String failure() {
        return failure;
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            throw remember(e);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw remember(e);
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            throw remember(e);
        }
    }

    private IOException remember(IOException e) {
        if (readerGone(e)) {
            // dtc, readelf and fdtget die of SIGPIPE when the reader of their output goes: no message, and the
            // status a shell then reports for them, 128 + SIGPIPE. The JVM ignores SIGPIPE, so the write fails
            // with EPIPE instead; stop here as they do rather than compute what nobody reads (shutdown hooks
            // still remove temporary files).
            System.exit(READER_GONE);
        }
        if (failure == null) {
            failure = e.getMessage() == null ? "write failed" : e.getMessage();
        }
        return e;
    }

    /**
     * EPIPE: strerror's text in English locales, or any failed write when standard output is a pipe or a
     * socket (Linux's /proc/self/fd names them), whatever language the message is in.
     */
    private static boolean readerGone(IOException e) {
        if ("Broken pipe".equals(e.getMessage())) {
            return true;
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString();
            return target.startsWith("pipe:") || target.startsWith("socket:");
        } catch (IOException | RuntimeException notLinux) {
            return false;
        }
    }
}
