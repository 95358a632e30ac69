package org.dtcore.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 8259 JSON, strictly: one value, no comments, no NaN or Infinity, no single quotes, no trailing comma,
 * no duplicate key, nesting at most {@link JsonText#MAX_DEPTH} deep. Each refusal is a {@link TextException}
 * at a line and column that says in words what was expected there and what kind of thing was found,
 * without quoting the file (a character is named only when it is JSON punctuation or invisible).
 * Recursive, which the depth bound keeps far from the stack's limit; linear in the text.
 */
final class JsonSyntax {
    private final String s;
    private int i;
    private int line = 1;
    private int lineStart;
    /** The last column worked out, at {@link #columnOffset}: columns are counted on from there. */
    private int columnOffset;
    private int columnValue = 1;

    private JsonSyntax(String s, int from) {
        this.s = s;
        this.i = from;
        this.lineStart = from;
        this.columnOffset = from;
    }

    /** The one value of {@code text} from {@code from} on. */
    static JsonValue parse(String text, int from) {
        JsonSyntax p = new JsonSyntax(text, from);
        p.skipBlanks();
        if (p.i == p.s.length()) {
            throw p.fail(p.i, "no JSON value: the text is empty or only blanks");
        }
        JsonValue root = p.value(0);
        p.skipBlanks();
        if (p.i < p.s.length()) {
            throw p.fail(p.i, "more after the JSON value: a file holds one value ("
                    + found(p.s.charAt(p.i)) + " here)");
        }
        return root;
    }

    private JsonValue value(int depth) {
        char c = s.charAt(i);
        switch (c) {
            case '{':
                return object(depth + 1);
            case '[':
                return array(depth + 1);
            case '"': {
                int column = columnAt(i);
                return JsonValue.string(string(), line, column);
            }
            case 't':
                return literal("true", JsonValue.bool(true, line, columnAt(i)));
            case 'f':
                return literal("false", JsonValue.bool(false, line, columnAt(i)));
            case 'n':
                return literal("null", JsonValue.nullValue(line, columnAt(i)));
            default:
                if (c == '-' || c >= '0' && c <= '9') {
                    return number();
                }
                throw fail(i, "expected a value, found " + found(c) + hint(c));
        }
    }

    private JsonValue object(int depth) {
        int startLine = line;
        int startColumn = columnAt(i);
        deep(depth);
        i++;
        Map<String, JsonValue> members = new LinkedHashMap<>();
        skipBlanks();
        if (more() && s.charAt(i) == '}') {
            i++;
            return JsonValue.object(members, startLine, startColumn);
        }
        while (true) {
            ends("an object", startLine, startColumn);
            char c = s.charAt(i);
            if (c != '"') {
                throw fail(i, (c == '}' ? "a comma before '}': JSON allows no trailing comma"
                        : "expected a key in double quotes, found " + found(c) + hint(c)));
            }
            int keyLine = line;
            int keyColumn = columnAt(i);
            String key = string();
            skipBlanks();
            ends("an object", startLine, startColumn);
            if (s.charAt(i) != ':') {
                throw fail(i, "expected ':' after the key, found " + found(s.charAt(i)));
            }
            i++;
            skipBlanks();
            ends("an object", startLine, startColumn);
            JsonValue v = value(depth);
            JsonValue first = members.putIfAbsent(key, v);
            if (first != null) {
                throw new TextException(TextException.Kind.NOT_JSON, "line " + keyLine + " column " + keyColumn,
                        "a key this object already has (first at " + first.place() + "): JSON readers disagree"
                                + " on which value counts, so dtcore refuses both");
            }
            skipBlanks();
            ends("an object", startLine, startColumn);
            c = s.charAt(i);
            i++;
            if (c == '}') {
                return JsonValue.object(members, startLine, startColumn);
            }
            if (c != ',') {
                throw fail(i - 1, "expected ',' or '}' after a member, found " + found(c) + hint(c));
            }
            skipBlanks();
        }
    }

    private JsonValue array(int depth) {
        int startLine = line;
        int startColumn = columnAt(i);
        deep(depth);
        i++;
        List<JsonValue> elements = new ArrayList<>();
        skipBlanks();
        if (more() && s.charAt(i) == ']') {
            i++;
            return JsonValue.array(elements, startLine, startColumn);
        }
        while (true) {
            ends("an array", startLine, startColumn);
            if (s.charAt(i) == ']') {
                throw fail(i, "a comma before ']': JSON allows no trailing comma");
            }
            elements.add(value(depth));
            skipBlanks();
            ends("an array", startLine, startColumn);
            char c = s.charAt(i);
            i++;
            if (c == ']') {
                return JsonValue.array(elements, startLine, startColumn);
            }
            if (c != ',') {
                throw fail(i - 1, "expected ',' or ']' after an element, found " + found(c) + hint(c));
            }
            skipBlanks();
        }
    }

    /** A string from its opening quote; {@code i} ends after the closing one. */
    private String string() {
        int startColumn = columnAt(i);
        int start = ++i;
        StringBuilder b = null;
        while (true) {
            if (i == s.length()) {
                throw fail(i, "the text ends inside a string that starts at line " + line + " column " + startColumn);
            }
            char c = s.charAt(i);
            if (c == '"') {
                String v = b == null ? s.substring(start, i) : b.append(s, start, i).toString();
                i++;
                return v;
            }
            if (c < 0x20) {
                throw fail(i, "a control character (" + codePoint(c) + ") inside a string: write it as an escape"
                        + " such as \\n or \\u0000");
            }
            if (c == '\\') {
                if (b == null) {
                    b = new StringBuilder();
                }
                b.append(s, start, i);
                b.append(escape());
                start = i;
            } else {
                i++;
            }
        }
    }

    /** The character an escape stands for; {@code i} is at the backslash and ends after the escape. */
    private char escape() {
        int at = i;
        if (i + 1 == s.length()) {
            throw fail(at, "the text ends inside an escape sequence");
        }
        char e = s.charAt(i + 1);
        i += 2;
        switch (e) {
            case '"': return '"';
            case '\\': return '\\';
            case '/': return '/';
            case 'b': return '\b';
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'u':
                if (i + 4 > s.length() || !Numbers.isDigits(s.substring(i, i + 4), 16)) {
                    throw fail(at, "\\u must be followed by four hex digits");
                }
                char u = (char) Integer.parseInt(s, i, i + 4, 16);
                i += 4;
                return u;
            default:
                throw fail(at, "an escape sequence JSON does not have (it has \\\" \\\\ \\/ \\b \\f \\n \\r \\t and"
                        + " \\uXXXX)");
        }
    }

    /** RFC 8259 §6: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, kept as text. */
    private JsonValue number() {
        int start = i;
        int column = columnAt(i);
        if (s.charAt(i) == '-') {
            i++;
            if (!digitAt(i)) {
                throw fail(i, more() && s.charAt(i) == 'I' ? "NaN and Infinity are not JSON numbers"
                        : "a number needs a digit after '-'");
            }
        }
        if (s.charAt(i) == '0' && digitAt(i + 1)) {
            throw fail(start, "a number with a leading zero: JSON has no octal (write numbers dtcore reads as"
                    + " strings, such as \"0x40000000\")");
        }
        digits();
        if (more() && s.charAt(i) == '.') {
            i++;
            if (!digitAt(i)) {
                throw fail(i, "a number needs a digit after its decimal point");
            }
            digits();
        }
        if (more() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (more() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            if (!digitAt(i)) {
                throw fail(i, "a number needs a digit in its exponent");
            }
            digits();
        }
        return JsonValue.number(s.substring(start, i), line, column);
    }

    private void digits() {
        while (digitAt(i)) {
            i++;
        }
    }

    private boolean digitAt(int at) {
        return at < s.length() && s.charAt(at) >= '0' && s.charAt(at) <= '9';
    }

    private JsonValue literal(String word, JsonValue v) {
        if (!s.startsWith(word, i)) {
            throw fail(i, "expected a value, found " + found(s.charAt(i)) + hint(s.charAt(i)));
        }
        i += word.length();
        return v;
    }

    /** RFC 8259 §2: blanks are space, tab, line feed and carriage return; a line ends at a line feed. */
    private void skipBlanks() {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\n') {
                line++;
                lineStart = i + 1;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                return;
            }
            i++;
        }
    }

    private boolean more() {
        return i < s.length();
    }

    /** The text must go on inside the object or array that starts at the given place. */
    private void ends(String what, int startLine, int startColumn) {
        if (i == s.length()) {
            throw fail(i, "the text ends inside " + what + " that starts at line " + startLine + " column "
                    + startColumn + " (the file is cut short, or a bracket is missing)");
        }
    }

    private void deep(int depth) {
        if (depth > JsonText.MAX_DEPTH) {
            throw fail(i, "nested deeper than " + JsonText.MAX_DEPTH + " levels; no file dtcore reads goes"
                    + " beyond a few");
        }
    }

    /**
     * The column of {@code offset} on the current line, in characters (a surrogate pair is one): counted on
     * from the last column asked for, so the whole parse stays linear however long a line is.
     */
    private int columnAt(int offset) {
        if (columnOffset < lineStart || offset < columnOffset) {
            columnOffset = lineStart;
            columnValue = 1;
        }
        for (int k = columnOffset; k < offset; k++) {
            if (!Character.isLowSurrogate(s.charAt(k))) {
                columnValue++;
            }
        }
        columnOffset = offset;
        return columnValue;
    }

    private TextException fail(int offset, String message) {
        return new TextException(TextException.Kind.NOT_JSON, "line " + line + " column " + columnAt(offset), message);
    }

    /** What kind of character {@code c} is, in words; only punctuation and invisible characters are named. */
    private static String found(char c) {
        if ("{}[]:,\"".indexOf(c) >= 0) {
            return "'" + c + "'";
        }
        if (c == '\uFEFF') {
            return "a byte order mark (U+FEFF), which only the start of a file may have";
        }
        if (c < 0x20 || c == 0x7f) {
            return "a control character (" + codePoint(c) + ")";
        }
        if (c >= '0' && c <= '9' || c == '-') {
            return "a number";
        }
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_') {
            return "a word";
        }
        if (c == '/' || c == '#') {
            return "a comment";
        }
        if (c == '\'') {
            return "a single quote";
        }
        return "a character that has no place here";
    }

    /** What is likely meant, for the usual mistakes. */
    private static String hint(char c) {
        if (c == '/' || c == '#') {
            return " (JSON has no comments)";
        }
        if (c == '\'') {
            return " (JSON strings take double quotes)";
        }
        if (c == 'N' || c == 'I') {
            return " (NaN and Infinity are not JSON numbers; true, false and null are lower case, strings take"
                    + " double quotes)";
        }
        if (c == '+') {
            return " (a JSON number takes no '+')";
        }
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_') {
            return " (strings take double quotes; true, false and null are lower case)";
        }
        return "";
    }

    private static String codePoint(char c) {
        String hex = Numbers.hex(c).substring(2).toUpperCase(java.util.Locale.ROOT);
        return "U+" + "0000".substring(hex.length()) + hex;
    }
}
