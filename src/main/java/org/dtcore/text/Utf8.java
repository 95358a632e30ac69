package org.dtcore.text;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * dtcore's own JSON files (context and expectation files) are UTF-8 (RFC 8259). One rule for both: a byte
 * that is not UTF-8 is refused, naming its line, column and byte offset, never replaced by U+FFFD.
 */
final class Utf8 {
    private Utf8() {
    }

    /** The text of {@code bytes}; TextException at the line and column of the first byte that is not UTF-8. */
    public static String strict(byte[] bytes) {
        return strict(bytes, 0);
    }

    /** The text of {@code bytes} from {@code from} on (past a byte order mark, say), refused as {@link #strict(byte[])}. */
    static String strict(byte[] bytes, int from) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, from, bytes.length - from);
        CharBuffer out = CharBuffer.allocate(bytes.length - from); // UTF-8 never decodes to more chars than bytes
        CoderResult result = utf8.decode(in, out, true);
        if (!result.isError()) {
            result = utf8.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            throw new TextException(TextException.Kind.NOT_UTF8, place(bytes, from, at), "byte "
                    + Numbers.hex(bytes[at] & 0xff) + " (offset " + at + ") is not UTF-8 text");
        }
        return out.flip().toString();
    }

    /**
     * "line L column C" of byte {@code at}, counting lines by '\n' and columns in characters (a UTF-8
     * continuation byte starts none) from {@code from}, as {@link JsonText} counts them in decoded text.
     */
    private static String place(byte[] bytes, int from, int at) {
        int line = 1;
        int column = 1;
        for (int i = from; i < at; i++) {
            if (bytes[i] == '\n') {
                line++;
                column = 1;
            } else if ((bytes[i] & 0xc0) != 0x80) {
                column++;
            }
        }
        return "line " + line + " column " + column;
    }
}
