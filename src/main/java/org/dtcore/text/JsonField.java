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

    /**
     * The field every reading of a file starts from.
     *
     * @param v the document's value, as {@link JsonText#parse} read it
     * @return the whole document as a field, path {@code $}
     */
    public static JsonField root(JsonValue v) {
        return new JsonField(v, v, "$");
    }

    /**
     * A member of this object. It never fails: whether the member must be there is the caller's to say
     * through the readers ({@link #number()} and the like fail on an absent field, the optional ones do not).
     *
     * @param name the member's name
     * @return the member, with its path; absent ({@link #present()} false) when this is not an object or
     *         lacks it, and then placed at this object
     */
    public JsonField get(String name) {
        JsonValue v = value == null ? null : value.members().get(name);
        return new JsonField(v, v == null ? at : v, path + "." + Numbers.shorten(name));
    }

    /**
     * Which field this is.
     *
     * @return its JSON path, such as {@code $.numa.1.ranges[0].end} (a long key is shortened)
     */
    public String path() {
        return path;
    }

    /**
     * The raw value, for a caller that reads a shape this class has no reader for.
     *
     * @return the value, a JSON {@code null} included; empty when the field is absent
     */
    public Optional<JsonValue> value() {
        return Optional.ofNullable(value);
    }

    /**
     * Whether the file has this field.
     *
     * @return true when the field is there, {@code null} or not
     */
    public boolean present() {
        return value != null;
    }

    /**
     * Whether the file says "none" here.
     *
     * @return true when the field is there and is {@code null}
     */
    public boolean isNull() {
        return value != null && value.is(JsonValue.Type.NULL);
    }

    /**
     * Whether the file gives this field a value.
     *
     * @return true when the field is there and not {@code null}
     */
    public boolean given() {
        return value != null && !value.is(JsonValue.Type.NULL);
    }

    /**
     * Where this field is, for a message.
     *
     * @return "line 3 column 7: $.ram[0].end": the place of the field, or (when absent) of the object that
     *         lacks it, then the field's path
     */
    public String where() {
        return at.place() + ": " + path;
    }

    /**
     * A failure of this field, for the caller to throw.
     *
     * @param message what the field must be, in words that do not quote the file
     * @return an exception of kind {@link TextException.Kind#JSON_FIELD} located by {@link #where()}
     */
    public TextException error(String message) {
        return new TextException(TextException.Kind.JSON_FIELD, where(), message);
    }

    /**
     * Checks that this is an object of known members only (a typo must not pass silently).
     *
     * @param known the names of the members this object may have
     * @return this field, to read its members from
     * @throws TextException when this is absent or not an object, or has a member not in {@code known}
     *                       (located at that member)
     */
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
     *
     * @param member  the member's value, whose place the failure takes
     * @param message what is wrong with the member
     * @return an exception of kind {@link TextException.Kind#JSON_FIELD}, for the caller to throw
     */
    public TextException errorAt(JsonValue member, String message) {
        return new TextException(TextException.Kind.JSON_FIELD, member.place() + ": " + path, message);
    }

    /**
     * The member names of this object, for objects keyed by id ({@code $.numa}).
     *
     * @return the names in file order
     * @throws TextException when this is absent or not an object
     */
    public List<String> names() {
        if (!present() || !value.is(JsonValue.Type.OBJECT)) {
            throw error("expected an object, found " + found());
        }
        return List.copyOf(value.members().keySet());
    }

    /**
     * The elements of this array.
     *
     * @return each element as a field, its path ending in {@code [i]}
     * @throws TextException when this is absent or not an array
     */
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

    /**
     * This array, each element read by one reader.
     *
     * @param <T>  what an element reads as
     * @param item the reader of one element; it throws what it finds wrong
     * @return the elements read, in order
     * @throws TextException when this is absent or not an array
     */
    public <T> List<T> list(Function<JsonField, T> item) {
        List<T> out = new ArrayList<>();
        for (JsonField f : elements()) {
            out.add(item.apply(f));
        }
        return out;
    }

    /**
     * A required address, size or flag word, which the class comment's rule says is a string.
     *
     * @return the value, unsigned 64-bit, read by {@link Numbers#parse}
     * @throws TextException when absent, not a string, or not a number in dtcore's grammar
     */
    public long number() {
        String t = numberText();
        try {
            return Numbers.parse(t);
        } catch (TextException e) {
            throw grammar(e);
        }
    }

    /**
     * An optional address, size or flag word.
     *
     * @return {@link #number()} when given; empty when the field is absent or JSON {@code null}
     * @throws TextException when given but not a number as {@link #number()} reads it
     */
    public Optional<Long> optionalNumber() {
        return given() ? Optional.of(number()) : Optional.empty();
    }

    /**
     * A required size, which may be the whole 64-bit space.
     *
     * @return the size read by {@link Numbers#parseSize}, up to 2^64 ({@code "16E"})
     * @throws TextException when absent, not a string, or not a size in dtcore's grammar
     */
    public ByteSize size() {
        String t = numberText();
        try {
            return Numbers.parseSize(t);
        } catch (TextException e) {
            throw grammar(e);
        }
    }

    /**
     * An optional size.
     *
     * @return {@link #size()} when given; empty when the field is absent or JSON {@code null}
     * @throws TextException when given but not a size as {@link #size()} reads it
     */
    public Optional<ByteSize> optionalSize() {
        return given() ? Optional.of(size()) : Optional.empty();
    }

    /**
     * A required string.
     *
     * @return the string's value (it may be empty)
     * @throws TextException when absent or not a string
     */
    public String text() {
        if (!present() || !value.is(JsonValue.Type.STRING)) {
            throw error(present() ? "expected a string, found " + found() : "missing");
        }
        return value.text();
    }

    /**
     * An optional string.
     *
     * @return {@link #text()} when given; empty when the field is absent or JSON {@code null}
     * @throws TextException when given but not a string
     */
    public Optional<String> optionalText() {
        return given() ? Optional.of(text()) : Optional.empty();
    }

    /**
     * An optional flag.
     *
     * @return true or false when given; empty when the field is absent or JSON {@code null}
     * @throws TextException when given but not {@code true} or {@code false}
     */
    public Optional<Boolean> optionalBoolean() {
        if (!given()) {
            return Optional.empty();
        }
        if (!value.is(JsonValue.Type.BOOLEAN)) {
            throw error("expected true or false, found " + found());
        }
        return Optional.of(value.text().equals("true"));
    }

    /**
     * A required count or id (a CPU, a NUMA node, VA_BITS), which the class comment's rule says is a JSON
     * integer.
     *
     * @param max the largest value allowed
     * @return the value, 0 to {@code max}
     * @throws TextException when absent, not a JSON number, not digits only (a sign, fraction or exponent),
     *                       or above {@code max}
     */
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

    /**
     * An optional count or id.
     *
     * @param max the largest value allowed
     * @return {@link #integer(int)} when given; empty when the field is absent or JSON {@code null}
     * @throws TextException when given but not an integer from 0 to {@code max}
     */
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
