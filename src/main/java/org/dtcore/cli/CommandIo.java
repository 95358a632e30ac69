package org.dtcore.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import org.dtcore.TerminalText;
import org.dtcore.Wording;

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

    /**
     * Prints one warning line on standard error, as every command does: "dtcore: warning: ", the text with
     * this run's copy of standard input said as {@code -}, escaped for the terminal (one line, whatever the
     * input's names hold).
     */
    void warn(String text) {
        err.println("dtcore: warning: " + TerminalText.escape(StdinFile.unmask(text)));
    }

    /** {@link #warn(String)} of a library notice, each input spelt as this command line names it. */
    void warn(Wording notice) {
        warn(notice.render(Flags::of));
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
