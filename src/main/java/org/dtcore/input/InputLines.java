package org.dtcore.input;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Lines of a text input, read one at a time with two caps: on the whole input, and on
 * each line, so a file of gigabytes without a newline costs one line's worth of memory before it is
 * refused. Bytes become chars one to one (ISO 8859-1): binary input cannot fail to decode, and the
 * caller decides what a byte above 0x7f means. A line ends at '\n', which is not part of it.
 */
public final class InputLines implements AutoCloseable {
    private final InputStream in;
    private final String name;
    private final long maxBytes;
    private final int maxLineBytes;
    private long read;
    private int number;

    InputLines(InputStream in, String name, long maxBytes, int maxLineBytes) {
        this.in = new BufferedInputStream(in, 1 << 16);
        this.name = name;
        this.maxBytes = maxBytes;
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * Reads the next line.
     *
     * @return the line without its '\n' (a last line without one counts); empty at the end of the input
     * @throws InputException TOO_LARGE past the cap on the whole input, LINE_TOO_LONG (located at the line)
     *         past the cap on a line, UNREADABLE when the read fails
     */
    public Optional<String> next() {
        StringBuilder line = new StringBuilder();
        try {
            while (true) {
                int b = in.read();
                if (b < 0) {
                    if (line.length() == 0) {
                        return Optional.empty();
                    }
                    break;
                }
                if (++read > maxBytes) {
                    throw InputFile.tooLarge(name, maxBytes);
                }
                if (b == '\n') {
                    break;
                }
                if (line.length() == maxLineBytes) {
                    throw new InputException(InputException.Kind.LINE_TOO_LONG, name + " line " + (number + 1),
                            "longer than " + maxLineBytes + " bytes; not a line of this kind of file");
                }
                line.append((char) b);
            }
        } catch (IOException e) {
            throw new InputException(InputException.Kind.UNREADABLE, name, "cannot read: " + InputFile.reason(e));
        }
        number++;
        return Optional.of(line.toString());
    }

    /**
     * Where the reader is, for messages that name a line.
     *
     * @return the number of the line {@link #next()} returned last, from 1; 0 before the first
     */
    public int number() {
        return number;
    }

    /** Closes the input; a failure to close is ignored, since nothing was written. */
    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // nothing was written; a failed close of a read-only stream loses nothing
        }
    }
}
