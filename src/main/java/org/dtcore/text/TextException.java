package org.dtcore.text;

import org.dtcore.DtcoreException;

/**
 * A number, size or range written as text that dtcore cannot read. It knows only the text; the layer that
 * read it from a file, option or property adds where (docs/numbers.md says what is accepted).
 */
public final class TextException extends DtcoreException {
    private static final long serialVersionUID = 1L;

    /** What was wrong with the text. */
    public enum Kind {
        /** Not digits of the expected base, or empty. */
        NOT_A_NUMBER,
        /** A decimal with a leading zero ("010M"): octal to the kernel, decimal to a person, so neither. */
        LEADING_ZERO,
        /** More than 64 bits (a size may be exactly 2^64). */
        TOO_WIDE,
        /** Not START-END, START+SIZE or SIZE@START. */
        NOT_A_RANGE,
        /** A range whose start is above its end, of size 0, or that passes 2^64. */
        BAD_RANGE,
        /** Bytes of a dtcore JSON file that are not UTF-8. */
        NOT_UTF8,
        /** Text that is not one JSON value (RFC 8259), or one nested deeper than dtcore's files go. */
        NOT_JSON,
        /** A JSON value that is missing, unknown, of the wrong type or out of range for its field. */
        JSON_FIELD
    }

    private final Kind kind;

    /**
     * A failure that knows only the text.
     *
     * @param kind    what was wrong
     * @param message what was wrong, in words that do not quote the text
     */
    public TextException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    /**
     * A failure at a place in a file.
     *
     * @param kind    what was wrong
     * @param where   "line 3 column 7", or a JSON field's place and path ("line 3 column 7: $.ram[0].end")
     * @param message what was wrong there
     */
    public TextException(Kind kind, String where, String message) {
        super(where, message, null);
        this.kind = kind;
    }

    /**
     * What was wrong, for a caller that answers each kind in its own words.
     *
     * @return the kind given when this was made
     */
    public Kind kind() {
        return kind;
    }
}
