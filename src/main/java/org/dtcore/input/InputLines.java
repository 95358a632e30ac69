package org.dtcore.input;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

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

    /** The next line, or null at the end of the input. */
    public String next() {
        StringBuilder line = new StringBuilder();
        try {
            while (true) {
                int b = in.read();
                if (b < 0) {
                    if (line.length() == 0) {
                        return null;
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
        return line.toString();
    }

    /** The number of the line {@link #next()} returned last, from 1. */
    public int number() {
        return number;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // nothing was written; a failed close of a read-only stream loses nothing
        }
    }
}
