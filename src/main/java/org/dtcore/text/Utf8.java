package org.dtcore.text;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * dtcore's own JSON files (context and expectation files) are UTF-8 (RFC 8259). One rule for both: a byte
 * that is not UTF-8 is refused, naming its offset, never replaced by U+FFFD.
 */
public final class Utf8 {
    private Utf8() {
    }

    /** The text of {@code bytes}; TextException naming the first byte that is not UTF-8. */
    public static String strict(byte[] bytes) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length); // UTF-8 never decodes to more chars than bytes
        CoderResult result = utf8.decode(in, out, true);
        if (!result.isError()) {
            result = utf8.flush(out);
        }
        if (result.isError()) {
            throw new TextException(TextException.Kind.NOT_UTF8, "byte " + Numbers.hex(bytes[in.position()] & 0xff)
                    + " at offset " + in.position() + " is not UTF-8 text");
        }
        return out.flip().toString();
    }
}
