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
                 java.util.concurrent.atomic.AtomicBoolean stdinTaken) {
    CommandIo(PrintWriter out, PrintWriter err, OutputStream binaryOut, InputStream in, boolean errIsTerminal) {
        this(out, err, binaryOut, in, errIsTerminal, new java.util.concurrent.atomic.AtomicBoolean());
    }

    /** True the first time: standard input can be read by one input of a run only. */
    boolean claimStdin() {
        return stdinTaken.compareAndSet(false, true);
    }
}
