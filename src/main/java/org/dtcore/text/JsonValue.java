package org.dtcore.text;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One JSON value as {@link JsonText#parse} read it, with the line and column (1-based, columns in
 * characters) where it starts, so that every complaint about a field can say where the field is. A number
 * keeps its text: dtcore reads none as a JSON number but the small counts ({@link JsonField#integer}), so
 * a 10,000-digit number costs nothing to hold and is refused by its field. Immutable.
 */
public final class JsonValue {
    /** The six kinds of JSON value (RFC 8259 §3). */
    public enum Type {
        /** Members by name, in file order; no name twice. */
        OBJECT("an object"),
        /** Elements in order. */
        ARRAY("an array"),
        /** Text, its escapes resolved. */
        STRING("a string"),
        /** A number, kept as written (RFC 8259 §6 grammar). */
        NUMBER("a number"),
        /** {@code true} or {@code false}. */
        BOOLEAN("true or false"),
        /** {@code null}: "none" where a field allows it. */
        NULL("null");

        private final String words;

        Type(String words) {
            this.words = words;
        }

        /**
         * The kind in a message's words.
         *
         * @return "an object", "a number", "true or false" ...: what a message says it found
         */
        public String words() {
            return words;
        }
    }

    private final Type type;
    private final String text;
    private final Map<String, JsonValue> members;
    private final List<JsonValue> elements;
    private final int line;
    private final int column;

    private JsonValue(Type type, String text, Map<String, JsonValue> members, List<JsonValue> elements, int line,
                      int column) {
        this.type = type;
        this.text = text;
        this.members = members;
        this.elements = elements;
        this.line = line;
        this.column = column;
    }

    static JsonValue object(Map<String, JsonValue> members, int line, int column) {
        return new JsonValue(Type.OBJECT, null, Collections.unmodifiableMap(members), List.of(), line, column);
    }

    static JsonValue array(List<JsonValue> elements, int line, int column) {
        return new JsonValue(Type.ARRAY, null, Map.of(), Collections.unmodifiableList(elements), line, column);
    }

    static JsonValue string(String text, int line, int column) {
        return new JsonValue(Type.STRING, text, Map.of(), List.of(), line, column);
    }

    static JsonValue number(String text, int line, int column) {
        return new JsonValue(Type.NUMBER, text, Map.of(), List.of(), line, column);
    }

    static JsonValue bool(boolean value, int line, int column) {
        return new JsonValue(Type.BOOLEAN, value ? "true" : "false", Map.of(), List.of(), line, column);
    }

    static JsonValue nullValue(int line, int column) {
        return new JsonValue(Type.NULL, "null", Map.of(), List.of(), line, column);
    }

    /**
     * Which kind of value this is.
     *
     * @return the JSON type
     */
    public Type type() {
        return type;
    }

    /**
     * Where the value starts.
     *
     * @return the line, from 1
     */
    public int line() {
        return line;
    }

    /**
     * Where the value starts on its line.
     *
     * @return the column, from 1, counted in characters (not bytes)
     */
    public int column() {
        return column;
    }

    /**
     * Where the value starts, for a message.
     *
     * @return "line 3 column 7"
     */
    public String place() {
        return "line " + line + " column " + column;
    }

    /**
     * The value of a scalar as text.
     *
     * @return a string's value, a number's text as written, "true", "false" or "null"; empty for an object or
     *         array
     */
    public String text() {
        return text == null ? "" : text;
    }

    /**
     * The members of an object.
     *
     * @return the members by name, in file order, unmodifiable; empty for anything but an object
     */
    public Map<String, JsonValue> members() {
        return members;
    }

    /**
     * The elements of an array.
     *
     * @return the elements in order, unmodifiable; empty for anything but an array
     */
    public List<JsonValue> elements() {
        return elements;
    }

    /**
     * One member of an object.
     *
     * @param name the member's name
     * @return its value; empty when there is no such member or this is not an object
     */
    public Optional<JsonValue> get(String name) {
        return Optional.ofNullable(members.get(name));
    }

    /**
     * Whether this value is of one kind.
     *
     * @param t the kind
     * @return true when {@link #type()} is {@code t}
     */
    public boolean is(Type t) {
        return type == t;
    }
}
