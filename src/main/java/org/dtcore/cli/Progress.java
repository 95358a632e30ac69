package org.dtcore.cli;

import java.io.PrintWriter;

/**
 * A one-line progress count on standard error ({@code chunks: 120/854}), redrawn with a carriage return
 * at most ten times a second and erased at the end; only drawn when a person watches standard error.
 */
final class Progress {
    private static final long INTERVAL_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final String task;
    private final int total;
    private long last;
    private int width;

    Progress(PrintWriter err, String task, int total) {
        this.err = err;
        this.task = task;
        this.total = total;
        this.last = System.nanoTime();
    }

    void show(int done) {
        long now = System.nanoTime();
        if (now - last < INTERVAL_NANOS && done < total) {
            return;
        }
        last = now;
        String line = task + ": " + done + "/" + total;
        width = Math.max(width, line.length());
        err.print("\r" + line);
        err.flush();
    }

    void clear() {
        if (width > 0) {
            err.print("\r" + " ".repeat(width) + "\r");
            err.flush();
        }
    }
}
