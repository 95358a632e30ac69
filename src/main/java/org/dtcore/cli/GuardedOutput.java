package org.dtcore.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Standard output that remembers why a write failed ({@code > /dev/full}, a closed pipe), since the
 * PrintWriter on top of it keeps only a flag; the CLI then exits 2 with that reason (issue 12 item 2).
 */
final class GuardedOutput extends FilterOutputStream {
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
        if (failure == null) {
            failure = e.getMessage() == null ? "write failed" : e.getMessage();
        }
        return e;
    }
}
