package org.dtcore.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;

/**
 * The streams one run of the CLI talks through. {@code binaryOut} is standard output as bytes (for
 * {@code -o -}); {@code out} writes text to the same place. {@code errIsTerminal} says a person watches
 * standard error, so a batch may draw its progress line there.
 */
record CommandIo(PrintWriter out, PrintWriter err, OutputStream binaryOut, InputStream in, boolean errIsTerminal,
                 StdinClaim stdinTaken) {
    CommandIo(PrintWriter out, PrintWriter err, OutputStream binaryOut, InputStream in, boolean errIsTerminal) {
        this(out, err, binaryOut, in, errIsTerminal, new StdinClaim());
    }

    /** True the first time: standard input can be read by one input of a run only. */
    boolean claimStdin() {
        return stdinTaken.take();
    }

    /**
     * Whether standard input was taken. A lock rather than an AtomicBoolean: that one's VarHandle costs every
     * run ~5 million instructions of java.lang.invoke set-up (about 6% of an empty JVM's start; docs/performance.md).
     */
    static final class StdinClaim {
        private boolean taken;

        synchronized boolean take() {
            boolean first = !taken;
            taken = true;
            return first;
        }
    }
}
