package org.dtcore.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A JSON value with the path that reached it ({@code $.numa.1.ranges[0].end}) and its place in the file,
 * so that every complaint about a field of a context or expectation file names both:
 * "line 12 column 9: $.ram[0].end: ...". It holds the one reading rule for every JSON file dtcore reads
 * (docs/numbers.md):
 * <ul>
 * <li>an address, size, alignment or flag word is a <em>string</em> in dtcore's number grammar
 * ({@link Numbers#parse}: {@code "0x40000000"}, {@code "256M"}); a JSON number there is refused, since
 * most JSON readers keep numbers as doubles and lose 64-bit values above 2^53 before dtcore sees them;</li>
 * <li>a count or id (a CPU, a NUMA node, VA_BITS) is a JSON <em>integer</em>: digits only, no sign,
 * fraction or exponent; a string there is refused;</li>
 * <li>{@code null} says "none" where a field allows it; a field left out is "not given".</li>
 * </ul>
 * Messages never quote the file's values: they say what the field must be.
 */
public final class JsonField {
    private static final String NUMBER_EXAMPLE = "a string such as \"0x40000000\" or \"256M\"";

    private final JsonValue value;
    private final JsonValue at;
    private final String path;

    private JsonField(JsonValue value, JsonValue at, String path) {
        this.value = value;
        this.at = at;
        this.path = path;
    }

    /** The whole document, path {@code $}. */
    public static JsonField root(JsonValue v) {
        return new JsonField(v, v, "$");
    }

    /** The member {@code name} of this object (absent when this is not an object or lacks it). */
    public JsonField get(String name) {
        JsonValue v = value == null ? null : value.members().get(name);
        return new JsonField(v, v == null ? at : v, path + "." + Numbers.shorten(name));
    }

    /** The field's JSON path. */
    public String path() {
        return path;
    }

    /** The value, when the field is there (it may be null). */
    public Optional<JsonValue> value() {
        return Optional.ofNullable(value);
    }

    /** True when the field is there, null or not. */
    public boolean present() {
        return value != null;
    }

    /** True when the field is there and is {@code null}. */
    public boolean isNull() {
        return value != null && value.is(JsonValue.Type.NULL);
    }

    /** True when the field is there and not {@code null}. */
    public boolean given() {
        return value != null && !value.is(JsonValue.Type.NULL);
    }

    /** "line 3 column 7: $.ram[0].end": where this field is, or (when absent) the object that lacks it. */
    public String where() {
        return at.place() + ": " + path;
    }

    /** A failure of this field: its place and path, then {@code message}. */
    public TextException error(String message) {
        return new TextException(TextException.Kind.JSON_FIELD, where(), message);
    }

    /** Fails unless this is an object whose members are all in {@code known} (a typo must not pass silently). */
    public JsonField object(Set<String> known) {
        if (!present() || !value.is(JsonValue.Type.OBJECT)) {
            throw error("expected an object, found " + found());
        }
        for (var member : value.members().entrySet()) {
            if (!known.contains(member.getKey())) {
                // the key is the file's text: its place says which one, the message says what may be there
                throw errorAt(member.getValue(), "a field this object does not have (known here: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
        return this;
    }

    /**
     * A failure of this object's member whose value is {@code member}, placed there but named by this
     * object's path, since its key is text from the file (an unknown field, a key that is no id).
     */
    public TextException errorAt(JsonValue member, String message) {
        return new TextException(TextException.Kind.JSON_FIELD, member.place() + ": " + path, message);
    }

    /** The member names of this object, in file order (for objects keyed by id). */
    public List<String> names() {
        if (!present() || !value.is(JsonValue.Type.OBJECT)) {
            throw error("expected an object, found " + found());
        }
        return List.copyOf(value.members().keySet());
    }

    /** The elements of this array, each with its path. */
    public List<JsonField> elements() {
        if (!present() || !value.is(JsonValue.Type.ARRAY)) {
            throw error("expected an array, found " + found());
        }
        List<JsonField> out = new ArrayList<>(value.elements().size());
        for (int i = 0; i < value.elements().size(); i++) {
            JsonValue e = value.elements().get(i);
            out.add(new JsonField(e, e, path + "[" + i + "]"));
        }
        return out;
    }

    /** Each element of this array read by {@code item}. */
    public <T> List<T> list(Function<JsonField, T> item) {
        List<T> out = new ArrayList<>();
        for (JsonField f : elements()) {
            out.add(item.apply(f));
        }
        return out;
    }

    /** A required unsigned 64-bit number, written as a string in dtcore's grammar. */
    public long number() {
        String t = numberText();
        try {
            return Numbers.parse(t);
        } catch (TextException e) {
            throw grammar(e);
        }
    }

    /** {@link #number()} when given; empty when absent or null. */
    public Optional<Long> optionalNumber() {
        return given() ? Optional.of(number()) : Optional.empty();
    }

    /** A required size: dtcore's grammar up to 2^64 ({@code "16E"}, the whole 64-bit space). */
    public ByteSize size() {
        String t = numberText();
        try {
            return Numbers.parseSize(t);
        } catch (TextException e) {
            throw grammar(e);
        }
    }

    /** {@link #size()} when given; empty when absent or null. */
    public Optional<ByteSize> optionalSize() {
        return given() ? Optional.of(size()) : Optional.empty();
    }

    /** A required string. */
    public String text() {
        if (!present() || !value.is(JsonValue.Type.STRING)) {
            throw error(present() ? "expected a string, found " + found() : "missing");
        }
        return value.text();
    }

    /** {@link #text()} when given; empty when absent or null. */
    public Optional<String> optionalText() {
        return given() ? Optional.of(text()) : Optional.empty();
    }

    /** True or false when given; empty when absent or null. */
    public Optional<Boolean> optionalBoolean() {
        if (!given()) {
            return Optional.empty();
        }
        if (!value.is(JsonValue.Type.BOOLEAN)) {
            throw error("expected true or false, found " + found());
        }
        return Optional.of(value.text().equals("true"));
    }

    /** A required count or id: a JSON integer from 0 to {@code max}. */
    public int integer(int max) {
        if (!present()) {
            throw error("missing");
        }
        if (!value.is(JsonValue.Type.NUMBER)) {
            throw error("expected an integer from 0 to " + max + ", found " + found()
                    + (value.is(JsonValue.Type.STRING) ? " (counts and ids are JSON numbers, docs/numbers.md)" : ""));
        }
        String t = value.text();
        if (!Numbers.isDigits(t, 10)) {
            throw error(t.startsWith("-") && Numbers.isDigits(t.substring(1), 10) ? "is negative; expected 0 to " + max
                    : "expected an integer from 0 to " + max + " (digits only: no fraction or exponent)");
        }
        if (t.length() > 10 || Long.parseLong(t) > max) {
            throw error("is larger than " + max);
        }
        return Integer.parseInt(t);
    }

    /** {@link #integer(int)} when given; empty when absent or null. */
    public Optional<Integer> optionalInteger(int max) {
        return given() ? Optional.of(integer(max)) : Optional.empty();
    }

    /** The text of a number field, which must be a string. */
    private String numberText() {
        if (!present()) {
            throw error("missing");
        }
        if (value.is(JsonValue.Type.NUMBER)) {
            throw error("expected " + NUMBER_EXAMPLE + ", found a JSON number: addresses and sizes are strings,"
                    + " since most JSON readers lose 64-bit values above 2^53 (docs/numbers.md)");
        }
        if (!value.is(JsonValue.Type.STRING)) {
            throw error("expected " + NUMBER_EXAMPLE + ", found " + found());
        }
        return value.text();
    }

    /** A number-grammar failure in words that do not repeat the file's text. */
    private TextException grammar(TextException e) {
        return switch (e.kind()) {
            case LEADING_ZERO -> error("a decimal with a leading zero: octal is not accepted (write it without the"
                    + " zero, or as \"0x...\" hex)");
            case TOO_WIDE -> error("does not fit in 64 bits");
            default -> error("not a number: \"0x...\" hex, or decimal with an optional K/M/G/T/P/E suffix such as"
                    + " \"256M\" (docs/numbers.md)");
        };
    }

    private String found() {
        return present() ? value.type().words() : "nothing";
    }
}
